package dev.flow.runtime.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open tasks: all of them, by role and by assignee, each oldest first. Part of
 * {@link Indexes}, which guards it; not thread-safe on its own.
 */
final class TaskIndex {
  /** A task's identity: its instance and step occurrence (the strings are shared, not copied). */
  record Key(String instanceId, String stepId) {}

  /**
   * An open task's row and when it was opened among the others: for the tasks of an assignee (whose
   * list is in the order of assignment) or a role created at one instant, ordered as the JDBC store
   * orders them (by its ordinal).
   */
  private static final class Open {
    TaskRow row;
    final long opened;

    Open(TaskRow row, long opened) {
      this.row = row;
      this.opened = opened;
    }
  }

  private final LinkedHashMap<Key, Open> all = new LinkedHashMap<>();
  private final Map<String, LinkedHashMap<Key, TaskRow>> byRole = new HashMap<>();
  private final Map<String, LinkedHashMap<Key, TaskRow>> byAssignee = new HashMap<>();
  /** Escalated tasks by the role they were escalated to. */
  private final Map<String, LinkedHashMap<Key, TaskRow>> byEscalation = new HashMap<>();
  private long nextOpened;

  /** Opens a task (a second one with the same identity replaces the first). */
  void open(TaskRow row) {
    Key key = new Key(row.instanceId(), row.stepId());
    close(key);
    all.put(key, new Open(row, nextOpened++));
    for (String role : roles(row)) {
      byRole.computeIfAbsent(role, r -> new LinkedHashMap<>()).put(key, row);
    }
    if (row.assignee() != null) {
      byAssignee.computeIfAbsent(row.assignee(), r -> new LinkedHashMap<>()).put(key, row);
    }
    if (row.escalated() && row.escalateTo() != null) {
      byEscalation.computeIfAbsent(row.escalateTo(), r -> new LinkedHashMap<>()).put(key, row);
    }
  }

  /** The open task with this identity, or {@code null}. */
  TaskRow get(String instanceId, String stepId) {
    Open open = all.get(new Key(instanceId, stepId));
    return open == null ? null : open.row;
  }

  /** Replaces an open task's row (a new assignee, escalated), keeping its place in each list. */
  void update(TaskRow before, TaskRow after) {
    Key key = new Key(before.instanceId(), before.stepId());
    Open open = all.get(key);
    if (open != null) {
      open.row = after;
    }
    for (String role : roles(before)) {
      byRole.get(role).put(key, after);
    }
    if (before.assignee() != null && !before.assignee().equals(after.assignee())) {
      remove(byAssignee, before.assignee(), key);
    }
    if (after.assignee() != null) {
      byAssignee.computeIfAbsent(after.assignee(), r -> new LinkedHashMap<>()).put(key, after);
    }
    if (after.escalated() && after.escalateTo() != null) {
      byEscalation.computeIfAbsent(after.escalateTo(), r -> new LinkedHashMap<>()).put(key, after);
    }
  }

  /** Closes a task (completed, withdrawn, its instance ended); nothing when it is not open. */
  TaskRow close(String instanceId, String stepId) {
    return close(new Key(instanceId, stepId));
  }

  private TaskRow close(Key key) {
    Open open = all.remove(key);
    TaskRow row = open == null ? null : open.row;
    if (row != null) {
      for (String role : roles(row)) {
        remove(byRole, role, key);
      }
      if (row.assignee() != null) {
        remove(byAssignee, row.assignee(), key);
      }
      if (row.escalateTo() != null) {
        remove(byEscalation, row.escalateTo(), key);
      }
    }
    return row;
  }

  /** A task's role and its other roles ({@code by Sales or Accounting}). */
  private static List<String> roles(TaskRow row) {
    if (row.otherRoles().isEmpty()) {
      return List.of(row.role());
    }
    List<String> roles = new ArrayList<>(row.otherRoles().size() + 1);
    roles.add(row.role());
    roles.addAll(row.otherRoles());
    return roles;
  }

  private static void remove(Map<String, LinkedHashMap<Key, TaskRow>> index, String name, Key key) {
    LinkedHashMap<Key, TaskRow> rows = index.get(name);
    if (rows != null) {
      rows.remove(key);
      if (rows.isEmpty()) {
        index.remove(name);
      }
    }
  }

  List<TaskRow> all() {
    List<TaskRow> rows = new ArrayList<>(all.size());
    all.values().forEach(open -> rows.add(open.row));
    return rows;
  }

  List<TaskRow> forRole(String role) {
    LinkedHashMap<Key, TaskRow> rows = byRole.get(role);
    return rows == null ? new ArrayList<>() : new ArrayList<>(rows.values());
  }

  /** The escalated tasks offered to a role, as their escalation role. */
  List<TaskRow> escalatedTo(String role) {
    LinkedHashMap<Key, TaskRow> rows = byEscalation.get(role);
    return rows == null ? new ArrayList<>() : new ArrayList<>(rows.values());
  }

  /** Sorts open tasks oldest first by creation, those created at one instant in the order they were opened. */
  void sortByAge(List<TaskRow> rows) {
    rows.sort(Comparator.comparing(TaskRow::created)
        .thenComparingLong(row -> opened(new Key(row.instanceId(), row.stepId()))));
  }

  private long opened(Key key) {
    Open open = all.get(key);
    return open == null ? Long.MAX_VALUE : open.opened;
  }

  /**
   * A principal's tasks, oldest first by creation (a task claimed late is still placed by its age),
   * those created at one instant in the order they were created.
   */
  List<TaskRow> forAssignee(String principal) {
    LinkedHashMap<Key, TaskRow> rows = byAssignee.get(principal);
    if (rows == null) {
      return new ArrayList<>();
    }
    List<Key> keys = new ArrayList<>(rows.keySet());
    keys.sort(Comparator.comparing((Key key) -> rows.get(key).created()).thenComparingLong(this::opened));
    List<TaskRow> list = new ArrayList<>(keys.size());
    keys.forEach(key -> list.add(rows.get(key)));
    return list;
  }
}
