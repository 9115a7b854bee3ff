package dev.flow.compiler.diagram;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.ExprPrinter;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.ast.TypedFails;
import dev.flow.compiler.diagram.Graph.EdgeKind;
import dev.flow.compiler.diagram.Graph.EdgeStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Translates a workflow into a {@link Graph}: a start node naming its triggers, one node per
 * statement (approvals fused with the {@code if} that tests them), edges in the order things
 * happen, and distinct end nodes for complete, fail and cancel. Statements are translated one
 * after another with a list of pending edges ({@link Exit}s) that the next node picks up; a
 * statement that ends the instance leaves none.
 *
 * <p>Node ids are {@code s_} and the step's name for named steps (stable across edits, and the
 * target of {@code go to}), and {@code n<number>_<kind>} for everything else; neither can be a
 * Mermaid keyword.
 */
final class WorkflowDiagram {
  private final ModelIndex index;
  private final StepFacts facts;
  private final Decl.WorkflowDecl workflow;
  /** The declared error of each typed {@code fail}, made on first use. */
  private Map<Stmt.Fail, String> typedFails;
  private final boolean lanes;
  /** Whether straight runs of steps may be drawn as rows. */
  private final boolean rows;
  private final boolean detail;
  /** Where labels wrap with lanes, in characters. */
  private int laneLabels = LANE_LABEL_WIDTH;
  private final Graph graph;
  private final WorkflowLabels labels;
  private final Map<String, Graph.Lane> laneByDecl = new LinkedHashMap<>();
  private int counter;
  /** The steps some {@code go to} names: they keep their own place (an edge into a row would undo it). */
  private final Set<String> jumpTargets = new HashSet<>();
  /** The title of each compound statement drawn, by the index of its first node: a run ending with it is named after it. */
  private final Map<Integer, String> compoundAt = new HashMap<>();
  /** How many blocks deep the statement being drawn is: 1 in the workflow's body. */
  private int nesting;
  /** The compound statements and their branches, by the nodes drawn for them: what an overview may fold. */
  private final List<ChartSplit.Chunk> chunks = new ArrayList<>();

  /** An edge waiting for the node it leads to. */
  private record Exit(String from, String label, EdgeStyle style, EdgeKind kind) {
    static Exit of(String from) {
      return new Exit(from, "", EdgeStyle.SOLID, EdgeKind.NORMAL);
    }

    static Exit of(String from, String label) {
      return new Exit(from, label, EdgeStyle.SOLID, EdgeKind.NORMAL);
    }

    static Exit failure(String from, String label) {
      return new Exit(from, label, EdgeStyle.DOTTED, EdgeKind.FAILURE);
    }
  }

  /** The innermost {@code try}: where failures go, and which nodes may fail. */
  private static final class TryScope {
    final String region;
    final List<Exit> failures = new ArrayList<>();
    final List<String> failable = new ArrayList<>();

    TryScope(String region) {
      this.region = region;
    }
  }

  /**
   * Where a statement is: its {@code try}, the region its nodes sit in, and the compensating
   * steps that may have completed before it (what a {@code fail} or {@code cancel} there undoes).
   */
  private record Context(Optional<TryScope> tryScope, Optional<String> region, List<Stmt.SystemStep> undoable) {
    Context withUndoable(List<Stmt.SystemStep> more) {
      if (more.isEmpty()) {
        return this;
      }
      List<Stmt.SystemStep> all = new ArrayList<>(undoable);
      all.addAll(more);
      return new Context(tryScope, region, List.copyOf(all));
    }
  }

  private WorkflowDiagram(ModelIndex index, Decl.WorkflowDecl workflow, boolean lanes, boolean detail, boolean rows) {
    this(index, workflow, lanes, detail, rows, lanes ? "LR" : "TD");
  }

  private WorkflowDiagram(ModelIndex index, Decl.WorkflowDecl workflow, boolean lanes, boolean detail, boolean rows,
      String direction) {
    this.rows = rows;
    this.index = index;
    this.facts = new StepFacts(index);
    this.workflow = workflow;
    this.lanes = lanes;
    this.detail = detail;
    // With lanes, left to right: the lanes are bands one above the other, as in BPMN.
    this.graph = new Graph(direction, "Workflow " + index.qualifiedName(workflow));
    this.labels = new WorkflowLabels(index, facts, detail, lanes);
  }

  /**
   * The flowchart of a workflow, as a graph.
   *
   * @param detail also data statements ({@code let}, {@code set}) and what only developers need
   */
  static Graph of(ModelIndex index, Decl.WorkflowDecl workflow, boolean lanes, boolean detail) {
    if (lanes) {
      // Top to bottom the lanes are columns and a straight run is already a column: no rows.
      Graph laned = LaneDirection.topDown(new WorkflowDiagram(index, workflow, true, detail, false).build())
          ? joined(new WorkflowDiagram(index, workflow, true, detail, false, "TB").build())
          : joined(new WorkflowDiagram(index, workflow, true, detail, true).build());
      if (ChartSize.of(laned).fits()) {
        return laned;
      }
      // One picture too big for a screen (--whole, --detail): decisions as flat hexagons; top to bottom, labels
      // wrapped as without lanes when that needs fewer screens (fewer lines make a long way through shorter),
      // and when still too tall, the ranks closer together.
      laned.compactDecisions();
      Graph best = laned;
      if (laned.direction().equals("TB")) {
        WorkflowDiagram wide = new WorkflowDiagram(index, workflow, true, detail, false, "TB");
        wide.laneLabels = Label.WIDTH;
        Graph wider = joined(wide.build());
        wider.compactDecisions();
        if (!ChartSize.of(laned).fits()) {
          laned.tighten();
          wider.tighten();
        }
        best = ChartSize.of(wider).screens() < ChartSize.of(laned).screens() ? wider : laned;
        if (best.tight() && !ChartSize.of(best).fits()) {
          // Still too tall when tight: closer still (NewHireSetup, DocumentCollection).
          best.tightenMore();
          // And a line of text longer (decisions too, flat hexagons here): a step's title of up to WIDE_LANE_LABEL_WIDTH
          // characters is one line, when the chart has the room across (DocumentCollection 1248x956 -> 1302x908).
          WorkflowDiagram widest = new WorkflowDiagram(index, workflow, true, detail, false, "TB");
          widest.laneLabels = WIDE_LANE_LABEL_WIDTH;
          Graph widened = joined(widest.build());
          widened.compactDecisions();
          widened.tighten();
          widened.tightenMore();
          if (ChartSize.of(widened).screens() < ChartSize.of(best).screens()) {
            best = widened;
          }
        }
      }
      return best;
    }
    // One picture however big (--whole, --detail): as drawn when it fits a screen, else as compact as
    // Mermaid allows: decisions as flat hexagons, and top to bottom or left to right, whichever needs
    // fewer screens (a wide, shallow workflow reads better left to right).
    Graph plain = new WorkflowDiagram(index, workflow, false, detail, true, "TD").build();
    if (ChartSize.of(plain).fits()) {
      return plain;
    }
    Graph down = plain;
    down.compactDecisions();
    Graph across = new WorkflowDiagram(index, workflow, false, detail, true, "LR").build();
    across.compactDecisions();
    return ChartSize.of(across).screens() < ChartSize.of(down).screens() ? across : down;
  }

  /**
   * A whole chart with lanes with its alike notifications on alternative ways to one place as one box
   * ({@link Graph#joinAlikeNotifications}): side by side in their lane they made it wide (PaymentCollection).
   */
  private static Graph joined(Graph laned) {
    laned.joinAlikeNotifications();
    return laned;
  }

  /** The reader's chart as {@link #parts} splits it: top to bottom, decisions as diamonds. */
  static Graph reader(ModelIndex index, Decl.WorkflowDecl workflow) {
    return new WorkflowDiagram(index, workflow, false, false, true).build();
  }

  /**
   * The reader's flowchart of a workflow as charts that each fit a screen where they can: the
   * overview first (key {@code ""}), then a detail chart per part it folds ({@link ChartSplit}).
   *
   * @param href where the box of a part links to, from the part's key
   */
  static List<ChartSplit.Part> parts(ModelIndex index, Decl.WorkflowDecl workflow,
      java.util.function.UnaryOperator<String> href) {
    return parts(index, workflow, href, false);
  }

