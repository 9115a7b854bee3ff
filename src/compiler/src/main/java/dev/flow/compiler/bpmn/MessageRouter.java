package dev.flow.compiler.bpmn;

import dev.flow.compiler.bpmn.Layout.Bounds;
import dev.flow.compiler.bpmn.Layout.Point;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Draws message flows between the pools of one file around what stands in their way: an orthogonal line on a grid of
 * the lines where nothing is drawn (the gaps between pools, the gaps between columns and between rows, and the lines
 * through the ends), the cheapest by length, bends and what it runs through. A line through a shape costs most; one
 * along a sequence flow or another message flow, through a name, or along a row inside a pool (where the sequence
 * flows run) costs more than the way around.
 */
final class MessageRouter {
  /** A shape in the way: more than any way around it. */
  private static final int THROUGH_SHAPE = 100_000;
  /** Lying on another line (a sequence flow, a message flow drawn before): a reader cannot tell them apart. */
  private static final int ON_LINE = 2_000;
  private static final int THROUGH_NAME = 600;
  /**
   * Through the name of its own end (written under an event): less than leaving by the far edge and around, so that a
   * flow out of an event into the pool below goes straight down, as a reader draws it.
   */
  private static final int THROUGH_OWN_NAME = 150;
  private static final int BEND = 40;
  /** Leaving (entering) by the edge that faces away from the other end. */
  static final int AWAY = 300;
  /** How far from a shape (px) a line must keep not to be drawn on its border. */
  private static final int CLEAR = 3;
  static final int RIGHT = 0;
  static final int LEFT = 1;
  static final int DOWN = 2;
  static final int UP = 3;
  /** The low bits of a heap entry that hold the state (node and way); the cost is above them. */
  private static final int STATE_BITS = 26;

  /** Where a message flow may leave or arrive: a point on an edge, the way the line goes there, and what it costs. */
  record End(int x, int y, int dir, int cost) {}

  private final int[] xs;
  private final int[] ys;
  private final List<Bounds> shapes;
  private final List<Bounds> names;
  /** The index (in {@code shapes}) of the shape each name belongs to. */
  private final int[] owners;
  private final List<Point[]> lines = new ArrayList<>();
  /** The shapes each elementary segment runs through (with {@link #CLEAR}), by segment; null when none. */
  private final int[][] hThrough;
  private final int[][] vThrough;
  /** The names each elementary segment runs through, by segment; null when none. */
  private final int[][] hNames;
  private final int[][] vNames;
  private final int[] hCost;
  private final int[] vCost;
  /** What lying on the message flows drawn before costs, by elementary segment. */
  private final int[] hPlaced;
  private final int[] vPlaced;

