package dev.flow.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The code of this release replays, without non-determinism, the Temporal histories that an
 * earlier release recorded ({@code temporal/histories/*.json}, written by {@link HistoryRecording}
 * from the frozen model {@code temporal/release.flow}; see {@code histories/README.md} for the
 * release): an instance begun before an upgrade goes on on the upgraded workers. A command added,
 * dropped or reordered without a {@code Workflow.getVersion} guard fails here.
 */
class ReplayPreviousReleaseTest {
  @Test
  void theHistoriesOfThePreviousReleaseReplayWithoutNonDeterminism() throws Exception {
    List<String> replayed = new ArrayList<>();
    try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
      Worker worker = environment.newWorker(ReleaseModel.QUEUE);
      ReleaseModel.worker(java.util.Collections.synchronizedList(new ArrayList<>()), 150).register(worker);
      for (String name : ReleaseModel.RECORDED) {
        WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(read(name));
        // A history that ends as the instance did: the replay goes through all of it.
        HistoryEvent last = history.getLastEvent();
        assertTrue(last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
            || last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED
            || last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED
            || last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW, name + ": " + last);
        WorkflowReplayer.replayWorkflowExecution(history, worker);
        replayed.add(name);
      }
    }
    assertEquals(ReleaseModel.RECORDED, replayed);
  }

  private static String read(String name) throws Exception {
    try (InputStream in = ReplayPreviousReleaseTest.class.getResourceAsStream("/temporal/histories/" + name + ".json")) {
      assertTrue(in != null, "no recorded history " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
