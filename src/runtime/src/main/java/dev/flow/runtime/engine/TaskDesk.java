package dev.flow.runtime.engine;

import dev.flow.runtime.ApprovalStep;
import dev.flow.runtime.Form;
import dev.flow.runtime.FormField;
import dev.flow.runtime.Principal;
import dev.flow.runtime.Step;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import dev.flow.runtime.TaskStep;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.replay.Choices;
import dev.flow.runtime.replay.History;
import dev.flow.runtime.replay.Sections;
import dev.flow.runtime.replay.StepRecord;
import dev.flow.runtime.store.InstanceQuery;
import dev.flow.runtime.store.InstanceRow;
import dev.flow.runtime.store.TaskRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The engine's side of the inbox: every claim, release, reassignment and completion is checked
 * and committed to the task's instance holding its lock, so of two completions exactly one wins
 * and the other is told who won. Lists come from the store's task indexes.
 */
public final class TaskDesk {
  private final Core core;
  private final Function<String, String> roleTitles;

  public TaskDesk(Core core, Function<String, String> roleTitles) {
    this.core = core;
    this.roleTitles = roleTitles;
  }

  // ---- reading -----------------------------------------------------------------------------

  public List<TaskRow> openRows() {
    return core.store().openTasks();
  }

  public List<TaskRow> rowsForRole(String role) {
    return core.store().tasksForRole(Objects.requireNonNull(role, "role"));
  }

  public List<TaskRow> rowsOf(String instanceId) {
    return core.store().tasksOf(Objects.requireNonNull(instanceId, "instanceId"));
  }

  /** Open tasks as snapshots. */
  public List<Task> snapshots(List<TaskRow> rows) {
    List<Task> tasks = new ArrayList<>(rows.size());
    for (TaskRow row : rows) {
      Optional<InstanceRow> instance = core.store().instance(row.instanceId());
      if (instance.isEmpty()) {
        continue;
      }
      Optional<Step> step = core.descriptor(row.instanceId(), instance.get().workflow(), instance.get().version(),
          row.stepId());
      tasks.add(new Task(row.id(), row.instanceId(), instance.get().workflow(), row.step(), row.kind(), row.role(),
          row.escalateTo(), row.escalated(), doc(step), fields(step), row.created(),
          Optional.ofNullable(row.due()), row.assignee(), Task.Status.OPEN, null, row.otherRoles(), row.excluded()));
    }
    return tasks;
  }

  /** Every task of every instance, open or not, oldest first. */
  public List<Task> everyTask() {
    List<InstanceRow> rows = new ArrayList<>(core.store().instances(new InstanceQuery(null, null, 0, Integer.MAX_VALUE)));
    java.util.Collections.reverse(rows);
    List<Task> tasks = new ArrayList<>();
    for (InstanceRow row : rows) {
      tasks.addAll(tasksIn(row, core.store().read(row.id()), null));
    }
    tasks.sort(java.util.Comparator.comparing(Task::created));
    return tasks;
  }

