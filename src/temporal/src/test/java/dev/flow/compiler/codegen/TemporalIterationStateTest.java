package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Notification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link IterationStateTest} (per-iteration state of {@code for each … in parallel}), on
 * Temporal's in-process test server. One case is restated: its inner parallel iterations'
 * notifications are activities that Temporal runs at once, so they are recorded in any order;
 * each iteration's text is compared, not their order (as pattern 14 in
 * {@link TemporalWorkflowPatternsTest}).
 */
class TemporalIterationStateTest extends IterationStateTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }

  @Test
  @Override
  void anInnerIterationReadsItsOuterIterationsResult() {
    String id = run.start("Nested", Map.of("groups", List.of("a", "b")));
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
    assertEquals(List.of("x ref-ref-a/1", "x ref-ref-a/2", "x ref-ref-b/1", "x ref-ref-b/2"),
        run.runtime().notifications().stream().map(Notification::message).sorted().toList());
  }
}
