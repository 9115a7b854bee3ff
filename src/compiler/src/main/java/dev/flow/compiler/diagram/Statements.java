package dev.flow.compiler.diagram;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Stmt;
import java.util.ArrayList;
import java.util.List;

/** Walks statements: the blocks inside one, and every statement of a block, nested ones included. */
public final class Statements {
  private Statements() {}

  /** The blocks directly inside a statement, in source order. */
  static List<Block> blocks(Stmt s) {
    return dev.flow.compiler.ast.Statements.blocks(s);
  }

  /** Every statement of a block and of the blocks inside it, in source order. */
  public static List<Stmt> all(Block block) {
    List<Stmt> out = new ArrayList<>();
    collect(block, out);
    return out;
  }

  /** The statement and every statement inside it, in source order. */
  static List<Stmt> all(Stmt s) {
    List<Stmt> out = new ArrayList<>();
    out.add(s);
    blocks(s).forEach(b -> collect(b, out));
    return out;
  }

  private static void collect(Block block, List<Stmt> out) {
    for (Stmt s : block.statements()) {
      out.add(s);
      blocks(s).forEach(b -> collect(b, out));
    }
  }

  /** The system steps with a {@code compensate with} in a statement, in source order. */
  public static List<Stmt.SystemStep> compensating(Stmt s) {
    return all(s).stream().filter(Statements::compensates).map(Stmt.SystemStep.class::cast).toList();
  }

  /** The system steps with a {@code compensate with} in a block, in source order. */
  public static List<Stmt.SystemStep> compensating(Block b) {
    return all(b).stream().filter(Statements::compensates).map(Stmt.SystemStep.class::cast).toList();
  }

  private static boolean compensates(Stmt s) {
    return s instanceof Stmt.SystemStep st && st.compensation().isPresent();
  }

  /** The named steps of a block, nested ones included, in source order. */
  static List<Stmt.Named> named(Block b) {
    return all(b).stream().filter(Stmt.Named.class::isInstance).map(Stmt.Named.class::cast).toList();
  }
}
