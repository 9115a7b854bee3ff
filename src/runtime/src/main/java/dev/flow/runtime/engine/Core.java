package dev.flow.runtime.engine;

import dev.flow.runtime.FlowError;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.NonDeterminismException;
import dev.flow.runtime.Trigger;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.history.TimerPurpose;
import dev.flow.runtime.replay.History;
import dev.flow.runtime.replay.Interpreter;
import dev.flow.runtime.replay.Signals;
import dev.flow.runtime.replay.StepRecord;
import dev.flow.runtime.replay.Wait;
import dev.flow.runtime.replay.Words;
import dev.flow.runtime.store.Commit;
import dev.flow.runtime.store.InstanceRow;
import dev.flow.runtime.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The embedded engine's heart: it keeps the live instances, runs them (one thread at a time per
 * instance, on the thread that caused the run), commits what their runs decide before anything is
 * done about it, withdraws what a run no longer waits for, ends instances, and hands what one
 * instance's change means for another (a child ended, a child to cancel) to a queue that the
 * same thread works off once it let go of the instance, so no thread ever holds two instances.
 */
public final class Core {
  final Registry registry;
  final Store store;
  /**
   * Whether the store outlives the process: then a run's pending entries are one commit up to its
   * next side effect, whatever the clock does meanwhile ({@link #pending}).
   */
  private final boolean durableStore;
  final Clock clock;
  final ZoneId zone;
  final Observers observers;
  private final Map<String, Instance> live = new ConcurrentHashMap<>();
  /**
   * The locks of the keys of keyed workflows: a key fact's lock is one of these, by its hash, so
   * that the locks do not grow with every key ever seen. Several are taken in their index order.
   */
  private final Object[] keyLocks = locks(64);
  /** Per key fact of a keyed workflow: the running instance that holds the key (started by this engine). */
  private final Map<String, String> keyHolders = new ConcurrentHashMap<>();
  /** The other way round: the key facts noted for each instance, forgotten when it ends. */
  private final Map<String, List<String>> keysNoted = new ConcurrentHashMap<>();
  /** While a published event starts workflows: its sequence, after which their kept events count. */
  private final ThreadLocal<Long> startingEvent = new ThreadLocal<>();
  /** In the facts of a new instance's commit: stands for the instance's id, which {@link #create} gives it. */
  static final String KEY_HOLDER = "\u0000instance";
  private final ThreadLocal<Worker> workers = ThreadLocal.withInitial(Worker::new);
  /** On a thread that runs a kept run ({@link Continuation}): the instance whose lock its engine thread holds. */
  private final ThreadLocal<Instance> acting = new ThreadLocal<>();
  private final Events events = new Events(this);
  private ActionRunner actions;
  private Outbox outbox;
  private Timers timers;

  /** How many waiting instances stay in memory; beyond that the least busy are evicted (their history stays in the store). */
  private final int cacheSize;
  /** How many runs may be kept parked at their waits ({@link Continuation}), and the threads they run on. */
  private final RunThreads runThreads;

  public Core(Registry registry, Store store, Clock clock, ZoneId zone, Observers observers, int cacheSize,
      int parkedRuns) {
    this.cacheSize = cacheSize;
    this.runThreads = new RunThreads(parkedRuns, cacheSize);
    this.registry = registry;
    this.store = store;
    this.durableStore = store.outlivesProcess();
    this.clock = clock;
    this.zone = zone;
    this.observers = observers;
  }

  /** Connects the parts that need the core too. */
  public void wire(ActionRunner actionRunner, Outbox notifications, Timers timerService) {
    this.actions = actionRunner;
    this.outbox = notifications;
    this.timers = timerService;
  }

  public Instant now() {
    return clock.instant();
  }

  public Clock clock() {
    return clock;
  }

  public ZoneId zone() {
    return zone;
  }

  /**
   * An instance as it is now: from memory while this engine holds it, else from the store.
   *
   * @throws IllegalArgumentException when there is no such instance
   */
  public dev.flow.runtime.WorkflowInstance snapshot(String instanceId) {
    return Snapshots.of(this, instanceId, held(instanceId));
  }

  /**
   * The instance this engine holds: from {@link #live}, or the {@linkplain Instance#unlisted unlisted}
   * one this thread runs now (a connector of its run may ask about it), or {@code null}.
   */
  private Instance held(String instanceId) {
    Instance held = live.get(instanceId);
    if (held == null) {
      Instance running = workers.get().unlisted;
      if (running != null && running.id.equals(instanceId)) {
        return running;
      }
    }
    return held;
  }

  /**
   * Puts an {@linkplain Instance#unlisted unlisted} instance in {@link #live}, where every thread finds
   * it: before its first commit goes to the store, and before its run does anything another thread may
   * answer (a call on another thread, a child, a notification, a compensation). An ended one is not
   * put there: it leaves memory once its end is in the store anyway.
   */
  void list(Instance instance) {
    if (instance.unlisted) {
      instance.unlisted = false;
      if (!instance.ended()) {
        live.put(instance.id, instance);
      }
    }
  }

  /**
   * Where an instance stands, without its lock or its history: from memory while this engine
   * holds it, else from the store's index (else from its history, if the index let go of it).
   *
   * @throws IllegalArgumentException when there is no such instance
   */
  public InstanceState state(String instanceId) {
    Instance held = held(instanceId);
    if (held != null) {
      return held.state;
    }
    InstanceState stored = store.stateOf(instanceId);
    if (stored == null) {
      return snapshot(instanceId).state();
    }
    // An instance that no engine holds in memory is not running: it waits (as its snapshot says).
    return stored.isTerminal() ? stored : InstanceState.WAITING;
  }

  /** Forgets a held instance whose history another writer changed: it is read again when needed. */
  void forget(Instance instance) {
    drop(instance);
  }

  /** Lets go of a held instance (and of its kept run): it is read back from the store when needed. */
  private void drop(Instance instance) {
    live.remove(instance.id, instance);
    letGo(instance);
  }

  /** Lets go of the instance's kept run, if it has one. */
  private static void letGo(Instance instance) {
    Continuation kept = instance.kept;
    if (kept != null) {
      instance.kept = null;
      kept.abandon();
    }
  }

  /** Lets go of every kept run (the engine closes). */
  public void close() {
    for (Instance instance : live.values()) {
      letGo(instance);
    }
    runThreads.close();
  }

  public Registry registry() {
    return registry;
  }

  public Store store() {
    return store;
  }

  /** How long published events are kept for the receives that get to them later (default 7 days). */
  public void eventRetention(java.time.Duration retention) {
    events.retention(retention);
  }

  /** How long published events are kept. */
  java.time.Duration eventRetention() {
    return events.retention();
  }

  // ---- the queue -----------------------------------------------------------------------------

  /** A thread's queue of work to do once it holds no instance. A kept run uses its engine thread's. */
  static final class Worker {
    final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    boolean draining;
    /** The {@linkplain Instance#unlisted unlisted} instance this thread runs now, or {@code null}. */
    Instance unlisted;
  }

