package dev.flow.compiler.bpmn;

import dev.flow.compiler.bpmn.Layout.Bounds;
import dev.flow.compiler.bpmn.Layout.Point;
import dev.flow.compiler.bpmn.MessageRouter.End;
import dev.flow.compiler.bpmn.ProcessGraph.Flow;
import dev.flow.compiler.bpmn.ProcessGraph.Node;
import dev.flow.compiler.bpmn.ProcessGraph.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Redraws the sequence flows of one pool that the layout's plain drawing (down a gateway's column and along the
 * target's row, around above a row, below it back) runs through a shape that is not one of their ends: such a flow
 * becomes the cheapest right-angled line around them, on a grid of the lines where nothing stands (the gaps between
 * columns and between rows, a little outside each shape, the lines through the ends and those the other flows already
 * use), found by {@link MessageRouter}. Flows that run clear keep their drawing: a straight flow stays straight, a
 * gateway's branches and a loop back stay drawn the way a modeller draws them.
 */
final class FlowRouter {
  /** Leaving (entering) a step by its top or bottom instead of its side: a modeller draws it so only when needed. */
  private static final int NOT_SIDE = 150;
  /** Leaving by the side that faces away from where the flow goes, entering by the target's far side. */
  private static final int FAR_SIDE = 300;
  /** How far outside a shape the grid has a line. */
  private static final int OUTSIDE = 12;
  /** How far below (above) a boundary event the grid has a line: past its name. */
  private static final int BEYOND_NAME = 32;
  /**
   * How near (px) the top or bottom edge of a pool or lane a rerouted flow may run along it: not on the line between two
   * lanes (BillingAndCollections' flow from "Notify Bookkeeper" ran on it). 12 px was tried: go_to's loop back, 8 px
   * under the pool's top, then went down round the row through a timer's flow, worse.
   */
  static final int EDGE_MARGIN = 8;

  private FlowRouter() {}

