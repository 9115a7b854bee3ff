package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.ast.Decl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Overviews that use the screen, boxes in lanes, and charts with lanes left to right split like
 * those top to bottom (issue 16, {@link ChartSplit}).
 */
class LanesSplitTest {
  private static final ModelIndex EXAMPLES =
      new ModelIndex(DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES)));

  private static Decl.WorkflowDecl example(String name) {
    return EXAMPLES.workflows().stream().filter(w -> w.name().text().equals(name)).findFirst().orElseThrow();
  }

  private static List<ChartSplit.Part> lanes(ModelIndex index, Decl.WorkflowDecl w) {
    return WorkflowDiagram.parts(index, w, key -> "#" + key, true);
  }

  @Test
  void anOverviewFoldsNoMoreThanItNeeds() {
    // ClientUpdate: the loop over the active projects stays in the overview; only what it does for each folds.
    Graph client = lanes(EXAMPLES, example("ClientUpdate")).get(0).graph();
    assertTrue(client.node("s_listActive").isPresent(), client.nodes().toString());
    assertTrue(client.nodes().stream().anyMatch(n -> n.kind() == NodeKind.LOOP), client.nodes().toString());
    // DeliverableReview: the rounds of review stay in the overview (the loop and its question), the work in them folds.
    Graph review = lanes(EXAMPLES, example("DeliverableReview")).get(0).graph();
    assertTrue(review.nodes().stream().anyMatch(n -> n.label().first().startsWith("Repeat at most 3 times")
        && n.kind() != NodeKind.PART), review.nodes().toString());
    // Recruitment's overview with lanes (a workflow of forty steps) fills most of the screen's height.
    ChartSize.Size recruitment = ChartSize.of(lanes(EXAMPLES, example("Recruitment")).get(0).graph());
    assertTrue(recruitment.fits() && recruitment.screens() > 0.8, recruitment.toString());
  }

  @Test
  void everyChartWithLanesDrawsItsLanesAndEveryBoxSitsInTheLaneOfItsFirstStep() {
    for (Decl.WorkflowDecl w : EXAMPLES.workflows()) {
      Graph whole = WorkflowDiagram.of(EXAMPLES, w, true, false);
      for (ChartSplit.Part p : lanes(EXAMPLES, w)) {
        String mermaid = FlowchartRenderer.render(p.graph(), true);
        // Also a part made of folded boxes only (Recruitment's "From Publish opening to Salary under expected salary?"),
        // and a part of decisions, waits and notifications to people only: in the lane the way into it comes from.
        assertTrue(mermaid.contains("subgraph lane"), w.name().text() + " " + p.key());
        // A box is in the lane of its first step that has one (a box of decisions and waits only has none).
        for (Graph.Node n : p.graph().nodes()) {
          if (n.kind() == NodeKind.PART && n.id().endsWith("_part")) {
            String href = p.graph().links().get(n.id()).substring(1);
            Graph part = lanes(EXAMPLES, w).stream().filter(x -> x.key().equals(href)).findFirst().orElseThrow().graph();
            assertEquals(part.nodes().stream().filter(x -> !x.id().startsWith("d")).map(Graph.Node::lane)
                .flatMap(java.util.Optional::stream).findFirst().isPresent(), n.lane().isPresent(), href);
          }
        }
      }
      assertTrue(whole.nodes().stream().anyMatch(n -> n.lane().isPresent()), w.name().text());
    }
    ChartSplit.Chunk chunk = new ChartSplit.Chunk("x", List.of("n1_if", "s_b", "s_c"), Set.of(),
        java.util.Optional.empty(), true, "");
    Graph g = new Graph("TB", "t");
    Graph.Lane clerk = new Graph.Lane("lane1", "Clerk", false);
    Graph.Lane boss = new Graph.Lane("lane2", "Boss", false);
    g.add(new Graph.Node("n1_if", NodeKind.DECISION, Label.titled("If?"), java.util.Optional.empty(),
        java.util.Optional.empty()));
    g.add(new Graph.Node("s_b", NodeKind.HUMAN, Label.titled("B"), java.util.Optional.empty(), java.util.Optional.of(boss)));
    g.add(new Graph.Node("s_c", NodeKind.HUMAN, Label.titled("C"), java.util.Optional.empty(), java.util.Optional.of(clerk)));
    assertEquals(java.util.Optional.of(boss), ChartSplit.lane(g, chunk));
  }

  @Test
  void aPartOfNoStepWithALaneIsDrawnInTheLaneTheWayInComesFrom() {
    // A part of waits and decisions only (RoomWatch's repeated reading), after a system step.
    Graph laned = new Graph("TB", "t");
    Graph.Lane sensor = new Graph.Lane("lane2", "Sensor", true);
    Graph.Lane keeper = new Graph.Lane("lane1", "Keeper", false);
    laned.add(new Graph.Node("n0_start", NodeKind.START, Label.titled("Start"), java.util.Optional.empty(),
        java.util.Optional.of(keeper)));
    laned.add(new Graph.Node("s_a", NodeKind.SYSTEM, Label.titled("A"), java.util.Optional.empty(),
        java.util.Optional.of(sensor)));
    laned.add(new Graph.Node("n1_wait", NodeKind.WAIT, Label.titled("Wait"), java.util.Optional.empty(),
        java.util.Optional.empty()));
    laned.add(new Graph.Node("n2_if", NodeKind.DECISION, Label.titled("If?"), java.util.Optional.empty(),
        java.util.Optional.empty()));
    laned.add(new Graph.Node("n3_end", NodeKind.COMPLETE, Label.titled("End"), java.util.Optional.empty(),
        java.util.Optional.empty()));
    laned.edge("n0_start", "s_a", "", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    laned.edge("s_a", "n1_wait", "", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    laned.edge("n1_wait", "n2_if", "", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    laned.edge("n2_if", "n3_end", "yes", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    ChartSplit.Chunk waits = new ChartSplit.Chunk("Wait and ask", List.of("n1_wait", "n2_if"), Set.of(),
        java.util.Optional.empty(), false, "");
    Graph detail = ChartSplit.detail(laned, waits, "waitAndAsk", "Watch");
    // The start "from the overview" is in the lane of the system step before the part; the rest follow it.
    assertEquals(java.util.Optional.of(sensor), detail.node("d0_from").orElseThrow().lane());
    assertTrue(FlowchartRenderer.render(detail, true).contains("subgraph lane2"));
    // In a chart without lanes, the part has none either.
    Graph plain = new Graph("TD", "t");
    laned.nodes().forEach(n -> plain.add(new Graph.Node(n.id(), n.kind(), n.label(), n.region(), java.util.Optional.empty())));
    laned.edges().forEach(e -> plain.edge(e.from(), e.to(), e.label().orElse(""), e.style(), e.kind()));
    assertTrue(ChartSplit.detail(plain, waits, "waitAndAsk", "Watch").nodes().stream().allMatch(n -> n.lane().isEmpty()));
  }

  @Test
  void aPartWithLanesThatNothingMoreFoldsInHasFlatDecisionsAndFits() {
    // Dunning's payment part with lanes: a receive with a failure path, two notifications and a decision, a
    // chain too tall with a diamond (rendered 506×947), with nothing smaller left to fold.
    // Since lanes16f the whole chart with flat decisions nearly fits (estimated 746x908, rendered 902x822), so it is one
    // chart (aWorkflowWhoseChartWithLanesNearlyFitsIsOneChart); the parts of a bigger chart still fit.
    List<ChartSplit.Part> dunning = lanes(EXAMPLES, example("Dunning"));
    for (ChartSplit.Part p : dunning) {
      assertTrue(ChartSize.of(p.graph()).screens() <= ChartSplit.NEAR_FIT, p.key() + " " + ChartSize.of(p.graph()));
    }
    assertTrue(dunning.stream().anyMatch(p -> p.graph().compact()), dunning.toString());
    for (String name : List.of("Recruitment", "InvoiceClient", "PaymentCollection")) {
      List<ChartSplit.Part> parts = lanes(EXAMPLES, example(name));
      assertTrue(parts.size() > 1, name);
      parts.forEach(p -> assertTrue(ChartSize.of(p.graph()).fits(), name + " " + p.key() + " " + ChartSize.of(p.graph())));
    }
    // The reader's charts (without lanes) keep their diamonds.
    for (Decl.WorkflowDecl w : EXAMPLES.workflows()) {
      for (ChartSplit.Part p : WorkflowDiagram.parts(EXAMPLES, w, key -> key)) {
        assertFalse(p.graph().compact(), w.name().text() + " " + p.key());
      }
    }
  }

  /**
   * The height mermaid-cli 11 renders for the examples' whole charts with lanes that fit a screen (SVG viewBox):
   * the estimate of a chart with lanes top to bottom is at most 3 % under it (a chart said to fit does) and at most
   * 20 % over it (a chart is not split for nothing), one lane or several. Before the lanes were counted (120 px
   * added to every chart with lanes), CoolRoom's estimate was 26 % over.
   */
  @Test
  void theEstimateOfAChartWithLanesIsCloseToItsRenderedHeight() {
    // Measured again (lanes16f) once the start lost its owner line and PipelineFollowUp its decision that only sets data.
    java.util.Map<String, Integer> rendered = java.util.Map.of("CoolRoom", 450, "MonthlyBilling", 624, "ChargeCard", 672,
        "ProjectExecution", 764, "PipelineFollowUp", 697);
    rendered.forEach((name, height) -> {
      Graph g = WorkflowDiagram.of(EXAMPLES, example(name), true, false);
      assertEquals("TB", g.direction(), name);
      int estimate = ChartSize.of(g).height();
      assertTrue(estimate >= height * 0.97 && estimate <= height * 1.2,
          name + ": estimated " + estimate + ", rendered " + height);
    });
  }

  @Test
  void aWholeChartWithLanesStillTooTallWithFlatDecisionsDrawsItsRanksCloser() {
    // Rendered by mermaid-cli before (rankSpacing 22, padding 10) and after (12, 6): Kickoff 576x968 -> 566x760,
    // Proposal 1266x954 -> 1237x772, LeadIntake 926x1033 -> 913x838 (docs/architecture.md, "Whole charts with lanes").
    // LeadIntake, estimated too tall even so, is tighter since lanes16g (aChartWithLanesTooTallWhenTightIsTighter);
    // Kickoff since lanes16i (its two "Notify the contact" one box: estimated taller, rendered 412x736 -> 401x688).
    for (String name : List.of("Kickoff", "Proposal", "LeadIntake")) {
      Graph g = WorkflowDiagram.of(EXAMPLES, example(name), true, false);
      assertTrue(g.compact() && g.tight(), name);
      String text = FlowchartRenderer.render(g, true);
      boolean tighter = !name.equals("Proposal");
      int padding = tighter ? FlowchartRenderer.TIGHTER_PADDING : FlowchartRenderer.TIGHT_PADDING;
      int ranks = tighter ? FlowchartRenderer.TIGHTER_RANK_SPACING : FlowchartRenderer.TIGHT_RANK_SPACING;
      assertTrue(text.contains("    rankSpacing: " + ranks + "\n")
          && text.contains("    padding: " + padding + "\n"), name);
      Graph roomy = WorkflowDiagram.of(EXAMPLES, example(name), true, false);
      roomy.compactDecisions();
      Graph untightened = copyWithout(roomy);
      assertTrue(ChartSize.of(g).height() < ChartSize.of(untightened).height(), name);
    }
    // A chart that fits keeps the spacing of every other chart, and so does every --lanes part.
    Graph fits = WorkflowDiagram.of(EXAMPLES, example("CoolRoom"), true, false);
    assertFalse(fits.tight());
    assertTrue(FlowchartRenderer.render(fits, true).contains("    rankSpacing: " + FlowchartRenderer.RANK_SPACING + "\n"));
    for (String name : List.of("Kickoff", "Proposal", "Recruitment")) {
      WorkflowDiagram.parts(EXAMPLES, example(name), k -> k, true).forEach(p -> assertFalse(p.graph().tight(), name));
    }
  }

  /**
   * The near-fit rule of the reader's chart holds with lanes too, and with lanes a chart that nearly fits with flat
   * decisions is one chart rather than an overview and a part or two (parts that nothing more folds in get flat
   * decisions anyway). Rendered by mermaid-cli (lanes16f): PipelineFollowUp 704x697 (was an overview and a part),
   * RoomWatch 642x841 (421x814 and 655x760), Dunning 902x822 (three charts), FirstDeliverable 560x818 (two).
   */
  @Test
  void aWorkflowWhoseChartWithLanesNearlyFitsIsOneChart() {
    List<ChartSplit.Part> pipeline = lanes(EXAMPLES, example("PipelineFollowUp"));
    assertEquals(1, pipeline.size(), pipeline.toString());
    assertFalse(pipeline.get(0).graph().compact());
    for (String name : List.of("RoomWatch", "Dunning", "FirstDeliverable")) {
      List<ChartSplit.Part> parts = lanes(EXAMPLES, example(name));
      assertEquals(1, parts.size(), name);
      Graph g = parts.get(0).graph();
      assertTrue(g.compact() && !g.tight() && ChartSize.of(g).screens() <= ChartSplit.NEAR_FIT, name);
      assertTrue(FlowchartRenderer.render(g, true).contains("subgraph lane"), name);
    }
    // With lanes the slack is in height only: lanes side by side can render wider than estimated (realworld
    // PatientVitals, estimated 1450x702, rendered 1790x653 as one chart; split, its two charts fit).
    assertFalse(ChartSplit.nearlyFits(new ChartSize.Size(1450, 702), true));
    assertTrue(ChartSplit.nearlyFits(new ChartSize.Size(1450, 702), false));
    assertTrue(ChartSplit.nearlyFits(new ChartSize.Size(746, 908), true));
    assertFalse(ChartSplit.nearlyFits(new ChartSize.Size(746, 960), true));
  }

  /**
   * With lanes a label does not say what its lane says: the start is in the owner's lane (no "owner:" line), a
   * notification in the lane of the system it goes through (no "via"); nor is a decision drawn whose every way only
   * sets data (RoomWatch's "Value over 26.0?", twice); with --detail it is. Without lanes the owner and "via" stay.
   */
  @Test
  void aChartWithLanesDoesNotRepeatItsLanesNorDrawDecisionsThatOnlySetData() {
    for (Decl.WorkflowDecl w : EXAMPLES.workflows()) {
      Graph g = WorkflowDiagram.of(EXAMPLES, w, true, false);
      for (Graph.Node n : g.nodes()) {
        String text = n.label().markup().replace("<br/>", " ");
        assertFalse(text.contains("owner#58;") || text.contains("owner:"), w.name().text() + " " + text);
        assertFalse(n.kind() == NodeKind.NOTIFY && text.contains(" via "), w.name().text() + " " + text);
      }
    }
    Graph plain = WorkflowDiagram.of(EXAMPLES, example("NewHireSetup"), false, false);
    assertTrue(plain.node("n0_start").orElseThrow().label().markup().contains("owner"));
    assertTrue(plain.nodes().stream()
        .anyMatch(n -> n.kind() == NodeKind.NOTIFY && n.label().markup().replace("<br/>", " ").contains(" via ")));
    java.util.function.Predicate<Graph> asksValue = g -> g.nodes().stream()
        .anyMatch(n -> n.label().markup().contains("Value over 26.0?"));
    assertFalse(asksValue.test(WorkflowDiagram.of(EXAMPLES, example("RoomWatch"), true, false)));
    assertTrue(asksValue.test(WorkflowDiagram.of(EXAMPLES, example("RoomWatch"), true, true)));
  }

  @Test
  void aGatewayWhoseBranchesAllStartInOtherLanesIsDrawnBetweenTheLanes() {
    // InterviewLoop (lanes16g): the interviews start in four other lanes than the hiring manager's, where the
    // workflow starts and ends; in that lane the four labelled ways out made it as wide as all their labels
    // (rendered 1731x856; with the gateway between the lanes 1435x856).
    String interviews = FlowchartRenderer.render(WorkflowDiagram.of(EXAMPLES, example("InterviewLoop"), true, false), true);
    int lanesStart = interviews.indexOf("  subgraph lane");
    int gateway = interviews.indexOf("n1_parallel{{");
    assertTrue(gateway > 0 && gateway < lanesStart, interviews);
    assertFalse(FlowchartRenderer.lanes(WorkflowDiagram.of(EXAMPLES, example("InterviewLoop"), true, false))
        .containsKey("n1_parallel"));
    // Its join, where the branches come together, stays in a lane, and a gateway with a branch in its own lane too.
    assertTrue(interviews.indexOf("n6_join{{") > lanesStart, interviews);
    Graph.Lane a = new Graph.Lane("lane1", "A", false);
    Graph.Lane b = new Graph.Lane("lane2", "B", false);
    assertEquals(a, FlowchartRenderer.lanes(fork(a, a, b, NodeKind.HUMAN)).get("n1_parallel"));
    // Branches all in one other lane: the gateway stays in its own lane too.
    assertEquals(a, FlowchartRenderer.lanes(fork(a, b, b, NodeKind.SYSTEM)).get("n1_parallel"));
  }

  @Test
  void aNodeReachedFromSeveralLanesTheOwnersOneOfThemIsInTheOwnersLane() {
    // Recruitment (lanes16h): "Salary under expected salary?" follows the director's approval, the hiring manager's,
    // and a notification in the talent partner's lane (the owner's); it sat in the director's lane, and the
    // questions and notifications after it too (rendered 2515x1840; in the owner's lane 2238x1874).
    Map<String, Graph.Lane> recruitment = FlowchartRenderer.lanes(WorkflowDiagram.of(EXAMPLES, example("Recruitment"),
        true, false));
    Graph.Lane talentPartner = recruitment.get("n0_start");
    assertEquals("Talent partner", talentPartner.title());
    for (String id : List.of("n17_if", "n18_notify", "n19_if", "n27_join")) {
      assertEquals(talentPartner, recruitment.get(id), id);
    }
    assertEquals("Managing director", recruitment.get("s_directorApproval").title());
    // PaymentCollection: Dunning, reached from four e-mails and the bookkeeper's notification (rendered 2675x922,
    // in the owner's lane 2082x922).
    Map<String, Graph.Lane> payment = FlowchartRenderer.lanes(WorkflowDiagram.of(EXAMPLES, example("PaymentCollection"),
        true, false));
    assertEquals(payment.get("n0_start"), payment.get("s_dunning"));
    // Ways from two lanes, neither the owner's: the lane of the first, as before (InvoiceClient's undo, in Xero's).
    Graph.Lane a = new Graph.Lane("lane1", "A", false);
    Graph.Lane b = new Graph.Lane("lane2", "B", false);
    Graph.Lane c = new Graph.Lane("lane3", "C", false);
    assertEquals(a, FlowchartRenderer.lanes(joined(a, b, a)).get("n3_if"));
    assertEquals(a, FlowchartRenderer.lanes(joined(a, a, b)).get("n3_if"));
    assertEquals(b, FlowchartRenderer.lanes(joined(a, b, c)).get("n3_if"));
    assertEquals(b, FlowchartRenderer.lanes(joined(a, b, b)).get("n3_if"));
  }

  /** A start in lane {@code start}, steps X in lane {@code x} and Y in {@code y} after it, a decision after both. */
  private static Graph joined(Graph.Lane start, Graph.Lane x, Graph.Lane y) {
    Graph g = new Graph("TB", "t");
    g.add(new Graph.Node("n0_start", NodeKind.START, Label.titled("Start"), Optional.empty(), Optional.of(start)));
    g.add(new Graph.Node("s_x", NodeKind.HUMAN, Label.titled("X"), Optional.empty(), Optional.of(x)));
    g.add(new Graph.Node("s_y", NodeKind.HUMAN, Label.titled("Y"), Optional.empty(), Optional.of(y)));
    g.add(new Graph.Node("n3_if", NodeKind.DECISION, Label.plain("Done?"), Optional.empty(), Optional.empty()));
    g.edge("n0_start", "s_x", "", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    g.edge("n0_start", "s_y", "", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    g.edge("s_x", "n3_if", "", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    g.edge("s_y", "n3_if", "", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    return g;
  }

  @Test
  void aLoopThatOnlySetsDataIsNotDrawn() {
    // InvoiceClient (lanes16h): "for each line { set total = … }" was a loop box with an "each line" arrow to
    // itself; without it the chart with lanes rendered 1502x1122 -> 1302x1010. With detail it is drawn.
    for (boolean lanes : List.of(false, true)) {
      String chart = FlowchartRenderer.render(WorkflowDiagram.of(EXAMPLES, example("InvoiceClient"), lanes, false), lanes);
      assertFalse(chart.contains("_foreach") || chart.contains("each line"), chart);
      assertTrue(chart.contains("Total over 20,000?"), chart);
    }
    String detail = FlowchartRenderer.render(WorkflowDiagram.of(EXAMPLES, example("InvoiceClient"), false, true), false);
    assertTrue(detail.contains("_foreach") && detail.contains("each line"), detail);
    // A loop with a step in it is drawn (DocumentCollection files each document).
    assertTrue(FlowchartRenderer.render(WorkflowDiagram.of(EXAMPLES, example("DocumentCollection"), true, false), true)
        .contains("_foreach"));
  }

  @Test
  void aTrysFailureEdgesWithLanesAreRedAndUnlabelledUnlessTheyNameAnError() {
    // InvoiceClient (lanes16i): three "fails" labels above the undo box made a rank of their own; the region's title in
    // every lane says what the red path is. 1391x943 -> 1384x895 rendered, so it fits.
    String chart = FlowchartRenderer.render(WorkflowDiagram.of(EXAMPLES, example("InvoiceClient"), true, false), true);
    assertFalse(chart.contains("fails"), chart);
    assertTrue(chart.contains("try (on failure#58; the red path)"), chart);
    for (String step : List.of("s_createInvoice", "s_markBilled", "s_sendInvoice")) {
      assertTrue(chart.contains("  " + step + " -.-> n10_undo\n"), chart);
    }
    // A typed catch still names its error (PaymentCollection's card branch).
    String payment = FlowchartRenderer.render(WorkflowDiagram.of(EXAMPLES, example("PaymentCollection"), true, false), true);
    assertTrue(payment.contains("-.->|\"Card declined\"|") && payment.contains("-.->|\"other failures\"|"), payment);
    // Without lanes the region is one box and its one way out says "on failure".
    String plain = FlowchartRenderer.render(WorkflowDiagram.of(EXAMPLES, example("InvoiceClient"), false, false), false);
    assertTrue(plain.contains("|\"on failure\"|"), plain);
  }

  @Test
  void alikeNotificationsInASystemsLaneOnAlternativeWaysToOnePlaceAreOneBox() {
    // PaymentCollection (lanes16i): four "Notify the billing email" side by side in the e-mail lane, each then Dunning;
    // as one box 2082x857 -> 1920x857 rendered. Kickoff's two "Notify the contact" (one per tier) likewise.
    Graph payment = WorkflowDiagram.of(EXAMPLES, example("PaymentCollection"), true, false);
    String chart = FlowchartRenderer.render(payment, true);
    assertEquals(1, payment.nodes().stream().filter(n -> n.label().markup().contains("Notify the billing email")).count(), chart);
    assertTrue(chart.contains("s_card -.->|\"Card declined\"| n6_notify")
        && chart.contains("s_card -.->|\"Over card limit\"| n6_notify")
        && chart.contains("n8_notify --> n6_notify") && chart.contains("n10_notify --> n6_notify")
        && chart.contains("n6_notify --> s_dunning"), chart);
    assertEquals(1, payment.edges().stream().filter(e -> e.to().equals("s_dunning") && e.from().equals("n6_notify")).count());
    assertEquals(1, WorkflowDiagram.of(EXAMPLES, example("Kickoff"), true, false).nodes().stream()
        .filter(n -> n.label().markup().contains("Notify the contact")).count());
    // With detail each box shows its own message: four boxes.
    assertEquals(4, WorkflowDiagram.of(EXAMPLES, example("PaymentCollection"), true, true).nodes().stream()
        .filter(n -> n.kind() == NodeKind.NOTIFY && n.label().markup().contains("billingEmail")).count());
    // Branches that run at once: InterviewLoop's two "Notify Hiring manager" (no lane of their own, to the join) stay two.
    assertEquals(2, WorkflowDiagram.of(EXAMPLES, example("InterviewLoop"), true, false).nodes().stream()
        .filter(n -> n.label().markup().contains("Notify Hiring manager")).count());
    // Synthetic: alike notifications in one system lane to a gateway stay two; to a step, one.
    Graph.Lane owner = new Graph.Lane("owner", "Owner", false);
    Graph.Lane mail = new Graph.Lane("mail", "Mail", true);
    for (NodeKind after : List.of(NodeKind.GATEWAY, NodeKind.SYSTEM)) {
      Graph g = new Graph("TB", "t");
      g.add(new Graph.Node("n0_start", NodeKind.START, Label.titled("Start"), Optional.empty(), Optional.of(owner)));
      g.add(new Graph.Node("n1_if", NodeKind.DECISION, Label.plain("Which?"), Optional.empty(), Optional.empty()));
      g.add(new Graph.Node("n2_notify", NodeKind.NOTIFY, Label.titled("Notify the client"), Optional.empty(), Optional.of(mail)));
      g.add(new Graph.Node("n3_notify", NodeKind.NOTIFY, Label.titled("Notify the client"), Optional.empty(), Optional.of(mail)));
      g.add(new Graph.Node("s_next", after, Label.titled("Next"), Optional.empty(), Optional.of(owner)));
      g.edge("n0_start", "n1_if", "", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
      g.edge("n1_if", "n2_notify", "a", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
      g.edge("n1_if", "n3_notify", "b", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
      g.edge("n2_notify", "s_next", "", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
      g.edge("n3_notify", "s_next", "", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
      g.joinAlikeNotifications();
      assertEquals(after == NodeKind.GATEWAY ? 5 : 4, g.nodes().size(), after.name());
      if (after == NodeKind.SYSTEM) {
        assertTrue(g.edges().stream().anyMatch(e -> e.from().equals("n1_if") && e.to().equals("n2_notify")
            && e.label().equals(Optional.of("b"))));
        assertEquals(1, g.edges().stream().filter(e -> e.to().equals("s_next")).count());
      }
    }
  }

  /** A start in lane {@code start}, then a parallel gateway (in no lane) to steps X in lane {@code x} and Y in {@code y}. */
  private static Graph fork(Graph.Lane start, Graph.Lane x, Graph.Lane y, NodeKind kind) {
    Graph g = new Graph("TB", "t");
    g.add(new Graph.Node("n0_start", NodeKind.START, Label.titled("Start"), Optional.empty(), Optional.of(start)));
    g.add(new Graph.Node("n1_parallel", NodeKind.GATEWAY, Label.plain("in parallel"), Optional.empty(), Optional.empty()));
    g.add(new Graph.Node("s_x", kind, Label.titled("X"), Optional.empty(), Optional.of(x)));
    g.add(new Graph.Node("s_y", kind, Label.titled("Y"), Optional.empty(), Optional.of(y)));
    g.edge("n0_start", "n1_parallel", "", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    g.edge("n1_parallel", "s_x", "X", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    g.edge("n1_parallel", "s_y", "Y", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    return g;
  }

  @Test
  void aChartWithLanesTooTallWhenTightIsTighter() {
    // NewHireSetup (lanes16g): rendered 1010x916 tight, 993x872 with its text 2 px closer to every node's border.
    Graph g = WorkflowDiagram.of(EXAMPLES, example("NewHireSetup"), true, false);
    assertTrue(g.tight() && g.tighter(), "NewHireSetup");
    String text = FlowchartRenderer.render(g, true);
    assertTrue(text.contains("    padding: " + FlowchartRenderer.TIGHTER_PADDING + "\n")
        && text.contains("    rankSpacing: " + FlowchartRenderer.TIGHTER_RANK_SPACING + "\n"), text);
    assertTrue(FlowchartRenderer.TIGHTER_PADDING < FlowchartRenderer.TIGHT_PADDING);
    assertTrue(FlowchartRenderer.TIGHTER_RANK_SPACING < FlowchartRenderer.TIGHT_RANK_SPACING);
    // The estimate knows: tighter is shorter than tight.
    Graph tight = copyWithout(g);
    tight.tighten();
    assertTrue(ChartSize.of(g).height() < ChartSize.of(tight).height(), ChartSize.of(g) + " " + ChartSize.of(tight));
    // A chart that fits when tight stays tight (Proposal; Kickoff did until lanes16i), one that fits as drawn is
    // neither (CoolRoom).
    Graph fits = WorkflowDiagram.of(EXAMPLES, example("Proposal"), true, false);
    assertTrue(fits.tight() && !fits.tighter(), "Proposal");
    assertFalse(WorkflowDiagram.of(EXAMPLES, example("CoolRoom"), true, false).tighter());
  }

  @Test
  void aChartWithLanesTooTallWhenTighterWrapsItsLabelsWider() {
    // DocumentCollection (lanes16h): rendered 1248x956 tighter with labels wrapped at 44, 1302x892 at 56 (ranks 11
    // apart): "Book the kickoff with the client within a working week" and the decision "Any missing items or
    // promised?" (look16e's wording of `missing + promised > 0`) are one line each.
    String text = FlowchartRenderer.render(WorkflowDiagram.of(EXAMPLES, example("DocumentCollection"), true, false), true);
    assertTrue(text.contains("\"<b>Book the kickoff with the client within a working week</b>\"")
        && text.contains("{{\"Any missing items or promised?\"}}"), text);
    assertTrue(WorkflowDiagram.WIDE_LANE_LABEL_WIDTH > Label.WIDTH);
    // Mermaid wraps at its wrappingWidth itself: a bold line of that many characters (about 7.4 px each) stays within it.
    assertTrue(WorkflowDiagram.WIDE_LANE_LABEL_WIDTH * 7.4 < FlowchartRenderer.WRAPPING_WIDTH);
    // A chart that fits when tight keeps its labels at 44 at most (Proposal), and NewHireSetup, tighter, too: wider
    // lines are not estimated to need fewer screens there.
    for (String name : List.of("Proposal", "NewHireSetup")) {
      Graph g = WorkflowDiagram.of(EXAMPLES, example(name), true, false);
      assertTrue(g.nodes().stream().allMatch(n -> n.label().columns() <= Label.WIDTH), name);
    }
  }

  /** The same graph, not tight. */
  private static Graph copyWithout(Graph g) {
    Graph out = new Graph(g.direction(), g.title());
    if (g.compact()) {
      out.compactDecisions();
    }
    g.regions().forEach(out::add);
    g.nodes().forEach(out::add);
    g.edges().forEach(e -> out.edge(e.from(), e.to(), e.label().orElse(""), e.style(), e.kind()));
    return out;
  }

  @Test
  void topToBottomLanesWhoseRanksOverlapAreEstimatedSideBySide() {
    // A and B take turns (A, B, A, B): Mermaid's dagre draws their boxes side by side, each as wide as its widest step.
    Graph turns = new Graph("TB", "Workflow T");
    Graph.Lane a = new Graph.Lane("lane1", "A", false);
    Graph.Lane b = new Graph.Lane("lane2", "B", false);
    String wide = "a step with a long title, about forty chars";
    String[] ids = {"n1", "n2", "n3", "n4"};
    for (int i = 0; i < ids.length; i++) {
      turns.add(new Graph.Node(ids[i], NodeKind.HUMAN, Label.titled(wide), Optional.empty(), Optional.of(i % 2 == 0 ? a : b)));
      if (i > 0) {
        turns.edge(ids[i - 1], ids[i], "", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
      }
    }
    // The same steps, A's two first, then B's two: B's box is stacked below A's, the chart as wide as one.
    Graph stacked = new Graph("TB", "Workflow S");
    for (int i = 0; i < ids.length; i++) {
      stacked.add(new Graph.Node(ids[i], NodeKind.HUMAN, Label.titled(wide), Optional.empty(), Optional.of(i < 2 ? a : b)));
      if (i > 0) {
        stacked.edge(ids[i - 1], ids[i], "", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
      }
    }
    int one = ChartSize.of(stacked).width();
    int two = ChartSize.of(turns).width();
    assertTrue(two > 1.8 * one, "side by side " + two + ", stacked " + one);
  }

  /** Nine roles at once, each with a few steps: a short way through many lanes, drawn left to right. */
  private static final String WIDE;

  static {
    String[] roles = {"Office", "Finance", "Legal", "Facilities", "Security", "Payroll", "Training", "Procurement", "Marketing"};
    StringBuilder model = new StringBuilder();
    StringBuilder branches = new StringBuilder();
    for (int i = 0; i < roles.length; i++) {
      model.append("role ").append(roles[i]).append('\n');
      branches.append("    branch b").append(i).append(" {\n      step prepareTheWorkplaceNumber").append(i).append(" by ")
          .append(roles[i]).append(" within 5d\n      approval checkTheWorkplaceNumber").append(i)
          .append(" by Office within 1d\n      if not checkTheWorkplaceNumber").append(i)
          .append(".approved {\n        step reworkTheWorkplaceNumber").append(i).append(" by ").append(roles[i])
          .append(" within 2d\n      }\n      step recordTheWorkplaceNumber").append(i).append(" by ").append(roles[i])
          .append(" within 1d\n").append(i == 0 ? "      step priceTheWorkplace by Office within 1d { cost: Int }\n"
              + "      if priceTheWorkplace.cost > 1000 {\n        step askTheDirector by Office within 1d\n      }\n" : "")
          .append("    }\n");
    }
    WIDE = model + "workflow Wide {\n  owner Office\n  starts manually\n  parallel {\n" + branches + "  }\n}\n";
  }

  @Test
  void aChartWithLanesLeftToRightSplitsToo() {
    ModelIndex index = new ModelIndex(DiagramTesting.model(WIDE));
    Decl.WorkflowDecl w = index.workflows().get(0);
    Graph whole = WorkflowDiagram.of(index, w, true, false);
    assertEquals("LR", whole.direction());
    // Nine bands one above the other are taller than a screen: the estimate counts the bands.
    assertFalse(ChartSize.of(whole).fits(), ChartSize.of(whole).toString());
    // Drawn whole (--whole --lanes), its decisions are flat hexagons.
    assertTrue(whole.compact());
    assertTrue(Diagrams.workflow(index, w, true).contains("_if{{\""));
    List<ChartSplit.Part> parts = lanes(index, w);
    assertTrue(parts.size() > 1, "not split");
    Set<String> keys = new HashSet<>();
    List<String> drawn = new ArrayList<>();
    for (ChartSplit.Part p : parts) {
      assertTrue(keys.add(p.key()), p.key());
      assertEquals("LR", p.graph().direction(), p.key());
      String mermaid = FlowchartRenderer.render(p.graph(), true);
      assertTrue(MermaidSyntax.problems(mermaid).isEmpty(), () -> p.key() + ": " + MermaidSyntax.problems(mermaid));
      assertTrue(mermaid.contains("subgraph lane"), p.key());
      p.graph().nodes().stream().filter(n -> n.kind() != NodeKind.PART && !n.id().startsWith("d0_"))
          .forEach(n -> drawn.add(n.id()));
    }
    assertTrue(ChartSize.of(parts.get(0).graph()).fits());
    // Each branch is a chart of its own that fits.
    assertTrue(parts.stream().filter(p -> p.key().startsWith("prepareTheWorkplaceNumber")).count() >= 9, keys.toString());
    parts.stream().filter(p -> p.key().startsWith("prepareTheWorkplaceNumber"))
        .forEach(p -> assertTrue(ChartSize.of(p.graph()).fits(), p.key() + " " + ChartSize.of(p.graph())));
    // Every step once, in the same chart as drawn whole.
    assertEquals(WorkflowDiagram.of(index, w, true, false).nodes().stream().map(Graph.Node::id).sorted().toList(),
        drawn.stream().sorted().toList());
  }
}
