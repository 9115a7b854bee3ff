package dev.flow.temporal;

import dev.flow.runtime.Action;
import dev.flow.runtime.ActionContext;
import dev.flow.runtime.ActionStep;
import dev.flow.runtime.DeclaredError;
import dev.flow.runtime.FlowName;
import dev.flow.runtime.Notification;
import dev.flow.runtime.Notifier;
import dev.flow.runtime.Recipient;
import dev.flow.runtime.Step;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.replay.Words;
import dev.flow.runtime.store.JsonCodec;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The activities, run by the same connector objects the embedded engine would call: the only
 * place on Temporal where a connector is called. The connector gets the same
 * {@link ActionContext} as on the embedded engine, with the idempotency key
 * {@code instanceId/stepOccurrence} (the same for every attempt) and Temporal's attempt number.
 */
public final class FlowActivitiesImpl implements FlowActivities {
  /** The failure type of an attempt that may be retried. */
  static final String FAILED = "FlowActionFailed";
  /** The failure type of a declared error ({@code fails CardDeclined}): a business outcome, never retried. */
  static final String DECLARED = "FlowDeclaredError";
  /** The failure type of a step whose system has no connector here: not retried. */
  static final String NO_CONNECTOR = "FlowNoConnector";

  private final Catalog catalog;
  private final Map<Class<?>, Object> connectors;
  private final Notifier notifier;
  private final JsonCodec codec = new JsonCodec();
  private final Map<String, Action<?, ?>> compensations = new ConcurrentHashMap<>();
  private final Map<String, Class<?>> systems = new ConcurrentHashMap<>();

  public FlowActivitiesImpl(Catalog catalog, Map<Class<?>, Object> connectors, Notifier notifier) {
    this.catalog = catalog;
    this.connectors = Map.copyOf(connectors);
    this.notifier = notifier;
    for (WorkflowDefinition<?, ?> definition : catalog.all()) {
      for (Step step : definition.steps()) {
        if (step instanceof ActionStep<?, ?> action) {
          systems.putIfAbsent(action.systemName(), action.system());
          action.compensation().ifPresent(undo -> {
            systems.putIfAbsent(undo.systemName(), undo.system());
            compensations.putIfAbsent(undo.systemName() + "." + undo.name(), undo);
          });
        }
      }
    }
  }

