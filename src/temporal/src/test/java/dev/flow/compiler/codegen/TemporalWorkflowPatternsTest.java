package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.HistoryEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link WorkflowPatternsTest}, every pattern, on Temporal's in-process test server. Pattern 14
 * is restated: its iterations' actions run as activities at the same time, so they complete, and
 * enter the history, in whatever order the worker finishes them (on the embedded engine without
 * an executor they run one after another); each is still its own occurrence.
 */
class TemporalWorkflowPatternsTest extends WorkflowPatternsTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }

  @Test
  @Override
  void pattern14MultipleInstancesWithRunTimeKnowledge() {
    String id = run.start("MultipleInstancesRunTime", Map.of("lines", List.of("x", "y", "z", "w")));
    assertEquals(Map.of("checked", 4L), run.output(id));
    assertEquals(4, run.calls.size());
    assertEquals(List.of("line[1]/check", "line[2]/check", "line[3]/check", "line[4]/check"),
        run.instance(id).historyOf("check").stream().map(HistoryEvent::stepId).sorted().toList(),
        "each iteration is its own occurrence in the history");
  }
}
