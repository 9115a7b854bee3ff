package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.ast.Decl;
import org.junit.jupiter.api.Test;

/** A workflow's chart as one picture ({@code --whole}, {@code --detail}): as compact as Mermaid allows. */
class WholeChartTest {
  private static final ModelIndex EXAMPLES =
      new ModelIndex(DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES)));

  private static Decl.WorkflowDecl example(String name) {
    return EXAMPLES.workflows().stream().filter(w -> w.name().text().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aWholeChartTooBigForAScreenDrawsDecisionsAsFlatHexagons() {
    Graph whole = WorkflowDiagram.of(EXAMPLES, example("Recruitment"), false, false);
    assertTrue(whole.compact());
    String mermaid = Diagrams.workflow(EXAMPLES, example("Recruitment"), false);
    assertTrue(mermaid.contains("_if{{\""), mermaid);
    assertFalse(mermaid.contains("_if{\""), mermaid);
    // Split charts keep their diamonds.
    Graph diamonds = WorkflowDiagram.parts(EXAMPLES, example("Recruitment"), k -> k).get(0).graph();
    assertFalse(diamonds.compact());
  }

  @Test
  void aWholeChartThatFitsKeepsItsDiamonds() {
    Graph whole = WorkflowDiagram.of(EXAMPLES, example("MonthlyBilling"), false, false);
    assertFalse(whole.compact());
    assertEquals("TD", whole.direction());
  }

  @Test
  void aWideShallowWorkflowIsDrawnLeftToRight() {
    StringBuilder branches = new StringBuilder();
    for (int i = 1; i <= 9; i++) {
      branches.append("    branch b").append(i).append(" {\n      step prepareTheWorkplaceNumber").append(i)
          .append(" by Office within 5d\n    }\n");
    }
    ModelIndex index = new ModelIndex(DiagramTesting.model("""
        role Office
        workflow Wide {
          owner Office
          starts manually
          parallel {
        %s  }
        }
        """.formatted(branches)));
    Decl.WorkflowDecl w = index.workflows().get(0);
    Graph down = WorkflowDiagram.reader(index, w);
    down.compactDecisions();
    assertFalse(ChartSize.of(down).fits(), ChartSize.of(down).toString());
    Graph whole = WorkflowDiagram.of(index, w, false, false);
    // Top to bottom nine steps side by side are wider than a screen; left to right they are a column.
    assertEquals("LR", whole.direction());
    assertTrue(ChartSize.of(whole).screens() < ChartSize.of(down).screens(), ChartSize.of(whole) + " " + ChartSize.of(down));
    // A row inside a chart left to right is a column.
    assertTrue(whole.regions().stream().filter(Graph.Region::row).allMatch(r -> r.direction().orElse("").equals("TB")));
  }
}
