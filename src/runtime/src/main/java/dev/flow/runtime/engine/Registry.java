package dev.flow.runtime.engine;

import dev.flow.runtime.ReceiveStep;
import dev.flow.runtime.Step;
import dev.flow.runtime.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The workflow versions an engine runs, and what it precomputes from them: for each event type,
 * the field sets its {@code receive}s correlate on.
 */
public final class Registry {
  private final Map<String, TreeMap<Integer, WorkflowDefinition<?, ?>>> workflows;
  private final Map<String, List<ReceiveStep<?>>> receives = new java.util.concurrent.ConcurrentHashMap<>();

  /** {@link #newest()}, made once (the versions are fixed when the engine is built). */
  private final List<WorkflowDefinition<?, ?>> newest;
  /** Per workflow, the {@code start after} triggers of the newest versions that it ends into: most have none. */
  private final Map<String, List<Map.Entry<WorkflowDefinition<?, ?>, dev.flow.runtime.Trigger.After<?, ?>>>> after =
      new java.util.HashMap<>();

  /** @param workflows every version of every workflow, by name (copied: later changes to it do not count) */
  public Registry(Map<String, TreeMap<Integer, WorkflowDefinition<?, ?>>> workflows) {
    Map<String, TreeMap<Integer, WorkflowDefinition<?, ?>>> copy = new java.util.LinkedHashMap<>();
    workflows.forEach((name, versions) -> copy.put(name, new TreeMap<>(versions)));
    this.workflows = copy;
    List<WorkflowDefinition<?, ?>> latest = new ArrayList<>();
    for (TreeMap<Integer, WorkflowDefinition<?, ?>> versions : copy.values()) {
      latest.add(versions.lastEntry().getValue());
    }
    this.newest = java.util.Collections.unmodifiableList(latest);
    for (WorkflowDefinition<?, ?> successor : latest) {
      for (dev.flow.runtime.Trigger<?> trigger : successor.triggers()) {
        if (trigger instanceof dev.flow.runtime.Trigger.After<?, ?> started) {
          after.computeIfAbsent(started.workflow(), k -> new ArrayList<>()).add(Map.entry(successor, started));
        }
      }
    }
    for (TreeMap<Integer, WorkflowDefinition<?, ?>> versions : workflows.values()) {
      for (WorkflowDefinition<?, ?> definition : versions.values()) {
        for (Step step : definition.steps()) {
          if (step instanceof ReceiveStep<?> receive) {
            learn(receive);
          }
        }
      }
    }
  }

  /** Remembers the fields a receive correlates on, so events of its type offer their keys for them. */
  public void learn(ReceiveStep<?> receive) {
    List<String> fields = receive.correlation().stream().map(ReceiveStep.Correlation::field).toList();
    List<ReceiveStep<?>> known = receives.computeIfAbsent(receive.event().getName(),
        k -> new java.util.concurrent.CopyOnWriteArrayList<>());
    for (ReceiveStep<?> step : known) {
      if (step.correlation().stream().map(ReceiveStep.Correlation::field).toList().equals(fields)) {
        return;
      }
    }
    known.add(receive);
  }

  /** A registered version. */
  public Optional<WorkflowDefinition<?, ?>> definition(String name, int version) {
    return Optional.ofNullable(registered(name, version));
  }

  /** A registered version of a workflow, or {@code null}: {@link #definition} without an {@code Optional} (a start's path). */
  public WorkflowDefinition<?, ?> registered(String name, int version) {
    TreeMap<Integer, WorkflowDefinition<?, ?>> versions = workflows.get(name);
    return versions == null ? null : versions.get(version);
  }

  /**
   * The newest registered version of a workflow.
   *
   * @throws IllegalArgumentException when none is registered
   */
  public WorkflowDefinition<?, ?> latest(String name) {
    TreeMap<Integer, WorkflowDefinition<?, ?>> versions = workflows.get(name);
    if (versions == null) {
      throw new IllegalArgumentException("workflow " + name + " is not registered with this engine: add its module with "
          + "Engine.builder().module(…)");
    }
    return versions.lastEntry().getValue();
  }

  /** The newest version of every registered workflow: the ones triggers start. */
  public List<WorkflowDefinition<?, ?>> newest() {
    return newest;
  }

  /** The newest versions that {@code start after} the workflow, each with its trigger, in registration order. */
  List<Map.Entry<WorkflowDefinition<?, ?>, dev.flow.runtime.Trigger.After<?, ?>>> startedAfter(String workflow) {
    return after.getOrDefault(workflow, List.of());
  }

  /** Every registered version of every workflow. */
  public List<WorkflowDefinition<?, ?>> newestAndOlder() {
    List<WorkflowDefinition<?, ?>> all = new ArrayList<>();
    for (TreeMap<Integer, WorkflowDefinition<?, ?>> versions : workflows.values()) {
      all.addAll(versions.values());
    }
    return all;
  }

  /** The correlation keys an event offers: one key list per field set some receive of its type uses. */
  public List<List<String>> keysOf(Object event) {
    List<ReceiveStep<?>> steps = receives.getOrDefault(event.getClass().getName(), List.of());
    List<List<String>> keys = new ArrayList<>(steps.size());
    for (ReceiveStep<?> step : steps) {
      try {
        keys.add(step.keysOf(event));
      } catch (RuntimeException e) {
        // A field that cannot be read (a missing optional) offers no key for that field set.
      }
    }
    return keys;
  }
}
