package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.InstanceState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * WCP 23 ({@code receive new}) on Temporal where the run does not simply go on: the cut-off holds
 * when the instance continues as new while the receive waits (the new run counts on from the marks
 * its history holds, and the events carried over are not new), and the history replays on a fresh
 * worker (the count of arrivals is deterministic).
 */
class TemporalTransientTriggerTest {
  @Test
  void theCutOffHoldsAcrossContinueAsNew() {
    TemporalBackend backend = new TemporalBackend(worker -> worker.continueAsNewAfter(4));
    Running run = Running.model("execution/joins.flow", backend);
    try {
      String id = run.start("TransientReceive", Map.of());
      run.publish(run.event("Arrived", Map.of("kind", "delivery")));
      run.approve(id, "ready", true);
      assertEquals(InstanceState.WAITING, run.state(id), "the delivery announced before the wait is lost to it");
      assertEquals(List.of(), run.calls);
      assertTrue(backend.continuedAsNew(id), "the instance continued as new while it waited");
      run.publish(run.event("Arrived", Map.of("kind", "delivery")));
      assertEquals(List.of("perform(store)", "perform(late)"), run.calls,
          "the one announced while it waits triggers it once; the earlier one, carried over, went to the ordinary receive");
      assertEquals(InstanceState.COMPLETED, run.state(id));
    } finally {
      run.close();
    }
  }

  @Test
  void roundsWaitingAfreshReplayOnAFreshWorker() throws Exception {
    TemporalBackend backend = new TemporalBackend();
    Running run = Running.model("execution/joins.flow", backend);
    try {
      String id = run.start("TransientRounds", Map.of());
      run.publish(run.event("Arrived", Map.of("kind", "ping")));
      run.publish(run.event("Arrived", Map.of("kind", "ping")));
      run.approve(id, "handled", true);
      assertEquals(List.of("perform(ping)"), run.calls, "the ping announced while the first round was busy is lost");
      run.publish(run.event("Arrived", Map.of("kind", "ping")));
      run.approve(id, "handled", true);
      assertEquals(InstanceState.COMPLETED, run.state(id));
      assertEquals(List.of("perform(ping)", "perform(ping)"), run.calls);
      backend.replayOnFreshWorker(id);
    } finally {
      run.close();
    }
  }
}
