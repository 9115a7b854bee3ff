package dev.flow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import org.junit.jupiter.api.Test;

/** {@code start} of a workflow definition that the engine does not have: refused, saying how to register it. */
class StartUnregisteredTest {
  @Test
  void startingADefinitionThatIsNotRegisteredIsRefusedWithHowToRegisterIt() {
    WorkflowDefinition<In, Out> known = Flows.workflow("Known", (ctx, in) -> new Out(in.name())).build();
    WorkflowDefinition<In, Out> other = Flows.workflow("Other", (ctx, in) -> new Out(in.name())).build();
    try (Engine engine = Engine.builder().withoutSchedules().workflow(known).build()) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> engine.start(other, new In("x")));
      assertEquals("workflow " + other + " is not registered with this engine: add its module with "
          + "Engine.builder().module(…)", refused.getMessage());
      assertEquals(new Out("y"), engine.instance(engine.start(known, new In("y"))).output(Out.class));
    }
  }
}
