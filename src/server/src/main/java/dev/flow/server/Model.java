package dev.flow.server;

import dev.flow.runtime.ApprovalStep;
import dev.flow.runtime.FlowModule;
import dev.flow.runtime.ProcessDefinition;
import dev.flow.runtime.ReceiveStep;
import dev.flow.runtime.RoleDefinition;
import dev.flow.runtime.Step;
import dev.flow.runtime.TaskStep;
import dev.flow.runtime.Trigger;
import dev.flow.runtime.WorkflowDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** What the server knows of the model: its workflows, processes, roles and events, by name. */
final class Model {
  private final Map<String, WorkflowDefinition<?, ?>> workflows = new TreeMap<>();
  private final Map<String, ProcessDefinition> processes = new TreeMap<>();
  private final Map<String, RoleDefinition> roles = new TreeMap<>();
  private final Map<String, Class<?>> events = new TreeMap<>();
  private final Map<String, Set<String>> workflowRoles = new TreeMap<>();

  Model(List<FlowModule> modules) {
    for (FlowModule module : modules) {
      for (WorkflowDefinition<?, ?> workflow : module.workflows()) {
        WorkflowDefinition<?, ?> known = workflows.get(workflow.name());
        if (known == null || known.version() < workflow.version()) {
          workflows.put(workflow.name(), workflow);
        }
      }
      module.processes().forEach(p -> processes.put(p.name(), p));
      module.roles().forEach(r -> roles.put(r.name(), r));
    }
    for (WorkflowDefinition<?, ?> workflow : workflows.values()) {
      Set<String> involved = new LinkedHashSet<>();
      addRole(involved, workflow.owner());
      addRole(involved, workflow.escalateTo());
      for (Step step : workflow.steps()) {
        if (step instanceof TaskStep<?> task) {
          addRole(involved, task.role());
          addRole(involved, task.escalateTo());
        } else if (step instanceof ApprovalStep approval) {
          addRole(involved, approval.role());
          addRole(involved, approval.escalateTo());
        } else if (step instanceof ReceiveStep<?> receive) {
          events.put(eventName(receive.event()), receive.event());
        }
      }
      for (Trigger<?> trigger : workflow.triggers()) {
        if (trigger instanceof Trigger.OnEvent<?, ?> on) {
          events.put(eventName(on.event()), on.event());
        }
      }
      workflowRoles.put(workflow.name(), Collections.unmodifiableSet(involved));
    }
  }

  private static void addRole(Set<String> roles, String role) {
    if (role != null) {
      roles.add(role);
    }
  }

  /** The Flow name of an event type: its package and simple name. */
  static String eventName(Class<?> type) {
    return type.getName().replace('$', '.');
  }

  Optional<WorkflowDefinition<?, ?>> workflow(String name) {
    WorkflowDefinition<?, ?> exact = workflows.get(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    List<WorkflowDefinition<?, ?>> matches = new ArrayList<>();
    for (WorkflowDefinition<?, ?> w : workflows.values()) {
      if (w.simpleName().equals(name)) {
        matches.add(w);
      }
    }
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }

  List<WorkflowDefinition<?, ?>> workflows() {
    return List.copyOf(workflows.values());
  }

  static boolean startsManually(WorkflowDefinition<?, ?> workflow) {
    return workflow.triggers().stream().anyMatch(t -> t instanceof Trigger.Manual<?>);
  }

  /** The roles that work in a workflow: its owner, the roles of its tasks and approvals, and their escalation roles. */
  Set<String> rolesOf(String workflow) {
    return workflowRoles.getOrDefault(workflow, Set.of());
  }

  Optional<ProcessDefinition> process(String name) {
    ProcessDefinition exact = processes.get(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    return processes.values().stream().filter(p -> Html.simple(p.name()).equals(name)).findFirst();
  }

  List<ProcessDefinition> processes() {
    return List.copyOf(processes.values());
  }

  Set<String> roleNames() {
    return roles.keySet();
  }

  String roleTitle(String role) {
    RoleDefinition definition = roles.get(role);
    return definition == null || definition.title() == null || definition.title().isBlank()
        ? Html.simple(role) : definition.title();
  }

  /** The events that start or wake workflows, by Flow name. */
  Map<String, Class<?>> events() {
    return Collections.unmodifiableMap(events);
  }

  Optional<Class<?>> event(String name) {
    Class<?> exact = events.get(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    List<Class<?>> matches = events.values().stream().filter(c -> c.getSimpleName().equals(name)).toList();
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }
}
