package dev.flow.compiler.diagram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A flowchart before it is Mermaid text: nodes (in the order they were made), edges, and the
 * regions (subgraphs) that nodes sit in. Generators build one and {@link FlowchartRenderer} writes
 * it, so that the rules of Mermaid's syntax live in one place and the translation of a model in
 * another. Ids are made by the generators from fixed prefixes and Flow identifiers, never from
 * free text.
 */
final class Graph {
  /** How an edge is drawn. */
  enum EdgeStyle {
    SOLID("-->"),
    DOTTED("-.->"),
    THICK("==>"),
    /** Not drawn: only keeps its ends in order (Mermaid's {@code ~~~}). */
    INVISIBLE("~~~");

    private final String arrow;

    EdgeStyle(String arrow) {
      this.arrow = arrow;
    }

    String arrow() {
      return arrow;
    }
  }

  /** What an edge means, for its colour. */
  enum EdgeKind {
    NORMAL(""),
    /** A failure, a timeout or a rejection that ends badly. */
    FAILURE("stroke:#c62828,color:#b71c1c"),
    /** A {@code go to}. */
    JUMP("stroke:#ef6c00,color:#e65100");

    private final String style;

    EdgeKind(String style) {
      this.style = style;
    }

    /** The {@code linkStyle}, empty for the default look. */
    String style() {
      return style;
    }
  }

  /** A swimlane: a role or a system that nodes belong to. */
  record Lane(String id, String title, boolean system) {}

  /**
   * A subgraph drawn around nodes, such as the body of a {@code try}.
   *
   * @param direction the layout inside it ({@code LR}), when it differs from the chart's
   * @param row a straight run of steps laid out in a row, drawn with a faint frame
   */
  record Region(String id, String title, Optional<String> parent, Optional<String> direction, boolean row) {
    Region(String id, String title, Optional<String> parent) {
      this(id, title, parent, Optional.empty(), false);
    }

    Region(String id, String title, Optional<String> parent, Optional<String> direction) {
      this(id, title, parent, direction, false);
    }
  }

  record Node(String id, NodeKind kind, Label label, Optional<String> region, Optional<Lane> lane) {}

  record Edge(String from, String to, Optional<String> label, EdgeStyle style, EdgeKind kind) {}

  private final String direction;
  private final String title;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, Region> regions = new LinkedHashMap<>();
  private final Set<Edge> edges = new LinkedHashSet<>();
  private final Map<String, String> nodeStyles = new LinkedHashMap<>();
  private final Map<String, String> links = new LinkedHashMap<>();
  private boolean compact;
  /** 0 as drawn by default, 1 tight ({@link #tighten}), 2 tighter ({@link #tightenMore}). */
  private int tightness;

  /**
   * @param direction {@code TD} or {@code LR}
   * @param title the accessible title: identifiers and fixed words only
   */
  Graph(String direction, String title) {
    this.direction = direction;
    this.title = title;
  }

  String direction() {
    return direction;
  }

  /**
   * Decisions drawn as flat hexagons rather than diamonds (a diamond is as tall as its text is wide):
   * for a chart that is one picture however big ({@code --whole}, {@code --detail}).
   */
  void compactDecisions() {
    compact = true;
  }

  boolean compact() {
    return compact;
  }

  /**
   * Ranks drawn closer ({@link FlowchartRenderer#TIGHT_RANK_SPACING} rather than {@link FlowchartRenderer#RANK_SPACING}
   * between them) and text closer to the nodes' borders ({@link FlowchartRenderer#TIGHT_PADDING}): for a chart with
   * lanes that is one picture however big ({@code --whole --lanes}) and still too tall for a screen with flat decisions.
   */
  void tighten() {
    tightness = Math.max(tightness, 1);
  }

  /**
   * Text closer still to the nodes' borders ({@link FlowchartRenderer#TIGHTER_PADDING}), ranks a pixel closer
   * ({@link FlowchartRenderer#TIGHTER_RANK_SPACING}): for a
   * chart with lanes that is one picture however big and still too tall for a screen when tight.
   */
  void tightenMore() {
    tightness = 2;
  }

  boolean tight() {
    return tightness > 0;
  }

  boolean tighter() {
    return tightness > 1;
  }

  /** Pixels between two ranks as Mermaid is told to draw them. */
  int rankSpacing() {
    return tighter() ? FlowchartRenderer.TIGHTER_RANK_SPACING
        : tight() ? FlowchartRenderer.TIGHT_RANK_SPACING : FlowchartRenderer.RANK_SPACING;
  }

