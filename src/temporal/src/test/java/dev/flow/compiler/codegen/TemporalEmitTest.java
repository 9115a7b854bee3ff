package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link EmitTest} ({@code emit} starts and wakes workflows once) on Temporal's in-process test
 * server. Restated: the instant the event carries is compared with a tolerance (the test server's
 * clock runs some milliseconds in real time between its jumps, as in {@link TemporalStatementKindsTest});
 * the engine's restart on its journal becomes what a restart is on Temporal: a worker that never
 * ran the emitting instance replays its Temporal history (the emit is not run again, or the replay
 * fails on non-determinism), and the instance goes on without publishing again.
 */
class TemporalEmitTest extends EmitTest {
  private final TemporalBackend backend = new TemporalBackend();

  @Override
  Running.Backend backend() {
    return backend;
  }

  @Override
  void assertShippedAt(Instant expected, Instant at) {
    assertTrue(!at.isBefore(expected) && at.isBefore(expected.plusSeconds(5)), () -> at + " is not just after " + expected);
  }

  @Test
  @Override
  void anEmittedEventIsNotPublishedAgainAfterARestart() {
    String ship = run.start("Ship", Map.of("order", "A-7"));
    run.complete(ship, "pack", Map.of());
    assertEquals(1, notices().size());
    try {
      backend.replayOnFreshWorker(ship);
    } catch (Exception e) {
      throw new AssertionError("the emitting instance does not replay the same way", e);
    }
    run.complete(ship, "confirm", Map.of());
    assertEquals(InstanceState.COMPLETED, run.state(ship));
    assertEquals(1, notices().size());
    assertEquals(1, run.count(ship, HistoryEvent.Type.EVENT_PUBLISHED));
  }
}
