package dev.flow.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of an instance's history in words: a view of a typed
 * {@link dev.flow.runtime.history.HistoryEntry} kept for the applications and listeners written
 * against the first runtime. New code reads the typed entries ({@link WorkflowInstance#entries()}).
 *
 * @param sequence the entry's position in the history, from 1
 * @param at when it happened
 * @param stepId the step occurrence: its scope path (branches, loop iterations), its name, and
 *     {@code #n} for the n-th occurrence in one scope (e.g. {@code doc[2]/review}, {@code notify#3})
 * @param step the step's name ({@code notify}, {@code wait}… for unnamed statements)
 * @param type what happened
 * @param value the outcome (an action's result, a form, an event, outputs), or {@code null}
 * @param detail words: a failure's message, who completed a task, a timer's due time…
 */
public record HistoryEvent(long sequence, Instant at, String stepId, String step, Type type, Object value, String detail) {
  public HistoryEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(detail, "detail");
  }

  /** What a history entry records. Those marked as outcomes answer a step on replay. */
  public enum Type {
    /** The instance started (its input is the value). */
    INSTANCE_STARTED(false),
    /** A call of an action was attempted and failed; the detail has the attempt and the message. */
    ATTEMPT_FAILED(false),
    /** An action completed; the value is its result. */
    ACTION_COMPLETED(true),
    /** An action failed after its last attempt. */
    ACTION_FAILED(true),
    /** A task (or approval) was put in the inbox. */
    TASK_CREATED(false),
    /** A task was completed; the value is its form, the detail who completed it. */
    TASK_COMPLETED(true),
    /** A task's or the workflow's time limit passed. */
    BREACHED(false),
    /** A timer was set; the detail is its due time. */
    TIMER_SET(false),
    /** A timer fired. */
    TIMER_FIRED(true),
    /** A receive started waiting; the detail is its due time, if limited. */
    RECEIVE_WAITING(false),
    /** An event arrived; the value is the event. */
    EVENT_RECEIVED(true),
    /** A receive's time limit passed first. */
    RECEIVE_TIMED_OUT(true),
    /** A called or started workflow was started; the detail is its instance id. */
    CHILD_STARTED(true),
    /** A called workflow completed; the value is its outputs. */
    CHILD_COMPLETED(true),
    /** A called workflow failed or was cancelled; the detail says why. */
    CHILD_FAILED(true),
    /** A notification was sent. */
    NOTIFIED(true),
    /** {@code now()} or {@code today()} was read; the value is what it gave. */
    CLOCK_READ(true),
    /** A {@code first} was decided; the detail is the winning branch. */
    FIRST_DECIDED(true),
    /** A completed step was undone; the step id is the undone step's, prefixed {@code compensate:}. */
    COMPENSATED(true),
    /** A compensation failed after its attempts; the detail says why. */
    COMPENSATION_FAILED(true),
    /** The instance ended; the detail is its state and why. */
    INSTANCE_ENDED(false),
    /** An attempt of an action is to be made (committed before the connector is called). */
    ACTION_SCHEDULED(false),
    /** A completed step registered its compensation; the value is the arguments. */
    COMPENSATION_REGISTERED(false),
    /** A compensation is to run. */
    COMPENSATION_SCHEDULED(false),
    /** A task was claimed, released or assigned; the detail says who. */
    TASK_ASSIGNED(false),
    /** A task left the inbox without being completed. */
    TASK_WITHDRAWN(false),
    /** A timer was dropped before it fired. */
    TIMER_CANCELLED(false),
    /** A receive stopped waiting without its event. */
    RECEIVE_CANCELLED(false),
    /** The instance gave up a child it called; the detail is the child's id. */
    CHILD_CANCEL_REQUESTED(false),
    /** A notification is to be sent (the outbox). */
    NOTIFY_REQUESTED(false),
    /** Someone asked for the instance to be cancelled. */
    CANCEL_REQUESTED(false),
    /** The head of a loop's round with the workflow's state, where a replay may start the loop; the detail is the round. */
    LOOP_CHECKPOINT(false),
    /** A branch of a {@code first N} or {@code parallel join N} ended; the detail is the branch. */
    BRANCH_ENDED(true),
    /** {@code signal NAME} ran; the detail is the signal's name. */
    SIGNAL_RAISED(true),
    /** A {@code wait for NAME} took a signal and went on; the detail is the signal's name. */
    SIGNAL_TAKEN(true),
    /** An {@code exclusive} block was entered; the detail is the critical section's name. */
    EXCLUSIVE_ENTERED(true),
    /** An {@code exclusive} block was left; the detail is the critical section's name. */
    EXCLUSIVE_LEFT(true),
    /** A {@code region} block was entered; the detail is the region's name. */
    REGION_ENTERED(true),
    /** A {@code region} block ended; the detail is the region's name, and {@code cancelled} if its cancel ended it. */
    REGION_ENDED(true),
    /** {@code cancel region NAME} ran; the detail is the region's name. */
    REGION_CANCELLED(true),
    /** An action's retries were exhausted and it waits for an operator; the detail is the last failure. */
    INCIDENT_OPENED(false),
    /** An operator retried or failed an incident (or it was withdrawn); the detail says who and why. */
    INCIDENT_RESOLVED(false),
    /** The workflow emitted an event (to be published); the value is the event. */
    EVENT_EMITTED(true),
    /** An emitted event was published; the detail is its sequence among the kept events. */
    EVENT_PUBLISHED(false),
    /**
     * The declared error ({@code fails E}) the instance failed with, or a called workflow failed
     * its {@code call} with; the value is the error's, the detail its type's simple name.
     */
    ERROR_RAISED(true);

    private final boolean outcome;

    Type(boolean outcome) {
      this.outcome = outcome;
    }

    /** Whether entries of this type answer a step on replay. */
    public boolean isOutcome() {
      return outcome;
    }
  }
}
