package dev.flow.compiler.bpmn;

import dev.flow.compiler.bpmn.ProcessGraph.Flow;
import dev.flow.compiler.bpmn.ProcessGraph.Node;
import dev.flow.compiler.bpmn.ProcessGraph.Type;
import java.util.List;
import java.util.Optional;

/**
 * Makes a translated process well-formed BPMN, as bpmnlint's recommended rules read it: where
 * several flows meet at a task or an event, an exclusive gateway joins them first (a task never
 * joins); a gateway never both joins and forks; a gateway with one flow in and one out is left
 * out; and only flows that leave a deciding gateway keep their names.
 */
final class Normalizer {
  private Normalizer() {}

  static void normalize(ProcessGraph graph) {
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
  }

  /** Gateways with one flow in and one out: the flow in goes straight to where the flow out went. */
  private static void removeSuperfluousGateways(ProcessGraph graph) {
    boolean changed = true;
    while (changed) {
      changed = false;
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
          changed = true;
        } else if (out.isEmpty() && in.isEmpty()) {
          graph.remove(node.id);
          changed = true;
        }
      }
    }
  }
}
