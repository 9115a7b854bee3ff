package dev.flow.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the engine knows about a workflow: its name and version, who owns it, what starts it,
 * its deadline, its steps, and how to make an object that runs it.
 *
 * @param <I> the input record
 * @param <O> the output record
 */
public final class WorkflowDefinition<I, O> {
  private final String name;
  private final int version;
  private final String owner;
  private final String doc;
  private final Class<I> inputType;
  private final Class<O> outputType;
  private final Supplier<? extends Workflow<I, O>> factory;
  private final List<Trigger<I>> triggers;
  private final Optional<Duration> deadline;
  private final String escalateTo;
  private final List<Step> steps;

  private WorkflowDefinition(Builder<I, O> builder) {
    this.name = builder.name;
    this.version = builder.version;
    this.owner = builder.owner;
    this.doc = builder.doc;
    this.inputType = builder.inputType;
    this.outputType = builder.outputType;
    this.factory = builder.factory;
    this.triggers = List.copyOf(builder.triggers);
    this.deadline = builder.deadline;
    this.escalateTo = builder.escalateTo;
    this.steps = List.copyOf(builder.steps);
  }

  /**
   * Starts a definition.
   *
   * @param name the workflow's qualified name, e.g. {@code com.acme.onboarding.DocumentCollection}
   * @param inputType its input record
   * @param outputType its output record
   * @param factory makes a fresh object for each run
   */
  public static <I, O> Builder<I, O> builder(
      String name, Class<I> inputType, Class<O> outputType, Supplier<? extends Workflow<I, O>> factory) {
    return new Builder<>(name, inputType, outputType, factory);
  }

  /** The qualified name. */
  public String name() {
    return name;
  }

  /** The name without its package. */
  public String simpleName() {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  public int version() {
    return version;
  }

  /** The qualified name of the owning role, or {@code null}. */
  public String owner() {
    return owner;
  }

  public String doc() {
    return doc;
  }

  public Class<I> inputType() {
    return inputType;
  }

  public Class<O> outputType() {
    return outputType;
  }

  public List<Trigger<I>> triggers() {
    return triggers;
  }

  /** The whole workflow's time limit ({@code deadline}). */
  public Optional<Duration> deadline() {
    return deadline;
  }

  /** The role told when the deadline passes, or {@code null}. */
  public String escalateTo() {
    return escalateTo;
  }

  /** Every named step, in source order. */
  public List<Step> steps() {
    return steps;
  }

  /** The named step, if there is one. */
  public Optional<Step> step(String stepName) {
    return steps.stream().filter(s -> s.name().equals(stepName)).findFirst();
  }

  /** A fresh object to run the workflow once. */
  public Workflow<I, O> newWorkflow() {
    return factory.get();
  }

  @Override
  public String toString() {
    return name + " v" + version;
  }

  /** Builds a {@link WorkflowDefinition}; generated code calls it once per workflow. */
  public static final class Builder<I, O> {
    private final String name;
    private final Class<I> inputType;
    private final Class<O> outputType;
    private final Supplier<? extends Workflow<I, O>> factory;
    private int version = 1;
    private String owner;
    private String doc = "";
    private final List<Trigger<I>> triggers = new ArrayList<>();
    private Optional<Duration> deadline = Optional.empty();
    private String escalateTo;
    private final List<Step> steps = new ArrayList<>();

    private Builder(String name, Class<I> inputType, Class<O> outputType, Supplier<? extends Workflow<I, O>> factory) {
      this.name = Objects.requireNonNull(name, "name");
      this.inputType = Objects.requireNonNull(inputType, "inputType");
      this.outputType = Objects.requireNonNull(outputType, "outputType");
      this.factory = Objects.requireNonNull(factory, "factory");
    }

    public Builder<I, O> version(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("version must be at least 1: " + value);
      }
      this.version = value;
      return this;
    }

    public Builder<I, O> owner(String role) {
      this.owner = role;
      return this;
    }

    public Builder<I, O> doc(String text) {
      this.doc = Objects.requireNonNull(text, "doc");
      return this;
    }

    public Builder<I, O> startsManually() {
      triggers.add(new Trigger.Manual<>());
      return this;
    }

    public <E> Builder<I, O> startsOn(Class<E> event, Function<? super E, ? extends I> input) {
      triggers.add(new Trigger.OnEvent<>(event, input));
      return this;
    }

    public <P> Builder<I, O> startsAfter(String workflow, Class<P> outputs, Function<? super P, ? extends I> input) {
      triggers.add(new Trigger.After<>(workflow, outputs, input));
      return this;
    }

    public Builder<I, O> startsEvery(Schedule schedule, Supplier<? extends I> input) {
      triggers.add(new Trigger.Every<>(schedule, input));
      return this;
    }

    /** {@code deadline D [escalate to ROLE]}; {@code escalateTo} may be {@code null}. */
    public Builder<I, O> deadline(Duration limit, String escalationRole) {
      this.deadline = Optional.of(limit);
      this.escalateTo = escalationRole;
      return this;
    }

    public Builder<I, O> steps(Step... named) {
      steps.addAll(List.of(named));
      return this;
    }

    public WorkflowDefinition<I, O> build() {
      return new WorkflowDefinition<>(this);
    }
  }
}