  /** This thread's worker. */
  Worker worker() {
    return workers.get();
  }

  /**
   * Has this thread (a kept run's) act for an engine thread: use its worker, and count the
   * instance it holds locked as held here. With {@code null}, it acts for itself again.
   */
  void adopt(Worker worker, Instance instance) {
    if (worker == null) {
      workers.remove();
      acting.remove();
    } else {
      workers.set(worker);
      acting.set(instance);
    }
  }

  RunThreads runThreads() {
    return runThreads;
  }

  /**
   * Takes an instance's lock, unless this thread is a kept run acting for the thread that holds
   * it (the run is that thread's turn, so the lock is as good as held).
   *
   * @return whether the lock was taken (and must be released with {@link #unlock})
   */
  boolean lock(Instance instance) {
    if (acting.get() == instance) {
      return false;
    }
    instance.lock();
    return true;
  }

  static void unlock(Instance instance, boolean taken) {
    if (taken) {
      instance.unlock();
    }
  }

  /** Queues work for this thread, done once it holds no instance. */
  void later(Runnable work) {
    workers.get().queue.add(work);
  }

  /** Works off this thread's queue (unless it is already doing so further up the stack). */
  public void drain() {
    Worker worker = workers.get();
    if (worker.draining) {
      return;
    }
    worker.draining = true;
    try {
      Runnable next;
      while ((next = worker.queue.poll()) != null) {
        next.run();
      }
    } finally {
      worker.draining = false;
    }
    evictIfNeeded();
  }

  /**
   * Keeps at most {@code cacheSize} instances in memory: beyond that, waiting instances that no
   * thread holds leave memory (down to nine tenths of the size). An evicted instance costs only
   * its store's index entries; it is read back, and replayed, when something arrives for it.
   */
  private void evictIfNeeded() {
    if (live.size() <= cacheSize) {
      return;
    }
    int target = cacheSize - cacheSize / 10;
    for (Instance instance : live.values()) {
      if (live.size() <= target) {
        return;
      }
      if (instance.tryLock()) {
        try {
          if (!instance.resumeQueued && instance.state == InstanceState.WAITING) {
            drop(instance);
          }
        } finally {
          instance.unlock();
        }
      }
    }
  }

  /** An instance read back from the store learns what it waits for by a replay. Holds its lock. */
  void ensureWaits(Instance instance) {
    if (instance.needsReplay && !instance.ended()) {
      run(instance);
    }
  }

  /** Runs {@code body} holding the instance's lock, then works off what it queued. */
  public <T> T with(String instanceId, Function<Instance, T> body) {
    Instance instance = locked(instanceId);
    boolean taken = acting.get() != instance;
    T result;
    try {
      result = body.apply(instance);
      durable(instance);
    } finally {
      unlock(instance, taken);
    }
    drain();
    return result;
  }

  /**
   * Waits until every commit of the instance handed to the store is durable: before a side
   * effect (a connector call, a notification) and before an operation returns. Commits are
   * handed over without waiting, so an outcome rides to disk with the next command, and many
   * instances share one fsync.
   *
   * @throws dev.flow.runtime.store.StoreException when the store could not write them
   */
  void durable(Instance instance) {
    try {
      flush(instance);
      instance.written.join();
      if (instance.ended()) {
        // Its end is in the store now: a thread that asks for it from here on reads it ended. Until
        // now it stayed held, so that no thread could read it back half-ended (its end still on the
        // way to the store) and write to it as a second copy.
        live.remove(instance.id, instance);
      }
    } catch (java.util.concurrent.CompletionException e) {
      drop(instance);
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    } catch (RuntimeException e) {
      drop(instance);
      throw e;
    }
  }

  /**
   * Before a side effect (a connector call, a notification, a compensation): the instance's
   * commands are durable. On a store that does not outlive the process there is nothing to wait
   * for, and the pending entries go to the store when the thread lets go of the instance.
   */
  void beforeSideEffect(Instance instance) {
    // A child started in the run is in the store before anything else happens, whatever the store.
    if (store.outlivesProcess() || instance.starts != null) {
      durable(instance);
    }
  }

  /**
   * Hands the instance's pending entries to the store as one commit. Entries are collected
   * between side effects ({@link #commit}), so an action's outcome and the next action's command
   * are one commit, not two.
   */
  private void flush(Instance instance) {
    list(instance); // once the store has it, every thread must find it held here, not read a second copy
    int from = instance.pendingIndex;
    instance.pendingIndex = -1;
    // The pending entries are the history's last ones: the store gets a view of them, not a copy.
    List<HistoryEntry> pending = from < 0 || from == instance.history.entryCount() ? null
        : instance.history.entriesFrom(from);
    Starts starts = instance.starts;
    if (starts != null) {
      // The run started children: their starts and its entries (with their ChildStarted) are one commit.
      // The caller's part first: it may start the caller too (its first commit), and instances are listed in the
      // order they were started.
      instance.starts = null;
      List<Commit.Append> appends = new ArrayList<>(starts.appends.size() + 1);
      appends.add(new Commit.Append(instance.id, instance.pendingFrom, pending));
      appends.addAll(starts.appends);
      java.util.concurrent.CompletableFuture<Void> written;
      try {
        written = handOver(new Commit(instance.pendingAt, appends, Map.of()));
      } catch (RuntimeException e) {
        starts.written.completeExceptionally(e);
        throw e;
      }
      instance.written = written;
      written.whenComplete((done, failure) -> {
        if (failure == null) {
          starts.written.complete(null);
        } else {
          starts.written.completeExceptionally(failure);
        }
      });
    } else if (pending != null) {
      instance.written = handOver(Commit.of(instance.pendingAt, instance.id, instance.pendingFrom, pending));
    }
  }

  /**
   * The children a run started whose starts wait in its pending entries: they go to the store in
   * the run's commit ({@link #flush}), and {@code written} completes when it is written (each
   * child's {@link Instance#written} until then).
   */
  static final class Starts {
    final List<Commit.Append> appends = new ArrayList<>(2);
    final java.util.concurrent.CompletableFuture<Void> written = new java.util.concurrent.CompletableFuture<>();
  }

  /** Whether the store has every entry the held instance's history has, apart from those pending here. */
  boolean fresh(Instance instance) {
    long stored = store.instance(instance.id).map(InstanceRow::lastSequence).orElse(0L);
    long pending = pendingCount(instance);
    return stored == instance.history.lastSequence() - pending;
  }

