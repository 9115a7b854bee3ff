package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.InstanceState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events kept for running instances (issue 11) on generated code ({@code execution/kept.flow}):
 * an event that matches a {@code receive} of a running instance but arrives while the instance is
 * elsewhere (a person's step) is kept and taken when it gets there, the oldest first, and the
 * events it does not take stay kept for its later receives; one older than the retention (7 days)
 * is forgotten; an event of another key that arrives while a receive of its type waits is kept
 * for a later receive: another receive step of its type, or the same step reached again in a loop
 * or by a {@code go to} with another correlation value. The same suite runs on Temporal
 * (TemporalKeptEventsTest in flow-temporal).
 */
class KeptEventsTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/kept.flow", backend());
  }

  @AfterEach
  void close() {
    run.close();
  }

  @Test
  void eventsThatArriveBeforeTheirReceivesAreKeptForThemAndTakenThere() {
    String mine = run.start("Order", Map.of("order", "A-1"));
    String other = run.start("Order", Map.of("order", "B-2"));
    // Both arrive while the instances wait in the clerk's step, the payment first.
    run.publish(run.event("Paid", Map.of("order", "A-1", "amount", 5)));
    run.publish(run.event("Signed", Map.of("order", "A-1")));
    run.complete(mine, "check", Map.of());
    assertEquals(Map.of("outcome", "signed A-1, paid 5"), run.output(mine),
        "the signature is taken first, the payment stays kept for the next receive");
    run.complete(other, "check", Map.of());
    assertEquals(InstanceState.WAITING, run.state(other), "another order's events are not taken");
  }

  @Test
  void aReceiveInALoopTakesTheKeptEventsOldestFirst() {
    String kitchen = run.start("Tally", Map.of("room", "kitchen"));
    run.publish(run.event("Reading", Map.of("room", "hall", "value", 9)));
    run.publish(run.event("Reading", Map.of("room", "kitchen", "value", 1)));
    run.publish(run.event("Reading", Map.of("room", "kitchen", "value", 2)));
    run.complete(kitchen, "check", Map.of());
    assertEquals(Map.of("digits", 12L), run.output(kitchen));
  }

  @Test
  void anEventOfAnotherKeyThatArrivesWhileAReceiveWaitsIsKeptForALaterReceive() {
    assertAnotherRoomsReadingIsKeptFor("Relay", "the later receive takes the reading kept for it");
  }

  @Test
  void anEventOfAnotherKeyThatArrivesWhileAReceiveInALoopWaitsIsKeptForItsNextRound() {
    assertAnotherRoomsReadingIsKeptFor("Survey", "the same receive step, in its next round, takes the kept reading");
  }

  @Test
  void anEventOfAnotherKeyThatArrivesWhileAReceiveWaitsIsKeptForTheSameStepReachedAgainByGoTo() {
    assertAnotherRoomsReadingIsKeptFor("Recheck", "the step reached again by go to takes the kept reading");
  }

  @Test
  void anEventOlderThanTheRetentionIsForgotten() {
    String mine = run.start("Order", Map.of("order", "A-1"));
    run.publish(run.event("Signed", Map.of("order", "A-1")));
    run.advance(Duration.ofDays(8));
    run.complete(mine, "check", Map.of());
    assertEquals(InstanceState.WAITING, run.state(mine), "kept for 7 days, then forgotten");
    run.publish(run.event("Signed", Map.of("order", "A-1")));
    run.publish(run.event("Paid", Map.of("order", "A-1", "amount", 7)));
    assertEquals(Map.of("outcome", "signed A-1, paid 7"), run.output(mine));
  }

  /**
   * Starts {@code workflow} for the hall (its next room the yard), publishes the yard's reading while
   * it waits for the hall's (not taken), then the hall's: the kept yard reading is taken later.
   */
  private void assertAnotherRoomsReadingIsKeptFor(String workflow, String whyTaken) {
    String id = run.start(workflow, Map.of("room", "hall", "next", "yard"));
    run.publish(run.event("Reading", Map.of("room", "yard", "value", 2)));
    assertEquals(InstanceState.WAITING, run.state(id), "the waiting receive does not take another room's reading");
    run.publish(run.event("Reading", Map.of("room", "hall", "value", 1)));
    assertEquals(Map.of("digits", 12L), run.output(id), whyTaken);
  }
}
