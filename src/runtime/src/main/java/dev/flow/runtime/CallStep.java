package dev.flow.runtime;

import java.util.Objects;

/**
 * {@code call NAME: WORKFLOW(…)}: runs another workflow to its end; the result is its outputs.
 * The workflow is named, not referenced, so that workflows may call each other without their
 * classes initialising one another.
 *
 * @param name the step's name
 * @param workflow the qualified name of the workflow called
 * @param output the called workflow's output record
 * @param doc the doc comment, or the empty string
 * @param <O> the called workflow's output record
 */
public record CallStep<O>(String name, String workflow, Class<O> output, String doc) implements Step {
  public CallStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(doc, "doc");
  }

  public static <O> CallStep<O> of(String name, String workflow, Class<O> output) {
    return new CallStep<>(name, workflow, output, "");
  }

  public CallStep<O> doc(String text) {
    return new CallStep<>(name, workflow, output, text);
  }

  @Override
  public String kind() {
    return "call";
  }
}
