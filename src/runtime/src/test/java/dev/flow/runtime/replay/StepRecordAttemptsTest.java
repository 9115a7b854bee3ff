package dev.flow.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A step record counts an action's attempts as its entries say: a first attempt by its system alone (a record of a
 * step that succeeded at once keeps no counts), later ones and failures in its further facts; an operator's retry
 * after an incident starts its budget from the failures so far.
 */
class StepRecordAttemptsTest {
  private static final Instant T0 = Instant.parse("2026-12-07T13:00:00Z");

  private static History started() {
    return TestHistories.started(T0);
  }

  private static void apply(History history, HistoryEntry entry) {
    TestHistories.apply(history, T0, entry);
  }

  @Test
  void aFirstAttemptThatSucceedsKeepsNoCounts() {
    History history = started();
    assertNull(history.step("s"));
    apply(history, new HistoryEntry.ActionScheduled("s", "s", "Calc", "next", 1));
    StepRecord step = history.step("s");
    assertEquals(1, step.scheduledAttempts());
    assertEquals(0, step.failedAttempts());
    assertTrue(step.attemptInFlight());
    assertEquals("Calc", step.system());
    assertEquals("action", step.kind());
    apply(history, new HistoryEntry.ActionCompleted("s", Payload.of(2L), 1));
    assertEquals(1, step.scheduledAttempts());
    assertFalse(step.attemptInFlight());
    assertNull(step.more, "a step that succeeded at once keeps no further facts");
  }

  @Test
  void retriesCountEveryAttemptAndFailure() {
    History history = started();
    apply(history, new HistoryEntry.ActionScheduled("s", "s", "Calc", "next", 1));
    apply(history, new HistoryEntry.AttemptFailed("s", 1, "down", T0.plusSeconds(1)));
    StepRecord step = history.step("s");
    assertEquals(1, step.scheduledAttempts());
    assertEquals(1, step.failedAttempts());
    assertFalse(step.attemptInFlight());
    apply(history, new HistoryEntry.ActionScheduled("s", "s", "Calc", "next", 2));
    assertEquals(2, step.scheduledAttempts());
    assertTrue(step.attemptInFlight());
    apply(history, new HistoryEntry.AttemptFailed("s", 2, "down", T0.plusSeconds(2)));
    apply(history, new HistoryEntry.ActionScheduled("s", "s", "Calc", "next", 3));
    assertEquals(3, step.scheduledAttempts());
    assertEquals(2, step.failedAttempts());
    apply(history, new HistoryEntry.AttemptFailed("s", 3, "down", null));
    apply(history, new HistoryEntry.IncidentOpened("s", "s", 3, "down"));
    assertTrue(step.incidentOpen());
    apply(history, new HistoryEntry.IncidentResolved("s", HistoryEntry.IncidentResolved.Resolution.RETRIED, "op", "up"));
    assertEquals(3, step.attemptBase());
    apply(history, new HistoryEntry.ActionScheduled("s", "s", "Calc", "next", 4));
    apply(history, new HistoryEntry.ActionCompleted("s", Payload.of(2L), 4));
    assertEquals(4, step.scheduledAttempts());
    assertEquals(3, step.failedAttempts());
    assertFalse(step.attemptInFlight());
  }
}
