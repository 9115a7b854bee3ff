package dev.flow.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.TimerPurpose;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An action step whose entries are its first {@code ActionScheduled} and its {@code ActionCompleted} makes no step
 * record while a run asks only for its result; the record, made when anything else is asked or recorded about it, says
 * what it would have said had it been made entry by entry.
 */
class LightStepsTest {
  private static final Instant T0 = Instant.parse("2026-12-07T22:00:00Z");

  private static History started() {
    return TestHistories.started(T0);
  }

  private static void apply(History history, HistoryEntry entry) {
    TestHistories.apply(history, T0, entry);
  }

  private static HistoryEntry.ActionScheduled scheduled(String stepId, int attempt) {
    return new HistoryEntry.ActionScheduled(stepId, stepId, "Calc", "next", attempt);
  }

  @Test
  void aCompletedActionIsAnsweredFromItsEntryAndItsRecordIsMadeWhenAsked() {
    History history = started();
    Payload two = Payload.of(2_000L);
    apply(history, scheduled("s1", 1));
    assertNull(history.result("s1"));
    apply(history, new HistoryEntry.ActionCompleted("s1", two, 1));
    apply(history, scheduled("s2", 1));
    assertEquals(2, history.lightSteps());
    assertSame(two, history.result("s1"));
    assertNull(history.result("s2"), "in flight");
    assertNull(history.result("s3"));
    assertNull(history.step("s3"));
    assertEquals(2, history.lightSteps(), "looking up a step it does not have makes no record");
    assertEquals(2, history.sequenceLength(""));

    StepRecord s1 = history.step("s1");
    assertEquals(0, history.lightSteps(), "one record asked for: every light step gets its record");
    assertEquals("action", s1.kind());
    assertEquals(2, s1.firstSequence());
    assertEquals("Calc", s1.system());
    assertSame(two, s1.result);
    assertEquals(1, s1.scheduledAttempts());
    assertFalse(s1.attemptInFlight());
    assertNull(s1.more, "an action that completed at once needs no further facts");
    StepRecord s2 = history.step("s2");
    assertEquals(4, s2.firstSequence());
    assertTrue(s2.attemptInFlight());
    assertSame(s1, history.step("s1"), "made once");

    apply(history, new HistoryEntry.ActionCompleted("s2", two, 1));
    assertSame(two, history.step("s2").result);
    assertSame(two, history.result("s2"));
    assertEquals(List.of("s1", "s2"), history.sequence(""));
  }

  @Test
  void anotherEntryAboutALightStepMakesItsRecordFirst() {
    History history = started();
    apply(history, scheduled("s1", 1));
    apply(history, new HistoryEntry.AttemptFailed("s1", 1, "attempt 1 of 3: no", T0.plusSeconds(5)));
    apply(history, new HistoryEntry.TimerSet("s1~retry1", "s1", TimerPurpose.RETRY, T0.plusSeconds(5)));
    assertEquals(0, history.lightSteps());
    StepRecord s1 = history.step("s1");
    assertEquals("action", s1.kind());
    assertEquals("Calc", s1.system());
    assertEquals(1, s1.scheduledAttempts());
    assertEquals(1, s1.failedAttempts());
    assertFalse(s1.attemptInFlight());
    apply(history, scheduled("s1", 2));
    apply(history, new HistoryEntry.ActionCompleted("s1", Payload.of(3L), 2));
    assertEquals(2, s1.scheduledAttempts());
    assertEquals(3L, history.result("s1").value());
    assertEquals(List.of("s1"), history.sequence(""));
    assertEquals(0, history.lightSteps());
  }

  @Test
  void manyLightStepsSurviveTheTableGrowingAndKeepTheirOrder() {
    History history = started();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = i % 3 == 0 ? "branch/b" + i : "s" + i;
      ids.add(id);
      apply(history, scheduled(id, 1));
      apply(history, new HistoryEntry.ActionCompleted(id, Payload.of((long) i * 1_000), 1));
    }
    assertEquals(40, history.lightSteps());
    for (int i = 0; i < 40; i++) {
      assertEquals((long) i * 1_000, history.result(ids.get(i)).value());
    }
    List<String> top = ids.stream().filter(id -> id.indexOf('/') < 0).toList();
    List<String> branch = ids.stream().filter(id -> id.indexOf('/') >= 0).toList();
    assertEquals(top, history.sequence(""));
    assertEquals(branch, history.sequence("branch"));
    assertEquals(0, history.lightSteps());
    assertEquals(40, history.steps().size());
    for (int i = 0; i < 40; i++) {
      StepRecord record = history.step(ids.get(i));
      assertEquals(2L + 2L * i, record.firstSequence(), ids.get(i));
      assertEquals((long) i * 1_000, record.result.value());
    }
    // Light again after the records were made: only the new step is read again.
    apply(history, scheduled("late", 1));
    apply(history, new HistoryEntry.ActionCompleted("late", Payload.of(7L), 1));
    assertEquals(1, history.lightSteps());
    assertEquals(List.of("late"), history.sequence("").subList(top.size(), top.size() + 1));
    assertEquals(82, history.step("late").firstSequence());
    assertEquals(0, history.lightSteps());
  }

  @Test
  void stepOfOneStepMakesItsRecord() {
    History history = started();
    apply(history, scheduled("s1", 1));
    apply(history, new HistoryEntry.ActionCompleted("s1", Payload.of(5L), 1));
    StepRecord s1 = History.stepOf(history.entries(), "s1");
    assertEquals("action", s1.kind());
    assertEquals(5L, s1.result.value());
    assertEquals(2, s1.firstSequence());
  }
}
