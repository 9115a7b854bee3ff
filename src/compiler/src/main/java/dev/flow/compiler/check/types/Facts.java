package dev.flow.compiler.check.types;

import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.check.resolve.Recorder;
import dev.flow.compiler.check.resolve.Symbol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Smart casts (LANGUAGE.md §2): the variables, inputs, step results and field paths known not
 * to be {@code none} at a point of a workflow body. Immutable.
 *
 * <p>A path is a value symbol (named by where it is declared) and the fields read from it:
 * {@code intake.contact.email}. A condition yields the facts that hold when it is true
 * ({@link #whenTrue}) and when it is false ({@link #whenFalse}): {@code x != none} is a fact
 * when true, {@code x == none} when false; {@code and}, {@code or} and {@code not} combine
 * them. {@code set} of a variable forgets what was known about it.
 *
 * <p>A {@code none} test of something that did not check (an unknown name, already reported)
 * gives {@link #ALL}: everything counts as known there, so the mistake causes no E204 after it.
 */
public final class Facts {
  /** A value known not to be {@code none}. */
  public record Path(Name root, List<String> fields) {
    public Path {
      fields = List.copyOf(fields);
    }

    Path plus(String field) {
      List<String> f = new ArrayList<>(fields);
      f.add(field);
      return new Path(root, f);
    }
  }

  public static final Facts NONE = new Facts(Set.of(), false);

  /** Everything is known not to be {@code none}: after a {@code none} test of an erroneous expression. */
  public static final Facts ALL = new Facts(Set.of(), true);

  private final Set<Path> paths;
  private final boolean all;

  private Facts(Set<Path> paths, boolean all) {
    this.paths = paths;
    this.all = all;
  }

  private static Facts of(Collection<Path> paths) {
    return paths.isEmpty() ? NONE : new Facts(java.util.Collections.unmodifiableSet(new LinkedHashSet<>(paths)), false);
  }

  public boolean contains(Path p) {
    return all || paths.contains(p);
  }

  public boolean isEmpty() {
    return !all && paths.isEmpty();
  }

  public Facts plus(Facts other) {
    if (all || other.all) {
      return ALL;
    }
    if (other.paths.isEmpty()) {
      return this;
    }
    if (paths.isEmpty()) {
      return other;
    }
    Set<Path> all = new LinkedHashSet<>(paths);
    all.addAll(other.paths);
    return of(all);
  }

  public Facts plus(Path p) {
    if (all) {
      return this;
    }
    Set<Path> more = new LinkedHashSet<>(paths);
    more.add(p);
    return of(more);
  }

  /** What both know. */
  public Facts intersect(Facts other) {
    if (all) {
      return other;
    }
    if (other.all) {
      return this;
    }
    if (paths.isEmpty() || other.paths.isEmpty()) {
      return NONE;
    }
    if (other == this || other.paths.equals(paths)) {
      return this;
    }
    Set<Path> both = new LinkedHashSet<>(paths);
    both.retainAll(other.paths);
    return of(both);
  }

  /** What every one of {@code all} knows ({@code null} entries are paths that never get here). */
  public static Facts intersectAll(List<Facts> all) {
    Facts out = null;
    for (Facts f : all) {
      if (f != null) {
        out = out == null ? f : out.intersect(f);
      }
    }
    return out;
  }

  /** Forgets everything about the variables of these names (and the fields read from them). */
  public Facts withoutNames(Set<String> names) {
    if (names.isEmpty() || paths.isEmpty() || all) {
      return this;
    }
    List<Path> kept = new ArrayList<>(paths.size());
    for (Path p : paths) {
      if (!names.contains(p.root().text())) {
        kept.add(p);
      }
    }
    return kept.size() == paths.size() ? this : of(kept);
  }

  /** Forgets everything about one variable. */
  public Facts without(Name root) {
    if (all || paths.isEmpty()) {
      return this;
    }
    List<Path> kept = new ArrayList<>(paths.size());
    for (Path p : paths) {
      if (!p.root().equals(root)) {
        kept.add(p);
      }
    }
    return kept.size() == paths.size() ? this : of(kept);
  }

  /**
   * The path an expression reads: a bare name of a variable, input, step or loop or catch
   * variable, followed by fields. Empty for anything else (a declaration, an output, a call).
   * The expression must have been typed (its names resolved) already.
   */
  public static Optional<Path> pathOf(Expr e, Recorder recorder) {
    if (e instanceof Expr.NameRef n) {
      Optional<Symbol> s = recorder.symbolOf(n.name());
      if (s.isEmpty() || s.get() instanceof Symbol.DeclSymbol || s.get() instanceof Symbol.OutputSymbol) {
        return Optional.empty();
      }
      return Optional.of(new Path(s.get().declaredAt(), List.of()));
    }
    if (e instanceof Expr.FieldAccess f) {
      return pathOf(f.target(), recorder).map(p -> p.plus(f.field().text()));
    }
    return Optional.empty();
  }

  /** What holds when {@code condition} is true. */
  public static Facts whenTrue(Expr condition, Recorder recorder) {
    return facts(condition, true, recorder);
  }

  /** What holds when {@code condition} is false. */
  public static Facts whenFalse(Expr condition, Recorder recorder) {
    return facts(condition, false, recorder);
  }

  private static Facts facts(Expr c, boolean when, Recorder recorder) {
    if (c instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
      return facts(u.operand(), !when, recorder);
    }
    if (!(c instanceof Expr.Binary b)) {
      return NONE;
    }
    switch (b.op()) {
      case AND:
        return when
            ? facts(b.left(), true, recorder).plus(facts(b.right(), true, recorder))
            : facts(b.left(), false, recorder).intersect(facts(b.right(), false, recorder));
      case OR:
        return when
            ? facts(b.left(), true, recorder).intersect(facts(b.right(), true, recorder))
            : facts(b.left(), false, recorder).plus(facts(b.right(), false, recorder));
      case EQ:
      case NE:
        boolean notNone = (b.op() == Expr.BinaryOp.NE) == when;
        if (!notNone) {
          return NONE;
        }
        if (erroneous(b.left(), recorder) || erroneous(b.right(), recorder)) {
          return ALL;
        }
        Expr other = b.right() instanceof Expr.NoneLit ? b.left() : b.left() instanceof Expr.NoneLit ? b.right() : null;
        if (other == null) {
          return NONE;
        }
        return pathOf(other, recorder).map(p -> of(List.of(p))).orElse(NONE);
      default:
        return NONE;
    }
  }

  /** Something that did not check and is not a known variable: it may have meant any none test. */
  private static boolean erroneous(Expr e, Recorder recorder) {
    return recorder.typeOf(e).isError() && pathOf(e, recorder).isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Facts f && f.all == all && f.paths.equals(paths);
  }

  @Override
  public int hashCode() {
    return paths.hashCode() * 2 + (all ? 1 : 0);
  }

  @Override
  public String toString() {
    return all ? "[everything]" : paths.toString();
  }
}
