package dev.flow.compiler.ast;

import java.util.List;
import java.util.Optional;

/** The clauses of one kind among a declaration's clauses: asked for often, by every stage. */
final class Clauses {
  private Clauses() {}

  /**
   * Counted first, then made once: no list at all when there is none, and an immutable list of the
   * exact size otherwise (what {@code List.copyOf} of a growing list made, without the growing list).
   */
  static <T extends Clause> List<T> of(List<Clause> clauses, Class<T> kind) {
    int n = 0;
    int size = clauses.size();
    for (int i = 0; i < size; i++) {
      if (kind.isInstance(clauses.get(i))) {
        n++;
      }
    }
    if (n == 0) {
      return List.of();
    }
    Object[] out = new Object[n];
    int k = 0;
    for (int i = 0; k < n; i++) {
      Clause c = clauses.get(i);
      if (kind.isInstance(c)) {
        out[k++] = c;
      }
    }
    @SuppressWarnings("unchecked")
    List<T> list = (List<T>) (List<?>) List.of(out);
    return list;
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
