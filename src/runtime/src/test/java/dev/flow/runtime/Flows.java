package dev.flow.runtime;

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

  static ActionStep<Desk> fileStep(String name) {
    return ActionStep.of(name, Desk.class, "t.Desk", "file");
  }

  static Compensation<Desk> undo(String what) {
    return Compensation.of(Desk.class, "t.Desk", "undo", desk -> desk.undo(what));
  }
}
