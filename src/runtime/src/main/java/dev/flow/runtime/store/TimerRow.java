package dev.flow.runtime.store;

import dev.flow.runtime.history.TimerPurpose;
import java.time.Instant;
import java.util.Objects;

/**
 * A set timer as the store indexes it.
 *
 * @param instanceId its instance
 * @param timerId its id in the instance's history (a {@code TimerSet}'s step id)
 * @param purpose what it is for
 * @param due when it fires
 */
public record TimerRow(String instanceId, String timerId, TimerPurpose purpose, Instant due) {
  public TimerRow {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(timerId, "timerId");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(due, "due");
  }
}
