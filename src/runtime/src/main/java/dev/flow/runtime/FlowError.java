package dev.flow.runtime;

import java.util.Objects;

/**
 * What a {@code catch} block is given: the step that failed and why ({@code error.step},
 * {@code error.message} in Flow), and, when the step ended with an error its action declares
 * ({@code fails CardDeclined}), that error's value, which a {@code catch declined: CardDeclined}
 * receives.
 *
 * @param step the name of the step that failed, or {@code fail} for a {@code fail} statement
 * @param message what went wrong, in words
 * @param error the declared error's value (the record of its {@code error} declaration), or {@code null}
 */
public record FlowError(String step, String message, Record error) {
  public FlowError {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(message, "message");
  }

  /** A failure that is not a declared error. */
  public FlowError(String step, String message) {
    this(step, message, null);
  }
}
