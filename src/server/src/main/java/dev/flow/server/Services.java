package dev.flow.server;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.ManualClock;
import dev.flow.runtime.ProcessDefinition;
import dev.flow.runtime.Task;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.WorkflowInstance;
import dev.flow.runtime.api.FlowRuntime;
import dev.flow.runtime.store.InstanceQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What pages and API share: the runtime, the model, the users, and who may see and do what.
 *
 * <p>The rules: a person sees and acts on a task when they hold its role (or its escalation role
 * once escalated); sees a case when they hold a role that works in its workflow (its owner, the
 * roles of its tasks and their escalation roles); starts and cancels a workflow's cases when they
 * hold its owner role; sees a process when they hold its owner or a stakeholder role. An admin
 * sees every case and process, starts and cancels any, and publishes events; acting on a task
 * still needs its role.
 */
final class Services {
  private final FlowRuntime runtime;
  private final Model model;
  private final Users users;
  private final Clock clock;
  private final ManualClock manualClock;
  private final Map<String, String> diagrams;
  private final OperatorDesk operator;

  Services(FlowRuntime runtime, Model model, Users users, Clock clock, ManualClock manualClock, Map<String, String> diagrams,
      OperatorDesk operator) {
    this.operator = operator;
    this.runtime = runtime;
    this.model = model;
    this.users = users;
    this.clock = clock;
    this.manualClock = manualClock;
    this.diagrams = diagrams;
  }

  FlowRuntime runtime() {
    return runtime;
  }

  Model model() {
    return model;
  }

  Users users() {
    return users;
  }

  Instant now() {
    return clock.instant();
  }

  Optional<ManualClock> manualClock() {
    return Optional.ofNullable(manualClock);
  }

  Optional<String> diagram(String workflow) {
    return Optional.ofNullable(diagrams.get(workflow));
  }

  Optional<OperatorDesk> operator() {
    return Optional.ofNullable(operator);
  }

  /** Whether the user answers a system step of a workflow for the operator desk: its owner role, or admin. */
  boolean mayOperate(Users.User user, String workflow) {
    return user.admin() || model.workflow(workflow).map(w -> w.owner() != null && user.roles().contains(w.owner()))
        .orElse(false);
  }

  /** The operator calls the user may answer. */
  List<OperatorDesk.Call> operatorCalls(Users.User user) {
    return operator == null ? List.of() : operator.open().stream().filter(c -> mayOperate(user, c.workflow())).toList();
  }

  /** An operator call the user may answer, or 404 / 403. */
  OperatorDesk.Call operatorCall(Users.User user, String id) {
    OperatorDesk.Call call = (operator == null ? List.<OperatorDesk.Call>of() : operator.open()).stream()
        .filter(c -> c.id().equals(id)).findFirst().orElseThrow(() -> Refused.notFound("system step waiting as " + id));
    if (!mayOperate(user, call.workflow())) {
      throw Refused.forbidden("answer " + call.action() + ": only the owner of " + Html.simple(call.workflow())
          + " or an admin may");
    }
    return call;
  }

  // ---- incidents ---------------------------------------------------------------------------

  /** The open incidents the user may resolve (as for system steps: the workflow's owner role, or admin), oldest first. */
  List<dev.flow.runtime.Incident> incidents(Users.User user) {
    return runtime.incidents().stream().filter(i -> mayOperate(user, i.workflow())).toList();
  }

  /** The open incidents of one case (whoever may see the case sees them). */
  List<dev.flow.runtime.Incident> incidentsOf(String instanceId) {
    return runtime.incidents().stream().filter(i -> i.instanceId().equals(instanceId)).toList();
  }

  /** An open incident the user may resolve, or 404 / 403. */
  dev.flow.runtime.Incident incident(Users.User user, String id) {
    dev.flow.runtime.Incident incident = runtime.incidents().stream().filter(i -> i.id().equals(id)).findFirst()
        .orElseThrow(() -> Refused.notFound("open incident " + id));
    if (!mayOperate(user, incident.workflow())) {
      throw Refused.forbidden("retry or fail incident " + id + ": only the owner of " + Html.simple(incident.workflow())
          + " or an admin may");
    }
    return incident;
  }

  /** The user retries an incident (its step runs again with a fresh budget of retries); recorded with their name. */
  dev.flow.runtime.Incident retryIncident(Users.User user, String id) {
    dev.flow.runtime.Incident incident = incident(user, id);
    try {
      runtime.retryIncident(incident.id(), user.name());
    } catch (dev.flow.runtime.IncidentException e) {
      throw new Refused(409, e.getMessage());
    }
    return incident;
  }

  /** The user fails an incident (its step fails as if its retries had run out); recorded with their name and reason. */
  dev.flow.runtime.Incident failIncident(Users.User user, String id, String reason) {
    dev.flow.runtime.Incident incident = incident(user, id);
    try {
      runtime.failIncident(incident.id(), user.name(), reason == null ? "" : reason);
    } catch (dev.flow.runtime.IncidentException e) {
      throw new Refused(409, e.getMessage());
    }
    return incident;
  }

