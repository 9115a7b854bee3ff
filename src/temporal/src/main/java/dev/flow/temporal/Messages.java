package dev.flow.temporal;

import java.util.List;

/**
 * What Flow hands through Temporal: plain records of strings and numbers, so Temporal's data
 * converter never sees a Flow value. Flow values (inputs, results, forms, events) travel as the
 * JSON of Flow's own codec and are decoded with the type the step declares, as a store's are.
 */
public final class Messages {
  private Messages() {}

  /**
   * How an instance starts.
   *
   * @param workflow the Flow workflow's qualified name
   * @param version its version
   * @param input the input record as JSON
   * @param parentId the calling instance, or {@code null}
   * @param callerStepId the calling step occurrence, or {@code null}
   * @param zone the zone of dates and {@code today()}, fixed for the instance's life
   * @param history when the instance continues as new: its Flow history so far (gzipped JSON, Base64), else {@code null}
   * @param kept when it continues as new: the events kept for its next wait, else {@code null}
   * @param handed when it continues as new: the ids of the events it took or kept, else {@code null}
   */
  public record Start(String workflow, int version, String input, String parentId, String callerStepId, String zone,
      String history, List<Event> kept, List<String> handed) {
    /** How an instance continues as new (as the releases before event ids did). */
    public Start(String workflow, int version, String input, String parentId, String callerStepId, String zone,
        String history, List<Event> kept) {
      this(workflow, version, input, parentId, callerStepId, zone, history, kept, null);
    }

    /** How an instance starts (not continued from an earlier run). */
    public Start(String workflow, int version, String input, String parentId, String callerStepId, String zone) {
      this(workflow, version, input, parentId, callerStepId, zone, null, null, null);
    }
  }

  /**
   * How an instance ended.
   *
   * @param state COMPLETED, FAILED or CANCELLED
   * @param output the output record as JSON, or {@code null}
   * @param step the step it failed at, or {@code null}
   * @param message why it failed or was cancelled, or {@code null}
   * @param errorType the Java type of the declared error it failed with ({@code fails E}), or {@code null}
   * @param error that error's value as JSON, or {@code null}
   */
  public record Ended(String state, String output, String step, String message, String errorType, String error) {
    /** An end without a declared error (and as instances begun before typed errors across calls end). */
    public Ended(String state, String output, String step, String message) {
      this(state, output, step, message, null, null);
    }
  }

  /**
   * An act on a task.
   *
   * @param kind {@code claim}, {@code release}, {@code reassign} or {@code complete}
   * @param stepId the task's step occurrence
   * @param principal who acts
   * @param roles the roles they hold
   * @param to whom a reassignment hands it to, or {@code null}
   * @param toRoles their roles
   * @param form the submitted form (field name to value) as JSON, or {@code null}
   */
  public record TaskAct(String kind, String stepId, String principal, List<String> roles, String to, List<String> toRoles,
      String form) {}

  /**
   * A published event.
   *
   * @param type the event record's class name
   * @param json its value as JSON
   * @param id what makes it one event however often it is handed over (an instance takes or keeps it once), or {@code null}
   */
  public record Event(String type, String json, String id) {
    /** A published event without an id (as the releases before ids sent them). */
    public Event(String type, String json) {
      this(type, json, null);
    }
  }

  /**
   * An event an instance emitted, for the activity that publishes it.
   *
   * @param instanceId the emitting instance
   * @param stepId the emit's step occurrence (with the instance, the event's id)
   * @param type the event record's class name
   * @param json its value as JSON
   * @param zone the zone of the instances it starts (the emitter's)
   */
  public record Emitted(String instanceId, String stepId, String type, String json, String zone) {}

  /**
   * Where an instance stands.
   *
   * @param state RUNNING, WAITING, or how it ended
   * @param quiet whether nothing is in flight: it waits for a person, a timer, an event or a child
   * @param waits what it waits for, by step occurrence
   */
  public record Status(String state, boolean quiet, List<String> waits) {}

  /**
   * An action attempt for the activity worker: which step of which workflow, with which arguments.
   *
   * @param instanceId the instance
   * @param workflow the workflow's qualified name
   * @param version its version
   * @param step the step's name
   * @param stepId the step occurrence (the idempotency key is {@code instanceId/stepId})
   * @param arguments each argument as JSON, in order
   */
  public record ActionCall(String instanceId, String workflow, int version, String step, String stepId,
      List<String> arguments) {}

  /**
   * A compensation for the activity worker.
   *
   * @param instanceId the instance
   * @param workflow the workflow's qualified name
   * @param step the compensated step's name
   * @param stepId the compensated step occurrence
   * @param system the compensation's system (qualified name)
   * @param action its action
   * @param arguments each argument as JSON, in order
   */
  public record CompensationCall(String instanceId, String workflow, String step, String stepId, String system,
      String action, List<String> arguments) {}

  /**
   * A notification for the activity worker's notifier.
   *
   * @param instanceId the instance
   * @param workflow the workflow's qualified name
   * @param role the role told, or {@code null}
   * @param address the address told, or {@code null}
   * @param via the system it goes through, or {@code null}
   * @param message what it says
   * @param at when it was requested (epoch milliseconds)
   */
  public record NotifyCall(String instanceId, String workflow, String role, String address, String via, String message,
      long at) {}
}
