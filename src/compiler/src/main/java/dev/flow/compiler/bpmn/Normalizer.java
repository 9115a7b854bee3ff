package dev.flow.compiler.bpmn;

import dev.flow.compiler.bpmn.ProcessGraph.Flow;
import dev.flow.compiler.bpmn.ProcessGraph.Node;
import dev.flow.compiler.bpmn.ProcessGraph.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes a translated process well-formed BPMN, as bpmnlint's recommended rules read it: where
 * several flows meet at a task or an event, an exclusive gateway joins them first (a task never
 * joins); a gateway never both joins and forks; a gateway with one flow in and one out is left
 * out; and only flows that leave a deciding gateway keep their names.
 */
final class Normalizer {
  private Normalizer() {}

  static void normalize(ProcessGraph graph) {
    graph.nodes().forEach(n -> n.inner.ifPresent(Normalizer::normalize));
    removeUnreachable(graph);
    removeSuperfluousGateways(graph);
    for (Node node : graph.nodes()) {
      List<Flow> in = graph.incoming(node.id);
      boolean forks = graph.outgoing(node.id).size() > 1;
      if (in.size() > 1 && (!node.type.gateway() || forks)) {
        Node merge = graph.add(Type.EXCLUSIVE_GATEWAY, "");
        in.forEach(f -> f.target = merge.id);
        graph.flow(merge.id, node.id, "", Optional.empty());
      }
    }
    for (Flow f : graph.flows()) {
      Node source = graph.node(f.source);
      boolean decides = (source.type == Type.EXCLUSIVE_GATEWAY || source.type == Type.INCLUSIVE_GATEWAY)
          && graph.outgoing(source.id).size() > 1;
      if (!decides) {
        f.name = "";
        f.condition = Optional.empty();
        if (source.defaultFlow.equals(Optional.of(f.id))) {
          source.defaultFlow = Optional.empty();
        }
      }
    }
    if (mergeTwins(graph)) {
      removeSuperfluousGateways(graph);
    }
  }

  /**
   * The flows out of an exclusive gateway that go to the same node (the arms of a {@code match} with nothing drawn in
   * them, straight to the merge after it) become one flow, its name the arms' names together and its condition theirs
   * joined with {@code or} (each in parentheses): before, SalesPipeline's LeadIntake drew three flows over the top
   * between the same two gateways, 12 px apart, and a reader could not tell which name went with which. Not when they
   * are all the gateway's flows (its yes and no to one merge: the decision stays drawn), not the default flow, not out of an
   * inclusive gateway (there each true condition is a way of its own). Says whether any were merged.
   */
  private static boolean mergeTwins(ProcessGraph graph) {
    boolean merged = false;
    for (Node node : graph.nodes()) {
      List<Flow> out = graph.outgoing(node.id);
      if (node.type != Type.EXCLUSIVE_GATEWAY || out.size() < 3) {
        continue;
      }
      Map<String, List<Flow>> byTarget = new LinkedHashMap<>();
      for (Flow f : out) {
        if (!node.defaultFlow.equals(Optional.of(f.id)) && f.condition.isPresent()) {
          byTarget.computeIfAbsent(f.target, k -> new ArrayList<>()).add(f);
        }
      }
      for (List<Flow> twins : byTarget.values()) {
        if (twins.size() < 2 || twins.size() == out.size()) {
          continue;
        }
        Flow first = twins.get(0);
        first.name = String.join(", ", twins.stream().map(f -> f.name).toList());
        first.condition = Optional.of(String.join(" or ",
            twins.stream().map(f -> "(" + f.condition.orElseThrow() + ")").toList()));
        twins.subList(1, twins.size()).forEach(graph::removeFlow);
        merged = true;
      }
    }
    return merged;
  }

  /**
   * Statements after a {@code fail}, {@code complete} or {@code go to} that no {@code go to}
   * reaches (the checker warns about them) are not drawn: BPMN has no place for a step without a
   * way in.
   */
  private static void removeUnreachable(ProcessGraph graph) {
    Set<String> reached = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    graph.nodes().stream().filter(n -> n.type == Type.START_EVENT).forEach(n -> todo.add(n.id));
    while (!todo.isEmpty()) {
      String id = todo.poll();
      if (!reached.add(id)) {
        continue;
      }
      graph.outgoing(id).forEach(f -> todo.add(f.target));
      graph.nodes().stream().filter(n -> n.attachedTo.equals(Optional.of(id))).forEach(n -> todo.add(n.id));
      graph.associations().stream().filter(a -> a.source().equals(id)).forEach(a -> todo.add(a.target()));
    }
    for (Node n : graph.nodes()) {
      if (!reached.contains(n.id)) {
        graph.incoming(n.id).forEach(graph::removeFlow);
        graph.outgoing(n.id).forEach(graph::removeFlow);
        graph.remove(n.id);
      }
    }
    graph.removeAssociationsOf(reached);
  }

  /** Gateways with one flow in and one out: the flow in goes straight to where the flow out went. */
  private static void removeSuperfluousGateways(ProcessGraph graph) {
    for (Node node : graph.nodes()) {
      if (!node.type.gateway()) {
        continue;
      }
      List<Flow> in = graph.incoming(node.id);
      List<Flow> out = graph.outgoing(node.id);
      if (in.size() == 1 && out.size() == 1 && !out.get(0).target.equals(node.id)) {
        in.get(0).target = out.get(0).target;
        graph.removeFlow(out.get(0));
        graph.remove(node.id);
      } else if (out.isEmpty() && in.isEmpty()) {
        graph.remove(node.id);
      }
    }
  }
}
