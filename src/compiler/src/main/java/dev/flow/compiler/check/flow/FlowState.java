package dev.flow.compiler.check.flow;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What is certain at one point of a workflow (LANGUAGE.md §7 rule 4): the steps that have run
 * and the outputs that have been assigned on every path to it. {@link #UNREACHABLE} is the state
 * of a point no path reaches; it is the neutral element of {@link #meet}.
 */
final class FlowState {
  static final FlowState UNREACHABLE = new FlowState(null, null, null);

  /**
   * The numbers of the names one analysis has seen, so that a state is two bit sets: adding a
   * step copies a few words, not a set of names, and {@code n} sequential steps cost O(n) work
   * (a bit set of {@code n} bits is {@code n / 64} words) rather than O(n²) hashing.
   */
  private static final class Names {
    private final Map<String, Integer> steps = new HashMap<>();
    private final Map<String, Integer> outputs = new HashMap<>();

    int step(String name) {
      return steps.computeIfAbsent(name, n -> steps.size());
    }

    int output(String name) {
      return outputs.computeIfAbsent(name, n -> outputs.size());
    }

    Integer stepIfKnown(String name) {
      return steps.get(name);
    }

    Integer outputIfKnown(String name) {
      return outputs.get(name);
    }
  }

  private final Names names;
  private final BitSet steps;
  private final BitSet outputs;

  private FlowState(Names names, BitSet steps, BitSet outputs) {
    this.names = names;
    this.steps = steps;
    this.outputs = outputs;
  }

  /** The state where a workflow starts, for one analysis: nothing has run. */
  static FlowState start() {
    return new FlowState(new Names(), new BitSet(), new BitSet());
  }

  boolean isReachable() {
    return steps != null;
  }

  /** Whether the step of that name has run on every path here (true where nothing reaches). */
  boolean hasRun(String step) {
    if (!isReachable()) {
      return true;
    }
    Integer i = names.stepIfKnown(step);
    return i != null && steps.get(i);
  }

  /** Whether the output of that name is assigned on every path here (true where nothing reaches). */
  boolean isAssigned(String output) {
    if (!isReachable()) {
      return true;
    }
    Integer i = names.outputIfKnown(output);
    return i != null && outputs.get(i);
  }

  FlowState withStep(String step) {
    if (!isReachable() || hasRun(step)) {
      return this;
    }
    BitSet s = (BitSet) steps.clone();
    s.set(names.step(step));
    return new FlowState(names, s, outputs);
  }

  FlowState withOutput(String output) {
    if (!isReachable() || isAssigned(output)) {
      return this;
    }
    BitSet o = (BitSet) outputs.clone();
    o.set(names.output(output));
    return new FlowState(names, steps, o);
  }

  /** Where two paths meet: what is certain on both. */
  FlowState meet(FlowState other) {
    if (!isReachable()) {
      return other;
    }
    if (!other.isReachable() || other == this) {
      return this;
    }
    BitSet s = (BitSet) steps.clone();
    s.and(other.steps);
    BitSet o = (BitSet) outputs.clone();
    o.and(other.outputs);
    return new FlowState(names, s, o);
  }

  /**
   * Where work that runs at the same time joins (the branches of a {@code parallel} that always
   * run): what is certain after either, and nothing reaches the join when one never finishes.
   */
  FlowState join(FlowState other) {
    if (!isReachable() || !other.isReachable()) {
      return UNREACHABLE;
    }
    BitSet s = (BitSet) steps.clone();
    s.or(other.steps);
    BitSet o = (BitSet) outputs.clone();
    o.or(other.outputs);
    return new FlowState(names, s, o);
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
