package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Breach;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link StatementKindsTest}, every statement kind and trigger, on Temporal's in-process test
 * server. Three cases compare exact times and are restated here with a tolerance: the embedded
 * engine's manual clock stands still while the engine works, whereas the test server's clock
 * runs in real time between its jumps, so an instance started "at" {@link Running#START} starts
 * some milliseconds after it, and a timer's due time (and a {@code now()} read when it fired)
 * carries those milliseconds (see docs/architecture.md, "Flow on Temporal").
 */
class TemporalStatementKindsTest extends StatementKindsTest {
  /** How far the test server's real-time clock may run ahead of the manual clock in one test. */
  private static final Duration DRIFT = Duration.ofSeconds(5);

  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }

  private static void near(Instant expected, Object actual) {
    Instant at = (Instant) actual;
    assertTrue(!at.isBefore(expected) && at.isBefore(expected.plus(DRIFT)), () -> at + " is not just after " + expected);
  }

  @Test
  @Override
  void waitForADurationATimestampAndADate() {
    String id = run.start("Waits", Map.of("until", "2026-11-27T12:00:00Z", "day", "2026-11-30"));
    run.advance(Duration.ofDays(2).minusMinutes(1));
    assertEquals(InstanceState.WAITING, run.state(id));
    run.advance(Duration.ofDays(10));
    near(Instant.parse("2026-11-30T00:00:00Z"), run.output(id).get("woke"));
  }

  @Test
  @Override
  void aDeadlineIsBreachedAndEscalated() {
    String id = run.start("Deadlines", Map.of());
    run.advance(Duration.ofDays(3));
    assertEquals(InstanceState.WAITING, run.state(id), "a deadline does not stop the workflow");
    Breach breach = run.runtime().breaches().get(0);
    assertTrue(breach.isDeadline());
    near(Instant.parse("2026-11-26T09:00:00Z"), breach.due());
    assertEquals(Recipient.role("test.statements.Manager"), run.runtime().notifications().get(0).recipient());
  }

  @Test
  @Override
  void startsEveryWeekdayAtNine() {
    run.runtime();
    run.advance(Duration.ofDays(7));
    // The fifth firing is due at the very end of the seven days; its timer, set at a time that
    // carries the server clock's real-time milliseconds, may fall due just after the sleep ends.
    run.advance(DRIFT);
    List<Instant> started = run.instances().stream().filter(i -> i.workflow().endsWith("Nightly"))
        .map(i -> i.started()).toList();
    List<Instant> expected = List.of(Instant.parse("2026-11-25T09:00:00Z"), Instant.parse("2026-11-26T09:00:00Z"),
        Instant.parse("2026-11-27T09:00:00Z"), Instant.parse("2026-11-30T09:00:00Z"), Instant.parse("2026-12-01T09:00:00Z"));
    assertEquals(expected.size(), started.size(), started::toString);
    for (int i = 0; i < expected.size(); i++) {
      near(expected.get(i), started.get(i));
    }
    assertTrue(run.calls.stream().allMatch(c -> c.equals("file(tick)")), run.calls.toString());
  }
}
