package dev.flow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The fixed-arity {@code ctx.action} forms (one, two, three arguments) that generated code calls: the interpreter
 * reuses one argument array per form from call to call, so each call's connector sees that call's values, also when
 * calls of one form follow each other, and when the connector runs on the engine's executor after the call returned.
 */
class ActionArgumentsTest {
  /** A system whose actions take one, two and three arguments. */
  interface Joiner {
    String one(String a) throws Exception;

    String two(String a, String b) throws Exception;

    String three(String a, String b, String c) throws Exception;
  }

  private static final Action<Joiner, String> ONE = Action.of(Joiner.class, "t.Joiner", "one", List.of("a"),
      ValueType.of(String.class), (j, args) -> j.one((String) args[0]));
  private static final Action<Joiner, String> TWO = Action.of(Joiner.class, "t.Joiner", "two", List.of("a", "b"),
      ValueType.of(String.class), (j, args) -> j.two((String) args[0], (String) args[1]));
  private static final Action<Joiner, String> THREE = Action.of(Joiner.class, "t.Joiner", "three",
      List.of("a", "b", "c"), ValueType.of(String.class),
      (j, args) -> j.three((String) args[0], (String) args[1], (String) args[2]));

  /** A connector that records what each call got. */
  static final class Recording implements Joiner {
    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public String one(String a) {
      calls.add("one " + a);
      return a;
    }

    @Override
    public String two(String a, String b) {
      calls.add("two " + a + b);
      return a + b;
    }

    @Override
    public String three(String a, String b, String c) {
      calls.add("three " + a + b + c);
      return a + b + c;
    }
  }

  private static WorkflowDefinition<In, Out> flow() {
    return Flows.workflow("Arguments", (ctx, in) -> {
      String a = ctx.action(ActionStep.of("a", ONE), in.name());
      String b = ctx.action(ActionStep.of("b", ONE), a + "1");
      String c = ctx.action(ActionStep.of("c", TWO), b, "2");
      String d = ctx.action(ActionStep.of("d", TWO), c, "3");
      String e = ctx.action(ActionStep.of("e", THREE), d, "4", "5");
      String f = ctx.action(ActionStep.of("f", THREE), e, "6", "7");
      Object[] given = {f, "8"};
      return new Out(ctx.action(ActionStep.of("g", TWO), given));
    }).build();
  }

  private static final List<String> CALLS = List.of("one x", "one x1", "two x12", "two x123", "three x12345",
      "three x1234567", "two x12345678");

  @Test
  void eachCallGetsItsOwnValuesInline() {
    Recording joiner = new Recording();
    WorkflowDefinition<In, Out> flow = flow();
    try (Engine engine = Engine.builder().withoutSchedules().connector(Joiner.class, joiner).workflow(flow).build()) {
      String id = engine.start(flow, new In("x"));
      assertEquals(new Out("x12345678"), engine.instance(id).output(Out.class));
      assertEquals(CALLS, joiner.calls);
    }
  }

  @Test
  void eachCallGetsItsOwnValuesOnTheExecutorAfterTheCallReturned() throws Exception {
    Recording joiner = new Recording();
    WorkflowDefinition<In, Out> flow = flow();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Engine engine = Engine.builder().withoutSchedules().connector(Joiner.class, joiner).executor(pool)
        .workflow(flow).build()) {
      String id = engine.start(flow, new In("x"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!engine.instance(id).state().isTerminal() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(new Out("x12345678"), engine.instance(id).output(Out.class));
      assertEquals(CALLS, joiner.calls);
    } finally {
      pool.shutdownNow();
    }
  }
}