  /** A task by id, open or not. */
  public Optional<Task> task(String taskId) {
    String[] parts = split(taskId);
    if (parts == null) {
      return Optional.empty();
    }
    Optional<InstanceRow> row = core.store().instance(parts[0]);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    List<Task> found = tasksIn(row.get(), core.store().read(parts[0]), parts[1]);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  private List<Task> tasksIn(InstanceRow row, List<Recorded> entries, String onlyStep) {
    if (onlyStep != null) {
      // One task: only the entries about its step are folded, not the whole history.
      StepRecord step = History.stepOf(entries, onlyStep);
      return step == null || step.taskCreatedEntry() == null ? List.of() : List.of(taskOf(row, step));
    }
    History history = History.of(entries);
    List<Task> tasks = new ArrayList<>();
    for (Recorded recorded : entries) {
      if (recorded.entry() instanceof HistoryEntry.TaskCreated created) {
        tasks.add(taskOf(row, history.step(created.stepId())));
      }
    }
    return tasks;
  }

  /** A task as its step's record tells it. */
  private Task taskOf(InstanceRow row, StepRecord step) {
    Recorded recorded = step.taskCreatedEntry();
    HistoryEntry.TaskCreated created = (HistoryEntry.TaskCreated) recorded.entry();
    Task.Status status = step.taskOpen() ? Task.Status.OPEN
        : step.completedBy() != null ? Task.Status.COMPLETED : Task.Status.WITHDRAWN;
    String assignee = status == Task.Status.COMPLETED ? step.completedBy() : step.assignee();
    Optional<Step> descriptor = core.descriptor(row.id(), row.workflow(), row.version(), created.stepId());
    return new Task(row.id() + "/" + created.stepId(), row.id(), row.workflow(), created.step(), created.kind(),
        created.role(), created.escalateTo(), step.breached(), doc(descriptor), fields(descriptor), recorded.at(),
        Optional.ofNullable(created.due()), assignee, status, step.completedBy(), created.otherRoles(), created.excluded());
  }

  private static String doc(Optional<Step> step) {
    return step.map(Step::doc).orElse("");
  }

  private static List<FormField> fields(Optional<Step> step) {
    return step.map(TaskDesk::form).map(Form::fields).orElse(List.<FormField>of());
  }

  private static Form<?> form(Step step) {
    if (step instanceof TaskStep<?> task) {
      return task.form();
    }
    if (step instanceof ApprovalStep) {
      return ApprovalStep.FORM;
    }
    return Form.NONE;
  }

  // ---- acting ------------------------------------------------------------------------------

  public Task claim(String taskId, Principal principal) {
    return act(taskId, principal, (instance, step, task) -> {
      if (task.assignee() != null && !task.assignee().equals(principal.name())) {
        throw new TaskException("task " + taskId + " is already claimed by " + task.assignee());
      }
      // The leading task of an interleaved branch takes the block's section with its first claim;
      // that of a branch of `first to start` decides it.
      List<HistoryEntry> entries = new ArrayList<>(Sections.taking(instance.history, instance.waits, taskId, step.stepId()));
      entries.addAll(Choices.deciding(instance.history, instance.waits, taskId, step.stepId()));
      entries.add(new HistoryEntry.TaskClaimed(step.stepId(), principal.name()));
      core.commit(instance, entries);
      if (Choices.decides(entries)) {
        core.resume(instance); // the other branches' work is withdrawn
      }
    });
  }

  public Task release(String taskId, Principal principal) {
    return act(taskId, principal, (instance, step, task) -> {
      if (!principal.name().equals(task.assignee())) {
        throw new TaskException("task " + taskId + " is not claimed by " + principal.name());
      }
      List<HistoryEntry> entries = new ArrayList<>();
      entries.add(new HistoryEntry.TaskReleased(step.stepId(), principal.name()));
      List<HistoryEntry> giving = Sections.giving(instance.history, instance.waits, step.stepId());
      entries.addAll(giving);
      core.commit(instance, entries);
      if (!giving.isEmpty() && Sections.awaited(instance.waits, ((HistoryEntry.ExclusiveLeft) giving.get(0)).name())) {
        core.resume(instance); // a branch that waits to enter the section given back takes it
      }
    });
  }

  public Task reassign(String taskId, Principal by, Principal to) {
    Objects.requireNonNull(to, "the principal to reassign to");
    return act(taskId, by, (instance, step, task) -> {
      if (!task.allows(to)) {
        throw new TaskException("cannot reassign task " + taskId + " to " + to.name() + ": "
            + notAllowed(to, task).getMessage());
      }
      core.commit(instance, List.of(new HistoryEntry.TaskAssigned(step.stepId(), to.name(), by.name())));
    });
  }

  /** Completes a task with a form; the instance goes on at once. */
  public void complete(String taskId, Principal principal, Map<String, ?> submitted) {
    Objects.requireNonNull(submitted, "form");
    act(taskId, principal, false, (instance, step, task) -> {
      if (task.assignee() != null && !task.assignee().equals(principal.name())) {
        throw new TaskException("task " + taskId + " is claimed by " + task.assignee() + ": only they may complete it"
            + " (or reassign it)");
      }
      Optional<Step> descriptor = core.descriptor(instance.id, instance.workflow(), instance.definition.version(),
          step.stepId());
      if (descriptor.isEmpty() && instance.needsReplay) {
        // A step the workflow's code makes as it runs (not one its definition lists), of an instance
        // loaded from the store: its code runs up to the task again to know the form.
        core.ensureWaits(instance);
        descriptor = core.descriptor(instance.id, instance.workflow(), instance.definition.version(), step.stepId());
      }
      Object result = descriptor.map(TaskDesk::form).orElse(Form.NONE).read(submitted);
      // The leading task of an interleaved branch, done without a claim, takes the block's section now (an instance
      // read back from the store learns its waits by a replay first: only where the task may be such a task).
      if (mayLead(step.stepId())) {
        core.ensureWaits(instance);
      }
      List<HistoryEntry> entries = new ArrayList<>(Sections.taking(instance.history, instance.waits, taskId,
          step.stepId()));
      entries.addAll(Choices.deciding(instance.history, instance.waits, taskId, step.stepId()));
      entries.add(new HistoryEntry.TaskCompleted(step.stepId(), Payload.of(result), principal.name()));
      StepRecord limit = instance.history.step(step.stepId() + "~limit");
      if (limit != null && limit.timerSet()) {
        entries.add(new HistoryEntry.TimerCancelled(limit.stepId()));
      }
      core.commit(instance, entries);
      core.resume(instance);
    });
  }

  /**
   * Whether a task may be the leading task of an {@code interleaved} branch: one made directly in a branch's scope
   * (whose last part is the branch's name). A task at the top of its workflow, or directly in a loop's round or a
   * {@code for each} item ({@code while[3]}, {@code item[2]}), is not.
   */
  static boolean mayLead(String stepId) {
    int slash = stepId.lastIndexOf('/');
    return slash > 0 && stepId.charAt(slash - 1) != ']';
  }

  /** Something done to an open task, holding its instance's lock. */
  private interface Act {
    void on(Instance instance, StepRecord step, Task task);
  }

  private Task act(String taskId, Principal principal, Act act) {
    return act(taskId, principal, true, act);
  }

  /**
   * @param knowWaits whether an instance read back from the store must first learn what it waits
   *     for (a claim leaves it held, and a held instance shows its waits); a completion does not,
   *     since the run it causes learns them anyway
   */
  private Task act(String taskId, Principal principal, boolean knowWaits, Act act) {
    if (principal == null) {
      throw new TaskException("nobody may act on task " + taskId + " without saying who they are (the principal is null)");
    }
    String[] parts = split(Objects.requireNonNull(taskId, "taskId"));
    if (parts == null || core.store().instance(parts[0]).isEmpty()) {
      throw new TaskException("no task " + taskId);
    }
    return core.with(parts[0], instance -> {
      if (knowWaits) {
        core.ensureWaits(instance);
      }
      StepRecord step = instance.history.step(parts[1]);
      if (step == null || step.kind() == null || !(step.kind().equals("task") || step.kind().equals("approval"))) {
        throw new TaskException("no task " + taskId);
      }
      if (step.completedBy() != null) {
        throw new TaskException("task " + taskId + " was already completed by " + step.completedBy());
      }
      if (!step.taskOpen()) {
        throw Choices.withdrawn(taskId, step);
      }
      Task task = snapshotOf(instance, parts[1]);
      if (!task.allows(principal)) {
        throw notAllowed(principal, task);
      }
      act.on(instance, step, task);
      return snapshotOf(instance, parts[1]);
    });
  }

  private Task snapshotOf(Instance instance, String stepId) {
    InstanceRow row = new InstanceRow(instance.id, instance.workflow(), instance.definition.version(), instance.state,
        Instant.EPOCH, null, null, instance.history.lastSequence());
    return taskOf(row, instance.history.step(stepId));
  }

  private TaskException notAllowed(Principal principal, Task task) {
    if (task.excludes(principal)) {
      return new TaskException(principal.name() + " may not act on task " + task.id() + ": the workflow excludes them"
          + " from step `" + task.step() + "` (separation of duties: `not by`)");
    }
    StringBuilder anyRole = new StringBuilder(roleTitles.apply(task.role()));
    for (String other : task.otherRoles()) {
      anyRole.append(" or ").append(roleTitles.apply(other));
    }
    String roles = anyRole
        + (task.escalationRole() == null ? "" : task.escalated()
            ? " or " + roleTitles.apply(task.escalationRole())
            : " (" + roleTitles.apply(task.escalationRole()) + " once it is overdue)");
    return new TaskException(principal.name() + " may not act on task " + task.id() + ": it needs the role " + roles);
  }

  /** {@code instanceId/stepId} split at the first slash (instance ids have none), or {@code null}. */
  private static String[] split(String taskId) {
    int slash = taskId.indexOf('/');
    return slash <= 0 || slash == taskId.length() - 1 ? null
        : new String[] {taskId.substring(0, slash), taskId.substring(slash + 1)};
  }
}
