package dev.flow.compiler.diagram;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a {@link Graph} as a Mermaid flowchart: the nodes (inside their subgraphs), then every
 * edge, then the colours of special edges ({@code linkStyle}) and the class of every node
 * ({@code classDef}, {@code class}). Nodes come before edges so that an edge never declares a
 * node or pulls one into a subgraph. Labels are always quoted and encoded; ids and class names
 * are the generators' own.
 */
final class FlowchartRenderer {
  private FlowchartRenderer() {}

  /** Pixels: wide enough for a line of {@link Label#WIDTH} characters, bold. */
  static final int WRAPPING_WIDTH = 420;
  /** Pixels between a node's text and its border (Mermaid's default is 15). */
  static final int PADDING = 10;
  static final int NODE_SPACING = 24;
  static final int RANK_SPACING = 22;
  /**
   * Between ranks of a tight chart ({@link Graph#tighten}): a chart with lanes is laid out by dagre as a compound
   * graph, a rank of steps being two layers apart with half this spacing each, so that every rank of a tall
   * chart gets 10 px shorter; closer still, a lane's title is covered by the lane above it.
   */
  static final int TIGHT_RANK_SPACING = 12;
  /** Between a node's text and its border in a tight chart: every node 8 px shorter. */
  static final int TIGHT_PADDING = 6;
  /**
   * Between a node's text and its border in a tighter chart ({@link Graph#tightenMore}), a chart with lanes still too
   * tall when tight: every node 4 px shorter again (NewHireSetup rendered 1010x916 tight, 993x872 tighter). Ranks
   * closer than tight made the arrows between steps vanish (8 px: every rank about 5 px shorter, but LeadIntake's
   * "Open the deal" and "Log source" touched), so the ranks are only a pixel closer ({@link #TIGHTER_RANK_SPACING}).
   */
  static final int TIGHTER_PADDING = 4;
  /**
   * Between ranks of a tighter chart: 1 px less than tight, every layer of a tall chart a pixel shorter (DocumentCollection
   * rendered 1302x908 at 12, 1302x892 at 11; the arrows between steps and the lanes' titles show as at 12).
   */
  static final int TIGHTER_RANK_SPACING = 11;
  /** Pixels above and below a subgraph's title. */
  static final int TITLE_MARGIN_TOP = 4;
  static final int TITLE_MARGIN_BOTTOM = 14;

  /** Background and border of a swimlane of a role and of a system. */
  private static final String ROLE_LANE_STYLE = "fill:#fffdf6,stroke:#f9a825,stroke-width:1px";
  private static final String SYSTEM_LANE_STYLE = "fill:#f6fbff,stroke:#1565c0,stroke-width:1px";
  private static final String REGION_STYLE = "fill:#fafafa,stroke:#9e9e9e,stroke-dasharray:5 4";
  private static final String ROW_STYLE = "fill:none,stroke:#e0e0e0";

  /**
   * @param lanes whether nodes are grouped in one subgraph per role or system (a region is then
   *     drawn in each lane that holds some of its nodes)
   */
  static String render(Graph graph, boolean lanes) {
    MermaidWriter w = new MermaidWriter();
    // Labels are wrapped by us (Label.WIDTH); Mermaid's own wrapping at 200px would wrap them again.
    // Tighter than Mermaid's defaults (15 px padding, 50 px between nodes and ranks), so that a
    // workflow fits a screen: measured on the examples in docs/architecture.md.
    w.line("---").line("config:").line("  flowchart:").line("    wrappingWidth: " + WRAPPING_WIDTH)
        .line("    padding: " + graph.padding()).line("    nodeSpacing: " + NODE_SPACING)
        .line("    rankSpacing: " + graph.rankSpacing())
        // Room under a subgraph's title: top to bottom, a lane's first node covered its title.
        .line("    subGraphTitleMargin:").line("      top: " + TITLE_MARGIN_TOP).line("      bottom: " + TITLE_MARGIN_BOTTOM)
        .line("---");
    w.line("flowchart " + graph.direction());
    w.indent();
    w.line("accTitle: " + safeTitle(graph.title()));
    List<String> styles = new ArrayList<>();
    Map<String, String> regionIds = new HashMap<>();
    if (lanes) {
      writeLanes(graph, w, styles, regionIds);
    } else {
      writeRegions(graph, w, styles);
    }
    List<Graph.Edge> edges = graph.edges();
    Map<Graph.EdgeKind, List<Integer>> special = new EnumMap<>(Graph.EdgeKind.class);
    for (int i = 0; i < edges.size(); i++) {
      Graph.Edge e = edges.get(i);
      String label = e.label().filter(l -> e.style() != Graph.EdgeStyle.INVISIBLE)
          .map(l -> "|" + MermaidWriter.quote(Label.plain(l)) + "|").orElse("");
      w.line(regionIds.getOrDefault(e.from(), e.from()) + " " + e.style().arrow() + label + " "
          + regionIds.getOrDefault(e.to(), e.to()));
      if (!e.kind().style().isEmpty()) {
        special.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(i);
      }
    }
    special.forEach((kind, indexes) -> w.line("linkStyle "
        + indexes.stream().map(String::valueOf).collect(Collectors.joining(",")) + " " + kind.style()));
    styles.forEach(w::line);
    Map<NodeKind, List<String>> byKind = new EnumMap<>(NodeKind.class);
    for (Graph.Node n : graph.nodes()) {
      byKind.computeIfAbsent(n.kind(), k -> new ArrayList<>()).add(n.id());
    }
    byKind.forEach((kind, ids) -> w.line("classDef " + kind.cssClass() + " " + kind.style()));
    byKind.forEach((kind, ids) -> w.line("class " + String.join(",", ids) + " " + kind.cssClass()));
    // A link's target is ours (an anchor or a file name made of identifiers), never free text.
    graph.links().forEach((id, href) -> w.line("click " + id + " href \"" + href + "\""));
    Map<String, String> nodeStyles = graph.nodeStyles();
    for (Graph.Node n : graph.nodes()) {
      if (nodeStyles.containsKey(n.id())) {
        w.line("style " + n.id() + " " + nodeStyles.get(n.id()));
      }
    }
    return w.toString();
  }

