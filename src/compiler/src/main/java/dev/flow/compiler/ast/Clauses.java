package dev.flow.compiler.ast;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The clauses of one kind among a declaration's clauses: asked for often, by every stage. */
final class Clauses {
  private Clauses() {}

  static <T extends Clause> List<T> of(List<Clause> clauses, Class<T> kind) {
    List<T> out = null;
    for (Clause c : clauses) {
      if (kind.isInstance(c)) {
        if (out == null) {
          out = new ArrayList<>(2);
        }
        out.add(kind.cast(c));
      }
    }
    return out == null ? List.of() : List.copyOf(out);
  }

  static <T extends Clause> Optional<T> first(List<Clause> clauses, Class<T> kind) {
    for (Clause c : clauses) {
      if (kind.isInstance(c)) {
        return Optional.of(kind.cast(c));
      }
    }
    return Optional.empty();
  }
}
