package dev.flow.compiler.codegen;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Statements;
import dev.flow.compiler.ast.Stmt;

/**
 * Whether a generated workflow lets the runtime checkpoint its loop ({@code loopCheckpoints()},
 * RUNTIME.md §6). Generated code keeps every value a round changes in the workflow object's
 * fields, so restoring them resumes a loop at a later round. The runtime checkpoints only a loop
 * outside any branch, loop body or {@code try} body; its rounds are named {@code while[n]},
 * {@code repeat[n]} or {@code item[n]} in that scope, which a second such loop would share (its
 * steps numbered after the first's). So: exactly one loop outside those, and no {@code go to}
 * (which could run it twice), nor an {@code exclusive} block, nor a collecting {@code for each} (its
 * list is made from every round's value). A {@code receive}, {@code signal}, {@code wait for} or
 * {@code emit} may be in it: the checkpoint carries which kept events the instance took and the
 * signals it keeps, and none is written while an emitted event of the rounds it leaves out is not
 * published yet.
 */
final class LoopCheckpointing {
  private LoopCheckpointing() {}

  static boolean allowed(Block body) {
    int[] counts = new int[2];
    count(body, counts, true);
    return counts[0] == 1 && counts[1] == 0;
  }

  /** Counts the loops at the top ({@code counts[0]}) and what rules checkpoints out ({@code counts[1]}). */
  private static void count(Block block, int[] counts, boolean top) {
    for (Stmt s : block.statements()) {
      boolean loop = s instanceof Stmt.While || s instanceof Stmt.Repeat
          || s instanceof Stmt.ForEach f && !f.parallel();
      if (top && loop) {
        counts[0]++;
      }
      if (s instanceof Stmt.GoTo || s instanceof Stmt.Exclusive || s instanceof Stmt.Region
          || s instanceof Stmt.CancelRegion || s instanceof Stmt.ForEach c && c.collected()) {
        counts[1]++;
      }
      boolean scoped = loop || s instanceof Stmt.ForEach || s instanceof Stmt.Parallel || s instanceof Stmt.First;
      if (s instanceof Stmt.Try t) {
        count(t.body(), counts, false);
        for (Stmt.Catch c : t.catches()) {
          count(c.body(), counts, top);
        }
        continue;
      }
      for (Block inner : Statements.blocks(s)) {
        count(inner, counts, top && !scoped);
      }
    }
  }
}
