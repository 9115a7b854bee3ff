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

  public Registry(Map<String, TreeMap<Integer, WorkflowDefinition<?, ?>>> workflows) {
    this.workflows = workflows;
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
    TreeMap<Integer, WorkflowDefinition<?, ?>> versions = workflows.get(name);
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
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
    List<WorkflowDefinition<?, ?>> newest = new ArrayList<>();
    for (TreeMap<Integer, WorkflowDefinition<?, ?>> versions : workflows.values()) {
      newest.add(versions.lastEntry().getValue());
    }
    return newest;
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
