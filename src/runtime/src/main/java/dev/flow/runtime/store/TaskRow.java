package dev.flow.runtime.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An open task as the store indexes it.
 *
 * @param instanceId its instance
 * @param stepId its step occurrence
 * @param step its step's name
 * @param kind {@code task} or {@code approval}
 * @param role the role that may do it
 * @param escalateTo the role it goes to once overdue, or {@code null}
 * @param created when it was created
 * @param due when its time limit passes, or {@code null}
 * @param assignee who claimed it or was given it, or {@code null}
 * @param escalated whether its time limit passed
 * @param otherRoles the other roles that may do it (empty when only {@code role})
 * @param excluded who may not do it (separation of duties)
 */
public record TaskRow(
    String instanceId, String stepId, String step, String kind, String role, String escalateTo, Instant created,
    Instant due, String assignee, boolean escalated, List<String> otherRoles, List<String> excluded) {
  public TaskRow {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(created, "created");
    otherRoles = otherRoles == null ? List.of() : List.copyOf(otherRoles);
    excluded = excluded == null ? List.of() : List.copyOf(excluded);
  }

  public TaskRow(String instanceId, String stepId, String step, String kind, String role, String escalateTo,
      Instant created, Instant due, String assignee, boolean escalated) {
    this(instanceId, stepId, step, kind, role, escalateTo, created, due, assignee, escalated, List.of(), List.of());
  }

  /** The same row with another assignee or escalation. */
  public TaskRow with(String newAssignee, boolean nowEscalated) {
    return new TaskRow(instanceId, stepId, step, kind, role, escalateTo, created, due, newAssignee, nowEscalated,
        otherRoles, excluded);
  }

  /** The task's id, unique in a store: {@code instanceId/stepId}. */
  public String id() {
    return instanceId + "/" + stepId;
  }
}