  // ---- tasks -------------------------------------------------------------------------------

  boolean maySee(Users.User user, Task task) {
    return task.allows(user.principal()) || user.name().equals(task.assignee()) || user.name().equals(task.completedBy());
  }

  /** A task the user may see, or 404 / 403. */
  Task task(Users.User user, String id) {
    Task task = runtime.inbox().task(id).orElseThrow(() -> Refused.notFound("task " + id));
    if (!maySee(user, task)) {
      throw Refused.forbidden("see task " + id + ": it is for " + model.roleTitle(task.role()));
    }
    return task;
  }

  /** The open tasks the user may act on: of their roles (unclaimed or claimed by them), oldest first. */
  List<Task> inbox(Users.User user) {
    return runtime.inbox().forPrincipal(user.principal());
  }

  boolean overdue(Task task) {
    return task.isOpen() && task.due().isPresent() && task.due().get().isBefore(now());
  }

  // ---- cases -------------------------------------------------------------------------------

  boolean maySee(Users.User user, String workflow) {
    return user.admin() || model.rolesOf(workflow).stream().anyMatch(r -> user.roles().contains(r));
  }

  /** Whether the user may start and cancel the workflow's cases: its owner role, or admin. */
  boolean mayRun(Users.User user, WorkflowDefinition<?, ?> workflow) {
    return user.admin() || workflow.owner() != null && user.roles().contains(workflow.owner());
  }

  /** A case the user may see, or 404 / 403. */
  WorkflowInstance instance(Users.User user, String id) {
    WorkflowInstance instance;
    try {
      instance = runtime.instance(id);
    } catch (IllegalArgumentException e) {
      throw Refused.notFound("case " + id);
    }
    if (!maySee(user, instance.workflow())) {
      throw Refused.forbidden("see case " + id + ": you hold no role of " + Html.simple(instance.workflow()));
    }
    return instance;
  }

  /** Filters of the cases list; {@code null} means any. */
  record CaseFilter(String workflow, InstanceState state, String waitingOn, boolean overdue) {}

  List<WorkflowInstance> cases(Users.User user, CaseFilter filter, int limit) {
    List<WorkflowInstance> out = new ArrayList<>();
    InstanceQuery query = InstanceQuery.newest(Math.max(limit * 4, 200));
    for (WorkflowInstance instance : runtime.instances(query)) {
      if (out.size() >= limit) {
        break;
      }
      if (!maySee(user, instance.workflow())) {
        continue;
      }
      if (filter.workflow() != null && !instance.workflow().equals(filter.workflow())
          && !Html.simple(instance.workflow()).equals(filter.workflow())) {
        continue;
      }
      if (filter.state() != null && instance.state() != filter.state()) {
        continue;
      }
      if (filter.waitingOn() != null && !waitsOn(instance, filter.waitingOn())) {
        continue;
      }
      if (filter.overdue() && instance.waits().stream().noneMatch(w -> isPeople(w) && w.due().isPresent()
          && w.due().get().isBefore(now()))) {
        continue;
      }
      out.add(instance);
    }
    return out;
  }

  /** Whether a case waits on a role, a kind of wait, or a person (a task they have taken). */
  private boolean waitsOn(WorkflowInstance instance, String who) {
    if (instance.waits().stream().anyMatch(w -> waitsOn(w, who))) {
      return true;
    }
    return users.user(who).isPresent() && instance.waits().stream().anyMatch(Services::isPeople)
        && runtime.inbox().forInstance(instance.id()).stream().anyMatch(t -> who.equals(t.assignee()));
  }

  static boolean isPeople(WorkflowInstance.Wait wait) {
    return wait.kind().equals("task") || wait.kind().equals("approval");
  }

  /** Whether a wait is on a role (by simple or qualified name) or a person. */
  private boolean waitsOn(WorkflowInstance.Wait wait, String who) {
    if (!isPeople(wait)) {
      return wait.kind().equals(who);
    }
    String detail = wait.detail();
    return detail != null && (detail.equals(who) || Html.simple(detail).equals(who)
        || detail.contains(who));
  }

  // ---- processes ---------------------------------------------------------------------------

  boolean maySee(Users.User user, ProcessDefinition process) {
    return user.admin() || process.owner() != null && user.roles().contains(process.owner())
        || process.stakeholders().stream().anyMatch(r -> user.roles().contains(r));
  }

  ProcessDefinition process(Users.User user, String name) {
    ProcessDefinition process = model.process(name).orElseThrow(() -> Refused.notFound("process " + name));
    if (!maySee(user, process)) {
      throw Refused.forbidden("see process " + Html.simple(process.name()) + ": you are not its owner or a stakeholder");
    }
    return process;
  }
}
