package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link DataTest} (records, events and joined lists built in expressions), on Temporal's
 * in-process test server. One case is restated with a tolerance on the {@code now()} it
 * records, as the exact-instant cases of {@link TemporalStatementKindsTest}: the test server's
 * clock runs in real time between its jumps, so an instance started "at" {@link Running#START}
 * reads a {@code now()} some milliseconds after it.
 */
class TemporalDataTest extends DataTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }

  @Test
  @Override
  void listsJoinLeftThenRightAndKeepNone() {
    String id = run.start("Join", Map.of("a", List.of(1, 2), "b", List.of(3)));
    Map<String, Object> out = run.output(id);
    assertEquals(List.of(1L, 2L, 3L, 7L), out.get("all"));
    assertEquals(Arrays.asList("x", null), out.get("maybe"));
    Map<String, Object> filed = Running.fields(out.get("filed"));
    assertEquals(Map.of("name", "n", "url", "u", "pages", 1L), Running.fields(filed.get("document")));
    Instant at = (Instant) filed.get("at");
    Instant start = Instant.parse(Running.START);
    assertTrue(!at.isBefore(start) && at.isBefore(start.plus(Duration.ofSeconds(5))), () -> at + " is not just after " + start);
  }
}
