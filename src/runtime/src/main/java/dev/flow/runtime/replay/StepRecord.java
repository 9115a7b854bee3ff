package dev.flow.runtime.replay;

import dev.flow.runtime.history.Recorded;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import java.time.Instant;

/**
 * What an instance's history says about one step occurrence (or one timer): the facts replay
 * asks about, gathered as entries are applied. Mutable; owned by one {@link History}.
 */
public final class StepRecord {
  final String stepId;
  /** The kind its first command had ({@code action}, {@code task}, …), or {@code null}. */
  String kind;

  // actions
  String system;
  int scheduledAttempts;
  int failedAttempts;
  Instant retryAt;
  Payload result;
  String failure;
  /** The declared error an action ended with ({@code ActionRaised}): its Java type and value. */
  String raisedType;
  Payload raised;

  // tasks
  boolean taskCreated;
  /** The task's {@code TaskCreated}, as recorded (with its time). */
  Recorded created;
  Payload form;
  String completedBy;
  /** When the task was completed (its {@code TaskCompleted}'s time), or {@code null}. */
  Instant completedAt;
  boolean withdrawn;
  boolean breached;
  String assignee;

  // timers
  Instant due;
  boolean fired;
  boolean timerCancelled;

  // receives
  boolean waiting;
  Payload event;
  boolean timedOut;

  // children
  String childId;
  boolean awaited;
  InstanceState childState;
  Payload childOutput;
  String childMessage;
  boolean childCancelRequested;

  // notifications
  boolean notifyRequested;
  boolean notified;
  HistoryEntry.NotifyRequested notification;

  // other
  Payload clock;
  String winner;
  HistoryEntry.CompensationRegistered compensation;
  long compensationSequence;
  boolean compensationScheduled;
  boolean compensated;

  StepRecord(String stepId) {
    this.stepId = stepId;
  }

  public String stepId() {
    return stepId;
  }

  /** The kind of the step's first command ({@code action}, {@code task}, {@code approval}, …), or {@code null}. */
  public String kind() {
    return kind;
  }

  /** The system an action step calls, or {@code null}. */
  public String system() {
    return system;
  }

  /** How many attempts of an action were scheduled. */
  public int scheduledAttempts() {
    return scheduledAttempts;
  }

  /** How many attempts of an action failed. */
  public int failedAttempts() {
    return failedAttempts;
  }

  /** Whether a requested notification was handed to the notifier. */
  public boolean notified() {
    return notified;
  }

  /** The notification requested, or {@code null}. */
  public HistoryEntry.NotifyRequested notification() {
    return notification;
  }

  /** The compensation this step registered, or {@code null}. */
  public HistoryEntry.CompensationRegistered compensation() {
    return compensation;
  }

  /** Whether an action attempt was scheduled that has no outcome yet. */
  public boolean attemptInFlight() {
    return scheduledAttempts > failedAttempts && result == null && failure == null;
  }

  /** Whether a task was created that is neither completed nor withdrawn. */
  public boolean taskOpen() {
    return taskCreated && form == null && !withdrawn;
  }

  /** Whether a timer was set that neither fired nor was cancelled. */
  public boolean timerSet() {
    return due != null && !fired && !timerCancelled;
  }

  /** Whether a receive waits for its event. */
  public boolean receiveOpen() {
    return waiting && event == null && !timedOut;
  }

  /** Whether a called child was started that has not ended and was not given up. */
  public boolean childOpen() {
    return childId != null && awaited && childState == null && !childCancelRequested;
  }

  public String childId() {
    return childId;
  }

  public Instant due() {
    return due;
  }

  /** A task's {@code TaskCreated} entry as recorded, or {@code null} when the step is not a task. */
  public Recorded taskCreatedEntry() {
    return created;
  }

  public String assignee() {
    return assignee;
  }

  public String completedBy() {
    return completedBy;
  }

  public boolean breached() {
    return breached;
  }
}
