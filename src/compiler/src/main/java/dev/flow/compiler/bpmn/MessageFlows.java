package dev.flow.compiler.bpmn;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.bpmn.Layout.Bounds;
import dev.flow.compiler.bpmn.Layout.Point;
import dev.flow.compiler.bpmn.ProcessGraph.Definition;
import dev.flow.compiler.bpmn.ProcessGraph.HandoffKind;
import dev.flow.compiler.bpmn.ProcessGraph.Node;
import dev.flow.compiler.bpmn.ProcessGraph.Type;
import dev.flow.compiler.diagram.ModelIndex;
import dev.flow.compiler.diagram.Statements;
import dev.flow.compiler.diagram.Words;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The message flows between the pools of one file: where a workflow hands work to another drawn
 * in the same file. {@code starts after W}: from each end event where W completes (a message end
 * event, message {@code W completed}) to the start event it starts; {@code start W}: from the
 * throw event to W's message start event; {@code call W}: from the call activity to W's start, and
 * back from each end event where W completes (a message end event, message {@code W completed}) to
 * the call activity: the call's return; {@code emit E}: from the throw event to each start or catch
 * event of another pool that waits for E's message, and to the black-box pool of each workflow of
 * another file that starts on E or receives it. A workflow drawn in another file is a black-box pool
 * (a participant without a process) below the others, and its hand-offs go to and from that pool.
 */
final class MessageFlows {
  private MessageFlows() {}

  /**
   * A hand-off between two nodes (or a node and a pool) of different pools, before it is placed.
   *
   * @param back a call's return: it arrives beside the call's own message flow
   */
  record Handoff(String id, String name, String source, String target, boolean back) {}

  /** A workflow of another file that a workflow of this one hands work to or takes it from: a black-box pool. */
  record External(String id, String name, String workflow) {}

  /**
   * The hand-offs between the workflows of one file, in the order of the pools and their nodes.
   *
   * @param externals gets the black-box pools of the workflows in other files, in the order they are first met
   */
  static List<Handoff> handoffs(ModelIndex index, List<Decl.WorkflowDecl> workflows, List<ProcessGraph> graphs,
      RootElements roots, List<External> externals) {
    Map<String, Integer> pool = new HashMap<>();
    for (int i = 0; i < workflows.size(); i++) {
      pool.putIfAbsent(index.qualifiedName(workflows.get(i)), i);
    }
    List<Handoff> out = new ArrayList<>();
    for (int i = 0; i < graphs.size(); i++) {
      for (ProcessGraph.Handoff h : graphs.get(i).handoffs()) {
        if (h.kind() == HandoffKind.EMIT) {
          // To every other pool's start or catch event of that event's message.
          for (int j = 0; j < graphs.size(); j++) {
            for (Node n : j == i ? List.<Node>of() : graphs.get(j).nodes()) {
              if ((n.type == Type.START_EVENT || n.type == Type.CATCH_EVENT) && n.definition == Definition.MESSAGE
                  && n.detail.equals(h.workflow())) {
                out.add(new Handoff("MessageFlow-" + (out.size() + 1), h.kind().label(), h.node(), n.id, false));
              }
            }
          }
          // And to the black-box pool of every workflow of another file that starts on it or waits for it.
          for (Decl.WorkflowDecl w : h.event().isEmpty() ? List.<Decl.WorkflowDecl>of() : index.workflows()) {
            String name = index.qualifiedName(w);
            if (!pool.containsKey(name) && waitsFor(index, w, h.event())) {
              out.add(new Handoff("MessageFlow-" + (out.size() + 1), h.kind().label(), h.node(),
                  external(name, externals).id(), false));
            }
          }
          continue;
        }
        Integer other = pool.get(h.workflow());
        if (other == null) {
          String ext = external(h.workflow(), externals).id();
          if (h.kind() == HandoffKind.AFTER) {
            out.add(new Handoff("MessageFlow-" + (out.size() + 1), h.kind().label(), ext, h.node(), false));
          } else {
            out.add(new Handoff("MessageFlow-" + (out.size() + 1), h.kind().label(), h.node(), ext, false));
          }
          if (h.kind() == HandoffKind.CALL) {
            out.add(new Handoff("MessageFlow-" + (out.size() + 1), "returns", ext, h.node(), true));
          }
          continue;
        }
        if (other == i) {
          continue;
        }
        ProcessGraph them = graphs.get(other);
        if (h.kind() != HandoffKind.START) {
          String message = roots.id(RootElements.Kind.MESSAGE, workflows.get(other).name().text() + " completed");
          for (Node end : them.completions()) {
            end.definition = Definition.MESSAGE;
            end.detail = message;
          }
        }
        if (h.kind() == HandoffKind.AFTER) {
          for (Node end : them.completions()) {
            out.add(new Handoff("MessageFlow-" + (out.size() + 1), h.kind().label(), end.id, h.node(), false));
          }
        } else {
          out.add(new Handoff("MessageFlow-" + (out.size() + 1), h.kind().label(), h.node(), target(them, h.kind()),
              false));
        }
        if (h.kind() == HandoffKind.CALL) {
          for (Node end : them.completions()) {
            out.add(new Handoff("MessageFlow-" + (out.size() + 1), "returns", end.id, h.node(), true));
          }
        }
      }
    }
    return out;
  }

