package dev.flow.runtime.replay;

import dev.flow.runtime.history.Recorded;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import java.time.Instant;
import java.util.List;

/**
 * What an instance's history says about one step occurrence (or one timer): the facts replay
 * asks about, gathered as entries are applied. Mutable; owned by one {@link History}.
 */
public final class StepRecord {
  final String stepId;
  /**
   * The sequence of the entry of its first command (where a loop's first round began: {@link
   * LoopCheckpoints}), negated when that command was an action's (its kind is {@code action});
   * 0 while it has none, or when the kind and sequence are in {@link More} (any other kind, or a
   * sequence past an int's range). An int and no field for the kind: a record of four references
   * and an int takes 32 bytes, not 40.
   */
  private int first;

  /** The system an action step calls (set by its every {@code ActionScheduled}); not {@code null} once one was. */
  String system;
  Payload result;
  /** The facts of every kind but an action's commonest ones, made when the first of them is recorded. */
  More more;

  /** The facts an action step that just completed does not need: kept apart, so its record stays small. */
  static final class More {
    /** The kind of the first command, unless it was an action's of a sequence that fits {@link StepRecord#first}. */
    String kind;
    /** The sequence of the first command's entry, when the kind is here. */
    long firstSequence;
    /**
     * How many attempts of an action were scheduled, when more than one (or when its system was {@code null}): a
     * first attempt is known by {@link #system} alone (so a record of a step that succeeded at once has no counts).
     */
    int scheduledAttempts;
    /** How many attempts of an action failed: rare, so kept here. */
    int failedAttempts;
    /** Why the action step failed ({@code ActionFailed}, {@code ActionRaised}): rare, so kept here. */
    String failure;
    Instant retryAt;
    /** The declared error an action ended with ({@code ActionRaised}): its Java type and value. */
    String raisedType;
    Payload raised;
    boolean taskCreated;
    /** The task's {@code TaskCreated}, as recorded (with its time). */
    Recorded created;
    Payload form;
    String completedBy;
    /** When the task was completed (its {@code TaskCompleted}'s time), or {@code null}. */
    Instant completedAt;
    /** Why the task was withdrawn ({@code TaskWithdrawn}'s reason, never null), or {@code null} while it was not. */
    String withdrawnReason;
    boolean breached;
    String assignee;
    Instant due;
    boolean fired;
    boolean timerCancelled;
    boolean waiting;
    Payload emitted;
    boolean published;
    java.util.List<String> correlation;
    long eventsAfter;
    Payload event;
    boolean timedOut;
    String childId;
    boolean awaited;
    InstanceState childState;
    Payload childOutput;
    String childMessage;
    boolean childCancelRequested;
    boolean notifyRequested;
    boolean notified;
    HistoryEntry.NotifyRequested notification;
    Payload clock;
    String winner;
    List<String> ended;
    boolean signalRaised;
    boolean signalTaken;
    boolean exclusiveEntered;
    boolean exclusiveLeft;
    boolean regionEntered;
    boolean regionEnded;
    /** A region block: its region's cancel ended it; a {@code cancel region}: it ran. */
    boolean regionCancelled;
    HistoryEntry.CompensationRegistered compensation;
    long compensationSequence;
    boolean compensationScheduled;
    boolean compensated;
    /** The open incident of an action whose retries are exhausted, or {@code null}. */
    HistoryEntry.IncidentOpened incident;
    /** When the open incident was opened. */
    Instant incidentAt;
    /** How many attempts had failed when an operator last retried the step (its attempts count from there). */
    int attemptBase;
  }

  /** The record's further facts, made now if it has none yet. */
  More more() {
    More m = more;
    if (m == null) {
      m = new More();
      more = m;
    }
    return m;
  }

  /** Why the action step failed, or {@code null}. */
  String failure() {
    More m = more;
    return m == null ? null : m.failure;
  }

  StepRecord(String stepId) {
    this.stepId = stepId;
  }

  public String stepId() {
    return stepId;
  }

  /** The kind of the step's first command ({@code action}, {@code task}, {@code approval}, …), or {@code null}. */
  public String kind() {
    if (first < 0) {
      return "action";
    }
    More m = more;
    return m == null ? null : m.kind;
  }

  /** The sequence of the entry of the step's first command, or 0 while it has none. */
  long firstSequence() {
    if (first != 0) {
      return -(long) first;
    }
    More m = more;
    return m == null ? 0 : m.firstSequence;
  }

  /** Records the step's first command: its kind and its entry's sequence. */
  void first(String kind, long sequence) {
    if ("action".equals(kind) && sequence > 0 && sequence <= Integer.MAX_VALUE) {
      first = (int) -sequence;
    } else {
      more().kind = kind;
      more().firstSequence = sequence;
    }
  }

  /** The system an action step calls, or {@code null}. */
  public String system() {
    return system;
  }

  /** How many attempts of an action were scheduled. */
  public int scheduledAttempts() {
    More m = more;
    if (m != null && m.scheduledAttempts != 0) {
      return m.scheduledAttempts;
    }
    return system != null ? 1 : 0;
  }

  /** How many attempts of an action failed. */
  public int failedAttempts() {
    More m = more;
    return m == null ? 0 : m.failedAttempts;
  }

  /** Whether a requested notification was handed to the notifier. */
  public boolean notified() {
    return more != null && more.notified;
  }

  /** The notification requested, or {@code null}. */
  public HistoryEntry.NotifyRequested notification() {
    return more == null ? null : more.notification;
  }

