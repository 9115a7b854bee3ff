package dev.flow.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code step NAME by System.action(…)}: a call of a system's action, with its retry policy, time
 * limit and compensation (the system's defaults when the step names none).
 *
 * @param name the step's name
 * @param action the action it calls, as data
 * @param retry the retry policy
 * @param timeout the time limit of one attempt, if any
 * @param compensation the action that undoes the step ({@code compensate with}), if any; its
 *     arguments are given by the call site when the step completes
 * @param doc the doc comment, or the empty string
 * @param <S> the system's interface
 * @param <R> the action's result ({@link Void} without one)
 */
public record ActionStep<S, R>(
    String name, Action<S, R> action, RetryPolicy retry, Optional<Duration> timeout, Optional<Action<?, ?>> compensation,
    String doc)
    implements Step {
  public ActionStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(compensation, "compensation");
    Objects.requireNonNull(doc, "doc");
  }

  public static <S, R> ActionStep<S, R> of(String name, Action<S, R> action) {
    return new ActionStep<>(name, action, RetryPolicy.NONE, Optional.empty(), Optional.empty(), "");
  }

  public ActionStep<S, R> retry(RetryPolicy policy) {
    return new ActionStep<>(name, action, policy, timeout, compensation, doc);
  }

  public ActionStep<S, R> timeout(Duration limit) {
    return new ActionStep<>(name, action, retry, Optional.of(limit), compensation, doc);
  }

  /** {@code compensate with System.action(…)}: the arguments come from the call site. */
  public ActionStep<S, R> compensateWith(Action<?, ?> undo) {
    return new ActionStep<>(name, action, retry, timeout, Optional.of(undo), doc);
  }

  public ActionStep<S, R> doc(String text) {
    return new ActionStep<>(name, action, retry, timeout, compensation, text);
  }

  /** The system's generated interface. */
  public Class<S> system() {
    return action.system();
  }

  /** The system's qualified Flow name. */
  public String systemName() {
    return action.systemName();
  }

  @Override
  public String kind() {
    return "action";
  }
}
