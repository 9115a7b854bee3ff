package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.InstanceState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link DeadlinesTest} (computed time limits, deadlines that escalate, cancel or fail), on
 * Temporal's in-process test server. One case is restated with a tolerance on the instant it
 * records when its wait ends, as the exact-instant cases of {@link TemporalStatementKindsTest}:
 * the test server's clock runs in real time between its jumps, so a timer due at 09:30 fires
 * at 09:30 and some milliseconds.
 */
class TemporalDeadlinesTest extends DeadlinesTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }

  @Test
  @Override
  void aTimestampLiteralIsAnInstantWithItsOffset() {
    String id = run.start("Until", Map.of());
    assertEquals(InstanceState.WAITING, run.state(id));
    run.advance(Duration.ofMinutes(30));
    Map<String, Object> out = run.output(id);
    Instant at = (Instant) out.get("at");
    Instant expected = Instant.parse("2026-11-24T09:30:00Z");
    assertTrue(!at.isBefore(expected) && at.isBefore(expected.plusSeconds(5)),
        () -> "10:30 at +01:00 is 09:30 UTC: " + at);
    assertEquals(true, out.get("late"));
  }
}
