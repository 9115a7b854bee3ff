package dev.flow.server;

import dev.flow.runtime.ActionContext;
import dev.flow.runtime.UntimedConnector;
import dev.flow.runtime.Values;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * System steps answered by a person: a connector made here turns each call of an action into an
 * operator task that shows the action and its arguments and waits for the result (or a failure)
 * to be typed in, on the server's Operator page or through {@code /api/operator}. What
 * {@code flowc serve} registers for every system of a model, so that a team can walk through its
 * processes before any connector is written.
 *
 * <p>The connectors are {@link UntimedConnector}s (a person may take longer than the system's time
 * limit) and block the thread that calls them: register them with an executor
 * ({@code Engine.builder().executor(…)}). After a restart the engine calls the action again, so an
 * unanswered call comes back to the desk; an answered one is in the history.
 */
public final class OperatorDesk {
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Clock clock;

  public OperatorDesk(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A call waiting for an operator.
   *
   * @param id the call's id (the action's idempotency key: instance and step occurrence)
   * @param instanceId the case
   * @param workflow its workflow
   * @param step the step's name
   * @param action {@code System.action}
   * @param arguments the arguments by name
   * @param result the Flow type of the result, or {@code none}
   * @param asked when the call was made
   */
  public record Call(String id, String instanceId, String workflow, String step, String action,
      Map<String, Object> arguments, String result, Instant asked) {}

  private record Pending(Call call, Type resultType, CompletableFuture<Object> answer) {}

  /** Why an answer does not fit, in words. */
  public static final class AnswerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AnswerException(String message) {
      super(message);
    }
  }

  /** A connector for a system interface whose every call waits for an operator. */
  public <S> S connector(Class<S> system, String systemName) {
    Object proxy = Proxy.newProxyInstance(system.getClassLoader(), new Class<?>[] {system, UntimedConnector.class},
        (self, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "hashCode" -> System.identityHashCode(self);
              case "equals" -> self == args[0];
              default -> "operator desk for " + systemName;
            };
          }
          return ask(systemName, method, args == null ? new Object[0] : args);
        });
    return system.cast(proxy);
  }

  private Object ask(String systemName, Method method, Object[] args) throws Throwable {
    ActionContext context = ActionContext.current();
    Map<String, Object> arguments = new LinkedHashMap<>();
    Parameter[] parameters = method.getParameters();
    for (int i = 0; i < args.length; i++) {
      arguments.put(parameters[i].getName(), args[i]);
    }
    String id = context.idempotencyKey();
    boolean undo = id.contains("/compensate:");
    Type type = method.getGenericReturnType();
    String result = method.getReturnType() == void.class ? "none" : flowType(type);
    Call call = new Call(id, context.instanceId(), context.workflow(), undo ? "undo " + context.step() : context.step(),
        Html.simple(systemName) + "." + method.getName(), arguments, result, clock.instant());
    Pending waiting = new Pending(call, method.getReturnType() == void.class ? null : type, new CompletableFuture<>());
    pending.put(id, waiting);
    try {
      return waiting.answer().get();
    } catch (ExecutionException e) {
      throw e.getCause();
    } finally {
      pending.remove(id, waiting);
    }
  }

  private static String flowType(Type type) {
    if (type instanceof Class<?> c) {
      return Values.flowType(c);
    }
    return type.getTypeName().replaceAll("[a-z.]+\\.", "").replace("java.util.", "");
  }

  /** The calls waiting for an operator, oldest first. */
  public List<Call> open() {
    List<Call> calls = new ArrayList<>();
    pending.values().forEach(p -> calls.add(p.call()));
    calls.sort(Comparator.comparing(Call::asked).thenComparing(Call::id));
    return calls;
  }

  /** The calls of one case. */
  public List<Call> open(String instanceId) {
    return open().stream().filter(c -> c.instanceId().equals(instanceId)).toList();
  }

  /**
   * Answers a call with its result: text read as the result's type ({@code 2026-11-24T09:00:00Z}
   * for a Timestamp), or JSON for a record or list; ignored for an action without a result.
   *
   * @throws AnswerException when there is no such call or the result does not fit (nothing changes)
   */
  public void answer(String id, Object result) {
    Pending waiting = pending.get(id);
    if (waiting == null) {
      throw new AnswerException("no system step waits for an answer as " + id);
    }
    Object value = null;
    if (waiting.resultType() != null) {
      if (result == null || result instanceof String text && text.isBlank()) {
        throw new AnswerException("give the result of " + waiting.call().action() + " (" + waiting.call().result() + ")");
      }
      try {
        value = Values.convert(result, waiting.resultType());
      } catch (IllegalArgumentException e) {
        throw new AnswerException("the result " + e.getMessage());
      }
    }
    waiting.answer().complete(value);
  }

  /** Fails a call: the attempt fails with the message, and the system's retries apply. */
  public void fail(String id, String message) {
    Pending waiting = pending.get(id);
    if (waiting == null) {
      throw new AnswerException("no system step waits for an answer as " + id);
    }
    waiting.answer().completeExceptionally(new IllegalStateException(message == null || message.isBlank()
        ? "failed by the operator" : message.strip()));
  }
}
