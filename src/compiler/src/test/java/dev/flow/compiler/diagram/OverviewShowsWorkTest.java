package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.ast.Decl;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An overview shows the work, not only part boxes (issue 16, look16e): a reader of Recruitment's overview saw a
 * column of five dashed boxes and no step and no ending, since the fold choice only asked how much of the screen
 * the overview filled.
 */
class OverviewShowsWorkTest {
  private static List<String> labels(Graph g) {
    return g.nodes().stream().map(n -> n.label().toString()).toList();
  }

  private static Graph overview(ModelIndex index, String workflow) {
    Decl.WorkflowDecl w = index.workflows().stream().filter(x -> x.name().text().equals(workflow)).findFirst().orElseThrow();
    return WorkflowDiagram.parts(index, w, key -> key).get(0).graph();
  }

  @Test
  void recruitmentsOverviewShowsTheOfferDeclinedAndItsFailure() {
    ModelIndex index = new ModelIndex(DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES)));
    Graph g = overview(index, "Recruitment");
    assertTrue(g.nodes().stream().anyMatch(n -> n.kind() == NodeKind.FAIL), labels(g).toString());
    assertTrue(labels(g).contains("Accepted?"), labels(g).toString());
    assertTrue(ChartSize.of(g).fits(), ChartSize.of(g).toString());
  }

  @Test
  void everyExamplesOverviewShowsAStepOrADecision() {
    ModelIndex index = new ModelIndex(DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES)));
    for (Decl.WorkflowDecl w : index.workflows()) {
      Graph g = WorkflowDiagram.parts(index, w, key -> key).get(0).graph();
      assertTrue(ChartSplit.shown(g) > 0, w.name().text() + ": " + labels(g));
    }
  }

  @Test
  void anOverviewKeepsAFailureInSightWhenItCan() {
    // overview.flow's Hiring: "Shortlist" rejected leads to Failed; the overview folded it into "From Shortlist to
    // Hire" though folding the run after it made the chart fit as well.
    ModelIndex index = new ModelIndex(DiagramTesting.model(DiagramTesting.sources(
        Path.of("src/test/resources/diagrams/overview.flow"))));
    Graph g = overview(index, "Hiring");
    assertTrue(g.nodes().stream().anyMatch(n -> n.kind() == NodeKind.FAIL), labels(g).toString());
    assertTrue(labels(g).stream().anyMatch(l -> l.startsWith("Shortlist")), labels(g).toString());
  }
}
