package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ErrorsTest} (typed errors, technical failures and retries), on Temporal's in-process
 * test server. One case is restated: the embedded suite reads the attempts' times from the
 * manual clock inside the connector, which on Temporal runs in an activity worker whose clock is
 * not the workflow's; here they are read from the Flow history (each attempt's
 * {@code ActionScheduled}, at workflow time). Each wait between two attempts is compared in whole
 * seconds, rounded down: the test server's clock runs in real time while an attempt runs (its
 * connector call, the workflow task that schedules the next one), some milliseconds on a quiet
 * machine and more on a busy one, so a wait is never shorter than the retry's interval and less
 * than a second longer. (Rounding the time since the first attempt instead adds up three
 * attempts' real time, which on a busy machine passed half a second.)
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
    List<Long> waits = new ArrayList<>();
    for (int i = 1; i < at.size(); i++) {
      waits.add(Duration.between(at.get(i - 1), at.get(i)).toMillis() / 1000);
    }
    assertEquals(List.of(1L, 5L, 5L), waits,
        "waits of 1s, 5s (10s capped at 5s), 5s; a fourth retry would take the waiting past 12s");
  }
}
