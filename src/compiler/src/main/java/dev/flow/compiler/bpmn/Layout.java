package dev.flow.compiler.bpmn;

import dev.flow.compiler.bpmn.ProcessGraph.Flow;
import dev.flow.compiler.bpmn.ProcessGraph.Node;
import dev.flow.compiler.bpmn.ProcessGraph.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Places one process in its pool, left to right, as BPMN diagram interchange wants it: a column
 * per step of the longest path from the start (back edges of loops and jumps left out), a band per
 * lane, and within a lane a row per branch that runs beside another. Boundary events sit on the
 * bottom edge of their activity, compensation activities below it. Flows are drawn with right
 * angles: forward from the right side of a node to the left side of the next, out of a gateway's
 * top or bottom into another row, and back edges below the row.
 */
final class Layout {
  static final int POOL_LABEL = 30;
  static final int COLUMN = 150;
  static final int ROW = 120;
  /** The space between two pools of a file, where message flows run. */
  static final int POOL_GAP = 40;
  /** The height of a black-box pool (a workflow drawn in another file). */
  static final int EXTERNAL_POOL = 60;
  /**
   * The deadline's event subprocess: a box in the owner's lane right of the last column, where no
   * flow runs (a back edge runs below its row, a flow between lanes down a column).
   */
  private static final int DEADLINE_WIDTH = 250;
  private static final int DEADLINE_HEIGHT = 100;
  private static final int MARGIN = 40;
  /** Half the widest shape of a column (a step): what stands in a column is within this of its middle. */
  private static final int COLUMN_HALF = 50;
  /** About how wide a character of a label is in bpmn-js (11 px sans-serif), and how tall a line. */
  private static final int LABEL_CHAR = 6;
  private static final int LABEL_LINE = 14;
  private static final int LABEL_MAX_WIDTH = 90;
  /** What a label box has beyond the estimated width of its text, so that bpmn-js does not wrap it sooner. */
  private static final int LABEL_SLACK = 10;
  /**
   * How far below (above) a boundary event on an activity's bottom (top) edge the flow out of it turns: far enough that
   * the event's name (one line, 14 px) fits between the event and that line, right beside the event.
   */
  private static final int BOUNDARY_LINE = 19;
  /**
   * Where the flow out of a boundary event turns instead, when its own or another event's name then finds a place nearer
   * (a crowded corner): just below (above) the event, the name below (above) that line.
   */
  private static final int SHALLOW_LINE = 6;
  /**
   * Where the flow out of a boundary event turns when its row got {@link #DEEP_ROOM} more (a name still far after the
   * turns): far enough below (above) the event that a name on two lines fits between the event and that line.
   */
  private static final int DEEP_LINE = 34;
  /** The room a crowded row gets beyond {@link #ROOM} when a name is still far after the lines are turned. */
  private static final int DEEP_ROOM = 20;
  /**
   * How far (px) a boundary event's name may be from its event before its row gets {@link #ROOM} more below (above, on
   * the top edge), where the name then goes, under the line out of the event.
   */
  private static final int NEAR = 16;
  /** The room a row gets below (above) when a name of an event on its activities' edge finds no place near it. */
  private static final int ROOM = 20;
  /**
   * The room the gap beside a column gets when a name of an event on the edge of one of its activities still finds no
   * place within {@link #NEAR} px of it after its row got {@link #ROOM} (two named events on one edge, the line out of
   * one and the association of the other down the gap below, and a flow up the gap beside the activity).
   */
  private static final int COLUMN_ROOM = 40;
  /** How far inside its pool's (lane's) edge what sticks out of a row is put when the row gets room for it. */
  private static final int INSIDE = 6;

  record Bounds(int x, int y, int width, int height) {
    int centerX() {
      return x + width / 2;
    }

    int centerY() {
      return y + height / 2;
    }

    int right() {
      return x + width;
    }

    int bottom() {
      return y + height;
    }
  }

  record Point(int x, int y) {}

  /**
   * Where everything of one pool is; {@code labels}: where the name of a boundary event is written (else a
   * reader puts it under the event, on the line out of it).
   */
  record Placement(Bounds pool, Map<String, Bounds> lanes, Map<String, Bounds> shapes, Map<String, List<Point>> edges,
      Map<String, Bounds> labels) {}

  private final ProcessGraph graph;
  private final Map<String, Integer> rank = new HashMap<>();
  private final Map<String, Integer> row = new HashMap<>();
  private final Set<String> backEdges = new HashSet<>();
  private final Map<String, Set<Integer>> taken = new HashMap<>();
  private final List<String> order = new ArrayList<>();
  /** The nodes in the order {@link #rows} placed them. */
  private final List<String> placed = new ArrayList<>();

  private final Map<String, List<String[]>> successors = new HashMap<>();
  private final Map<String, List<Flow>> incoming = new HashMap<>();
  /** The rows (lane, a NUL, the row) that get room above ([0]) and below ([1]) their height. */
  private final Map<String, int[]> room;
  /** Where each row of each lane starts (the same key). */
  private final Map<String, Integer> rowTop = new HashMap<>();
  /** The boundary events whose flow out turns {@link #SHALLOW_LINE} px from them (else {@link #BOUNDARY_LINE}). */
  private final Set<String> shallow;
  /** What the place of each boundary event's name costs (see {@link #labels}): 0 when clear. */
  private final Map<String, Integer> labelCost = new HashMap<>();
  /** How many rows each lane has (set by {@link #run}). */
  private final Map<String, Integer> rowsPerLane = new LinkedHashMap<>();
  /** The boundary events whose lines {@link #turned} turns {@link #SHALLOW_LINE} px from them. */
  private Set<String> turn = Set.of();
  /** The room (px) the gap after each column (by rank) gets beyond {@link #COLUMN}: see {@link #COLUMN_ROOM}. */
  private Map<Integer, Integer> columnRoom = Map.of();
  /** The boundary events whose flow out turns {@link #DEEP_LINE} px from them. */
  private Set<String> deep = Set.of();
  /** The boundary events whose lines {@link #turned} turns {@link #DEEP_LINE} px from them. */
  private Set<String> deepTurn = Set.of();

  private Layout(ProcessGraph graph) {
    this(graph, Map.of(), Set.of());
  }

  private Layout(ProcessGraph graph, Map<String, int[]> room, Set<String> shallow) {
    this.graph = graph;
    this.room = room;
    this.shallow = shallow;
    for (Node n : graph.nodes()) {
      successors.put(n.id, new ArrayList<>());
      incoming.put(n.id, new ArrayList<>());
    }
    for (Flow f : graph.flows()) {
      successors.get(f.source).add(new String[] {f.target, f.id});
      incoming.get(f.target).add(f);
    }
    for (Node b : graph.nodes()) {
      b.attachedTo.ifPresent(host -> successors.get(host).add(new String[] {b.id, ""}));
    }
  }

  /**
   * Places a process.
   *
   * @param top where the pool starts
   * @param minWidth the pool is at least this wide (so that the pools of a file line up)
   */
  static Placement place(ProcessGraph graph, int top, int minWidth) {
    Layout layout = new Layout(graph);
    Placement placement = layout.run(top, minWidth);
    Map<String, int[]> room = layout.crowded(placement);
    Set<String> turn = Set.of();
    Map<Integer, Integer> columnRoom = Map.of();
    Set<String> deep = Set.of();
    if (!room.isEmpty()) {
      layout = new Layout(graph, room, Set.of());
      placement = layout.turned(layout.run(top, minWidth), top, minWidth, false);
      turn = layout.turn;
      // Still far (no place between the lines below the activity: a compensation's association down the middle, a flow
      // up the gap beside the activity): the gap beside the column and the row get more room, and the lines are turned
      // again, now also deep enough for a name on two lines above them.
      columnRoom = layout.crowdedColumns(placement);
      if (!columnRoom.isEmpty()) {
        Map<String, int[]> deeper = new HashMap<>();
        room.forEach((k, v) -> deeper.put(k, v.clone()));
        layout.crowded(placement).forEach((k, v) -> {
          int[] r = deeper.computeIfAbsent(k, x -> new int[2]);
          r[0] += v[0] > 0 ? DEEP_ROOM : 0;
          r[1] += v[1] > 0 ? DEEP_ROOM : 0;
        });
        room = deeper;
        layout = new Layout(graph, room, Set.of());
        layout.columnRoom = columnRoom;
        placement = layout.turned(layout.run(top, minWidth), top, minWidth, true);
        turn = layout.turn;
        deep = layout.deepTurn;
      }
    }
    // What still sticks out of its pool, or out of its lane into the next (an event on an activity's top edge in the
    // first row, the line out of it and its name; an event on the bottom edge in a lane's last row; a long name under
    // an event or a gateway in the last row): that row gets the room it needs, and the layout is run again.
    for (int pass = 0; pass < 3; pass++) {
      Map<String, int[]> spill = layout.spill(placement);
      if (spill.isEmpty()) {
        break;
      }
      Map<String, int[]> more = new HashMap<>();
      room.forEach((k, v) -> more.put(k, v.clone()));
      spill.forEach((k, v) -> {
        int[] r = more.computeIfAbsent(k, x -> new int[2]);
        r[0] += v[0];
        r[1] += v[1];
      });
      room = more;
      layout = new Layout(graph, room, turn);
      layout.columnRoom = columnRoom;
      layout.deep = deep;
      placement = layout.run(top, minWidth);
    }
    return placement;
  }

