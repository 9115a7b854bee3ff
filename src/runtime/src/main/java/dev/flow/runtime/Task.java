package dev.flow.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task in the inbox, as it is at one moment (a snapshot: ask the inbox again for news).
 *
 * @param id the task's id (instance id and step occurrence)
 * @param instanceId the instance waiting for it
 * @param workflow its workflow's qualified name
 * @param step the step's name
 * @param kind {@code task} or {@code approval}
 * @param role the qualified name of the role that does it
 * @param escalationRole the role it is escalated to when its time limit passes, or {@code null}
 * @param escalated whether its time limit has passed
 * @param doc the step's doc comment, or the empty string
 * @param fields the form to fill in
 * @param created when it was put in the inbox
 * @param due when its time limit passes, if it has one
 * @param assignee who claimed it, or {@code null}
 * @param status where it is
 * @param completedBy who completed it, or {@code null}
 * @param otherRoles the other roles that may do it ({@code by Sales or Accounting}), empty when none
 * @param excluded who may not do it although they hold a role ({@code not by …}: separation of duties)
 */
public record Task(
    String id,
    String instanceId,
    String workflow,
    String step,
    String kind,
    String role,
    String escalationRole,
    boolean escalated,
    String doc,
    List<FormField> fields,
    Instant created,
    Optional<Instant> due,
    String assignee,
    Status status,
    String completedBy,
    List<String> otherRoles,
    List<String> excluded) {
  public Task {
    Objects.requireNonNull(id, "id");
    fields = List.copyOf(fields);
    Objects.requireNonNull(due, "due");
    Objects.requireNonNull(status, "status");
    otherRoles = otherRoles == null ? List.of() : List.copyOf(otherRoles);
    excluded = excluded == null ? List.of() : List.copyOf(excluded);
  }

  /** A task for one role that excludes nobody. */
  public Task(String id, String instanceId, String workflow, String step, String kind, String role, String escalationRole,
      boolean escalated, String doc, List<FormField> fields, Instant created, Optional<Instant> due, String assignee,
      Status status, String completedBy) {
    this(id, instanceId, workflow, step, kind, role, escalationRole, escalated, doc, fields, created, due, assignee,
        status, completedBy, List.of(), List.of());
  }

  /** Where a task is. */
  public enum Status {
    /** Waiting for someone (claimed or not). */
    OPEN,
    /** Done. */
    COMPLETED,
    /** No longer needed: its branch was cancelled, or its instance ended. */
    WITHDRAWN
  }

  /** Whether someone may still act on it. */
  public boolean isOpen() {
    return status == Status.OPEN;
  }

  /**
   * Whether the principal may claim or complete it: they hold one of its roles, or its escalation
   * role once escalated, and they are not excluded from it.
   */
  public boolean allows(Principal principal) {
    return !excludes(principal) && (holdsRole(principal) || (escalated && principal.holds(escalationRole)));
  }

  /** Whether the principal holds one of the task's roles (its escalation role aside). */
  public boolean holdsRole(Principal principal) {
    if (principal.holds(role)) {
      return true;
    }
    for (String other : otherRoles) {
      if (principal.holds(other)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the principal is one of the people the task excludes ({@code not by …}). */
  public boolean excludes(Principal principal) {
    return excluded.contains(principal.name());
  }

  /** Its role and its other roles, in order. */
  public List<String> roles() {
    if (otherRoles.isEmpty()) {
      return List.of(role);
    }
    List<String> all = new java.util.ArrayList<>();
    all.add(role);
    all.addAll(otherRoles);
    return List.copyOf(all);
  }
}
