package dev.flow.compiler.docs;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.diagram.Diagrams;
import dev.flow.compiler.diagram.ModelIndex;
import dev.flow.compiler.diagram.Words;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code index.md}: the landscape of all processes, a table of processes per category, the
 * workflows without a process, and who and what does the work (roles and systems).
 */
final class IndexPage {
  private IndexPage() {}

  static String of(ModelIndex index, Map<Decl.ProcessDecl, String> pages) {
    StringBuilder out = new StringBuilder(Docs.GENERATED);
    out.append("# Process landscape\n\n");
    if (index.processes().isEmpty()) {
      out.append("The model has no process yet.\n\n");
    } else {
      out.append("Every process, grouped by category: management processes steer the company, operational"
          + " processes do the work clients pay for, support processes keep the company running.\n\n");
      out.append(Diagrams.fence(Diagrams.landscape(index))).append('\n');
    }
    List<Optional<Clause.Category>> groups = new ArrayList<>();
    for (Clause.Category c : List.of(Clause.Category.MANAGEMENT, Clause.Category.OPERATIONAL, Clause.Category.SUPPORT)) {
      groups.add(Optional.of(c));
    }
    groups.add(Optional.empty());
    for (Optional<Clause.Category> category : groups) {
      List<Decl.ProcessDecl> processes = index.processes().stream()
          .filter(p -> p.clause(Clause.CategoryClause.class).map(Clause.CategoryClause::category).equals(category))
          .toList();
      if (processes.isEmpty()) {
        continue;
      }
      out.append("## ").append(category.map(c -> Words.humanize(c.word()) + " processes")
          .orElse("Processes without a category")).append("\n\n");
      List<List<String>> rows = new ArrayList<>();
      for (Decl.ProcessDecl p : processes) {
        rows.add(List.of(
            "[" + Markdown.text(p.name().text()) + "](" + pages.get(p) + ")",
            p.clause(Clause.Goal.class).map(g -> Markdown.text(g.text())).orElse(""),
            p.clause(Clause.Owner.class).map(o -> Markdown.text(index.title(o.role()))).orElse(""),
            Markdown.text(String.join(", ", index.workflowsOf(p).stream().map(w -> w.name().text()).toList()))));
      }
      out.append(Markdown.table(List.of("Process", "Goal", "Owner", "Workflows"), rows)).append('\n');
    }
    List<Decl.WorkflowDecl> orphans = index.workflowsWithoutProcess();
    if (!orphans.isEmpty()) {
      out.append("## Workflows without a process\n\n");
      for (Decl.WorkflowDecl w : orphans) {
        out.append("- [").append(Markdown.text(w.name().text())).append("](").append(Docs.OTHER_WORKFLOWS)
            .append("#").append(Docs.anchor(w.name().text())).append(")\n");
      }
      out.append('\n');
    }
    roles(index, out);
    systems(index, out);
    return out.toString().stripTrailing() + "\n";
  }

  private static void roles(ModelIndex index, StringBuilder out) {
    List<Decl.RoleDecl> roles = sorted(index, Decl.RoleDecl.class);
    if (roles.isEmpty()) {
      return;
    }
    out.append("## Roles\n\nWho does the work: a task for a role goes to everyone who holds it.\n\n");
    List<List<String>> rows = new ArrayList<>();
    for (Decl.RoleDecl r : roles) {
      rows.add(List.of(Markdown.text(index.title(r)), Markdown.code(index.qualifiedName(r)),
          r.doc().isEmpty() ? "" : Markdown.docCell(r.doc().text())));
    }
    out.append(Markdown.table(List.of("Role", "Name", "Description"), rows)).append('\n');
  }

  private static void systems(ModelIndex index, StringBuilder out) {
    List<Decl.SystemDecl> systems = sorted(index, Decl.SystemDecl.class);
    if (systems.isEmpty()) {
      return;
    }
    out.append("## Systems\n\nThe tools that system steps call and notifications are sent through.\n\n");
    List<List<String>> rows = new ArrayList<>();
    for (Decl.SystemDecl s : systems) {
      String actions = String.join(", ", s.actions().stream().map(a -> Markdown.code(a.name().text())).toList());
      rows.add(List.of(Markdown.text(index.title(s)), Markdown.code(index.qualifiedName(s)),
          actions.isEmpty() ? "notifications only" : actions,
          s.doc().isEmpty() ? "" : Markdown.docCell(s.doc().text())));
    }
    out.append(Markdown.table(List.of("System", "Name", "Actions", "Description"), rows)).append('\n');
  }

  private static <T extends Decl> List<T> sorted(ModelIndex index, Class<T> kind) {
    return index.model().declarations().stream()
        .filter(kind::isInstance)
        .map(kind::cast)
        .sorted(Comparator.comparing(index::qualifiedName))
        .toList();
  }
}
