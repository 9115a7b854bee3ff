package dev.flow.temporal;

import dev.flow.runtime.ApprovalStep;
import dev.flow.runtime.Form;
import dev.flow.runtime.FormException;
import dev.flow.runtime.FormField;
import dev.flow.runtime.Principal;
import dev.flow.runtime.Step;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import dev.flow.runtime.TaskInbox;
import dev.flow.runtime.TaskStep;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.engine.Views;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.replay.History;
import dev.flow.runtime.replay.StepRecord;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The inbox on Temporal: tasks are read from the instances' Flow histories, and every act is an
 * update of the task's instance, checked by the instance itself (its validator refuses an act
 * without a trace in the history). Temporal runs one update of an instance at a time, so of two
 * completions of one task, from any number of processes, exactly one wins and the other is told
 * who won.
 */
final class TemporalDesk implements TaskInbox.Desk {
  private final TemporalFlowRuntime runtime;

  TemporalDesk(TemporalFlowRuntime runtime) {
    this.runtime = runtime;
  }

  // ---- reading -----------------------------------------------------------------------------

  @Override
  public List<Task> open() {
    return openTasks(FlowSearchAttributes.ANY_TASK);
  }

  /** The open tasks of the instances whose {@code FlowTaskRoles} holds {@code role} (found through visibility). */
  private List<Task> openTasks(String role) {
    List<Task> tasks = new ArrayList<>();
    for (String id : runtime.visibility().openWhere(FlowSearchAttributes.TASK_ROLES, List.of(role))) {
      try {
        tasks.addAll(tasksOf(id, true));
      } catch (IllegalArgumentException gone) {
        // It ended and was removed meanwhile.
      }
    }
    tasks.sort(Comparator.comparing(Task::created));
    return tasks;
  }

  @Override
  public List<Task> all() {
    List<Task> tasks = new ArrayList<>();
    // Only the instances that had a task (their FlowMarks say so), not every instance.
    for (String id : runtime.oldestFirst(FlowSearchAttributes.TASK)) {
      try {
        tasks.addAll(tasksOf(id, false));
      } catch (IllegalArgumentException gone) {
        // Removed meanwhile.
      }
    }
    tasks.sort(Comparator.comparing(Task::created));
    return tasks;
  }

  @Override
  public List<Task> forRole(String role) {
    Objects.requireNonNull(role, "role");
    return openTasks(role).stream().filter(t -> t.roles().contains(role) || (t.escalated() && role.equals(t.escalationRole())))
        .toList();
  }

  @Override
  public List<Task> forInstance(String instanceId) {
    try {
      return tasksOf(Objects.requireNonNull(instanceId, "instanceId"), true);
    } catch (IllegalArgumentException none) {
      return List.of();
    }
  }

  @Override
  public Optional<Task> task(String taskId) {
    String[] parts = split(taskId);
    if (parts == null) {
      return Optional.empty();
    }
    try {
      return tasksOf(parts[0], false).stream().filter(t -> t.id().equals(taskId)).findFirst();
    } catch (IllegalArgumentException none) {
      return Optional.empty();
    }
  }

  private List<Task> tasksOf(String instanceId, boolean onlyOpen) {
    List<Recorded> entries = runtime.history(instanceId);
    History history = History.of(entries);
    WorkflowDefinition<?, ?> definition = runtime.catalog().definition(history.started().workflow(),
        history.started().version()).orElse(null);
    List<Task> tasks = new ArrayList<>();
    for (Recorded recorded : entries) {
      if (recorded.entry() instanceof HistoryEntry.TaskCreated created) {
        StepRecord step = history.step(created.stepId());
        if (!onlyOpen || step.taskOpen()) {
          Step descriptor = definition == null ? null : definition.step(Views.stepName(created.stepId())).orElse(null);
          tasks.add(taskOf(instanceId, history.started().workflow(), history, step, descriptor));
        }
      }
    }
    return tasks;
  }

  /** A task as its step's record tells it (as the embedded engine's inbox shows it). */
  static Task taskOf(String instanceId, String workflow, History history, StepRecord step, Step descriptor) {
    Recorded recorded = step.taskCreatedEntry();
    HistoryEntry.TaskCreated created = (HistoryEntry.TaskCreated) recorded.entry();
    Task.Status status = step.taskOpen() ? Task.Status.OPEN
        : step.completedBy() != null ? Task.Status.COMPLETED : Task.Status.WITHDRAWN;
    String assignee = status == Task.Status.COMPLETED ? step.completedBy() : step.assignee();
    List<FormField> fields = descriptor == null ? List.of() : form(descriptor).fields();
    return new Task(instanceId + "/" + created.stepId(), instanceId, workflow, created.step(), created.kind(),
        created.role(), created.escalateTo(), step.breached(), descriptor == null ? "" : descriptor.doc(), fields,
        recorded.at(), Optional.ofNullable(created.due()), assignee, status, step.completedBy(), created.otherRoles(),
        created.excluded());
  }