  /** Whether {@code w} starts on the event {@code event} (a qualified name) or has a {@code receive} of it. */
  private static boolean waitsFor(ModelIndex index, Decl.WorkflowDecl w, String event) {
    boolean starts = w.triggers().stream().filter(t -> t.kind() == Clause.TriggerKind.ON_EVENT)
        .map(Clause.Trigger::target).flatMap(Optional::stream).anyMatch(n -> is(index, n, event));
    return starts || Statements.all(w.body()).stream()
        .anyMatch(s -> s instanceof Stmt.Receive r && is(index, r.event(), event));
  }

  private static boolean is(ModelIndex index, Name reference, String event) {
    return index.declarationOf(reference).map(index::qualifiedName).filter(event::equals).isPresent();
  }

  private static External external(String workflow, List<External> externals) {
    for (External e : externals) {
      if (e.workflow().equals(workflow)) {
        return e;
      }
    }
    String simple = workflow.substring(workflow.lastIndexOf('.') + 1);
    External e = new External("External_" + (externals.size() + 1) + "_Participant", Words.humanize(simple), workflow);
    externals.add(e);
    return e;
  }

  /** Where a {@code start} or {@code call} arrives: the start event it means, else the pool. */
  private static String target(ProcessGraph them, HandoffKind kind) {
    Definition wanted = kind == HandoffKind.START ? Definition.MESSAGE : Definition.NONE;
    return them.nodes().stream()
        .filter(n -> n.type == Type.START_EVENT && n.definition == wanted)
        .map(n -> n.id)
        .findFirst()
        .orElse(them.prefix() + "_Participant");
  }

  /**
   * The message flows with their waypoints: out of the bottom (or top) of the source, along the
   * gap below (or above) its pool, and into the top (or bottom) of the target.
   */
  static List<BpmnWriter.MessageFlow> place(List<Handoff> handoffs, List<BpmnWriter.Pool> pools,
      Map<String, Bounds> externalPools) {
    Map<String, Bounds> shapes = new HashMap<>();
    Map<String, Bounds> poolOf = new HashMap<>();
    for (BpmnWriter.Pool p : pools) {
      Bounds bounds = p.placement().pool();
      shapes.put(p.graph().prefix() + "_Participant", bounds);
      poolOf.put(p.graph().prefix() + "_Participant", bounds);
      for (Node n : p.graph().nodes()) {
        shapes.put(n.id, p.placement().shapes().get(n.id));
        poolOf.put(n.id, bounds);
      }
    }
    externalPools.forEach((id, bounds) -> {
      shapes.put(id, bounds);
      poolOf.put(id, bounds);
    });
    List<BpmnWriter.MessageFlow> out = new ArrayList<>();
    Map<Bounds, Integer> leaving = new HashMap<>();
    for (Handoff h : handoffs) {
      // Flows that leave one pool run on lines 8 px apart, so that they do not lie on each other.
      int k = leaving.merge(poolOf.get(h.source()), 1, Integer::sum) - 1;
      out.add(new BpmnWriter.MessageFlow(h.id(), h.name(), h.source(), h.target(),
          route(shapes.get(h.source()), poolOf.get(h.source()), shapes.get(h.target()), poolOf.get(h.target()), k % 3,
              h.back())));
    }
    return out;
  }

  private static List<Point> route(Bounds from, Bounds fromPool, Bounds to, Bounds toPool, int k, boolean back) {
    boolean down = toPool.y() > fromPool.y();
    boolean toPoolItself = to.equals(toPool);
    // A call's return arrives 16 px right of the call's own flow, which leaves from the middle.
    int shift = back ? 16 : (k - 1) * 8;
    int x = from.equals(fromPool) ? to.centerX() + shift : from.centerX();
    int targetX = toPoolItself ? x : to.centerX() + shift;
    int offset = Layout.POOL_GAP / 2 + (k - 1) * 8;
    int gap = down ? fromPool.bottom() + offset : fromPool.y() - offset;
    List<Point> points = new ArrayList<>();
    points.add(new Point(x, down ? from.bottom() : from.y()));
    if (targetX != x) {
      points.add(new Point(x, gap));
      points.add(new Point(targetX, gap));
    }
    points.add(new Point(targetX, down ? to.y() : to.bottom()));
    return points;
  }
}
