package dev.flow.temporal;

import dev.flow.runtime.FlowModule;
import dev.flow.runtime.RoleDefinition;
import dev.flow.runtime.WorkflowDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The workflows (every registered version) and roles a worker and a client know, from generated modules. */
public final class Catalog {
  private final Map<String, TreeMap<Integer, WorkflowDefinition<?, ?>>> workflows = new LinkedHashMap<>();
  private final Map<String, String> roleTitles = new LinkedHashMap<>();

  /** Adds every workflow and role of a generated module ({@code OnboardingModule.INSTANCE}). */
  public Catalog module(FlowModule module) {
    for (WorkflowDefinition<?, ?> definition : module.workflows()) {
      workflow(definition);
    }
    for (RoleDefinition role : module.roles()) {
      roleTitles.put(role.name(), role.title());
    }
    return this;
  }

  /** Adds one workflow version. */
  public Catalog workflow(WorkflowDefinition<?, ?> definition) {
    TreeMap<Integer, WorkflowDefinition<?, ?>> versions = workflows.computeIfAbsent(definition.name(), k -> new TreeMap<>());
    if (versions.containsKey(definition.version())) {
      throw new IllegalArgumentException("workflow " + definition + " is registered twice");
    }
    versions.put(definition.version(), definition);
    return this;
  }

  /** Whether a workflow of this qualified name is registered (in any version). */
  public boolean knows(String name) {
    return workflows.containsKey(name);
  }

  /** A registered version. */
  public Optional<WorkflowDefinition<?, ?>> definition(String name, int version) {
    TreeMap<Integer, WorkflowDefinition<?, ?>> versions = workflows.get(name);
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
  }

  /**
   * The newest version of a workflow, by qualified name (or by simple name when that is unique).
   *
   * @throws IllegalArgumentException when there is none
   */
  public WorkflowDefinition<?, ?> latest(String name) {
    TreeMap<Integer, WorkflowDefinition<?, ?>> versions = workflows.get(name);
    if (versions == null) {
      List<String> matches = new ArrayList<>();
      for (String qualified : workflows.keySet()) {
        if (qualified.substring(qualified.lastIndexOf('.') + 1).equals(name)) {
          matches.add(qualified);
        }
      }
      if (matches.size() == 1) {
        versions = workflows.get(matches.get(0));
      }
    }
    if (versions == null) {
      throw new IllegalArgumentException("no workflow " + name + " is registered (registered: "
          + String.join(", ", workflows.keySet()) + ")");
    }
    return versions.lastEntry().getValue();
  }

  /** The newest version of every workflow. */
  public List<WorkflowDefinition<?, ?>> newest() {
    List<WorkflowDefinition<?, ?>> newest = new ArrayList<>();
    for (TreeMap<Integer, WorkflowDefinition<?, ?>> versions : workflows.values()) {
      newest.add(versions.lastEntry().getValue());
    }
    return newest;
  }

  /** Every registered version of every workflow. */
  public List<WorkflowDefinition<?, ?>> all() {
    List<WorkflowDefinition<?, ?>> all = new ArrayList<>();
    for (TreeMap<Integer, WorkflowDefinition<?, ?>> versions : workflows.values()) {
      all.addAll(versions.values());
    }
    return all;
  }

  /** A role's title as the inbox words it (its qualified name when it is not registered here). */
  public String roleTitle(String role) {
    return roleTitles.getOrDefault(role, role);
  }
}