  /**
   * How much more room each row needs above ([0]) and below ([1]) so that nothing sticks out of its pool (any shape,
   * name or line) or out of its lane into the next (the events on the edges of the row's activities, their names and
   * the lines out of them to their turn, the names under the row's events and gateways), {@link #INSIDE} px clear of
   * the edge. Only the first row of a lane looks up and only its last row down: between the rows of one lane a line
   * may run in the gap.
   */
  private Map<String, int[]> spill(Placement placement) {
    Map<String, int[]> out = new HashMap<>();
    List<String> lanes = new ArrayList<>(rowsPerLane.keySet());
    Map<String, Bounds> names = namesUnder(placement.shapes());
    names.putAll(placement.labels());
    for (int i = 0; i < lanes.size(); i++) {
      String lane = lanes.get(i);
      int last = rowsPerLane.get(lane) - 1;
      int top = rowTop.get(rowKey(lane, 0));
      int[] lastRoom = room.getOrDefault(rowKey(lane, last), new int[2]);
      int bottom = rowTop.get(rowKey(lane, last)) + ROW + lastRoom[0] + lastRoom[1];
      int high = top;
      int low = bottom;
      for (Node n : graph.nodes()) {
        Node host = n.attachedTo.map(graph::node).orElse(n);
        Integer r = row.get(host.id);
        if (r == null || !host.lane.orElse("").equals(lane) || r != 0 && r != last || !placement.shapes().containsKey(n.id)) {
          continue;
        }
        List<Bounds> boxes = new ArrayList<>();
        boxes.add(placement.shapes().get(n.id));
        Optional.ofNullable(names.get(n.id)).ifPresent(boxes::add);
        if (n.type == Type.BOUNDARY_EVENT) {
          // The line out of the event as far as its turn (at most BOUNDARY_LINE px: a line straight down to an end in a
          // lower lane runs between the lanes).
          for (Flow f : graph.flows()) {
            List<Point> line = placement.edges().get(f.id);
            if (f.source.equals(n.id) && line != null && line.size() > 1) {
              Point a = line.get(0);
              int depth = Math.max(BOUNDARY_LINE, lineDepth(n.id));
              int reach = Math.max(-depth, Math.min(depth, line.get(1).y() - a.y()));
              boxes.add(new Bounds(a.x(), Math.min(a.y(), a.y() + reach), 0, Math.abs(reach)));
            }
          }
        }
        for (Bounds b : boxes) {
          if (r == 0) {
            high = Math.min(high, b.y());
          }
          if (r == last) {
            low = Math.max(low, b.bottom());
          }
        }
      }
      if (i == 0 || i == lanes.size() - 1) {
        // Every line of the pool: none may leave it.
        for (List<Point> line : placement.edges().values()) {
          for (Point p : line) {
            high = i == 0 ? Math.min(high, p.y()) : high;
            low = i == lanes.size() - 1 ? Math.max(low, p.y()) : low;
          }
        }
      }
      if (high < top) {
        out.computeIfAbsent(rowKey(lane, 0), k -> new int[2])[0] = top - high + INSIDE;
      }
      if (low > bottom) {
        out.computeIfAbsent(rowKey(lane, last), k -> new int[2])[1] = low - bottom + INSIDE;
      }
    }
    return out;
  }

  /**
   * The placement with the lines out of the events of each activity that still has a name far from its event turned
   * where the names then find the best places: for each such activity, each choice of its events whose lines turn
   * {@link #SHALLOW_LINE} px from them instead of {@link #BOUNDARY_LINE} is laid out, and the one whose names touch
   * least, then may read as another event's least, then stay far least, then are nearest is kept (so a name that fits
   * between its event and the line keeps its place while another's line turns above its own name, and a name centred
   * under its own event, far, stays there rather than come nearer under the other event). With {@code deeper} (the row
   * and the gap beside the column got more room, see {@link #place}) a line may also turn {@link #DEEP_LINE} px from its
   * event.
   */
  private Placement turned(Placement placement, int top, int minWidth, boolean deeper) {
    Placement best = placement;
    long[] bestScore = score(placement, labelCost);
    Set<String> chosen = new HashSet<>();
    Set<String> chosenDeep = new HashSet<>();
    List<String> hosts = new ArrayList<>();
    for (Node n : graph.nodes()) {
      String host = n.attachedTo.orElse(null);
      if (host != null && !hosts.contains(host) && far(placement, n)) {
        hosts.add(host);
      }
    }
    for (String host : hosts) {
      List<String> events = graph.nodes().stream().filter(o -> o.attachedTo.filter(host::equals).isPresent())
          .map(o -> o.id).toList();
      Set<String> kept = chosen;
      Set<String> keptDeep = chosenDeep;
      // Each event's line turns as usual (0), shallow (1) or, when the row got room for it, deep (2).
      int ways = deeper ? 3 : 2;
      int choices = (int) Math.pow(ways, events.size());
      for (int mask = 1; mask < choices; mask++) {
        Set<String> trial = new HashSet<>(kept);
        Set<String> trialDeep = new HashSet<>(keptDeep);
        int m = mask;
        for (String event : events) {
          if (m % ways == 1) {
            trial.add(event);
          } else if (m % ways == 2) {
            trialDeep.add(event);
          }
          m /= ways;
        }
        Layout l = new Layout(graph, room, trial);
        l.columnRoom = columnRoom;
        l.deep = trialDeep;
        Placement p = l.run(top, minWidth);
        long[] score = l.score(p, l.labelCost);
        if (Arrays.compare(score, bestScore) < 0) {
          best = p;
          bestScore = score;
          chosen = trial;
          chosenDeep = trialDeep;
        }
      }
    }
    turn = chosen;
    deepTurn = chosenDeep;
    return best;
  }

  /** Whether a named boundary event's name is more than {@link #NEAR} px from it. */
  private static boolean far(Placement placement, Node n) {
    Bounds label = placement.labels().get(n.id);
    return n.type == Type.BOUNDARY_EVENT && label != null && Math.sqrt(distance(label, placement.shapes().get(n.id))) > NEAR;
  }

  /**
   * How bad the places of the boundary events' names are: how many touch a line or cover a shape, how many may read as
   * another event's (see {@link #ambiguous}), how far past {@link #NEAR} px from their events they are in all, how far
   * they are in all.
   */
  private long[] score(Placement placement, Map<String, Integer> costs) {
    long[] score = new long[4];
    for (Node n : graph.nodes()) {
      Bounds label = placement.labels().get(n.id);
      if (n.type != Type.BOUNDARY_EVENT || label == null) {
        continue;
      }
      int cost = costs.getOrDefault(n.id, 0);
      double gap = Math.sqrt(distance(label, placement.shapes().get(n.id)));
      List<Bounds> siblings = graph.nodes().stream()
          .filter(o -> o != n && o.type == Type.BOUNDARY_EVENT && o.attachedTo.equals(n.attachedTo))
          .map(o -> placement.shapes().get(o.id)).toList();
      score[0] += cost >= 100 ? 1 : 0;
      score[1] += ambiguous(label, placement.shapes().get(n.id), siblings) ? 1 : 0;
      score[2] += Math.round(Math.max(0, gap - NEAR));
      score[3] += Math.round(gap);
    }
    return score;
  }