  /**
   * One subgraph per lane, in the order the lanes were made (the owner's first), every node in
   * one: a node without an owner of its own (the start, a decision, a wait, an end) is in the lane
   * of the node before it. Inside a lane, the part of a region (a {@code try}) that lies in it is a
   * subgraph of its own, so that a region that spans lanes shows in each.
   */
  private static void writeLanes(Graph graph, MermaidWriter w, List<String> styles, Map<String, String> regionIds) {
    Map<String, Graph.Lane> laneOf = lanes(graph);
    // An edge to or from a row (a column in a lane) names the row's subgraph in its lane.
    Set<String> rows = graph.regions().stream().filter(Graph.Region::row).map(Graph.Region::id).collect(Collectors.toSet());
    for (Graph.Node n : graph.nodes()) {
      n.region().filter(rows::contains).ifPresent(r -> {
        Graph.Lane lane = laneOf.get(n.id());
        if (lane != null) {
          regionIds.put(r, r + "_" + lane.id());
        }
      });
    }
    Map<Graph.Lane, List<Graph.Node>> lanes = new LinkedHashMap<>();
    List<Graph.Node> free = new ArrayList<>();
    for (Graph.Node n : graph.nodes()) {
      Graph.Lane lane = laneOf.get(n.id());
      if (lane != null) {
        lanes.computeIfAbsent(lane, l -> new ArrayList<>()).add(n);
      } else {
        free.add(n);
      }
    }
    writeRegions(graph, free, "", w, styles);
    lanes.forEach((lane, nodes) -> {
      w.line("subgraph " + lane.id() + " [" + MermaidWriter.quote(Label.titled(lane.title())) + "]");
      w.indent();
      // Mermaid lays out a subgraph that no edge leaves across the chart's direction unless told.
      w.line("direction " + graph.direction());
      writeRegions(graph, nodes, "_" + lane.id(), w, styles);
      w.dedent();
      w.line("end");
      styles.add("style " + lane.id() + " " + (lane.system() ? SYSTEM_LANE_STYLE : ROLE_LANE_STYLE));
    });
  }

