package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Notification;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every iteration of a {@code for each … in parallel} has its own step results and variables
 * (RUNTIME.md §7): {@code execution/iterations.flow} compiled to Java, compiled in-process and run
 * on the engine. The engine runs the iterations one after another up to their waits and checks a
 * {@code receive}'s {@code where} when an event arrives, long after every iteration wrote its
 * state: with one field per step result for all iterations, each would see the last one's.
 */
class IterationStateTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/iterations.flow", backend());
    run.answers.put("reserve", args -> "ref-" + args[0]);
  }

  @AfterEach
  void close() {
    run.close();
  }

  private List<String> notes() {
    return run.runtime().notifications().stream().map(Notification::message).toList();
  }

  @Test
  void eachIterationCorrelatesOnItsOwnResult() {
    String id = run.start("Correlated", Map.of("items", List.of("a", "b", "c")));
    run.publish(run.event("Confirmed", Map.of("ref", "ref-b", "note", "for b")));
    run.publish(run.event("Confirmed", Map.of("ref", "ref-c", "note", "for c")));
    assertEquals(InstanceState.WAITING, run.state(id));
    run.publish(run.event("Confirmed", Map.of("ref", "ref-a", "note", "for a")));
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
    assertEquals(List.of("b: for b", "c: for c", "a: for a"), notes());
  }

  @Test
  void iterationsRunAtOnceEachCorrelateOnTheirOwnResult() throws Exception {
    WorkflowDefinition<?, ?> waiting = run.workflow("Waiting");
    ClassLoader loader = waiting.inputType().getClassLoader();
    FakeContext ctx = new FakeContext(loader).interleaved()
        .action("reserve", args -> "ref-" + args[0])
        .event(run.event("Confirmed", Map.of("ref", "ref-b", "note", "for b")))
        .event(run.event("Confirmed", Map.of("ref", "ref-a", "note", "for a")));

    Object outcome = ctx.run(waiting, Values.convert(Map.of("items", List.of("a", "b")), waiting.inputType()));

    assertFalse(outcome instanceof Throwable, () -> "failed: " + outcome + " " + ctx.log);
    List<String> correlated = ctx.log.stream().filter(line -> line.contains("correlated")).sorted().toList();
    assertEquals(List.of("receive confirmed correlated on [ref=ref-a]", "receive confirmed correlated on [ref=ref-b]"),
        correlated, "each iteration correlates on its own reservation, though both reserved before either waited");
  }

  @Test
  void aWhereCheckedLaterReadsItsOwnIterationsVariables() {
    String id = run.start("Matched", Map.of("items", List.of("a", "b")));
    run.publish(run.event("Shipped", Map.of("refs", List.of("ref-a"), "note", "first")));
    assertEquals(List.of("a: first (ref-a)"), notes(), "the first iteration's where reads its own variable");
    run.publish(run.event("Shipped", Map.of("refs", List.of("ref-x", "ref-b"), "note", "second")));
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
    assertEquals(List.of("a: first (ref-a)", "b: second (ref-b)"), notes());
  }

  @Test
  void anInnerIterationReadsItsOuterIterationsResult() {
    String id = run.start("Nested", Map.of("groups", List.of("a", "b")));
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
    assertEquals(List.of("x ref-ref-a/1", "x ref-ref-a/2", "x ref-ref-b/1", "x ref-ref-b/2"), notes());
  }

  @Test
  void theStateOfAParallelIterationIsAnObjectPerIterationASequentialLoopKeepsFields() throws IOException {
    // From the class path, so that the case also runs where the model is in the test jar (flow-temporal's subclass).
    String text;
    try (java.io.InputStream in = IterationStateTest.class.getResourceAsStream("/execution/iterations.flow")) {
      text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    SortedMap<String, String> sources = GeneratedCode.generate(List.of(
        new dev.flow.compiler.source.SourceFile("src/test/resources/execution/iterations.flow", text)));
    String matched = sources.get("test/iterations/Matched.java");
    assertTrue(matched.contains("""
            ctx.forEachInParallel("item", input.items(), item -> {
              ItemIteration itemIteration = new ItemIteration();
              itemIteration.reserve = ctx.actionWithUndo(RESERVE, new Object[] {item},
                  reserve -> new Object[] {reserve});
              itemIteration.mine = itemIteration.reserve;
        """), matched);
    assertTrue(matched.contains("private static final class ItemIteration {"), matched);
    assertFalse(matched.contains("\n  private String reserve;"), matched);
    assertTrue(matched.contains("\n    private String reserve;"), matched);
    String nested = sources.get("test/iterations/Nested.java");
    assertTrue(nested.contains("nIteration.label = groupIteration.reserve + \"/\" + n;"), nested);
    assertTrue(nested.contains("ctx.notify(Recipient.role(\"test.iterations.Clerk\"), null, this.groupIteration + \" \""),
        nested);
    String sequential = sources.get("test/iterations/Sequential.java");
    assertTrue(sequential.contains("reserve = ctx.action(RESERVE, item);"), sequential);
    assertFalse(sequential.contains("Iteration"), sequential);
  }
}
