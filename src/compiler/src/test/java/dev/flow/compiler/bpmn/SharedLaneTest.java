package dev.flow.compiler.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diagram.DiagramTesting;
import dev.flow.compiler.diagram.Diagrams;
import dev.flow.compiler.diagram.ModelIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** A step that any of several roles may take sits in a lane of those roles together, in Mermaid and in BPMN. */
class SharedLaneTest {
  private static final String MODEL = """
      package shop
      role Sales
      role Accounting "Accounts"
      role Clerk
      role Manager
      process Selling {
        goal "Sell"
        owner Sales
        workflows Order
      }
      workflow Order {
        owner Sales
        starts manually
        input amount: Int
        step quote by Sales {
          price: Int
        }
        step invoice by Sales or Accounting {
          number: Text
        }
        approval release by match amount {
          1 -> Clerk
          else -> Manager
        }
      }
      """;

  @Test
  void mermaidLanes() {
    SemanticModel model = DiagramTesting.model(MODEL);
    ModelIndex index = new ModelIndex(model);
    String mermaid = Diagrams.workflow(index, index.workflows().get(0), true);
    // Each lane says its direction first (Mermaid turns a lane no edge leaves otherwise), then its steps.
    String direction = "\\s+direction (TB|LR)\\s+";
    assertTrue(mermaid.matches("(?s).*subgraph lane\\d+ \\[\"<b>Sales or Accounts</b>\"\\]" + direction + "s_invoice\\(.*"),
        mermaid);
    assertTrue(mermaid.matches("(?s).*subgraph lane\\d+ \\[\"<b>Clerk or Manager</b>\"\\]" + direction + "s_release\\(.*"),
        mermaid);
    assertTrue(mermaid.matches("(?s).*subgraph lane\\d+ \\[\"<b>Sales</b>\"\\]" + direction + "n0_start.*s_quote\\(.*"),
        mermaid);
  }

  @Test
  void bpmnLanes() {
    String xml = Bpmn.files(DiagramTesting.model(MODEL)).get("shop/Selling.bpmn");
    assertEquals(List.of(), BpmnStructure.problems(xml));
    Element root = BpmnStructure.parse(xml).getDocumentElement();
    Map<String, String> laneOfTask = new java.util.HashMap<>();
    List<String> lanes = new ArrayList<>();
    Map<String, String> names = new java.util.HashMap<>();
    for (Element task : BpmnStructure.elements(root, BpmnStructure.BPMN, "userTask")) {
      names.put(task.getAttribute("id"), task.getAttribute("name"));
    }
    for (Element lane : BpmnStructure.elements(root, BpmnStructure.BPMN, "lane")) {
      lanes.add(lane.getAttribute("name"));
      for (Element ref : BpmnStructure.elements(lane, BpmnStructure.BPMN, "flowNodeRef")) {
        if (names.containsKey(ref.getTextContent())) {
          laneOfTask.put(names.get(ref.getTextContent()), lane.getAttribute("name"));
        }
      }
    }
    assertEquals(3, lanes.size(), lanes.toString());
    assertEquals("Sales", laneOfTask.get("Quote"), laneOfTask.toString());
    assertEquals("Sales or Accounts", laneOfTask.get("Invoice"), laneOfTask.toString());
    assertEquals("Clerk or Manager", laneOfTask.get("Release"), laneOfTask.toString());
  }
}
