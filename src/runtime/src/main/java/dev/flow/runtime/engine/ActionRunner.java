package dev.flow.runtime.engine;

import dev.flow.runtime.Action;
import dev.flow.runtime.ActionContext;
import dev.flow.runtime.ActionStep;
import dev.flow.runtime.DeclaredError;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.TimerPurpose;
import dev.flow.runtime.replay.Effects.ActionOutcome;
import dev.flow.runtime.replay.StepRecord;
import dev.flow.runtime.replay.Words;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Performs action attempts and compensations: the only place that calls connectors. An attempt
 * is committed as scheduled before its connector is called and its outcome committed after; the
 * connector gets the idempotency key {@code instanceId/stepOccurrence}, the same for every attempt
 * and after a restart. Without an executor a call runs on the instance's thread (with a time limit,
 * on a helper thread that is interrupted when the limit passes); with one, the instance waits and
 * the outcome arrives when the call ends.
 */
public final class ActionRunner {
  private final Core core;
  private final Map<Class<?>, Object> connectors;
  private final Map<String, Class<?>> systems;
  private final Map<String, Action<?, ?>> compensations = new ConcurrentHashMap<>();
  private final Executor executor;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  /** The default of {@link #compensationLimit}. */
  public static final java.time.Duration DEFAULT_COMPENSATION_LIMIT = java.time.Duration.ofMinutes(1);
  private final java.time.Duration compensationLimit;
  /**
   * The steps whose system and compensation are known here, by identity (a step is a constant of
   * generated code, so there are few): copied on write, read without a lock on every attempt. The
   * value is the step's first attempt in its workflow's top scope, an immutable entry that every
   * instance's history shares (one object less per step, and less for the collector to copy).
   */
  private volatile Map<ActionStep<?, ?>, HistoryEntry.ActionScheduled> learned = new IdentityHashMap<>();
  private final ExecutorService limited = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "flow-action-with-time-limit");
    thread.setDaemon(true);
    return thread;
  });

  public ActionRunner(Core core, Map<Class<?>, Object> connectors, Map<String, Class<?>> systems, Executor executor) {
    this(core, connectors, systems, executor, DEFAULT_COMPENSATION_LIMIT);
  }

  /**
   * @param compensationLimit how long a compensation may take when neither its step nor its
   *     system declares a time limit
   */
  public ActionRunner(Core core, Map<Class<?>, Object> connectors, Map<String, Class<?>> systems, Executor executor,
      java.time.Duration compensationLimit) {
    this.compensationLimit = compensationLimit;
    this.core = core;
    this.connectors = Map.copyOf(connectors);
    this.systems = new ConcurrentHashMap<>(systems);
    this.executor = executor;
    // Every declared compensation is known from the start: a restarted engine may have to run one
    // that no run of this process has registered (a failure or cancel replayed after a crash).
    for (dev.flow.runtime.WorkflowDefinition<?, ?> definition : core.registry().newestAndOlder()) {
      for (dev.flow.runtime.Step step : definition.steps()) {
        if (step instanceof ActionStep<?, ?> action) {
          action.compensation().ifPresent(this::learn);
        }
      }
    }
  }

  private synchronized HistoryEntry.ActionScheduled learnStep(ActionStep<?, ?> step) {
    HistoryEntry.ActionScheduled known = learned.get(step);
    if (known != null) {
      return known;
    }
    systems.putIfAbsent(step.systemName(), step.system());
    step.compensation().ifPresent(this::learn);
    HistoryEntry.ActionScheduled first = new HistoryEntry.ActionScheduled(step.name(), step.name(), step.systemName(),
        step.action().name(), 1);
    Map<ActionStep<?, ?>, HistoryEntry.ActionScheduled> copy = new IdentityHashMap<>(learned);
    copy.put(step, first);
    learned = copy;
    return first;
  }

  /** Remembers how to call a compensation's action (by its system's and action's names). */
  public void learn(Action<?, ?> action) {
    systems.putIfAbsent(action.systemName(), action.system());
    compensations.putIfAbsent(action.systemName() + "." + action.name(), action);
  }

  /** The next attempt of an action step, or that it must wait. Holds the instance's lock. */
  ActionOutcome attempt(Instance instance, String stepId, ActionStep<?, ?> step, Object[] arguments) {
    HistoryEntry.ActionScheduled first = learned.get(step);
    if (first == null) {
      first = learnStep(step);
    }
    if (executor != null && inFlight.contains(instance.id + "/" + stepId)) {
      return ActionOutcome.WAITING;
    }
    StepRecord recorded = instance.history.step(stepId);
    if (recorded != null && recorded.incidentOpen()) {
      return ActionOutcome.WAITING; // until an operator retries or fails it
    }
    int failed = recorded == null ? 0 : recorded.failedAttempts();
    if (failed > 0) {
      StepRecord timer = instance.history.step(stepId + "~retry" + failed);
      if (timer != null && !timer.due().isAfter(core.now()) && timer.timerSet()) {
        core.commit(instance, new HistoryEntry.TimerFired(timer.stepId()));
      } else if (timer != null && timer.timerSet()) {
        return ActionOutcome.WAITING;
      }
    }
    int attempt = failed + 1;
    while (true) {
      StepRecord now = instance.history.step(stepId);
      if (now == null || now.scheduledAttempts() < attempt) {
        core.commit(instance, attempt == 1 && (stepId == first.stepId() || stepId.equals(first.stepId())) ? first
            : new HistoryEntry.ActionScheduled(stepId, step.name(), step.systemName(), step.action().name(), attempt));
      }
      Object connector = connectors.get(step.system());
      if (connector == null) {
        String message = "no connector for system " + step.systemName() + ": register one with Engine.builder().connector("
            + step.system().getSimpleName() + ".class, …)";
        core.commit(instance, new HistoryEntry.ActionFailed(stepId, message));
        return ActionOutcome.failed(message);
      }
      core.beforeSideEffect(instance);
      if (executor != null) {
        core.list(instance); // its outcome comes from another thread
        ActionContext context = ActionContext.of(instance.id, instance.workflow(), step.name(), attempt, stepId);
        // The call outlives this attempt's return: a copy (the caller reuses its array).
        startElsewhere(instance, stepId, step, arguments.clone(), connector, context, attempt);
        return ActionOutcome.WAITING;
      }
      Object value;
      try {
        value = call(step, connector, arguments, instance, stepId, attempt);
        requireResult(step, value);
      } catch (Throwable failure) {
        ActionOutcome outcome = failed(instance, stepId, step, attempt, failure);
        if (outcome == null) {
          attempt++;
          continue;
        }
        return outcome;
      }
      Payload result = Payload.of(value);
      core.commit(instance, new HistoryEntry.ActionCompleted(stepId, result, attempt));
      return ActionOutcome.COMPLETED_IN_HISTORY;
    }
  }

  /**
   * Calls the connector here, or on a helper thread when the step has a time limit. Here, the
   * call's {@link ActionContext} is made only if the connector asks for it.
   */
  private Object call(ActionStep<?, ?> step, Object connector, Object[] arguments, Instance instance, String stepId,
      int attempt) throws Throwable {
    Action<?, ?> action = step.action();
    if (step.timeout().isEmpty() || connector instanceof dev.flow.runtime.UntimedConnector) {
      ActionContext.Calls calls = ActionContext.calls();
      ActionContext previous = calls.enter(instance.id, instance.workflow(), step.name(), attempt, stepId);
      try {
        return action.invoke(connector, arguments);
      } finally {
        calls.leave(previous);
      }
    }
    core.list(instance); // the call runs on another thread
    ActionContext context = ActionContext.of(instance.id, instance.workflow(), step.name(), attempt, stepId);
    Object[] copied = arguments.clone(); // a call that takes too long goes on after this returns
    Future<Object> future = limited.submit(() -> {
      ActionContext.swap(context);
      try {
        return action.invoke(connector, copied);
      } finally {
        ActionContext.swap(null);
      }
    });
    try {
      return future.get(step.timeout().get().toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw e.getCause();
    } catch (TimeoutException e) {
      future.cancel(true);
      throw e;
    }
  }

  private void startElsewhere(Instance instance, String stepId, ActionStep<?, ?> step, Object[] arguments, Object connector,
      ActionContext context, int attempt) {
    String key = instance.id + "/" + stepId;
    inFlight.add(key);
    CompletableFuture<Object> future = new CompletableFuture<>();
    executor.execute(() -> {
      ActionContext previous = ActionContext.swap(context);
      try {
        future.complete(step.action().invoke(connector, arguments));
      } catch (Throwable t) {
        future.completeExceptionally(t);
      } finally {
        ActionContext.swap(previous);
      }
    });
    CompletableFuture<Object> bounded = step.timeout().isPresent() && !(connector instanceof dev.flow.runtime.UntimedConnector)
        ? future.orTimeout(step.timeout().get().toMillis(), TimeUnit.MILLISECONDS)
        : future;
    bounded.whenComplete((returned, thrown) -> core.with(instance.id, held -> {
      inFlight.remove(key);
      if (held.ended()) {
        return null;
      }
      Object value = returned;
      Throwable failure = thrown;
      if (failure == null) {
        try {
          requireResult(step, value);
        } catch (NoResult none) {
          failure = none;
        }
      }
      if (failure == null) {
        core.commit(held, List.of(new HistoryEntry.ActionCompleted(stepId, Payload.of(value), attempt)));
      } else {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
        if (failed(held, stepId, step, attempt, cause) == null) {
          core.commit(held, List.of(new HistoryEntry.TimerSet(stepId + "~retry" + attempt, step.name(),
              TimerPurpose.RETRY, core.now())));
        }
      }
      core.resume(held);
      return null;
    }));
  }

  /** A connector returned {@code null} for a result that is not optional: a failed attempt, at this step. */
  static final class NoResult extends Exception {
    private static final long serialVersionUID = 1L;

    NoResult(String message) {
      super(message);
    }
  }

  private static void requireResult(ActionStep<?, ?> step, Object value) throws NoResult {
    if (value == null && step.action().result().isRequired()) {
      throw new NoResult("it returned null, but its result (" + step.action().result().words() + ") is not optional");
    }
  }

  /**
   * Records a failed attempt: with attempts left, when the next is due (and a timer for it);
   * without, the step's failure, or an incident when its policy waits for an operator. Attempts
   * count from the operator's last retry ({@link StepRecord#attemptBase}).
   *
   * @return the outcome, or {@code null} when the next attempt is due at once
   */
  private ActionOutcome failed(Instance instance, String stepId, ActionStep<?, ?> step, int attempt, Throwable failure) {
    if (step.action().declares(failure)) {
      return raised(instance, stepId, step, attempt, (DeclaredError) failure);
    }
    String message = failure instanceof TimeoutException
        ? step.systemName() + "." + step.action().name() + " took longer than its time limit of "
            + Words.duration(step.timeout().orElseThrow())
        : step.systemName() + "." + step.action().name() + " failed: " + Words.failure(failure);
    StepRecord recorded = instance.history.step(stepId);
    int base = recorded == null ? 0 : recorded.attemptBase();
    long attempts = base + step.retry().attempts();
    String detail = "attempt " + attempt + " of " + attempts + ": " + message;
    if (step.retry().retriesAfter(attempt - base)) {
      Instant retryAt = core.now().plus(step.retry().delayAfter(attempt - base));
      if (!retryAt.isAfter(core.now())) {
        core.commit(instance, new HistoryEntry.AttemptFailed(stepId, attempt, detail, retryAt));
        return null;
      }
      core.commit(instance, List.of(new HistoryEntry.AttemptFailed(stepId, attempt, detail, retryAt),
          new HistoryEntry.TimerSet(stepId + "~retry" + attempt, step.name(), TimerPurpose.RETRY, retryAt)));
      return ActionOutcome.WAITING;
    }
    if (step.retry().operator()) {
      // `then wait for operator`: an incident instead of the step's failure.
      core.commit(instance, List.of(new HistoryEntry.AttemptFailed(stepId, attempt, detail, null),
          new HistoryEntry.IncidentOpened(stepId, step.name(), attempt, message)));
      return ActionOutcome.WAITING;
    }
    core.commit(instance, List.of(new HistoryEntry.AttemptFailed(stepId, attempt, detail, null),
        new HistoryEntry.ActionFailed(stepId, message)));
    return ActionOutcome.failed(message);
  }

  /**
   * An error the action declares ({@code fails CardDeclined}): a business outcome, so no retry;
   * the attempt and the step's failure are committed with the error's value ({@code ActionRaised}).
   */
  private ActionOutcome raised(Instance instance, String stepId, ActionStep<?, ?> step, int attempt, DeclaredError error) {
    String message = step.systemName() + "." + step.action().name() + " ended with " + error.getMessage();
    core.commit(instance, List.of(new HistoryEntry.AttemptFailed(stepId, attempt, "attempt " + attempt + ": " + message, null),
        new HistoryEntry.ActionRaised(stepId, error.error().getClass().getName(), Payload.of(error.error()), message)));
    return ActionOutcome.failed(message);
  }

  /**
   * Runs a registered compensation once: committed as scheduled, called, its outcome committed.
   * The call is bounded by the compensated step's time limit (its own or its system's), else by
   * the engine's compensation limit: a compensation that hangs is a failed compensation, it does
   * not hold its instance (and whoever cancels it) for good.
   */
  void compensate(Instance instance, StepRecord registered) {
    HistoryEntry.CompensationRegistered what = registered.compensation();
    String id = registered.stepId();
    core.commit(instance, new HistoryEntry.CompensationScheduled(id, 1));
    String name = what.system() + "." + what.action();
    Class<?> system = systems.get(what.system());
    Object connector = system == null ? null : connectors.get(system);
    if (connector == null) {
      core.commit(instance, new HistoryEntry.CompensationFailed(id, "no connector for system " + what.system()));
      return;
    }
    ActionContext context = new ActionContext(instance.id, instance.workflow(), what.step(), 1,
        instance.id + "/compensate:" + id);
    java.time.Duration limit = core.descriptor(instance.id, instance.workflow(), instance.definition.version(), id)
        .filter(step -> step instanceof ActionStep<?, ?>).flatMap(step -> ((ActionStep<?, ?>) step).timeout())
        .orElse(compensationLimit);
    core.beforeSideEffect(instance);
    Future<Object> call = limited.submit(() -> {
      ActionContext.swap(context);
      try {
        return invokeCompensation(system, connector, what, name);
      } finally {
        ActionContext.swap(null);
      }
    });
    try {
      call.get(limit.toNanos(), TimeUnit.NANOSECONDS);
      core.commit(instance, new HistoryEntry.Compensated(id));
    } catch (TimeoutException e) {
      call.cancel(true);
      core.commit(instance, List.of(new HistoryEntry.CompensationFailed(id, name + " took longer than its time limit of "
          + Words.duration(limit))));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof java.lang.reflect.InvocationTargetException target
          ? target.getCause() : e.getCause();
      core.commit(instance, new HistoryEntry.CompensationFailed(id, name + " failed: " + Words.failure(cause)));
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      core.commit(instance, new HistoryEntry.CompensationFailed(id, name + " was interrupted"));
    }
  }

  private Object invokeCompensation(Class<?> system, Object connector, HistoryEntry.CompensationRegistered what,
      String name) throws Exception {
    Method method = method(system, what.action(), what.arguments().size());
    List<Object> arguments = new ArrayList<>();
    for (int i = 0; i < what.arguments().size(); i++) {
      Type type = method == null ? Object.class : method.getGenericParameterTypes()[i];
      arguments.add(what.arguments().get(i).as(type));
    }
    Action<?, ?> action = compensations.get(what.system() + "." + what.action());
    if (action != null) {
      return action.invoke(connector, arguments.toArray());
    }
    if (method != null) {
      method.setAccessible(true);
      return method.invoke(connector, arguments.toArray());
    }
    throw new NoSuchMethodException("no action " + name + " on " + system.getName());
  }

  /** The connector interface's method of an action (by its name, or its {@code @FlowName}), or {@code null}. */
  private static Method method(Class<?> system, String action, int arity) {
    for (Method method : system.getMethods()) {
      dev.flow.runtime.FlowName flowName = method.getAnnotation(dev.flow.runtime.FlowName.class);
      String name = flowName != null ? flowName.value() : method.getName();
      boolean instanceMethod = !java.lang.reflect.Modifier.isStatic(method.getModifiers());
      if (name.equals(action) && method.getParameterCount() == arity && instanceMethod) {
        return method;
      }
    }
    return null;
  }

}