  /**
   * The instance, locked, with its history up to date: if another engine appended to it in the
   * same store, the stale copy is dropped and the history read again.
   */
  private Instance locked(String instanceId) {
    while (true) {
      Instance instance = instance(instanceId);
      boolean taken = lock(instance);
      try {
        instance.written.join();
      } catch (java.util.concurrent.CompletionException e) {
        // It failed: what the store has is what counts; the stale copy is dropped below.
      }
      // A copy let go of (evicted, forgotten) between the look-up and the lock is stale: another
      // thread may hold the copy read back since. An ended one is not held anyway.
      boolean held = instance.ended() || live.get(instanceId) == instance || acting.get() == instance;
      if (held && fresh(instance)) {
        return instance;
      }
      unlock(instance, taken);
      drop(instance);
    }
  }

  // ---- instances -------------------------------------------------------------------------------

  /**
   * The live instance, loaded from the store if this engine does not hold it.
   *
   * @throws IllegalArgumentException when there is no such instance
   */
  Instance instance(String instanceId) {
    Instance held = held(instanceId);
    if (held != null) {
      list(held); // changed from within its own run (a connector's call): from now on as any held instance
      return held;
    }
    History history = Recovery.load(store, instanceId);
    if (history == null) {
      throw new IllegalArgumentException("no instance " + instanceId);
    }
    HistoryEntry.InstanceStarted started = history.started();
    WorkflowDefinition<?, ?> definition = registry.definition(started.workflow(), started.version())
        .orElseThrow(() -> new VersionNotDeployed(instanceId, started.workflow(), started.version()));
    Instance loaded = new Instance(this, instanceId, definition, history);
    if (loaded.ended()) {
      return loaded;
    }
    loaded.needsReplay = true;
    Instance raced = live.putIfAbsent(instanceId, loaded);
    return raced != null ? raced : loaded;
  }

  /**
   * A step as the workflow code of a held instance gave it when it started waiting on it (a
   * task's form and limits), else as its workflow's definition lists it.
   */
  public Optional<dev.flow.runtime.Step> descriptor(String instanceId, String workflow, int version, String stepId) {
    Instance held = held(instanceId);
    if (held != null) {
      Wait wait = held.waits.get(stepId);
      if (wait != null && wait.descriptor() != null) {
        return Optional.of(wait.descriptor());
      }
    }
    return registry.definition(workflow, version).flatMap(d -> d.step(Views.stepName(stepId)));
  }

  /**
   * Starts an instance: commits its {@code InstanceStarted} (and its deadline's timer), then runs
   * it. With a parent, the parent's {@code ChildStarted} is in the same commit, and so is whatever
   * else the parent's run decided before and decides after it up to its next side effect.
   */
  public String create(WorkflowDefinition<?, ?> definition, Object input, Instance parent, String callerStepId,
      Function<String, HistoryEntry> parentEntryFor, Map<String, String> facts) {
    if (parent != null && facts.isEmpty()) {
      // A `call`: the child's start joins the parent's pending entries, with its ChildStarted, so the
      // run's commands up to its next side effect stay one commit ({@link #flush}).
      pending(parent);
      Instant at = parent.pendingAt;
      Start start = prepare(definition, input, parent.id, callerStepId, at);
      HistoryEntry parentEntry = parentEntryFor.apply(start.id());
      Starts starts = parent.starts;
      if (starts == null) {
        starts = new Starts();
        parent.starts = starts;
      }
      starts.appends.add(new Commit.Append(start.id(), 0, start.entries()));
      applied(parent, at, parentEntry);
      begin(start, at, starts.written);
      return start.id();
    }
    if (parent != null) {
      flush(parent);
    }
    Instant at = now();
    Start start = prepare(definition, input, parent == null ? null : parent.id, callerStepId, at);
    if (parent == null && facts.isEmpty()) {
      // Nothing else rides with it: its first entries join its run's first commit, which is
      // durable before the run's first side effect and before the start returns (one commit, and
      // on a journal one fsync, fewer per instance).
      begin(start, at, null);
      return start.id();
    }
    HistoryEntry parentEntry = parent == null ? null : parentEntryFor.apply(start.id());
    List<Commit.Append> appends = new ArrayList<>();
    appends.add(new Commit.Append(start.id(), 0, start.entries()));
    if (parent != null) {
      appends.add(new Commit.Append(parent.id, parent.history.lastSequence(), List.of(parentEntry)));
    }
    Map<String, String> named = facts;
    if (facts.containsValue(KEY_HOLDER)) {
      named = new java.util.LinkedHashMap<>(facts);
      named.replaceAll((k, v) -> KEY_HOLDER.equals(v) ? start.id() : v);
    }
    java.util.concurrent.CompletableFuture<Void> written = handOver(new Commit(at, appends, named));
    begin(start, at, written);
    if (parent != null) {
      parent.written = written;
      applied(parent, at, List.of(parentEntry));
    }
    return start.id();
  }

  /**
   * A new instance's id and first entries, not committed yet: its {@code InstanceStarted} and, when it has a deadline,
   * the deadline's {@code TimerSet} ({@code null} without; no list: most instances start on the path of {@link #begin}).
   */
  private record Start(String id, WorkflowDefinition<?, ?> definition, HistoryEntry started, HistoryEntry deadline) {
    /** The first entries, in order. */
    List<HistoryEntry> entries() {
      return deadline == null ? List.of(started) : List.of(started, deadline);
    }
  }

  private Start prepare(WorkflowDefinition<?, ?> definition, Object input, String parentId, String callerStepId,
      Instant at) {
    String id = definition.simpleName() + "-" + store.nextNumber(definition.simpleName());
    HistoryEntry started = new HistoryEntry.InstanceStarted(definition.name(), definition.version(), Payload.of(input),
        parentId, callerStepId, startingEvent.get() != null ? startingEvent.get() : events.mark());
    java.util.Optional<java.time.Duration> limit = definition.deadlineFor(input);
    return new Start(id, definition, started, limit.isEmpty() ? null
        : new HistoryEntry.TimerSet("@deadline", definition.simpleName(), TimerPurpose.DEADLINE, at.plus(limit.get())));
  }

  /**
   * Holds a new instance in memory and has it run: committed ({@code written}), or, with
   * {@code null}, with its first entries pending, to go with its run's first commit.
   */
  private void begin(Start start, Instant at, java.util.concurrent.CompletableFuture<Void> written) {
    Instance instance = new Instance(this, start.id(), start.definition(), new History());
    if (written != null) {
      instance.written = written;
      applied(instance, at, start.entries());
    } else {
      pending(instance);
      instance.pendingAt = at;
      // commit(instance, start.entries()) without the list
      pending(instance);
      Instant pendingAt = instance.pendingAt;
      applied(instance, pendingAt, start.started());
      if (start.deadline() != null) {
        applied(instance, pendingAt, start.deadline());
      }
    }
    if (written == null && !observers.listening() && !workers.get().draining) {
      // No other thread can know of it before its first commit goes to the store (its id is not
      // returned yet, no listener is told): it is put in `live` then ({@link #flush}), or never,
      // for an instance that ends in its first run (two writes less to a map all threads share).
      // Not when this thread is in a run already (a connector starting it): its run comes after
      // that one, and the id is returned before it, so it must be found meanwhile.
      instance.unlisted = true;
    } else {
      live.put(start.id(), instance);
    }
    observers.state(start.id(), InstanceState.RUNNING);
    resume(instance);
  }

