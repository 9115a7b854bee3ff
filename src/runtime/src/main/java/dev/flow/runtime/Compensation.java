package dev.flow.runtime;

import java.util.Objects;

/**
 * What undoes a completed step ({@code compensate with System.action(…)}). It runs when a failure
 * inside the enclosing {@code try} is caught, or when the instance ends failed or cancelled.
 * Generated code makes it when the step completes, with its arguments evaluated then.
 *
 * @param system the system's interface
 * @param systemName the system's qualified Flow name
 * @param action the action's name
 * @param call the call
 * @param <S> the system's interface
 */
public record Compensation<S>(Class<S> system, String systemName, String action, VoidActionCall<S> call) {
  public Compensation {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(systemName, "systemName");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(call, "call");
  }

  public static <S> Compensation<S> of(Class<S> system, String systemName, String action, VoidActionCall<S> call) {
    return new Compensation<>(system, systemName, action, call);
  }
}
