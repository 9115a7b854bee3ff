package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.InstanceState;
import dev.flow.temporal.TemporalFlowRuntime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyedTest} (one instance per key) on Temporal's in-process test server, where the key's
 * instances have workflow ids made from the key, so Temporal itself refuses a second open one.
 * Restated: the engine's restart on its journal becomes another client (a restarted process),
 * which knows the key's instance from Temporal alone.
 */
class TemporalKeyedTest extends KeyedTest {
  private final TemporalBackend backend = new TemporalBackend();

  @Override
  Running.Backend backend() {
    return backend;
  }

  @Test
  @Override
  void theKeysInstanceIsKnownAfterARestartOnTheJournal() {
    String id = run.publish(reading("cellar", 1)).started().get(0);
    TemporalFlowRuntime restarted = backend.freshClient();
    assertEquals(List.of(), restarted.publish(reading("cellar", 2)).started());
    run.settle();
    assertEquals(List.of(), restarted.publish(reading("cellar", 4)).started());
    run.settle();
    assertEquals(InstanceState.COMPLETED, restarted.instance(id).state());
    assertEquals(Map.of("total", 7L), Running.fields(restarted.instance(id).output().orElseThrow()));
    assertEquals(1, run.instances().size());
  }
}
