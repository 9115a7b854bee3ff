package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.SemanticModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Overview and detail charts of workflows too big for a screen ({@link ChartSplit}). */
class ChartSplitTest {
  private static final ModelIndex EXAMPLES =
      new ModelIndex(DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES)));

  private static List<ChartSplit.Part> parts(Decl.WorkflowDecl w) {
    return WorkflowDiagram.parts(EXAMPLES, w, key -> "#" + key);
  }

  @Test
  void aChartThatFitsStaysWhole() {
    SemanticModel model = DiagramTesting.model("""
        role Author
        role Editor
        workflow Small {
          owner Editor
          starts manually
          step write by Author within 3d { text: Text }
          approval edit by Editor within 1d
          notify Author "Edited"
        }
        """);
    ModelIndex index = new ModelIndex(model);
    Decl.WorkflowDecl w = index.workflows().get(0);
    List<Diagrams.Chart> charts = Diagrams.workflowCharts(index, w, key -> "#" + key);
    assertEquals(1, charts.size());
    assertEquals(Diagrams.workflow(index, w, false), charts.get(0).mermaid());
  }

  private static List<String> keys(String workflow) {
    Decl.WorkflowDecl w = EXAMPLES.workflows().stream().filter(x -> x.name().text().equals(workflow)).findFirst().orElseThrow();
    return parts(w).stream().map(ChartSplit.Part::key).toList();
  }

  @Test
  void theRestOfAnElseIfChainSmallBranchesAndTryHandlersMakePartsThatFit() {
    // Recruitment's salary decision is `if … else if … else`: the second question and what follows is a part.
    // (Keys follow the questions' words, look16e: "Salary over 110% of the salary band?" took salaryOverSalaryBand, so
    // the second question's part is told apart by its first step; "Received over 0?" is now "Any received?".)
    assertTrue(keys("Recruitment").contains("salaryOverSalaryBandManagerApproval"), keys("Recruitment").toString());
    assertTrue(keys("PaymentCollection").contains("anyReceived"), keys("PaymentCollection").toString());
    // Four interviews at once, two of them a step and a decision: those two fold, nothing bigger being left.
    assertTrue(keys("InterviewLoop").containsAll(List.of("portfolioReview", "leadershipInterview")),
        keys("InterviewLoop").toString());
    // A try's handlers hang below its frame: an invisible edge from its last step to each.
    Decl.WorkflowDecl pay = EXAMPLES.workflows().stream().filter(x -> x.name().text().equals("PaymentCollection"))
        .findFirst().orElseThrow();
    Graph whole = WorkflowDiagram.of(EXAMPLES, pay, false, false);
    List<Graph.Edge> fromTry = whole.edges().stream().filter(e -> e.from().endsWith("_try")).toList();
    assertFalse(fromTry.isEmpty());
    for (Graph.Edge e : fromTry) {
      assertTrue(whole.edges().stream().anyMatch(i -> i.style() == Graph.EdgeStyle.INVISIBLE && i.to().equals(e.to())
          && whole.node(i.from()).flatMap(Graph.Node::region).equals(Optional.of(e.from()))), e.toString());
    }
    // With lanes there is no edge from the region (each failable step has its own), so nothing invisible.
    assertTrue(WorkflowDiagram.of(EXAMPLES, pay, true, false).edges().stream()
        .noneMatch(e -> e.style() == Graph.EdgeStyle.INVISIBLE));
  }

  @Test
  void aKeyIsMadeOfTheTitlesWords() {
    assertEquals("salaryOverSalaryBand", ChartSplit.words("Decision: Salary over salary band?"));
    assertEquals("technicalPortfolio", ChartSplit.words("Technical, Portfolio and 2 more (4 at once)"));
    assertEquals("", ChartSplit.words("1 + 1?"));
  }

  @Test
  void everyExampleChartIsSplitIntoChartsThatEachKeepEveryStepOnce() {
    List<String> report = new ArrayList<>();
    int fitBefore = 0;
    int fitAfter = 0;
    for (Decl.WorkflowDecl w : EXAMPLES.workflows()) {
      // The chart the split starts from (--whole draws a chart too big for a screen more compactly).
      Graph whole = WorkflowDiagram.reader(EXAMPLES, w);
      List<ChartSplit.Part> parts = parts(w);
      assertEquals("", parts.get(0).key());
      ChartSize.Size before = ChartSize.of(whole);
      fitBefore += before.fits() ? 1 : 0;
      boolean allFit = parts.stream().allMatch(p -> ChartSize.of(p.graph()).fits());
      fitAfter += allFit ? 1 : 0;
      StringBuilder line = new StringBuilder(w.name().text() + " whole " + before);
      parts.forEach(p -> line.append(" | ").append(p.key().isEmpty() ? "overview" : p.key()).append(' ')
          .append(ChartSize.of(p.graph())));
      report.add(line.toString());
      // Every step of the whole chart is in exactly one chart, and every part's box links to its chart.
      Set<String> keys = new HashSet<>();
      parts.forEach(p -> keys.add(p.key()));
      assertEquals(parts.size(), keys.size(), w.name().text());
      List<String> drawn = new ArrayList<>();
      for (ChartSplit.Part p : parts) {
        for (Graph.Node n : p.graph().nodes()) {
          if (n.kind() != NodeKind.PART && !n.id().startsWith("d0_")) {
            drawn.add(n.id());
          }
        }
        p.graph().links().values().forEach(href -> assertTrue(keys.contains(href.substring(1)), href));
        assertTrue(MermaidSyntax.problems(FlowchartRenderer.render(p.graph(), false)).isEmpty(),
            () -> MermaidSyntax.problems(FlowchartRenderer.render(p.graph(), false)).toString());
      }
      List<String> expected = whole.nodes().stream().map(Graph.Node::id).toList();
      assertEquals(expected.stream().sorted().toList(), drawn.stream().sorted().toList(), w.name().text());
      if (parts.size() > 1) {
        assertFalse(before.fits(), w.name().text() + " is split though it fits");
        assertEquals(parts.size() - 1, parts.stream().mapToLong(p -> p.graph().links().size()).sum(), w.name().text());
      }
    }
    System.out.println(String.join("\n", report) + "\nfit before " + fitBefore + " after " + fitAfter);
    assertTrue(fitAfter > fitBefore, "fit before " + fitBefore + " after " + fitAfter);
  }

  @Test
  void aChartWithLanesTopToBottomSplitsToo() {
    Decl.WorkflowDecl w = EXAMPLES.workflows().stream().filter(x -> x.name().text().equals("Recruitment"))
        .findFirst().orElseThrow();
    List<ChartSplit.Part> parts = WorkflowDiagram.parts(EXAMPLES, w, key -> "#" + key, true);
    assertTrue(parts.size() > 1, "Recruitment with lanes is not split");
    Set<String> keys = new HashSet<>();
    for (ChartSplit.Part p : parts) {
      assertTrue(keys.add(p.key()), p.key());
      assertEquals("TB", p.graph().direction(), p.key());
      String mermaid = FlowchartRenderer.render(p.graph(), true);
      // Every part with a step or box in a lane shows its lanes, also one of only folded boxes (each box is in
      // the lane of its first step); a part of decisions and waits only has none.
      assertEquals(p.graph().nodes().stream().anyMatch(n -> n.lane().isPresent()), mermaid.contains("subgraph lane"), p.key());
      assertTrue(MermaidSyntax.problems(mermaid).isEmpty(), () -> p.key() + ": " + MermaidSyntax.problems(mermaid));
    }
    // Every step of the whole chart with lanes is in one chart.
    List<String> drawn = new ArrayList<>();
    parts.forEach(p -> p.graph().nodes().stream().filter(n -> n.kind() != NodeKind.PART && !n.id().startsWith("d0_"))
        .forEach(n -> drawn.add(n.id())));
    assertEquals(WorkflowDiagram.of(EXAMPLES, w, true, false).nodes().stream().map(Graph.Node::id).sorted().toList(),
        drawn.stream().sorted().toList());
  }

  @Test
  void theSplitIsTheSameEveryTime() {
    for (Decl.WorkflowDecl w : EXAMPLES.workflows()) {
      List<String> first = parts(w).stream().map(p -> p.key() + FlowchartRenderer.render(p.graph(), false)).toList();
      List<String> again = parts(w).stream().map(p -> p.key() + FlowchartRenderer.render(p.graph(), false)).toList();
      assertEquals(first, again, w.name().text());
    }
  }
}
