package dev.flow.runtime;

import java.util.Objects;

/**
 * A branch of a {@code parallel} or {@code first}.
 *
 * @param name the branch's name, unique in its workflow
 * @param enabled whether its {@code when} condition held (always true without one)
 * @param body what it does
 */
public record Branch(String name, boolean enabled, Body body) {
  public Branch {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(body, "body");
  }

  public static Branch of(String name, Body body) {
    return new Branch(name, true, body);
  }

  /** A branch of a {@code parallel} that runs only when its condition held when the parallel started. */
  public static Branch when(String name, boolean condition, Body body) {
    return new Branch(name, condition, body);
  }
}
