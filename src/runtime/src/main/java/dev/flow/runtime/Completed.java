package dev.flow.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * The result of a step for a person together with who completed it and when: what a workflow
 * reads as {@code review.completedBy} and {@code review.completedAt}.
 *
 * @param form the completed form ({@code null} for a task without fields), or the {@link Approval}
 * @param completedBy the principal who completed it
 * @param completedAt when it was completed (the time its completion was recorded)
 * @param <F> the form's record
 */
public record Completed<F>(F form, String completedBy, Instant completedAt) {
  public Completed {
    Objects.requireNonNull(completedBy, "completedBy");
    Objects.requireNonNull(completedAt, "completedAt");
  }
}
