package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.Check;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * E101: a process or workflow clause given twice (LANGUAGE.md §3.4, §3.5 and §7 rule 14).
 * Every clause may come at most once except {@code measure} in a process and {@code input},
 * {@code output} and {@code starts} in a workflow. Reported at the keyword of every repetition
 * after the first, with a note that points back to the first. Among the repeatable ones, two
 * measures of one name (at the second name) and the same trigger given twice (at its
 * {@code starts}; cron texts compared field by field) are E101 too. Inputs and outputs of one
 * name are E104, from name resolution.
 */
public final class DuplicateClauseCheck implements Check {
  private static final Set<String> REPEATABLE_IN_PROCESS = Set.of("measure");
  private static final Set<String> REPEATABLE_IN_WORKFLOW = Set.of("input", "output", "starts");

  /** Beside errors of names and types: a repeated clause is repeated whatever the other errors. */
  @Override
  public Reach reach() {
    return Reach.OWN_CODE;
  }

  @Override
  public List<Diagnostic> check(SemanticModel model) {
    List<Diagnostic> out = new ArrayList<>();
    for (Decl d : model.declarations()) {
      if (d instanceof Decl.ProcessDecl p) {
        check(p, p.clauses(), REPEATABLE_IN_PROCESS, out);
        measures(p, out);
      } else if (d instanceof Decl.WorkflowDecl w) {
        check(w, w.clauses(), REPEATABLE_IN_WORKFLOW, out);
        triggers(w, out);
      }
    }
    return out;
  }

  private static void check(Decl owner, List<Clause> clauses, Set<String> repeatable, List<Diagnostic> out) {
    Map<String, Clause> first = new HashMap<>();
    for (Clause c : clauses) {
      String keyword = c.keyword();
      if (repeatable.contains(keyword)) {
        continue;
      }
      Clause earlier = first.putIfAbsent(keyword, c);
      if (earlier != null) {
        out.add(Diagnostic.of(Code.E101, Syntax.keyword(c.span(), keyword),
                "duplicate clause `" + keyword + "` in " + owner.kind() + " `" + owner.name().text() + "`")
            .withNote("the first `" + keyword + "` is on line " + earlier.span().line())
            .withHelp("give each clause once" + (keyword.equals("workflows") || keyword.equals("stakeholders")
                ? ": list every name in the first `" + keyword + "`" : "")));
      }
    }
  }

  private static void measures(Decl.ProcessDecl p, List<Diagnostic> out) {
    Map<String, Clause.Measure> first = new HashMap<>();
    for (Clause.Measure m : p.clauses(Clause.Measure.class)) {
      Clause.Measure earlier = first.putIfAbsent(m.name().text(), m);
      if (earlier != null) {
        out.add(Diagnostic.of(Code.E101, m.name().span(),
                "duplicate measure `" + m.name().text() + "` in process `" + p.name().text() + "`")
            .withNote("the first `" + m.name().text() + "` is on line " + earlier.span().line()));
      }
    }
  }

  private static void triggers(Decl.WorkflowDecl w, List<Diagnostic> out) {
    Map<String, Clause.Trigger> first = new HashMap<>();
    for (Clause.Trigger t : w.triggers()) {
      String text = describe(t);
      Clause.Trigger earlier = first.putIfAbsent(text, t);
      if (earlier != null) {
        out.add(Diagnostic.of(Code.E101, Syntax.keyword(t.span(), "starts"),
                "duplicate trigger `" + text + "` in workflow `" + w.name().text() + "`")
            .withNote("the first is on line " + earlier.span().line()));
      }
    }
  }

  /** A trigger as written, with a cron's fields separated by single spaces. */
  private static String describe(Clause.Trigger t) {
    return switch (t.kind()) {
      case MANUALLY -> "starts manually";
      case ON_EVENT -> "starts on " + t.target().map(n -> n.text()).orElse("");
      case AFTER_WORKFLOW -> "starts after " + t.target().map(n -> n.text()).orElse("");
      case EVERY -> "starts every \"" + t.cron().map(c -> String.join(" ", c.plainText().strip().split("\\s+")))
          .orElse("") + "\"";
    };
  }
}
