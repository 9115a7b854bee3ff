package dev.flow.compiler.ast;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;

/** The clauses of one kind among a declaration's clauses: asked for often, by every stage. */
final class Clauses {
  private Clauses() {}

  /**
   * The clauses of {@code kind}: from a {@link ByKind} list, the list it made the first time it was asked
   * (the checks ask a workflow for its inputs, outputs and triggers again and again); from any other, counted
   * first, then made once.
   */
  static <T extends Clause> List<T> of(List<Clause> clauses, Class<T> kind) {
    if (clauses instanceof ByKind byKindList) {
      return byKindList.of(kind);
    }
    return select(clauses, kind);
  }

  /**
   * No list at all when there is none, and an immutable list of the exact size otherwise (what
   * {@code List.copyOf} of a growing list made, without the growing list).
   */
  static <T extends Clause> List<T> select(List<Clause> clauses, Class<T> kind) {
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

  /**
   * A declaration's clauses, immutable (a copy of the given ones, nulls refused, as {@code List.copyOf}),
   * that keep the list of each kind once it has been asked for. Equal to, hashed and printed as any list of
   * the same clauses.
   */
  static final class ByKind extends AbstractList<Clause> implements RandomAccess {
    private final Clause[] clauses;
    /** The kinds asked for so far and their lists, in pairs; replaced, never changed (read without a lock). */
    private volatile Object[] byKind = new Object[0];

    ByKind(List<Clause> clauses) {
      this.clauses = clauses.toArray(new Clause[0]);
      for (Clause c : this.clauses) {
        Objects.requireNonNull(c);
      }
    }

    @Override
    public Clause get(int index) {
      return clauses[index];
    }

    @Override
    public int size() {
      return clauses.length;
    }

    <T extends Clause> List<T> of(Class<T> kind) {
      Object[] known = byKind;
      for (int i = 0; i < known.length; i += 2) {
        if (known[i] == kind) {
          @SuppressWarnings("unchecked")
          List<T> list = (List<T>) known[i + 1];
          return list;
        }
      }
      List<T> list = select(this, kind);
      Object[] more = Arrays.copyOf(known, known.length + 2);
      more[known.length] = kind;
      more[known.length + 1] = list;
      byKind = more; // two threads may both add a kind: the lists are equal, either may stay
      return list;
    }
  }
}
