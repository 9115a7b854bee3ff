package dev.flow.runtime;

import java.time.Instant;
import java.util.Comparator;

/**
 * A timer of the engine's scheduler.
 *
 * @param due when it fires
 * @param sequence the order timers were set in, to break ties
 * @param kind what firing does
 * @param key identifies it, for removal
 * @param instanceId the instance it belongs to ({@code null} for a schedule)
 * @param stepId the step occurrence, or the workflow for a schedule
 */
record Timer(Instant due, long sequence, Kind kind, String key, String instanceId, String stepId) {
  static final Comparator<Timer> ORDER = Comparator.comparing(Timer::due).thenComparingLong(Timer::sequence);

  enum Kind {
    /** Records the timer as fired and resumes the instance (a {@code wait}, a retry's pause). */
    WAKE,
    /** A {@code receive}'s time limit: it fails with a timeout. */
    RECEIVE_TIMEOUT,
    /** A task's {@code within}: a breach, and an escalation. */
    TASK_LIMIT,
    /** The workflow's {@code deadline}: a breach. */
    DEADLINE,
    /** A {@code starts every} schedule: starts an instance. */
    SCHEDULE
  }
}