  /**
   * The lane of every node: its own, else that of the first node before it with one, else the first lane (the
   * owner's). A node without a lane of its own reached from two or more lanes, the owner's one of them, is in the
   * owner's lane: the work of the workflow itself (a decision after a choice of approvers, a sub-workflow or the end
   * that several ways reach) rather than of whoever came first (Recruitment's salary questions sat in the Managing
   * director's lane, PaymentCollection's dunning in the e-mail system's).
   */
  static Map<String, Graph.Lane> lanes(Graph graph) {
    Map<String, Graph.Lane> laneOf = new HashMap<>();
    Optional<Graph.Lane> first = graph.nodes().stream().map(Graph.Node::lane).flatMap(Optional::stream).findFirst();
    Map<String, List<String>> sources = new HashMap<>();
    graph.edges().forEach(e -> sources.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from()));
    for (Graph.Node n : graph.nodes()) {
      List<Graph.Lane> from = sources.getOrDefault(n.id(), List.of()).stream().map(laneOf::get).filter(l -> l != null)
          .distinct().toList();
      Optional<Graph.Lane> lane = n.lane()
          .or(() -> first.filter(owner -> from.size() > 1 && from.contains(owner)))
          .or(() -> from.stream().findFirst())
          .or(() -> first);
      lane.ifPresent(l -> {
        laneOf.put(n.id(), l);
        // A row's lane is that of its last node, for the nodes after the row (their edges come from the row).
        n.region().ifPresent(r -> laneOf.put(r, l));
      });
    }
    graph.nodes().stream().filter(n -> forksToOtherLanes(graph, n, laneOf)).toList().forEach(n -> laneOf.remove(n.id()));
    return laneOf;
  }

  /**
   * Whether {@code n} is a gateway that splits into branches that all start in lanes other than its own, in two or
   * more: it is then drawn between the lanes, in none (branches all in one other lane leave it in its own: realworld
   * CheckCarVitals's four sensor checks). In its lane, the ways out and their labels would stay inside that lane down to
   * the branches' steps (dagre keeps what leaves a subgraph inside it for as many ranks as the subgraph spans), so a
   * lane with steps before and after the branches (the owner's, as in InterviewLoop) got as wide as all the labels.
   */
  private static boolean forksToOtherLanes(Graph graph, Graph.Node n, Map<String, Graph.Lane> laneOf) {
    Graph.Lane own = laneOf.get(n.id());
    if (n.kind() != NodeKind.GATEWAY || n.lane().isPresent() || n.region().isPresent() || own == null) {
      return false;
    }
    List<Graph.Lane> to = graph.edges().stream()
        .filter(e -> e.from().equals(n.id()) && e.style() != Graph.EdgeStyle.INVISIBLE)
        .map(e -> laneOf.get(e.to())).toList();
    return to.stream().distinct().count() > 1 && to.stream().noneMatch(l -> l == null || l.equals(own));
  }

  private static void writeRegions(Graph graph, MermaidWriter w, List<String> styles) {
    writeRegions(graph, graph.nodes(), "", w, styles);
  }

  /**
   * The nodes in the order they were made; a region is written where its first node would be.
   *
   * @param suffix added to every region id (a region drawn in several lanes needs an id in each)
   */
  private static void writeRegions(Graph graph, List<Graph.Node> nodes, String suffix, MermaidWriter w,
      List<String> styles) {
    Map<String, Graph.Region> regions = new LinkedHashMap<>();
    graph.regions().forEach(r -> regions.put(r.id(), r));
    Map<String, List<Graph.Node>> members = new LinkedHashMap<>();
    Map<String, List<String>> children = new LinkedHashMap<>();
    List<Object> top = new ArrayList<>(); // nodes and region ids, in order
    Set<String> placed = new LinkedHashSet<>();
    for (Graph.Node n : nodes) {
      if (n.region().isEmpty()) {
        top.add(n);
        continue;
      }
      members.computeIfAbsent(n.region().get(), r -> new ArrayList<>()).add(n);
      // Place the region's outermost ancestor (and the chain below it) where this node is.
      String id = n.region().get();
      while (placed.add(id)) {
        Optional<String> parent = regions.get(id).parent();
        if (parent.isEmpty()) {
          top.add(id);
          break;
        }
        children.computeIfAbsent(parent.get(), p -> new ArrayList<>()).add(id);
        id = parent.get();
      }
    }
    for (Object item : top) {
      if (item instanceof Graph.Node n) {
        writeNode(graph, n, w);
      } else {
        writeRegion(graph, (String) item, suffix, regions, members, children, w, styles);
      }
    }
  }

  private static void writeRegion(Graph graph, String id, String suffix, Map<String, Graph.Region> regions,
      Map<String, List<Graph.Node>> members, Map<String, List<String>> children, MermaidWriter w, List<String> styles) {
    Graph.Region region = regions.get(id);
    w.line("subgraph " + id + suffix + " [" + MermaidWriter.quote(Label.plain(region.title())) + "]");
    w.indent();
    region.direction().ifPresent(d -> w.line("direction " + d));
    members.getOrDefault(id, List.of()).forEach(n -> writeNode(graph, n, w));
    for (String child : children.getOrDefault(id, List.of())) {
      writeRegion(graph, child, suffix, regions, members, children, w, styles);
    }
    w.dedent();
    w.line("end");
    styles.add("style " + id + suffix + " " + (region.row() ? ROW_STYLE : REGION_STYLE));
  }

  private static void writeNode(Graph graph, Graph.Node n, MermaidWriter w) {
    w.line(graph.shape(n).node(n.id(), MermaidWriter.quote(n.label())));
  }

  /** The accessible title keeps letters, digits, dots and spaces only: it is not a quoted string. */
  private static String safeTitle(String title) {
    return title.replaceAll("[^A-Za-z0-9_. ]", " ").strip();
  }
}