  /**
   * @param xs the vertical lines of the grid (column gaps, the middles of the ends, ...)
   * @param ys the horizontal lines (gaps between pools and between rows, the edges of the ends)
   * @param shapes every flow node's shape
   * @param names the boxes of the names written outside shapes
   * @param owners the index in {@code shapes} of the shape each name belongs to
   * @param pools the pools (a row inside a pool is where sequence flows run)
   * @param sequenceFlows the sequence flows' waypoints
   */
  MessageRouter(TreeSet<Integer> xs, TreeSet<Integer> ys, List<Bounds> shapes, List<Bounds> names, int[] owners,
      List<Bounds> pools, List<List<Point>> sequenceFlows) {
    this.xs = xs.stream().mapToInt(Integer::intValue).toArray();
    this.ys = ys.stream().mapToInt(Integer::intValue).toArray();
    this.shapes = shapes;
    this.names = names;
    this.owners = owners;
    for (List<Point> f : sequenceFlows) {
      for (int i = 0; i + 1 < f.size(); i++) {
        lines.add(new Point[] {f.get(i), f.get(i + 1)});
      }
    }
    int nx = this.xs.length;
    int ny = this.ys.length;
    hThrough = new int[nx * ny][];
    vThrough = new int[nx * ny][];
    hNames = new int[nx * ny][];
    vNames = new int[nx * ny][];
    hCost = new int[nx * ny];
    vCost = new int[nx * ny];
    hPlaced = new int[nx * ny];
    vPlaced = new int[nx * ny];
    // Along each grid line only what lies across it (or near it) can be in the way: found once per line.
    for (int iy = 0; iy < ny; iy++) {
      int y = this.ys[iy];
      List<Integer> across = near(shapes, b -> b.y() - CLEAR < y && y < b.bottom() + CLEAR);
      List<Integer> named = near(names, b -> b.y() - 1 < y && y < b.bottom() + 1);
      List<Point[]> on = lines.stream().filter(l -> l[0].y() == l[1].y() && Math.abs(l[0].y() - y) < 4).toList();
      boolean inPool = pools.stream().anyMatch(p -> y > p.y() && y < p.bottom());
      for (int ix = 0; ix + 1 < nx; ix++) {
        Point a = new Point(this.xs[ix], y);
        Point b = new Point(this.xs[ix + 1], y);
        int k = iy * nx + ix;
        hThrough[k] = through(a, b, shapes, across, CLEAR);
        hNames[k] = through(a, b, names, named, 1);
        // Along a row inside a pool, where the sequence flows run, a line costs twice its length.
        hCost[k] = (b.x() - a.x()) * (inPool ? 2 : 1) + onLines(a, b, on);
      }
    }
    for (int ix = 0; ix < nx; ix++) {
      int x = this.xs[ix];
      List<Integer> across = near(shapes, b -> b.x() - CLEAR < x && x < b.right() + CLEAR);
      List<Integer> named = near(names, b -> b.x() - 1 < x && x < b.right() + 1);
      List<Point[]> on = lines.stream().filter(l -> l[0].x() == l[1].x() && Math.abs(l[0].x() - x) < 4).toList();
      for (int iy = 0; iy + 1 < ny; iy++) {
        Point a = new Point(x, this.ys[iy]);
        Point b = new Point(x, this.ys[iy + 1]);
        int k = iy * nx + ix;
        vThrough[k] = through(a, b, shapes, across, CLEAR);
        vNames[k] = through(a, b, names, named, 1);
        vCost[k] = b.y() - a.y() + onLines(a, b, on);
      }
    }
  }

