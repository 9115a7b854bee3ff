package dev.flow.compiler.diagram;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An estimate of how big a flowchart top to bottom (without lanes) comes out when Mermaid draws
 * it, in pixels: the nodes are laid out in ranks along the longest way through (back edges
 * ignored), a rank is as tall as its tallest node and as wide as its nodes side by side. The sizes
 * of text, shapes and gaps are fitted to the examples rendered by mermaid-cli (see
 * docs/architecture.md, "Fitting a screen"); the estimate only has to tell a chart that fits a
 * laptop screen from one that does not, the same way every time. A chart with lanes is estimated
 * the same way, and then by its lanes: top to bottom, by how many there are (height) and which of them
 * stand side by side (width); left to right, as its bands stacked.
 */
final class ChartSize {
  private ChartSize() {}

  /** The screen a chart should fit: a laptop at 100 %. */
  static final int SCREEN_WIDTH = 1440;
  static final int SCREEN_HEIGHT = 900;
  /** Pixels a character of a label takes, on average. */
  private static final double CHAR_WIDTH = 7.6;
  private static final int LINE_HEIGHT = 24;
  /** A node's padding on each side (the chart's config) and its border. */
  private static final int PAD = FlowchartRenderer.PADDING + 2;
  /** Between two ranks, and more when an edge between them has a label. */
  private static final int RANK_GAP = FlowchartRenderer.RANK_SPACING + 18;
  /**
   * The same in a tight chart ({@link Graph#tighten}): 10 px less spacing made the examples' tall charts with lanes
   * 1.3–1.8 times 10 px shorter a rank (dagre puts layers of lane borders and edge labels between ranks), 14 px here.
   */
  private static final int TIGHT_RANK_GAP = RANK_GAP - 14;
  private static final int LABEL_GAP = 16;
  /** A region's title and frame above and below its nodes. */
  private static final int REGION_HEIGHT = 46;
  private static final int ROW_GAP = 55;
  /**
   * Mermaid's layout comes out shorter than the sum of its ranks (dagre packs ranks of small nodes
   * closer): the estimate's height is scaled by this, fitted to the examples.
   */
  private static final double HEIGHT_SCALE = 0.93;
  /**
   * Added to the height of a chart drawn top to bottom with lanes (flowchart TB): of two or more lanes, of one,
   * and of none (a part whose nodes have no lane); fitted to the examples and the valid models rendered by
   * mermaid-cli (docs/architecture.md, "Charts with lanes split too").
   */
  static final int LANES_HEIGHT = 25;
  static final int ONE_LANE_HEIGHT = 120;
  static final int LANELESS_HEIGHT = -20;
  /** Left to right with lanes: a lane's title, frame and the gap to the next band. */
  private static final int LANE_FRAME = 50;
  /** Top to bottom with lanes: a lane's frame left and right of its widest rank. */
  private static final int LANE_SIDES = 40;

  /** Width and height in pixels. */
  record Size(int width, int height) {
    boolean fits() {
      return width <= SCREEN_WIDTH && height <= SCREEN_HEIGHT;
    }

    /** How many screens the chart needs in its longer overflow (1 or less: it fits). */
    double screens() {
      return Math.max((double) width / SCREEN_WIDTH, (double) height / SCREEN_HEIGHT);
    }
  }