  /**
   * The rows whose activities carry an event whose name found no place within {@link #NEAR} px of it (a crowded corner:
   * two named events on one edge and a flow down the gap beside the activity), with the side that needs room.
   */
  private Map<String, int[]> crowded(Placement placement) {
    Map<String, int[]> out = new HashMap<>();
    for (Node n : graph.nodes()) {
      Bounds label = placement.labels().get(n.id);
      if (n.type != Type.BOUNDARY_EVENT || label == null || Math.sqrt(distance(label, placement.shapes().get(n.id))) <= NEAR) {
        continue;
      }
      Node host = graph.node(n.attachedTo.orElseThrow());
      boolean top = placement.shapes().get(n.id).y() < placement.shapes().get(host.id).y();
      out.computeIfAbsent(rowKey(host.lane.orElse(""), row.get(host.id)), k -> new int[2])[top ? 0 : 1] = ROOM;
    }
    return out;
  }

  /**
   * The gaps beside the columns whose activities carry an event whose name is still more than {@link #NEAR} px from it
   * (see {@link #COLUMN_ROOM}), by the rank of the column they follow: the gap on the event's side of its activity.
   */
  private Map<Integer, Integer> crowdedColumns(Placement placement) {
    Map<Integer, Integer> out = new HashMap<>();
    for (Node n : graph.nodes()) {
      if (far(placement, n)) {
        String host = n.attachedTo.orElseThrow();
        int r = rank.get(host);
        out.put(placement.shapes().get(n.id).centerX() >= placement.shapes().get(host).centerX() ? r : r - 1, COLUMN_ROOM);
      }
    }
    out.keySet().removeIf(r -> r < 0);
    return out;
  }

  /** How far from a boundary event the flow out of it turns. */
  private int lineDepth(String event) {
    return deep.contains(event) ? DEEP_LINE : shallow.contains(event) ? SHALLOW_LINE : BOUNDARY_LINE;
  }

  /** The middle of column {@code rank}, past the room of the gaps before it. */
  private int columnX(int r) {
    int x = columnCenter(r);
    for (Map.Entry<Integer, Integer> e : columnRoom.entrySet()) {
      x += e.getKey() < r ? e.getValue() : 0;
    }
    return x;
  }

  private static String rowKey(String lane, int r) {
    return lane + "\u0000" + r;
  }

  /** The middle of row {@code r} of a lane. */
  private int rowCenter(String lane, int r) {
    return rowTop.get(rowKey(lane, r)) + room.getOrDefault(rowKey(lane, r), new int[2])[0] + ROW / 2;
  }

  /** A pool's placement with everything in it moved {@code dx} px right (the pool and its lanes stay as they are). */
  static Placement shifted(Placement p, int dx) {
    if (dx == 0) {
      return p;
    }
    Map<String, Bounds> shapes = new LinkedHashMap<>();
    p.shapes().forEach((id, b) -> shapes.put(id, new Bounds(b.x() + dx, b.y(), b.width(), b.height())));
    Map<String, Bounds> labels = new LinkedHashMap<>();
    p.labels().forEach((id, b) -> labels.put(id, new Bounds(b.x() + dx, b.y(), b.width(), b.height())));
    Map<String, List<Point>> edges = new LinkedHashMap<>();
    p.edges().forEach((id, line) -> edges.put(id, line.stream().map(q -> new Point(q.x() + dx, q.y())).toList()));
    return new Placement(p.pool(), p.lanes(), shapes, edges, labels);
  }

  /**
   * How far (px) everything in a pool can move right and keep the room the layout leaves after the last column (the
   * right edge of what is drawn, shapes and names, at most {@code COLUMN - 100} px from the pool's right edge).
   */
  static int roomOnTheRight(Placement p) {
    int right = 0;
    for (Bounds b : p.shapes().values()) {
      right = Math.max(right, b.right());
    }
    for (Bounds b : p.labels().values()) {
      right = Math.max(right, b.right());
    }
    return Math.max(0, p.pool().right() - (COLUMN - 100) - right);
  }

  /** The middle of column {@code rank}. */
  static int columnCenter(int rank) {
    return POOL_LABEL + MARGIN + rank * COLUMN + 50;
  }

  /** How wide the pool of a process is. */
  static int width(ProcessGraph graph) {
    Layout l = new Layout(graph);
    l.rank();
    int maxRank = l.rank.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    int deadline = graph.deadline().isPresent() ? DEADLINE_WIDTH + MARGIN : 0;
    return POOL_LABEL + MARGIN + (maxRank + 1) * COLUMN + deadline;
  }

