package dev.flow.runtime.history;

/** What a timer is for. */
public enum TimerPurpose {
  /** A {@code wait} or {@code wait until}. */
  WAIT,
  /** The pause before an action's next attempt. */
  RETRY,
  /** A {@code receive}'s {@code within}. */
  RECEIVE_LIMIT,
  /** A task's {@code within}: it is breached (and escalated) when this fires. */
  TASK_LIMIT,
  /** The workflow's {@code deadline}. */
  DEADLINE
}