  /**
   * Ends an instance with one commit that also starts the workflows that {@code start after} it,
   * so a crash cannot leave it completed and them not started.
   */
  private void endAndStart(Instance instance, List<HistoryEntry> ended,
      List<Map.Entry<WorkflowDefinition<?, ?>, Object>> next) {
    if (next.isEmpty()) {
      commit(instance, ended);
      return;
    }
    flush(instance);
    Instant at = now();
    List<Commit.Append> appends = new ArrayList<>();
    appends.add(new Commit.Append(instance.id, instance.history.lastSequence(), ended));
    List<Start> starts = new ArrayList<>();
    for (Map.Entry<WorkflowDefinition<?, ?>, Object> successor : next) {
      // The ended instance started its successors: their parent, without a caller step to report back to.
      Start start = prepare(successor.getKey(), successor.getValue(), instance.id, null, at);
      starts.add(start);
      appends.add(new Commit.Append(start.id(), 0, start.entries()));
    }
    java.util.concurrent.CompletableFuture<Void> written = handOver(new Commit(at, appends, Map.of()));
    instance.written = written;
    applied(instance, at, ended);
    for (Start start : starts) {
      later(() -> begin(start, at, written));
    }
  }

  /**
   * Commits entries to one instance and applies them to its history. They join the instance's
   * pending entries, handed to the store as one commit before the next side effect or when the
   * thread lets go of the instance ({@link #durable}); the entries of one commit share its time
   * (see {@link #pending} for when a later millisecond starts a commit of its own).
   */
  public void commit(Instance instance, List<HistoryEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    pending(instance);
    Instant at = instance.pendingAt;
    for (int i = 0; i < entries.size(); i++) {
      applied(instance, at, entries.get(i));
    }
  }

  /** Commits one entry to one instance, as {@link #commit(Instance, List)}. */
  public void commit(Instance instance, HistoryEntry entry) {
    pending(instance);
    applied(instance, instance.pendingAt, entry);
  }

  /**
   * The instance's pending entries, begun if there are none. A store that does not outlive the
   * process gets one commit per run (about two entries per step) when the run takes no time: there,
   * entries begun in an earlier millisecond go to the store first, so that entries committed after a
   * connector call that took a while (it does not wait for the store before side effects) get the time
   * they happened. A durable one gets one commit per side effect, never cut by the clock: what a run
   * decides up to its next side effect (the starts of the children it calls included) is one atomic
   * commit, so a crash cannot leave a part of it, and its entries share the time the commit was begun
   * at (the run's deciding takes no time to speak of; a connector call always ends a commit).
   */
  private void pending(Instance instance) {
    boolean open = instance.pendingIndex >= 0;
    if (open && (durableStore || clock.millis() == instance.pendingAt.toEpochMilli())) {
      return; // the commonest case, without making an Instant
    }
    Instant at = now();
    if (open && at.toEpochMilli() != instance.pendingAt.toEpochMilli()) {
      if (pendingCount(instance) == 0) {
        instance.pendingAt = at;
      } else {
        flush(instance);
        open = false;
      }
    }
    if (!open) {
      // The entries applied to the history from here on are the pending ones (flush hands the store a view of them).
      instance.pendingIndex = instance.history.entryCount();
      instance.pendingFrom = instance.history.lastSequence();
      instance.pendingAt = at;
    }
  }

  /** How many entries are pending: the history's entries from {@link Instance#pendingIndex} on. */
  private static int pendingCount(Instance instance) {
    int from = instance.pendingIndex;
    return from < 0 ? 0 : instance.history.entryCount() - from;
  }

  /** Hands a commit to the store; a conflict or a closed store is thrown at once. */
  private java.util.concurrent.CompletableFuture<Void> handOver(Commit commit) {
    java.util.concurrent.CompletableFuture<Void> written = store.appendAsync(commit);
    if (written.isCompletedExceptionally()) {
      try {
        written.join();
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw e;
      }
    }
    return written;
  }

  private void applied(Instance instance, Instant at, List<HistoryEntry> entries) {
    for (int i = 0; i < entries.size(); i++) {
      applied(instance, at, entries.get(i));
    }
  }

  private void applied(Instance instance, Instant at, HistoryEntry entry) {
    long sequence = instance.history.lastSequence() + 1;
    instance.history.apply(sequence, at, entry);
    if (observers.listening()) {
      observers.history(instance, new Recorded(sequence, at, entry));
    }
  }

  /** Queues a run of the instance (once, however many outcomes arrive before it runs). */
  public void resume(Instance instance) {
    if (instance.resumeQueued || instance.ended()) {
      return;
    }
    instance.resumeQueued = true;
    later(instance);
  }

  /** The run {@link #resume} queued: the instance's {@link InstanceEffects#run}. */
  void runQueued(Instance instance) {
    boolean taken = lock(instance);
    boolean stale;
    try {
      instance.resumeQueued = false;
      // Let go of meanwhile (its store write failed, or another engine wrote to it): the copy
      // read back, if any, runs instead, so that two copies never write to one instance.
      stale = !instance.ended() && !instance.unlisted && live.get(instance.id) != instance
          && acting.get() != instance;
      if (!stale) {
        if (instance.unlisted) {
          runUnlisted(instance);
        } else {
          run(instance);
        }
        durable(instance);
      }
    } catch (dev.flow.runtime.store.AppendConflict conflict) {
      // Another engine on the store wrote to it first (durable dropped this copy, and nothing of
      // its commit was written or done): the copy read back runs instead.
      stale = true;
    } finally {
      unlock(instance, taken);
    }
    if (stale && store.instance(instance.id).isPresent()) {
      with(instance.id, held -> {
        resume(held);
        return null;
      });
    }
  }

  /** Runs an {@linkplain Instance#unlisted unlisted} instance, which this thread's look-ups find meanwhile. */
  private void runUnlisted(Instance instance) {
    Worker worker = workers.get();
    Instance outer = worker.unlisted;
    worker.unlisted = instance;
    try {
      run(instance);
    } finally {
      worker.unlisted = outer;
    }
  }