  private Placement run(int top, int minWidth) {
    rank();
    assignLanes();
    rows();
    for (String lane : laneKeys()) {
      rowsPerLane.put(lane, 1);
    }
    for (Node n : graph.nodes()) {
      rowsPerLane.merge(n.lane.orElse(""), row.getOrDefault(n.id, 0) + 1, Math::max);
    }
    Optional<ProcessGraph.Deadline> deadline = graph.deadline();
    String deadlineLane = deadline.flatMap(ProcessGraph.Deadline::lane).filter(rowsPerLane::containsKey)
        .orElse(rowsPerLane.keySet().iterator().next());
    int columns = rank.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    int wider = columnRoom.values().stream().mapToInt(Integer::intValue).sum();
    int width = Math.max(minWidth, width(graph) + wider);
    Map<String, Bounds> lanes = new LinkedHashMap<>();
    int y = top;
    for (Map.Entry<String, Integer> lane : rowsPerLane.entrySet()) {
      int height = 0;
      for (int r = 0; r < lane.getValue(); r++) {
        int[] extra = room.getOrDefault(rowKey(lane.getKey(), r), new int[2]);
        rowTop.put(rowKey(lane.getKey(), r), y + height);
        height += ROW + extra[0] + extra[1];
      }
      if (!lane.getKey().isEmpty()) {
        lanes.put(graph.lanes().get(lane.getKey()).id(), new Bounds(POOL_LABEL, y, width - POOL_LABEL, height));
      }
      y += height;
    }
    Bounds pool = new Bounds(0, top, width, y - top);
    Map<String, Bounds> shapes = new LinkedHashMap<>();
    for (Node n : graph.nodes()) {
      if (n.type == Type.BOUNDARY_EVENT) {
        continue;
      }
      int cx = columnX(rank.get(n.id));
      int cy = rowCenter(n.lane.orElse(""), row.get(n.id));
      shapes.put(n.id, new Bounds(cx - n.type.width() / 2, cy - n.type.height() / 2, n.type.width(), n.type.height()));
    }
    Map<String, Integer> boundariesOn = new HashMap<>();
    Set<String> onTop = new HashSet<>();
    for (Node n : graph.nodes()) {
      if (n.type == Type.BOUNDARY_EVENT) {
        Bounds host = shapes.get(n.attachedTo.orElseThrow());
        int k = boundariesOn.merge(host.x() + ":" + host.y(), 1, Integer::sum) - 1;
        // Two on the bottom edge, then two on the top edge (a call activity with typed error
        // boundaries besides its untyped one), so that none overlaps another.
        int x = host.x() + new int[] {62, 2, 62, 2}[k % 4];
        int edgeY = k % 4 < 2 ? host.bottom() - 18 : host.y() - 18;
        if (k % 4 >= 2) {
          onTop.add(n.id);
        }
        shapes.put(n.id, new Bounds(x, edgeY, 36, 36));
      }
    }
    Map<String, List<Point>> edges = new LinkedHashMap<>();
    if (deadline.isPresent()) {
      ProcessGraph.Deadline d = deadline.get();
      Bounds box = new Bounds(POOL_LABEL + MARGIN + columns * COLUMN + wider, rowCenter(deadlineLane, 0) - DEADLINE_HEIGHT / 2,
          DEADLINE_WIDTH, DEADLINE_HEIGHT);
      Bounds start = new Bounds(box.x() + 40, box.centerY() - 18, 36, 36);
      Bounds end = new Bounds(box.right() - 76, box.centerY() - 18, 36, 36);
      shapes.put(d.id(), box);
      shapes.put(d.startId(), start);
      shapes.put(d.endId(), end);
      edges.put(d.flowId(), List.of(new Point(start.right(), start.centerY()), new Point(end.x(), end.centerY())));
    }
    for (Flow f : graph.flows()) {
      if (onTop.contains(f.source)) {
        // Up just above the row, along it to the gap before the target's column, then across.
        Bounds from = shapes.get(f.source);
        Bounds to = shapes.get(f.target);
        int above = from.y() - lineDepth(f.source);
        if (graph.node(f.target).type.gateway() && to.y() > from.bottom() && to.x() > from.right()
            && !standsIn(shapes, to, to.centerX(), above, to.y())) {
          // Into a gateway in a lower row by its top corner: not down the gap before its column, where the names of
          // the events on the activity's bottom edge are written.
          edges.put(f.id, List.of(new Point(from.centerX(), from.y()), new Point(from.centerX(), above),
              new Point(to.centerX(), above), new Point(to.centerX(), to.y())));
          continue;
        }
        edges.put(f.id, List.of(new Point(from.centerX(), from.y()), new Point(from.centerX(), above),
            new Point(to.x() - 20, above), new Point(to.x() - 20, to.centerY()), new Point(to.x(), to.centerY())));
        continue;
      }
      Bounds from = shapes.get(f.source);
      Bounds to = shapes.get(f.target);
      Node source = graph.node(f.source);
      if (source.type == Type.BOUNDARY_EVENT && !onTop.contains(f.source) && to.bottom() < from.y()) {
        String host = source.attachedTo.orElseThrow();
        edges.put(f.id, upFromBoundary(from, shapes.get(host), to, columnRoom.getOrDefault(rank.get(host), 0)));
        continue;
      }
      if ((backEdges.contains(f.id) || to.x() <= from.x()) && source.type != Type.BOUNDARY_EVENT && twins(f) > 0) {
        // The second (third) flow back between the same two nodes 12 (24) px lower than the first.
        edges.put(f.id, back(from, to, 16 + 12 * twins(f)));
        continue;
      }
      if (!backEdges.contains(f.id) && source.type != Type.BOUNDARY_EVENT && to.x() > from.right()) {
        // Around above: the second (third) flow between the same two nodes 12 (24) px higher than the first.
        int level = twins(f) + (from.centerY() == to.centerY() && blocked(f, from, to, shapes) ? 1 : 0);
        if (level > 0) {
          edges.put(f.id, around(source, from, to, graph.node(f.target).type.gateway(), shapes, 12 * level,
              columnRoom.getOrDefault(rank.get(f.source), 0)));
          continue;
        }
      }
      edges.put(f.id, route(graph.node(f.source), lineDepth(f.source), from, to,
          backEdges.contains(f.id),
          graph.node(f.target).type.gateway(), besideHost(graph.node(f.source), graph.node(f.target))));
    }
    for (ProcessGraph.Association a : graph.associations()) {
      Bounds from = shapes.get(a.source());
      Bounds to = shapes.get(a.target());
      edges.put(a.id(), List.of(new Point(from.centerX(), from.bottom()), new Point(from.centerX(), to.y())));
    }
    List<Integer> rowLines = new ArrayList<>(rowTop.values());
    rowLines.add(pool.bottom());
    FlowRouter.route(graph, shapes, deadline.map(d -> List.of(d.id())).orElse(List.of()), edges, pool,
        lanes.isEmpty() ? List.of(pool) : lanes.values(), rowLines, namesUnder(shapes));
    List<List<Point>> edgesOfBands = new ArrayList<>(sides(pool));
    lanes.values().forEach(b -> edgesOfBands.addAll(sides(b)));
    return new Placement(pool, lanes, shapes, edges, labels(shapes, edges, pool, edgesOfBands));
  }

  /** Where bpmn-js writes the name of each named gateway and event (not a boundary event): centred under it. */
  private Map<String, Bounds> namesUnder(Map<String, Bounds> shapes) {
    Map<String, Bounds> names = new LinkedHashMap<>();
    for (Node n : graph.nodes()) {
      if ((n.type.event() || n.type.gateway()) && n.type != Type.BOUNDARY_EVENT && !n.name.isEmpty()
          && shapes.containsKey(n.id)) {
        Bounds b = shapes.get(n.id);
        Bounds text = labelBox(n.name, 0, 0, 0);
        names.put(n.id, new Bounds(b.centerX() - text.width() / 2, b.bottom(), text.width(), text.height()));
      }
    }
    return names;
  }

  /**
   * The box a label takes: one line as wide as its text, or its words wrapped in lines of at most 90 px; with
   * {@code slack} more room (for a box we write: bpmn-js wraps its text at the box's width), or none (for a box
   * bpmn-js makes, 90 px wide).
   */
  static Bounds labelBox(String text, int x, int y, int slack) {
    int lines = 1;
    int line = 0;
    int widest = 0;
    for (String word : text.strip().split("\\s+")) {
      int w = word.length() * LABEL_CHAR;
      if (line > 0 && line + LABEL_CHAR + w > LABEL_MAX_WIDTH - slack) {
        lines++;
        line = w;
      } else {
        line += (line > 0 ? LABEL_CHAR : 0) + w;
      }
      widest = Math.max(widest, line);
    }
    return new Bounds(x, y, Math.min(LABEL_MAX_WIDTH, widest + slack), lines * LABEL_LINE);
  }

