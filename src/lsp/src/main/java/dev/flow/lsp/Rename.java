package dev.flow.lsp;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.query.Entity;
import dev.flow.compiler.query.SymbolIndex;
import java.util.ArrayList;
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
 * occurrence the symbol index knows. Only on an analysis of the text the editor has now (while a
 * file does not parse, the index may miss a use, so there is no rename).
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
    for (SymbolIndex.Occurrence o : place.current().index().occurrences(at.get().entity())) {
      Optional<Location> where = place.location(o.name().span());
      if (where.isEmpty()) {
        return null;
      }
      changes.computeIfAbsent(where.get().getUri(), u -> new ArrayList<>()).add(new TextEdit(where.get().getRange(), newName));
    }
    return new WorkspaceEdit(changes);
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
