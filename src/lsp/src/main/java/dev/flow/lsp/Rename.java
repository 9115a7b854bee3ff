package dev.flow.lsp;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.query.Entity;
import dev.flow.compiler.query.SymbolIndex;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/**
 * Rename of a role, system, record, event, enum, field, constant, action, parameter, step,
 * branch, input, output or variable, in every file of the workspace: the declaration and every
 * occurrence the symbol index knows. An output and the inputs of the same name of the workflows
 * that {@code starts after} its workflow are one thing under two names (the output feeds the
 * input), so renaming one renames the others, across any number of such links. Only on an
 * analysis of the text the editor has now (while a file does not parse, the index may miss a use,
 * so there is no rename).
 */
final class Rename {
  private Rename() {}

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** The words that can never be names (LANGUAGE.md §1). */
  private static final Set<String> RESERVED = Set.of("true", "false", "none", "and", "or", "not", "in", "if", "else");

  /** Why a new name cannot be used, or empty when it can. */
  static Optional<String> invalid(String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      return Optional.of("`" + name + "` is not a name: a name is a letter or `_`, then letters, digits or `_`");
    }
    if (RESERVED.contains(name)) {
      return Optional.of("`" + name + "` is a reserved word and cannot be a name");
    }
    return Optional.empty();
  }

  /** The range of the name under the caret, when it can be renamed. */
  static PrepareRenameResult prepare(Place place) {
    return occurrence(place)
        .flatMap(o -> place.range(o.name().span()).map(r -> new PrepareRenameResult(r, o.name().text())))
        .orElse(null);
  }

  /** The edits that give the thing under the caret a new name everywhere, or null when nothing can be renamed there. */
  static WorkspaceEdit rename(Place place, String newName) {
    Optional<SymbolIndex.Occurrence> at = occurrence(place);
    if (at.isEmpty()) {
      return null;
    }
    Map<String, List<TextEdit>> changes = new LinkedHashMap<>();
    SymbolIndex index = place.current().index();
    List<Entity> entities = place.current().model().map(m -> linked(at.get().entity(), m, index))
        .orElse(List.of(at.get().entity()));
    for (Entity entity : entities) {
      for (SymbolIndex.Occurrence o : index.occurrences(entity)) {
        Optional<Location> where = place.location(o.name().span());
        if (where.isEmpty()) {
          return null;
        }
        changes.computeIfAbsent(where.get().getUri(), u -> new ArrayList<>()).add(new TextEdit(where.get().getRange(), newName));
      }
    }
    return new WorkspaceEdit(changes);
  }

  /** An input or output of one workflow, as a node of the {@code starts after} links. */
  private record Port(Decl.WorkflowDecl workflow, boolean output) {}

  /** {@code after} {@code starts after} {@code before}: the outputs of {@code before} feed the inputs of {@code after}. */
  private record Link(Decl.WorkflowDecl before, Decl.WorkflowDecl after) {}

  /**
   * The entity and, for an input or an output, every input and output the {@code starts after}
   * links tie to it by name: the output {@code x} of {@code W} and the input {@code x} of each
   * workflow that {@code starts after W}, then onwards from those.
   */
  static List<Entity> linked(Entity entity, SemanticModel model, SymbolIndex index) {
    Port start;
    if (entity instanceof Entity.Output o) {
      start = new Port(o.workflow(), true);
    } else if (entity instanceof Entity.Input i) {
      start = new Port(i.workflow(), false);
    } else {
      return List.of(entity);
    }
    String name = entity.name().text();
    List<Link> links = new ArrayList<>();
    for (Decl d : model.declarations()) {
      if (d instanceof Decl.WorkflowDecl after) {
        for (Clause.Trigger t : after.triggers()) {
          if (t.kind() == Clause.TriggerKind.AFTER_WORKFLOW) {
            t.target().flatMap(model::declarationOf).filter(Decl.WorkflowDecl.class::isInstance)
                .ifPresent(before -> links.add(new Link((Decl.WorkflowDecl) before, after)));
          }
        }
      }
    }
    List<Port> seen = new ArrayList<>(List.of(start));
    Deque<Port> todo = new ArrayDeque<>(seen);
    while (!todo.isEmpty()) {
      Port p = todo.pop();
      for (Link link : links) {
        Port next = null;
        if (p.output() && link.before() == p.workflow() && hasPort(link.after(), false, name)) {
          next = new Port(link.after(), false);
        } else if (!p.output() && link.after() == p.workflow() && hasPort(link.before(), true, name)) {
          next = new Port(link.before(), true);
        }
        Port found = next;
        if (found != null && seen.stream().noneMatch(s -> s.workflow() == found.workflow() && s.output() == found.output())) {
          seen.add(found);
          todo.push(found);
        }
      }
    }
    List<Entity> out = new ArrayList<>(List.of(entity));
    for (Entity e : index.entities()) {
      boolean port = e instanceof Entity.Output o && seen.stream().anyMatch(s -> s.output() && s.workflow() == o.workflow())
          || e instanceof Entity.Input i && seen.stream().anyMatch(s -> !s.output() && s.workflow() == i.workflow());
      if (port && e.name().text().equals(name) && !e.equals(entity)) {
        out.add(e);
      }
    }
    return out;
  }

  private static boolean hasPort(Decl.WorkflowDecl w, boolean output, String name) {
    return output ? w.outputs().stream().anyMatch(o -> o.name().text().equals(name))
        : w.inputs().stream().anyMatch(i -> i.name().text().equals(name));
  }

  /** The occurrence under the caret, on an up-to-date analysis, of something declared in the workspace. */
  private static Optional<SymbolIndex.Occurrence> occurrence(Place place) {
    Optional<Snapshot> good = place.good();
    if (good.isEmpty() || good.get() != place.current()) {
      return Optional.empty();
    }
    Optional<CompilationUnit> unit = place.goodUnit();
    OptionalInt offset = place.goodOffset();
    if (unit.isEmpty() || offset.isEmpty()) {
      return Optional.empty();
    }
    Optional<SymbolIndex.Occurrence> at = good.get().index().at(unit.get().file(), offset.getAsInt());
    if (at.isEmpty()) {
      return at;
    }
    Entity entity = at.get().entity();
    boolean declaredHere = !entity.name().span().isNone() && good.get().docOf(entity.name().span().file()).isPresent();
    return declaredHere ? at : Optional.empty();
  }
}