  /** Runs the instance's workflow code from the top, answering what the history has. Holds its lock. */
  private void run(Instance instance) {
    if (instance.ended()) {
      return;
    }
    if (instance.history.cancelReason() != null) {
      cancelNow(instance);
      return;
    }
    setState(instance, InstanceState.RUNNING);
    instance.needsReplay = false;
    Continuation kept = instance.kept;
    instance.kept = null;
    while (true) {
      Continuation continuation = kept != null ? kept : keep(instance);
      kept = null;
      Interpreter interpreter = continuation != null ? continuation.interpreter()
          : new Interpreter(instance.id, instance.workflow(), instance.history, effects(instance));
      try {
        Object output = continuation != null ? continuation.proceed()
            : runWorkflow(instance.definition, interpreter, instance.history);
        end(instance, InstanceState.COMPLETED, output, null, null);
      } catch (Signals.Replay replay) {
        continue;
      } catch (Signals.Abandoned abandoned) {
        // The engine let go of the run while it went on (it closes): the instance stays as it is.
        return;
      } catch (Signals.Completion completion) {
        end(instance, InstanceState.COMPLETED, completion.output(), null, null);
      } catch (Signals.ContinueAsNew next) {
        continueAsNew(instance, next.input());
      } catch (Signals.Suspend suspend) {
        reconcile(instance, interpreter.waits(), interpreter, "its branch no longer needs it");
        instance.waits = interpreter.waits();
        instance.waited = true;
        if (continuation != null && continuation.parked()) {
          instance.kept = continuation;
        }
        setState(instance, InstanceState.WAITING);
        events.offerKept(instance);
      } catch (Signals.Failure failure) {
        interpreter.compensate("");
        end(instance, InstanceState.FAILED, null, failure.error(), null);
      } catch (Signals.Cancellation cancellation) {
        interpreter.compensate("");
        end(instance, InstanceState.CANCELLED, null, null, cancellation.reason());
      } catch (NonDeterminismException e) {
        end(instance, InstanceState.FAILED, null, new FlowError(interpreter.lastStep(), e.getMessage()), null);
      } catch (Signals.Jump jump) {
        end(instance, InstanceState.FAILED, null,
            new FlowError("go to", "there is no step `" + jump.target() + "` to go to from here"), null);
      } catch (RuntimeException e) {
        interpreter.compensate("");
        end(instance, InstanceState.FAILED, null, new FlowError(interpreter.lastStep(), Words.unexpected(e)), null);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Error e) {
        // A StackOverflowError in expression code, a LinkageError of a connector: the instance fails.
        interpreter.compensate("");
        end(instance, InstanceState.FAILED, null, new FlowError(interpreter.lastStep(), "unexpected error: " + e), null);
      }
      return;
    }
  }

  /** What the instance's runs ask of the engine: the instance itself. */
  private static InstanceEffects effects(Instance instance) {
    return instance;
  }

  /**
   * A run to keep in memory for an instance that has waited before (so it likely waits again),
   * while there are threads for it; {@code null} runs it on this thread, replayed as needed.
   */
  private Continuation keep(Instance instance) {
    if (!instance.waited || !runThreads.available()) {
      return null;
    }
    Interpreter interpreter = new Interpreter(instance.id, instance.workflow(), instance.history, effects(instance));
    return new Continuation(this, instance, interpreter,
        () -> runWorkflow(instance.definition, interpreter, instance.history));
  }

  @SuppressWarnings("unchecked")
  private static <I, O> O runWorkflow(WorkflowDefinition<I, O> definition, Interpreter interpreter, History history) {
    I input = history.started().input().as(definition.inputType());
    dev.flow.runtime.Workflow<I, O> workflow = definition.newWorkflow();
    if (definition.loopCheckpoints()) {
      interpreter.bind(workflow);
    }
    return interpreter.finish(workflow.run(interpreter, input));
  }

  /**
   * Makes the history match what the run waits for: every task, timer, receive and called child
   * that is open in the history but not waited for any more is withdrawn (its branch lost or
   * failed, the instance ended), in one commit; the children are cancelled after it.
   */
  private void reconcile(Instance instance, Map<String, Wait> waits, String reason) {
    reconcile(instance, waits, null, reason);
  }

  /** @param run the run that waits for {@code waits}, which may know a better reason for some ({@code first to start}) */
  private void reconcile(Instance instance, Map<String, Wait> waits, Interpreter run, String reason) {
    if (!instance.history.hasOpen()) {
      return; // nothing to withdraw (a run of system steps only)
    }
    List<HistoryEntry> entries = new ArrayList<>();
    List<String> children = new ArrayList<>();
    boolean ending = waits.isEmpty() && reason.startsWith("the instance");
    for (String id : List.copyOf(instance.history.open())) {
      if (waits.containsKey(id) || (id.equals("@deadline") && !ending)) {
        continue;
      }
      StepRecord step = instance.history.step(id);
      if (step.taskOpen()) {
        entries.add(new HistoryEntry.TaskWithdrawn(id, run == null ? reason : run.withdrawal(id, reason)));
      }
      if (step.timerSet()) {
        entries.add(new HistoryEntry.TimerCancelled(id));
      }
      if (step.receiveOpen()) {
        entries.add(new HistoryEntry.ReceiveCancelled(id));
      }
      if (step.incidentOpen()) {
        entries.add(new HistoryEntry.IncidentResolved(id, HistoryEntry.IncidentResolved.Resolution.WITHDRAWN,
            "workflow", reason));
      }
      if (step.childOpen()) {
        entries.add(new HistoryEntry.ChildCancelRequested(id, step.childId(), reason));
        children.add(step.childId());
      }
    }
    commit(instance, entries);
    for (String child : children) {
      later(() -> cancel(current(child), "its caller " + instance.id + " no longer needs it"));
    }
  }

  private void end(Instance instance, InstanceState state, Object output, FlowError error, String reason) {
    reconcile(instance, Map.of(), state == InstanceState.COMPLETED ? "the instance completed" : "the instance ended");
    List<Map.Entry<WorkflowDefinition<?, ?>, Object>> next = List.of();
    List<Map.Entry<WorkflowDefinition<?, ?>, Trigger.After<?, ?>>> successors =
        state == InstanceState.COMPLETED ? registry.startedAfter(instance.workflow()) : List.of();
    if (!successors.isEmpty()) { // most workflows start none: no iterator
      for (Map.Entry<WorkflowDefinition<?, ?>, Trigger.After<?, ?>> successor : successors) {
        next = next.isEmpty() ? new ArrayList<>() : next;
        next.add(Map.entry(successor.getKey(), successor.getValue().inputFor(output)));
      }
    }
    HistoryEntry.ErrorRaised raised = state == InstanceState.FAILED && error != null && error.error() != null
        ? new HistoryEntry.ErrorRaised("", error.error().getClass().getName(), Payload.of(error.error())) : null;
    HistoryEntry.InstanceEnded end = new HistoryEntry.InstanceEnded(state, Payload.of(output),
        error == null ? null : error.step(), error != null ? error.message() : reason);
    List<HistoryEntry> ended = raised != null ? List.of(raised, end) : List.of(end);
    HistoryEntry.InstanceStarted started = instance.history.started();
    boolean called = started.parentId() != null && started.callerStepId() != null;
    // Read before the end is committed: the retention may drop the instance, and its chain facts, with it.
    String first = called ? chainStart(instance.id) : null;
    endAndStart(instance, ended, next);
    instance.waits = Map.of();
    setState(instance, state);
    forgetKeys(instance);
    // It leaves memory once its end is durable ({@link #durable}), not before.
    if (called) {
      String message = childMessage(instance.definition.simpleName(), state,
          error != null ? error.message() : reason);
      later(() -> childEnded(started.parentId(), started.callerStepId(), instance.id, first, state,
          Payload.of(output), message, raised));
    }
  }

