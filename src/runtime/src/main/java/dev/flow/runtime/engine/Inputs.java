package dev.flow.runtime.engine;

import dev.flow.runtime.WorkflowDefinition;

/** Checks that an input fits a workflow. */
public final class Inputs {
  private Inputs() {}

  /**
   * Returns the input when it is the workflow's input record.
   *
   * @throws IllegalArgumentException when it is not
   */
  public static Object check(WorkflowDefinition<?, ?> definition, Object input) {
    if (!definition.inputType().isInstance(input)) {
      throw new IllegalArgumentException("the input of " + definition.name() + " must be a "
          + definition.inputType().getName() + ", not " + (input == null ? "null" : input.getClass().getName()));
    }
    return input;
  }
}
