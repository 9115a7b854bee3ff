package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flow.runtime.InstanceState;
import dev.flow.temporal.Catalog;
import dev.flow.temporal.FlowWorker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The kept-events retention set on the Temporal worker ({@code FlowWorker.Builder#eventRetention},
 * {@code #keptEventsAtMost}; defaults 7 days and 1,000) on {@code execution/kept.flow}: a worker that
 * keeps events 1 day forgets one 2 days old (the default would keep it, see KeptEventsTest), and
 * one that keeps 1 event per instance drops the older of two.
 */
class TemporalKeptEventsRetentionTest {
  private Running run;

  @AfterEach
  void close() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void theDefaultsAreTheEnginesSevenDaysAndAThousandEvents() {
    assertEquals(Duration.ofDays(7), FlowWorker.DEFAULT_EVENT_RETENTION);
    assertEquals(1000, FlowWorker.DEFAULT_KEPT_EVENTS_AT_MOST);
    FlowWorker.Builder builder = FlowWorker.builder(new Catalog());
    assertThrows(IllegalArgumentException.class, () -> builder.eventRetention(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> builder.eventRetention(null));
    assertThrows(IllegalArgumentException.class, () -> builder.keptEventsAtMost(0));
  }

  @Test
  void aShorterRetentionForgetsAnEventSooner() {
    run = Running.model("execution/kept.flow", new TemporalBackend(worker -> worker.eventRetention(Duration.ofDays(1))));
    String mine = run.start("Order", Map.of("order", "A-1"));
    String other = run.start("Order", Map.of("order", "B-2"));
    run.publish(run.event("Signed", Map.of("order", "A-1")));
    run.advance(Duration.ofDays(2));
    run.publish(run.event("Signed", Map.of("order", "B-2")));
    run.complete(mine, "check", Map.of());
    assertEquals(InstanceState.WAITING, run.state(mine), "kept for 1 day, then forgotten");
    run.complete(other, "check", Map.of());
    run.publish(run.event("Paid", Map.of("order", "B-2", "amount", 3)));
    assertEquals(Map.of("outcome", "signed B-2, paid 3"), run.output(other), "an event within the day is taken");
  }

  @Test
  void keepingOneEventDropsTheOlder() {
    run = Running.model("execution/kept.flow", new TemporalBackend(worker -> worker.keptEventsAtMost(1)));
    String kitchen = run.start("Tally", Map.of("room", "kitchen"));
    run.publish(run.event("Reading", Map.of("room", "kitchen", "value", 1)));
    run.publish(run.event("Reading", Map.of("room", "kitchen", "value", 2)));
    run.complete(kitchen, "check", Map.of());
    assertEquals(InstanceState.WAITING, run.state(kitchen), "only the newer reading was kept");
    run.publish(run.event("Reading", Map.of("room", "kitchen", "value", 3)));
    assertEquals(Map.of("digits", 23L), run.output(kitchen));
  }
}
