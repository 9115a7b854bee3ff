package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Incident;
import dev.flow.runtime.InstanceState;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Incidents ({@code retry … then wait for operator}) on generated code: {@code execution/incidents.flow}
 * compiled to Java, compiled in-process and run on the engine with a manual clock.
 */
class IncidentStepsTest {
  private Running run;

  @BeforeEach
  void compile() {
    run = Running.model("execution/incidents.flow");
  }

  /** Makes {@code book} fail its next {@code failures} calls, then answer. */
  private void bookFails(int failures) {
    AtomicInteger left = new AtomicInteger(failures);
    run.answers.put("book", args -> {
      if (left.getAndDecrement() > 0) {
        throw new IllegalStateException("ledger closed");
      }
      return "entry " + args[0];
    });
  }

  private long bookCalls() {
    return run.calls.stream().filter(c -> c.startsWith("book")).count();
  }

  @Test
  void theSystemsDefaultWaitsForAnOperatorWhoRetriesWithAFreshBudget() {
    bookFails(3);
    String id = run.start("Book", Map.of("amount", new BigDecimal("12.50")));
    run.advance(Duration.ofMinutes(2));
    assertEquals(3, bookCalls(), "the first attempt and the system's two retries");
    assertEquals(InstanceState.WAITING, run.instance(id).state());
    List<Incident> open = run.engine().incidents();
    assertEquals(1, open.size());
    assertEquals("booked", open.get(0).step());
    assertEquals("test.incidents.Book", open.get(0).workflow());
    assertEquals(3, open.get(0).attempts());
    assertEquals("test.incidents.Ledger.book failed: ledger closed", open.get(0).message());
    bookFails(1);
    run.engine().retryIncident(open.get(0).id(), "olga");
    assertEquals(4, bookCalls(), "the operator's retry runs at once");
    run.advance(Duration.ofMinutes(1));
    assertEquals(6, bookCalls(), "a fresh budget: the retry after 1m succeeds, and `confirm` is called");
    assertEquals(Map.of("entry", "entry 12.50"), run.output(id));
    assertEquals(List.of(), run.engine().incidents());
  }

  @Test
  void retryZeroTimesWaitsAtOnceAndAFailFailsTheInstanceWithItsCompensation() {
    run.answers.put("book", args -> {
      if (((BigDecimal) args[0]).signum() == 0) {
        throw new IllegalStateException("confirmation refused");
      }
      return "entry " + args[0];
    });
    String id = run.start("Book", Map.of("amount", 7));
    assertEquals(List.of("confirm"), run.engine().incidents().stream().map(Incident::step).toList(),
        "`retry 0 times then wait for operator`: the first failure waits for an operator");
    run.engine().failIncident(id + "/confirm", "olga", "refused for good");
    assertEquals(InstanceState.FAILED, run.instance(id).state());
    assertEquals("test.incidents.Ledger.book failed: confirmation refused (failed by olga: refused for good)",
        run.instance(id).error().orElseThrow().message());
    assertTrue(run.calls.contains("unbook(entry 7)"), "the booked step is compensated: " + run.calls);
  }

  @Test
  void aFailedIncidentIsCaughtByTheTryAroundItsStep() {
    bookFails(5);
    String id = run.start("BookOrExplain", Map.of("amount", 3));
    run.advance(Duration.ofSeconds(10));
    assertEquals(2, bookCalls());
    run.engine().failIncident(id + "/try/booked", "olga", "");
    assertEquals(Map.of("outcome", "not booked: test.incidents.Ledger.book failed: ledger closed (failed by olga)"),
        run.output(id));
  }
}
