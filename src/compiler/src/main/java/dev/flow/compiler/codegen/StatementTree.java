package dev.flow.compiler.codegen;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Stmt;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Walking a workflow body: the blocks a statement holds, every statement in source order. */
final class StatementTree {
  private StatementTree() {}

  /** The blocks a statement holds, in source order. */
  static List<Block> blocks(Stmt s) {
    return dev.flow.compiler.ast.Statements.blocks(s);
  }

  /** Visits every statement of a block and of the blocks inside it, in source order. */
  static void forEach(Block block, Consumer<Stmt> visit) {
    for (Stmt s : block.statements()) {
      visit.accept(s);
      for (Block b : blocks(s)) {
        forEach(b, visit);
      }
    }
  }

  /** Every named step of a block, nested ones included, in source order. */
  static List<Stmt.Named> steps(Block block) {
    List<Stmt.Named> out = new ArrayList<>();
    forEach(block, s -> {
      if (s instanceof Stmt.Named n) {
        out.add(n);
      }
    });
    return out;
  }

  /** The names that some {@code go to} of the block jumps to. */
  static Set<String> gotoTargets(Block block) {
    Set<String> out = new LinkedHashSet<>();
    forEach(block, s -> {
      if (s instanceof Stmt.GoTo g) {
        out.add(g.target().text());
      }
    });
    return out;
  }
}
