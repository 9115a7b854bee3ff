package dev.flow.compiler.check.types;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Stmt;
import java.util.LinkedHashSet;
import java.util.Set;

/** The names a block (with everything nested in it) assigns with {@code set}. */
final class Assignments {
  private Assignments() {}

  static Set<String> in(Block b) {
    Set<String> out = new LinkedHashSet<>();
    collect(b, out);
    return out;
  }

  static Set<String> in(Iterable<Stmt.Branch> branches) {
    Set<String> out = new LinkedHashSet<>();
    branches.forEach(br -> collect(br.body(), out));
    return out;
  }

  private static void collect(Block b, Set<String> out) {
    for (Stmt s : b.statements()) {
      if (s instanceof Stmt.Set set) {
        out.add(set.target().text());
      } else if (s instanceof Stmt.If i) {
        i.arms().forEach(a -> collect(a.body(), out));
        i.otherwise().ifPresent(o -> collect(o, out));
      } else if (s instanceof Stmt.Match m) {
        m.arms().forEach(a -> collect(a.body(), out));
        m.otherwise().ifPresent(o -> collect(o, out));
      } else if (s instanceof Stmt.Parallel p) {
        p.branches().forEach(br -> collect(br.body(), out));
      } else if (s instanceof Stmt.First f) {
        f.branches().forEach(br -> collect(br.body(), out));
      } else if (s instanceof Stmt.ForEach f) {
        collect(f.body(), out);
      } else if (s instanceof Stmt.ForEachArriving a) {
        collect(a.body(), out);
      } else if (s instanceof Stmt.Repeat r) {
        collect(r.body(), out);
      } else if (s instanceof Stmt.While w) {
        collect(w.body(), out);
      } else if (s instanceof Stmt.Exclusive x) {
        collect(x.body(), out);
      } else if (s instanceof Stmt.Region r) {
        collect(r.body(), out);
      } else if (s instanceof Stmt.Try t) {
        collect(t.body(), out);
        t.handlers().forEach(h -> collect(h, out));
      }
    }
  }
}