  /** The compensation this step registered, or {@code null}. */
  public HistoryEntry.CompensationRegistered compensation() {
    return more == null ? null : more.compensation;
  }

  /** Whether an action attempt was scheduled that has no outcome yet. */
  public boolean attemptInFlight() {
    return scheduledAttempts() > failedAttempts() && result == null && failure() == null;
  }

  /** Whether a task was created that is neither completed nor withdrawn. */
  public boolean taskOpen() {
    return taskCreated() && form() == null && !withdrawn();
  }

  /** Whether a timer was set that neither fired nor was cancelled. */
  public boolean timerSet() {
    return due() != null && !fired() && !timerCancelled();
  }

  /** Whether a receive waits for its event. */
  public boolean receiveOpen() {
    return waiting() && event() == null && !timedOut();
  }

  /** The event an {@code emit} recorded, or {@code null}. */
  public Payload emitted() {
    return more == null ? null : more.emitted;
  }

  /** Whether an emitted event was published. */
  public boolean published() {
    return more != null && more.published;
  }

  /**
   * A {@code receive new}'s cut-off: it takes only events published after this mark (the backend's, recorded
   * when it started waiting); 0 for an ordinary receive.
   */
  public long eventsAfter() {
    return more == null ? 0 : more.eventsAfter;
  }

  /** A waiting receive's correlation keys (empty: any event of its type). */
  public java.util.List<String> correlation() {
    return more == null || more.correlation == null ? java.util.List.of() : more.correlation;
  }

  /** Whether a called child was started that has not ended and was not given up. */
  public boolean childOpen() {
    return childId() != null && awaited() && childState() == null && !childCancelRequested();
  }

  public String childId() {
    return more == null ? null : more.childId;
  }

  public Instant due() {
    return more == null ? null : more.due;
  }

  /** A task's {@code TaskCreated} entry as recorded, or {@code null} when the step is not a task. */
  public Recorded taskCreatedEntry() {
    return created();
  }

  public String assignee() {
    return more == null ? null : more.assignee;
  }

  public String completedBy() {
    return more == null ? null : more.completedBy;
  }

  /** When the task was completed, or {@code null}. */
  public Instant completedAt() {
    return more == null ? null : more.completedAt;
  }

  public boolean breached() {
    return more != null && more.breached;
  }

  Instant retryAt() {
    return more == null ? null : more.retryAt;
  }

  String raisedType() {
    return more == null ? null : more.raisedType;
  }

  Payload raised() {
    return more == null ? null : more.raised;
  }

  boolean taskCreated() {
    return more != null && more.taskCreated;
  }

  Recorded created() {
    return more == null ? null : more.created;
  }

  Payload form() {
    return more == null ? null : more.form;
  }

  boolean withdrawn() {
    return more != null && more.withdrawnReason != null;
  }

  /** Why the task was withdrawn, or {@code null} when it was not. */
  public String withdrawnReason() {
    return more == null ? null : more.withdrawnReason;
  }

  boolean fired() {
    return more != null && more.fired;
  }

  boolean timerCancelled() {
    return more != null && more.timerCancelled;
  }

  boolean waiting() {
    return more != null && more.waiting;
  }

  Payload event() {
    return more == null ? null : more.event;
  }

  boolean timedOut() {
    return more != null && more.timedOut;
  }

  boolean awaited() {
    return more != null && more.awaited;
  }

  InstanceState childState() {
    return more == null ? null : more.childState;
  }

  Payload childOutput() {
    return more == null ? null : more.childOutput;
  }

  String childMessage() {
    return more == null ? null : more.childMessage;
  }

  boolean childCancelRequested() {
    return more != null && more.childCancelRequested;
  }

  boolean notifyRequested() {
    return more != null && more.notifyRequested;
  }

  Payload clock() {
    return more == null ? null : more.clock;
  }

  String winner() {
    return more == null ? null : more.winner;
  }

  /** The branches of a {@code first N} or {@code parallel join N} that ended, in the order they did. */
  List<String> ended() {
    return more == null || more.ended == null ? List.of() : more.ended;
  }

  boolean signalRaised() {
    return more != null && more.signalRaised;
  }

  boolean signalTaken() {
    return more != null && more.signalTaken;
  }

  boolean exclusiveEntered() {
    return more != null && more.exclusiveEntered;
  }

  boolean exclusiveLeft() {
    return more != null && more.exclusiveLeft;
  }

  boolean regionEntered() {
    return more != null && more.regionEntered;
  }

  boolean regionEnded() {
    return more != null && more.regionEnded;
  }

  boolean regionCancelled() {
    return more != null && more.regionCancelled;
  }

  long compensationSequence() {
    return more == null ? 0 : more.compensationSequence;
  }

  boolean compensationScheduled() {
    return more != null && more.compensationScheduled;
  }

  boolean compensated() {
    return more != null && more.compensated;
  }

  /** Whether the step waits for an operator: an incident opened and not yet resolved. */
  public boolean incidentOpen() {
    return more != null && more.incident != null;
  }

  /** The step's open incident, or {@code null}. */
  public HistoryEntry.IncidentOpened incident() {
    return more == null ? null : more.incident;
  }

  /** When the step's open incident was opened, or {@code null}. */
  public Instant incidentAt() {
    return more == null ? null : more.incidentAt;
  }

  /**
   * How many attempts had failed when an operator last retried the step after an incident (0
   * before): its retry policy counts its attempts from there, so a retry has a fresh budget.
   */
  public int attemptBase() {
    return more == null ? 0 : more.attemptBase;
  }
}
