package dev.flow.runtime;

import dev.flow.runtime.engine.Core;
import dev.flow.runtime.engine.TaskDesk;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The human tasks of every instance: listed by role, claimed, completed with a form,
 * reassigned. Only a principal holding one of a task's roles (or its escalation role, once the
 * task is escalated) may claim or complete it, and never one the task excludes ({@code not by}:
 * they do not see it in {@link #forPrincipal} and cannot be given it). A task given to a person
 * by {@code assign to} is theirs as if they had claimed it; if they lack its roles they cannot
 * act on it, and someone holding a role takes it over with {@link #reassign}. A refused request
 * throws a {@link TaskException} and changes nothing; of two completions of one task, exactly one wins. Every change is a history
 * entry of the task's instance; the lists come from the store's indexes.
 */
public final class TaskInbox {
  private final Desk desk;

  TaskInbox(Core core, Function<String, String> roleTitles) {
    this.desk = new EngineDesk(new TaskDesk(core, roleTitles));
  }

  /**
   * An inbox over another backend's desk (the Temporal backend's): every method of this class
   * goes to it, with the same rules (role-gated, exactly one completion wins, a refused request
   * throws a {@link TaskException} or {@link FormException} and changes nothing).
   */
  public TaskInbox(Desk desk) {
    this.desk = java.util.Objects.requireNonNull(desk, "desk");
  }

  /**
   * Where an inbox's tasks are kept and acted on: the seam between this class and a backend. The
   * embedded engine's desk commits to the task's instance under its lock; another backend's (e.g.
   * Temporal's) sends the act to the instance that owns the task.
   */
  public interface Desk {
    /** Every open task, oldest first. */
    List<Task> open();

    /** Every task, open or not, oldest first. */
    List<Task> all();

    /** The open tasks offered to a role: its own, and those escalated to it. */
    List<Task> forRole(String role);

    /** The open tasks of one instance. */
    List<Task> forInstance(String instanceId);

    /** A task by id, open or not. */
    Optional<Task> task(String taskId);

    Task claim(String taskId, Principal principal);

    Task release(String taskId, Principal principal);

    Task reassign(String taskId, Principal by, Principal to);

    void complete(String taskId, Principal principal, Map<String, ?> form);
  }

  /** The embedded engine's desk. */
  private record EngineDesk(TaskDesk engine) implements Desk {
    @Override
    public List<Task> open() {
      return engine.snapshots(engine.openRows());
    }

    @Override
    public List<Task> all() {
      return engine.everyTask();
    }

    @Override
    public List<Task> forRole(String role) {
      return engine.snapshots(engine.rowsForRole(role));
    }

    @Override
    public List<Task> forInstance(String instanceId) {
      return engine.snapshots(engine.rowsOf(instanceId));
    }

    @Override
    public Optional<Task> task(String taskId) {
      return engine.task(taskId);
    }

    @Override
    public Task claim(String taskId, Principal principal) {
      return engine.claim(taskId, principal);
    }

    @Override
    public Task release(String taskId, Principal principal) {
      return engine.release(taskId, principal);
    }

    @Override
    public Task reassign(String taskId, Principal by, Principal to) {
      return engine.reassign(taskId, by, to);
    }

    @Override
    public void complete(String taskId, Principal principal, Map<String, ?> form) {
      engine.complete(taskId, principal, form);
    }
  }

  // ---- reading -----------------------------------------------------------------------------

  /** Every open task, oldest first. */
  public List<Task> open() {
    return desk.open();
  }

  /** Every task, open or not, oldest first. */
  public List<Task> all() {
    return desk.all();
  }

  /** The open tasks offered to a role (qualified name): its own, and those escalated to it. */
  public List<Task> forRole(String role) {
    return desk.forRole(role);
  }

  /** The open tasks a principal may act on. */
  public List<Task> forPrincipal(Principal principal) {
    List<Task> tasks = new ArrayList<>();
    for (Task task : open()) {
      if (task.allows(principal) && (task.assignee() == null || task.assignee().equals(principal.name()))) {
        tasks.add(task);
      }
    }
    return tasks;
  }

  /** The open tasks of one instance. */
  public List<Task> forInstance(String instanceId) {
    return desk.forInstance(instanceId);
  }

  /** A task by id, open or not. */
  public Optional<Task> task(String taskId) {
    return desk.task(taskId);
  }

  /**
   * The open task of an instance's step (its latest occurrence, if the step ran several times).
   *
   * @throws TaskException when the step has no open task
   */
  public Task task(String instanceId, String step) {
    List<Task> open = forInstance(instanceId).stream().filter(t -> t.step().equals(step)).toList();
    if (open.isEmpty()) {
      throw new TaskException("instance " + instanceId + " has no open task `" + step + "`");
    }
    return open.get(open.size() - 1);
  }

  // ---- acting ------------------------------------------------------------------------------

  /** Takes a task: from now on only the principal may complete it (until released or reassigned). */
  public Task claim(String taskId, Principal principal) {
    return desk.claim(taskId, principal);
  }

  /** Gives a claimed task back to its role. */
  public Task release(String taskId, Principal principal) {
    return desk.release(taskId, principal);
  }

  /** Hands a task to someone else who may do it; {@code by} must be allowed on the task too. */
  public Task reassign(String taskId, Principal by, Principal to) {
    return desk.reassign(taskId, by, to);
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
    desk.complete(taskId, principal, form);
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
}
