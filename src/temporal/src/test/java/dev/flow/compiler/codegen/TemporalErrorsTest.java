package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ErrorsTest} (typed errors, technical failures and retries), on Temporal's in-process
 * test server. One case is restated: the embedded suite reads the attempts' times from the
 * manual clock inside the connector, which on Temporal runs in an activity worker whose clock is
 * not the workflow's; here they are read from the Flow history (each attempt's
 * {@code ActionScheduled}, at workflow time) and compared in whole seconds, since the test
 * server's clock runs some milliseconds in real time between its jumps.
 */
class TemporalErrorsTest extends ErrorsTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }

  @Test
  @Override
  void retriesWaitAtMostTheirIntervalAndStopWithinTheirLimit() {
    run.answers.put("send", args -> {
      throw new IllegalStateException("mail server down");
    });
    String id = run.start("Remind", Map.of("to", "a@b.c"));
    run.advance(Duration.ofMinutes(5));
    assertEquals(InstanceState.FAILED, run.state(id));
    List<Instant> at = run.instance(id).entries().stream().filter(r -> r.entry() instanceof HistoryEntry.ActionScheduled)
        .map(Recorded::at).toList();
    Instant start = at.get(0);
    assertEquals(List.of(0L, 1L, 6L, 11L), at.stream().map(t -> Math.round(Duration.between(start, t).toMillis() / 1000.0))
        .toList(), "waits of 1s, 5s (10s capped at 5s), 5s; a fourth retry would take the waiting past 12s");
  }
}
