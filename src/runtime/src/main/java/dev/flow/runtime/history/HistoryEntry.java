package dev.flow.runtime.history;

import dev.flow.runtime.InstanceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What happened to an instance: one typed fact of its append-only history. Everything else the
 * engine knows of an instance (the outcomes replay answers, its open tasks with their claims, its
 * timers and subscriptions, the compensations it registered, its event-log rows, its state) is
 * derived from these facts, never from words.
 *
 * <p>Entries that are <em>commands</em> ({@link ActionScheduled}, {@link TaskCreated},
 * {@link TimerSet}, {@link ReceiveWaiting}, {@link ChildStarted}, {@link NotifyRequested}, …) are
 * committed before the engine does what they ask; <em>outcomes</em> ({@link ActionCompleted},
 * {@link TaskCompleted}, {@link TimerFired}, …) are committed as they arrive.
 *
 * <p>{@code stepId} names a step occurrence: its scope path (branches, loop rounds), its name,
 * and {@code #n} for the n-th occurrence in one scope, e.g. {@code document[2]/fileDocument}.
 * Entries about the instance as a whole have the empty step id.
 */
public sealed interface HistoryEntry {
  /** The step occurrence this entry is about, or the empty string for the instance as a whole. */
  String stepId();

  // ---- the instance ------------------------------------------------------------------------

  /**
   * The instance started.
   *
   * @param workflow the workflow's qualified name
   * @param version the version it runs on, for its whole life
   * @param input its input record
   * @param parentId the instance that called or started it, or {@code null}
   * @param callerStepId the parent's {@code call} occurrence waiting for it, or {@code null}
   * @param eventsAfter the sequence of the last event published before it started: its receives take
   *     kept events published after it (0: every kept event)
   */
  record InstanceStarted(String workflow, int version, Payload input, String parentId, String callerStepId,
      long eventsAfter) implements HistoryEntry {
    public InstanceStarted {
      Objects.requireNonNull(workflow, "workflow");
      Objects.requireNonNull(input, "input");
    }

    /** An instance started when no event had been published yet (or whose events it does not look back on). */
    public InstanceStarted(String workflow, int version, Payload input, String parentId, String callerStepId) {
      this(workflow, version, input, parentId, callerStepId, 0);
    }

    @Override
    public String stepId() {
      return "";
    }
  }

  /**
   * Someone asked for the instance to be cancelled; it ends CANCELLED once its compensations ran.
   *
   * @param reason why, in words
   */
  record CancelRequested(String reason) implements HistoryEntry {
    public CancelRequested {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String stepId() {
      return "";
    }
  }

  /**
   * The instance ended.
   *
   * @param state COMPLETED, FAILED or CANCELLED
   * @param output its outputs when completed
   * @param failedStep the step that failed it, or {@code null}
   * @param message why it failed or was cancelled, or {@code null}
   */
  record InstanceEnded(InstanceState state, Payload output, String failedStep, String message) implements HistoryEntry {
    public InstanceEnded {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(output, "output");
      if (!state.isTerminal()) {
        throw new IllegalArgumentException("an instance cannot end " + state);
      }
    }

    @Override
    public String stepId() {
      return "";
    }
  }

  // ---- actions -----------------------------------------------------------------------------

  /**
   * An attempt of an action is to be made (committed before the connector is called).
   *
   * @param step the step's name
   * @param system the system's qualified name
   * @param action the action's name
   * @param attempt which attempt, from 1
   */
  record ActionScheduled(String stepId, String step, String system, String action, int attempt) implements HistoryEntry {
    public ActionScheduled {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(system, "system");
      Objects.requireNonNull(action, "action");
    }
  }

  /**
   * An action completed.
   *
   * @param result its result ({@link Payload#NONE} for an action without one)
   * @param attempt the attempt that completed it
   */
  record ActionCompleted(String stepId, Payload result, int attempt) implements HistoryEntry {
    public ActionCompleted {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * An attempt failed; another follows at {@code retryAt}, or none when it is {@code null}.
   *
   * @param attempt which attempt, from 1
   * @param message why, in words
   * @param retryAt when the next attempt is due, or {@code null} after the last
   */
  record AttemptFailed(String stepId, int attempt, String message, Instant retryAt) implements HistoryEntry {
    public AttemptFailed {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * An action failed after its last attempt.
   *
   * @param message why, in words
   */
  record ActionFailed(String stepId, String message) implements HistoryEntry {
    public ActionFailed {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * An action ended with an error it declares ({@code fails CardDeclined}): a business outcome,
   * not retried. The step failed; a typed {@code catch} receives the error's value.
   *
   * @param errorType the Java class of the error's record
   * @param error the error's value
   * @param message the error in words
   */
  record ActionRaised(String stepId, String errorType, Payload error, String message) implements HistoryEntry {
    public ActionRaised {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(errorType, "errorType");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(message, "message");
    }
  }

  // ---- compensation ------------------------------------------------------------------------

  /**
   * A completed step registered what undoes it, its arguments evaluated when it completed.
   * Committed together with the step's {@link ActionCompleted}.
   *
   * @param step the step's name
   * @param system the compensating system's qualified name
   * @param action the compensating action's name
   * @param arguments the arguments, in the action's parameter order
   */
  record CompensationRegistered(String stepId, String step, String system, String action, List<Payload> arguments)
      implements HistoryEntry {
    public CompensationRegistered {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(system, "system");
      Objects.requireNonNull(action, "action");
      arguments = List.copyOf(arguments);
    }
  }

  /**
   * A registered compensation is to run (committed before the connector is called).
   *
   * @param attempt which attempt, from 1
   */
  record CompensationScheduled(String stepId, int attempt) implements HistoryEntry {
    public CompensationScheduled {
      Objects.requireNonNull(stepId, "stepId");
    }
  }

  /** A registered compensation ran. */
  record Compensated(String stepId) implements HistoryEntry {
    public Compensated {
      Objects.requireNonNull(stepId, "stepId");
    }
  }

  /**
   * A registered compensation failed after its attempts.
   *
   * @param message why, in words
   */
  record CompensationFailed(String stepId, String message) implements HistoryEntry {
    public CompensationFailed {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(message, "message");
    }
  }

  // ---- people ------------------------------------------------------------------------------

  /**
   * A task or approval was put in the inbox.
   *
   * @param step the step's name
   * @param kind {@code task} or {@code approval}
   * @param role the role that may do it (qualified)
   * @param escalateTo the role it goes to once its time limit passed, or {@code null}
   * @param due when its time limit passes, or {@code null}
   * @param otherRoles the other roles that may do it ({@code by Sales or Accounting}); empty when absent
   * @param excluded who may not do it ({@code not by …}, separation of duties); empty when absent
   */
  record TaskCreated(String stepId, String step, String kind, String role, String escalateTo, Instant due,
      List<String> otherRoles, List<String> excluded) implements HistoryEntry {
    public TaskCreated {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(role, "role");
      otherRoles = otherRoles == null ? List.of() : List.copyOf(otherRoles);
      excluded = excluded == null ? List.of() : List.copyOf(excluded);
    }

    public TaskCreated(String stepId, String step, String kind, String role, String escalateTo, Instant due) {
      this(stepId, step, kind, role, escalateTo, due, List.of(), List.of());
    }
  }

  /**
   * A person took a task: it is theirs until released, reassigned or completed.
   *
   * @param principal who claimed it
   */
  record TaskClaimed(String stepId, String principal) implements HistoryEntry {
    public TaskClaimed {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(principal, "principal");
    }
  }

  /**
   * A claimed task is open to the role again.
   *
   * @param by who released it
   */
  record TaskReleased(String stepId, String by) implements HistoryEntry {
    public TaskReleased {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(by, "by");
    }
  }

  /**
   * A task was given to someone.
   *
   * @param assignee who it is for now
   * @param by who gave it
   */
  record TaskAssigned(String stepId, String assignee, String by) implements HistoryEntry {
    public TaskAssigned {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(assignee, "assignee");
      Objects.requireNonNull(by, "by");
    }
  }

  /**
   * A task was completed.
   *
   * @param form the completed form ({@link Payload#NONE} without fields; an approval's decision)
   * @param by who completed it
   */
  record TaskCompleted(String stepId, Payload form, String by) implements HistoryEntry {
    public TaskCompleted {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(form, "form");
      Objects.requireNonNull(by, "by");
    }
  }

  /**
   * A task left the inbox without being completed (its branch lost, its instance ended).
   *
   * @param reason why, in words
   */
  record TaskWithdrawn(String stepId, String reason) implements HistoryEntry {
    public TaskWithdrawn {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A time limit passed: a task's {@code within} ({@code stepId} is the task's) or the
   * workflow's {@code deadline} (the empty step id).
   *
   * @param step the step's name, or the workflow's for its deadline
   * @param limit the limit that passed
   * @param escalateTo the role it was escalated to, or {@code null}
   */
  record Breached(String stepId, String step, Duration limit, String escalateTo) implements HistoryEntry {
    public Breached {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(limit, "limit");
    }
  }

  // ---- time --------------------------------------------------------------------------------

  /**
   * A timer was set.
   *
   * @param stepId the timer's id: a {@code wait}'s occurrence, or a step's id with a suffix
   *     ({@code ~retry2}, {@code ~within}, {@code ~limit}, or {@code @deadline})
   * @param step the step's name
   * @param purpose what it is for
   * @param due when it fires
   */
  record TimerSet(String stepId, String step, TimerPurpose purpose, Instant due) implements HistoryEntry {
    public TimerSet {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(purpose, "purpose");
      Objects.requireNonNull(due, "due");
    }
  }

  /** A timer fired. */
  record TimerFired(String stepId) implements HistoryEntry {
    public TimerFired {
      Objects.requireNonNull(stepId, "stepId");
    }
  }

  /** A timer was dropped before it fired (its branch lost, its task was completed in time). */
  record TimerCancelled(String stepId) implements HistoryEntry {
    public TimerCancelled {
      Objects.requireNonNull(stepId, "stepId");
    }
  }

  /**
   * {@code now()} or {@code today()} was read.
   *
   * @param value the {@code Instant} or {@code LocalDate} it gave
   */
  record ClockRead(String stepId, Payload value) implements HistoryEntry {
    public ClockRead {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(value, "value");
    }
  }

  // ---- events ------------------------------------------------------------------------------

  /**
   * A {@code receive} started waiting.
   *
   * @param step the step's name
   * @param eventType the event's qualified Java class name
   * @param correlation the values the event's fields must equal ({@code where ev.f == expr}),
   *     evaluated now, as {@code field=value} keys in field order; empty when uncorrelated
   * @param due when it stops waiting, or {@code null}
   * @param eventsAfter for a {@code receive new} (a transient trigger), the backend's mark of the last
   *     event published before it started waiting (on the engine, the sequence of the store's last kept
   *     event): it takes only later ones, also after a replay or a restart; 0 for an ordinary receive
   *     (which takes what was published after its instance started)
   */
  record ReceiveWaiting(String stepId, String step, String eventType, List<String> correlation, Instant due,
      long eventsAfter) implements HistoryEntry {
    public ReceiveWaiting {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(eventType, "eventType");
      correlation = List.copyOf(correlation);
    }

    /** An ordinary receive started waiting (it takes events kept for the instance too). */
    public ReceiveWaiting(String stepId, String step, String eventType, List<String> correlation, Instant due) {
      this(stepId, step, eventType, correlation, due, 0);
    }
  }

  /**
   * An event arrived for a {@code receive}.
   *
   * @param event the event
   * @param sequence its sequence in the store's kept events (what the instance has taken, so it is
   *     not taken twice); 0 when it has none
   */
  record EventReceived(String stepId, Payload event, long sequence) implements HistoryEntry {
    public EventReceived {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(event, "event");
    }

    /** An event taken without a sequence in the store's event buffer (0). */
    public EventReceived(String stepId, Payload event) {
      this(stepId, event, 0);
    }
  }

  /** A {@code receive}'s time limit passed before its event arrived. */
  record ReceiveTimedOut(String stepId) implements HistoryEntry {
    public ReceiveTimedOut {
      Objects.requireNonNull(stepId, "stepId");
    }
  }

  /** A {@code receive} stopped waiting without its event (its branch lost, its instance ended). */
  record ReceiveCancelled(String stepId) implements HistoryEntry {
    public ReceiveCancelled {
      Objects.requireNonNull(stepId, "stepId");
    }
  }

  // ---- other workflows ---------------------------------------------------------------------

  /**
   * A called ({@code awaited}) or started workflow was started; committed together with the
   * child's {@link InstanceStarted}.
   *
   * @param step the step's name
   * @param childId the child's instance id
   * @param workflow the child's workflow
   * @param awaited whether this instance waits for it ({@code call}) or not ({@code start})
   */
  record ChildStarted(String stepId, String step, String childId, String workflow, boolean awaited)
      implements HistoryEntry {
    public ChildStarted {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(childId, "childId");
      Objects.requireNonNull(workflow, "workflow");
    }
  }

  /**
   * A called workflow ended.
   *
   * @param state how it ended
   * @param output its outputs when completed
   * @param message why it failed or was cancelled, or {@code null}
   */
  record ChildEnded(String stepId, InstanceState state, Payload output, String message) implements HistoryEntry {
    public ChildEnded {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(output, "output");
    }
  }

  /**
   * This instance no longer needs a child it called (its branch lost or failed, it ended):
   * committed before the child is cancelled.
   *
   * @param childId the child's instance id
   * @param reason why
   */
  record ChildCancelRequested(String stepId, String childId, String reason) implements HistoryEntry {
    public ChildCancelRequested {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(childId, "childId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  // ---- notifications -----------------------------------------------------------------------

  /**
   * A notification is to be sent (the outbox: committed before the notifier is called).
   *
   * @param role the recipient role, or {@code null}
   * @param address the recipient address, or {@code null}
   * @param via the system to send it through, or {@code null}
   * @param message the text
   */
  record NotifyRequested(String stepId, String role, String address, String via, String message) implements HistoryEntry {
    public NotifyRequested {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * A requested notification was handed to the notifier.
   *
   * @param problem why it could not be delivered, or {@code null}
   */
  record Notified(String stepId, String problem) implements HistoryEntry {
    public Notified {
      Objects.requireNonNull(stepId, "stepId");
    }
  }

  // ---- control flow ------------------------------------------------------------------------

  /**
   * A {@code first} was decided.
   *
   * @param winner the winning branch's name
   */
  record FirstDecided(String stepId, String winner) implements HistoryEntry {
    public FirstDecided {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(winner, "winner");
    }
  }

  // ---- loop checkpoints (RUNTIME.md §6) -----------------------------------------------------

  /**
   * The head of a round of a loop ({@code repeat}, {@code for each}, {@code while}) at the top of
   * the workflow, with the workflow's state there: a replay may start the loop at this round with
   * these values instead of running every earlier round, and a store may read the history from
   * here (and up to {@code since}) instead of from the top. Written every so many entries, only
   * where nothing of the earlier rounds is still open (see {@code LoopCheckpoints}).
   *
   * @param stepId the loop occurrence ({@code @loop}, {@code @loop#2}, …)
   * @param round the round that starts here, from 1
   * @param since the sequence of the last entry before the loop's first round
   * @param names the workflow's fields, by name
   * @param values their values at the head of the round, in the order of {@code names}
   */
  record LoopCheckpoint(String stepId, long round, long since, List<String> names, List<Payload> values)
      implements HistoryEntry {
    public LoopCheckpoint {
      Objects.requireNonNull(stepId, "stepId");
      names = List.copyOf(names);
      values = List.copyOf(values);
      if (names.size() != values.size()) {
        throw new IllegalArgumentException("a loop checkpoint needs one value per name");
      }
    }
  }

  // ---- partial joins and in-case signals ---------------------------------------------------

  /**
   * A branch of a {@code first N} or a {@code parallel join N} ended (reached the end of its
   * block). The construct's step id names it; the entries are in the order the branches ended.
   *
   * @param branch the branch's name
   */
  record BranchEnded(String stepId, String branch) implements HistoryEntry {
    public BranchEnded {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(branch, "branch");
    }
  }

  /**
   * {@code signal NAME} ran: one more of the signal is kept for a {@code wait for NAME} of the
   * instance to take.
   *
   * @param signal the signal's name
   */
  record SignalRaised(String stepId, String signal) implements HistoryEntry {
    public SignalRaised {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(signal, "signal");
    }
  }

  /**
   * A {@code wait for NAME} took one of the signals kept: it goes on.
   *
   * @param signal the signal's name
   */
  record SignalTaken(String stepId, String signal) implements HistoryEntry {
    public SignalTaken {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(signal, "signal");
    }
  }

  /**
   * An {@code exclusive NAME} block was entered: no other block of the instance with that name
   * runs until it is left.
   *
   * @param name the critical section's name
   */
  record ExclusiveEntered(String stepId, String name) implements HistoryEntry {
    public ExclusiveEntered {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * An {@code exclusive NAME} block was left (it ended, failed or was cancelled).
   *
   * @param name the critical section's name
   */
  record ExclusiveLeft(String stepId, String name) implements HistoryEntry {
    public ExclusiveLeft {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(name, "name");
    }
  }

  // ---- cancel regions ----------------------------------------------------------------------

  /**
   * A {@code region NAME { … }} block was entered while its region was not cancelled: it runs
   * until it ends or {@code cancel region NAME} withdraws it.
   *
   * @param region the region's name
   */
  record RegionEntered(String stepId, String region) implements HistoryEntry {
    public RegionEntered {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(region, "region");
    }
  }

  /**
   * A {@code region NAME { … }} block ended: it reached its end ({@code cancelled} false), or it
   * was cancelled ({@code cancelled} true): withdrawn where it stood if it had been entered
   * ({@link RegionEntered}), skipped if it was reached once the region was cancelled.
   *
   * @param region the region's name
   * @param cancelled whether the region's cancel ended it
   */
  record RegionEnded(String stepId, String region, boolean cancelled) implements HistoryEntry {
    public RegionEnded {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(region, "region");
    }
  }

  /**
   * {@code cancel region NAME} ran: every block of the region that runs is withdrawn, and every
   * block of it reached later is skipped, for the rest of the instance's life.
   *
   * @param region the region's name
   */
  record RegionCancelled(String stepId, String region) implements HistoryEntry {
    public RegionCancelled {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(region, "region");
    }
  }

  // ---- incidents ---------------------------------------------------------------------------

  /**
   * An action step's retries are exhausted and its policy says {@code then wait for operator}:
   * instead of failing, the step waits for an operator to retry it or fail it (an incident).
   *
   * @param step the step's name
   * @param attempts how many attempts of the step failed so far, in all
   * @param message the last attempt's failure, in words
   */
  record IncidentOpened(String stepId, String step, int attempts, String message) implements HistoryEntry {
    public IncidentOpened {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * An incident was resolved: retried by an operator (the action runs again with a fresh attempt
   * budget), failed by an operator (committed with the step's {@link ActionFailed}), or withdrawn
   * because the instance no longer waits for the step (its branch lost or failed, the instance ended).
   *
   * @param resolution how
   * @param by who resolved it (an operator's name; {@code workflow} when withdrawn)
   * @param reason why, in words, or {@code null}
   */
  record IncidentResolved(String stepId, Resolution resolution, String by, String reason) implements HistoryEntry {
    /** How an incident was resolved. */
    public enum Resolution {
      RETRIED,
      FAILED,
      WITHDRAWN
    }

    public IncidentResolved {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(resolution, "resolution");
      Objects.requireNonNull(by, "by");
    }
  }

  // ---- events a workflow emits ---------------------------------------------------------------

  /**
   * An {@code emit}: the event is to be published (committed before it is, the outbox).
   *
   * @param eventType the event's qualified Java class name
   * @param event the event
   */
  record EventEmitted(String stepId, String eventType, Payload event) implements HistoryEntry {
    public EventEmitted {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(eventType, "eventType");
      Objects.requireNonNull(event, "event");
    }
  }

  /**
   * An emitted event was published: kept, offered to the waiting receives, and the workflows
   * that start on it started.
   *
   * @param sequence its sequence among the kept events
   */
  record EventPublished(String stepId, long sequence) implements HistoryEntry {
    public EventPublished {
      Objects.requireNonNull(stepId, "stepId");
    }
  }

  /**
   * The declared error ({@code fails E}) an instance failed with, left unhandled: committed with
   * its {@code InstanceEnded} (the empty step id), and with a caller's {@code ChildEnded} (the
   * {@code call}'s step id), so the caller's typed {@code catch} receives its value, also on replay
   * and after a restart.
   *
   * @param errorType the Java type of the error's record
   * @param error its value
   */
  record ErrorRaised(String stepId, String errorType, Payload error) implements HistoryEntry {
    public ErrorRaised {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(errorType, "errorType");
      Objects.requireNonNull(error, "error");
    }
  }
}
