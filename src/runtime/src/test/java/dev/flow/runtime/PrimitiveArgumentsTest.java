package dev.flow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The primitive one-argument {@code ctx.action} forms: a {@code long} (Flow's {@code Int}, what generated code passes)
 * reaches the connector as a {@code Long}, the previous action's own box when it is that value (no new box per step
 * of a chain); an {@code int}, {@code char}, {@code short} or {@code byte} keeps its own box, as before the
 * {@code long} form was there.
 */
class PrimitiveArgumentsTest {
  /** A system that records what each call got. */
  interface Probe {
    Object next(Object n) throws Exception;

    Object look(Object value) throws Exception;
  }

  private static final Action<Probe, Long> NEXT = Action.of(Probe.class, "t.Probe", "next", List.of("n"),
      ValueType.of(Long.class), (p, args) -> (Long) p.next(args[0]));
  private static final Action<Probe, Object> LOOK = Action.of(Probe.class, "t.Probe", "look", List.of("value"),
      ValueType.of(Object.class), (p, args) -> p.look(args[0]));

  /** Answers {@code n + 1} in a new box each time, and keeps every argument and result as they were. */
  static final class Recording implements Probe {
    final List<Object> arguments = new ArrayList<>();
    final List<Object> results = new ArrayList<>();

    @Override
    public Object next(Object n) {
      arguments.add(n);
      Long result = Long.valueOf((Long) n + 1); // past the cached boxes: a new one
      results.add(result);
      return result;
    }

    @Override
    public Object look(Object value) {
      arguments.add(value);
      results.add(value);
      return value;
    }
  }

  private static WorkflowDefinition<In, Out> flow() {
    return Flows.workflow("Primitives", (ctx, in) -> {
      long start = 1000L + in.name().length();
      long s1 = ctx.action(ActionStep.of("s1", NEXT), start);
      long s2 = ctx.action(ActionStep.of("s2", NEXT), s1);
      long s3 = ctx.action(ActionStep.of("s3", NEXT), s2 + 5);
      int i = (int) s3;
      ctx.action(ActionStep.of("i", LOOK), i);
      ctx.action(ActionStep.of("c", LOOK), 'c');
      ctx.action(ActionStep.of("h", LOOK), (short) 3);
      ctx.action(ActionStep.of("b", LOOK), (byte) 2);
      return new Out(String.valueOf(s3));
    }).build();
  }

  @Test
  void aLongArgumentIsThePreviousResultsBoxWhenItIsThatValueAndOtherPrimitivesKeepTheirBoxes() {
    Recording probe = new Recording();
    WorkflowDefinition<In, Out> flow = flow();
    try (Engine engine = Engine.builder().withoutSchedules().connector(Probe.class, probe).workflow(flow).build()) {
      String id = engine.start(flow, new In("x"));
      assertEquals(new Out("1009"), engine.instance(id).output(Out.class));
    }
    List<Object> got = probe.arguments;
    assertEquals(List.of(1001L, 1002L, 1008L, 1009, 'c', (short) 3, (byte) 2), got);
    assertSame(probe.results.get(0), got.get(1), "s2 gets s1's result box");
    assertNotSame(probe.results.get(1), got.get(2), "s3's argument is another value: a box of its own");
    assertEquals(Integer.class, got.get(3).getClass());
    assertEquals(Character.class, got.get(4).getClass());
    assertEquals(Short.class, got.get(5).getClass());
    assertEquals(Byte.class, got.get(6).getClass());
  }
}