  /**
   * Where the name of each named boundary event goes: the nearest place beside it (right of it under its activity,
   * left of it, below it right or left of the line out of it, then further out) that no flow crosses, no shape or
   * other label covers, and that is not nearer another event on the same activity. When there is none (a crowded
   * corner), the least bad: covering a shape is worst, then touching the event's own lines (the bug this is for:
   * bpmn-js writes the name under the event, on the line out of it), then reading as another event's, then
   * touching other lines.
   */
  private Map<String, Bounds> labels(Map<String, Bounds> shapes, Map<String, List<Point>> edges, Bounds pool,
      List<List<Point>> bands) {
    Map<String, Bounds> labels = new LinkedHashMap<>();
    List<Bounds> taken = new ArrayList<>(shapes.values());
    List<List<Point>> lines = new ArrayList<>(edges.values());
    for (Node n : graph.nodes()) {
      // What bpmn-js writes under a named event or gateway, about; or, when a flow runs there (out of a gateway's
      // bottom corner, into an end from below), the nearest place around the shape that no flow crosses.
      if ((n.type.event() || n.type.gateway()) && n.type != Type.BOUNDARY_EVENT && !n.name.isEmpty()
          && shapes.containsKey(n.id)) {
        Bounds b = shapes.get(n.id);
        Bounds text = labelBox(n.name, 0, 0, 0);
        Bounds under = new Bounds(b.centerX() - text.width() / 2, b.bottom(), text.width(), text.height());
        Bounds chosen = under;
        if (overlaps(under, taken) + touches(under, lines) > 0) {
          chosen = cheapest(around(b, n.name), c -> 1000 * overlaps(c, taken) + 100 * touches(c, lines)
              + (beside(c, pool) ? 1000 : 0));
          labels.put(n.id, chosen);
        }
        taken.add(chosen);
      }
    }
    for (Node n : graph.nodes()) {
      if (n.type != Type.BOUNDARY_EVENT || n.name.isEmpty()) {
        continue;
      }
      Bounds e = shapes.get(n.id);
      Bounds host = shapes.get(n.attachedTo.orElseThrow());
      int w = labelBox(n.name, 0, 0, LABEL_SLACK).width();
      int h = labelBox(n.name, 0, 0, LABEL_SLACK).height();
      boolean top = e.y() < host.y();
      int out = top ? -1 : 1;
      int under = top ? host.y() - 3 - h : host.bottom() + 3;
      int below = top ? e.y() - 2 - h : e.bottom() + 2;
      List<Bounds> siblings = graph.nodes().stream()
          .filter(o -> o != n && o.type == Type.BOUNDARY_EVENT && o.attachedTo.equals(n.attachedTo))
          .map(o -> shapes.get(o.id)).toList();
      List<Bounds> candidates = candidates(e, w, h, under, below, out, siblings);
      List<List<Point>> own = new ArrayList<>();
      List<List<Point>> others = new ArrayList<>();
      for (Flow f : graph.flows()) {
        (f.source.equals(n.id) ? own : others).add(edges.get(f.id));
      }
      for (ProcessGraph.Association a : graph.associations()) {
        (a.source().equals(n.id) ? own : others).add(edges.get(a.id()));
      }
      ToIntFunction<Bounds> cost = c -> 1000 * overlaps(c, taken) + 100 * touches(c, own) + 100 * touches(c, others)
          + (nearer(c, e, siblings) ? 50 : 0) + (beside(c, pool) ? 1000 : 0);
      Bounds chosen = cheapest(candidates, cost);
      Bounds twoLines = twoLines(n.name);
      if (Math.sqrt(distance(chosen, e)) > NEAR && twoLines.width() < w) {
        // Far in a crowded corner (between the lines out of two events, an association and the flows down the gaps
        // beside the activity): its words on two lines, narrower, where that fits nearer and costs no more.
        int under2 = top ? host.y() - 3 - twoLines.height() : under;
        int below2 = top ? e.y() - 2 - twoLines.height() : below;
        Bounds narrow = cheapest(candidates(e, twoLines.width(), twoLines.height(), under2, below2, out, siblings), cost);
        if (Math.sqrt(distance(narrow, e)) < Math.sqrt(distance(chosen, e))
            && cost.applyAsInt(narrow) <= cost.applyAsInt(chosen)) {
          chosen = narrow;
        }
      }
      labels.put(n.id, chosen);
      labelCost.put(n.id, cost.applyAsInt(chosen));
      taken.add(chosen);
    }
    // The names of the flows out of a deciding gateway ("yes", "no", a condition): beside the flow, near the gateway.
    List<List<Point>> linesAndBands = new ArrayList<>(lines);
    linesAndBands.addAll(bands);
    for (Flow f : graph.flows()) {
      List<Point> line = edges.get(f.id);
      if (f.name.isEmpty() || line == null || line.size() < 2) {
        continue;
      }
      Bounds text = labelBox(f.name, 0, 0, LABEL_SLACK);
      List<List<Point>> siblings = graph.flows().stream().filter(o -> o != f && o.source.equals(f.source))
          .map(o -> edges.get(o.id)).filter(o -> o != null && o.size() >= 2).toList();
      // Beside its own part first, else (when no place there is clear) anywhere beside its line; never outside the pool.
      List<Point> own = ownPart(line, siblings);
      List<Bounds> places = new ArrayList<>(besideFromStart(own, text.width(), text.height()));
      if (own != line) {
        places.addAll(besideFromStart(line, text.width(), text.height()));
      }
      ToIntFunction<Bounds> cost = c -> 1000 * overlaps(c, taken) + 100 * touches(c, linesAndBands)
          + (c.y() < pool.y() || c.bottom() > pool.bottom() ? 1000 : 0);
      Bounds chosen = cheapest(places, cost);
      Bounds twoLines = twoLines(f.name);
      if (offLine(chosen, own) > FLOW_NAME_OFF + 8 && twoLines.width() < text.width()) {
        // Pushed out from its line (no room on one line between the shapes at its ends): its words on two lines, beside
        // its own part, where that fits as near as a name is written first and costs no more. Before, LeadIntake's
        // "anything else" stood 28 px above its own flow, right under the flow over the top, and read as that one's.
        List<Bounds> near = besideFromStart(own, twoLines.width(), twoLines.height()).stream()
            .filter(c -> offLine(c, own) <= FLOW_NAME_OFF).toList();
        Bounds narrow = near.isEmpty() ? chosen : cheapest(near, cost);
        if (cost.applyAsInt(narrow) <= cost.applyAsInt(chosen)) {
          chosen = narrow;
        }
      }
      labels.put(f.id, chosen);
      taken.add(chosen);
    }
    return labels;
  }

