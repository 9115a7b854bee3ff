package dev.flow.runtime;

import static dev.flow.runtime.Flows.ALICE;
import static dev.flow.runtime.Flows.CLERK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Completing a task of an instance that is not held in memory (evicted, or read back after a restart): the instance
 * runs once, after the completion, unless the task may be the leading task of an {@code interleaved} branch (then
 * its code runs up to the task first, to know whether the completion takes the block's section).
 */
class EvictedCompletionTest {
  private static final TaskStep<Void> FIRST = TaskStep.of("first", CLERK);
  private static final TaskStep<Void> SECOND = TaskStep.of("second", CLERK);

  @Test
  void aTopLevelTaskOrALoopRoundsTaskIsCompletedWithoutARunBeforeIt() {
    AtomicInteger runs = new AtomicInteger();
    WorkflowDefinition<In, Out> flow = Flows.workflow("Evicted", (ctx, in) -> {
      runs.incrementAndGet();
      ctx.task(FIRST);
      int[] round = {0};
      ctx.loop(() -> round[0] < 2, () -> {
        ctx.task(SECOND);
        round[0]++;
      });
      return new Out("done " + round[0]);
    }).steps(FIRST, SECOND).build();
    try (Engine engine = Engine.builder().withoutSchedules().workflow(flow).cacheSize(0).keptRuns(0).build()) {
      String id = engine.start(flow, new In("a"));
      assertEquals(1, runs.get());
      engine.inbox().complete(engine.inbox().task(id, "first").id(), ALICE);
      assertEquals(2, runs.get(), "one run, after the completion");
      engine.inbox().complete(engine.inbox().task(id, "second").id(), ALICE);
      assertEquals(3, runs.get(), "a loop round's task: one run too");
      engine.inbox().complete(engine.inbox().task(id, "second").id(), ALICE);
      assertEquals(new Out("done 2"), engine.instance(id).output(Out.class));
    }
  }

  @Test
  void onlyATaskMadeDirectlyInABranchMayLeadAnInterleavedBranch() {
    assertEquals(false, dev.flow.runtime.engine.TaskDeskAccess.mayLead("review"));
    assertEquals(false, dev.flow.runtime.engine.TaskDeskAccess.mayLead("while[3]/review"));
    assertEquals(false, dev.flow.runtime.engine.TaskDeskAccess.mayLead("legal/item[2]/review#2"));
    assertEquals(true, dev.flow.runtime.engine.TaskDeskAccess.mayLead("legal/review"));
    assertEquals(true, dev.flow.runtime.engine.TaskDeskAccess.mayLead("while[2]/legal/review"));
  }
}
