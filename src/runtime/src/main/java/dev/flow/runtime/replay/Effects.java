package dev.flow.runtime.replay;

import dev.flow.runtime.ActionStep;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What the interpreter asks of the backend that runs it (the embedded engine, or Temporal): to
 * commit what it decided, and to do what needs doing after a commit. The interpreter decides from
 * the history; it never calls a connector, the notifier or another instance itself.
 */
public interface Effects {
  /** The time now (the engine's clock). */
  Instant now();

  /**
   * How long published events are kept for the receives that get to them later (a loop checkpoint
   * carries the events taken in that time). Default: 7 days, the engine's default.
   */
  default java.time.Duration eventRetention() {
    return java.time.Duration.ofDays(7);
  }

  /**
   * The backend's mark of the last event published so far, recorded by a {@code receive new} when it
   * starts waiting: it takes only events published after it (the embedded engine: the sequence of the
   * store's last kept event; Temporal: how many events were handed to the instance).
   */
  default long eventMark() {
    return 0;
  }

  /** The zone of dates and {@code today()}. */
  ZoneId zone();

  /**
   * Commits entries to this instance's history, atomically and durably, and applies them to its
   * {@link History}; returns once they are committed.
   */
  void record(List<HistoryEntry> entries);

  /**
   * The outcome of an action step occurrence that has none in the history yet: performs its next
   * attempt (committing {@code ActionScheduled} first and the outcome after), or tells that it
   * must wait (an attempt running elsewhere, a pause before a retry). {@code arguments} is the
   * caller's only until this returns (the interpreter reuses it for its next call): an attempt that
   * goes on after the return (on another thread) takes a copy.
   */
  ActionOutcome action(String stepId, ActionStep<?, ?> step, Object[] arguments);

  /**
   * Starts another workflow's instance: commits {@code ChildStarted} here together with the
   * child's {@code InstanceStarted}, then has the child run.
   *
   * @return the child's id
   */
  String startChild(String stepId, String step, String workflow, Object input, boolean awaited);

  /** Runs a registered compensation once: commits it as scheduled, calls it, commits how it went. */
  void compensate(StepRecord registered);

  /** The action a registered compensation calls, as the workflow code gave it: how to call it later, also in another run. */
  void learn(dev.flow.runtime.Action<?, ?> compensation);

  /** A receive the workflow code reached: the backend learns which fields its events correlate on. */
  void learn(dev.flow.runtime.ReceiveStep<?> receive);

  /** After a {@code NotifyRequested} was committed: hand it to the notifier (at least once). */
  void send(HistoryEntry.NotifyRequested notification);

  /** After an {@code EventEmitted} was committed: publish the event, then record {@code EventPublished}. */
  void publish(HistoryEntry.EventEmitted emitted);

  /**
   * What became of an action step.
   *
   * @param kind completed, failed, or waiting
   * @param result the result when completed
   * @param message why it failed
   */
  record ActionOutcome(Kind kind, Payload result, String message) {
    /** How it went. */
    public enum Kind {
      COMPLETED,
      FAILED,
      WAITING
    }

    public static final ActionOutcome WAITING = new ActionOutcome(Kind.WAITING, Payload.NONE, null);

    /** Completed, with its result committed to the history (where the run reads it): no object per attempt. */
    public static final ActionOutcome COMPLETED_IN_HISTORY = new ActionOutcome(Kind.COMPLETED, Payload.NONE, null);

    public static ActionOutcome completed(Payload result) {
      return new ActionOutcome(Kind.COMPLETED, result, null);
    }

    public static ActionOutcome failed(String message) {
      return new ActionOutcome(Kind.FAILED, Payload.NONE, message);
    }
  }
}
