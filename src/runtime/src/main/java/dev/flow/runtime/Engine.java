package dev.flow.runtime;

import dev.flow.runtime.api.FlowRuntime;
import dev.flow.runtime.engine.ActionRunner;
import dev.flow.runtime.engine.Core;
import dev.flow.runtime.engine.Inputs;
import dev.flow.runtime.engine.Observers;
import dev.flow.runtime.engine.Outbox;
import dev.flow.runtime.engine.Projections;
import dev.flow.runtime.engine.Registry;
import dev.flow.runtime.engine.Timers;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.store.InstanceQuery;
import dev.flow.runtime.store.MemoryStore;
import dev.flow.runtime.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;

/**
 * The embedded engine: runs workflow instances durably, by replay. Every step's outcome is
 * committed to the instance's history before anything is done about it; when an instance must
 * wait, its run unwinds; when what it waits for arrives, it runs again and the history answers
 * every step already done.
 *
 * <pre>{@code
 * Engine engine = Engine.builder()
 *     .module(OnboardingModule.INSTANCE)
 *     .connector(Drive.class, new GoogleDrive())
 *     .clock(clock)
 *     .build();
 * String id = engine.start(DocumentCollection.DEFINITION, new DocumentCollection.Input(intake));
 * }</pre>
 *
 * <p>Thread-safe, without an engine-wide lock: one thread at a time advances an instance, and
 * different instances advance at once on the threads that call the engine. An operation returns
 * once what it caused is done (a run that starts a child, a child that ends and resumes its
 * parent), so with a {@link ManualClock} everything is deterministic.
 */
public final class Engine implements FlowRuntime {
  private final Core core;
  private final Registry registry;
  /** The process that lists each workflow (qualified names), for the event log. */
  private final Map<String, String> processOf;
  private final Store store;
  private final Timers timers;
  private final TaskInbox inbox;
  private final dev.flow.runtime.engine.IncidentDesk incidents;
  private final Map<String, String> roleTitles;
  private final boolean ownsStore;

