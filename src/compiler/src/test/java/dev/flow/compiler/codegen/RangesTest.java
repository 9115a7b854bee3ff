package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.Principal;
import dev.flow.runtime.TaskInbox;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Comparison patterns ({@code < 1000}) in role decisions and {@code match}, on generated code:
 * {@code execution/ranges.flow} compiled to Java, compiled in-process and run on the engine.
 */
class RangesTest {
  private Running run;

  @BeforeEach
  void compile() {
    run = Running.model("execution/ranges.flow");
  }

  private TaskInbox inbox() {
    return run.engine().inbox();
  }

  @Test
  void theApproverIsDecidedByTheRangeTheAmountFallsIn() {
    String small = run.start("ByAmount", Map.of("amount", new BigDecimal("999.99")));
    String edge = run.start("ByAmount", Map.of("amount", 1000));
    String middle = run.start("ByAmount", Map.of("amount", new BigDecimal("9999")));
    String large = run.start("ByAmount", Map.of("amount", 10000));
    assertEquals(List.of("test.ranges.Clerk"), inbox().task(small, "approve").roles());
    assertEquals(List.of("test.ranges.Manager"), inbox().task(edge, "approve").roles(), "1000 is not < 1000");
    assertEquals(List.of("test.ranges.Manager"), inbox().task(middle, "approve").roles());
    assertEquals(List.of("test.ranges.Director"), inbox().task(large, "approve").roles());
    inbox().approve(inbox().task(edge, "approve").id(), Principal.of("mia", "test.ranges.Manager"), null);
    assertEquals(Map.of("decidedBy", "mia"), run.output(edge));
  }

  @Test
  void wholeNumbersMatchLiteralsAndComparisonsInTheOrderOfTheArms() {
    for (Map.Entry<Long, String> c : Map.of(-3L, "none", 0L, "none", 1L, "few", 2L, "few", 3L, "some", 9L, "some",
        10L, "many").entrySet()) {
      String id = run.start("Bands", Map.of("count", c.getKey()));
      assertEquals(Map.of("band", c.getValue()), run.output(id), "count " + c.getKey());
    }
  }

  @Test
  void decimalsCompareByValue() {
    assertEquals(Map.of("fee", "flat"), run.output(run.start("Fees", Map.of("amount", new BigDecimal("100.00")))));
    assertEquals(Map.of("fee", "reduced"), run.output(run.start("Fees", Map.of("amount", new BigDecimal("250.50")))));
    assertEquals(Map.of("fee", "standard"), run.output(run.start("Fees", Map.of("amount", new BigDecimal("250.49")))));
  }
}
