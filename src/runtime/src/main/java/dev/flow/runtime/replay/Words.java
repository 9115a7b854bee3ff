package dev.flow.runtime.replay;

import dev.flow.runtime.Expressions;
import java.time.Duration;

/** How the runtime says things to people: durations as Flow writes them, errors of expression code. */
public final class Words {
  private Words() {}

  /** A duration in Flow's words: {@code 1d12h}, {@code 30s}. */
  public static String duration(Duration duration) {
    return Expressions.text(duration);
  }

  /** A bug in expression code, in words (e.g. a division by zero). */
  public static String unexpected(RuntimeException e) {
    if (e instanceof ArithmeticException) {
      return "arithmetic error: " + e.getMessage();
    }
    return "unexpected error: " + e;
  }

  /** A connector's failure, in words: its message, or its kind when it has none. */
  public static String failure(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }
}
