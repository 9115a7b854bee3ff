package dev.flow.compiler.diagram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A workflow's chart that does not fit a laptop screen ({@link ChartSize}) as an overview and
 * detail charts. The overview folds parts of the workflow (a compound statement such as a
 * {@code parallel}, a {@code try} or a loop, or one branch or arm of one) into one box each,
 * titled in words and linked to the part's own chart; each detail chart draws the part from a
 * start "from the overview" to an end per place it leads back to. A detail that is still too big
 * is split the same way.
 *
 * <p>Which parts fold is decided from the graph alone, the same way every time: while the chart
 * is too big, of the parts whose own chart fits and whose folding makes the chart fit, the one
 * that leaves the overview showing the most work ({@link #shown}: steps and decisions, and the ways
 * it fails or is cancelled), then filling the screen most, folds (so that an overview shows the work
 * rather than a few boxes); when no one part is enough, the best two that are together, one after
 * the other; else the biggest statement or branch whose chart fits (by nodes; the earlier one on a
 * tie), else the biggest run of statements whose chart fits (parts already folded inside it count
 * as their box); when none would fit, the biggest statement or branch folds and its chart is
 * split in turn. The choice is made a second time with the biggest part of any kind (a run too)
 * folding when no one part or pair is enough, and the overview that shows more work is kept. Parts
 * of fewer than {@link #MIN_NODES} nodes never fold. With lanes, a part's box is in the lane of its
 * first step. A chart that nearly fits ({@link #nearlyFits}) is not split at all.
 */
final class ChartSplit {
  private ChartSplit() {}

  /** A part smaller than this stays in its chart, unless nothing bigger is left to fold. */
  static final int MIN_NODES = 4;
  /**
   * A statement or branch of this many nodes folds only when the chart is still too big and no
   * bigger part is left: four branches at once of a decision and a step each.
   */
  static final int MIN_SMALL_NODES = 3;
  /**
   * A part of more nodes than this never fits a screen at 100%, so runs of statements longer than
   * that are not offered as parts: there would be a number of them quadratic in a block's length.
   */
  static final int MAX_PART_NODES = 80;
  /**
   * A workflow drawn with more nodes than this is drawn as one chart: finding its parts costs more
   * than linear time in its size, and a chart of hundreds of steps is read by searching, not at a
   * glance (issue 18: no input takes super-linear time).
   */
  static final int MAX_SPLIT_NODES = 300;
  /**
   * A chart that the estimate puts at most this many screens big is not split ({@link #nearlyFits}): the estimate
   * is that far off (realworld ApproveLoan: estimated 908 px tall, rendered 851 px by mermaid-cli).
   */
  static final double NEAR_FIT = 1.06;

  /**
   * Whether a chart the estimate puts at {@code size} is drawn as one chart rather than split: at most {@link #NEAR_FIT}
   * screens; with lanes, only in height (the estimate errs tall there, but a chart with lanes side by side can render
   * wider than estimated: realworld PatientVitals, estimated 1450 wide, rendered 1790).
   */
  static boolean nearlyFits(ChartSize.Size size, boolean lanes) {
    return size.screens() <= NEAR_FIT && (!lanes || size.width() <= ChartSize.SCREEN_WIDTH);
  }

  /**
   * A part of a workflow's chart that may fold into one box.
   *
   * @param title the part in words: the box's title and the detail's heading
   * @param nodes the ids of the nodes drawn for it, in the order they were made
   * @param regions the ids of the regions (subgraphs) made for it
   * @param region the region the part sits in, where its box goes
   * @param run a run of statements rather than one statement or branch: folded only when no
   *     statement or branch would do
   * @param name a name for the part's key made of the names of its first and last step, or
   *     {@code ""} for the key to come from its first step or its title
   */
  record Chunk(String title, List<String> nodes, Set<String> regions, Optional<String> region, boolean run, String name) {}

  /**
   * One chart of a workflow.
   *
   * @param key {@code ""} for the overview (or the whole chart), else the part's key: a step's
   *     name or {@code part<n>}, unique in the workflow
   * @param title {@code ""} for the overview, else the part in words
   */
  record Part(String key, String title, Graph graph) {}

  /** The overview (or the whole chart, when it fits or nothing may fold) and then the details, each after its parent. */
  static List<Part> split(Graph whole, List<Chunk> chunks, UnaryOperator<String> href) {
    return split(whole, chunks, href, false);
  }

  /**
   * The same; with {@code compact}, a chart still too big for a screen when nothing more may fold (a part of a
   * chart with lanes that is a chain of a few steps and a decision) has flat hexagon decisions.
   */
  static List<Part> split(Graph whole, List<Chunk> chunks, UnaryOperator<String> href, boolean compact) {
    List<Chunk> distinct = new ArrayList<>();
    Set<List<String>> seen = new HashSet<>();
    for (Chunk c : chunks) {
      if (c.nodes().size() >= MIN_SMALL_NODES && seen.add(c.nodes())) {
        distinct.add(c);
      }
    }
    List<Part> out = new ArrayList<>();
    if (whole.nodes().size() > MAX_SPLIT_NODES) {
      out.add(new Part("", "", whole));
      return out;
    }
    if (nearlyFits(ChartSize.of(whole), compact)) {
      // A workflow that nearly fits one screen is drawn as one chart: an overview of a few boxes and one part
      // are two charts to follow for what one shows with a little scrolling, if any (the estimate is that close).
      out.add(new Part("", "", whole));
      return out;
    }
    // Titles cut to the same first words ("Salary over salary band?" and "Salary over salary band
    // times 1.1?") would get the same key: those parts are keyed by all of their title's words.
    Map<String, Set<String>> titlesOf = new HashMap<>();
    for (Chunk c : distinct) {
      titlesOf.computeIfAbsent(base(c), b -> new HashSet<>()).add(c.title());
    }
    Set<String> shared = new HashSet<>();
    titlesOf.forEach((b, titles) -> {
      if (titles.size() > 1) {
        shared.add(b);
      }
    });
    split(whole, "", "", distinct, href, out, new Keys(new HashSet<>(), shared, compact), whole.title());
    return out;
  }

  private static void split(Graph graph, String key, String title, List<Chunk> chunks, UnaryOperator<String> href,
      List<Part> out, Keys keys, String workflowTitle) {
    Map<String, Integer> position = new HashMap<>();
    List<Graph.Node> nodes = graph.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      position.put(nodes.get(i).id(), i);
    }
    List<Chunk> inside = chunks.stream().filter(c -> position.keySet().containsAll(c.nodes())).toList();
    // Two ways of choosing: when no one part (or two) is enough, the biggest statement or branch folds first, or the
    // biggest part of any kind (a run of statements too). The overview that shows the reader more of the work wins:
    // an overview of part boxes alone, with no step and no ending, tells a reader little (Recruitment).
    List<Chunk> folded = choose(graph, inside, position, href, false);
    if (!folded.isEmpty()) {
      List<Chunk> runsToo = choose(graph, inside, position, href, true);
      if (shown(fold(graph, runsToo, Map.of(), href)) > shown(fold(graph, folded, Map.of(), href))) {
        folded = runsToo;
      }
    }
    folded.sort(Comparator.comparingInt(c -> position.get(c.nodes().get(0))));
    Map<Chunk, String> keyOf = new LinkedHashMap<>();
    for (Chunk c : folded) {
      keyOf.put(c, key(c, keys));
    }
    Graph drawn = folded.isEmpty() ? graph : fold(graph, folded, keyOf, href);
    if (keys.compact() && !ChartSize.of(drawn).fits()) {
      drawn.compactDecisions(); // nothing more may fold
    }
    out.add(new Part(key, title, drawn));
    for (Chunk c : folded) {
      Set<String> mine = new HashSet<>(c.nodes());
      List<Chunk> within = chunks.stream().filter(x -> x != c && mine.containsAll(x.nodes())).toList();
      split(detail(graph, c, keyOf.get(c), workflowTitle), keyOf.get(c), c.title(), within, href, out, keys, workflowTitle);
    }
  }


  /**
   * The parts to fold in a chart, chosen one (or two) at a time while it is too big; with {@code runsToo}, when no
   * one part or pair is enough, the biggest part whose chart fits folds whether it is a statement or a run.
   */
  private static List<Chunk> choose(Graph graph, List<Chunk> inside, Map<String, Integer> position,
      UnaryOperator<String> href, boolean runsToo) {
    List<Chunk> folded = new ArrayList<>();
    Map<Chunk, Boolean> fitting = new java.util.IdentityHashMap<>();
    Graph current = graph;
    // The second of two parts chosen together: it folds next, rather than the choice being made again with the
    // first folded (which could pick a bigger part around the first and leave the overview poorer: LeadIntake).
    Chunk partner = null;
    while (!ChartSize.of(current).fits()) {
      List<Chunk> candidates = inside.stream()
          .filter(c -> !folded.contains(c) && folded.stream().allMatch(f -> c.nodes().containsAll(f.nodes())
              || java.util.Collections.disjoint(c.nodes(), f.nodes())))
          .toList();
      if (candidates.isEmpty()) {
        break;
      }
      Fold fold = new Fold(graph, folded, fitting, position, href);
      List<Chunk> big = candidates.stream().filter(c -> c.nodes().size() >= MIN_NODES).toList();
      List<Chunk> small = candidates.stream().filter(c -> !c.run()).toList();
      Optional<Chunk> chosen = partner != null && candidates.contains(partner) ? Optional.of(partner) : Optional.empty();
      partner = null;
      if (chosen.isEmpty()) {
        chosen = fold.last(big);
      }
      if (chosen.isEmpty()) {
        Optional<List<Chunk>> two = fold.pair(big);
        if (two.isPresent()) {
          chosen = Optional.of(two.get().get(0));
          partner = two.get().get(1);
        }
      }
      Chunk next = chosen.or(() -> runsToo ? fold.biggest(big) : fold.next(big)).or(() -> fold.last(small))
          .or(() -> fold.next(small)).orElse(null);
      if (next == null) {
        break;
      }
      folded.removeIf(f -> next.nodes().containsAll(f.nodes()));
      folded.add(next);
      // A part's chart changes when a part inside it folds: its fit is measured again.
      fitting.keySet().removeIf(c -> c.nodes().containsAll(next.nodes()));
      current = fold(graph, folded, Map.of(), href);
    }
    return folded;
  }

  /**
   * How much of the work an overview shows a reader: its steps, decisions and loops (not its part boxes, its start
   * or its completion), and each failure or cancellation twice, since the ways a workflow ends are what a reader of
   * an overview looks for first.
   */
  static int shown(Graph overview) {
    int shown = 0;
    for (Graph.Node n : overview.nodes()) {
      NodeKind k = n.kind();
      if (k == NodeKind.FAIL || k == NodeKind.CANCEL) {
        shown += 2;
      } else if (k != NodeKind.PART && k != NodeKind.START && k != NodeKind.COMPLETE) {
        shown++;
      }
    }
    return shown;
  }

  /**
   * The choice of the next part to fold in a chart, with the parts folded so far.
   *
   * @param fitting whether a part's own chart fits, for the parts measured so far
   */
  private record Fold(Graph graph, List<Chunk> folded, Map<Chunk, Boolean> fitting, Map<String, Integer> position,
      UnaryOperator<String> href, Map<Chunk, ChartSize.Size> alone, Map<Chunk, Integer> shownOf) {
    Fold(Graph graph, List<Chunk> folded, Map<Chunk, Boolean> fitting, Map<String, Integer> position,
        UnaryOperator<String> href) {
      this(graph, folded, fitting, position, href, new java.util.IdentityHashMap<>(), new java.util.IdentityHashMap<>());
    }

    /** The size of the chart with {@code c} folded too. */
    private ChartSize.Size alone(Chunk c) {
      return alone.computeIfAbsent(c, x -> ChartSize.of(ChartSplit.fold(graph, with(x), Map.of(), href)));
    }

    /**
     * The part whose chart fits and that, folded, makes the chart fit, leaving the overview that fills
     * the screen most ({@link ChartSize.Size#screens()} the closest to 1): a statement or branch before
     * a run, then the earlier one, when two fill it alike. An overview folds no more than it needs to:
     * folding the biggest part that fits would leave a few boxes on an empty screen.
     */
    Optional<Chunk> last(List<Chunk> candidates) {
      Chunk best = null;
      double most = 0;
      int bestShown = 0;
      for (Chunk c : candidates) {
        if (!fits(c)) {
          continue;
        }
        ChartSize.Size size = alone(c);
        double filled = size.screens();
        int shown = shownWith(c);
        if (size.fits() && (best == null || shown > bestShown || shown == bestShown && (filled > most + FILL_TIE
            || filled > most - FILL_TIE && earlier(c, best)))) {
          best = c;
          most = filled;
          bestShown = shown;
        }
      }
      return Optional.ofNullable(best);
    }

    /**
     * When no one part is enough but two are: the two parts whose charts fit and that, folded together, leave the
     * overview that fills the screen most, the earlier first (it folds first, the other next). Only pairs of the
     * {@link #PAIR_TRIES} parts that shrink the chart most are tried, so that a workflow of many
     * parts costs no more than that.
     */
    Optional<List<Chunk>> pair(List<Chunk> candidates) {
      List<Chunk> tried = candidates.stream().filter(this::fits)
          .sorted(Comparator.<Chunk>comparingDouble(c -> alone(c).screens())
              .thenComparingInt(c -> position.get(c.nodes().get(0))))
          .limit(PAIR_TRIES).toList();
      List<Chunk> best = null;
      double most = 0;
      int bestShown = 0;
      for (int i = 0; i < tried.size(); i++) {
        for (int j = i + 1; j < tried.size(); j++) {
          Chunk a = tried.get(i);
          Chunk b = tried.get(j);
          if (!java.util.Collections.disjoint(a.nodes(), b.nodes())) {
            continue;
          }
          List<Chunk> both = with(a);
          both.removeIf(f -> b.nodes().containsAll(f.nodes()));
          both.add(b);
          Graph overview = ChartSplit.fold(graph, both, Map.of(), href);
          ChartSize.Size size = ChartSize.of(overview);
          int shown = ChartSplit.shown(overview);
          if (size.fits() && (best == null || shown > bestShown || shown == bestShown && size.screens() > most + FILL_TIE)) {
            best = earlier(a, b) ? List.of(a, b) : List.of(b, a);
            most = size.screens();
            bestShown = shown;
          }
        }
      }
      return Optional.ofNullable(best);
    }

    /** How much of the work the chart shows with {@code c} folded too ({@link ChartSplit#shown}). */
    private int shownWith(Chunk c) {
      return shownOf.computeIfAbsent(c, x -> ChartSplit.shown(ChartSplit.fold(graph, with(x), Map.of(), href)));
    }

    /** The parts folded so far and {@code c}, the parts inside {@code c} left out. */
    private List<Chunk> with(Chunk c) {
      List<Chunk> with = new ArrayList<>(folded);
      with.removeIf(f -> c.nodes().containsAll(f.nodes()));
      with.add(c);
      return with;
    }

    /** Whether {@code c} goes before {@code other} on a tie: a statement before a run, then the earlier one. */
    private boolean earlier(Chunk c, Chunk other) {
      if (c.run() != other.run()) {
        return !c.run();
      }
      return position.get(c.nodes().get(0)) < position.get(other.nodes().get(0));
    }

    /**
     * When no one part is enough: the biggest statement or branch whose chart fits, else the biggest
     * run of statements whose chart fits (both with the parts already folded inside them folded), else
     * the biggest statement or branch, whose chart is split in turn.
     */
    Optional<Chunk> next(List<Chunk> candidates) {
      return nextOf(candidates);
    }

    /** The biggest part whose chart fits, a statement or a run (the earlier on a tie), else {@link #next}'s last choice. */
    Optional<Chunk> biggest(List<Chunk> candidates) {
      Comparator<Chunk> biggest = Comparator.<Chunk>comparingInt(c -> -c.nodes().size())
          .thenComparingInt(c -> position.get(c.nodes().get(0)));
      return candidates.stream().filter(this::fits).min(biggest).or(() -> nextOf(candidates));
    }

    private Optional<Chunk> nextOf(List<Chunk> candidates) {
      Comparator<Chunk> biggest = Comparator.<Chunk>comparingInt(c -> -c.nodes().size())
          .thenComparingInt(c -> position.get(c.nodes().get(0)));
      Optional<Chunk> statement = candidates.stream().filter(c -> !c.run() && fits(c)).min(biggest);
      return statement.or(() -> candidates.stream().filter(c -> c.run() && fits(c)).min(biggest))
          .or(() -> candidates.stream().filter(c -> !c.run()).min(biggest));
    }

    private boolean fits(Chunk c) {
      return fitting.computeIfAbsent(c, x -> ChartSplit.fits(graph, x, folded));
    }
  }

  /** How many parts, those that shrink a chart most, are tried two at a time. */
  static final int PAIR_TRIES = 12;

  /** Overviews that fill the screen within this much of each other ({@link ChartSize.Size#screens()}) tie. */
  private static final double FILL_TIE = 0.02;

  /** Whether the chart of part {@code c} fits a screen, with the parts already folded inside it folded. */
  private static boolean fits(Graph graph, Chunk c, List<Chunk> folded) {
    List<Chunk> inside = folded.stream().filter(f -> c.nodes().containsAll(f.nodes())).toList();
    Graph detail = detail(graph, c, "x", graph.title());
    return ChartSize.of(inside.isEmpty() ? detail : fold(detail, inside, Map.of(), key -> key)).fits();
  }

  /**
   * A key for a part: its name (a run's first and last step), else the name of the step it starts
   * with, else its title's first words ({@code salaryOverSalaryBand}), else {@code part<n>}; unique in
   * the workflow: a key taken already is replaced by all the words of the title
   * ({@code salaryOverSalaryBandTimes}), then by that and its first step's name, and only when that is
   * taken too a number is added.
   */
  private static String key(Chunk c, Keys keys) {
    String base = base(c);
    String longer = words(c.title(), LONG_KEY_WORDS);
    if (c.name().isEmpty() && !c.nodes().get(0).startsWith("s_") && keys.shared().contains(base) && !longer.isEmpty()) {
      base = longer;
    }
    if (base.isEmpty()) {
      base = "part" + (keys.taken().size() + 1);
    }
    String key = base;
    if (keys.taken().contains(key) && !longer.isEmpty() && !keys.taken().contains(longer)) {
      key = longer;
    }
    // Two parts of the same title (two loops over the same list) are told apart by their first step.
    String step = c.nodes().stream().filter(id -> id.startsWith("s_")).findFirst().map(id -> id.substring(2)).orElse("");
    String withStep = step.isEmpty() || key.toLowerCase(java.util.Locale.ROOT).endsWith(step.toLowerCase(java.util.Locale.ROOT))
        ? "" : key + Character.toUpperCase(step.charAt(0)) + step.substring(1);
    if (keys.taken().contains(key) && !withStep.isEmpty() && !keys.taken().contains(withStep)) {
      key = withStep;
    }
    for (int n = 2; !keys.taken().add(key); n++) {
      key = base + "_" + n;
    }
    return key;
  }

  /** A part's key before it is made unique: its name, the step it starts with, or its title's first words. */
  private static String base(Chunk c) {
    String first = c.nodes().get(0);
    return !c.name().isEmpty() ? c.name() : first.startsWith("s_") ? first.substring(2) : words(c.title());
  }

  /**
   * The keys of a workflow's parts, and how its charts are drawn.
   *
   * @param taken the keys given so far
   * @param shared the bases that parts of different titles share: those parts are keyed by their whole title
   * @param compact whether a chart still too big when nothing more may fold gets flat hexagon decisions
   */
  private record Keys(Set<String> taken, Set<String> shared, boolean compact) {}

  /** At most this many words of a title make a key that tells two parts apart. */
  static final int LONG_KEY_WORDS = 7;

  /** Words that say little in a key. */
  private static final Set<String> SMALL_WORDS =
      Set.of("a", "an", "the", "and", "or", "of", "in", "to", "at", "is", "more", "once", "from", "decision", "yes", "no",
          "which");

  /**
   * Up to four words of a title in camel case, letters and digits only: "Decision: Salary over
   * band?" is {@code salaryOverBand}.
   */
  static String words(String title) {
    return words(title, 4);
  }

  /** Up to {@code most} words of a title in camel case. */
  static String words(String title, int most) {
    StringBuilder out = new StringBuilder();
    int taken = 0;
    for (String word : title.split("[^A-Za-z0-9]+")) {
      if (taken == most || word.isEmpty() || SMALL_WORDS.contains(word.toLowerCase(java.util.Locale.ROOT))
          || word.chars().allMatch(Character::isDigit)) {
        continue;
      }
      out.append(taken == 0 ? Character.toLowerCase(word.charAt(0)) : Character.toUpperCase(word.charAt(0)))
          .append(word.substring(1));
      taken++;
    }
    return out.toString();
  }

  /** The graph with each part folded into one box that links to its detail. */
  static Graph fold(Graph graph, List<Chunk> folded, Map<Chunk, String> keys, UnaryOperator<String> href) {
    Map<String, String> boxOf = new HashMap<>();
    Map<String, Chunk> firstOf = new HashMap<>();
    for (int i = 0; i < folded.size(); i++) {
      Chunk c = folded.get(i);
      String box = "p" + (i + 1) + "_part";
      c.nodes().forEach(id -> boxOf.put(id, box));
      c.regions().forEach(id -> boxOf.put(id, box));
      firstOf.put(c.nodes().get(0), c);
    }
    Graph out = new Graph(graph.direction(), graph.title());
    for (Graph.Region r : graph.regions()) {
      if (!boxOf.containsKey(r.id())) {
        out.add(r);
      }
    }
    Map<String, String> styles = graph.nodeStyles();
    for (Graph.Node n : graph.nodes()) {
      Chunk c = firstOf.get(n.id());
      if (c != null) {
        String box = boxOf.get(n.id());
        out.add(new Graph.Node(box, NodeKind.PART, Label.titled(c.title()).line(steps(graph, c) + ", in a chart of its own"),
            c.region().filter(r -> out.region(r).isPresent()), lane(graph, c)));
        if (keys.containsKey(c)) {
          out.link(box, href.apply(keys.get(c)));
        }
      } else if (!boxOf.containsKey(n.id())) {
        out.add(n);
        if (styles.containsKey(n.id())) {
          out.style(n.id(), styles.get(n.id()));
        }
      }
    }
    Map<List<String>, Graph.Edge> merged = new LinkedHashMap<>();
    for (Graph.Edge e : graph.edges()) {
      String from = boxOf.getOrDefault(e.from(), e.from());
      String to = boxOf.getOrDefault(e.to(), e.to());
      if (from.equals(to)) {
        continue;
      }
      boolean touchesBox = !from.equals(e.from()) || !to.equals(e.to());
      List<String> key = touchesBox ? List.of(from, to) : List.of(from, to, String.valueOf(merged.size()));
      Graph.Edge edge = new Graph.Edge(from, to, e.label(), e.style(), e.kind());
      merged.merge(key, edge, ChartSplit::merge);
    }
    // A label on the way out of a box was said inside the part ("no" of a decision drawn in the part's chart):
    // on the box's only way out it tells the reader nothing; where a box has ways out to several places, the
    // labels tell them apart and stay. (A box whose only ways out are invisible layout edges has no exits here.)
    Map<String, Set<String>> exits = new HashMap<>();
    merged.values().stream().filter(e -> e.style() != Graph.EdgeStyle.INVISIBLE)
        .forEach(e -> exits.computeIfAbsent(e.from(), f -> new HashSet<>()).add(e.to()));
    Set<String> boxes = new HashSet<>(boxOf.values());
    merged.values().forEach(e -> out.edge(e.from(), e.to(),
        boxes.contains(e.from()) && exits.getOrDefault(e.from(), Set.of()).size() == 1 ? "" : e.label().orElse(""),
        e.style(), e.kind()));
    return out;
  }

  /**
   * The lane of a part's box in a chart with lanes: the lane of its steps when they are all in one
   * (the part's owner), else that of its first step, where the way into the part goes; none when no
   * node of it has a lane (a chart without lanes), and the box is then drawn in the lane of the node
   * before it.
   */
  static Optional<Graph.Lane> lane(Graph graph, Chunk c) {
    return c.nodes().stream().map(graph::node).flatMap(Optional::stream).map(Graph.Node::lane).flatMap(Optional::stream)
        .findFirst();
  }

  /** Two edges between the same two places as one: a label only if both say the same, solid and normal if either is. */
  private static Graph.Edge merge(Graph.Edge a, Graph.Edge b) {
    if (a.style() == Graph.EdgeStyle.INVISIBLE || b.style() == Graph.EdgeStyle.INVISIBLE) {
      return a.style() == Graph.EdgeStyle.INVISIBLE ? b : a; // an edge for the layout only adds nothing to one that shows
    }
    return new Graph.Edge(a.from(), a.to(), a.label().equals(b.label()) ? a.label() : Optional.empty(),
        a.style() == Graph.EdgeStyle.SOLID || b.style() == Graph.EdgeStyle.SOLID ? Graph.EdgeStyle.SOLID : a.style(),
        a.kind() == Graph.EdgeKind.NORMAL || b.kind() == Graph.EdgeKind.NORMAL ? Graph.EdgeKind.NORMAL : a.kind());
  }

  /** "3 steps": the nodes of a part that are work (not decisions, gateways or ends). */
  private static String steps(Graph graph, Chunk c) {
    Set<String> mine = new HashSet<>(c.nodes());
    long work = graph.nodes().stream().filter(n -> mine.contains(n.id())).filter(n -> isWork(n.kind())).count();
    return work == 1 ? "1 step" : work + " steps";
  }

  private static boolean isWork(NodeKind kind) {
    return kind == NodeKind.HUMAN || kind == NodeKind.APPROVAL || kind == NodeKind.SYSTEM || kind == NodeKind.NOTIFY
        || kind == NodeKind.WAIT || kind == NodeKind.RECEIVE || kind == NodeKind.CALL || kind == NodeKind.PART;
  }

  /**
   * The lane of a part's start "from the overview" when none of the part's nodes has a lane of its own (only
   * decisions, waits, receives): the lane the way into the part comes from in its parent's chart with lanes, so
   * that the part is drawn in that lane, as it is in the whole chart; none otherwise (the start is then in the
   * lane of the part's first step that has one) and in a chart without lanes.
   */
  private static Optional<Graph.Lane> wayIn(Graph graph, Chunk c, Set<String> mine) {
    if (lane(graph, c).isPresent() || graph.nodes().stream().allMatch(n -> n.lane().isEmpty())) {
      return Optional.empty();
    }
    Map<String, Graph.Lane> laneOf = FlowchartRenderer.lanes(graph);
    return graph.edges().stream().filter(e -> mine.contains(e.to()) && !mine.contains(e.from()))
        .map(e -> laneOf.get(e.from())).filter(l -> l != null).findFirst();
  }

  /** How many nodes of a part visible ways from outside it lead to. */
  private static long entries(Graph graph, Set<String> mine) {
    return graph.edges().stream().filter(e -> e.style() != Graph.EdgeStyle.INVISIBLE)
        .filter(e -> mine.contains(e.to()) && !mine.contains(e.from())).map(Graph.Edge::to).distinct().count();
  }

  /**
   * The chart of one part: a start "from the overview" with the edges that lead into the part,
   * its nodes and regions, and an end "back to the overview" for each place outside it that it
   * leads to, named after that place.
   */
  static Graph detail(Graph graph, Chunk c, String key, String workflowTitle) {
    Set<String> mine = new HashSet<>(c.nodes());
    mine.addAll(c.regions());
    Graph out = new Graph(graph.direction(), workflowTitle + " part " + key);
    String start = "d0_from";
    out.add(new Graph.Node(start, NodeKind.START, Label.titled(c.title()).line("from the overview"), Optional.empty(),
        wayIn(graph, c, mine)));
    for (Graph.Region r : graph.regions()) {
      if (c.regions().contains(r.id())) {
        out.add(new Graph.Region(r.id(), r.title(), r.parent().filter(c.regions()::contains), r.direction(), r.row()));
      }
    }
    Map<String, String> styles = graph.nodeStyles();
    Map<String, String> links = graph.links();
    for (Graph.Node n : graph.nodes()) {
      if (mine.contains(n.id())) {
        out.add(new Graph.Node(n.id(), n.kind(), n.label(), n.region().filter(c.regions()::contains), n.lane()));
        if (styles.containsKey(n.id())) {
          out.style(n.id(), styles.get(n.id()));
        }
        if (links.containsKey(n.id())) {
          out.link(n.id(), links.get(n.id()));
        }
      }
    }
    Map<String, String> backTo = new LinkedHashMap<>();
    for (Graph.Edge e : graph.edges()) {
      boolean from = mine.contains(e.from());
      boolean to = mine.contains(e.to());
      if (e.style() == Graph.EdgeStyle.INVISIBLE && from != to) {
        continue; // layout only: it would make an end no visible edge leads to
      }
      if (from && to) {
        out.edge(e.from(), e.to(), e.label().orElse(""), e.style(), e.kind());
      } else if (to) {
        // The label of the way in was said before the part ("yes" of a decision in the overview): kept only
        // where ways in reach different places of the part, which it tells apart.
        out.edge(start, e.to(), entries(graph, mine) > 1 ? e.label().orElse("") : "", e.style(), e.kind());
      } else if (from) {
        String end = backTo.computeIfAbsent(e.to(), t -> {
          String id = "d" + (backTo.size() + 1) + "_back";
          Label label = Label.titled("Back to the overview");
          // A part inside a part leads back to its parent's way back: "then: Back to the overview" says nothing.
          Optional<String> then = graph.node(t).filter(n -> !n.id().endsWith("_back")).map(n -> n.label().first())
              .filter(s -> !s.isBlank());
          out.add(new Graph.Node(id, NodeKind.PART, then.map(s -> label.line("then: " + s)).orElse(label),
              Optional.empty(), Optional.empty()));
          return id;
        });
        out.edge(e.from(), end, e.label().orElse(""), e.style(), e.kind());
      }
    }
    return out;
  }
}
