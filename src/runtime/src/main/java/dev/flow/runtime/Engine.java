package dev.flow.runtime;

import dev.flow.runtime.HistoryEvent.Type;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs workflow instances durably, by replay: every step's outcome is appended to the instance's
 * history; when an instance must wait, its run unwinds; when what it waits for arrives, the
 * engine runs it again from the top and the context answers every step already in the history.
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
 * <p>Thread-safe: every operation takes the engine's lock. Work that an operation causes (a run
 * that starts a child, a child that ends and resumes its parent) is queued and done before the
 * operation returns, so with the default executor (actions run on the caller's thread) and a
 * {@link ManualClock} everything is deterministic.
 */
public final class Engine implements AutoCloseable {
  private final Map<String, TreeMap<Integer, WorkflowDefinition<?, ?>>> workflows;
  private final Map<Class<?>, Object> connectors;
  private final Map<String, String> roleTitles;
  private final Notifier notifier;
  private final Clock clock;
  private final ZoneId zone;
  private final InstanceStore store;
  private final Executor executor;
  private final boolean directExecutor;
  private final List<EngineListener> listeners;

  private final Map<String, Live> instances = new LinkedHashMap<>();
  private final TaskInbox inbox = new TaskInbox(this);
  private final EventLog log = new EventLog();
  private final List<Breach> breaches = new ArrayList<>();
  private final List<Notification> outbox = new ArrayList<>();
  private final TreeSet<Timer> timers = new TreeSet<>(Timer.ORDER);
  private final Map<String, Timer> timersByKey = new HashMap<>();
  private final Set<String> inFlight = new HashSet<>();
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private final Map<String, Long> instanceNumbers = new HashMap<>();
  private boolean draining;
  private long timerSequence;
  private long historySequence;
  private Thread ticker;
  private volatile boolean closed;

  private Engine(Builder builder) {
    this.workflows = builder.workflows;
    this.connectors = Map.copyOf(builder.connectors);
    this.roleTitles = Map.copyOf(builder.roleTitles);
    this.notifier = builder.notifier;
    this.clock = builder.clock;
    this.zone = builder.zone != null ? builder.zone : builder.clock.getZone();
    this.store = builder.store;
    this.executor = builder.executor != null ? builder.executor : Runnable::run;
    this.directExecutor = builder.executor == null;
    this.listeners = List.copyOf(builder.listeners);
    for (InstanceRecord record : store.all()) {
      noteNumber(record.id());
    }
    if (clock instanceof ManualClock manual) {
      manual.drive(this::advanceTo);
    }
    if (builder.schedules) {
      synchronized (this) {
        for (WorkflowDefinition<?, ?> definition : newest()) {
          scheduleNext(definition, now());
        }
      }
    }
    if (!(clock instanceof ManualClock)) {
      startTicker();
    }
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
  public synchronized <I, O> String start(WorkflowDefinition<I, O> workflow, I input) {
    WorkflowDefinition<?, ?> registered = definition(workflow.name(), workflow.version())
        .orElseThrow(() -> new IllegalArgumentException("workflow " + workflow + " is not registered with this engine: "
            + "add its module with Engine.builder().module(…)"));
    String id = create(registered, checkInput(registered, input), null, null);
    drain();
    return id;
  }

  /** Starts an instance of the newest version of a workflow, by qualified name. */
  public synchronized String start(String workflow, Object input) {
    WorkflowDefinition<?, ?> definition = latest(workflow);
    String id = create(definition, checkInput(definition, input), null, null);
    drain();
    return id;
  }

  private static Object checkInput(WorkflowDefinition<?, ?> definition, Object input) {
    if (!definition.inputType().isInstance(input)) {
      throw new IllegalArgumentException("the input of " + definition.name() + " must be a "
          + definition.inputType().getName() + ", not " + (input == null ? "null" : input.getClass().getName()));
    }
    return input;
  }

  /**
   * Publishes an event: it wakes every waiting instance whose {@code receive} it matches (one
   * receive per instance), then starts every workflow that {@code starts on} it. An event that
   * nothing waits for is not kept.
   */
  public synchronized Delivery publish(Object event) {
    Objects.requireNonNull(event, "event");
    List<String> woken = new ArrayList<>();
    for (Live live : new ArrayList<>(instances.values())) {
      if (live.state != InstanceState.WAITING) {
        continue;
      }
      for (PendingWait wait : live.waits.values()) {
        if (wait instanceof PendingWait.ReceiveWait receive && matches(receive, event)
            && !live.has(receive.stepId(), Type.EVENT_RECEIVED)) {
          append(live, receive.stepId(), receive.step(), "receive", Type.EVENT_RECEIVED, event, event.getClass().getSimpleName());
          log(live, receive.step(), "complete", "");
          resume(live);
          woken.add(live.id);
          break;
        }
      }
    }
    List<String> started = new ArrayList<>();
    for (WorkflowDefinition<?, ?> definition : newest()) {
      for (Trigger<?> trigger : definition.triggers()) {
        if (trigger instanceof Trigger.OnEvent<?, ?> on && on.event().isInstance(event)) {
          started.add(create(definition, on.inputFor(event), null, null));
        }
      }
    }
    drain();
    return new Delivery(List.copyOf(started), List.copyOf(woken));
  }

  /**
   * What a published event did.
   *
   * @param started the instances it started ({@code starts on})
   * @param woken the waiting instances it was delivered to ({@code receive})
   */
  public record Delivery(List<String> started, List<String> woken) {}

  private static boolean matches(PendingWait.ReceiveWait receive, Object event) {
    try {
      return receive.where().test(event);
    } catch (RuntimeException e) {
      // A correlation that cannot be evaluated (say, a missing value) does not match.
      return false;
    }
  }

  /** Cancels an instance that has not ended: its tasks are withdrawn, its completed steps compensated. */
  public synchronized void cancel(String instanceId, String reason) {
    Live live = live(instanceId);
    if (live.state.isTerminal()) {
      throw new IllegalStateException("instance " + instanceId + " has already ended (" + live.state + ")");
    }
    if (live.lastRun != null) {
      live.lastRun.compensate(0);
    }
    end(live, InstanceState.CANCELLED, null, null, reason);
    drain();
  }

  /**
   * Resumes, by replay, every instance in the store that has not ended and that this engine does
   * not hold yet: after a restart, their tasks, timers and subscriptions come back.
   *
   * @return the ids of the instances resumed
   */
  public synchronized List<String> recover() {
    List<String> resumed = new ArrayList<>();
    for (InstanceRecord record : store.all()) {
      if (record.state().isTerminal() || instances.containsKey(record.id())) {
        continue;
      }
      WorkflowDefinition<?, ?> definition = definition(record.workflow(), record.version())
          .orElseThrow(() -> new IllegalStateException("instance " + record.id() + " runs on " + record.workflow() + " v"
              + record.version() + ", which is not registered with this engine"));
      Live live = new Live(record.id(), definition, record.input(), record.parentId(), record.callerStepId(), record.started());
      for (HistoryEvent event : record.history()) {
        live.add(event, kindOf(event));
        historySequence = Math.max(historySequence, event.sequence());
      }
      instances.put(live.id, live);
      definition.deadline().ifPresent(limit -> {
        if (!live.has("@deadline", Type.BREACHED)) {
          addTimer(live.started.plus(limit), Timer.Kind.DEADLINE, live.id, "@deadline");
        }
      });
      resume(live);
      resumed.add(live.id);
    }
    drain();
    return resumed;
  }

  private static String kindOf(HistoryEvent event) {
    return switch (event.type()) {
      case INSTANCE_STARTED, INSTANCE_ENDED, BREACHED, COMPENSATED, COMPENSATION_FAILED -> null;
      case ATTEMPT_FAILED, ACTION_COMPLETED, ACTION_FAILED -> "action";
      case TASK_CREATED, TASK_COMPLETED -> event.detail().startsWith("approval") ? "approval" : "task";
      case TIMER_SET, TIMER_FIRED -> event.stepId().contains("~retry") ? null : "wait";
      case RECEIVE_WAITING, EVENT_RECEIVED, RECEIVE_TIMED_OUT -> "receive";
      case CHILD_STARTED, CHILD_COMPLETED, CHILD_FAILED -> event.step().equals("start") && event.stepId().contains("@start")
          ? "start" : "call";
      case NOTIFIED -> "notify";
      case CLOCK_READ -> event.step();
      case FIRST_DECIDED -> "first";
    };
  }

  // ---- what can be asked -------------------------------------------------------------------

  /** The instance, as it is now. */
  public synchronized WorkflowInstance instance(String instanceId) {
    return live(instanceId).snapshot();
  }

  /** Every instance, oldest first. */
  public synchronized List<WorkflowInstance> instances() {
    return instances.values().stream().map(Live::snapshot).toList();
  }

  public TaskInbox inbox() {
    return inbox;
  }

  /** Every step start and completion of every instance. */
  public EventLog eventLog() {
    return log;
  }

  /** Every time limit that passed. */
  public synchronized List<Breach> breaches() {
    return List.copyOf(breaches);
  }

  /** Every notification sent, oldest first. */
  public synchronized List<Notification> notifications() {
    return List.copyOf(outbox);
  }

  /** When the next timer falls due, if any is set. */
  public synchronized Optional<Instant> nextTimer() {
    return timers.isEmpty() ? Optional.empty() : Optional.of(timers.first().due());
  }

  /** The registered workflows (newest version of each), by name. */
  public synchronized List<WorkflowDefinition<?, ?>> workflows() {
    return newest();
  }

  /** The newest version of every registered workflow: the one that triggers start. */
  private List<WorkflowDefinition<?, ?>> newest() {
    return workflows.values().stream().<WorkflowDefinition<?, ?>>map(v -> v.lastEntry().getValue()).toList();
  }

  public Clock clock() {
    return clock;
  }

  public ZoneId zone() {
    return zone;
  }

  /** Fires every timer due by now (the engine does this by itself; a {@link ManualClock} does it as it advances). */
  public synchronized void fireDueTimers() {
    while (!timers.isEmpty() && !timers.first().due().isAfter(now())) {
      fire(timers.pollFirst());
      drain();
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread thread = ticker;
    if (thread != null) {
      thread.interrupt();
    }
  }

  // ---- running -----------------------------------------------------------------------------

  Instant now() {
    return clock.instant();
  }

  private String create(WorkflowDefinition<?, ?> definition, Object input, Live parent, String callerStepId) {
    String id = newId(definition);
    Live live = new Live(id, definition, input, parent == null ? null : parent.id, callerStepId, now());
    instances.put(id, live);
    append(live, "@instance", definition.simpleName(), null, Type.INSTANCE_STARTED, input,
        definition.name() + " v" + definition.version());
    log(live, definition.simpleName(), "start", "");
    definition.deadline().ifPresent(limit -> addTimer(live.started.plus(limit), Timer.Kind.DEADLINE, id, "@deadline"));
    store.save(live.record());
    resume(live);
    return id;
  }

  private String newId(WorkflowDefinition<?, ?> definition) {
    long number = instanceNumbers.merge(definition.simpleName(), 1L, Long::sum);
    return definition.simpleName() + "-" + number;
  }

  private void noteNumber(String id) {
    int dash = id.lastIndexOf('-');
    if (dash > 0) {
      try {
        long number = Long.parseLong(id.substring(dash + 1));
        instanceNumbers.merge(id.substring(0, dash), number, Math::max);
      } catch (NumberFormatException e) {
        // Not one of ours: it cannot clash with the ids this engine makes.
      }
    }
  }

  /** Queues a run of the instance (once, however many outcomes arrive before it runs). */
  private void resume(Live live) {
    if (live.resumeQueued || live.state.isTerminal()) {
      return;
    }
    live.resumeQueued = true;
    queue.add(() -> {
      live.resumeQueued = false;
      runInstance(live);
    });
  }

  private void drain() {
    if (draining) {
      return;
    }
    draining = true;
    try {
      Runnable work;
      while ((work = queue.poll()) != null) {
        work.run();
      }
    } finally {
      draining = false;
    }
  }

  private void runInstance(Live live) {
    if (live.state.isTerminal()) {
      return;
    }
    setState(live, InstanceState.RUNNING);
    Run run = new Run(this, live);
    try {
      Object output = runWorkflow(live.definition, run, live.input);
      end(live, InstanceState.COMPLETED, output, null, null);
    } catch (Signals.Completion completion) {
      end(live, InstanceState.COMPLETED, completion.output, null, null);
    } catch (Signals.Suspend suspend) {
      reconcile(live, run.waits());
      live.lastRun = run;
      setState(live, InstanceState.WAITING);
    } catch (Signals.Failure failure) {
      run.compensate(0);
      end(live, InstanceState.FAILED, null, failure.error, null);
    } catch (Signals.Cancellation cancellation) {
      run.compensate(0);
      end(live, InstanceState.CANCELLED, null, null, cancellation.reason);
    } catch (NonDeterminismException e) {
      end(live, InstanceState.FAILED, null, new FlowError(run.lastStep(), e.getMessage()), null);
    } catch (Signals.Jump jump) {
      end(live, InstanceState.FAILED, null,
          new FlowError("go to", "there is no step `" + jump.target + "` to go to from here"), null);
    } catch (RuntimeException e) {
      run.compensate(0);
      end(live, InstanceState.FAILED, null, new FlowError(run.lastStep(), describe(e)), null);
    }
    store.save(live.record());
  }

  @SuppressWarnings("unchecked")
  private static <I, O> O runWorkflow(WorkflowDefinition<I, O> definition, Run run, Object input) {
    return definition.newWorkflow().run(run, (I) input);
  }

  /** A bug in expression code, in words (e.g. a division by zero). */
  static String describe(RuntimeException e) {
    if (e instanceof ArithmeticException) {
      return "arithmetic error: " + e.getMessage();
    }
    return "unexpected error: " + e;
  }

  private void end(Live live, InstanceState state, Object output, FlowError error, String cancelReason) {
    live.output = output;
    live.error = error;
    live.cancelReason = cancelReason;
    live.ended = now();
    reconcile(live, Map.of());
    live.lastRun = null;
    removeTimer(timerKey(live.id, Timer.Kind.DEADLINE, "@deadline"));
    String detail = switch (state) {
      case COMPLETED -> "completed";
      case FAILED -> "failed at " + error.step() + ": " + error.message();
      case CANCELLED -> "cancelled: " + cancelReason;
      default -> state.name();
    };
    append(live, "@instance", live.definition.simpleName(), null, Type.INSTANCE_ENDED, output, detail);
    log(live, live.definition.simpleName(), "complete", "");
    setState(live, state);
    store.save(live.record());
    if (live.parentId != null && live.callerStepId != null) {
      Live parent = instances.get(live.parentId);
      if (parent != null && !parent.state.isTerminal() && parent.waits.containsKey("call:" + live.callerStepId)) {
        String step = parent.waits.get("call:" + live.callerStepId).step();
        if (state == InstanceState.COMPLETED) {
          append(parent, live.callerStepId, step, "call", Type.CHILD_COMPLETED, output, live.id);
        } else {
          String why = state == InstanceState.FAILED
              ? live.definition.simpleName() + " failed: " + error.message()
              : live.definition.simpleName() + " was cancelled: " + cancelReason;
          append(parent, live.callerStepId, step, "call", Type.CHILD_FAILED, null, why);
        }
        log(parent, step, "complete", "");
        resume(parent);
      }
    }
    if (state == InstanceState.COMPLETED) {
      for (WorkflowDefinition<?, ?> next : newest()) {
        for (Trigger<?> trigger : next.triggers()) {
          if (trigger instanceof Trigger.After<?, ?> after && after.workflow().equals(live.definition.name())) {
            create(next, after.inputFor(output), null, null);
          }
        }
      }
    }
  }

  private void setState(Live live, InstanceState state) {
    if (live.state != state) {
      live.state = state;
      for (EngineListener listener : listeners) {
        listener.onStateChange(live.id, state);
      }
    }
  }

  /** Makes the engine's tasks, timers and children match what the last run waits for. */
  private void reconcile(Live live, Map<String, PendingWait> wanted) {
    for (PendingWait old : live.waits.values()) {
      if (!wanted.containsKey(old.key())) {
        withdraw(live, old);
      }
    }
    Map<String, PendingWait> next = new LinkedHashMap<>();
    for (PendingWait wait : wanted.values()) {
      if (!live.waits.containsKey(wait.key())) {
        activate(live, wait);
      }
      next.put(wait.key(), wait);
    }
    live.waits = next;
  }

  private void activate(Live live, PendingWait wait) {
    if (wait instanceof PendingWait.TaskWait task) {
      boolean escalated = live.has(task.stepId(), Type.BREACHED);
      inbox.open(live, task, escalated);
      if (task.within().isPresent() && !escalated) {
        addTimer(task.created().plus(task.within().get()), Timer.Kind.TASK_LIMIT, live.id, task.stepId());
      }
    } else if (wait instanceof PendingWait.TimerWait timer) {
      addTimer(timer.due(), timer.receiveTimeout() ? Timer.Kind.RECEIVE_TIMEOUT : Timer.Kind.WAKE, live.id, timer.timerKey());
    }
    // Receives are matched against the instance's waits on publish; children and running
    // actions report to the engine by themselves.
  }

  private void withdraw(Live live, PendingWait wait) {
    if (wait instanceof PendingWait.TaskWait task) {
      removeTimer(timerKey(live.id, Timer.Kind.TASK_LIMIT, task.stepId()));
      if (inbox.withdraw(live.id + "/" + task.stepId())) {
        log(live, task.step(), "withdraw", task.role());
      }
    } else if (wait instanceof PendingWait.TimerWait timer) {
      removeTimer(timerKey(live.id, timer.receiveTimeout() ? Timer.Kind.RECEIVE_TIMEOUT : Timer.Kind.WAKE, timer.timerKey()));
      if (!timer.receiveTimeout() && timer.timerKey().equals(timer.stepId()) && !live.has(timer.stepId(), Type.TIMER_FIRED)) {
        log(live, timer.step(), "withdraw", "");
      }
    } else if (wait instanceof PendingWait.ReceiveWait receive) {
      if (!live.has(receive.stepId(), Type.EVENT_RECEIVED) && !live.has(receive.stepId(), Type.RECEIVE_TIMED_OUT)) {
        log(live, receive.step(), "withdraw", "");
      }
    } else if (wait instanceof PendingWait.ChildWait child) {
      Live called = instances.get(child.childId());
      if (called != null && !called.state.isTerminal()) {
        if (called.lastRun != null) {
          called.lastRun.compensate(0);
        }
        end(called, InstanceState.CANCELLED, null, null, "its caller " + live.id + " no longer needs it");
      }
    } else if (wait instanceof PendingWait.ActionWait action) {
      inFlight.remove(live.id + "/" + action.stepId());
    }
  }

  // ---- what runs call ----------------------------------------------------------------------

  void append(Live live, String stepId, String step, String kind, Type type, Object value, String detail) {
    HistoryEvent event = new HistoryEvent(++historySequence, now(), stepId, step, type, value, detail == null ? "" : detail);
    boolean ordered = kind != null && !stepId.startsWith("compensate:") && !stepId.contains("~retry")
        && type != Type.BREACHED;
    live.add(event, ordered ? kind : null);
    for (EngineListener listener : listeners) {
      listener.onHistory(live.id, event);
    }
  }

  void log(Live live, String activity, String lifecycle, String resource) {
    LogEntry entry = new LogEntry(live.id, live.workflow(), activity, lifecycle, now(), resource == null ? "" : resource);
    log.add(entry);
    for (EngineListener listener : listeners) {
      listener.onLog(entry);
    }
  }

  /** A person completed a task: record it and run the instance on. */
  void completed(Live live, PendingWait.TaskWait wait, Object result, String user) {
    append(live, wait.stepId(), wait.step(), wait.kind(), Type.TASK_COMPLETED, result, user);
    log(live, wait.step(), "complete", user);
    resume(live);
    drain();
  }

  boolean inFlight(Live live, String stepId) {
    return inFlight.contains(live.id + "/" + stepId);
  }

  /** What one attempt of an action gave. */
  record Attempt(Kind kind, Object value, String message, Instant retryAt) {
    enum Kind {
      COMPLETED,
      RUNNING,
      RETRY,
      FAILED
    }
  }

  /** Makes attempt {@code attempt} of an action; records its outcome when it is known at once. */
  <S, R> Attempt attempt(Live live, String stepId, ActionStep<S, R> step, Object[] arguments, long attempt) {
    if (attempt == 1) {
      log(live, step.name(), "start", step.systemName());
    }
    Object connector = connectors.get(step.system());
    if (connector == null) {
      String message = "no connector for system " + step.systemName() + ": register one with Engine.builder().connector("
          + step.system().getSimpleName() + ".class, …)";
      append(live, stepId, step.name(), "action", Type.ACTION_FAILED, null, message);
      log(live, step.name(), "complete", step.systemName());
      return new Attempt(Attempt.Kind.FAILED, null, message, null);
    }
    Action<S, R> action = step.action();
    ActionContext context = new ActionContext(live.id, live.workflow(), step.name(), attempt, live.id + "/" + stepId);
    CompletableFuture<Object> future = new CompletableFuture<>();
    long startedNanos = System.nanoTime();
    executor.execute(() -> {
      ActionContext previous = ActionContext.swap(context);
      try {
        future.complete(action.invoke(connector, arguments));
      } catch (Throwable t) {
        future.completeExceptionally(t);
      } finally {
        ActionContext.swap(previous);
      }
    });
    if (future.isDone()) {
      long elapsed = System.nanoTime() - startedNanos;
      if (step.timeout().isPresent() && elapsed > step.timeout().get().toNanos()) {
        return attempted(live, stepId, step, attempt, null, new TimeoutException());
      }
      Object value = null;
      Throwable failure = null;
      try {
        value = future.join();
      } catch (java.util.concurrent.CompletionException e) {
        failure = e.getCause();
      }
      return attempted(live, stepId, step, attempt, value, failure);
    }
    String key = live.id + "/" + stepId;
    inFlight.add(key);
    CompletableFuture<Object> limited = step.timeout().isPresent()
        ? future.orTimeout(step.timeout().get().toMillis(), TimeUnit.MILLISECONDS)
        : future;
    limited.whenComplete((value, failure) -> arrived(live, stepId, step, attempt, value, failure));
    return new Attempt(Attempt.Kind.RUNNING, null, null, null);
  }

  /** An action that ran on another thread ended. */
  private synchronized void arrived(
      Live live, String stepId, ActionStep<?, ?> step, long attempt, Object value, Throwable failure) {
    String key = live.id + "/" + stepId;
    if (!inFlight.remove(key) || live.state.isTerminal()) {
      return;
    }
    Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
    attempted(live, stepId, step, attempt, value, cause);
    resume(live);
    drain();
  }

  private Attempt attempted(Live live, String stepId, ActionStep<?, ?> step, long attempt, Object value, Throwable failure) {
    if (failure == null) {
      append(live, stepId, step.name(), "action", Type.ACTION_COMPLETED, value, "attempt " + attempt);
      log(live, step.name(), "complete", step.systemName());
      return new Attempt(Attempt.Kind.COMPLETED, value, null, null);
    }
    String message = failure instanceof TimeoutException
        ? step.systemName() + "." + step.action().name() + " took longer than its time limit of "
            + words(step.timeout().orElseThrow())
        : step.systemName() + "." + step.action().name() + " failed: " + message(failure);
    long attempts = step.retry().attempts();
    String detail = "attempt " + attempt + " of " + attempts + ": " + message;
    append(live, stepId, step.name(), "action", Type.ATTEMPT_FAILED, null, detail);
    if (attempt < attempts) {
      return new Attempt(Attempt.Kind.RETRY, null, message, now().plus(step.retry().delayAfter(attempt)));
    }
    append(live, stepId, step.name(), "action", Type.ACTION_FAILED, null, message);
    log(live, step.name(), "complete", step.systemName());
    return new Attempt(Attempt.Kind.FAILED, null, message, null);
  }

  private static String message(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }

  /** Runs a compensation once (recorded, so that replay does not run it again). */
  void compensate(Live live, String compensationId, String step, Action<?, ?> action, Object[] arguments) {
    if (live.has(compensationId, Type.COMPENSATED) || live.has(compensationId, Type.COMPENSATION_FAILED)) {
      return;
    }
    String activity = "compensate " + step;
    log(live, activity, "start", action.systemName());
    Object connector = connectors.get(action.system());
    String what = action.systemName() + "." + action.name();
    if (connector == null) {
      append(live, compensationId, step, null, Type.COMPENSATION_FAILED, null, "no connector for system "
          + action.systemName());
    } else {
      ActionContext context = new ActionContext(live.id, live.workflow(), step, 1, live.id + "/" + compensationId);
      ActionContext previous = ActionContext.swap(context);
      try {
        action.invoke(connector, arguments);
        append(live, compensationId, step, null, Type.COMPENSATED, null, what);
      } catch (Exception e) {
        append(live, compensationId, step, null, Type.COMPENSATION_FAILED, null, what + " failed: " + message(e));
      } finally {
        ActionContext.swap(previous);
      }
    }
    log(live, activity, "complete", action.systemName());
  }

  void notify(Live live, String stepId, Recipient recipient, String via, String message) {
    Notification notification = new Notification(live.id, live.workflow(), recipient, via, message, now());
    String problem = deliver(notification);
    append(live, stepId, "notify", "notify", Type.NOTIFIED, notification,
        recipient + (problem == null ? "" : " (not delivered: " + problem + ")"));
    log(live, "notify", "start", via == null ? "" : via);
    log(live, "notify", "complete", via == null ? "" : via);
  }

  /** Sends a notification; returns why it failed, or {@code null}. */
  private String deliver(Notification notification) {
    outbox.add(notification);
    for (EngineListener listener : listeners) {
      listener.onNotification(notification);
    }
    try {
      notifier.send(notification);
      return null;
    } catch (Exception e) {
      return message(e);
    }
  }

  String startChild(Live parent, String stepId, String step, String workflow, Object input) {
    return startChild(parent, stepId, step, workflow, input, true);
  }

  /** Starts a called ({@code waitFor}) or started workflow; records it in the parent's history. */
  String startChild(Live parent, String stepId, String step, String workflow, Object input, boolean waitFor) {
    WorkflowDefinition<?, ?> definition = latest(workflow);
    String childId = create(definition, checkInput(definition, input), parent, waitFor ? stepId : null);
    append(parent, stepId, step, waitFor ? "call" : "start", Type.CHILD_STARTED, null, childId);
    log(parent, step, "start", definition.simpleName());
    if (!waitFor) {
      log(parent, step, "complete", definition.simpleName());
    }
    return childId;
  }

  // ---- timers ------------------------------------------------------------------------------

  private void addTimer(Instant due, Timer.Kind kind, String instanceId, String stepId) {
    String key = timerKey(instanceId, kind, stepId);
    if (timersByKey.containsKey(key)) {
      return;
    }
    Timer timer = new Timer(due, ++timerSequence, kind, key, instanceId, stepId);
    timers.add(timer);
    timersByKey.put(key, timer);
    notifyAll();
  }

  private static String timerKey(String instanceId, Timer.Kind kind, String stepId) {
    return (instanceId == null ? "" : instanceId) + "|" + kind + "|" + stepId;
  }

  private void removeTimer(String key) {
    Timer timer = timersByKey.remove(key);
    if (timer != null) {
      timers.remove(timer);
    }
  }

  private void fire(Timer timer) {
    timersByKey.remove(timer.key());
    if (timer.kind() == Timer.Kind.SCHEDULE) {
      WorkflowDefinition<?, ?> definition = latest(timer.stepId());
      for (Trigger<?> trigger : definition.triggers()) {
        if (trigger instanceof Trigger.Every<?> every) {
          Instant due = timer.due();
          if (every.schedule().next(due.minusSeconds(60).atZone(zone), zone).map(t -> t.toInstant().equals(due)).orElse(false)) {
            create(definition, every.input().get(), null, null);
          }
        }
      }
      scheduleNext(definition, timer.due());
      return;
    }
    Live live = instances.get(timer.instanceId());
    if (live == null || live.state.isTerminal()) {
      return;
    }
    switch (timer.kind()) {
      case WAKE -> {
        PendingWait wait = live.waits.get("timer:" + timer.stepId());
        if (wait != null) {
          append(live, timer.stepId(), wait.step(), wait.stepId().equals(timer.stepId()) ? "wait" : "action",
              Type.TIMER_FIRED, null, "");
          if (wait.stepId().equals(timer.stepId())) {
            log(live, wait.step(), "complete", "");
          }
          resume(live);
        }
      }
      case RECEIVE_TIMEOUT -> {
        PendingWait wait = live.waits.get("timer:" + timer.stepId());
        if (wait != null && !live.has(wait.stepId(), Type.EVENT_RECEIVED)) {
          append(live, wait.stepId(), wait.step(), "receive", Type.RECEIVE_TIMED_OUT, null, "no event in time");
          log(live, wait.step(), "complete", "");
          resume(live);
        }
      }
      case TASK_LIMIT -> breach(live, timer);
      case DEADLINE -> breach(live, timer);
      default -> throw new IllegalStateException("unknown timer " + timer.kind());
    }
  }

  private void breach(Live live, Timer timer) {
    if (timer.kind() == Timer.Kind.DEADLINE) {
      Duration limit = live.definition.deadline().orElseThrow();
      String escalateTo = live.definition.escalateTo();
      breaches.add(new Breach(live.id, live.workflow(), null, limit, timer.due(), escalateTo));
      append(live, "@deadline", "deadline", null, Type.BREACHED, null, "deadline of " + words(limit) + " passed");
      log(live, live.definition.simpleName(), "breach", escalateTo == null ? "" : escalateTo);
      if (escalateTo != null) {
        deliver(new Notification(live.id, live.workflow(), Recipient.role(escalateTo), null,
            live.definition.simpleName() + " " + live.id + " passed its deadline of " + words(limit), now()));
      }
      return;
    }
    PendingWait wait = live.waits.get("task:" + timer.stepId());
    if (!(wait instanceof PendingWait.TaskWait task)) {
      return;
    }
    Duration limit = task.within().orElseThrow();
    breaches.add(new Breach(live.id, live.workflow(), task.step(), limit, timer.due(), task.escalateTo()));
    append(live, task.stepId(), task.step(), task.kind(), Type.BREACHED, null,
        "time limit of " + words(limit) + " passed" + (task.escalateTo() == null ? "" : "; escalated to " + task.escalateTo()));
    log(live, task.step(), "breach", task.escalateTo() == null ? task.role() : task.escalateTo());
    if (task.escalateTo() != null) {
      inbox.escalate(live.id + "/" + task.stepId());
      deliver(new Notification(live.id, live.workflow(), Recipient.role(task.escalateTo()), null,
          "The " + task.kind() + " `" + task.step() + "` of " + live.definition.simpleName() + " " + live.id
              + " is overdue (time limit " + words(limit) + "); it is now offered to you", now()));
    }
  }

  private void scheduleNext(WorkflowDefinition<?, ?> definition, Instant after) {
    Instant next = null;
    for (Trigger<?> trigger : definition.triggers()) {
      if (trigger instanceof Trigger.Every<?> every) {
        Optional<Instant> at = every.schedule().next(after.atZone(zone), zone).map(t -> t.toInstant());
        if (at.isPresent() && (next == null || at.get().isBefore(next))) {
          next = at.get();
        }
      }
    }
    if (next != null) {
      addTimer(next, Timer.Kind.SCHEDULE, null, definition.name());
    }
  }

  /** The manual clock's driver: fire each due timer at its own time, in order. */
  private synchronized void advanceTo(ManualClock manual, Instant target) {
    while (!timers.isEmpty() && !timers.first().due().isAfter(target)) {
      Timer timer = timers.pollFirst();
      if (timer.due().isAfter(manual.instant())) {
        manual.set(timer.due());
      }
      fire(timer);
      drain();
    }
  }

  private void startTicker() {
    Thread thread = new Thread(() -> {
      while (!closed) {
        synchronized (this) {
          fireDueTimers();
          long untilNext = timers.isEmpty() ? 1000 : Duration.between(now(), timers.first().due()).toMillis();
          long wait = Math.max(1, Math.min(1000, untilNext));
          try {
            wait(wait);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }, "flow-engine-timers");
    thread.setDaemon(true);
    ticker = thread;
    thread.start();
  }

  // ---- helpers -----------------------------------------------------------------------------

  private Live live(String instanceId) {
    Live live = instances.get(instanceId);
    if (live == null) {
      throw new IllegalArgumentException("no instance " + instanceId);
    }
    return live;
  }

  Optional<WorkflowDefinition<?, ?>> definition(String name, int version) {
    TreeMap<Integer, WorkflowDefinition<?, ?>> versions = workflows.get(name);
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
  }

  WorkflowDefinition<?, ?> latest(String name) {
    TreeMap<Integer, WorkflowDefinition<?, ?>> versions = workflows.get(name);
    if (versions == null) {
      throw new IllegalArgumentException("workflow " + name + " is not registered with this engine: add its module with "
          + "Engine.builder().module(…)");
    }
    return versions.lastEntry().getValue();
  }

  String roleTitle(String role) {
    return roleTitles.getOrDefault(role, role);
  }

  /** A duration in Flow's words: {@code 1d12h}, {@code 30s}. */
  static String words(Duration duration) {
    return Expressions.text(duration);
  }

  /** Builds an {@link Engine}. */
  public static final class Builder {
    private final Map<String, TreeMap<Integer, WorkflowDefinition<?, ?>>> workflows = new TreeMap<>();
    private final Map<Class<?>, Object> connectors = new HashMap<>();
    private final Map<String, String> roleTitles = new HashMap<>();
    private final List<SystemDefinition> systems = new ArrayList<>();
    private final List<EngineListener> listeners = new ArrayList<>();
    private Notifier notifier = Notifier.NONE;
    private Clock clock = Clock.systemUTC();
    private ZoneId zone;
    private InstanceStore store = new InMemoryStore();
    private Executor executor;
    private boolean schedules = true;

    private Builder() {}

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

    public Builder store(InstanceStore value) {
      this.store = Objects.requireNonNull(value, "store");
      return this;
    }

    /**
     * Where action calls run. By default on the engine's own thread, one after another; with a
     * pool, calls of parallel branches run at once and a call's {@code timeout} interrupts the wait for it.
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
