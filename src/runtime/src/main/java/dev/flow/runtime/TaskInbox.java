package dev.flow.runtime;

import java.lang.reflect.RecordComponent;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The human tasks of every instance: listed by role, claimed, completed with a form,
 * reassigned. Only a principal holding a task's role (or its escalation role, once the task is
 * escalated) may claim or complete it. A refused request throws a {@link TaskException} and
 * changes nothing; of two completions of one task, exactly one wins.
 */
public final class TaskInbox {
  private final Engine engine;
  private final Map<String, Entry> tasks = new LinkedHashMap<>();

  /** A task and what the engine needs to complete it. */
  private static final class Entry {
    final Live live;
    final PendingWait.TaskWait wait;
    boolean escalated;
    String assignee;
    Task.Status status = Task.Status.OPEN;
    String completedBy;

    Entry(Live live, PendingWait.TaskWait wait, boolean escalated) {
      this.live = live;
      this.wait = wait;
      this.escalated = escalated;
    }

    Task snapshot(String id) {
      return new Task(id, live.id, live.workflow(), wait.step(), wait.kind(), wait.role(), wait.escalateTo(), escalated,
          wait.doc(), wait.form().fields(), wait.created(), wait.within().map(wait.created()::plus), assignee, status,
          completedBy);
    }
  }

  TaskInbox(Engine engine) {
    this.engine = engine;
  }

  // ---- reading -----------------------------------------------------------------------------

  /** Every open task, oldest first. */
  public List<Task> open() {
    return select(e -> e.status == Task.Status.OPEN);
  }

  /** Every task, open or not, oldest first. */
  public List<Task> all() {
    return select(e -> true);
  }

  /** The open tasks offered to a role (qualified name): its own, and those escalated to it. */
  public List<Task> forRole(String role) {
    return select(e -> e.status == Task.Status.OPEN
        && (role.equals(e.wait.role()) || (e.escalated && role.equals(e.wait.escalateTo()))));
  }

  /** The open tasks a principal may act on. */
  public List<Task> forPrincipal(Principal principal) {
    return select(e -> e.status == Task.Status.OPEN && e.snapshot("").allows(principal)
        && (e.assignee == null || e.assignee.equals(principal.name())));
  }

  /** The open tasks of one instance. */
  public List<Task> forInstance(String instanceId) {
    return select(e -> e.status == Task.Status.OPEN && e.live.id.equals(instanceId));
  }

  /** A task by id, open or not. */
  public Optional<Task> task(String taskId) {
    synchronized (engine) {
      Entry entry = tasks.get(taskId);
      return entry == null ? Optional.empty() : Optional.of(entry.snapshot(taskId));
    }
  }

  /**
   * The open task of an instance's step (its latest occurrence, if the step ran several times).
   *
   * @throws TaskException when the step has no open task
   */
  public Task task(String instanceId, String step) {
    List<Task> open = select(e -> e.status == Task.Status.OPEN && e.live.id.equals(instanceId) && e.wait.step().equals(step));
    if (open.isEmpty()) {
      throw new TaskException("instance " + instanceId + " has no open task `" + step + "`");
    }
    return open.get(open.size() - 1);
  }

  private List<Task> select(Predicate<Entry> filter) {
    synchronized (engine) {
      return tasks.entrySet().stream()
          .filter(e -> filter.test(e.getValue()))
          .map(e -> e.getValue().snapshot(e.getKey()))
          .sorted(Comparator.comparing(Task::created))
          .toList();
    }
  }

  // ---- acting ------------------------------------------------------------------------------

  /** Takes a task: from now on only the principal may complete it (until released or reassigned). */
  public Task claim(String taskId, Principal principal) {
    synchronized (engine) {
      Entry entry = actionable(taskId, principal);
      if (entry.assignee != null && !entry.assignee.equals(principal.name())) {
        throw new TaskException("task " + taskId + " is already claimed by " + entry.assignee);
      }
      entry.assignee = principal.name();
      return entry.snapshot(taskId);
    }
  }

  /** Gives a claimed task back to its role. */
  public Task release(String taskId, Principal principal) {
    synchronized (engine) {
      Entry entry = actionable(taskId, principal);
      if (!principal.name().equals(entry.assignee)) {
        throw new TaskException("task " + taskId + " is not claimed by " + principal.name());
      }
      entry.assignee = null;
      return entry.snapshot(taskId);
    }
  }

