package dev.flow.compiler.ast;

import java.util.ArrayList;
import java.util.List;

/** Walking statements: the one place that knows which statements hold blocks. */
public final class Statements {
  private Statements() {}

  /**
   * The blocks directly inside a statement, in source order (none for a simple statement), as a
   * list not to be changed: the shared empty list for a simple statement (most of them), a list of
   * one for a loop or an {@code exclusive}, made only for the statements with several.
   */
  public static List<Block> blocks(Stmt s) {
    if (s instanceof Stmt.ForEach f) {
      return List.of(f.body());
    } else if (s instanceof Stmt.Repeat r) {
      return List.of(r.body());
    } else if (s instanceof Stmt.While w) {
      return List.of(w.body());
    } else if (s instanceof Stmt.Exclusive x) {
      return List.of(x.body());
    } else if (s instanceof Stmt.Region r) {
      return List.of(r.body());
    } else if (s instanceof Stmt.ForEachArriving a) {
      return List.of(a.arrivals(), a.body());
    }
    List<Block> out;
    if (s instanceof Stmt.If i) {
      out = new ArrayList<>(i.arms().size() + 1);
      for (Stmt.IfArm a : i.arms()) {
        out.add(a.body());
      }
      i.otherwise().ifPresent(out::add);
    } else if (s instanceof Stmt.Match m) {
      out = new ArrayList<>(m.arms().size() + 1);
      for (Stmt.MatchArm a : m.arms()) {
        out.add(a.body());
      }
      m.otherwise().ifPresent(out::add);
    } else if (s instanceof Stmt.Parallel p) {
      out = bodies(p.branches());
    } else if (s instanceof Stmt.First f) {
      out = bodies(f.branches());
    } else if (s instanceof Stmt.Try t) {
      out = new ArrayList<>(t.handlers().size() + 1);
      out.add(t.body());
      out.addAll(t.handlers());
    } else {
      return List.of();
    }
    return out;
  }

  private static List<Block> bodies(List<Stmt.Branch> branches) {
    List<Block> out = new ArrayList<>(branches.size());
    for (Stmt.Branch b : branches) {
      out.add(b.body());
    }
    return out;
  }
}