  /** The form a task step asks for. */
  static Form<?> form(Step step) {
    if (step instanceof TaskStep<?> task) {
      return task.form();
    }
    if (step instanceof ApprovalStep) {
      return ApprovalStep.FORM;
    }
    return Form.NONE;
  }

  // ---- acting ------------------------------------------------------------------------------

  @Override
  public Task claim(String taskId, Principal principal) {
    return act(taskId, principal, "claim", null, null);
  }

  @Override
  public Task release(String taskId, Principal principal) {
    return act(taskId, principal, "release", null, null);
  }

  @Override
  public Task reassign(String taskId, Principal by, Principal to) {
    Objects.requireNonNull(to, "the principal to reassign to");
    return act(taskId, by, "reassign", to, null);
  }

  @Override
  public void complete(String taskId, Principal principal, Map<String, ?> form) {
    Objects.requireNonNull(form, "form");
    act(taskId, principal, "complete", null, runtime.codec().toJson(Payload.of(form)));
  }

  private Task act(String taskId, Principal principal, String kind, Principal to, String form) {
    if (principal == null) {
      throw new TaskException("nobody may act on task " + taskId + " without saying who they are (the principal is null)");
    }
    String[] parts = split(Objects.requireNonNull(taskId, "taskId"));
    if (parts == null) {
      throw new TaskException("no task " + taskId);
    }
    Messages.TaskAct act = new Messages.TaskAct(kind, parts[1], principal.name(), List.copyOf(principal.roles()),
        to == null ? null : to.name(), to == null ? List.of() : List.copyOf(to.roles()), form);
    try {
      runtime.client().newWorkflowStub(FlowWorkflow.class, parts[0]).act(act);
    } catch (WorkflowNotFoundException e) {
      throw ended(taskId, parts);
    } catch (WorkflowUpdateException refused) {
      throw refusal(taskId, refused);
    }
    if (kind.equals("complete")) {
      return null; // done: the instance may have ended with it, and then its tasks are no longer listed
    }
    return task(taskId).orElseThrow(() -> new TaskException("no task " + taskId));
  }

  /**
   * Why a task of an instance that has ended (or never was) cannot be acted on, in the embedded
   * engine's words: the one who completed it, read from the instance's history, when it was
   * completed (the other of two people completing it at once meets this once the instance ended).
   */
  private TaskException ended(String taskId, String[] parts) {
    try {
      for (dev.flow.runtime.history.Recorded recorded : runtime.history(parts[0])) {
        if (recorded.entry() instanceof dev.flow.runtime.history.HistoryEntry.TaskCompleted done
            && done.stepId().equals(parts[1])) {
          return new TaskException("task " + taskId + " was already completed by " + done.by());
        }
      }
    } catch (RuntimeException unknown) {
      // no such instance: no such task
    }
    return new TaskException("no task " + taskId);
  }

  /** The refusal an instance gave, as the exception the embedded engine's inbox throws. */
  private static TaskException refusal(String taskId, WorkflowUpdateException refused) {
    Throwable cause = refused.getCause();
    while (cause != null && !(cause instanceof ApplicationFailure)) {
      cause = cause.getCause();
    }
    if (cause instanceof ApplicationFailure failure) {
      String message = failure.getOriginalMessage();
      String rejected = "the form was rejected: ";
      if (FormException.class.getName().equals(failure.getType()) || message.startsWith(rejected)) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < failure.getDetails().getSize(); i++) {
          problems.add(failure.getDetails().get(i, String.class));
        }
        if (problems.isEmpty()) {
          problems.addAll(List.of(message.substring(Math.min(message.length(), rejected.length())).split("; ")));
        }
        return new FormException(problems);
      }
      return new TaskException(message);
    }
    return new TaskException("task " + taskId + " was not changed: its instance has ended");
  }

  /** {@code instanceId/stepId} split at the first slash (instance ids have none), or {@code null}. */
  private static String[] split(String taskId) {
    int slash = taskId.indexOf('/');
    return slash <= 0 || slash == taskId.length() - 1 ? null
        : new String[] {taskId.substring(0, slash), taskId.substring(slash + 1)};
  }
}
