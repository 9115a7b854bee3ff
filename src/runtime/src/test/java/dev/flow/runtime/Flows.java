package dev.flow.runtime;

import java.util.List;
import java.util.function.BiFunction;

/** Hand-written workflows for the engine's tests: a run is a lambda, a fresh one for every run. */
final class Flows {
  private Flows() {}

  record In(String name) {}

  record Out(String result) {}

  static final String CLERK = "t.Clerk";
  static final String MANAGER = "t.Manager";
  static final Principal ALICE = Principal.of("alice", CLERK);
  static final Principal BOB = Principal.of("bob", CLERK);
  static final Principal MARY = Principal.of("mary", MANAGER);

  /** A workflow whose run is the given function. */
  static WorkflowDefinition.Builder<In, Out> workflow(String name, BiFunction<FlowContext, In, Out> body) {
    return WorkflowDefinition.builder("t." + name, In.class, Out.class, () -> new Workflow<In, Out>() {
      @Override
      public WorkflowDefinition<In, Out> definition() {
        throw new UnsupportedOperationException();
      }

      @Override
      public Out run(FlowContext ctx, In input) {
        return body.apply(ctx, input);
      }
    });
  }

  /** A system for the tests' actions. */
  interface Desk {
    String file(String what) throws Exception;

    void undo(String what) throws Exception;
  }

  /** {@code Desk.file(what)}, as data. */
  static final Action<Desk, String> FILE = Action.of(Desk.class, "t.Desk", "file", List.of("what"),
      ValueType.of(String.class), (desk, args) -> desk.file((String) args[0]));

  /** {@code Desk.undo(what)}, as data. */
  static final Action<Desk, Void> UNDO = Action.of(Desk.class, "t.Desk", "undo", List.of("what"), ValueType.NONE,
      (desk, args) -> {
        desk.undo((String) args[0]);
        return null;
      });

  static ActionStep<Desk, String> fileStep(String name) {
    return ActionStep.of(name, FILE).compensateWith(UNDO);
  }

  /** The arguments of {@code Desk.undo}. */
  static Object[] undo(String what) {
    return new Object[] {what};
  }
}