  static Size of(Graph drawn) {
    Graph graph = regionEdgesToNodes(drawn);
    // Left to right, a rank is a column: the same estimate with every node turned on its side, turned back.
    boolean across = drawn.direction().equals("LR");
    Map<String, Integer> rank = LaneDirection.ranks(graph);
    if (rank.isEmpty()) {
      return new Size(0, 0);
    }
    int ranks = rank.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    int[] tall = new int[ranks];
    int[] wide = new int[ranks];
    boolean[] labelled = new boolean[ranks];
    int[] labelWidth = new int[ranks];
    Map<String, int[]> rowSizes = new HashMap<>();
    Map<String, Integer> widths = new HashMap<>();
    // Left to right with lanes, the lanes are bands one above the other: each as tall as its own nodes
    // side by side in a rank, and the chart as tall as its bands together.
    // Top to bottom, the lanes are counted for the height, and lanes whose ranks overlap stand side by side
    // (sideBySide: Mermaid stacks a lane below another only when all its steps come after the other's).
    Map<String, Graph.Lane> laneOf = graph.nodes().stream().anyMatch(n -> n.lane().isPresent())
        ? FlowchartRenderer.lanes(graph) : Map.of();
    Map<Graph.Lane, int[]> bands = new java.util.LinkedHashMap<>();
    for (Graph.Node n : graph.nodes()) {
      int[] size = across ? turned(size(graph, n)) : size(graph, n);
      widths.put(n.id(), size[0]);
      Optional<Graph.Region> row = n.region().flatMap(graph::region).filter(Graph.Region::row);
      if (row.isPresent() && !rank.containsKey(n.id())) {
        int[] r = rowSizes.computeIfAbsent(row.get().id(), k -> new int[] {-ROW_GAP + 2 * PAD, 0});
        r[0] += size[0] + ROW_GAP;
        r[1] = Math.max(r[1], size[1] + REGION_HEIGHT / 2);
        continue;
      }
      Integer at = rank.get(n.id());
      if (at != null) {
        place(tall, wide, at, size);
        band(bands, laneOf.get(n.id()), ranks, at, size);
      }
    }
    rowSizes.forEach((id, size) -> {
      Integer at = rank.get(id);
      if (at != null) {
        place(tall, wide, at, size);
        band(bands, laneOf.get(id), ranks, at, size);
      }
    });
    rowSizes.forEach((id, size) -> widths.put(id, size[0]));
    for (Graph.Edge e : graph.edges()) {
      Integer from = rank.get(e.from());
      Integer to = rank.get(e.to());
      if (from != null && to != null && to > from + 1) {
        // An edge past ranks keeps a column open beside their nodes, about as wide as its ends.
        int column = (widths.getOrDefault(e.from(), 0) + widths.getOrDefault(e.to(), 0)) / 2;
        for (int r = from + 1; r < to; r++) {
          wide[r] += FlowchartRenderer.NODE_SPACING + column;
        }
      }
    }
    for (Graph.Edge e : graph.edges()) {
      Integer at = rank.get(e.to());
      if (at != null && e.label().isPresent() && e.style() != Graph.EdgeStyle.INVISIBLE) {
        labelled[at] = true;
        int text = (int) (e.label().get().length() * CHAR_WIDTH * 0.85);
        if (across) {
          // Left to right a label lies in the gap before its rank, which gets as long as the label.
          labelWidth[at] = Math.max(labelWidth[at], text);
        } else {
          wide[at] += text;
        }
      }
    }
    int height = 0;
    int width = 0;
    for (int r = 0; r < ranks; r++) {
      int gap = graph.tight() ? TIGHT_RANK_GAP : RANK_GAP;
      height += tall[r] + (r > 0 ? gap + (labelled[r] ? LABEL_GAP : 0) : 0) + labelWidth[r];
      width = Math.max(width, wide[r]);
    }
    int stacked = 0;
    for (int[] band : bands.values()) {
      stacked += java.util.Arrays.stream(band).max().orElse(0) + LANE_FRAME;
    }
    if (across) {
      width = Math.max(width, stacked);
    } else if (bands.size() > 1) {
      width = Math.max(width, sideBySide(bands));
    }
    // A try region's frame and title, above and below what it holds.
    long frames = graph.regions().stream().filter(r -> !r.row() && r.parent().isEmpty()).count();
    height += (int) frames * REGION_HEIGHT;
    if (across) {
      return new Size((int) ((height + 2 * PAD) * HEIGHT_SCALE), width + 2 * PAD);
    }
    int high = (int) ((height + 2 * PAD) * HEIGHT_SCALE);
    if (graph.direction().equals("TB")) {
      // With lanes top to bottom (a chart of --lanes): one lane's title and frame make the chart taller than
      // its ranks; with two or more side by side, Mermaid packs the ranks closer and the chart comes out
      // about as tall as without; a part of --lanes with no lane at all (decisions, waits) comes out shorter.
      high += bands.size() == 0 ? LANELESS_HEIGHT : bands.size() == 1 ? ONE_LANE_HEIGHT : LANES_HEIGHT;
    }
    return new Size(width + 2 * PAD, high);
  }

