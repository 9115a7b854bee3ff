package dev.flow.compiler.diagram;

import dev.flow.compiler.ast.Decl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A workflow's own flowchart marked with what really happened: each step labelled with a note
 * (its median wait, say) and coloured by its heat, and each edge labelled with how many times cases
 * went along it. A transition from one completed step to the next is counted on every edge of the
 * shortest way between the two steps that passes no other step (through decisions, loops and
 * joins); one the flowchart has no way for but the model allows (two steps of parallel branches,
 * one after the other) is not drawn; one the model does not allow is drawn as a red dotted edge
 * of its own.
 */
public final class HeatMap {
  /** Where a case begins, as the {@code from} of a transition. */
  public static final String START = "(start)";
  /** Where a completed case ends, as the {@code to} of a transition. */
  public static final String END = "(end)";

  /**
   * What the log says about one step.
   *
   * @param note a line added to the step's label, or empty
   * @param heat from 0 (pale yellow) to 1 (red); negative for the step's usual colour
   */
  public record Step(String note, double heat) {}

  /**
   * How many times cases went from one step ({@link #START} for the case's beginning) straight to
   * the next completed one ({@link #END} for its completion).
   *
   * @param inModel whether the model allows it (a transition it does not allow is a deviation)
   */
  public record Transition(String from, String to, int times, boolean inModel) {}

  private HeatMap() {}

  /** The heat map of a workflow as Mermaid text. */
  public static String mermaid(ModelIndex index, Decl.WorkflowDecl workflow, Map<String, Step> steps,
      List<Transition> transitions) {
    Graph model = WorkflowDiagram.flat(index, workflow);
    Map<String, List<Graph.Edge>> out = new HashMap<>();
    List<String> ends = new ArrayList<>();
    for (Graph.Edge e : model.edges()) {
      if (e.style() != Graph.EdgeStyle.INVISIBLE) {
        out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
      }
    }
    Map<String, Graph.Node> nodes = new LinkedHashMap<>();
    for (Graph.Node n : model.nodes()) {
      nodes.put(n.id(), n);
      if (n.kind() == NodeKind.COMPLETE) {
        ends.add(n.id());
      }
    }
    Map<Graph.Edge, Integer> counts = new HashMap<>();
    List<Graph.Edge> deviations = new ArrayList<>();
    for (Transition t : transitions) {
      Optional<String> from = t.from().equals(START) ? Optional.of("n0_start") : stepNode(nodes, t.from());
      List<String> to = t.to().equals(END) ? ends : stepNode(nodes, t.to()).map(List::of).orElse(List.of());
      if (from.isEmpty() || to.isEmpty()) {
        continue;
      }
      List<Graph.Edge> way = way(from.get(), Set.copyOf(to), out, nodes);
      if (!way.isEmpty()) {
        way.forEach(e -> counts.merge(e, t.times(), Integer::sum));
      } else if (!t.inModel()) {
        deviations.add(new Graph.Edge(from.get(), to.get(0), Optional.of(times(t.times()) + ", not in the model"),
            Graph.EdgeStyle.DOTTED, Graph.EdgeKind.FAILURE));
      }
    }
    Graph marked = new Graph(model.direction(), model.title());
    model.regions().forEach(marked::add);
    for (Graph.Node n : model.nodes()) {
      Step step = n.id().startsWith("s_") ? steps.get(n.id().substring(2)) : null;
      if (step == null) {
        marked.add(n);
        continue;
      }
      marked.add(new Graph.Node(n.id(), n.kind(), step.note().isEmpty() ? n.label() : n.label().line(step.note()),
          n.region(), n.lane()));
      if (step.heat() >= 0) {
        marked.style(n.id(), "fill:" + colour(Math.min(1, step.heat())) + ",color:#000");
      }
    }
    for (Graph.Edge e : model.edges()) {
      Integer count = counts.get(e);
      String label = e.label().orElse("");
      if (count != null) {
        label = label.isEmpty() ? times(count) : label + ": " + times(count);
      }
      marked.edge(e.from(), e.to(), label, e.style(), e.kind());
    }
    deviations.forEach(e -> marked.edge(e.from(), e.to(), e.label().orElse(""), e.style(), e.kind()));
    return FlowchartRenderer.render(marked, false);
  }

  private static Optional<String> stepNode(Map<String, Graph.Node> nodes, String step) {
    return nodes.containsKey("s_" + step) ? Optional.of("s_" + step) : Optional.empty();
  }

  /** The shortest way from a node to one of the targets through nodes that are not steps. */
  private static List<Graph.Edge> way(String from, Set<String> targets, Map<String, List<Graph.Edge>> out,
      Map<String, Graph.Node> nodes) {
    Map<String, Graph.Edge> reachedBy = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(from));
    reachedBy.put(from, null);
    while (!queue.isEmpty()) {
      String at = queue.removeFirst();
      for (Graph.Edge e : out.getOrDefault(at, List.of())) {
        if (reachedBy.containsKey(e.to())) {
          continue;
        }
        reachedBy.put(e.to(), e);
        if (targets.contains(e.to())) {
          List<Graph.Edge> way = new ArrayList<>();
          for (Graph.Edge step = e; step != null; step = reachedBy.get(step.from())) {
            way.add(0, step);
          }
          return way;
        }
        Graph.Node node = nodes.get(e.to());
        boolean passable = node != null && !e.to().startsWith("s_") && node.kind() != NodeKind.COMPLETE
            && node.kind() != NodeKind.FAIL && node.kind() != NodeKind.CANCEL;
        if (passable) {
          queue.addLast(e.to());
        }
      }
    }
    return List.of();
  }

  private static String times(int times) {
    return times + "×";
  }

  /** From pale yellow (no heat) to red (the most). */
  private static String colour(double heat) {
    int green = (int) Math.round(0xF5 - heat * (0xF5 - 0x6B));
    int blue = (int) Math.round(0xC4 - heat * (0xC4 - 0x6B));
    return String.format(Locale.ROOT, "#ff%02x%02x", green, blue);
  }
}