  /** The indexes of the boxes that pass the test. */
  private static List<Integer> near(List<Bounds> boxes, Predicate<Bounds> test) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < boxes.size(); i++) {
      if (test.test(boxes.get(i))) {
        out.add(i);
      }
    }
    return out;
  }

  /** The boxes (indexes, of {@code candidates}) a segment runs through or along (within {@code margin} px), or null. */
  private static int[] through(Point a, Point b, List<Bounds> boxes, List<Integer> candidates, int margin) {
    int[] found = null;
    for (int i : candidates) {
      if (crosses(a, b, boxes.get(i), margin)) {
        found = found == null ? new int[] {i} : append(found, i);
      }
    }
    return found;
  }

  private static int[] append(int[] a, int v) {
    int[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = v;
    return out;
  }

  /** What lying on the sequence flows costs. */
  private static int onLines(Point a, Point b, List<Point[]> lines) {
    int cost = 0;
    for (Point[] l : lines) {
      if (along(a, b, l[0], l[1])) {
        cost += ON_LINE;
      }
    }
    return cost;
  }

  /** Whether segment a-b passes through the box grown by {@code margin} (not just its border). */
  static boolean crosses(Point a, Point b, Bounds box, int margin) {
    return Math.min(a.x(), b.x()) < box.right() + margin && Math.max(a.x(), b.x()) > box.x() - margin
        && Math.min(a.y(), b.y()) < box.bottom() + margin && Math.max(a.y(), b.y()) > box.y() - margin;
  }

  /** Whether two segments lie on each other (parallel, less than 4 px apart, overlapping by more than 2 px). */
  private static boolean along(Point a, Point b, Point c, Point d) {
    if (a.y() == b.y() && c.y() == d.y() && Math.abs(a.y() - c.y()) < 4) {
      return Math.min(Math.max(a.x(), b.x()), Math.max(c.x(), d.x()))
          - Math.max(Math.min(a.x(), b.x()), Math.min(c.x(), d.x())) > 2;
    }
    if (a.x() == b.x() && c.x() == d.x() && Math.abs(a.x() - c.x()) < 4) {
      return Math.min(Math.max(a.y(), b.y()), Math.max(c.y(), d.y()))
          - Math.max(Math.min(a.y(), b.y()), Math.min(c.y(), d.y())) > 2;
    }
    return false;
  }

  /**
   * The cheapest line from one of {@code starts} to one of {@code ends}, leaving and arriving along the ends' ways;
   * {@code source} and {@code target} are the indexes of the end shapes in {@code shapes} (-1 for a pool), which the
   * line may touch at its ends. The line is kept: a later one that lies on it pays for it.
   */
  List<Point> route(List<End> starts, List<End> ends, int source, int target) {
    int nx = xs.length;
    int ny = ys.length;
    int states = nx * ny * 4;
    if (states >= 1 << STATE_BITS) {
      return List.of();
    }
    long[] dist = new long[states];
    int[] prev = new int[states];
    Arrays.fill(dist, Long.MAX_VALUE);
    Arrays.fill(prev, -1);
    // Cost and state in one long (the state in the low bits): a heap of primitives.
    Heap queue = new Heap();
    int[] endCost = new int[states];
    Arrays.fill(endCost, -1);
    for (End e : ends) {
      int ix = Arrays.binarySearch(xs, e.x());
      int iy = Arrays.binarySearch(ys, e.y());
      if (ix >= 0 && iy >= 0) {
        endCost[(iy * nx + ix) * 4 + e.dir()] = e.cost();
      }
    }
    for (End s : starts) {
      int ix = Arrays.binarySearch(xs, s.x());
      int iy = Arrays.binarySearch(ys, s.y());
      if (ix < 0 || iy < 0) {
        continue;
      }
      // The first step goes away from the edge, never along it.
      int node = step(ix, iy, s.dir());
      if (node < 0) {
        continue;
      }
      long c = s.cost() + segmentCost(ix, iy, s.dir(), source, target);
      int state = node * 4 + s.dir();
      if (c < dist[state]) {
        dist[state] = c;
        prev[state] = -2 - ((iy * nx + ix) * 4 + s.dir());
        queue.add(c << STATE_BITS | state);
      }
    }
    int found = -1;
    long best = Long.MAX_VALUE;
    while (!queue.isEmpty()) {
      long polled = queue.poll();
      long cost = polled >>> STATE_BITS;
      int state = (int) (polled & ((1L << STATE_BITS) - 1));
      if (cost > dist[state]) {
        continue;
      }
      if (cost >= best) {
        break;
      }
      if (endCost[state] >= 0 && cost + endCost[state] < best) {
        best = cost + endCost[state];
        found = state;
      }
      int node = state / 4;
      int dir = state % 4;
      int ix = node % nx;
      int iy = node / nx;
      for (int d = 0; d < 4; d++) {
        if (d == opposite(dir)) {
          continue;
        }
        int next = step(ix, iy, d);
        if (next < 0) {
          continue;
        }
        long c = cost + segmentCost(ix, iy, d, source, target) + (d == dir ? 0 : BEND);
        int ns = next * 4 + d;
        if (c < dist[ns]) {
          dist[ns] = c;
          prev[ns] = state;
          queue.add(c << STATE_BITS | ns);
        }
      }
    }
    if (found < 0) {
      return List.of();
    }
    List<Point> points = new ArrayList<>();
    int s = found;
    while (true) {
      int node = s / 4;
      points.add(0, new Point(xs[node % nx], ys[node / nx]));
      int p = prev[s];
      if (p <= -2) {
        int first = (-2 - p) / 4;
        points.add(0, new Point(xs[first % nx], ys[first / nx]));
        break;
      }
      s = p;
    }
    List<Point> out = simplify(points);
    for (int i = 0; i + 1 < out.size(); i++) {
      keep(out.get(i), out.get(i + 1));
    }
    return out;
  }

  /** The points where the line turns, and its ends. */
  private static List<Point> simplify(List<Point> points) {
    List<Point> out = new ArrayList<>();
    for (Point p : points) {
      int n = out.size();
      if (n >= 2 && (out.get(n - 2).x() == out.get(n - 1).x() && out.get(n - 1).x() == p.x()
          || out.get(n - 2).y() == out.get(n - 1).y() && out.get(n - 1).y() == p.y())) {
        out.set(n - 1, p);
      } else if (n == 0 || !out.get(n - 1).equals(p)) {
        out.add(p);
      }
    }
    return out;
  }

  private static int opposite(int dir) {
    return dir ^ 1;
  }

  /** The grid node one step from (ix, iy) in direction {@code dir}, or -1 past the grid's edge. */
  private int step(int ix, int iy, int dir) {
    int nx = xs.length;
    int x = ix + (dir == RIGHT ? 1 : dir == LEFT ? -1 : 0);
    int y = iy + (dir == DOWN ? 1 : dir == UP ? -1 : 0);
    if (x < 0 || x >= nx || y < 0 || y >= ys.length) {
      return -1;
    }
    return y * nx + x;
  }

  private long segmentCost(int ix, int iy, int dir, int source, int target) {
    int nx = xs.length;
    boolean across = dir == RIGHT || dir == LEFT;
    int fromX = dir == LEFT ? ix - 1 : ix;
    int fromY = dir == UP ? iy - 1 : iy;
    int k = fromY * nx + fromX;
    int[] through = across ? hThrough[k] : vThrough[k];
    int[] named = across ? hNames[k] : vNames[k];
    long cost = across ? hCost[k] + hPlaced[k] : vCost[k] + vPlaced[k];
    if (through != null) {
      Point a = new Point(xs[fromX], ys[fromY]);
      Point b = across ? new Point(xs[fromX + 1], ys[fromY]) : new Point(xs[fromX], ys[fromY + 1]);
      for (int i : through) {
        // The line's own ends may be touched (it starts and ends on their edges), not run through.
        if (i != source && i != target || crosses(a, b, shapes.get(i), -1)) {
          cost += THROUGH_SHAPE;
        }
      }
    }
    Point from = new Point(xs[fromX], ys[fromY]);
    Point to = across ? new Point(xs[fromX + 1], ys[fromY]) : new Point(xs[fromX], ys[fromY + 1]);
    for (int end : new int[] {source, target}) {
      // Along its own end's edge, or by it, not straight off it where it leaves (arrives): round its own gateway.
      if (end >= 0 && crosses(from, to, shapes.get(end), 1)
          && onEdge(from, shapes.get(end)) == onEdge(to, shapes.get(end))) {
        cost += ON_LINE;
      }
    }
    if (named != null) {
      for (int i : named) {
        if (owners[i] != source && owners[i] != target) {
          cost += THROUGH_NAME;
        } else if (!inside(xs[ix], ys[iy], names.get(i))) {
          // Its own end's name is paid once, where the line goes into it, not once per grid step inside it: a line on
          // a fine grid would otherwise go the long way round a gateway's name (BillingAndCollections' "no").
          cost += THROUGH_OWN_NAME;
        }
      }
    }
    return cost;
  }

  /** Whether a point lies on a box's edge. */
  private static boolean onEdge(Point p, Bounds b) {
    boolean inX = p.x() >= b.x() && p.x() <= b.right();
    boolean inY = p.y() >= b.y() && p.y() <= b.bottom();
    return inX && (p.y() == b.y() || p.y() == b.bottom()) || inY && (p.x() == b.x() || p.x() == b.right());
  }

  /** Whether a grid point lies inside a name's box (not on its edge). */
  private static boolean inside(int x, int y, Bounds box) {
    return x > box.x() && x < box.right() && y > box.y() && y < box.bottom();
  }

  /** Keeps a segment of a line drawn: a later line that lies on it pays for it. */
  private void keep(Point a, Point b) {
    int nx = xs.length;
    for (int iy = 0; iy < ys.length; iy++) {
      for (int ix = 0; ix < nx; ix++) {
        int k = iy * nx + ix;
        if (ix + 1 < nx && along(a, b, new Point(xs[ix], ys[iy]), new Point(xs[ix + 1], ys[iy]))) {
          hPlaced[k] += ON_LINE;
        }
        if (iy + 1 < ys.length && along(a, b, new Point(xs[ix], ys[iy]), new Point(xs[ix], ys[iy + 1]))) {
          vPlaced[k] += ON_LINE;
        }
      }
    }
  }

  /** A binary min-heap of longs. */
  private static final class Heap {
    private long[] items = new long[256];
    private int size;

    boolean isEmpty() {
      return size == 0;
    }

    void add(long v) {
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      int i = size++;
      while (i > 0 && items[(i - 1) / 2] > v) {
        items[i] = items[(i - 1) / 2];
        i = (i - 1) / 2;
      }
      items[i] = v;
    }

    long poll() {
      long top = items[0];
      long last = items[--size];
      int i = 0;
      while (2 * i + 1 < size) {
        int c = 2 * i + 1;
        if (c + 1 < size && items[c + 1] < items[c]) {
          c++;
        }
        if (items[c] >= last) {
          break;
        }
        items[i] = items[c];
        i = c;
      }
      items[i] = last;
      return top;
    }
  }

}