  /** How far (px) a box is from the nearest piece of a line. */
  static int offLine(Bounds box, List<Point> line) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i + 1 < line.size(); i++) {
      Point a = line.get(i);
      Point c = line.get(i + 1);
      Bounds piece = new Bounds(Math.min(a.x(), c.x()), Math.min(a.y(), c.y()), Math.abs(c.x() - a.x()),
          Math.abs(c.y() - a.y()));
      best = Math.min(best, distance(box, piece));
    }
    return (int) Math.round(Math.sqrt(best));
  }

  /**
   * The part of a flow's line that is its own: past where it turns off the trunk it shares with other flows out of the
   * same shape (flows out of a gateway's bottom corner run down one line and turn off it one by one). Its name is written
   * there: on the trunk, the names of all the flows stood together by the gateway and none said which way was which
   * (ProjectDelivery's "Which health?": OnTrack, AtRisk, OffTrack).
   */
  static List<Point> ownPart(List<Point> line, List<List<Point>> siblings) {
    Point a = line.get(0);
    Point b = line.get(1);
    // Past the turn off the trunk (the last flow down the trunk too: the rest of the trunk is no place for its name).
    boolean shared = siblings.stream().anyMatch(o -> o.get(0).equals(a)
        && Integer.signum(o.get(1).x() - a.x()) == Integer.signum(b.x() - a.x())
        && Integer.signum(o.get(1).y() - a.y()) == Integer.signum(b.y() - a.y()));
    return shared && line.size() > 2 ? line.subList(1, line.size()) : line;
  }

  /**
   * The box of a name on at most two lines, as narrow as that allows (bpmn-js wraps a name at its box's width): the
   * words in two lines of about equal width, with {@link #LABEL_SLACK}.
   */
  static Bounds twoLines(String text) {
    String[] words = text.strip().split("\\s+");
    int best = Integer.MAX_VALUE;
    for (int cut = 1; cut < words.length; cut++) {
      int first = String.join(" ", Arrays.copyOfRange(words, 0, cut)).length() * LABEL_CHAR;
      int second = String.join(" ", Arrays.copyOfRange(words, cut, words.length)).length() * LABEL_CHAR;
      best = Math.min(best, Math.max(first, second));
    }
    return best == Integer.MAX_VALUE ? labelBox(text, 0, 0, LABEL_SLACK)
        : new Bounds(0, 0, best + LABEL_SLACK, 2 * LABEL_LINE);
  }

  /**
   * Whether a name would stick out of the pool's side (right of the last column, or over the pool's own name): a row
   * gets room above and below for what sticks out there (see {@link #spill}), a pool is as wide as its columns.
   */
  static boolean beside(Bounds c, Bounds pool) {
    return c.x() < pool.x() + POOL_LABEL || c.right() > pool.right();
  }

  /** How far (px) beside its line a sequence flow's name is written first; then 8, 16, 24 and 32 px further out. */
  static final int FLOW_NAME_OFF = 4;

  /**
   * The places of a flow's name beside its line ({@link #FLOW_NAME_OFF}, then 8 to 32 px further), nearest its source
   * first (where a modeller writes a gateway's "yes" and "no"), a place further out counted as 2 px further along for
   * each px.
   */
  private static List<Bounds> besideFromStart(List<Point> line, int w, int h) {
    return besideLine(line, w, h, FLOW_NAME_OFF, FLOW_NAME_OFF + 32, true).stream()
        .sorted(Comparator.comparingLong(b -> b.along() + 2L * b.off()))
        .map(Beside::box)
        .toList();
  }

  /** A place for a name beside a line: its box, how far along the line (px from its start), and how far out. */
  record Beside(Bounds box, int along, int off) {}

  /**
   * The places of a {@code w}×{@code h} name beside a line, every 4 px along it and {@code firstOff} to {@code lastOff}
   * px out in steps of 8: right or left of a vertical piece, above or below a horizontal one; centred on the point,
   * and with {@code shifted} also reaching back or on from it. In the line's order, nearest first at each point.
   */
  static List<Beside> besideLine(List<Point> line, int w, int h, int firstOff, int lastOff, boolean shifted) {
    List<Beside> out = new ArrayList<>();
    int[] shifts = shifted ? new int[] {0, -1, 1} : new int[] {0};
    int along = 0;
    for (int i = 0; i + 1 < line.size(); i++) {
      Point a = line.get(i);
      Point b = line.get(i + 1);
      int span = Math.abs(b.x() - a.x()) + Math.abs(b.y() - a.y());
      for (int d = 0; d <= span; d += 4) {
        int x = a.x() + Integer.signum(b.x() - a.x()) * d;
        int y = a.y() + Integer.signum(b.y() - a.y()) * d;
        for (int off = firstOff; off <= lastOff; off += 8) {
          for (int shift : shifts) {
            int sx = shift * (w / 2 - 2);
            int sy = shift * (h / 2 - 2);
            if (a.x() == b.x()) {
              out.add(new Beside(new Bounds(x + off, y - h / 2 + sy, w, h), along + d, off));
              out.add(new Beside(new Bounds(x - off - w, y - h / 2 + sy, w, h), along + d, off));
            } else {
              out.add(new Beside(new Bounds(x - w / 2 + sx, y - off - h, w, h), along + d, off));
              out.add(new Beside(new Bounds(x - w / 2 + sx, y + off, w, h), along + d, off));
            }
          }
        }
      }
      along += span;
    }
    return out;
  }

  /** The four sides of a box as lines. */
  static List<List<Point>> sides(Bounds b) {
    Point a = new Point(b.x(), b.y());
    Point c = new Point(b.right(), b.y());
    Point d = new Point(b.right(), b.bottom());
    Point e = new Point(b.x(), b.bottom());
    return List.of(List.of(a, c), List.of(c, d), List.of(d, e), List.of(e, a));
  }

  /** The first of the candidates that costs least; the first that costs nothing ends the search. */
  static Bounds cheapest(List<Bounds> candidates, ToIntFunction<Bounds> cost) {
    Bounds chosen = candidates.get(0);
    int best = Integer.MAX_VALUE;
    for (Bounds c : candidates) {
      int k = cost.applyAsInt(c);
      if (k < best) {
        best = k;
        chosen = c;
      }
      if (k == 0) {
        break;
      }
    }
    return chosen;
  }

  /**
   * The places a boundary event's name may go, nearest the event first: below it (on the side of the line out of it
   * that faces away from the other events on its edge), beside it under its activity on that side, then on the
   * other side; further out in steps of 4 px, down (up, on the top edge) as far as 40 px and sideways as far as 80.
   */
  private static List<Bounds> candidates(Bounds e, int w, int h, int under, int below, int out, List<Bounds> siblings) {
    // Away from the others on the same edge: left when one stands right of it, else right.
    boolean left = siblings.stream().anyMatch(o -> o.y() == e.y() && o.x() > e.x())
        && siblings.stream().noneMatch(o -> o.y() == e.y() && o.x() < e.x());
    List<Bounds> candidates = new ArrayList<>();
    for (int shift = 0; shift <= 40; shift += 4) {
      for (int dx = 0; dx <= 80; dx += 4) {
        Bounds belowRight = new Bounds(e.centerX() + 5 + dx, below + out * shift, w, h);
        Bounds belowLeft = new Bounds(e.centerX() - 5 - w - dx, below + out * shift, w, h);
        Bounds besideRight = new Bounds(e.right() + 2 + dx, under + out * shift, w, h);
        Bounds besideLeft = new Bounds(e.x() - 2 - w - dx, under + out * shift, w, h);
        if (dx == 0) {
          // Centred under (over) it: only clear past the turn of the line out of it, where a crowded row has room.
          candidates.add(new Bounds(e.centerX() - w / 2, below + out * shift, w, h));
        }
        for (Bounds c : left ? List.of(belowLeft, besideLeft, belowRight, besideRight)
            : List.of(belowRight, besideRight, belowLeft, besideLeft)) {
          candidates.add(c);
        }
      }
    }
    return nearestFirst(candidates, e);
  }

  /**
   * The places a gateway's or an event's name may go when not under it, nearest first: below it left or right of a
   * line out of its bottom, above it (centred, left, right), beside it; further out in steps of 4 px, as far as 60;
   * at each place its words in one box ({@code wide}), else a word a line ({@code narrow}).
   */
  static List<Bounds> around(Bounds b, String name) {
    Bounds written = labelBox(name, 0, 0, LABEL_SLACK);
    // Or a word a line, narrower (between two lines down a column): bpmn-js wraps the name at the box's width.
    String[] words = name.strip().split("\\s+");
    int longest = 0;
    for (String word : words) {
      longest = Math.max(longest, word.length() * LABEL_CHAR + LABEL_SLACK);
    }
    Bounds narrow = new Bounds(0, 0, Math.min(written.width(), longest), words.length * LABEL_LINE);
    return around(b, written, narrow);
  }

  private static List<Bounds> around(Bounds b, Bounds wide, Bounds narrow) {
    List<Bounds> candidates = new ArrayList<>();
    for (int out = 0; out <= 60; out += 4) {
      for (int dx = 0; dx <= 60; dx += 4) {
        for (Bounds size : List.of(wide, narrow)) {
          int w = size.width();
          int h = size.height();
          for (Bounds c : List.of(new Bounds(b.centerX() - 5 - w - dx, b.bottom() + out, w, h),
              new Bounds(b.centerX() + 5 + dx, b.bottom() + out, w, h),
              new Bounds(b.centerX() - w / 2, b.y() - h - 2 - out, w, h),
              new Bounds(b.centerX() - 5 - w - dx, b.y() - h - 2 - out, w, h),
              new Bounds(b.centerX() + 5 + dx, b.y() - h - 2 - out, w, h),
              new Bounds(b.x() - 2 - w - dx, b.bottom() - h + out, w, h),
              new Bounds(b.right() + 2 + dx, b.bottom() - h + out, w, h))) {
            candidates.add(c);
          }
        }
      }
    }
    return nearestFirst(candidates, b);
  }

  /** The candidates nearest {@code to} first; among as near, in the order made (a stable sort). */
  private static List<Bounds> nearestFirst(List<Bounds> candidates, Bounds to) {
    return candidates.stream().sorted(Comparator.comparingLong(c -> (int) distance(c, to))).toList();
  }

  /** Whether a label is nearer one of the other events on the activity than to its own: it would read as theirs. */
  private static boolean nearer(Bounds label, Bounds own, List<Bounds> others) {
    long mine = distance(label, own);
    return others.stream().anyMatch(o -> distance(label, o) < mine);
  }

  /**
   * Whether a label is nearer one of the other events on the activity than to its own, or as near and its middle nearer
   * theirs (under both, more under the other): a reader may take it for theirs.
   */
  private static boolean ambiguous(Bounds label, Bounds own, List<Bounds> others) {
    long mine = distance(label, own);
    int offMine = Math.abs(label.centerX() - own.centerX());
    return others.stream().anyMatch(o -> distance(label, o) < mine
        || distance(label, o) == mine && Math.abs(label.centerX() - o.centerX()) < offMine);
  }

  private static long distance(Bounds a, Bounds b) {
    long dx = Math.max(0, Math.max(a.x() - b.right(), b.x() - a.right()));
    long dy = Math.max(0, Math.max(a.y() - b.bottom(), b.y() - a.bottom()));
    return dx * dx + dy * dy;
  }

  /** How many of the boxes a label overlaps. */
  static int overlaps(Bounds box, List<Bounds> boxes) {
    int n = 0;
    for (Bounds b : boxes) {
      if (box.x() < b.right() && b.x() < box.right() && box.y() < b.bottom() && b.y() < box.bottom()) {
        n++;
      }
    }
    return n;
  }

  /** How many segments of the lines a label touches (2 px apart). */
  static int touches(Bounds box, Collection<List<Point>> lines) {
    int n = 0;
    for (List<Point> line : lines) {
      for (int i = 0; i + 1 < line.size(); i++) {
        Point a = line.get(i);
        Point c = line.get(i + 1);
        if (Math.min(a.x(), c.x()) <= box.right() + 2 && Math.max(a.x(), c.x()) >= box.x() - 2
            && Math.min(a.y(), c.y()) <= box.bottom() + 2 && Math.max(a.y(), c.y()) >= box.y() - 2) {
          n++;
        }
      }
    }
    return n;
  }


  /**
   * A flow from a boundary event on an activity's bottom edge to a node above it (the escalation
   * end of a time limit, in the lane of the role it escalates to): down out of the event, right
   * into the gap after the activity, up there, and into the node's side that faces the gap, rather
   * than round the activity's left.
   */
  private static List<Point> upFromBoundary(Bounds from, Bounds host, Bounds to, int room) {
    int below = from.bottom() + 10;
    int gap = host.right() + 15 + room;
    List<Point> points = new ArrayList<>();
    points.add(new Point(from.centerX(), from.bottom()));
    points.add(new Point(from.centerX(), below));
    points.add(new Point(gap, below));
    points.add(new Point(gap, to.centerY()));
    points.add(new Point(to.x() >= gap ? to.x() : to.right(), to.centerY()));
    return points;
  }

  /**
   * How many flows between the same two nodes come before this one (the yes and the no of an
   * {@code if} with nothing drawn in it, the empty arms of a {@code match}).
   */
  private int twins(Flow f) {
    int n = 0;
    for (Flow g : graph.flows()) {
      if (g == f) {
        break;
      }
      if (g.source.equals(f.source) && g.target.equals(f.target)) {
        n++;
      }
    }
    return n;
  }

  /**
   * Whether a straight flow along a row would run through a shape between its ends (the way
   * around a step: the no of an {@code if} without else, past the step of the yes).
   */
  private static boolean blocked(Flow f, Bounds from, Bounds to, Map<String, Bounds> shapes) {
    int y = from.centerY();
    for (Map.Entry<String, Bounds> e : shapes.entrySet()) {
      Bounds b = e.getValue();
      if (!e.getKey().equals(f.source) && !e.getKey().equals(f.target) && b.x() < to.x() && b.right() > from.right()
          && b.y() < y && b.bottom() > y) {
        return true;
      }
    }
    return false;
  }

  /**
   * A flow around what stands between its ends on their row, above it (a gateway's label and the
   * events on a step's bottom edge are below, and so is the way into another lane): up out of the
   * source (a gateway's top corner, else its right side and up), along {@code offset} above the
   * shapes between, and down into the target (a gateway's top corner, else its left side). When the
   * ends are in different rows, what stands between in the upper row counts, and so does what stands in
   * the source's or the target's column between the line and that end: then the flow leaves (enters) by
   * the side and goes up (down) in the gap between the columns.
   */
  private static List<Point> around(Node source, Bounds from, Bounds to, boolean intoGateway, Map<String, Bounds> shapes,
      int offset, int room) {
    int upper = Math.min(from.centerY(), to.centerY());
    int above = Math.min(from.y(), to.y());
    for (Bounds b : shapes.values()) {
      // What stands between in the upper half of the upper row: the steps, and an event on a step's top edge.
      if (b.x() < to.x() && b.right() > from.right() && b.bottom() > upper - ROW / 2 && b.y() < upper) {
        above = Math.min(above, b.y());
      }
    }
    above -= offset;
    boolean outOfTop = source.type.gateway() && !standsIn(shapes, from, from.centerX(), above, from.y());
    boolean intoTop = intoGateway && !standsIn(shapes, to, to.centerX(), above, to.y());
    List<Point> points = new ArrayList<>();
    if (outOfTop) {
      points.add(new Point(from.centerX(), from.y()));
      points.add(new Point(from.centerX(), above));
    } else {
      // Up beside the source, or, when something stands there in its column, in the gap after the column.
      int up = standsIn(shapes, from, from.right() + 15, above, from.centerY()) ? from.centerX() + COLUMN_HALF + 15 + room
          : from.right() + 15;
      points.add(new Point(from.right(), from.centerY()));
      points.add(new Point(up, from.centerY()));
      points.add(new Point(up, above));
    }
    if (intoTop) {
      points.add(new Point(to.centerX(), above));
      points.add(new Point(to.centerX(), to.y()));
    } else {
      int down = standsIn(shapes, to, to.x() - 15, above, to.centerY()) ? to.centerX() - COLUMN_HALF - 15 : to.x() - 15;
      points.add(new Point(down, above));
      points.add(new Point(down, to.centerY()));
      points.add(new Point(to.x(), to.centerY()));
    }
    return points;
  }

  /** Whether a shape other than {@code end} stands on the vertical line at {@code x} between {@code y1} and {@code y2}. */
  private static boolean standsIn(Map<String, Bounds> shapes, Bounds end, int x, int y1, int y2) {
    for (Bounds b : shapes.values()) {
      if (!b.equals(end) && b.x() <= x && b.right() >= x && b.y() < Math.max(y1, y2) && b.bottom() > Math.min(y1, y2)) {
        return true;
      }
    }
    return false;
  }

  private List<String> laneKeys() {
    List<String> keys = new ArrayList<>(graph.lanes().keySet());
    if (keys.isEmpty() || graph.nodes().stream().anyMatch(n -> n.lane.isEmpty())) {
      keys.add("");
    }
    return keys;
  }

  // ---- columns ------------------------------------------------------------------------------

  /** The edges a node's position depends on: its flows out, and a host to its boundary events. */
  private List<String[]> successors(Node n) {
    return successors.get(n.id);
  }

  private void rank() {
    // Depth-first from the start events finds the back edges; what remains is acyclic.
    Set<String> visited = new HashSet<>();
    Set<String> onStack = new HashSet<>();
    List<Node> roots = new ArrayList<>();
    graph.nodes().stream().filter(n -> n.type == Type.START_EVENT).forEach(roots::add);
    graph.nodes().stream().filter(n -> n.type != Type.START_EVENT).forEach(roots::add);
    for (Node r : roots) {
      if (!visited.contains(r.id) && (r.type == Type.START_EVENT || incoming.get(r.id).isEmpty())) {
        dfs(r.id, visited, onStack);
      }
    }
    for (Node r : roots) {
      if (!visited.contains(r.id)) {
        dfs(r.id, visited, onStack);
      }
    }
    Map<String, Integer> indegree = indegrees();
    Deque<String> ready = new ArrayDeque<>();
    graph.nodes().stream().filter(n -> indegree.get(n.id) == 0).forEach(n -> ready.add(n.id));
    graph.nodes().forEach(n -> rank.put(n.id, 0));
    while (!ready.isEmpty()) {
      String id = ready.poll();
      order.add(id);
      for (String[] s : successors(graph.node(id))) {
        if (backEdges.contains(s[1])) {
          continue;
        }
        int step = s[1].isEmpty() || besideHost(graph.node(id), graph.node(s[0])) ? 0 : 1;
        rank.merge(s[0], rank.get(id) + step, Math::max);
        if (indegree.merge(s[0], -1, Integer::sum) == 0) {
          ready.add(s[0]);
        }
      }
    }
    // A compensation activity stands below its host.
    for (ProcessGraph.Association a : graph.associations()) {
      rank.put(a.target(), rank.get(a.source()));
    }
  }

  /**
   * An end that a boundary event leads straight to (a time limit's breach or escalation) stands
   * below the activity, in the activity's column, rather than in the next column where the
   * process goes on.
   */
  private boolean besideHost(Node source, Node target) {
    return source.type == Type.BOUNDARY_EVENT && target.type == Type.END_EVENT && incoming.get(target.id).size() == 1;
  }

  private void dfs(String id, Set<String> visited, Set<String> onStack) {
    visited.add(id);
    onStack.add(id);
    for (String[] s : successors(graph.node(id))) {
      if (onStack.contains(s[0])) {
        backEdges.add(s[1]);
      } else if (!visited.contains(s[0])) {
        dfs(s[0], visited, onStack);
      }
    }
    onStack.remove(id);
  }

  // ---- lanes and rows -----------------------------------------------------------------------

  /**
   * A node without an owner (an event, a gateway) goes in the lane of the node before it. A merge (a gateway that
   * several flows come into) whose one way on goes to a step in the lane of one of them goes in that lane: the flows
   * from the other lanes come across once, as a modeller draws it, instead of the merge's way on crossing back (BookLending's
   * "no" of "Status is on loan?" ran through two lanes to a merge in the Lender lane and back up).
   */
  private void assignLanes() {
    Optional<String> first = graph.lanes().keySet().stream().findFirst();
    for (String id : order) {
      Node n = graph.node(id);
      if (n.lane.isPresent()) {
        continue;
      }
      List<String> before = incoming.get(id).stream()
          .filter(f -> !backEdges.contains(f.id))
          .map(f -> graph.node(f.source).lane)
          .filter(Optional::isPresent)
          .map(Optional::get)
          .toList();
      List<Flow> out = graph.flows().stream().filter(f -> f.source.equals(id)).toList();
      Optional<String> next = n.type.gateway() && before.size() > 1 && out.size() == 1
          ? graph.node(out.get(0).target).lane.filter(before::contains) : Optional.empty();
      n.lane = next.or(() -> before.stream().findFirst()).or(() -> first);
    }
  }

  /**
   * The rows, branch by branch: in a depth-first order (a branch and what it leads to before the next branch of the same
   * split), each node in the row of the node before it, or the next free one in its column; a branch of a split other
   * than its first starts below every row the branches before it took in its lane (a join stays in the row of its
   * first way in). So the branches of a split do not
   * interleave: before, in breadth-first order, the end of one branch's "no" took the row of the next branch, whose
   * steps then went a row further down, and so on, every "no" running down past the other branches' gateways
   * (PatientCare's "Whichever ends first", three parallel loops).
   */
  private void rows() {
    for (String id : depthFirst()) {
      Node n = graph.node(id);
      if (n.type == Type.BOUNDARY_EVENT || n.forCompensation || row.containsKey(id)) {
        continue; // a compensation activity is placed with its host, below it
      }
      int preferred = 0;
      for (Flow f : incoming.get(id)) {
        Node source = graph.node(f.source);
        if (backEdges.contains(f.id) || !source.lane.equals(n.lane)) {
          continue;
        }
        if (source.type == Type.BOUNDARY_EVENT) {
          preferred = row.getOrDefault(source.attachedTo.orElseThrow(), 0) + 1;
        } else {
          preferred = row.getOrDefault(source.id, 0);
          int since = placed.indexOf(source.id);
          if (since >= 0 && split(source) && incoming.get(id).stream().filter(g -> !backEdges.contains(g.id)).count() == 1) {
            int last = reach(id, new HashMap<>());
            for (String other : placed.subList(since + 1, placed.size())) {
              // Only what stands in the columns this branch takes (up to where it joins or ends) is in its way.
              int column = rank.get(other);
              if (graph.node(other).lane.equals(n.lane) && column >= rank.get(id) && column <= last) {
                preferred = Math.max(preferred, row.get(other) + 1);
              }
            }
          }
        }
        break;
      }
      int r = place(n, preferred);
      // What stands under the activity (its compensation, the end of a time limit) goes right
      // below it, before other branches take that place.
      for (String[] s : successors(n)) {
        if (!s[1].isEmpty()) {
          continue;
        }
        Node boundary = graph.node(s[0]);
        for (String[] t : successors(boundary)) {
          if (besideHost(boundary, graph.node(t[0])) && !row.containsKey(t[0])) {
            place(graph.node(t[0]), graph.node(t[0]).lane.equals(n.lane) ? r + 1 : 0);
          }
        }
        graph.associations().stream().filter(a -> a.source().equals(boundary.id) && !row.containsKey(a.target()))
            .forEach(a -> place(graph.node(a.target()), r + 1));
      }
    }
  }

  private int place(Node n, int preferred) {
    int r = preferred;
    Set<Integer> used = taken.computeIfAbsent(n.lane.orElse("") + "\u0000" + rank.get(n.id), k -> new HashSet<>());
    while (used.contains(r)) {
      r++;
    }
    used.add(r);
    row.put(n.id, r);
    placed.add(n.id);
    return r;
  }

  /** The last column a branch from {@code id} takes before it joins others (a node more than one flow comes into) or ends. */
  private int reach(String id, Map<String, Integer> seen) {
    Integer known = seen.get(id);
    if (known != null) {
      return known;
    }
    seen.put(id, rank.get(id));
    int last = rank.get(id);
    for (String[] s : successors(graph.node(id))) {
      if (!backEdges.contains(s[1]) && incoming.get(s[0]).stream().filter(g -> !backEdges.contains(g.id)).count() <= 1) {
        last = Math.max(last, reach(s[0], seen));
      }
    }
    seen.put(id, last);
    return last;
  }

  /** Per node, how many flows come into it, flows back left out. */
  private Map<String, Integer> indegrees() {
    Map<String, Integer> indegree = new HashMap<>();
    for (Node n : graph.nodes()) {
      indegree.putIfAbsent(n.id, 0);
      for (String[] s : successors(n)) {
        if (!backEdges.contains(s[1])) {
          indegree.merge(s[0], 1, Integer::sum);
        }
      }
    }
    return indegree;
  }

  /** Whether more than one flow goes on from a node (not counting flows back). */
  private boolean split(Node n) {
    return graph.flows().stream().filter(f -> f.source.equals(n.id) && !backEdges.contains(f.id)).count() > 1;
  }

  /**
   * The nodes in a topological order (flows back left out) that follows each branch to its end, or to a join that waits
   * for other branches, before the next branch of the same split.
   */
  private List<String> depthFirst() {
    Map<String, Integer> indegree = indegrees();
    Deque<String> ready = new ArrayDeque<>();
    List<Node> nodes = graph.nodes();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      if (indegree.get(nodes.get(i).id) == 0) {
        ready.push(nodes.get(i).id);
      }
    }
    List<String> out = new ArrayList<>();
    while (!ready.isEmpty()) {
      String id = ready.pop();
      out.add(id);
      List<String[]> next = successors(graph.node(id));
      for (int i = next.size() - 1; i >= 0; i--) {
        String[] s = next.get(i);
        if (!backEdges.contains(s[1]) && indegree.merge(s[0], -1, Integer::sum) == 0) {
          ready.push(s[0]);
        }
      }
    }
    return out;
  }

  // ---- edges --------------------------------------------------------------------------------

  /**
   * A flow back to an earlier column: down out of the source, along {@code depth} below the lower
   * of the two, up into the target.
   */
  private static List<Point> back(Bounds from, Bounds to, int depth) {
    int below = Math.max(from.bottom(), to.bottom()) + depth;
    return List.of(new Point(from.centerX(), from.bottom()), new Point(from.centerX(), below), new Point(to.centerX(), below),
        new Point(to.centerX(), to.bottom()));
  }

  private static List<Point> route(Node source, int turn, Bounds from, Bounds to, boolean back, boolean intoGateway,
      boolean underHost) {
    List<Point> points = new ArrayList<>();
    if (underHost && to.centerY() > from.bottom() && from.centerX() > to.right()) {
      // Straight down from the boundary event, then into the end's right side.
      points.add(new Point(from.centerX(), from.bottom()));
      points.add(new Point(from.centerX(), to.centerY()));
      points.add(new Point(to.right(), to.centerY()));
      return points;
    }
    if (source.type == Type.BOUNDARY_EVENT) {
      // Down just below the row, along it to the gap before the target's column, then across:
      // never through what stands below the activity (its compensation activity).
      int below = from.bottom() + turn;
      points.add(new Point(from.centerX(), from.bottom()));
      points.add(new Point(from.centerX(), below));
      points.add(new Point(to.x() - 20, below));
      points.add(new Point(to.x() - 20, to.centerY()));
      points.add(new Point(to.x(), to.centerY()));
      return points;
    }
    if (back || to.x() <= from.x()) {
      return back(from, to, 16);
    }
    if (from.centerY() == to.centerY()) {
      points.add(new Point(from.right(), from.centerY()));
      points.add(new Point(to.x(), to.centerY()));
      return points;
    }
    boolean down = to.centerY() > from.centerY();
    if (source.type.gateway()) {
      points.add(new Point(from.centerX(), down ? from.bottom() : from.y()));
      points.add(new Point(from.centerX(), to.centerY()));
      points.add(new Point(to.x(), to.centerY()));
      return points;
    }
    if (intoGateway) {
      points.add(new Point(from.right(), from.centerY()));
      points.add(new Point(to.centerX(), from.centerY()));
      points.add(new Point(to.centerX(), down ? to.y() : to.bottom()));
      return points;
    }
    int middle = to.x() - 25;
    points.add(new Point(from.right(), from.centerY()));
    points.add(new Point(middle, from.centerY()));
    points.add(new Point(middle, to.centerY()));
    points.add(new Point(to.x(), to.centerY()));
    return points;
  }
}
