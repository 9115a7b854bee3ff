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
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

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
   * The message flows with their waypoints: out of the bottom (or top) of the source, along the gap below (or above)
   * its pool, and into the top (or bottom) of the target, around every shape in the way (through the gaps between
   * columns and rows; see {@link MessageRouter}).
   */
  static List<BpmnWriter.MessageFlow> place(List<Handoff> handoffs, List<BpmnWriter.Pool> pools,
      Map<String, Bounds> externalPools) {
    Map<String, Bounds> shapes = new HashMap<>();
    Map<String, Bounds> poolOf = new HashMap<>();
    List<Bounds> obstacles = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    List<Bounds> names = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    List<Bounds> poolBounds = new ArrayList<>();
    List<List<Point>> sequenceFlows = new ArrayList<>();
    TreeSet<Integer> xs = new TreeSet<>();
    TreeSet<Integer> ys = new TreeSet<>();
    // The names bpmn-js writes under their event or gateway (no BPMNLabel): where in names, their words, their map.
    Map<String, Integer> unlabelled = new HashMap<>();
    Map<String, String> named = new HashMap<>();
    Map<String, Map<String, Bounds>> labelsOf = new HashMap<>();
    int width = 0;
    for (BpmnWriter.Pool p : pools) {
      Layout.Placement pl = p.placement();
      Bounds bounds = pl.pool();
      shapes.put(p.graph().prefix() + "_Participant", bounds);
      poolOf.put(p.graph().prefix() + "_Participant", bounds);
      for (Map.Entry<String, Bounds> s : pl.shapes().entrySet()) {
        index.put(s.getKey(), obstacles.size());
        obstacles.add(s.getValue());
      }
      for (Node n : p.graph().nodes()) {
        shapes.put(n.id, pl.shapes().get(n.id));
        poolOf.put(n.id, bounds);
        if ((n.type.event() || n.type.gateway()) && !n.name.isEmpty() && !pl.labels().containsKey(n.id)
            && pl.shapes().containsKey(n.id)) {
          Bounds b = pl.shapes().get(n.id);
          Bounds text = Layout.labelBox(n.name, 0, 0, 0);
          unlabelled.put(n.id, names.size());
          named.put(n.id, n.name);
          labelsOf.put(n.id, pl.labels());
          names.add(new Bounds(b.centerX() - text.width() / 2, b.bottom(), text.width(), text.height()));
          owners.add(index.get(n.id));
        }
      }
      pl.labels().forEach((id, label) -> {
        names.add(label);
        // A sequence flow's name belongs to no shape.
        owners.add(index.getOrDefault(id, -1));
      });
      sequenceFlows.addAll(pl.edges().values());
      poolBounds.add(bounds);
      // Between the rows of each lane, and near the lines between lanes.
      Collection<Bounds> lanes = pl.lanes().isEmpty() ? List.of(bounds) : pl.lanes().values();
      for (Bounds lane : lanes) {
        for (int y = lane.y() + Layout.ROW; y < lane.bottom(); y += Layout.ROW) {
          ys.add(y);
        }
        ys.add(lane.y() + 8);
        ys.add(lane.bottom() - 8);
      }
      width = Math.max(width, bounds.right());
    }
    externalPools.forEach((id, bounds) -> {
      shapes.put(id, bounds);
      poolOf.put(id, bounds);
      poolBounds.add(bounds);
    });
    for (Bounds p : poolBounds) {
      // The gaps between pools, where message flows run.
      for (int d : new int[] {12, 20, 28}) {
        ys.add(p.y() - d);
        ys.add(p.bottom() + d);
      }
      width = Math.max(width, p.right());
    }
    // The middle of each column and lines in the gap after it (where no sequence flow runs down).
    for (int c = Layout.columnCenter(0); c < width; c += Layout.COLUMN) {
      xs.add(c);
      for (int d : new int[] {60, 70, 90}) {
        if (c + d < width - 10) {
          xs.add(c + d);
        }
      }
    }
    List<Handoff> placedOrder = new ArrayList<>(handoffs);
    List<int[]> shifts = new ArrayList<>();
    Map<Bounds, Integer> leaving = new HashMap<>();
    for (Handoff h : placedOrder) {
      // Flows that leave one pool arrive 8 px apart, so that they do not lie on each other.
      int k = leaving.merge(poolOf.get(h.source()), 1, Integer::sum) - 1;
      shifts.add(new int[] {h.back() ? 16 : (k % 3 - 1) * 8});
    }
    List<List<MessageRouter.End>> starts = new ArrayList<>();
    List<List<MessageRouter.End>> ends = new ArrayList<>();
    for (int i = 0; i < placedOrder.size(); i++) {
      Handoff h = placedOrder.get(i);
      Bounds from = shapes.get(h.source());
      Bounds to = shapes.get(h.target());
      Bounds fromPool = poolOf.get(h.source());
      Bounds toPool = poolOf.get(h.target());
      boolean down = toPool.y() > fromPool.y();
      int shift = shifts.get(i)[0];
      List<MessageRouter.End> s = from.equals(fromPool)
          ? poolEnds(fromPool, down, true, xs) : nodeEnds(from, from.centerX(), down, true, to.centerX(), 0);
      List<MessageRouter.End> e = to.equals(toPool)
          ? poolEnds(toPool, down, false, xs) : nodeEnds(to, to.centerX() + shift, down, false, from.centerX(), shift);
      for (MessageRouter.End end : s) {
        xs.add(end.x());
        ys.add(end.y());
      }
      for (MessageRouter.End end : e) {
        xs.add(end.x());
        ys.add(end.y());
      }
      starts.add(s);
      ends.add(e);
    }
    MessageRouter router = new MessageRouter(xs, ys, obstacles, names,
        owners.stream().mapToInt(Integer::intValue).toArray(), poolBounds, sequenceFlows);
    List<List<Point>> drawn = new ArrayList<>();
    for (int i = 0; i < placedOrder.size(); i++) {
      Handoff h = placedOrder.get(i);
      List<Point> line = router.route(starts.get(i), ends.get(i), index.getOrDefault(h.source(), -1),
          index.getOrDefault(h.target(), -1));
      if (line.isEmpty()) {
        line = straight(shapes.get(h.source()), poolOf.get(h.source()), shapes.get(h.target()),
            poolOf.get(h.target()).y() > poolOf.get(h.source()).y());
      }
      drawn.add(line);
    }
    // The lines a name must not touch: every flow, and the edges of the pools and lanes.
    List<List<Point>> lines = new ArrayList<>(sequenceFlows);
    lines.addAll(drawn);
    for (BpmnWriter.Pool p : pools) {
      p.placement().lanes().values().forEach(b -> lines.addAll(edges(b)));
      lines.addAll(edges(p.placement().pool()));
    }
    externalPools.values().forEach(b -> lines.addAll(edges(b)));
    moveNamesOffTheirFlows(placedOrder, drawn, shapes, poolOf, unlabelled, named, labelsOf, names, obstacles, lines);
    List<Bounds> taken = new ArrayList<>(obstacles);
    taken.addAll(names);
    List<BpmnWriter.MessageFlow> out = new ArrayList<>();
    for (int i = 0; i < placedOrder.size(); i++) {
      Handoff h = placedOrder.get(i);
      Bounds label = h.name().isBlank() ? null : label(h.name(), drawn.get(i), taken, lines);
      if (label != null) {
        taken.add(label);
      }
      out.add(new BpmnWriter.MessageFlow(h.id(), h.name(), h.source(), h.target(), drawn.get(i), label));
    }
    return out;
  }

  /**
   * An event (or gateway) whose message flow leaves or enters it by the edge under it runs through its own name, which
   * bpmn-js writes there (RoomWatch's "Emit Room overheated", a called workflow's "Completed" over its return): such a
   * name gets a {@code BPMNLabel} at the nearest place around the shape (as {@link Layout#around} orders them) that
   * covers no shape or other name and touches no line, else the least bad; {@code names} gets the new box.
   */
  private static void moveNamesOffTheirFlows(List<Handoff> handoffs, List<List<Point>> drawn, Map<String, Bounds> shapes,
      Map<String, Bounds> poolOf, Map<String, Integer> unlabelled, Map<String, String> named,
      Map<String, Map<String, Bounds>> labelsOf, List<Bounds> names, List<Bounds> obstacles, List<List<Point>> lines) {
    for (int i = 0; i < handoffs.size(); i++) {
      for (String end : new String[] {handoffs.get(i).source(), handoffs.get(i).target()}) {
        Integer k = unlabelled.get(end);
        if (k == null || labelsOf.get(end).containsKey(end)
            || Layout.touches(names.get(k), List.of(drawn.get(i))) == 0) {
          continue;
        }
        List<Bounds> taken = new ArrayList<>(obstacles);
        for (int j = 0; j < names.size(); j++) {
          if (j != k) {
            taken.add(names.get(j));
          }
        }
        Bounds pool = poolOf.get(end);
        Bounds chosen = Layout.cheapest(Layout.around(shapes.get(end), named.get(end)),
            c -> 1000 * Layout.overlaps(c, taken) + 100 * Layout.touches(c, lines)
                + (Layout.beside(c, pool) ? 1000 : 0));
        labelsOf.get(end).put(end, chosen);
        names.set(k, chosen);
      }
    }
  }

  /** The four sides of a box as lines. */
  private static List<List<Point>> edges(Bounds b) {
    Point a = new Point(b.x(), b.y());
    Point c = new Point(b.right(), b.y());
    Point d = new Point(b.right(), b.bottom());
    Point e = new Point(b.x(), b.bottom());
    return List.of(List.of(a, c), List.of(c, d), List.of(d, e), List.of(e, a));
  }

  /**
   * How far (px) beside its line a message flow's name is written; further out in steps of 8 px (past the flows that
   * run 8 px apart beside it) as far as 28 px when there is no room.
   */
  static final int NAME_OFF = 4;

  /**
   * Where a message flow's name is written (else bpmn-js writes it at the line's middle, over whatever is there): beside
   * the line ({@link #NAME_OFF} px right of or left of a vertical piece, above or below a horizontal one), nearest the
   * line's middle, else further out, where it covers no shape and no other name and touches no line (no flow, no pool's
   * or lane's edge); when there is no such place, the least bad.
   */
  private static Bounds label(String name, List<Point> line, List<Bounds> taken, List<List<Point>> lines) {
    Bounds text = Layout.labelBox(name, 0, 0, 10);
    int w = text.width();
    int h = text.height();
    int length = 0;
    for (int i = 0; i + 1 < line.size(); i++) {
      length += Math.abs(line.get(i + 1).x() - line.get(i).x()) + Math.abs(line.get(i + 1).y() - line.get(i).y());
    }
    int middle = length;
    List<Bounds> nearestFirst = Layout.besideLine(line, w, h, NAME_OFF, NAME_OFF + 24, false).stream()
        .sorted(Comparator.<Layout.Beside>comparingInt(Layout.Beside::off)
            .thenComparingLong(b -> Math.abs(2L * b.along() - middle)))
        .map(Layout.Beside::box)
        .toList();
    return nearestFirst.isEmpty() ? null
        : Layout.cheapest(nearestFirst, c -> 1000 * Layout.overlaps(c, taken) + 100 * Layout.touches(c, lines));
  }

  /**
   * Where a message flow may leave ({@code leaving}) or enter a node: on the edge that faces the other pool (else,
   * at a cost, the other), at {@code x} or up to 16 px beside it (8 on an event's or gateway's round or pointed edge);
   * and on an activity's side that faces the other end ({@code otherX}; else, at a cost, the other side), 8 or 16 px
   * above or below the middle where the sequence flows run ({@code shift} moves a call's return below its call): a
   * call activity stacked over others then sends its message flow out sideways rather than round the shapes below it.
   */
  private static List<MessageRouter.End> nodeEnds(Bounds b, int x, boolean down, boolean leaving, int otherX,
      int shift) {
    List<MessageRouter.End> out = new ArrayList<>();
    int reach = b.width() > 50 ? 16 : 8;
    for (int dx = -reach; dx <= reach; dx += 8) {
      int px = x + dx;
      if (px < b.x() + 4 || px > b.right() - 4) {
        continue;
      }
      for (boolean facing : new boolean[] {true, false}) {
        boolean bottom = facing == (leaving == down);
        int y = bottom ? b.bottom() : b.y();
        // Leaving by the bottom goes down; arriving at the bottom comes up.
        int dir = leaving ? (bottom ? MessageRouter.DOWN : MessageRouter.UP) : (bottom ? MessageRouter.UP : MessageRouter.DOWN);
        out.add(new MessageRouter.End(px, y, dir, 3 * Math.abs(px - x) + (facing ? 0 : MessageRouter.AWAY)));
      }
    }
    if (b.width() > 50) {
      int middle = b.centerY() + (shift > 0 ? 8 : shift < 0 ? -8 : 0);
      for (int dy : new int[] {-16, -8, 8, 16}) {
        int py = middle + dy;
        if (py == b.centerY() || py < b.y() + 8 || py > b.bottom() - 8) {
          continue;
        }
        for (boolean right : new boolean[] {true, false}) {
          boolean facing = right == otherX >= b.centerX();
          int px = right ? b.right() : b.x();
          int dir = leaving == right ? MessageRouter.RIGHT : MessageRouter.LEFT;
          out.add(new MessageRouter.End(px, py, dir, SIDE + 3 * Math.abs(dy) + (facing ? 0 : MessageRouter.AWAY)));
        }
      }
    }
    return out;
  }

  /** Leaving (entering) an activity by its side rather than the edge that faces the other pool. */
  private static final int SIDE = 250;

  /** Where a message flow may leave or enter a black-box pool: anywhere on its edge that faces the other pool. */
  private static List<MessageRouter.End> poolEnds(Bounds pool, boolean down, boolean leaving, TreeSet<Integer> xs) {
    List<MessageRouter.End> out = new ArrayList<>();
    boolean bottom = leaving == down;
    int y = bottom ? pool.bottom() : pool.y();
    int dir = down ? MessageRouter.DOWN : MessageRouter.UP;
    for (int x : xs) {
      if (x > pool.x() + 60 && x < pool.right() - 10) {
        out.add(new MessageRouter.End(x, y, dir, 0));
      }
    }
    return out;
  }

  /** Down (up) out of the source, along the gap below (above) its pool, into the target: when no way was found. */
  private static List<Point> straight(Bounds from, Bounds fromPool, Bounds to, boolean down) {
    int gap = down ? fromPool.bottom() + Layout.POOL_GAP / 2 : fromPool.y() - Layout.POOL_GAP / 2;
    return List.of(new Point(from.centerX(), down ? from.bottom() : from.y()), new Point(from.centerX(), gap),
        new Point(to.centerX(), gap), new Point(to.centerX(), down ? to.y() : to.bottom()));
  }
}