  /**
   * Top to bottom, how wide the lanes side by side make the chart. Mermaid lays out a chart with lanes as one compound
   * graph (dagre): a lane is a box from its first rank to its last, as wide as its widest rank, and two lanes whose
   * ranks overlap (the way through goes from one to the other and back) stand side by side, while a lane whose steps
   * all come after another's is stacked below it. So the chart is as wide as the lanes that share its widest rank.
   */
  private static int sideBySide(Map<Graph.Lane, int[]> bands) {
    int ranks = bands.values().iterator().next().length;
    int[] across = new int[ranks];
    for (int[] band : bands.values()) {
      int first = -1;
      int last = -1;
      int widest = 0;
      for (int r = 0; r < ranks; r++) {
        if (band[r] > 0) {
          first = first < 0 ? r : first;
          last = r;
          widest = Math.max(widest, band[r]);
        }
      }
      for (int r = Math.max(first, 0); r <= last; r++) {
        across[r] += (across[r] > 0 ? FlowchartRenderer.NODE_SPACING : 0) + widest + LANE_SIDES;
      }
    }
    return java.util.Arrays.stream(across).max().orElse(0);
  }

  private static int[] turned(int[] size) {
    return new int[] {size[1], size[0]};
  }

  /**
   * The graph with an edge from a region (a {@code try}'s failure path) leaving from the region's
   * last node and one into it entering its first, so that the nodes it leads to are ranked; a row
   * stays a node of its own (it is laid out as one).
   */
  private static Graph regionEdgesToNodes(Graph graph) {
    Map<String, String> first = new HashMap<>();
    Map<String, String> last = new HashMap<>();
    for (Graph.Node n : graph.nodes()) {
      Optional<String> r = n.region();
      while (r.isPresent()) {
        first.putIfAbsent(r.get(), n.id());
        last.put(r.get(), n.id());
        r = graph.region(r.get()).flatMap(Graph.Region::parent);
      }
    }
    Set<String> rows = new HashSet<>();
    graph.regions().stream().filter(Graph.Region::row).forEach(r -> rows.add(r.id()));
    Graph out = new Graph(graph.direction(), graph.title());
    if (graph.compact()) {
      out.compactDecisions();
    }
    if (graph.tighter()) {
      out.tightenMore();
    } else if (graph.tight()) {
      out.tighten();
    }
    graph.regions().forEach(out::add);
    graph.nodes().forEach(out::add);
    for (Graph.Edge e : graph.edges()) {
      String from = rows.contains(e.from()) ? e.from() : last.getOrDefault(e.from(), e.from());
      String to = rows.contains(e.to()) ? e.to() : first.getOrDefault(e.to(), e.to());
      out.edge(from, to, e.label().orElse(""), e.style(), e.kind());
    }
    return out;
  }

  /** Adds a node (or a column) of a lane to that lane's band, left to right. */
  private static void band(Map<Graph.Lane, int[]> bands, Graph.Lane lane, int ranks, int at, int[] size) {
    if (lane != null) {
      int[] band = bands.computeIfAbsent(lane, l -> new int[ranks]);
      band[at] += (band[at] > 0 ? FlowchartRenderer.NODE_SPACING : 0) + size[0];
    }
  }

  private static void place(int[] tall, int[] wide, int at, int[] size) {
    tall[at] = Math.max(tall[at], size[1]);
    wide[at] += (wide[at] > 0 ? FlowchartRenderer.NODE_SPACING : 0) + size[0];
  }

  /** Width and height of a node, from its label and shape. */
  private static int[] size(Graph graph, Graph.Node n) {
    int text = (int) Math.ceil(n.label().columns() * CHAR_WIDTH);
    int lines = n.label().height() * LINE_HEIGHT;
    int pad = graph.padding() + 2;
    int w = text + 2 * pad;
    int h = lines + 2 * pad;
    Shape shape = graph.shape(n);
    if (shape == Shape.RHOMBUS) {
      int side = text + lines + 2 * pad;
      return new int[] {side, side};
    }
    if (shape == Shape.HEXAGON) {
      return new int[] {w + h / 2, h};
    }
    if (shape == Shape.PARALLELOGRAM || shape == Shape.TRAPEZOID_ALT || shape == Shape.ASYMMETRIC) {
      return new int[] {w + h / 2, h};
    }
    return new int[] {w + (shape == Shape.SUBROUTINE ? 16 : 0), h};
  }
}