  /**
   * The same with lanes ({@code --lanes}): drawn top to bottom (lanes as columns) or left to right
   * (lanes as bands, straight runs in a lane as columns), as {@link LaneDirection} chooses, the
   * overview and each part keep the lanes of their steps; a folded part's box is in the lane of its
   * first step ({@link ChartSplit#lane}).
   */
  static List<ChartSplit.Part> parts(ModelIndex index, Decl.WorkflowDecl workflow,
      java.util.function.UnaryOperator<String> href, boolean lanes) {
    WorkflowDiagram drawing = drawing(index, workflow, lanes);
    Graph whole = drawing.build();
    if (lanes && !ChartSplit.nearlyFits(ChartSize.of(whole), true) && whole.nodes().size() <= ChartSplit.MAX_SPLIT_NODES) {
      // With lanes, parts that nothing more folds in get flat decisions anyway: a workflow whose whole chart fits
      // with them is one chart rather than an overview and parts (RoomWatch: one chart 668x743, was 421x603 + 655x771).
      Graph flat = drawing(index, workflow, true).build();
      flat.compactDecisions();
      if (ChartSplit.nearlyFits(ChartSize.of(flat), true)) {
        return new ArrayList<>(List.of(new ChartSplit.Part("", "", flat)));
      }
    }
    return ChartSplit.split(whole, drawing.chunks, href, lanes);
  }

  /** The titles of every part an overview of the reader's chart may fold, in the order they were made (for tests). */
  static List<String> partTitles(ModelIndex index, Decl.WorkflowDecl workflow) {
    WorkflowDiagram drawing = drawing(index, workflow, false);
    drawing.build();
    return drawing.chunks.stream().map(ChartSplit.Chunk::title).toList();
  }

  /** The drawing {@link #parts} splits: with lanes, top to bottom or left to right as {@link LaneDirection} says. */
  private static WorkflowDiagram drawing(ModelIndex index, Decl.WorkflowDecl workflow, boolean lanes) {
    return !lanes ? new WorkflowDiagram(index, workflow, false, false, true)
        : LaneDirection.topDown(new WorkflowDiagram(index, workflow, true, false, false).build())
            ? new WorkflowDiagram(index, workflow, true, false, false, "TB")
            : new WorkflowDiagram(index, workflow, true, false, true);
  }

  /**
   * The flowchart without rows: every step is a node that edges reach, so that an edge stands for
   * one way from a step to the next (what a heat map counts).
   */
  static Graph flat(ModelIndex index, Decl.WorkflowDecl workflow) {
    return new WorkflowDiagram(index, workflow, false, false, false).build();
  }

  private static final int ROW_MIN = 2;
  private static final int ROW_MAX = 4;
  /**
   * How wide a row may get, in pixels, estimated from its labels (about 8.5 px a character, 30 for
   * the border and 55 between two nodes, measured with mermaid-cli): with the chart's other
   * columns, a screen of 1,440 px should still hold it.
   */
  private static final int ROW_WIDTH = 1100;
  /**
   * With lanes (left to right), a straight run of steps in one lane is a column, top to bottom:
   * the chart gets shorter from left to right, its lane taller. At most this many steps and about
   * this many pixels tall (24 a line of text, 24 of padding, {@link #RANK_GAP} between two nodes).
   */
  private static final int COLUMN_MAX = 5;
  /** Where the labels of a chart with lanes wrap, in characters. */
  private static final int LANE_LABEL_WIDTH = 26;
  /**
   * Where the labels of a chart with lanes top to bottom still too tall when tighter wrap, in characters: a bold line
   * of this many is about 400 px, within Mermaid's {@link FlowchartRenderer#WRAPPING_WIDTH}.
   */
  static final int WIDE_LANE_LABEL_WIDTH = 56;
  private static final int COLUMN_HEIGHT = 420;
  private static final int RANK_GAP = 40;

  private Graph build() {
    Statements.all(workflow.body()).stream().filter(Stmt.GoTo.class::isInstance)
        .forEach(g -> jumpTargets.add(((Stmt.GoTo) g).target().text()));
    String start = "n0_start";
    // The owner's lane comes first, with the start in it.
    Optional<Graph.Lane> owner = lanes ? workflow.clause(Clause.Owner.class).flatMap(o -> lane(o.role())) : Optional.empty();
    graph.add(new Graph.Node(start, NodeKind.START, labels.start(workflow), Optional.empty(), owner));
    Context top = new Context(Optional.empty(), Optional.empty(), List.of());
    List<Exit> exits = block(workflow.body(), List.of(Exit.of(start)), top);
    if (!exits.isEmpty()) {
      String end = node("complete", NodeKind.COMPLETE, Label.titled("Completed"), top, Optional.empty());
      connect(exits, end);
    }
    return graph;
  }

  // ---- blocks and statements ----------------------------------------------------------------

  private List<Exit> block(Block block, List<Exit> in, Context context) {
    nesting++;
    try {
      return statements(block, in, context);
    } finally {
      nesting--;
    }
  }