  /** Pixels between a node's text and its border as Mermaid is told to draw them. */
  int padding() {
    return tighter() ? FlowchartRenderer.TIGHTER_PADDING : tight() ? FlowchartRenderer.TIGHT_PADDING : FlowchartRenderer.PADDING;
  }

  /** The shape node {@code n} is drawn in: its kind's, but a decision of a compact chart is a hexagon. */
  Shape shape(Node n) {
    Shape shape = n.kind().shape();
    return compact && shape == Shape.RHOMBUS ? Shape.HEXAGON : shape;
  }

  String title() {
    return title;
  }

  Node add(Node node) {
    if (nodes.putIfAbsent(node.id(), node) != null) {
      throw new IllegalStateException("two nodes with id " + node.id());
    }
    return node;
  }

  void add(Region region) {
    if (regions.putIfAbsent(region.id(), region) != null) {
      throw new IllegalStateException("two regions with id " + region.id());
    }
  }

  /** Adds an edge; an edge equal to one already there is drawn once. */
  void edge(String from, String to, String label, EdgeStyle style, EdgeKind kind) {
    edges.add(new Edge(from, to, label == null || label.isBlank() ? Optional.empty() : Optional.of(label), style, kind));
  }

  /** How many nodes have been added so far. */
  int nodeCount() {
    return nodes.size();
  }

  /** How many regions have been added so far. */
  int regionCount() {
    return regions.size();
  }

  Optional<Node> node(String id) {
    return Optional.ofNullable(nodes.get(id));
  }

  Optional<Region> region(String id) {
    return Optional.ofNullable(regions.get(id));
  }

  /**
   * Draws as one box the notifications that are alike and lead to the same place: the same text, lane and region,
   * each with one way out, all to the same node the same way (PaymentCollection: four alternative ways to Dunning each
   * notify the billing e-mail). Only a text that is the same says the same, so with {@code --detail} (the message in
   * the box) they stay apart unless their messages are too. Only notifications in a lane of their own (a system's)
   * and not to a gateway: branches that run at once meet at a join, and there each notification is one of its own
   * (InterviewLoop's two "Notify Hiring manager"). The ways in of the others lead to the first.
   */
  void joinAlikeNotifications() {
    while (joinAlikeOnce()) {
      // Joined boxes may make the boxes before them alike too.
    }
  }

  private boolean joinAlikeOnce() {
    Map<String, List<Edge>> out = new LinkedHashMap<>();
    edges.forEach(e -> out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e));
    Map<List<Object>, String> first = new LinkedHashMap<>();
    Map<String, String> into = new LinkedHashMap<>();
    for (Node n : nodes.values()) {
      List<Edge> ways = out.getOrDefault(n.id(), List.of());
      if (n.kind() != NodeKind.NOTIFY || n.lane().isEmpty() || ways.size() != 1 || links.containsKey(n.id())
          || nodeStyles.containsKey(n.id())) {
        continue;
      }
      Edge way = ways.get(0);
      if (nodes.get(way.to()) == null || nodes.get(way.to()).kind() == NodeKind.GATEWAY) {
        // Ways to a gateway may be branches that run at once (a join): each notifies.
        continue;
      }
      List<Object> key = List.of(n.label().markup(), n.lane(), n.region(), way.to(), way.label(), way.style(), way.kind());
      String kept = first.putIfAbsent(key, n.id());
      if (kept != null) {
        into.put(n.id(), kept);
      }
    }
    if (into.isEmpty()) {
      return false;
    }
    List<Edge> all = new ArrayList<>(edges);
    edges.clear();
    for (Edge e : all) {
      if (!into.containsKey(e.from())) {
        edges.add(new Edge(e.from(), into.getOrDefault(e.to(), e.to()), e.label(), e.style(), e.kind()));
      }
    }
    into.keySet().forEach(nodes::remove);
    return true;
  }

  /** Makes a node a link (Mermaid's {@code click … href}); {@code href} is ours: an anchor or a file name. */
  void link(String nodeId, String href) {
    links.put(nodeId, href);
  }

  /** The links of nodes, by node id, in the order they were made. */
  Map<String, String> links() {
    return java.util.Collections.unmodifiableMap(links);
  }

  List<Node> nodes() {
    return List.copyOf(nodes.values());
  }

  List<Region> regions() {
    return List.copyOf(regions.values());
  }

  List<Edge> edges() {
    return new ArrayList<>(edges);
  }

  /** Gives one node a look of its own (Mermaid's {@code style}), over its kind's class. */
  void style(String nodeId, String css) {
    nodeStyles.put(nodeId, css);
  }

  /** The looks of single nodes, by node id. */
  Map<String, String> nodeStyles() {
    return Map.copyOf(nodeStyles);
  }
}
