package dev.flow.compiler.check.flow;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What is certain at one point of a workflow (LANGUAGE.md §7 rule 4): the steps that have run
 * and the outputs that have been assigned on every path to it. {@link #UNREACHABLE} is the state
 * of a point no path reaches; it is the neutral element of {@link #meet}.
 */
final class FlowState {
  static final FlowState UNREACHABLE = new FlowState(null, null);
  static final FlowState START = new FlowState(Set.of(), Set.of());

  private final Set<String> steps;
  private final Set<String> outputs;

  private FlowState(Set<String> steps, Set<String> outputs) {
    this.steps = steps;
    this.outputs = outputs;
  }

  boolean isReachable() {
    return steps != null;
  }

  /** Whether the step of that name has run on every path here (true where nothing reaches). */
  boolean hasRun(String step) {
    return !isReachable() || steps.contains(step);
  }

  /** Whether the output of that name is assigned on every path here (true where nothing reaches). */
  boolean isAssigned(String output) {
    return !isReachable() || outputs.contains(output);
  }

  FlowState withStep(String step) {
    if (!isReachable() || steps.contains(step)) {
      return this;
    }
    Set<String> s = new HashSet<>(steps);
    s.add(step);
    return new FlowState(Set.copyOf(s), outputs);
  }

  FlowState withOutput(String output) {
    if (!isReachable() || outputs.contains(output)) {
      return this;
    }
    Set<String> o = new HashSet<>(outputs);
    o.add(output);
    return new FlowState(steps, Set.copyOf(o));
  }

  /** Where two paths meet: what is certain on both. */
  FlowState meet(FlowState other) {
    if (!isReachable()) {
      return other;
    }
    if (!other.isReachable()) {
      return this;
    }
    Set<String> s = new HashSet<>(steps);
    s.retainAll(other.steps);
    Set<String> o = new HashSet<>(outputs);
    o.retainAll(other.outputs);
    return new FlowState(Set.copyOf(s), Set.copyOf(o));
  }

  /**
   * Where work that runs at the same time joins (the branches of a {@code parallel} that always
   * run): what is certain after either, and nothing reaches the join when one never finishes.
   */
  FlowState join(FlowState other) {
    if (!isReachable() || !other.isReachable()) {
      return UNREACHABLE;
    }
    Set<String> s = new HashSet<>(steps);
    s.addAll(other.steps);
    Set<String> o = new HashSet<>(outputs);
    o.addAll(other.outputs);
    return new FlowState(Set.copyOf(s), Set.copyOf(o));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlowState f && Objects.equals(steps, f.steps) && Objects.equals(outputs, f.outputs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(steps, outputs);
  }

  @Override
  public String toString() {
    return isReachable() ? "ran " + steps + ", assigned " + outputs : "unreachable";
  }
}
