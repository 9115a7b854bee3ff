package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The iteration, trigger and termination patterns of Russell, ter Hofstede, van der Aalst and
 * Mulyar (2006) that Flow's plain statements express: workflows of {@code execution/joins.flow}
 * run on the engine.
 */
class TerminationPatternsTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/joins.flow", backend());
  }

  @AfterEach
  void close() {
    run.close();
  }

  @Test
  void wcp21StructuredLoop() {
    String id = run.start("StructuredLoop", Map.of());
    run.approve(id, "recheck", false);
    run.approve(id, "recheck", false);
    assertEquals(InstanceState.WAITING, run.state(id), "the condition is tested before each round");
    run.approve(id, "recheck", true);
    assertEquals(Map.of("rounds", 3L), run.output(id), "three rounds, one exit");
  }

  @Test
  void wcp23TransientTrigger() {
    String id = run.start("TransientTrigger", Map.of());
    run.publish(run.event("Announced", Map.of("kind", "delivery", "at", run.clock.instant())));
    run.advance(java.time.Duration.ofMinutes(5));
    run.approve(id, "ready", true);
    assertEquals(InstanceState.WAITING, run.state(id), "the delivery announced before the wait is lost");
    assertEquals(List.of(), run.calls);
    run.advance(java.time.Duration.ofMinutes(5));
    // Announced an hour on: on Temporal, `now()` is the test server's clock, which time skipping may
    // have moved past the test's own; the receive compares the two.
    run.publish(run.event("Announced", Map.of("kind", "delivery", "at", run.clock.instant().plusSeconds(3600))));
    assertEquals(List.of("perform(store)"), run.calls, "one announced while it waits is taken");
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wcp43ExplicitTermination() {
    String id = run.start("ExplicitTermination", Map.of());
    run.approve(id, "stopNow", true);
    assertEquals(InstanceState.COMPLETED, run.state(id), "the instance ends at once");
    assertEquals(List.of(), run.calls, "the rest of the other branch never runs");
    assertEquals(Task.Status.WITHDRAWN, run.runtime().inbox().all().stream()
        .filter(t -> t.instanceId().equals(id) && t.step().equals("longWork")).findFirst().orElseThrow().status(),
        "the work still going on is withdrawn");
  }
}
