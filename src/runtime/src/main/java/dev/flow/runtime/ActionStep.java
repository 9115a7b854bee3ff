package dev.flow.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code step NAME by System.action(…)}: a call of a system's action, with its retry policy and
 * time limit (the system's defaults when the step names none).
 *
 * @param name the step's name
 * @param system the system's generated interface, which a connector implements
 * @param systemName the system's qualified Flow name
 * @param action the action's name
 * @param retry the retry policy
 * @param timeout the time limit of one attempt, if any
 * @param compensatedBy the action that undoes the step ({@code System.action}), or the empty string
 * @param doc the doc comment, or the empty string
 * @param <S> the system's interface
 */
public record ActionStep<S>(
    String name,
    Class<S> system,
    String systemName,
    String action,
    RetryPolicy retry,
    Optional<Duration> timeout,
    String compensatedBy,
    String doc)
    implements Step {
  public ActionStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(systemName, "systemName");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(compensatedBy, "compensatedBy");
    Objects.requireNonNull(doc, "doc");
  }

  public static <S> ActionStep<S> of(String name, Class<S> system, String systemName, String action) {
    return new ActionStep<>(name, system, systemName, action, RetryPolicy.NONE, Optional.empty(), "", "");
  }

  public ActionStep<S> retry(RetryPolicy policy) {
    return new ActionStep<>(name, system, systemName, action, policy, timeout, compensatedBy, doc);
  }

  public ActionStep<S> timeout(Duration limit) {
    return new ActionStep<>(name, system, systemName, action, retry, Optional.of(limit), compensatedBy, doc);
  }

  public ActionStep<S> compensatedBy(String systemAction) {
    return new ActionStep<>(name, system, systemName, action, retry, timeout, systemAction, doc);
  }

  public ActionStep<S> doc(String text) {
    return new ActionStep<>(name, system, systemName, action, retry, timeout, compensatedBy, text);
  }

  @Override
  public String kind() {
    return "action";
  }
}
