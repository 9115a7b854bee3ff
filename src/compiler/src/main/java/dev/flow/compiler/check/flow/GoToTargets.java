package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Stmt;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each {@code go to} of a workflow may jump (LANGUAGE.md §4.9, §7 rule 7): to a named
 * step of the same block or of an enclosing block, not into a block, and not out of a
 * {@code parallel} or {@code first} branch or a parallel {@code for each} body. Shared by the
 * check that reports bad targets (E303) and by the flow analysis, which follows only good ones.
 */
final class GoToTargets {
  /** What a {@code go to} names. */
  sealed interface Target {}

  /** A step it may jump to. */
  record Valid(Stmt.Named step) implements Target {}

  /** No statement of the workflow has that name. */
  record Unknown() implements Target {}

  /** The target is a step in a block that does not hold the {@code go to}. */
  record IntoBlock(Stmt.Named step, WorkflowTree.BlockInfo block) implements Target {}

  /** The jump would leave a branch or a parallel loop body. */
  record OutOfBranch(Stmt.Named step, WorkflowTree.BlockInfo branch) implements Target {}

  private final Map<Stmt.GoTo, Target> targets = new IdentityHashMap<>();

  private GoToTargets(WorkflowTree tree) {
    for (Stmt s : tree.statements()) {
      if (s instanceof Stmt.GoTo g) {
        targets.put(g, resolve(tree, g));
      }
    }
  }

  static GoToTargets of(WorkflowTree tree) {
    return new GoToTargets(tree);
  }

  Target target(Stmt.GoTo g) {
    return targets.get(g);
  }

  /** The step a {@code go to} jumps to, when it is a good target. */
  Optional<Stmt.Named> valid(Stmt.GoTo g) {
    return target(g) instanceof Valid v ? Optional.of(v.step()) : Optional.empty();
  }

  private static Target resolve(WorkflowTree tree, Stmt.GoTo g) {
    Stmt.Named step = tree.steps().get(g.target().text());
    if (step == null) {
      return new Unknown();
    }
    var targetBlock = tree.blockOf(step);
    for (WorkflowTree.BlockInfo b : tree.enclosingBlocks(g)) {
      if (b.block() == targetBlock) {
        return new Valid(step);
      }
      if (b.kind().isBranchLike()) {
        // Leaving this block is not allowed; say so only when the target is further out.
        return tree.isInside(step, b.block()) ? new IntoBlock(step, tree.info(targetBlock))
            : outOrInto(tree, g, step, b);
      }
    }
    return new IntoBlock(step, tree.info(targetBlock));
  }

  /** The target is outside the branch {@code b}: out of a branch if it is in an enclosing block. */
  private static Target outOrInto(WorkflowTree tree, Stmt.GoTo g, Stmt.Named step, WorkflowTree.BlockInfo b) {
    var targetBlock = tree.blockOf(step);
    for (WorkflowTree.BlockInfo outer : tree.enclosingBlocks(g)) {
      if (outer.block() == targetBlock) {
        return new OutOfBranch(step, b);
      }
    }
    return new IntoBlock(step, tree.info(targetBlock));
  }
}
