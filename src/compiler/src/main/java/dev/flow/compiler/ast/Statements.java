package dev.flow.compiler.ast;

import java.util.ArrayList;
import java.util.List;

/** Walking statements: the one place that knows which statements hold blocks. */
public final class Statements {
  private Statements() {}

  /** The blocks directly inside a statement, in source order (none for a simple statement). */
  public static List<Block> blocks(Stmt s) {
    List<Block> out = new ArrayList<>();
    if (s instanceof Stmt.If i) {
      i.arms().forEach(a -> out.add(a.body()));
      i.otherwise().ifPresent(out::add);
    } else if (s instanceof Stmt.Match m) {
      m.arms().forEach(a -> out.add(a.body()));
      m.otherwise().ifPresent(out::add);
    } else if (s instanceof Stmt.Parallel p) {
      p.branches().forEach(b -> out.add(b.body()));
    } else if (s instanceof Stmt.First f) {
      f.branches().forEach(b -> out.add(b.body()));
    } else if (s instanceof Stmt.ForEach f) {
      out.add(f.body());
    } else if (s instanceof Stmt.Repeat r) {
      out.add(r.body());
    } else if (s instanceof Stmt.While w) {
      out.add(w.body());
    } else if (s instanceof Stmt.Exclusive x) {
      out.add(x.body());
    } else if (s instanceof Stmt.Try t) {
      out.add(t.body());
      out.addAll(t.handlers());    } else if (s instanceof Stmt.ForEachArriving a) {
      out.add(a.arrivals());
      out.add(a.body());
    }
    return out;
  }
}
