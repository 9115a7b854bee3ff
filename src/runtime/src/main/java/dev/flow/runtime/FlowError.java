package dev.flow.runtime;

import java.util.Objects;

/**
 * What a {@code catch} block is given: the step that failed and why ({@code error.step},
 * {@code error.message} in Flow).
 *
 * @param step the name of the step that failed, or {@code fail} for a {@code fail} statement
 * @param message what went wrong, in words
 */
public record FlowError(String step, String message) {
  public FlowError {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(message, "message");
  }
}
