package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code continue as new with (…)} on Temporal (execution/chain.flow): as on the engine, the
 * instance ends COMPLETED, "continued as new as ID", and the workflow starts as a new instance
 * (a Temporal workflow of its own); the count of 10 numbers, 4 per instance, ends with the sum
 * one long instance would give, and {@code current} finds the chain's last instance. A {@code call}
 * of the chain gets its last instance's outputs (more in CalledChainTest).
 */
class TemporalContinueAsNewTest {
  private Running run;

  @BeforeEach
  void compile() {
    run = Running.model("execution/chain.flow", new TemporalBackend());
    run.answers.put("add", args -> (Long) args[0] + (Long) args[1]);
  }

  @AfterEach
  void close() {
    run.close();
  }

  /** Completes the person's step of the chain, {@code rounds} times. */
  private void look(String id, int rounds) {
    for (int i = 0; i < rounds; i++) {
      String now = run.runtime().current(id);
      List<Task> open = run.runtime().inbox().forInstance(now).stream().filter(t -> t.step().equals("look")).toList();
      assertFalse(open.isEmpty(), "round " + i + ": no open look task of " + now);
      run.runtime().inbox().complete(open.get(0).id(), run.everyone, Map.of());
      run.settle();
    }
  }

  @Test
  void theChainEndsWithWhatOneLongInstanceWouldGive() {
    String id = run.start("Tally", Map.of("from", 1, "target", 10, "batch", 4, "total", 0));
    look(id, 10);
    String last = run.runtime().current(id);
    assertNotEquals(id, last);
    assertEquals(Map.of("sum", 55L, "instances", 3L), run.output(last));
    assertEquals(InstanceState.COMPLETED, run.state(id));
    String message = run.runtime().history(id).stream().map(Recorded::entry)
        .filter(HistoryEntry.InstanceEnded.class::isInstance).map(e -> ((HistoryEntry.InstanceEnded) e).message())
        .findFirst().orElseThrow();
    assertTrue(message.startsWith("continued as new as Tally-"), message);
    String second = message.substring("continued as new as ".length());
    assertEquals(last, run.runtime().current(second), "the chain goes on from the instance the first one names");
    assertEquals(10, run.calls.size(), "each number added once across the chain: " + run.calls);
    long tasks = run.runtime().history(id).stream().map(Recorded::entry)
        .filter(HistoryEntry.TaskCompleted.class::isInstance).count();
    assertEquals(4, tasks, "the first instance's history holds its own rounds only");
  }

  @Test
  void aCallOfTheChainGetsItsLastInstancesOutputs() {
    String caller = run.start("Count", Map.of("target", 10));
    String child = run.runtime().history(caller).stream().map(Recorded::entry)
        .filter(HistoryEntry.ChildStarted.class::isInstance).map(e -> ((HistoryEntry.ChildStarted) e).childId())
        .findFirst().orElseThrow();
    look(child, 10);
    assertEquals(Map.of("sum", 55L, "instances", 3L), run.output(caller));
    assertEquals(InstanceState.COMPLETED, run.state(child));
    assertNotEquals(child, run.runtime().current(child));
    assertEquals(10, run.calls.size(), "each number added once across the chain: " + run.calls);
  }
}