  private Engine(Builder builder) {
    this.registry = new Registry(builder.workflows);
    this.processOf = Map.copyOf(builder.processOf);
    this.store = builder.store != null ? builder.store : new MemoryStore();
    this.ownsStore = builder.ownStore;
    ZoneId zone = builder.zone != null ? builder.zone : builder.clock.getZone();
    this.core = new Core(registry, store, builder.clock, zone, new Observers(builder.listeners), builder.cacheSize,
        builder.keptRuns);
    core.eventRetention(builder.eventRetention);
    if (builder.retention != null) {
      store.retain(builder.retention);
    }
    Map<String, Class<?>> systems = new HashMap<>();
    for (SystemDefinition system : builder.systems) {
      systems.put(system.name(), system.type());
    }
    ActionRunner actions = new ActionRunner(core, builder.connectors, systems, builder.executor,
        builder.compensationLimit);
    this.timers = new Timers(core);
    core.wire(actions, new Outbox(core, builder.notifier), timers);
    this.roleTitles = Map.copyOf(builder.roleTitles);
    this.inbox = new TaskInbox(core, this::roleTitle);
    this.incidents = new dev.flow.runtime.engine.IncidentDesk(core);
    if (builder.schedules) {
      timers.planSchedules();
    }
    timers.start(builder.clock);
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---- starting and events -----------------------------------------------------------------

  /**
   * Starts an instance of a workflow (the version given, which must be registered).
   *
   * @return the new instance's id
   */
  @Override
  public <I> String start(WorkflowDefinition<I, ?> workflow, I input) {
    // No Optional and no lambda per start.
    WorkflowDefinition<?, ?> registered = registry.registered(workflow.name(), workflow.version());
    if (registered == null) {
      throw new IllegalArgumentException("workflow " + workflow + " is not registered with this engine: "
          + "add its module with Engine.builder().module(…)");
    }
    return begin(registered, input);
  }

  /** Starts an instance of the newest version of a workflow, by qualified name. */
  @Override
  public String start(String workflow, Object input) {
    return begin(registry.latest(workflow), input);
  }

  private String begin(WorkflowDefinition<?, ?> definition, Object input) {
    String id = core.start(definition, Inputs.check(definition, input));
    core.drain();
    timers.poke();
    return id;
  }

  /**
   * Publishes an event: it wakes every waiting instance whose {@code receive} it matches (one
   * receive per instance; found by the receive's correlation, not by trying every instance), then
   * starts every workflow that {@code starts on} it. The event is kept in the store for the
   * retention period ({@link Builder#eventRetention}, default 7 days): an instance that was running
   * when it was published and reaches a matching receive later takes it then (oldest first).
   */
  @Override
  public Delivery publish(Object event) {
    Objects.requireNonNull(event, "event");
    if (!event.getClass().isRecord()) {
      throw new IllegalArgumentException("publish takes an event (the record the compiler generates for an `event`), not a "
          + event.getClass().getName());
    }
    Core.Published published = core.publish(event);
    core.drain();
    timers.poke();
    return new Delivery(published.started(), published.woken());
  }

  /**
   * What a published event did.
   *
   * @param started the instances it started ({@code starts on})
   * @param woken the waiting instances it was delivered to ({@code receive})
   */
  public record Delivery(List<String> started, List<String> woken) implements dev.flow.runtime.api.Delivery {
    public Delivery {
      started = List.copyOf(started);
      woken = List.copyOf(woken);
    }
  }

  /** Cancels an instance that has not ended: its tasks are withdrawn, its completed steps compensated. */
  @Override
  public void cancel(String instanceId, String reason) {
    WorkflowInstance instance = instance(instanceId);
    if (instance.state().isTerminal()) {
      throw new IllegalStateException("instance " + instanceId + " has already ended (" + instance.state() + ")");
    }
    core.cancel(instanceId, reason);
  }

  /**
   * Resumes, by replay, every instance in the store that has not ended and that this engine does
   * not hold yet: after a restart, their tasks, timers and subscriptions come back, the
   * notifications they owe are sent, and the action attempts a crash interrupted are made again.
   *
   * @return the ids of the instances resumed
   */
  public List<String> recover() {
    List<String> resumed = new dev.flow.runtime.engine.Recovery(core).recover();
    core.drain();
    return resumed;
  }

  // ---- what can be asked -------------------------------------------------------------------

  /** The instance, as it is now. */
  @Override
  public WorkflowInstance instance(String instanceId) {
    return core.snapshot(instanceId);
  }

  /**
   * The instance a continue-as-new chain is at now, from the chain's facts (no history is read).
   * The chain's facts go with the retention: an instance's with it, the chain's with its current
   * instance (which ends last). So an id the store still holds finds its chain's current instance,
   * and a dropped id is unknown, as for any dropped instance.
   *
   * @throws IllegalArgumentException when there is no such instance (or no longer), or, rarely, when
   *     the retention dropped the chain's current instance but kept this older one
   */
  @Override
  public String current(String instanceId) {
    core.state(instanceId); // an unknown id is an error, as the other questions say; a dropped one too
    String now = core.chainCurrent(instanceId);
    if (now == null) {
      throw new IllegalArgumentException("instance " + instanceId + " continued as new, and the retention"
          + " no longer keeps its chain's current instance");
    }
    return now;
  }

  /** Where the instance stands: from memory while the engine holds it, else from the store's index. */
  @Override
  public InstanceState state(String instanceId) {
    return core.state(instanceId);
  }

  /** Every instance, oldest first. */
  public List<WorkflowInstance> instances() {
    List<WorkflowInstance> all = new ArrayList<>(instances(new InstanceQuery(null, null, 0, Integer.MAX_VALUE)));
    java.util.Collections.reverse(all);
    return all;
  }

  @Override
  public List<WorkflowInstance> instances(InstanceQuery query) {
    return store.instances(query).stream().map(row -> core.snapshot(row.id())).toList();
  }

  @Override
  public List<Recorded> history(String instanceId) {
    List<Recorded> history = store.read(instanceId);
    if (history.isEmpty()) {
      throw new IllegalArgumentException("no instance " + instanceId);
    }
    return history;
  }

  @Override
  public TaskInbox inbox() {
    return inbox;
  }

  @Override
  public List<Incident> incidents() {
    return incidents.open();
  }

  @Override
  public void retryIncident(String incidentId, String by) {
    incidents.retry(incidentId, by);
  }

  @Override
  public void failIncident(String incidentId, String by, String reason) {
    incidents.fail(incidentId, by, reason);
  }

  /** Every step start and completion of every instance. */
  @Override
  public EventLog eventLog() {
    return new EventLog(Projections.rows(core), Projections.cases(store, w -> processOf.getOrDefault(w, "")));
  }

  /** Every time limit that passed. */
  @Override
  public List<Breach> breaches() {
    return Projections.breaches(core);
  }

  /** Every notification requested, oldest first. */
  @Override
  public List<Notification> notifications() {
    return Projections.notifications(core);
  }

  /** When the next timer falls due, if any is set. */
  public Optional<Instant> nextTimer() {
    return timers.nextDue();
  }

  /** The registered workflows (newest version of each), by name. */
  public List<WorkflowDefinition<?, ?>> workflows() {
    return registry.newest();
  }

  public Clock clock() {
    return core.clock();
  }

  public ZoneId zone() {
    return core.zone();
  }

  /** Fires every timer due by now (the engine does this by itself; a {@link ManualClock} does it as it advances). */
  public void fireDueTimers() {
    timers.fireDue();
  }

  @Override
  public void close() {
    timers.close();
    core.close();
    if (ownsStore) {
      store.close();
    }
  }

  String roleTitle(String role) {
    return roleTitles.getOrDefault(role, role);
  }

  /** Builds an {@link Engine}. */
  public static final class Builder {
    private final Map<String, TreeMap<Integer, WorkflowDefinition<?, ?>>> workflows = new TreeMap<>();
    private final Map<Class<?>, Object> connectors = new HashMap<>();
    private final Map<String, String> roleTitles = new HashMap<>();
    private final Map<String, String> processOf = new HashMap<>();
    private final List<SystemDefinition> systems = new ArrayList<>();
    private final List<EngineListener> listeners = new ArrayList<>();
    private Notifier notifier = Notifier.NONE;
    private Clock clock = Clock.systemUTC();
    private ZoneId zone;
    private Store store;
    private boolean ownStore = true;
    private Executor executor;
    private boolean schedules = true;
    private int cacheSize = 10_000;
    private int keptRuns = -1;
    private java.time.Duration compensationLimit = ActionRunner.DEFAULT_COMPENSATION_LIMIT;
    private java.time.Duration eventRetention = java.time.Duration.ofDays(7);
    private dev.flow.runtime.store.Retention retention;

    private Builder() {}

    /**
     * How many ended instances the store keeps, and for how long after they ended
     * ({@code Retention.count(1000)}, {@code Retention.age(Duration.ofDays(30))}, or both), for
     * whatever store the engine uses: older ones are dropped with their histories, tasks and timers
     * (the memory store and the journal with their next commits, the JDBC store by its sweeper).
     * Age is measured on the engine's clock. Default: what the store was opened with (100,000 of any
     * age for the journal and the JDBC store; every one for {@code new MemoryStore()}).
     *
     * @throws dev.flow.runtime.store.StoreException from {@link #build()} when the store takes no retention
     */
    public Builder retention(dev.flow.runtime.store.Retention value) {
      this.retention = Objects.requireNonNull(value, "retention");
      return this;
    }

    /**
     * How many waiting instances the engine keeps in memory with their decoded histories (default
     * 10,000). Beyond that the least busy leave memory, costing only their store's index entries,
     * and are read back and replayed when something arrives for them; 0 keeps none.
     */
    public Builder cacheSize(int instances) {
      if (instances < 0) {
        throw new IllegalArgumentException("the cache size must not be negative: " + instances);
      }
      this.cacheSize = instances;
      return this;
    }

    /**
     * How many waiting instances keep their run in memory, parked at the wait it reached, so that a
     * resume goes on from there instead of replaying the history from the top: what keeps a long
     * loop linear and a resume of a long history as cheap as of a short one. Each kept run holds a
     * thread: a virtual thread on Java 21 and later (default: as many as the cache holds), else a
     * platform thread (default: 1,000). Never more than {@link #cacheSize}; 0 keeps none. A run
     * that waits inside a {@code parallel} or {@code first} is not kept.
     */
    public Builder keptRuns(int runs) {
      if (runs < 0) {
        throw new IllegalArgumentException("the number of kept runs must not be negative: " + runs);
      }
      this.keptRuns = runs;
      return this;
    }

    /**
     * How long a compensation may take when neither the step it undoes nor that step's system
     * declares a time limit (default one minute). A compensation that takes longer is recorded as
     * failed, and its instance goes on ending.
     */
    public Builder compensationTimeout(java.time.Duration limit) {
      if (limit == null || limit.isNegative() || limit.isZero()) {
        throw new IllegalArgumentException("a compensation's time limit must be positive: " + limit);
      }
      this.compensationLimit = limit;
      return this;
    }

    /**
     * How long published events are kept in the store for the {@code receive}s that get to them
     * later (default 7 days): an instance that reaches a receive takes the oldest kept event it
     * matches that was published after it started. Older events are forgotten, oldest first.
     */
    public Builder eventRetention(java.time.Duration retention) {
      if (retention == null || retention.isNegative() || retention.isZero()) {
        throw new IllegalArgumentException("events must be kept for a positive time: " + retention);
      }
      this.eventRetention = retention;
      return this;
    }

    /** Do not start workflows on their {@code starts every} schedules (for dry runs and tests of other things). */
    public Builder withoutSchedules() {
      this.schedules = false;
      return this;
    }

    /** Registers a package's workflows, roles and systems. */
    public Builder module(FlowModule module) {
      for (WorkflowDefinition<?, ?> definition : module.workflows()) {
        workflow(definition);
      }
      for (ProcessDefinition process : module.processes()) {
        for (String workflow : process.workflows()) {
          processOf.put(workflow, process.name());
        }
      }
      for (RoleDefinition role : module.roles()) {
        roleTitles.put(role.name(), role.title());
      }
      systems.addAll(module.systems());
      return this;
    }

    /** Registers one workflow version (several versions of one workflow may be registered). */
    public Builder workflow(WorkflowDefinition<?, ?> definition) {
      TreeMap<Integer, WorkflowDefinition<?, ?>> versions = workflows.computeIfAbsent(definition.name(), k -> new TreeMap<>());
      WorkflowDefinition<?, ?> previous = versions.putIfAbsent(definition.version(), definition);
      if (previous != null && previous != definition) {
        throw new IllegalArgumentException("two definitions of " + definition + " registered");
      }
      return this;
    }

    /** The connector that implements a system's generated interface. */
    public <S> Builder connector(Class<S> system, S implementation) {
      connectors.put(system, system.cast(Objects.requireNonNull(implementation, "implementation")));
      return this;
    }

    public Builder notifier(Notifier value) {
      this.notifier = Objects.requireNonNull(value, "notifier");
      return this;
    }

    /** The clock timers run on; a {@link ManualClock} for tests. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The zone of dates, {@code today()} and schedules (default: the clock's). */
    public Builder zone(ZoneId value) {
      this.zone = Objects.requireNonNull(value, "zone");
      return this;
    }

    /** Where histories are kept (default: in memory, gone with the engine). The engine does not close a store it is given. */
    public Builder store(Store value) {
      this.store = Objects.requireNonNull(value, "store");
      this.ownStore = false;
      return this;
    }

    /**
     * Keeps histories in a file journal in {@code directory} (made if missing): every commit is on
     * disk before the engine goes on, and a restarted engine resumes the instances with
     * {@link Engine#recover()}. Only one engine may have a journal open; the engine closes it.
     *
     * @throws dev.flow.runtime.store.StoreException when the directory cannot be used (another
     *     engine has it open, it is not writable, a file in it is damaged)
     */
    public Builder journal(java.nio.file.Path directory) {
      this.store = dev.flow.runtime.store.JournalStore.open(Objects.requireNonNull(directory, "directory"));
      this.ownStore = true;
      return this;
    }

    /**
     * Where action calls run. By default on the thread of the instance (a call with a time limit
     * on a helper thread, interrupted when the limit passes); with an executor, the instance waits
     * while the call runs there, so calls of parallel branches run at once.
     */
    public Builder executor(Executor value) {
      this.executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    public Builder listener(EngineListener value) {
      listeners.add(Objects.requireNonNull(value, "listener"));
      return this;
    }

    /**
     * Builds the engine.
     *
     * @throws IllegalStateException when a system that has actions has no connector
     */
    public Engine build() {
      List<String> missing = new ArrayList<>();
      for (SystemDefinition system : systems) {
        if (!system.actions().isEmpty() && !connectors.containsKey(system.type())) {
          missing.add(system.name() + " (implement " + system.type().getName() + ")");
        }
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("no connector for " + String.join(", ", new TreeSet<>(missing))
            + ": register each with Engine.builder().connector(Interface.class, implementation)");
      }
      return new Engine(this);
    }
  }
}