  /**
   * Continue-as-new ({@code FlowContext.continueAsNew}): one commit ends the instance (COMPLETED,
   * "continued as new as ID", no output) and starts its workflow over as a new instance with the
   * input it carries on (its {@code parentId} the old one), which takes over the keys the old one
   * held; what the old one had open is withdrawn first. Its history stays as it is (ended, so the
   * journal's compaction and the stores' retention of ended instances can drop it); the new one's
   * starts empty. {@code start after} successors are not started: the workflow has not ended.
   */
  private void continueAsNew(Instance instance, Object input) {
    HistoryEntry.InstanceStarted old = instance.history.started();
    Class<?> type = instance.definition.inputType();
    String problem = !type.isInstance(input) ? "continue as new needs a " + type.getSimpleName()
        + " as the new input, not a " + input.getClass().getSimpleName() : null;
    if (problem != null) {
      end(instance, InstanceState.FAILED, null, new FlowError("continue as new", problem), null);
      return;
    }
    reconcile(instance, Map.of(), "the instance continued as new");
    flush(instance);
    Instant at = now();
    // A called child's next instance is the caller's child in its place: its end answers the `call`.
    boolean called = old.callerStepId() != null;
    Start start = prepare(instance.definition, input, called ? old.parentId() : instance.id,
        called ? old.callerStepId() : null, at);
    HistoryEntry ended = new HistoryEntry.InstanceEnded(InstanceState.COMPLETED, Payload.NONE, null,
        dev.flow.runtime.api.FlowRuntime.CONTINUED_AS_NEW + start.id());
    Map<String, String> facts = new java.util.LinkedHashMap<>();
    for (String fact : keysHeld(instance)) {
      facts.put(fact, start.id());
    }
    String first = chainStart(instance.id);
    Map<String, String> chain = new java.util.HashMap<>(Map.of(CHAIN + first, start.id(), CHAINED + start.id(), first));
    if (first.equals(instance.id)) {
      chain.put(CHAINED + first, first); // the first instance is a member too: its chain's end is known from it
    }
    facts.keySet().forEach(fact -> noteHolder(fact, start.id()));
    keysNoted.remove(instance.id); // its keys are the next instance's now
    facts.putAll(chain);
    chainFacts.putAll(chain);
    java.util.concurrent.CompletableFuture<Void> written = handOver(new Commit(at, List.of(
        new Commit.Append(instance.id, instance.history.lastSequence(), List.of(ended)),
        new Commit.Append(start.id(), 0, start.entries())), facts));
    // Once written, the store answers (and drops them with the retention): this engine forgets them.
    written.whenComplete((done, failed) -> chain.forEach(chainFacts::remove));
    instance.written = written;
    applied(instance, at, List.of(ended));
    instance.waits = Map.of();
    setState(instance, InstanceState.COMPLETED);
    later(() -> begin(start, at, written));
  }

  /** The fact that names a chain's current instance, after the chain's first instance's id. */
  private static final String CHAIN = "chain:";
  /** The fact that names, after a chained instance's id, its chain's first instance. */
  private static final String CHAINED = "chained:";
  /** The chain facts this engine handed over to be committed and that are not written yet, read before the store's. */
  private final Map<String, String> chainFacts = new ConcurrentHashMap<>();

  private String chainFact(String key) {
    String value = chainFacts.get(key);
    return value != null ? value : store.fact(key).orElse(null);
  }

  /** The first instance of the continue-as-new chain an instance belongs to (itself, when it continued from none). */
  public String chainStart(String instanceId) {
    String first = chainFact(CHAINED + instanceId);
    return first != null ? first : instanceId;
  }

  /** The instance a continue-as-new chain is at now, given any of its instances (itself, when it never continued). */
  public String current(String instanceId) {
    String now = chainCurrent(instanceId);
    return now != null ? now : instanceId;
  }

  /**
   * As {@link #current}, but {@code null} for an instance of a chain whose current instance the
   * store's retention dropped (the chain ended and its last instance went first: possible only
   * where an older one is kept beyond its turn, as a database keeps one that owes an emit).
   */
  public String chainCurrent(String instanceId) {
    String first = chainFact(CHAINED + instanceId);
    String now = chainFact(CHAIN + (first != null ? first : instanceId));
    return now != null ? now : first == null ? instanceId : null;
  }

  /** The key facts of the keyed triggers whose key the instance holds (computed from its input, as {@link #start} does). */
  private List<String> keysHeld(Instance instance) {
    List<String> held = new ArrayList<>();
    Object input = instance.history.started().input().as(instance.definition.inputType());
    if (input == null || !input.getClass().isRecord()) {
      return held;
    }
    for (Trigger<?> trigger : instance.definition.triggers()) {
      if (!(trigger instanceof Trigger.OnEvent<?, ?> on) || on.key() == null) {
        continue;
      }
      for (java.lang.reflect.RecordComponent component : input.getClass().getRecordComponents()) {
        Object value;
        try {
          java.lang.reflect.Method accessor = component.getAccessor();
          accessor.setAccessible(true); // a record that is not public (a hand-written workflow's)
          value = accessor.invoke(input);
        } catch (ReflectiveOperationException | RuntimeException e) {
          continue;
        }
        String key = on.event().isInstance(value) ? on.keyFor(value) : null;
        if (key != null) {
          String fact = keyFact(instance.definition, key);
          String holder = keyHolders.containsKey(fact) ? keyHolders.get(fact) : store.fact(fact).orElse(null);
          if (instance.id.equals(holder)) {
            held.add(fact);
          }
        }
      }
    }
    return held;
  }

  /** What a caller records of a called child that ended: {@code null} when it completed. */
  static String childMessage(String simpleName, InstanceState state, String why) {
    return switch (state) {
      case FAILED -> simpleName + " failed: " + why;
      case CANCELLED -> simpleName + " was cancelled: " + why;
      default -> null;
    };
  }

  /** A called child ended: its caller records it, unless it gave the child up, and goes on. */
  void childEnded(String parentId, String stepId, String childId, String chainStart, InstanceState state,
      Payload output, String message, HistoryEntry.ErrorRaised raised) {
    Optional<InstanceRow> row = store.instance(parentId);
    if (row.isEmpty() || row.get().state().isTerminal()) {
      return;
    }
    with(parentId, parent -> {
      StepRecord step = parent.history.step(stepId);
      if (!parent.ended() && step != null && step.childOpen()
          && (childId.equals(step.childId()) || step.childId().equals(chainStart))) {
        List<HistoryEntry> entries = new ArrayList<>();
        entries.add(new HistoryEntry.ChildEnded(stepId, state, output, message));
        if (raised != null) {
          // The declared error the child failed with, for the caller's typed `catch`.
          entries.add(new HistoryEntry.ErrorRaised(stepId, raised.errorType(), raised.error()));
        }
        commit(parent, entries);
        resume(parent);
      }
      return null;
    });
  }

