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
  /** The name without its package, made once (every start's id and number begin with it). */
  private final String simpleName;
  private final int version;
  private final String owner;
  private final String doc;
  private final Class<I> inputType;
  private final Class<O> outputType;
  private final Supplier<? extends Workflow<I, O>> factory;
  private final List<Trigger<I>> triggers;
  private final Optional<Duration> deadline;
  private final Function<? super I, Duration> deadlineOf;
  private final String escalateTo;
  private final AtDeadline atDeadline;
  private final Function<? super I, String> deadlineMessage;
  private final List<Step> steps;
  private final boolean loopCheckpoints;

  /** What a passed deadline does besides recording the breach and telling the escalation role. */
  public enum AtDeadline {
    /** The instance goes on ({@code deadline D [escalate to R]}). */
    GO_ON,
    /** The instance is cancelled ({@code deadline D cancel "…"}): its open work withdrawn, its steps undone. */
    CANCEL,
    /** The instance fails ({@code deadline D fail "…"}): its open work withdrawn, its steps undone. */
    FAIL
  }

  private WorkflowDefinition(Builder<I, O> builder) {
    this.name = builder.name;
    this.simpleName = name.substring(name.lastIndexOf('.') + 1);
    this.version = builder.version;
    this.owner = builder.owner;
    this.doc = builder.doc;
    this.inputType = builder.inputType;
    this.outputType = builder.outputType;
    this.factory = builder.factory;
    this.triggers = List.copyOf(builder.triggers);
    this.deadline = builder.deadline;
    this.deadlineOf = builder.deadlineOf;
    this.escalateTo = builder.escalateTo;
    this.atDeadline = builder.atDeadline;
    this.deadlineMessage = builder.deadlineMessage;
    this.steps = List.copyOf(builder.steps);
    this.loopCheckpoints = builder.loopCheckpoints;
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
    return simpleName;
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

  /** The whole workflow's time limit ({@code deadline}) when it is a fixed one; empty when computed from the inputs. */
  public Optional<Duration> deadline() {
    return deadline;
  }

  /** The time limit of an instance started with {@code input} (a fixed one, or computed from the inputs). */
  public Optional<Duration> deadlineFor(Object input) {
    return deadlineOf == null ? Optional.empty() : Optional.of(deadlineOf.apply(inputType.cast(input)));
  }

  /** What a passed deadline does to the instance. */
  public AtDeadline atDeadline() {
    return atDeadline;
  }

  /** The reason or message an instance started with {@code input} ends with when its deadline passes, or {@code null}. */
  public String deadlineMessage(Object input) {
    return deadlineMessage == null ? null : deadlineMessage.apply(inputType.cast(input));
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

  /**
   * Whether the engine may checkpoint the loop at the top of this workflow (RUNTIME.md §6): its
   * code keeps every value it changes in a round in the workflow object's fields, and runs at most
   * one loop outside a branch, with no {@code go to}. The compiler says so where it holds.
   */
  public boolean loopCheckpoints() {
    return loopCheckpoints;
  }

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
    private Function<? super I, Duration> deadlineOf;
    private String escalateTo;
    private AtDeadline atDeadline = AtDeadline.GO_ON;
    private Function<? super I, String> deadlineMessage;
    private final List<Step> steps = new ArrayList<>();
    private boolean loopCheckpoints;

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

    /** {@code starts on EVENT keyed by KEY}: one instance per key (see {@link Trigger.OnEvent}). */
    public <E> Builder<I, O> startsOn(Class<E> event, Function<? super E, ? extends I> input,
        Function<? super E, ?> key) {
      triggers.add(new Trigger.OnEvent<>(event, input, java.util.Objects.requireNonNull(key, "key")));
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
      Objects.requireNonNull(limit, "limit");
      this.deadline = Optional.of(limit);
      this.deadlineOf = input -> limit;
      this.escalateTo = escalationRole;
      return this;
    }

    /** {@code deadline EXPR [escalate to ROLE]}: a time limit computed from the inputs when an instance starts. */
    public Builder<I, O> deadline(Function<? super I, Duration> limit, String escalationRole) {
      this.deadline = Optional.empty();
      this.deadlineOf = Objects.requireNonNull(limit, "limit");
      this.escalateTo = escalationRole;
      return this;
    }

    /** {@code deadline … cancel REASON}: a passed deadline cancels the instance. */
    public Builder<I, O> cancelAtDeadline(Function<? super I, String> reason) {
      this.atDeadline = AtDeadline.CANCEL;
      this.deadlineMessage = Objects.requireNonNull(reason, "reason");
      return this;
    }

    /** {@code deadline … fail MESSAGE}: a passed deadline fails the instance. */
    public Builder<I, O> failAtDeadline(Function<? super I, String> message) {
      this.atDeadline = AtDeadline.FAIL;
      this.deadlineMessage = Objects.requireNonNull(message, "message");
      return this;
    }

    public Builder<I, O> steps(Step... named) {
      steps.addAll(List.of(named));
      return this;
    }

    /**
     * Lets the engine checkpoint the workflow's loop (see {@link WorkflowDefinition#loopCheckpoints()}):
     * only for code that keeps all its state in the workflow object's fields, as generated code does.
     */
    public Builder<I, O> loopCheckpoints() {
      loopCheckpoints = true;
      return this;
    }

    public WorkflowDefinition<I, O> build() {
      return new WorkflowDefinition<>(this);
    }
  }
}
