package dev.flow.temporal;

import dev.flow.runtime.Notifier;
import io.temporal.worker.Worker;
import io.temporal.workflow.DynamicWorkflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a Temporal worker process needs to run Flow instances: the generated workflows (a
 * {@link Catalog}) and a connector per system, registered on a Temporal {@link Worker}: every
 * Flow workflow as a Temporal workflow type of its own name (one dynamic workflow implementation,
 * so the worker must not register other dynamic workflows), {@value FlowSchedule#TYPE}, and the
 * Flow activities. Every worker of a task queue must have the workflow versions its instances
 * run (Temporal replays an instance on any of them).
 *
 * <pre>{@code
 * WorkerFactory factory = WorkerFactory.newInstance(client);
 * FlowWorker.builder(new Catalog().module(OnboardingModule.INSTANCE))
 *     .connector(GoogleDrive.class, new DriveConnector())
 *     .build()
 *     .register(factory.newWorker("flow"));
 * factory.start();
 * }</pre>
 */
public final class FlowWorker {
  /** An action attempt's time limit when its step declares none (Temporal needs one). */
  public static final Duration DEFAULT_ACTION_LIMIT = Duration.ofMinutes(10);
  /** A compensation's time limit when its step declares none (as on the embedded engine). */
  public static final Duration DEFAULT_COMPENSATION_LIMIT = Duration.ofMinutes(1);
  /**
   * How many Temporal history events a run of an instance may have before it continues as new
   * (Temporal's hard limit is 51,200; it suggests continuing at about 4,000 to 10,000).
   */
  public static final int DEFAULT_CONTINUE_AS_NEW_AFTER = 10_000;
  /** How long an event kept for an instance's later receive stays, by default (the embedded engine's default too). */
  public static final Duration DEFAULT_EVENT_RETENTION = FlowWorkflowImpl.EVENT_RETENTION;
  /** How many events an instance keeps for its later receives at most, by default. */
  public static final int DEFAULT_KEPT_EVENTS_AT_MOST = FlowWorkflowImpl.KEPT_AT_MOST;

  private final Catalog catalog;
  private final Map<Class<?>, Object> connectors;
  private final Notifier notifier;
  private final Duration actionLimit;
  private final Duration compensationLimit;
  private final boolean searchAttributes;
  private final int continueAsNewAfter;
  private final Duration eventRetention;
  private final int keptEventsAtMost;

  private FlowWorker(Builder builder) {
    this.catalog = builder.catalog;
    this.connectors = Map.copyOf(builder.connectors);
    this.notifier = builder.notifier;
    this.actionLimit = builder.actionLimit;
    this.compensationLimit = builder.compensationLimit;
    this.searchAttributes = builder.searchAttributes;
    this.continueAsNewAfter = builder.continueAsNewAfter;
    this.eventRetention = builder.eventRetention;
    this.keptEventsAtMost = builder.keptEventsAtMost;
  }

  public static Builder builder(Catalog catalog) {
    return new Builder(catalog);
  }

  /** Registers the Flow workflow and activities on a worker; start its factory afterwards. */
  public void register(Worker worker) {
    worker.registerWorkflowImplementationFactory(DynamicWorkflow.class,
        () -> new FlowInstanceWorkflow(catalog, actionLimit, compensationLimit, searchAttributes, continueAsNewAfter,
            eventRetention, keptEventsAtMost));
    worker.registerWorkflowImplementationFactory(FlowSchedule.class, () -> new FlowScheduleImpl(catalog));
    worker.registerActivitiesImplementations(new FlowActivitiesImpl(catalog, connectors, notifier));
  }

  /** Builds a {@link FlowWorker}. */
  public static final class Builder {
    private final Catalog catalog;
    private final Map<Class<?>, Object> connectors = new LinkedHashMap<>();
    private Notifier notifier = Notifier.NONE;
    private Duration actionLimit = DEFAULT_ACTION_LIMIT;
    private Duration compensationLimit = DEFAULT_COMPENSATION_LIMIT;
    private boolean searchAttributes = true;
    private int continueAsNewAfter = DEFAULT_CONTINUE_AS_NEW_AFTER;
    private Duration eventRetention = DEFAULT_EVENT_RETENTION;
    private int keptEventsAtMost = DEFAULT_KEPT_EVENTS_AT_MOST;

    private Builder(Catalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** The connector of a system: the same object the embedded engine would be given. */
    public <S> Builder connector(Class<S> system, S implementation) {
      connectors.put(Objects.requireNonNull(system, "system"), Objects.requireNonNull(implementation, "implementation"));
      return this;
    }

    public Builder notifier(Notifier value) {
      this.notifier = Objects.requireNonNull(value, "notifier");
      return this;
    }

    /** An action attempt's time limit when its step declares none. */
    public Builder actionLimit(Duration value) {
      this.actionLimit = Objects.requireNonNull(value, "actionLimit");
      return this;
    }

    /** A compensation's time limit when its step declares none. */
    public Builder compensationLimit(Duration value) {
      this.compensationLimit = Objects.requireNonNull(value, "compensationLimit");
      return this;
    }

    /**
     * Whether instances keep their {@link FlowSearchAttributes} up to date (on by default: the
     * attributes must then be registered in the namespace, see {@link FlowSearchAttributes#register}).
     * Without them, publishing an event and listing the inbox ask every open instance.
     */
    public Builder searchAttributes(boolean value) {
      this.searchAttributes = value;
      return this;
    }

    /**
     * How many Temporal history events a run of an instance may have before the instance
     * continues as new, at the next point where it waits with nothing in flight.
     */
    public Builder continueAsNewAfter(int events) {
      if (events < 1) {
        throw new IllegalArgumentException("continueAsNewAfter must be at least 1, not " + events);
      }
      this.continueAsNewAfter = events;
      return this;
    }

    /**
     * How long an event published while an instance cannot take it yet (it is elsewhere, or its
     * waiting receive matches another key) stays kept for the instance's later receives, in
     * workflow time since it arrived (default {@link #DEFAULT_EVENT_RETENTION}, 7 days, as on the
     * embedded engine). A run uses what its worker had when the run began (recorded in its history,
     * so a replay on a worker configured otherwise takes the same events); after a continue-as-new
     * the kept events' time starts again.
     */
    public Builder eventRetention(Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("events must be kept for a positive time: " + value);
      }
      this.eventRetention = value;
      return this;
    }

    /**
     * How many events one instance keeps for its later receives at most (default
     * {@link #DEFAULT_KEPT_EVENTS_AT_MOST}, 1,000): beyond, the oldest is dropped. They are workflow
     * state, carried into a new run when the instance continues as new, so this bounds the payload.
     */
    public Builder keptEventsAtMost(int events) {
      if (events < 1) {
        throw new IllegalArgumentException("keptEventsAtMost must be at least 1, not " + events);
      }
      this.keptEventsAtMost = events;
      return this;
    }

    public FlowWorker build() {
      return new FlowWorker(this);
    }
  }
}