  /** Hands a task to someone else who may do it; {@code by} must be allowed on the task too. */
  public Task reassign(String taskId, Principal by, Principal to) {
    synchronized (engine) {
      Entry entry = open(taskId);
      Task task = entry.snapshot(taskId);
      if (!task.allows(by)) {
        throw notAllowed(by, task);
      }
      if (!task.allows(to)) {
        throw new TaskException("cannot reassign task " + taskId + " to " + to.name() + ": " + notAllowed(to, task).getMessage());
      }
      entry.assignee = to.name();
      return entry.snapshot(taskId);
    }
  }

  /**
   * Completes a task with a filled-in form (field name to value; strings are read as the field's
   * type, e.g. {@code "12.50"} for a {@code Decimal}). The instance goes on at once.
   *
   * @throws FormException when the form does not fit (nothing changes)
   * @throws TaskException when the task is unknown, not open, claimed by someone else, or the
   *     principal does not hold its role
   */
  public void complete(String taskId, Principal principal, Map<String, ?> form) {
    synchronized (engine) {
      Entry entry = actionable(taskId, principal);
      if (entry.assignee != null && !entry.assignee.equals(principal.name())) {
        throw new TaskException("task " + taskId + " is claimed by " + entry.assignee + ": only they may complete it"
            + " (or reassign it)");
      }
      Object result = entry.wait.form().read(form);
      entry.status = Task.Status.COMPLETED;
      entry.completedBy = principal.name();
      entry.assignee = principal.name();
      engine.completed(entry.live, entry.wait, result, principal.name());
    }
  }

  /** Completes a task with its form record (e.g. a generated {@code AssignChecklistForm}). */
  public void complete(String taskId, Principal principal, Record form) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (RecordComponent component : form.getClass().getRecordComponents()) {
      try {
        values.put(Values.flowName(component), component.getAccessor().invoke(form));
      } catch (ReflectiveOperationException e) {
        throw new TaskException("cannot read the form " + form.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    complete(taskId, principal, values);
  }

  /** Completes a task without a form (or whose fields are all optional). */
  public void complete(String taskId, Principal principal) {
    complete(taskId, principal, Map.of());
  }

  /** Approves an approval. */
  public void approve(String taskId, Principal principal, String comment) {
    decide(taskId, principal, true, comment);
  }

  /** Rejects an approval. */
  public void reject(String taskId, Principal principal, String comment) {
    decide(taskId, principal, false, comment);
  }

  private void decide(String taskId, Principal principal, boolean approved, String comment) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("approved", approved);
    form.put("comment", comment);
    complete(taskId, principal, form);
  }

  private Entry open(String taskId) {
    Entry entry = tasks.get(taskId);
    if (entry == null) {
      throw new TaskException("no task " + taskId);
    }
    if (entry.status == Task.Status.COMPLETED) {
      throw new TaskException("task " + taskId + " was already completed by " + entry.completedBy);
    }
    if (entry.status == Task.Status.WITHDRAWN) {
      throw new TaskException("task " + taskId + " was withdrawn: its instance no longer waits for it");
    }
    return entry;
  }

  private Entry actionable(String taskId, Principal principal) {
    Entry entry = open(taskId);
    Task task = entry.snapshot(taskId);
    if (!task.allows(principal)) {
      throw notAllowed(principal, task);
    }
    return entry;
  }

  private TaskException notAllowed(Principal principal, Task task) {
    String roles = engine.roleTitle(task.role())
        + (task.escalationRole() == null ? "" : task.escalated()
            ? " or " + engine.roleTitle(task.escalationRole())
            : " (" + engine.roleTitle(task.escalationRole()) + " once it is overdue)");
    return new TaskException(principal.name() + " may not act on task " + task.id() + ": it needs the role " + roles);
  }

  // ---- what the engine calls ---------------------------------------------------------------

  void open(Live live, PendingWait.TaskWait wait, boolean escalated) {
    String id = live.id + "/" + wait.stepId();
    Entry existing = tasks.get(id);
    if (existing == null || existing.status == Task.Status.WITHDRAWN) {
      Entry entry = new Entry(live, wait, escalated);
      if (existing != null) {
        tasks.remove(id);
      }
      tasks.put(id, entry);
    }
  }

  boolean withdraw(String taskId) {
    Entry entry = tasks.get(taskId);
    if (entry == null || entry.status != Task.Status.OPEN) {
      return false;
    }
    entry.status = Task.Status.WITHDRAWN;
    return true;
  }

  void escalate(String taskId) {
    Entry entry = tasks.get(taskId);
    if (entry != null) {
      entry.escalated = true;
    }
  }
}
