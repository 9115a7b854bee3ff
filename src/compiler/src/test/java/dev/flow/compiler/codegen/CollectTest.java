package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flow.runtime.InstanceState;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Collecting loops ({@code let NAME = for each … { …; yield VALUE }}, issue 11, data) on
 * generated code: {@code execution/collect.flow} compiled to Java, compiled in-process and run
 * on the engine. {@link CollectRestartTest} restarts an engine in the middle of one.
 */
class CollectTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/collect.flow", backend());
    run.answers.put("score", args -> (long) args[0].toString().length());
  }

  @AfterEach
  void close() {
    run.close();
  }

  private void answer(String item, String verdict) {
    run.publish(run.event("Answered", Map.of("item", item, "verdict", verdict)));
  }

  @Test
  void parallelRoundsEndingInAnyOrderGiveTheirValuesInItemOrder() {
    String id = run.start("ParallelAnswers", Map.of("items", List.of("a", "bb", "ccc")));
    answer("ccc", "no");
    answer("a", "yes");
    assertEquals(InstanceState.WAITING, run.state(id));
    answer("bb", "maybe");
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
    List<?> verdicts = (List<?>) run.output(id).get("verdicts");
    assertEquals(List.of("a: yes (1)", "bb: maybe (2)", "ccc: no (3)"), verdicts);
    assertThrows(UnsupportedOperationException.class, verdicts::clear, "a collected list is a value");
  }

  @Test
  void anEmptyListCollectsNothing() {
    String id = run.start("ParallelAnswers", Map.of("items", List.of()));
    assertEquals(Map.of("verdicts", List.of()), run.output(id));
  }

  @Test
  void sequentialRoundsCollectInOrder() {
    String id = run.start("SequentialScores", Map.of("items", List.of("abc", "a", "ab")));
    assertEquals(Map.of("scores", List.of(6L, 2L, 4L)), run.output(id));
  }

  @Test
  void aWrittenTypeWidensAndOptionalValuesKeepTheirPlace() {
    String id = run.start("Declared", Map.of("items", List.of("a", "bb", "c")));
    Map<String, Object> out = run.output(id);
    List<?> amounts = (List<?>) out.get("amounts");
    assertEquals(3, amounts.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(0, new BigDecimal(List.of(1, 2, 1).get(i)).compareTo((BigDecimal) amounts.get(i)), "amount " + i);
    }
    assertEquals(Arrays.asList(null, "big", null), out.get("notes"));
  }

  @Test
  void aRoundThatRunsAStepAgainYieldsItsLastValue() {
    String id = run.start("Again", Map.of("items", List.of("a", "bb")));
    assertEquals(Map.of("scores", List.of(12L, 22L)), run.output(id));
    assertEquals(List.of("score(a)", "score(a)", "score(bb)", "score(bb)"), run.calls);
  }

  @Test
  void aCollectingLoopInsideAnothersRound() {
    String id = run.start("Nested", Map.of("groups", List.of(List.of("a", "bbb"), List.of(), List.of("cc"))));
    assertEquals(Map.of("sizes", List.of(List.of(1L, 3L), List.of(), List.of(2L))), run.output(id));
  }
}
