package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.ast.Decl;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeatMapTest {
  private static final String MODEL = """
      package shop
      role Clerk
      role Manager
      system Stock {
        action reserve(item: Text): Text
      }
      workflow Order {
        owner Clerk
        starts manually
        input item: Text
        input amount: Int
        step check by Clerk {
          ok: Bool
        }
        if amount > 100 {
          step approve by Manager {
            fine: Bool
          }
        }
        parallel {
          branch goods {
            step reserve by Stock.reserve(item: item)
          }
          branch paper {
            step invoice by Clerk {
              number: Text
            }
          }
        }
      }
      """;

  private static String heatMap(Map<String, HeatMap.Step> steps, List<HeatMap.Transition> transitions) {
    ModelIndex index = new ModelIndex(DiagramTesting.model(MODEL));
    Decl.WorkflowDecl order = index.workflows().get(0);
    return HeatMap.mermaid(index, order, steps, transitions);
  }

  @Test
  void aTransitionIsCountedOnEveryEdgeOfTheWayBetweenTheTwoStepsThroughDecisions() {
    String mermaid = heatMap(Map.of(), List.of(
        new HeatMap.Transition(HeatMap.START, "check", 5, true),
        new HeatMap.Transition("check", "approve", 2, true),
        new HeatMap.Transition("check", "reserve", 3, true)));

    assertTrue(mermaid.contains("  n0_start -->|\"5#215;\"| s_check\n"), mermaid);
    // Both ways leave the step for the decision: 2 + 3.
    assertTrue(mermaid.matches("(?s).*  s_check -->\\|\"5#215;\"\\| n\\d+_if\n.*"), mermaid);
    assertTrue(mermaid.matches("(?s).*  n\\d+_if -->\\|\"yes#58; 2#215;\"\\| s_approve\n.*"), mermaid);
    // No is the decision's way on to the parallel split, then into the goods branch.
    assertTrue(mermaid.matches("(?s).*  n\\d+_if -->\\|\"no#58; 3#215;\"\\| n\\d+_parallel\n.*"), mermaid);
    assertTrue(mermaid.matches("(?s).*  n\\d+_parallel -->\\|\"Goods#58; 3#215;\"\\| s_reserve\n.*"), mermaid);
    assertTrue(MermaidSyntax.problems(mermaid).isEmpty(), () -> MermaidSyntax.problems(mermaid) + "\n" + mermaid);
  }

  @Test
  void stepsAreLabelledAndColouredByTheirHeat() {
    String mermaid = heatMap(Map.of("check", new HeatMap.Step("waits 2h", 1.0), "invoice", new HeatMap.Step("waits 0s", 0),
        "approve", new HeatMap.Step("", -1)), List.of());

    assertTrue(mermaid.contains("<br/>waits 2h\")\n"), mermaid);
    assertTrue(mermaid.contains("  style s_check fill:#ff6b6b,color:#000\n"), mermaid);
    assertTrue(mermaid.contains("  style s_invoice fill:#fff5c4,color:#000\n"), mermaid);
    assertFalse(mermaid.contains("style s_approve"), "no heat, the step's own colour: " + mermaid);
    assertTrue(MermaidSyntax.problems(mermaid).isEmpty(), () -> MermaidSyntax.problems(mermaid) + "\n" + mermaid);
  }

  @Test
  void parallelStepsOneAfterTheOtherAreNotDrawnButADeviationIs() {
    String mermaid = heatMap(Map.of(), List.of(
        new HeatMap.Transition("reserve", "invoice", 4, true),
        new HeatMap.Transition("invoice", "check", 1, false)));

    assertFalse(mermaid.contains("s_reserve -.->"), "branches interleave; the model allows it: " + mermaid);
    assertTrue(mermaid.contains("  s_reserve --> n3_join\n"), "no edge of the flowchart joins them: " + mermaid);
    assertTrue(mermaid.contains("  s_invoice -.->|\"1#215;, not in the model\"| s_check\n"), mermaid);
    assertEquals(1, mermaid.lines().filter(l -> l.startsWith("  linkStyle ")).count(), mermaid);
    assertTrue(MermaidSyntax.problems(mermaid).isEmpty(), () -> MermaidSyntax.problems(mermaid) + "\n" + mermaid);
  }
}
