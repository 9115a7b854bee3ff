package dev.flow.compiler.diagram;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which way a chart with lanes reads best on a laptop screen (1,440 × 900 px): left to right, the
 * lanes are bands one above the other and the chart is as wide as its longest way through; top
 * to bottom, the lanes are columns side by side and the chart is as tall as that way. The sizes
 * are estimated from the graph (ranks along the longest way, nodes side by side in a lane), with
 * sizes fitted to the examples rendered by mermaid-cli (about 250 px a rank left to right, 115 top
 * to bottom); the direction that needs the
 * fewer screens wins, left to right on a tie (it reads like BPMN's lanes).
 */
final class LaneDirection {
  private LaneDirection() {}

  static final int SCREEN_WIDTH = 1440;
  static final int SCREEN_HEIGHT = 900;
  /** A rank left to right (a node, the gap after it, the frames of the lanes it crosses). */
  private static final int RANK_WIDTH = 250;
  /** A rank top to bottom (decisions are tall diamonds). */
  private static final int RANK_HEIGHT = 115;
  /** Left to right: a lane's title and frame, and each node side by side with another in a band. */
  private static final int LANE_HEIGHT = 50;
  private static final int NODE_HEIGHT = 60;
  /** Top to bottom: a lane's title and frame, and each node side by side with another in a column. */
  private static final int LANE_WIDTH = 120;
  private static final int NODE_WIDTH = 100;

  /** {@code true} when the chart {@code graph} (with lanes) needs fewer screens top to bottom. */
  static boolean topDown(Graph graph) {
    Map<String, Integer> rank = ranks(graph);
    if (rank.isEmpty()) {
      return false;
    }
    int ranks = rank.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    Map<String, Graph.Lane> laneOf = FlowchartRenderer.lanes(graph);
    Map<Graph.Lane, Map<Integer, Integer>> perRank = new HashMap<>();
    for (Graph.Node n : graph.nodes()) {
      Graph.Lane lane = laneOf.get(n.id());
      if (lane != null && rank.containsKey(n.id())) {
        perRank.computeIfAbsent(lane, l -> new HashMap<>()).merge(rank.get(n.id()), 1, Integer::sum);
      }
    }
    int across = 0;
    for (Map<Integer, Integer> counts : perRank.values()) {
      across += counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    }
    int lanes = perRank.size();
    double leftToRight = screens(ranks * RANK_WIDTH, across * NODE_HEIGHT + lanes * LANE_HEIGHT);
    double topToBottom = screens(across * NODE_WIDTH + lanes * LANE_WIDTH, ranks * RANK_HEIGHT);
    return topToBottom < leftToRight;
  }

  /** How many screens a picture of {@code width} × {@code height} needs in its longer overflow. */
  private static double screens(int width, int height) {
    return Math.max((double) width / SCREEN_WIDTH, (double) height / SCREEN_HEIGHT);
  }

  /**
   * The rank of every node reached from the first: the length of the longest way to it, not
   * counting edges back to a node on the way there (loops, jumps back).
   */
  static Map<String, Integer> ranks(Graph graph) {
    List<Graph.Node> nodes = graph.nodes();
    if (nodes.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> next = new HashMap<>();
    for (Graph.Edge e : graph.edges()) {
      next.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
    }
    // Depth first from the start, without recursion: the finishing order, reversed, is a
    // topological order of the edges that do not go back.
    List<String> finished = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> onPath = new HashSet<>();
    Set<String> back = new HashSet<>();
    Deque<Object[]> stack = new ArrayDeque<>();
    String start = nodes.get(0).id();
    seen.add(start);
    onPath.add(start);
    stack.push(new Object[] {start, 0});
    while (!stack.isEmpty()) {
      Object[] top = stack.peek();
      String id = (String) top[0];
      int i = (Integer) top[1];
      List<String> out = next.getOrDefault(id, List.of());
      if (i < out.size()) {
        top[1] = i + 1;
        String to = out.get(i);
        if (onPath.contains(to)) {
          back.add(id + "\u0000" + to);
        } else if (seen.add(to)) {
          onPath.add(to);
          stack.push(new Object[] {to, 0});
        }
      } else {
        stack.pop();
        onPath.remove(id);
        finished.add(id);
      }
    }
    Map<String, Integer> rank = new HashMap<>();
    for (int k = finished.size() - 1; k >= 0; k--) {
      String id = finished.get(k);
      int r = rank.getOrDefault(id, 0);
      rank.put(id, r);
      for (String to : next.getOrDefault(id, List.of())) {
        if (!back.contains(id + "\u0000" + to)) {
          rank.merge(to, r + 1, Math::max);
        }
      }
    }
    return rank;
  }
}
