package dev.flow.runtime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code call NAME: WORKFLOW(…)}: runs another workflow to its end; the result is its outputs.
 * The workflow is named, not referenced, so that workflows may call each other without their
 * classes initialising one another.
 *
 * @param name the step's name
 * @param workflow the qualified name of the workflow called
 * @param output the called workflow's output record
 * @param doc the doc comment, or the empty string
 * @param errors the records of the errors the called workflow declares ({@code fails CardDeclined}):
 *     when the child fails with one, the caller's typed {@code catch} receives its value
 * @param <O> the called workflow's output record
 */
public record CallStep<O>(String name, String workflow, Class<O> output, String doc,
    List<Class<? extends Record>> errors) implements Step {
  public CallStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(doc, "doc");
    errors = List.copyOf(errors);
  }

  /** A call of a workflow that declares no errors. */
  public CallStep(String name, String workflow, Class<O> output, String doc) {
    this(name, workflow, output, doc, List.of());
  }

  public static <O> CallStep<O> of(String name, String workflow, Class<O> output) {
    return new CallStep<>(name, workflow, output, "");
  }

  public CallStep<O> doc(String text) {
    return new CallStep<>(name, workflow, output, text, errors);
  }

  /** The same call, of a workflow that declares these errors ({@code fails CardDeclined, …}). */
  public CallStep<O> fails(List<? extends Class<? extends Record>> declared) {
    return new CallStep<>(name, workflow, output, doc, List.copyOf(declared));
  }

  /** The declared error of this Java type name, if the called workflow declares it. */
  public Optional<Class<? extends Record>> error(String typeName) {
    return errors.stream().filter(e -> e.getName().equals(typeName)).findFirst();
  }

  @Override
  public String kind() {
    return "call";
  }
}