  /**
   * Cancels an instance that has not ended: its open work is withdrawn, its completed steps
   * compensated newest first, and it ends CANCELLED.
   */
  public void cancel(String instanceId, String reason) {
    with(instanceId, instance -> {
      if (instance.ended()) {
        // It may have continued as new meanwhile: the chain's current instance is cancelled instead.
        String now = current(instanceId);
        if (!now.equals(instanceId)) {
          later(() -> cancel(now, reason));
        }
        return null;
      }
      if (instance.history.cancelReason() == null) {
        commit(instance, List.of(new HistoryEntry.CancelRequested(reason)));
      }
      cancelNow(instance);
      return null;
    });
  }

  private void cancelNow(Instance instance) {
    letGo(instance);
    new Interpreter(instance.id, instance.workflow(), instance.history, effects(instance)).compensate("");
    end(instance, InstanceState.CANCELLED, null, null, instance.history.cancelReason());
  }

  /**
   * The deadline of an instance whose workflow ends it then ({@code deadline … cancel} or
   * {@code fail}) has passed: as {@link #cancel}, its open work is withdrawn and its completed
   * steps compensated newest first; it ends CANCELLED with the reason, or FAILED with the
   * message at the step {@code deadline}. The timers call it holding the instance.
   */
  void endAtDeadline(Instance instance, String message) {
    if (instance.ended()) {
      return;
    }
    if (instance.definition.atDeadline() == WorkflowDefinition.AtDeadline.CANCEL) {
      if (instance.history.cancelReason() == null) {
        commit(instance, List.of(new HistoryEntry.CancelRequested(message)));
      }
      cancelNow(instance);
    } else if (instance.definition.atDeadline() == WorkflowDefinition.AtDeadline.FAIL) {
      new Interpreter(instance.id, instance.workflow(), instance.history, effects(instance)).compensate("");
      end(instance, InstanceState.FAILED, null, new FlowError("deadline", message), null);
    }
  }

  private void setState(Instance instance, InstanceState state) {
    if (instance.state != state) {
      instance.state = state;
      observers.state(instance.id, state);
    }
  }


  Outbox outbox() {
    return outbox;
  }

  ActionRunner actions() {
    return actions;
  }


  /** Whether this engine holds the instance in memory. */
  boolean isLive(String instanceId) {
    return held(instanceId) != null;
  }

  /**
   * What publishing an event did.
   *
   * @param sequence its sequence among the kept events
   * @param started the instances it started ({@code starts on})
   * @param woken the waiting instances that took it
   */
  public record Published(long sequence, List<String> started, List<String> woken) {}

  /**
   * Publishes an event: keeps it, offers it to the waiting receives it correlates with, and starts
   * every workflow that {@code starts on} it. Holds no instance's lock.
   */
  public Published publish(Object event) {
    return publish(event, null, new ArrayList<>());
  }

  /**
   * Publishes an event, as {@link #publish(Object)}; one an instance emitted ({@code origin} its
   * {@code instanceId/stepId}) is kept and starts each workflow once, however often it is published
   * (again after a crash before its {@code EventPublished}): the store keeps one event per origin,
   * and each instance it starts is named by a fact committed with its start.
   *
   * @param once receives the names of those facts, to be cleared with the {@code EventPublished}
   */
  private Published publish(Object event, String origin, List<String> once) {
    List<String> facts = keyFactsOf(event);
    if (!facts.isEmpty()) {
      long[] sequence = new long[1];
      List<String> started = new ArrayList<>();
      holdingKeys(facts, () -> {
        sequence[0] = events.keep(event, origin);
        Long outer = startingEvent.get();
        startingEvent.set(sequence[0]);
        try {
          startOn(event, started, List.of(), origin, once);
        } finally {
          startingEvent.set(outer);
        }
      });
      return new Published(sequence[0], started, events.offer(event, sequence[0]));
    }
    Events.Delivered delivered = events.deliver(event, origin);
    List<String> started = new ArrayList<>();
    // The instances it starts take the kept events published after it (a keyed instance, the
    // next events of its key published while it was being started).
    Long outer = startingEvent.get();
    startingEvent.set(delivered.sequence());
    try {
      startOn(event, started, delivered.woken(), origin, once);
    } finally {
      startingEvent.set(outer);
    }
    return new Published(delivered.sequence(), started, delivered.woken());
  }

  /**
   * Publishes an event of a keyed trigger holding its keys' locks (in order, so two publishers of
   * several keys cannot deadlock) while it is kept and its key's instance is found or started: the
   * events of one key are kept in the order their key's instances are decided, so a new instance,
   * which takes the events kept after the one that started it, never misses one published at the
   * same moment by another thread ({@code publish} offers the event to the waiting receives after
   * the locks).
   */
  private void holdingKeys(List<String> facts, Runnable body) {
    java.util.TreeSet<Integer> stripes = new java.util.TreeSet<>();
    facts.forEach(fact -> stripes.add(keyStripe(fact)));
    holdingKeys(facts, List.copyOf(stripes), 0, body);
  }

  private void holdingKeys(List<String> facts, List<Integer> stripes, int locked, Runnable body) {
    if (locked == stripes.size()) {
      store.holdingKeys(facts, body); // and for the other engines on the store (a shared database)
      return;
    }
    synchronized (keyLocks[stripes.get(locked)]) {
      holdingKeys(facts, stripes, locked + 1, body);
    }
  }

  private int keyStripe(String fact) {
    return Math.floorMod(fact.hashCode(), keyLocks.length);
  }

  private Object keyLock(String fact) {
    return keyLocks[keyStripe(fact)];
  }

  private static Object[] locks(int n) {
    Object[] locks = new Object[n];
    for (int i = 0; i < n; i++) {
      locks[i] = new Object();
    }
    return locks;
  }

  /**
   * An ended instance holds its keys no more: this engine's note of who holds them goes (the
   * store's facts still name it, and say it ended), so the notes do not grow with every key.
   */
  private void forgetKeys(Instance instance) {
    List<String> facts = keysNoted.remove(instance.id);
    if (facts != null) {
      for (String fact : facts) {
        keyHolders.remove(fact, instance.id);
      }
    }
  }

