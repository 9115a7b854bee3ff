package dev.flow.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.history.TimerPurpose;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order of a scope's step occurrences, which replay checks: the top scope's is counted as entries are applied and
 * made as a list only when asked for (a run that never waits makes none), in the order the steps were first recorded,
 * and kept up to date from then on; a step record keeps its first command's kind and sequence (an action's in an int,
 * any other, or a sequence past an int's range, in its further facts).
 */
class HistorySequenceTest {
  private static final Instant T0 = Instant.parse("2026-12-07T16:00:00Z");

  private static History started() {
    return TestHistories.started(T0);
  }

  private static void apply(History history, HistoryEntry entry) {
    TestHistories.apply(history, T0, entry);
  }

  private static void action(History history, String stepId) {
    apply(history, new HistoryEntry.ActionScheduled(stepId, stepId, "Calc", "next", 1));
    apply(history, new HistoryEntry.ActionCompleted(stepId, Payload.of(2L), 1));
  }

  @Test
  void theTopScopesOrderIsCountedThenMadeWhenAskedAndKeptUpToDate() {
    History history = started();
    assertEquals(0, history.sequenceLength(""));
    assertEquals(List.of(), history.sequence(""));
    // Ids whose hashes put them in the step table out of their order.
    for (String id : List.of("s9", "s1", "zeta", "a", "s10")) {
      action(history, id);
    }
    apply(history, new HistoryEntry.TimerSet("s1~retry1", "s1", TimerPurpose.RETRY, T0)); // `~`: not in the order
    action(history, "branch/b1"); // another scope
    apply(history, new HistoryEntry.TaskCreated("review", "review", "task", "Clerk", null, null, null, null));
    assertEquals(6, history.sequenceLength(""));
    assertEquals(1, history.sequenceLength("branch"));
    assertEquals(List.of("s9", "s1", "zeta", "a", "s10", "review"), history.sequence(""));
    assertEquals(List.of("branch/b1"), history.sequence("branch"));
    action(history, "s1#2");
    assertEquals(7, history.sequenceLength(""));
    assertEquals(List.of("s9", "s1", "zeta", "a", "s10", "review", "s1#2"), history.sequence(""));
    assertSame(history.sequence(""), history.sequence(""), "made once, then kept");
    assertEquals(8, history.sequencedSteps());
  }

  @Test
  void aStepRecordKeepsItsFirstCommandsKindAndSequence() {
    History history = started();
    action(history, "s1");
    apply(history, new HistoryEntry.TaskCreated("review", "review", "approval", "Clerk", null, null, null, null));
    StepRecord action = history.step("s1");
    assertEquals("action", action.kind());
    assertEquals(2, action.firstSequence());
    assertNull(action.more, "an action's kind and sequence need no further facts");
    StepRecord task = history.step("review");
    assertEquals("approval", task.kind());
    assertEquals(4, task.firstSequence());
    apply(history, new HistoryEntry.TimerSet("s2~limit", "s2", TimerPurpose.TASK_LIMIT, T0));
    assertNull(history.step("s2~limit").kind());
    assertEquals(0, history.step("s2~limit").firstSequence());
  }

  @Test
  void aSequencePastAnIntsRangeIsKept() {
    long far = 3_000_000_000L;
    History history = History.of(
        List.of(new Recorded(1, T0, new HistoryEntry.InstanceStarted("acme.W", 1, Payload.of(1L), null, null))),
        List.of(new Recorded(far, T0, new HistoryEntry.ActionScheduled("s1", "s1", "Calc", "next", 1)),
            new Recorded(far + 1, T0, new HistoryEntry.ActionCompleted("s1", Payload.of(2L), 1)),
            new Recorded(far + 2, T0, new HistoryEntry.ActionScheduled("s2", "s2", "Calc", "next", 1))));
    assertEquals("action", history.step("s1").kind());
    assertEquals(far, history.step("s1").firstSequence());
    assertEquals(far + 2, history.step("s2").firstSequence());
    assertEquals(List.of("s1", "s2"), history.sequence(""));
  }
}
