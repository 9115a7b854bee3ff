package dev.flow.lsp;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.query.Entity;
import dev.flow.compiler.query.SymbolIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.lsp4j.Location;

/** Go to definition and find references, across every file of the workspace, from the symbol index. */
final class Navigation {
  private Navigation() {}

  /** Where the name at the place is declared (nothing when it is not a name, or names something built in). */
  static List<Location> definition(Place place) {
    return entity(place)
        .flatMap(e -> place.location(e.name().span()))
        .map(List::of)
        .orElse(List.of());
  }

  /** Every use of what the name at the place stands for, and its declaration when asked. */
  static List<Location> references(Place place, boolean includeDeclaration) {
    Optional<Entity> entity = entity(place);
    if (entity.isEmpty()) {
      return List.of();
    }
    List<Location> out = new ArrayList<>();
    for (SymbolIndex.Occurrence o : place.good().orElseThrow().index().occurrences(entity.get())) {
      if (includeDeclaration || !o.declaration()) {
        place.location(o.name().span()).ifPresent(out::add);
      }
    }
    return out;
  }

  private static Optional<Entity> entity(Place place) {
    Optional<Snapshot> good = place.good();
    OptionalInt offset = place.goodOffset();
    Optional<CompilationUnit> unit = place.goodUnit();
    if (good.isEmpty() || offset.isEmpty() || unit.isEmpty()) {
      return Optional.empty();
    }
    return good.get().index().at(unit.get().file(), offset.getAsInt()).map(SymbolIndex.Occurrence::entity);
  }
}