  @Override
  public String perform(Messages.ActionCall call) {
    WorkflowDefinition<?, ?> definition = catalog.definition(call.workflow(), call.version())
        .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure("workflow " + call.workflow() + " v" + call.version()
            + " is not registered with this worker", NO_CONNECTOR));
    Step found = definition.step(call.step()).orElse(null);
    if (!(found instanceof ActionStep<?, ?> step)) {
      throw ApplicationFailure.newNonRetryableFailure("workflow " + definition + " has no action step " + call.step(),
          NO_CONNECTOR);
    }
    Object connector = connectors.get(step.system());
    if (connector == null) {
      throw ApplicationFailure.newNonRetryableFailure("no connector for system " + step.systemName()
          + ": register one with FlowWorker.connector(" + step.system().getSimpleName() + ".class, …)", NO_CONNECTOR);
    }
    Action<?, ?> action = step.action();
    Object[] arguments = decode(step.system(), action.name(), call.arguments());
    long attempt = Activity.getExecutionContext().getInfo().getAttempt();
    ActionContext context = new ActionContext(call.instanceId(), call.workflow(), step.name(), attempt,
        call.instanceId() + "/" + call.stepId());
    String name = step.systemName() + "." + action.name();
    ActionContext previous = ActionContext.swap(context);
    Object value;
    try {
      value = action.invoke(connector, arguments);
    } catch (Exception | LinkageError e) {
      Throwable failure = unwrap(e);
      if (action.declares(failure)) {
        DeclaredError declared = (DeclaredError) failure;
        throw ApplicationFailure.newNonRetryableFailure(name + " ended with " + declared.getMessage(), DECLARED,
            declared.error().getClass().getName(), codec.toJson(Payload.of(declared.error())));
      }
      throw ApplicationFailure.newFailure(name + " failed: " + Words.failure(failure), FAILED);
    } finally {
      ActionContext.swap(previous);
    }
    if (value == null && action.result().isRequired()) {
      throw ApplicationFailure.newFailure(name + " failed: it returned null, but its result (" + action.result().words()
          + ") is not optional", FAILED);
    }
    return codec.toJson(Payload.of(value));
  }

  @Override
  public void compensate(Messages.CompensationCall call) {
    String name = call.system() + "." + call.action();
    Class<?> system = systems.get(call.system());
    Object connector = system == null ? null : connectors.get(system);
    if (connector == null) {
      throw ApplicationFailure.newNonRetryableFailure("no connector for system " + call.system(), NO_CONNECTOR);
    }
    ActionContext context = new ActionContext(call.instanceId(), call.workflow(), call.step(), 1,
        call.instanceId() + "/compensate:" + call.stepId());
    ActionContext previous = ActionContext.swap(context);
    try {
      Object[] arguments = decode(system, call.action(), call.arguments());
      Action<?, ?> action = compensations.get(name);
      if (action != null) {
        action.invoke(connector, arguments);
      } else {
        Method method = method(system, call.action(), arguments.length);
        if (method == null) {
          throw new NoSuchMethodException("no action " + name + " on " + system.getName());
        }
        method.setAccessible(true);
        method.invoke(connector, arguments);
      }
    } catch (Exception | LinkageError e) {
      throw ApplicationFailure.newNonRetryableFailure(name + " failed: " + Words.failure(unwrap(e)), FAILED);
    } finally {
      ActionContext.swap(previous);
    }
  }

  @Override
  public String tell(Messages.NotifyCall call) {
    Recipient recipient = call.role() != null ? Recipient.role(call.role()) : Recipient.address(call.address());
    try {
      notifier.send(new Notification(call.instanceId(), call.workflow(), recipient, call.via(), call.message(),
          Instant.ofEpochMilli(call.at())));
      return null;
    } catch (Exception | LinkageError e) {
      return Words.failure(e);
    }
  }

  /** The arguments from their JSON, each decoded with the type of the connector method's parameter. */
  private Object[] decode(Class<?> system, String action, List<String> encoded) {
    Method method = method(system, action, encoded.size());
    Object[] arguments = new Object[encoded.size()];
    for (int i = 0; i < arguments.length; i++) {
      Type type = method == null ? Object.class : method.getGenericParameterTypes()[i];
      arguments[i] = codec.payload(encoded.get(i)).as(type);
    }
    return arguments;
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof InvocationTargetException || t instanceof UndeclaredThrowableException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The connector interface's method of an action (by its name, or its {@code @FlowName}), or {@code null}. */
  static Method method(Class<?> system, String action, int arity) {
    for (Method method : system.getMethods()) {
      FlowName flowName = method.getAnnotation(FlowName.class);
      String name = flowName != null ? flowName.value() : method.getName();
      if (name.equals(action) && method.getParameterCount() == arity && !Modifier.isStatic(method.getModifiers())) {
        return method;
      }
    }
    return null;
  }

  /** The clients of the emitting activities, one per Temporal client (a worker factory's). */
  private final Map<io.temporal.client.WorkflowClient, TemporalFlowRuntime> publishers = new ConcurrentHashMap<>();

  @Override
  public void publish(Messages.Emitted emitted) {
    io.temporal.activity.ActivityExecutionContext context = Activity.getExecutionContext();
    io.temporal.client.WorkflowClient client = context.getWorkflowClient();
    String queue = context.getInfo().getActivityTaskQueue();
    TemporalFlowRuntime runtime = publishers.computeIfAbsent(client, c -> new TemporalFlowRuntime(c, catalog, queue,
        java.time.ZoneId.of(emitted.zone())));
    Class<?> type = null;
    for (WorkflowDefinition<?, ?> definition : catalog.all()) {
      try {
        type = Class.forName(emitted.type(), true, definition.inputType().getClassLoader());
        break;
      } catch (ClassNotFoundException e) {
        // another module's loader
      }
    }
    if (type == null) {
      throw ApplicationFailure.newNonRetryableFailure("instance " + emitted.instanceId() + " emitted an event of type "
          + emitted.type() + ", which this worker does not know", "FlowUnknownEvent");
    }
    Object event = codec.payload(emitted.json()).as(type);
    runtime.deliver(event, emitted.instanceId() + "/" + emitted.stepId(), emitted.instanceId(),
        java.time.ZoneId.of(emitted.zone()));
  }
}
