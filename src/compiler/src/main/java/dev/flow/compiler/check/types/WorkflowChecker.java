package dev.flow.compiler.check.types;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.resolve.CheckContext;
import dev.flow.compiler.diag.Diagnostics;
import java.util.Map;

/**
 * Checks one workflow body: first its workflow-level names and step signatures
 * ({@link StepSignatures}), then its statements ({@link StatementChecker}).
 *
 * <p>A {@code go to} carries what is known not to be {@code none} at the jump to its target,
 * which may come before it. So when a workflow has {@code go to}, its statements are first
 * checked silently until the facts at every target settle (they only shrink), and then once
 * more for real.
 */
public final class WorkflowChecker {
  private static final int MAX_ROUNDS = 10;

  private WorkflowChecker() {}

  public static void check(Decl.WorkflowDecl workflow, CheckContext ctx) {
    WorkflowInfo info = StepSignatures.collect(workflow, ctx);
    Map<String, Facts> targets = Map.of();
    if (!info.gotoTargets.isEmpty()) {
      for (int round = 0; round < MAX_ROUNDS; round++) {
        StatementChecker silent = new StatementChecker(ctx, info, new Diagnostics(), targets);
        silent.body();
        Map<String, Facts> next = Map.copyOf(silent.gotoFacts());
        if (next.equals(targets)) {
          break;
        }
        targets = next;
      }
    }
    new StatementChecker(ctx, info, ctx.diagnostics(), targets).body();
  }
}
