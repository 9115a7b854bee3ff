package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Questions that read like code in the examples' charts (issue 16, look16e): "End date minus start date over 90d?",
 * "Today minus last contact over 30d?", "Received over 0?", "Estimated budget over budget times 2?".
 */
class QuestionsInWordsTest {
  private static final String MODEL = """
      role Clerk
      record Deal { startDate: Date, endDate: Date, lastContact: Date, budget: Decimal, band: Decimal }
      workflow Ask {
        owner Clerk
        starts manually
        input deal: Deal
        input received: Decimal
        input missing: Int
        input promised: Int
        input salary: Decimal
        if deal.endDate - deal.startDate > 90d {
          notify Clerk "long"
        }
        if today() - deal.lastContact > 30d {
          notify Clerk "quiet"
        }
        if received > 0 {
          notify Clerk "paid"
        }
        if missing + promised > 0 {
          notify Clerk "open"
        }
        if salary > deal.budget * 2 {
          notify Clerk "twice"
        }
        if salary > deal.band * 1.1 {
          notify Clerk "ten percent"
        }
      }
      """;

  @Test
  void comparisonsAreSaidAsABusinessReaderSaysThem() {
    ModelIndex index = new ModelIndex(DiagramTesting.model(MODEL));
    Graph g = WorkflowDiagram.of(index, index.workflows().get(0), false, false);
    List<String> labels = g.nodes().stream().map(n -> n.label().toString()).toList();
    for (String expected : List.of("Longer than 90 days?", "Last contact more than 30 days ago?", "Any received?",
        "Any missing or promised?", "Salary over twice the budget?", "Salary over 110% of the band?")) {
      assertTrue(labels.contains(expected), expected + " in " + labels);
    }
    // The full expression stays in the detail chart.
    Graph detail = WorkflowDiagram.of(index, index.workflows().get(0), false, true);
    String all = detail.nodes().stream().map(n -> n.label().toString()).toList().toString();
    assertTrue(all.contains("deal.endDate - deal.startDate > 90d"), all);
  }
}