  private List<Exit> statements(Block block, List<Exit> in, Context context) {
    List<Stmt> statements = block.statements();
    List<Exit> current = in;
    Context c = context;
    // Where each statement's nodes and regions start: a run of statements may fold as one part.
    List<int[]> marks = new ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      marks.add(new int[] {graph.nodeCount(), graph.regionCount()});
      Stmt s = statements.get(i);
      if (s instanceof Stmt.Approval a && i + 1 < statements.size() && statements.get(i + 1) instanceof Stmt.If test
          && ApprovalTest.of(a, test.arms().get(0).condition()).isPresent()) {
        List<Exit> before = current;
        Context here = c;
        current = chunk(labels.approval(a).first() + " and what follows", c, () -> approvalDecision(a, test, before, here));
        c = c.withUndoable(Statements.compensating(test));
        i++;
        continue;
      }
      if (hidden(s)) {
        List<Stmt> run = new ArrayList<>();
        while (i < statements.size() && hidden(statements.get(i))) {
          run.add(statements.get(i++));
        }
        i--;
        // Data is not work: a reader sees it only with detail.
        current = detail ? data(run, current, c) : current;
        continue;
      }
      int straight = straightRun(statements, i);
      if (straight > 0) {
        current = row(statements.subList(i, i + straight), current, c);
        i += straight - 1;
        continue;
      }
      if (!detail && s instanceof Stmt.Notify n && i + 1 < statements.size() && statements.get(i + 1) instanceof Stmt.Notify) {
        List<Stmt.Notify> run = new ArrayList<>(List.of(n));
        while (i + 1 < statements.size() && statements.get(i + 1) instanceof Stmt.Notify next
            && (!lanes || notifyLane(next).equals(notifyLane(n)))) {
          run.add(next);
          i++;
        }
        current = notifications(run, current, c);
        continue;
      }
      List<Exit> before = current;
      Context here = c;
      if (compound(s)) {
        String title = compoundTitle(s);
        compoundAt.put(graph.nodeCount(), title);
        current = chunk(title, c, () -> statement(s, before, here));
      } else {
        current = statement(s, current, c);
      }
      c = c.withUndoable(Statements.compensating(s));
    }
    marks.add(new int[] {graph.nodeCount(), graph.regionCount()});
    runs(marks, context);
    return current;
  }

  /**
   * Every run of two or more statements of a block (but not the whole block: its branch or body is
   * a part already), as a part an overview may fold: "From Screen CV to Make offer".
   */
  private void runs(List<int[]> marks, Context c) {
    marks.removeIf(new java.util.function.Predicate<int[]>() {
      private int last = -1;

      @Override
      public boolean test(int[] m) {
        boolean same = m[0] == last;
        last = m[0];
        return same; // statements that drew nothing
      }
    });
    int statements = marks.size() - 1;
    List<Graph.Node> nodes = graph.nodes();
    List<Graph.Region> regions = graph.regions();
    for (int from = 0; from < statements; from++) {
      for (int to = from + 2; to <= statements; to++) {
        if (from == 0 && to == statements) {
          continue;
        }
        List<Graph.Node> made = nodes.subList(marks.get(from)[0], marks.get(to)[0]);
        if (made.size() > ChartSplit.MAX_PART_NODES) {
          break; // longer runs from here are bigger still
        }
        if (made.size() < ChartSplit.MIN_NODES) {
          continue;
        }
        // Named after its first and last top-level step (a statement whose first node is work), else
        // after the first and last work drawn.
        List<String> work = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        for (int k = from; k < to; k++) {
          Graph.Node first = nodes.get(marks.get(k)[0]);
          if (marks.get(k + 1)[0] > marks.get(k)[0] && isWork(first)) {
            work.add(named(first));
            steps.add(first.id());
          }
        }
        if (work.isEmpty()) {
          work = drawnWork(made);
        }
        // A run that ends with a decision, a loop or branches is named after it: two runs from the same
        // step that end after the same last step, one with what follows it, get different names.
        String last = compoundAt.get(marks.get(to - 1)[0]);
        String lastTitle = last == null ? work.isEmpty() ? "" : work.get(work.size() - 1)
            : last.startsWith("Decision: ") ? last.substring("Decision: ".length()) : last;
        // Up to a decision, its question in quotes: From Review to (quoted) Approved? is not read as a question itself.
        String shown = last != null && last.startsWith("Decision: ") ? "\u201c" + lastTitle + "\u201d" : lastTitle;
        // A run that starts with branches or a loop starts at the first step drawn in it (a run from a parallel to
        // Draft offer is not "From Debrief to Draft offer"); one that starts with a decision, at the step after it.
        String opening = compoundAt.get(marks.get(from)[0]);
        boolean branches = opening != null && !opening.startsWith("Decision: ");
        String start = work.isEmpty() ? "" : !branches ? work.get(0)
            : drawnWork(made).stream().findFirst().orElse(work.get(0));
        String name = "";
        String title = work.isEmpty() ? "Steps" : work.size() == 1 && last == null && !branches ? work.get(0)
            : "From " + start + " to " + shown;
        if (opening != null && !branches) {
          // A run that starts with a decision is not titled after the step that follows it (a part that
          // asks "Accepted under planned?" first is not "Lessons learned"): from its question to its end.
          List<String> drawn = last != null ? List.of() : drawnWork(made);
          String end = last != null ? shown : drawn.isEmpty() ? "" : drawn.get(drawn.size() - 1);
          title = "From \u201c" + opening.substring("Decision: ".length()) + "\u201d" + (end.isEmpty() ? "" : " to " + end);
          boolean questions = true;
          for (int k = from; k < to && questions; k++) {
            String at = compoundAt.get(marks.get(k)[0]);
            questions = at != null && at.startsWith("Decision: ");
          }
          if (questions) {
            // Questions one after the other ("From “Qualified?” to “Estimated budget over budget times 2?”") read long
            // in an overview, and the second is in the part's chart anyway: its first question and how many more it
            // asks. Not when steps or loops come between: the title would hide them. Its key stays the one from both.
            name = ChartSplit.words(title);
            long more = made.stream().filter(n -> n.kind() == NodeKind.DECISION).count() - 1;
            title = "\u201c" + opening.substring("Decision: ".length()) + "\u201d"
                + (more <= 0 ? "" : more == 1 ? " and one more question" : " and " + more + " more questions");
          }
        }
        Set<String> madeRegions = new HashSet<>();
        regions.subList(marks.get(from)[1], marks.get(to)[1]).forEach(r -> madeRegions.add(r.id()));
        if (name.isEmpty()) {
          name = last == null ? runName(made.get(0).id(), steps) : runName(made.get(0).id(), ChartSplit.words(lastTitle));
        }
        chunks.add(new ChartSplit.Chunk(title, made.stream().map(Graph.Node::id).toList(), madeRegions, c.region(), true, name));
      }
    }
  }

  /** The names of the work drawn among {@code made}, in order. */
  private static List<String> drawnWork(List<Graph.Node> made) {
    return made.stream().filter(WorkflowDiagram::isWork).map(WorkflowDiagram::named).toList();
  }

  /**
   * A run's name for its part's key: its first step's name, and "To" and its last top-level step's
   * name when that is another step ({@code publishOpeningToDraftOffer}); {@code ""} when it starts
   * with no step.
   */
  private static String runName(String first, List<String> steps) {
    if (!first.startsWith("s_")) {
      return "";
    }
    String last = steps.isEmpty() ? first : steps.get(steps.size() - 1);
    if (last.equals(first) || !last.startsWith("s_")) {
      return first.substring(2);
    }
    return first.substring(2) + "To" + Character.toUpperCase(last.charAt(2)) + last.substring(3);
  }

  /** A run's name when it ends with a compound statement: its first step's name, "To" and the statement's title in words. */
  private static String runName(String first, String lastWords) {
    if (!first.startsWith("s_") || lastWords.isEmpty()) {
      return "";
    }
    return first.substring(2) + "To" + Character.toUpperCase(lastWords.charAt(0)) + lastWords.substring(1);
  }

  /**
   * A step in a part's title: its label's title, or its name in words when that is a sentence of more than
   * {@link #TITLE_WORDS} words (a doc comment's): "From Draft offer to …", not "From The talent partner drafts the
   * offer to …".
   */
  private static String named(Graph.Node n) {
    String title = n.label().first();
    return n.id().startsWith("s_") && title.split(" ").length > TITLE_WORDS ? Words.humanize(n.id().substring(2)) : title;
  }

  /** The most words of a step's title said in a part's title. */
  private static final int TITLE_WORDS = 4;

  private static boolean isWork(Graph.Node n) {
    return n.kind() != NodeKind.DECISION && n.kind() != NodeKind.GATEWAY && n.kind() != NodeKind.COMPLETE
        && n.kind() != NodeKind.FAIL && n.kind() != NodeKind.CANCEL;
  }

  private static boolean compound(Stmt s) {
    return s instanceof Stmt.If || s instanceof Stmt.Match || s instanceof Stmt.Parallel || s instanceof Stmt.First
        || s instanceof Stmt.ForEach || s instanceof Stmt.ForEachArriving || s instanceof Stmt.Repeat
        || s instanceof Stmt.While || s instanceof Stmt.Try || s instanceof Stmt.Exclusive || s instanceof Stmt.Region;
  }

  /** A compound statement in words, for the box that stands for it in an overview. */
  private String compoundTitle(Stmt s) {
    if (s instanceof Stmt.If f) {
      Expr condition = f.arms().get(0).condition();
      Expr asked = !detail && Questions.negated(condition) ? Questions.positive(condition) : condition;
      return "Decision: " + labels.question(asked).first();
    }
    if (s instanceof Stmt.Match m) {
      return "Decision: " + labels.which(m.subject()).first();
    }
    if (s instanceof Stmt.Parallel p) {
      return branches(p.branches()) + " (" + p.branches().size() + (p.interleaved() ? ", one at a time)" : " at once)");
    }
    if (s instanceof Stmt.First f) {
      return "Whichever " + (f.count() == 1 ? "finishes first: " : f.count() + " finish first: ") + branches(f.branches());
    }
    if (s instanceof Stmt.ForEach f) {
      return labels.forEach(f).first();
    }
    if (s instanceof Stmt.ForEachArriving a) {
      return labels.forEachArriving(a).first();
    }
    if (s instanceof Stmt.Repeat r) {
      return labels.repeat(r).first();
    }
    if (s instanceof Stmt.While w) {
      return labels.whileTest(w).first();
    }
    if (s instanceof Stmt.Exclusive x) {
      return "One at a time: " + Words.humanize(x.name().text()).toLowerCase(Locale.ROOT);
    }
    if (s instanceof Stmt.Region r) {
      return "Cancel region: " + Words.humanize(r.name().text()).toLowerCase(Locale.ROOT);
    }
    // A try: after its first named step ("Returned, with a failure path"), which says more than "steps".
    Optional<String> first = s instanceof Stmt.Try t ? t.body().statements().stream()
        .filter(Stmt.Named.class::isInstance).map(n -> Words.humanize(((Stmt.Named) n).name().text())).findFirst()
        : Optional.empty();
    return first.map(f -> f + ", with a failure path").orElse("Steps with a failure path");
  }

  /** Branch names in words: "A, B and C", or "A, B and 3 more". */
  private static String branches(List<Stmt.Branch> branches) {
    List<String> names = branches.stream().map(b -> Words.humanize(b.name().text())).toList();
    if (names.size() > 3) {
      return names.get(0) + ", " + names.get(1) + " and " + (names.size() - 2) + " more";
    }
    return names.size() == 1 ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }

  /** Draws a part of the workflow and remembers the nodes and regions it made, as a part an overview may fold. */
  private List<Exit> chunk(String title, Context c, Supplier<List<Exit>> draw) {
    int nodes = graph.nodeCount();
    int regions = graph.regionCount();
    List<Exit> out = draw.get();
    List<String> made = graph.nodes().subList(nodes, graph.nodeCount()).stream().map(Graph.Node::id).toList();
    if (!made.isEmpty()) {
      Set<String> madeRegions = new HashSet<>();
      graph.regions().subList(regions, graph.regionCount()).forEach(r -> madeRegions.add(r.id()));
      chunks.add(new ChartSplit.Chunk(title, made, madeRegions, c.region(), false, ""));
    }
    return out;
  }

  /**
   * How many statements from {@code from} on make a straight run to draw as a row: at least
   * {@link #ROW_MIN} and at most {@link #ROW_MAX} steps in a row (data statements between them
   * count for nothing), each drawn as one node with one way in and one way out that nothing else
   * jumps to; 0 when there is none. Only in the workflow's own block (a row inside a branch would
   * widen the chart beside the other branches) of the reader's diagram without lanes: with lanes
   * and with detail every step keeps its place in the chart's direction.
   */
  private int straightRun(List<Stmt> statements, int from) {
    if (!rows || detail || !lanes && nesting > 1) {
      return 0;
    }
    int steps = 0;
    int end = from;
    int pixels = 0;
    Optional<Graph.Lane> lane = Optional.empty();
    while (end < statements.size() && steps < (lanes ? COLUMN_MAX : ROW_MAX)) {
      Stmt s = statements.get(end);
      if (hidden(s) && steps > 0) {
        end++;
        continue;
      }
      if (!straight(s, statements, end)) {
        break;
      }
      if (lanes) {
        // A column stays in one lane: the first step names it, the others are in it or have none.
        Optional<Graph.Lane> own = stepLane(s);
        if (steps == 0 ? own.isEmpty() : own.isPresent() && !own.equals(lane)) {
          break;
        }
        lane = steps == 0 ? own : lane;
        pixels += (steps > 0 ? RANK_GAP : 0) + 24 + labelOf(s).wrappedAt(LANE_LABEL_WIDTH).height() * 24;
        if (pixels > COLUMN_HEIGHT) {
          break;
        }
      } else {
        pixels += (steps > 0 ? 55 : 0) + 30 + labelOf(s).columns() * 17 / 2;
        if (pixels > ROW_WIDTH) {
          break;
        }
      }
      steps++;
      end++;
    }
    while (end > from && hidden(statements.get(end - 1))) {
      end--;
    }
    return steps >= ROW_MIN ? end - from : 0;
  }

  /** A statement drawn as one node with one way in and one way out, that no go to targets. */
  private boolean straight(Stmt s, List<Stmt> statements, int at) {
    boolean approvalTested = s instanceof Stmt.Approval && at + 1 < statements.size()
        && statements.get(at + 1) instanceof Stmt.If;
    boolean simple = s instanceof Stmt.HumanStep || s instanceof Stmt.SystemStep || s instanceof Stmt.Notify
        || s instanceof Stmt.Emit
        || s instanceof Stmt.Wait || s instanceof Stmt.WaitUntil || s instanceof Stmt.Start || s instanceof Stmt.Call
        || s instanceof Stmt.Approval && !approvalTested || s instanceof Stmt.Receive r && r.within().isEmpty();
    return simple && !jumpTargets.contains(stepName(s));
  }

  /** The lane of a statement that {@link #straight} accepts: its role's or system's, or none (it goes where it is). */
  private Optional<Graph.Lane> stepLane(Stmt s) {
    if (s instanceof Stmt.HumanStep h) {
      return lane(h.people().roles(h.role()));
    }
    if (s instanceof Stmt.Approval a) {
      return lane(a.people().roles(a.role()));
    }
    if (s instanceof Stmt.SystemStep st) {
      return lane(st.call().system());
    }
    return s instanceof Stmt.Notify n ? notifyLane(n) : Optional.empty();
  }

  /** The label of a statement that {@link #straight} accepts. */
  private Label labelOf(Stmt s) {
    if (s instanceof Stmt.HumanStep h) {
      return labels.human(h);
    }
    if (s instanceof Stmt.SystemStep st) {
      return labels.system(st);
    }
    if (s instanceof Stmt.Approval a) {
      return labels.approval(a);
    }
    if (s instanceof Stmt.Notify n) {
      return labels.notify(n);
    }
    if (s instanceof Stmt.Emit e) {
      return labels.emit(e);
    }
    if (s instanceof Stmt.Call c) {
      return labels.call(c);
    }
    if (s instanceof Stmt.Start st) {
      return labels.start(st);
    }
    if (s instanceof Stmt.Receive r) {
      return labels.receive(r);
    }
    return labels.waiting(s);
  }

  private static String stepName(Stmt s) {
    if (s instanceof Stmt.HumanStep h) {
      return h.name().text();
    }
    if (s instanceof Stmt.SystemStep st) {
      return st.name().text();
    }
    if (s instanceof Stmt.Approval a) {
      return a.name().text();
    }
    if (s instanceof Stmt.Call c) {
      return c.name().text();
    }
    return s instanceof Stmt.Receive r ? r.name().text() : "";
  }

  /**
   * A straight run of steps as a row, left to right, in a faint frame: a tall chart gets wider and
   * shorter, so that more of it fits a screen. Edges go into and out of the frame, never to a node
   * inside (Mermaid would lay the row out top to bottom again).
   */
  private List<Exit> row(List<Stmt> run, List<Exit> in, Context c) {
    String region = "r" + (++counter) + "_row";
    // A zero-width space: Mermaid needs a title, and the frame needs none.
    // Across the chart's direction: left to right in a chart top to bottom, and the other way round.
    String across = graph.direction().equals("LR") ? "TB" : "LR";
    graph.add(new Graph.Region(region, "\u200B", c.region(), Optional.of(across), true));
    Context inner = new Context(c.tryScope(), Optional.of(region), c.undoable());
    List<Exit> current = List.of();
    for (Stmt s : run) {
      List<Exit> before = current;
      current = statement(s, current, inner);
      if (current == before) {
        continue; // data: nothing drawn
      }
      inner = inner.withUndoable(Statements.compensating(s));
    }
    connect(in, region);
    List<Exit> out = new ArrayList<>();
    current.forEach(e -> out.add(new Exit(region, e.label(), e.style(), e.kind())));
    return out;
  }

  /**
   * Notifications in a row are one flag, a line each (with lanes, only those that go out through
   * the same system, so that the flag stays in one lane). What they say is drawn only with detail,
   * where each keeps its own node.
   */
  private List<Exit> notifications(List<Stmt.Notify> run, List<Exit> in, Context c) {
    if (run.size() == 1) {
      return statement(run.get(0), in, c);
    }
    Label label = Label.titled("Notify");
    for (Stmt.Notify n : run) {
      label = label.line(labels.notifyTarget(n));
    }
    String id = node("notify", NodeKind.NOTIFY, label, c, notifyLane(run.get(0)));
    connect(in, id);
    return List.of(Exit.of(id));
  }

  private Optional<Graph.Lane> notifyLane(Stmt.Notify n) {
    return n.via().flatMap(this::lane);
  }

  /** One box of {@code kind} after {@code in}, in no lane: its one exit. */
  private List<Exit> box(String kind, NodeKind nodeKind, Label label, List<Exit> in, Context c) {
    String id = node(kind, nodeKind, label, c, Optional.empty());
    connect(in, id);
    return List.of(Exit.of(id));
  }

  /** "Signal offer sent": a verb and a name in words. */
  private static Label named(String verb, Name name) {
    return Label.titled(verb + " " + Words.humanize(name.text()).toLowerCase(Locale.ROOT));
  }

  private static boolean isData(Stmt s) {
    return s instanceof Stmt.Let || s instanceof Stmt.Set || s instanceof Stmt.Yield;
  }

  /**
   * Drawn only with detail: data, and (without detail) a decision whose every way does nothing but data
   * ({@code if score > best { set best = score }}): a diamond whose yes and no both lead on, for nothing a
   * reader sees; so is a {@code for each} whose body does nothing but data.
   */
  private boolean hidden(Stmt s) {
    if (isData(s)) {
      return true;
    }
    if (detail) {
      return false;
    }
    if (s instanceof Stmt.If f) {
      return f.arms().stream().allMatch(a -> a.body().statements().stream().allMatch(this::hidden))
          && f.otherwise().map(b -> b.statements().stream().allMatch(this::hidden)).orElse(true);
    }
    if (s instanceof Stmt.Match m) {
      return m.arms().stream().allMatch(a -> a.body().statements().stream().allMatch(this::hidden))
          && m.otherwise().map(b -> b.statements().stream().allMatch(this::hidden)).orElse(true);
    }
    if (s instanceof Stmt.ForEach f) {
      // A loop that only adds up (InvoiceClient's total): a loop box and its "each" arrow for nothing a reader sees.
      return !f.body().statements().isEmpty() && f.body().statements().stream().allMatch(this::hidden);
    }
    return false;
  }

  private List<Exit> statement(Stmt s, List<Exit> in, Context c) {
    if (s instanceof Stmt.HumanStep h) {
      return step(h.name().text(), NodeKind.HUMAN, labels.human(h), in, c, lane(h.people().roles(h.role())), false);
    }
    if (s instanceof Stmt.Approval a) {
      String id = step(a.name().text(), NodeKind.APPROVAL, labels.approval(a), in, c, lane(a.people().roles(a.role())), false)
          .get(0).from();
      return List.of(Exit.of(id, "approved or rejected"));
    }
    if (s instanceof Stmt.SystemStep st) {
      return step(st.name().text(), NodeKind.SYSTEM, labels.system(st), in, c, lane(st.call().system()), true);
    }
    if (s instanceof Stmt.Notify n) {
      String id = node("notify", NodeKind.NOTIFY, labels.notify(n), c, notifyLane(n));
      connect(in, id);
      return List.of(Exit.of(id));
    }
    if (s instanceof Stmt.Emit e) {
      return box("emit", NodeKind.EVENT, labels.emit(e), in, c);
    }
    if (s instanceof Stmt.Wait || s instanceof Stmt.WaitUntil) {
      return box("wait", NodeKind.WAIT, labels.waiting(s), in, c);
    }
    if (s instanceof Stmt.Signal g) {
      return box("signal", NodeKind.NOTIFY, named("Signal", g.signal()), in, c);
    }
    if (s instanceof Stmt.CancelRegion g) {
      return box("cancelregion", NodeKind.NOTIFY, named("Cancel region", g.region()), in, c);
    }
    if (s instanceof Stmt.Region r) {
      return region(r, in, c);
    }
    if (s instanceof Stmt.WaitFor w) {
      return box("waitfor", NodeKind.WAIT, named("Wait for", w.signal()), in, c);
    }
    if (s instanceof Stmt.Receive r) {
      return receive(r, in, c);
    }
    if (s instanceof Stmt.Call call) {
      return step(call.name().text(), NodeKind.CALL, labels.call(call), in, c, Optional.empty(), true);
    }
    if (s instanceof Stmt.Start start) {
      String id = node("start", NodeKind.CALL, labels.start(start), c, Optional.empty());
      connect(in, id);
      return List.of(Exit.of(id));
    }
    if (s instanceof Stmt.If f) {
      return ifChain(f.arms(), f.otherwise(), in, c);
    }
    if (s instanceof Stmt.Match m) {
      return match(m, in, c);
    }
    if (s instanceof Stmt.Parallel p) {
      return parallel(p, in, c);
    }
    if (s instanceof Stmt.First f) {
      return first(f, in, c);
    }
    if (s instanceof Stmt.ForEach f) {
      return forEach(f, in, c);
    }
    if (s instanceof Stmt.ForEachArriving a) {
      return forEachArriving(a, in, c);
    }
    if (s instanceof Stmt.Repeat r) {
      return repeat(r, in, c);
    }
    if (s instanceof Stmt.While w) {
      return whileLoop(w, in, c);
    }
    if (s instanceof Stmt.GoTo g) {
      goTo(g, in);
      return List.of();
    }
    if (s instanceof Stmt.Try t) {
      return tryCatch(t, in, c);
    }
    if (s instanceof Stmt.Exclusive x) {
      String enter = node("exclusive", NodeKind.GATEWAY, Label.plain("one at a time: " + Words.humanize(x.name().text())
          .toLowerCase(Locale.ROOT)), c, Optional.empty());
      connect(in, enter);
      return block(x.body(), List.of(Exit.of(enter)), c);
    }
    if (s instanceof Stmt.Fail f) {
      fail(f, in, c);
      return List.of();
    }
    if (s instanceof Stmt.Complete) {
      connect(in, node("complete", NodeKind.COMPLETE, Label.titled("Completed"), c, Optional.empty()));
      return List.of();
    }
    if (s instanceof Stmt.ContinueAsNew n) {
      // an end of this instance, and a dotted line back to the start: the workflow starts over
      String id = node("continue", NodeKind.COMPLETE, labels.continueAsNew(n), c, Optional.empty());
      connect(in, id);
      graph.edge(id, "n0_start", "starts over as a new instance", EdgeStyle.DOTTED, EdgeKind.JUMP);
      return List.of();
    }
    if (s instanceof Stmt.Cancel cancel) {
      String id = node("cancel", NodeKind.CANCEL, labels.end("Cancelled", labels.message(cancel.reason()),
          c.undoable()), c, Optional.empty());
      connect(in, id);
      return List.of();
    }
    // Let and Set are drawn by block(), a run at a time.
    return detail ? data(List.of(s), in, c) : in;
  }

  /** A named step: its node, and with {@code mayFail} its failure path inside a {@code try}. */
  private List<Exit> step(String name, NodeKind kind, Label label, List<Exit> in, Context c, Optional<Graph.Lane> lane,
      boolean mayFail) {
    String id = "s_" + name;
    add(id, kind, label, c, lane);
    connect(in, id);
    if (mayFail) {
      c.tryScope().ifPresent(t -> t.failable.add(id));
    }
    return List.of(Exit.of(id));
  }

  private List<Exit> receive(Stmt.Receive r, List<Exit> in, Context c) {
    List<Exit> out = step(r.name().text(), NodeKind.RECEIVE, labels.receive(r), in, c, Optional.empty(), false);
    if (r.within().isEmpty()) {
      return out;
    }
    String id = out.get(0).from();
    String event = Words.humanize(r.event().text()).toLowerCase(Locale.ROOT);
    Exit timeout = Exit.failure(id, "no " + event + " within " + labels.amount(r.within().get()));
    if (c.tryScope().isPresent()) {
      c.tryScope().get().failures.add(timeout);
    } else {
      String end = node("fail", NodeKind.FAIL, labels.end("Failed", "timeout: no " + event + " within "
          + labels.amount(r.within().get()), c.undoable()), c, Optional.empty());
      connect(List.of(timeout), end);
    }
    return List.of(Exit.of(id, "received"));
  }

  private List<Exit> data(List<Stmt> run, List<Exit> in, Context c) {
    String id = node("data", NodeKind.DATA, labels.data(run), c, Optional.empty());
    connect(in, id);
    return List.of(Exit.of(id));
  }

  // ---- choices ------------------------------------------------------------------------------

  private List<Exit> ifChain(List<Stmt.IfArm> arms, Optional<Block> otherwise, List<Exit> in, Context c) {
    List<Exit> out = new ArrayList<>();
    List<Exit> current = in;
    String lastQuestion = "Otherwise";
    for (int i = 0; i < arms.size(); i++) {
      Stmt.IfArm arm = arms.get(i);
      // "Wait?" with its yes and no swapped reads better than "Not wait?" (but --detail keeps the code as written).
      boolean flip = !detail && Questions.negated(arm.condition());
      Label question = labels.question(flip ? Questions.positive(arm.condition()) : arm.condition());
      String yes = flip ? "no" : "yes";
      String nay = flip ? "yes" : "no";
      if (i > 0) {
        // The rest of an `else if` chain is a decision of its own, a part an overview may fold.
        List<Exit> no = current;
        List<Stmt.IfArm> rest = arms.subList(i, arms.size());
        out.addAll(chunk("Decision: " + question.first(), c, () -> ifChain(rest, otherwise, no, c)));
        return out;
      }
      String id = node("if", NodeKind.DECISION, question, c, Optional.empty());
      connect(current, id);
      out.addAll(chunk(question.first() + " " + Questions.capitalize(yes), c,
          () -> block(arm.body(), List.of(Exit.of(id, yes)), c)));
      current = List.of(Exit.of(id, nay));
      lastQuestion = question.first() + " " + Questions.capitalize(nay);
    }
    if (otherwise.isPresent()) {
      List<Exit> no = current;
      String title = arms.isEmpty() ? "Otherwise" : lastQuestion;
      out.addAll(chunk(title, c, () -> block(otherwise.get(), no, c)));
    } else {
      out.addAll(current);
    }
    return out;
  }

  /** An approval and the {@code if} that tests it: one decision with approved and rejected edges. */
  private List<Exit> approvalDecision(Stmt.Approval a, Stmt.If test, List<Exit> in, Context c) {
    String id = "s_" + a.name().text();
    add(id, NodeKind.APPROVAL, labels.approval(a), c, lane(a.people().roles(a.role())));
    connect(in, id);
    boolean armWhenApproved = ApprovalTest.of(a, test.arms().get(0).condition()).orElseThrow();
    Exit approved = Exit.of(id, "approved");
    Exit rejected = new Exit(id, "rejected", EdgeStyle.SOLID, EdgeKind.FAILURE);
    String approval = labels.approval(a).first();
    List<Exit> out = new ArrayList<>(chunk(approval + (armWhenApproved ? ": approved" : ": rejected"), c,
        () -> block(test.arms().get(0).body(), List.of(armWhenApproved ? approved : rejected), c)));
    List<Exit> other = List.of(armWhenApproved ? rejected : approved);
    out.addAll(ifChain(test.arms().subList(1, test.arms().size()), test.otherwise(), other, c));
    return out;
  }

  private List<Exit> match(Stmt.Match m, List<Exit> in, Context c) {
    Label question = labels.which(m.subject());
    String id = node("match", NodeKind.DECISION, question, c, Optional.empty());
    connect(in, id);
    List<Exit> out = new ArrayList<>();
    // Arms that only set data show nothing of their own: one edge says all their values, where it leads
    // ("DE, AT, CH, GB, IE, US or CA"), rather than an edge per arm drawn on top of one another.
    List<String> quiet = new ArrayList<>();
    for (Stmt.MatchArm arm : m.arms()) {
      if (!detail && arm.body().statements().stream().allMatch(this::hidden)) {
        arm.patterns().forEach(p -> quiet.add(pattern(p)));
      }
    }
    boolean quietDone = false;
    for (Stmt.MatchArm arm : m.arms()) {
      if (!detail && arm.body().statements().stream().allMatch(this::hidden)) {
        if (!quietDone) {
          out.add(Exit.of(id, Words.either(quiet)));
          quietDone = true;
        }
        continue;
      }
      String patterns = String.join(", ", arm.patterns().stream().map(this::pattern).toList());
      out.addAll(chunk(question.first() + " " + patterns, c, () -> block(arm.body(), List.of(Exit.of(id, patterns)), c)));
    }
    if (m.otherwise().isPresent()) {
      out.addAll(chunk(question.first() + " Anything else", c,
          () -> block(m.otherwise().get(), List.of(Exit.of(id, "anything else")), c)));
    }
    return out;
  }

  /** An enum constant in words ("Strong no"); with detail, or a literal, as written. */
  private String pattern(Stmt.Pattern p) {
    if (!detail && p instanceof Stmt.RangePattern r) {
      return Questions.range(r.operator(), r.bound()); // "under 700" rather than "< 700"
    }
    if (detail) {
      return ExprPrinter.print(p);
    }
    if (p instanceof Stmt.ConstantPattern c) {
      return Words.humanize(c.constant().text());
    }
    // A text value without its quotes: the reader sees "DE", not a string literal.
    String printed = ExprPrinter.print(p);
    return printed.matches("\"[^\"{}\\\\]+\"") ? printed.substring(1, printed.length() - 1) : printed;
  }

  // ---- concurrency --------------------------------------------------------------------------

  private List<Exit> parallel(Stmt.Parallel p, List<Exit> in, Context c) {
    String split = node("parallel", NodeKind.GATEWAY, Label.plain(p.interleaved() ? "one at a time, in any order"
        : "in parallel"), c, Optional.empty());
    connect(in, split);
    List<Exit> joined = new ArrayList<>();
    for (Stmt.Branch b : p.arms()) {
      String label = Words.humanize(b.name().text())
          + b.when().map(w -> ", only when " + (detail ? ExprPrinter.print(w) : Questions.phrase(w))).orElse("");
      List<Exit> ends = chunk(Words.humanize(b.name().text()), c, () -> block(b.body(), List.of(Exit.of(split, label)), c));
      if (ends.isEmpty() && b.when().isPresent()) {
        // The branch always ends the instance when it runs; when it is skipped the join is reached.
        joined.add(Exit.of(split, "otherwise " + Words.humanize(b.name().text()).toLowerCase(Locale.ROOT)
            + " is skipped"));
      }
      joined.addAll(ends);
    }
    if (joined.isEmpty()) {
      return List.of();
    }
    if (p.afterEach().isPresent()) {
      // WCP 8: each branch that ends passes the merge at once and runs the block, once per branch.
      String merge = node("merge", NodeKind.GATEWAY, Label.plain("after each branch, as it ends"), c, Optional.empty());
      connect(joined, merge);
      joined = block(p.afterEach().get().body(), List.of(Exit.of(merge, "once per branch, at once")), c);
      if (joined.isEmpty()) {
        return List.of();
      }
    }
    String join = node("join", NodeKind.GATEWAY, Label.plain(p.afterEach().isPresent()
        ? "every branch and every run after it done" : p.join().isPresent()
        ? (p.join().getAsInt() == 1 ? "first branch done" : p.join().getAsInt() + " branches done")
            + ", the others run on to their end" : "all branches done"), c, Optional.empty());
    connect(joined, join);
    return List.of(Exit.of(join));
  }

  private List<Exit> first(Stmt.First f, List<Exit> in, Context c) {
    String split = node("first", NodeKind.GATEWAY, Label.plain(f.byStart() ? "whichever is started first (first to start)"
        : f.count() == 1 ? "whichever finishes first" : "whichever " + f.count() + " finish first"), c, Optional.empty());
    connect(in, split);
    List<Exit> joined = new ArrayList<>();
    for (Stmt.Branch b : f.branches()) {
      String name = Words.humanize(b.name().text());
      joined.addAll(chunk(name, c, () -> block(b.body(), List.of(Exit.of(split, name)), c)));
    }
    if (joined.isEmpty()) {
      return List.of();
    }
    String join = node("join", NodeKind.GATEWAY, Label.plain(f.byStart() ? "the started branch done; the others were"
        + " withdrawn as it started" : (f.count() == 1 ? "first branch" : f.count() + " branches")
        + " done, the others are cancelled"), c, Optional.empty());
    connect(joined, join);
    return List.of(Exit.of(join));
  }

  // ---- loops --------------------------------------------------------------------------------

  private List<Exit> forEach(Stmt.ForEach f, List<Exit> in, Context c) {
    String head = node("foreach", NodeKind.LOOP, labels.forEach(f), c, Optional.empty());
    connect(in, head);
    // The item as the loop's box says it ("each billing account"), not the variable ("each account"); with detail, as written.
    String each = f.threads() ? "each thread" + (f.numbered() ? " " + f.variable().text() : "")
        : "each " + (detail ? f.variable().text() : facts.item(f));
    if (f.unwaited()) {
      // WCP 12: the rounds run on beside what follows, which starts at once; nothing joins them.
      List<Exit> ends = block(f.body(), List.of(Exit.of(head, each + ", all at once")), c);
      if (!ends.isEmpty()) {
        connect(ends, node("runsOn", NodeKind.GATEWAY, Label.plain("each runs on to its end; the instance ends when all have"),
            c, Optional.empty()));
      }
      return List.of(Exit.of(head, "goes on at once"));
    }
    if (f.parallel()) {
      List<Exit> ends = block(f.body(), List.of(Exit.of(head, each + ", all at once")), c);
      if (ends.isEmpty()) {
        return List.of();
      }
      String done = f.join().isPresent() ? f.join().getAsInt() + " done, the others run on to their end"
          : f.first().isPresent() ? f.first().getAsInt() + " done, the others are cancelled" : "all done";
      String join = node("join", NodeKind.GATEWAY, Label.plain(done), c, Optional.empty());
      connect(ends, join);
      return List.of(Exit.of(join));
    }
    if (!f.body().statements().isEmpty()) {
      List<Exit> ends = block(f.body(), List.of(Exit.of(head, each)), c);
      connect(ends, head, "next");
    }
    return List.of(Exit.of(head, "all done"));
  }

  /** Drawn as a parallel {@code for each}: a round per item as it arrives, joined once the set has closed. */
  private List<Exit> forEachArriving(Stmt.ForEachArriving a, List<Exit> in, Context c) {
    String head = node("foreach", NodeKind.LOOP, labels.forEachArriving(a), c, Optional.empty());
    connect(in, head);
    List<Exit> ends = block(a.body(), List.of(Exit.of(head, "each " + a.variable().text() + ", as it arrives")), c);
    if (ends.isEmpty()) {
      return List.of();
    }
    String closed = a.quiet().isPresent() || a.within().isPresent() ? "closed"
        : Words.humanize(a.close().orElseThrow().name().text()).toLowerCase(java.util.Locale.ROOT);
    String done = a.join().isPresent()
        ? a.join().getAsInt() + " done (or " + closed + " and all done), the others run on to their end"
        : closed + " and all done";
    String join = node("join", NodeKind.GATEWAY, Label.plain(done), c, Optional.empty());
    connect(ends, join);
    return List.of(Exit.of(join));
  }

  private List<Exit> repeat(Stmt.Repeat r, List<Exit> in, Context c) {
    String head = node("repeat", NodeKind.LOOP, labels.repeat(r), c, Optional.empty());
    connect(in, head);
    if (r.body().statements().isEmpty() && r.until().isEmpty()) {
      return List.of(Exit.of(head, "after " + ExprPrinter.print(r.maxTimes()) + " rounds"));
    }
    Exit exhausted = Exit.of(head, "after " + ExprPrinter.print(r.maxTimes()) + " rounds");
    Optional<Stmt.If> asked = r.until().isEmpty() ? Optional.empty() : askedAtTheEnd(r.body(), r.until().get());
    if (asked.isPresent()) {
      // The round ends by asking the until question ("if not approved { … }"): ask it once. Yes leaves the loop,
      // no does the if's work and goes round again ("Approved?" then "Until approved?" said the same thing twice).
      List<Stmt> before = r.body().statements().subList(0, r.body().statements().size() - 1);
      List<Exit> ends = block(new Block(before, r.body().span()), List.of(Exit.of(head, "next round")), c);
      Label question = labels.question(r.until().get());
      String id = node("until", NodeKind.DECISION, question, c, Optional.empty());
      connect(ends, id);
      Block rework = asked.get().arms().get(0).body();
      List<Exit> again = chunk(question.first() + " No", c, () -> block(rework, List.of(Exit.of(id, "no")), c));
      connect(again, head, "again");
      return List.of(Exit.of(id, "yes"), exhausted);
    }
    List<Exit> ends = block(r.body(), List.of(Exit.of(head, "next round")), c);
    if (r.until().isEmpty()) {
      connect(ends, head, "again");
      return List.of(exhausted);
    }
    String until = node("until", NodeKind.DECISION, labels.until(r.until().get(), counters()), c, Optional.empty());
    connect(ends, until);
    connect(List.of(Exit.of(until, "no: again")), head);
    return List.of(Exit.of(until, "yes"), exhausted);
  }

  /**
   * The {@code if} that ends a round and asks the until question the other way round ({@code if not U { … }} with
   * {@code until U}), when nothing in it can change the answer (no {@code set}, no step of a name the question reads).
   */
  private Optional<Stmt.If> askedAtTheEnd(Block body, Expr until) {
    List<Stmt> statements = body.statements();
    if (detail || statements.isEmpty() || !(statements.get(statements.size() - 1) instanceof Stmt.If f)
        || f.arms().size() != 1 || f.otherwise().isPresent() || hidden(f)) {
      return Optional.empty();
    }
    Expr condition = f.arms().get(0).condition();
    if (!Questions.negated(condition) || !ExprPrinter.print(Questions.positive(condition)).equals(ExprPrinter.print(until))) {
      return Optional.empty();
    }
    String read = ExprPrinter.print(until);
    for (Stmt s : Statements.all(f.arms().get(0).body())) {
      if (s instanceof Stmt.Set || s instanceof Stmt.Let || s instanceof Stmt.Named n && read.contains(n.name().text())) {
        return Optional.empty();
      }
    }
    return Optional.of(f);
  }

  /** The workflow's counters: variables it adds one to ({@code set warm = warm + 1}). */
  private Set<String> counters() {
    Set<String> out = new HashSet<>();
    for (Stmt s : Statements.all(workflow.body())) {
      if (s instanceof Stmt.Set set && set.value() instanceof Expr.Binary b && b.op() == Expr.BinaryOp.ADD
          && b.left() instanceof Expr.NameRef ref && ref.name().text().equals(set.target().text())
          && b.right() instanceof Expr.IntLit one && one.value() == 1) {
        out.add(set.target().text());
      }
    }
    return out;
  }

  private List<Exit> whileLoop(Stmt.While w, List<Exit> in, Context c) {
    String test = node("while", NodeKind.DECISION, labels.whileTest(w), c, Optional.empty());
    connect(in, test);
    if (!w.body().statements().isEmpty()) {
      connect(block(w.body(), List.of(Exit.of(test, "yes")), c), test, "again");
    }
    return List.of(Exit.of(test, "no"));
  }

  private void goTo(Stmt.GoTo g, List<Exit> in) {
    String target = "s_" + g.target().text();
    String human = goToName(g.target().text());
    boolean backwards = workflowPosition(g.target().text()) < g.span().start();
    String words = (backwards ? "back to " : "go to ") + human;
    for (Exit e : in) {
      graph.edge(e.from(), target, e.label().isEmpty() ? words : e.label() + ": " + words, EdgeStyle.DOTTED,
          EdgeKind.JUMP);
    }
  }

  /**
   * The step a go-to leads to, as its box says it: the name in words, or the box's doc sentence in quotes, its first
   * words only when it is long ("“A consultant prepares the deliverable …”"), so that the reader finds the box.
   */
  private String goToName(String stepName) {
    String human = Words.humanize(stepName);
    Optional<Stmt.Named> target = Statements.named(workflow.body()).stream()
        .filter(s -> s.name().text().equals(stepName)).findFirst();
    if (target.isEmpty()) {
      return human;
    }
    String title = Titles.of(stepName, target.get().doc());
    if (title.equals(human)) {
      return human;
    }
    String[] words = title.split(" ");
    if (words.length <= GO_TO_WORDS) {
      return "\u201c" + title + "\u201d";
    }
    String start = String.join(" ", java.util.Arrays.asList(words).subList(0, GO_TO_WORDS - 1));
    int open = start.lastIndexOf('(');
    if (open > 0 && start.indexOf(')', open) < 0) {
      start = start.substring(0, open).strip(); // "produces (or …" cut off a remark: "produces …"
    }
    start = start.replaceAll("[,;:]$", "");
    return "\u201c" + start + " \u2026\u201d";
  }

  /** A doc-sentence title of more words is said on a go-to edge by its first words. */
  private static final int GO_TO_WORDS = 6;

  /** Where the named step starts in the source, to tell a jump back from a jump ahead. */
  private int workflowPosition(String stepName) {
    return Statements.named(workflow.body()).stream()
        .filter(s -> s.name().text().equals(stepName))
        .map(s -> s.span().start())
        .findFirst()
        .orElse(Integer.MAX_VALUE);
  }

  // ---- cancel regions -----------------------------------------------------------------------

  /**
   * A block of a cancel region: a subgraph titled with the region's name, so that the blocks of one
   * region, wherever they are, read as one set that {@code cancel region} withdraws.
   */
  private List<Exit> region(Stmt.Region r, List<Exit> in, Context c) {
    if (r.body().statements().isEmpty()) {
      return in;
    }
    String region = "r" + (++counter) + "_region";
    graph.add(new Graph.Region(region, "cancel region " + r.name().text(), c.region()));
    return block(r.body(), in, new Context(c.tryScope(), Optional.of(region), c.undoable()));
  }

  // ---- failure ------------------------------------------------------------------------------

  private List<Exit> tryCatch(Stmt.Try t, List<Exit> in, Context c) {
    if (t.body().statements().isEmpty()) {
      // Nothing can fail, so the handler never runs; its steps are still drawn (a go to may name them).
      List<Exit> out = new ArrayList<>(in);
      t.handlers().forEach(h -> out.addAll(block(h, List.of(), c)));
      return out;
    }
    String region = "r" + (++counter) + "_try";
    TryScope scope = new TryScope(region);
    int before = graph.nodes().size();
    // With lanes, the region is drawn in each lane that has steps of it.
    graph.add(new Graph.Region(region, "try (on failure: the red path)", c.region()));
    Context inner = new Context(Optional.of(scope), Optional.of(region), c.undoable());
    List<Exit> out = new ArrayList<>(block(t.body(), in, inner));
    boolean drewNodes = graph.nodes().size() > before;
    String lastInside = drewNodes ? graph.nodes().get(graph.nodes().size() - 1).id() : region;
    int edgesBefore = graph.edges().size();
    List<Exit> failures = new ArrayList<>(scope.failures);
    if (lanes) {
      // Unlabelled: the region's title in every lane says that the red path is the failure path;
      // a "fails" on each of them made a rank of labels above the handler (InvoiceClient).
      scope.failable.forEach(id -> failures.add(Exit.failure(id, "")));
    } else if (drewNodes && (!scope.failable.isEmpty() || failures.isEmpty())) {
      failures.add(0, Exit.failure(region, "on failure"));
    }
    List<Exit> handlerIn = failures;
    List<Stmt.SystemStep> undo = Statements.compensating(t.body());
    if (!undo.isEmpty()) {
      String id = node("undo", NodeKind.UNDO, labels.undo(undo), c, Optional.empty());
      connect(failures, id);
      handlerIn = List.of(Exit.of(id));
    }
    for (Stmt.Catch handler : t.catches()) {
      List<Exit> into = handler.errorType().isPresent() ? relabel(handlerIn, errorName(handler.errorType().get().text()))
          : t.catches().size() > 1 ? relabel(handlerIn, "other failures") : handlerIn;
      out.addAll(block(handler.body(), into, c));
    }
    if (!lanes && drewNodes) {
      // Mermaid puts what an edge from a region leads to beside the region: the handlers would
      // stand side by side to its right. An invisible edge from the region's last step puts them below.
      graph.edges().subList(edgesBefore, graph.edges().size()).stream().filter(e -> e.from().equals(region))
          .map(Graph.Edge::to).distinct().toList()
          .forEach(to -> graph.edge(lastInside, to, "", EdgeStyle.INVISIBLE, EdgeKind.NORMAL));
    }
    if (t.catchAll().isEmpty()) {
      // Only declared errors are caught: any other failure goes on as if there were no `try`.
      List<Exit> other = relabel(handlerIn, "other failures");
      if (c.tryScope().isPresent()) {
        c.tryScope().get().failures.addAll(other);
      } else {
        connect(other, node("fail", NodeKind.FAIL, labels.end("Failed", "another failure", c.undoable()), c, Optional.empty()));
      }
    }
    return out;
  }

  /** A declared error's name: in words ("Over card limit") unless with detail. */
  private String errorName(String error) {
    return detail ? error : Words.humanize(error);
  }

  /** The same edges with another label: the error a typed {@code catch} handles. */
  private static List<Exit> relabel(List<Exit> exits, String label) {
    return exits.stream().map(e -> new Exit(e.from(), label, e.style(), e.kind())).toList();
  }

  private void fail(Stmt.Fail f, List<Exit> in, Context c) {
    // A typed `fail` names its declared error, as a typed `catch` labels its edge with it; without
    // detail the error is in words and an error built with arguments says nothing more than its name.
    Optional<String> error = Optional.ofNullable(typedFails().get(f)).map(this::errorName);
    String message = !detail && f.message() instanceof Expr.Construct ? "" : labels.message(f.message());
    if (c.tryScope().isPresent()) {
      String id = node("fail", NodeKind.FAIL, labels.end(error.map(e -> "Fail with " + e).orElse("Fail"), message, List.of()), c,
          Optional.empty());
      connect(in, id);
      c.tryScope().get().failures.add(Exit.failure(id, error.orElse("caught")));
      return;
    }
    connect(in, node("fail", NodeKind.FAIL, labels.end(error.map(e -> "Failed with " + e).orElse("Failed"), message,
        c.undoable()), c, Optional.empty()));
  }

  /** The declared error of each typed {@code fail} of the workflow. */
  private Map<Stmt.Fail, String> typedFails() {
    if (typedFails == null) {
      typedFails = TypedFails.of(workflow);
    }
    return typedFails;
  }

  // ---- graph building -----------------------------------------------------------------------

  private String node(String kind, NodeKind nodeKind, Label label, Context c, Optional<Graph.Lane> lane) {
    String id = "n" + (++counter) + "_" + kind;
    add(id, nodeKind, label, c, lane);
    return id;
  }

  private void add(String id, NodeKind kind, Label label, Context c, Optional<Graph.Lane> lane) {
    // Left to right, a chart is as wide as its longest way through: narrower nodes, taller lanes.
    Label drawn = !lanes ? label : laneLabels > Label.WIDTH ? label.rewrappedAt(laneLabels) : label.wrappedAt(laneLabels);
    graph.add(new Graph.Node(id, kind, drawn, c.region(), lanes ? lane : Optional.empty()));
  }

  private void connect(List<Exit> in, String to) {
    connect(in, to, "");
  }

  /** Edges from every pending exit to {@code to}; {@code fallback} labels those without a label. */
  private void connect(List<Exit> in, String to, String fallback) {
    for (Exit e : in) {
      graph.edge(e.from(), to, e.label().isEmpty() ? fallback : e.label(), e.style(), e.kind());
    }
  }

  /**
   * The swimlane of a step that any of several roles may take ({@code by A or B}, a role decided
   * by {@code match}): a lane of its own for those roles together, "Sales or Accounting".
   */
  private Optional<Graph.Lane> lane(List<Name> roles) {
    if (roles.size() == 1) {
      return lane(roles.get(0));
    }
    List<String> keys = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    for (Name role : roles) {
      Optional<Decl> decl = index.declarationOf(role);
      if (decl.isEmpty()) {
        return Optional.empty();
      }
      keys.add(index.qualifiedName(decl.get()));
      titles.add(index.title(decl.get()));
    }
    return Optional.of(laneByDecl.computeIfAbsent(String.join(" | ", keys),
        k -> new Graph.Lane("lane" + (laneByDecl.size() + 1), Words.either(titles), false)));
  }

  /** The swimlane of a role or system, made on first use. */
  private Optional<Graph.Lane> lane(Name reference) {
    Optional<Decl> decl = index.declarationOf(reference);
    if (decl.isEmpty()) {
      return Optional.empty();
    }
    String key = index.qualifiedName(decl.get());
    return Optional.of(laneByDecl.computeIfAbsent(key, k -> new Graph.Lane("lane" + (laneByDecl.size() + 1),
        index.title(decl.get()) + (decl.get() instanceof Decl.SystemDecl ? " (system)" : ""),
        decl.get() instanceof Decl.SystemDecl)));
  }

}