  private void noteHolder(String fact, String instanceId) {
    keyHolders.put(fact, instanceId);
    keysNoted.computeIfAbsent(instanceId, id -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(fact);
  }

  /** The key facts of the keyed triggers an event fills, sorted. */
  private List<String> keyFactsOf(Object event) {
    java.util.TreeSet<String> facts = new java.util.TreeSet<>();
    for (WorkflowDefinition<?, ?> definition : registry.newest()) {
      for (Trigger<?> trigger : definition.triggers()) {
        if (trigger instanceof Trigger.OnEvent<?, ?> on && on.event().isInstance(event)) {
          String key = on.keyFor(event);
          if (key != null) {
            facts.add(keyFact(definition, key));
          }
        }
      }
    }
    return List.copyOf(facts);
  }

  private void startOn(Object event, List<String> started, List<String> woken, String origin, List<String> once) {
    for (WorkflowDefinition<?, ?> definition : registry.newest()) {
      int index = 0;
      for (Trigger<?> trigger : definition.triggers()) {
        index++;
        if (trigger instanceof Trigger.OnEvent<?, ?> on && on.event().isInstance(event)) {
          Map<String, String> facts = Map.of();
          if (origin != null) {
            String fact = "emitted:" + origin + ":" + definition.name() + "#" + index;
            once.add(fact);
            Optional<String> before = store.fact(fact);
            if (before.isPresent()) {
              started.add(before.get()); // started by this emit before a crash
              continue;
            }
            facts = Map.of(fact, KEY_HOLDER);
          }
          String key = on.keyFor(event);
          if (key == null) {
            started.add(create(definition, on.inputFor(event), null, null, null, facts));
          } else {
            keyed(definition, on.inputFor(event), key, woken, facts).ifPresent(started::add);
          }
        }
      }
    }
  }

  /** The fact that names the running instance of a key of a keyed workflow. */
  static String keyFact(WorkflowDefinition<?, ?> definition, String key) {
    return "keyed:" + definition.name() + ":" + key;
  }

  /**
   * A keyed trigger's event: starts an instance for its key unless one runs (then the event, kept,
   * is for that one's next receive). One at a time per key in this engine; the instance that holds
   * a key is a fact committed with its start, so it is known after a restart.
   *
   * @param woken the instances that took the event already (the key's instance may have, and ended)
   * @return the instance started, if any
   */
  private Optional<String> keyed(WorkflowDefinition<?, ?> definition, Object input, String key, List<String> woken,
      Map<String, String> also) {
    String fact = keyFact(definition, key);
    synchronized (keyLock(fact)) {
      if (runningHolder(fact, woken) != null) {
        return Optional.empty();
      }
      Map<String, String> facts = new java.util.LinkedHashMap<>(also);
      facts.put(fact, KEY_HOLDER);
      String id = create(definition, input, null, null, null, facts);
      noteHolder(fact, id);
      return Optional.of(id);
    }
  }

  /**
   * The running instance that holds a key, if any: the one this engine started last, or the one
   * the store names (started by another engine on a shared store, or before a restart).
   */
  private String runningHolder(String fact, List<String> woken) {
    String held = keyHolders.get(fact);
    if (held != null && (woken.contains(held) || running(held))) {
      return held;
    }
    String stored = store.fact(fact).orElse(null);
    if (stored != null && !stored.equals(held) && (woken.contains(stored) || running(stored))) {
      noteHolder(fact, stored);
      return stored;
    }
    return null;
  }

  /**
   * Starts an instance by hand ({@code Engine.start}). For a keyed workflow whose input holds an
   * event of its keyed trigger, the new instance holds that event's key (unless a running one
   * does), so the key's events published later go to it.
   */
  public String start(WorkflowDefinition<?, ?> definition, Object input) {
    List<? extends Trigger<?>> triggers = definition.triggers();
    if (input != null && !triggers.isEmpty()) { // most workflows have no trigger: no iterator
      for (Trigger<?> trigger : triggers) {
        // isRecord() asks the VM each time: only for a keyed trigger (most workflows have none).
        if (trigger instanceof Trigger.OnEvent<?, ?> on && on.key() != null && input.getClass().isRecord()) {
          for (java.lang.reflect.RecordComponent component : input.getClass().getRecordComponents()) {
            Object value;
            try {
              value = component.getAccessor().invoke(input);
            } catch (ReflectiveOperationException e) {
              continue;
            }
            String key = on.event().isInstance(value) ? on.keyFor(value) : null;
            if (key != null) {
              String fact = keyFact(definition, key);
              String[] id = new String[1];
              synchronized (keyLock(fact)) {
                store.holdingKeys(List.of(fact), () -> {
                  if (runningHolder(fact, List.of()) == null) {
                    id[0] = create(definition, input, null, null, null, Map.of(fact, KEY_HOLDER));
                    noteHolder(fact, id[0]);
                  }
                });
              }
              if (id[0] != null) {
                return id[0];
              }
            }
          }
        }
      }
    }
    return create(definition, input, null, null, null, Map.of());
  }

  /** Whether an instance has not ended (as this engine holds it, or as the store knows it). */
  private boolean running(String instanceId) {
    Instance held = held(instanceId);
    if (held != null) {
      return !held.ended();
    }
    return store.instance(instanceId).map(row -> !row.state().isTerminal()).orElse(false);
  }

  /**
   * Publishes what an instance emitted ({@code EventEmitted}, committed), then records
   * {@code EventPublished} in its history, so a restart publishes only what was not.
   */
  void publishEmitted(String instanceId, HistoryEntry.EventEmitted emitted) {
    Instance emitter = instance(instanceId);
    StepRecord step = emitter.history.step(emitted.stepId());
    if (step != null && step.published()) {
      return;
    }
    Object event;
    try {
      event = emitted.event().as(Class.forName(emitted.eventType(), true,
          emitter.definition.inputType().getClassLoader()));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("instance " + instanceId + " emitted an event of type " + emitted.eventType()
          + ", which its workflow's class loader does not know", e);
    }
    List<String> once = new ArrayList<>();
    Published published = publish(event, instanceId + "/" + emitted.stepId(), once);
    with(instanceId, held -> {
      StepRecord again = held.history.step(emitted.stepId());
      if (again != null && again.published()) {
        return null;
      }
      HistoryEntry entry = new HistoryEntry.EventPublished(emitted.stepId(), published.sequence());
      if (once.isEmpty()) {
        commit(held, List.of(entry));
        return null;
      }
      // The facts that named the instances it started are of no use once it is recorded as published.
      flush(held);
      Instant at = now();
      Map<String, String> cleared = new java.util.LinkedHashMap<>();
      once.forEach(fact -> cleared.put(fact, null));
      held.written = handOver(new Commit(at, List.of(new Commit.Append(held.id, held.history.lastSequence(),
          List.of(entry))), cleared));
      applied(held, at, List.of(entry));
      return null;
    });
    if (timers != null) {
      timers.poke();
    }
  }

  /** Sends what an instance emitted and did not publish before a restart. Holds the instance's lock. */
  void republish(Instance instance) {
    for (Recorded recorded : instance.history.entries()) {
      if (recorded.entry() instanceof HistoryEntry.EventEmitted emitted) {
        StepRecord step = instance.history.step(emitted.stepId());
        if (step == null || !step.published()) {
          later(() -> publishEmitted(instance.id, emitted));
        }
      }
    }
  }
}