  /** Whether a line runs through the inside of a box (touching its edge is fine). */
  static boolean through(List<Point> line, Bounds b) {
    for (int i = 0; i + 1 < line.size(); i++) {
      if (MessageRouter.crosses(line.get(i), line.get(i + 1), b, 0)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the flow's line runs through a shape that is neither its source nor its target. */
  private static boolean blocked(Flow f, List<Point> line, Map<String, Bounds> shapes, Collection<String> skip) {
    for (Map.Entry<String, Bounds> s : shapes.entrySet()) {
      if (!s.getKey().equals(f.source) && !s.getKey().equals(f.target) && !skip.contains(s.getKey())
          && through(line, s.getValue())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Redraws, in {@code edges}, each flow of the graph whose line runs through a shape not its end.
   *
   * @param shapes every shape of the pool
   * @param skip shapes that hold others (the deadline's event subprocess), never in a flow's way
   * @param pool the pool's box (the lines stay inside it)
   * @param bands the lanes (the pool when it has none): lines keep {@link #EDGE_MARGIN} from their tops and bottoms
   * @param rowLines the tops and bottoms of the rows of the lanes
   * @param names the boxes bpmn-js writes the names of named gateways and events in, by node
   */
  static void route(ProcessGraph graph, Map<String, Bounds> shapes, Collection<String> skip, Map<String, List<Point>> edges,
      Bounds pool, Collection<Bounds> bands, Collection<Integer> rowLines, Map<String, Bounds> names) {
    List<Flow> blocked = new ArrayList<>();
    for (Flow f : graph.flows()) {
      List<Point> line = edges.get(f.id);
      if (line != null && blocked(f, line, shapes, skip)) {
        blocked.add(f);
      }
    }
    if (blocked.isEmpty()) {
      return;
    }
    int left = pool.x() + Layout.POOL_LABEL + 4;
    int right = pool.right() - 4;
    int top = pool.y() + 4;
    int bottom = pool.bottom() - 4;
    TreeSet<Integer> xs = new TreeSet<>();
    TreeSet<Integer> ys = new TreeSet<>();
    List<String> boundary = graph.nodes().stream().filter(n -> n.type == Type.BOUNDARY_EVENT).map(n -> n.id).toList();
    List<Bounds> obstacles = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Map.Entry<String, Bounds> s : shapes.entrySet()) {
      if (skip.contains(s.getKey())) {
        continue;
      }
      Bounds b = s.getValue();
      ids.add(s.getKey());
      obstacles.add(b);
      // Past a boundary event's name (written beside the line out of it), not between it and the event.
      int outside = !boundary.contains(s.getKey()) ? OUTSIDE : BEYOND_NAME;
      xs.add(b.x() - OUTSIDE);
      xs.add(b.centerX());
      xs.add(b.right() + OUTSIDE);
      ys.add(b.y() - outside);
      ys.add(b.centerY());
      ys.add(b.bottom() + outside);
      // The middle of the gaps between columns.
      xs.add(b.centerX() + Layout.COLUMN / 2);
      xs.add(b.centerX() - Layout.COLUMN / 2);
    }
    for (int y : rowLines) {
      ys.add(y);
    }
    xs.removeIf(x -> x < left || x > right);
    ys.removeIf(y -> y < top || y > bottom);
    // The lines the flow was drawn on, and its ends' edges (where it leaves and enters), even outside: a flow out of an
    // event on the top edge of an activity in the pool's first row goes up out of the pool (as the layout draws it).
    for (Flow f : blocked) {
      for (Point p : edges.get(f.id)) {
        xs.add(p.x());
        ys.add(p.y());
      }
      for (String end : List.of(f.source, f.target)) {
        Bounds b = shapes.get(end);
        xs.add(b.x());
        xs.add(b.centerX());
        xs.add(b.right());
        ys.add(b.y());
        ys.add(b.centerY());
        ys.add(b.bottom());
      }
    }
    List<List<Point>> others = new ArrayList<>();
    for (Flow f : graph.flows()) {
      if (!blocked.contains(f) && edges.containsKey(f.id)) {
        others.add(edges.get(f.id));
      }
    }
    List<Bounds> nameBoxes = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    for (Map.Entry<String, Bounds> n : names.entrySet()) {
      nameBoxes.add(n.getValue());
      owners.add(ids.indexOf(n.getKey()));
    }
    // First not along (or just beside) the line between two lanes or the pool's edge: a reader takes such a flow for
    // the edge. A flow with no way round there (a crowded first or last row) may then run near the edge.
    TreeSet<Integer> clear = new TreeSet<>(ys);
    clear.removeIf(y -> nearEdge(y, bands));
    int[] nameOwners = owners.stream().mapToInt(Integer::intValue).toArray();
    List<Flow> unrouted = route(graph, shapes, skip, edges, ids, blocked,
        new MessageRouter(xs, clear, obstacles, nameBoxes, nameOwners, List.of(), others));
    if (!unrouted.isEmpty()) {
      route(graph, shapes, skip, edges, ids, unrouted,
          new MessageRouter(xs, ys, obstacles, nameBoxes, nameOwners, List.of(), others));
    }
  }

  /** Routes each blocked flow on the router's grid; returns those it found no clear way for (their drawing kept). */
  private static List<Flow> route(ProcessGraph graph, Map<String, Bounds> shapes, Collection<String> skip,
      Map<String, List<Point>> edges, List<String> ids, List<Flow> blocked, MessageRouter router) {
    List<Flow> unrouted = new ArrayList<>();
    for (Flow f : blocked) {
      Node source = graph.node(f.source);
      Node target = graph.node(f.target);
      Bounds from = shapes.get(f.source);
      Bounds to = shapes.get(f.target);
      boolean back = to.centerX() <= from.centerX();
      List<Point> line = router.route(starts(source, from, to, back, shapes), ends(target, to, from, back),
          ids.indexOf(f.source), ids.indexOf(f.target));
      if (line.size() >= 2 && !blocked(f, line, shapes, skip)) {
        edges.put(f.id, line);
      } else {
        unrouted.add(f);
      }
    }
    return unrouted;
  }

  /** Whether a horizontal line at {@code y} runs less than {@link #EDGE_MARGIN} from a lane's (pool's) top or bottom. */
  static boolean nearEdge(int y, Collection<Bounds> bands) {
    for (Bounds band : bands) {
      if (Math.abs(y - band.y()) < EDGE_MARGIN || Math.abs(y - band.bottom()) < EDGE_MARGIN) {
        return true;
      }
    }
    return false;
  }

  /** Where a flow may leave its source: its right side, a gateway's corners, a boundary event's outer side. */
  private static List<End> starts(Node n, Bounds b, Bounds to, boolean back, Map<String, Bounds> shapes) {
    List<End> out = new ArrayList<>();
    if (n.type == Type.BOUNDARY_EVENT) {
      Bounds host = shapes.get(n.attachedTo.orElseThrow());
      boolean onTop = b.y() < host.y();
      out.add(onTop ? new End(b.centerX(), b.y(), MessageRouter.UP, 0)
          : new End(b.centerX(), b.bottom(), MessageRouter.DOWN, 0));
      return out;
    }
    int side = n.type.gateway() ? 0 : NOT_SIDE;
    boolean down = to.centerY() > b.centerY();
    out.add(new End(b.right(), b.centerY(), MessageRouter.RIGHT, back ? FAR_SIDE : 0));
    out.add(new End(b.centerX(), b.bottom(), MessageRouter.DOWN, back ? 0 : side + (down ? 0 : FAR_SIDE)));
    out.add(new End(b.centerX(), b.y(), MessageRouter.UP, (back ? NOT_SIDE : side) + (down ? FAR_SIDE : 0)));
    out.add(new End(b.x(), b.centerY(), MessageRouter.LEFT, back ? NOT_SIDE : FAR_SIDE));
    return out;
  }

  /** Where a flow may enter its target: its left side, a gateway's corners, else its top or bottom. */
  private static List<End> ends(Node n, Bounds b, Bounds from, boolean back) {
    List<End> out = new ArrayList<>();
    int side = n.type.gateway() ? 0 : NOT_SIDE;
    boolean below = from.centerY() > b.centerY();
    out.add(new End(b.x(), b.centerY(), MessageRouter.RIGHT, back ? NOT_SIDE : 0));
    out.add(new End(b.centerX(), b.y(), MessageRouter.DOWN, side + (below ? FAR_SIDE : 0)));
    out.add(new End(b.centerX(), b.bottom(), MessageRouter.UP, back ? 0 : side + (below ? 0 : FAR_SIDE)));
    out.add(new End(b.right(), b.centerY(), MessageRouter.LEFT, back ? NOT_SIDE : FAR_SIDE));
    return out;
  }
}
