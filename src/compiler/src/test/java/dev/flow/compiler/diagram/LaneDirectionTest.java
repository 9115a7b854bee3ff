package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Charts with lanes take the direction that needs the fewer laptop screens: a long way through few
 * lanes reads top to bottom (lanes as columns), a short way through many lanes left to right
 * (lanes as bands), where a straight run of steps in one lane is a column of its own.
 */
class LaneDirectionTest {
  private static String lanes(String model) {
    ModelIndex index = new ModelIndex(DiagramTesting.model(model));
    return Diagrams.workflow(index, index.workflows().get(0), true);
  }

  @Test
  void aLongWayThroughOneLaneIsTopToBottom() {
    StringBuilder steps = new StringBuilder();
    for (int i = 1; i <= 12; i++) {
      steps.append("  step task").append(i).append(" by Clerk\n");
    }
    String mermaid = lanes("role Clerk\nworkflow Long {\n  owner Clerk\n  starts manually\n" + steps + "}\n");
    assertTrue(mermaid.contains("\nflowchart TB\n"), mermaid);
    // The lane keeps the chart's direction even though no edge leaves it.
    assertTrue(mermaid.matches("(?s).*subgraph lane1 \\[\"<b>Clerk</b>\"\\]\\s+direction TB\\s.*"), mermaid);
  }

  @Test
  void aShortWayThroughManyLanesIsLeftToRightWithAColumnPerStraightRun() {
    StringBuilder model = new StringBuilder("system Mail { action send(to: Text): Text }\n");
    StringBuilder branches = new StringBuilder();
    for (int i = 1; i <= 10; i++) {
      model.append("role Role").append(i).append('\n');
      branches.append("    branch b").append(i).append(" { step work").append(i).append(" by Role").append(i).append(" }\n");
    }
    model.append("workflow Wide {\n  owner Role1\n  starts manually\n  parallel {\n").append(branches).append("  }\n")
        .append("  step one by Mail.send(to: \"a\")\n  step two by Mail.send(to: \"b\")\n")
        .append("  step three by Mail.send(to: \"c\")\n}\n");
    String mermaid = lanes(model.toString());
    assertTrue(mermaid.contains("\nflowchart LR\n"), mermaid);
    // The three mail steps: a column (top to bottom) inside the mail lane, reached through its frame.
    Matcher column = Pattern.compile("subgraph (r\\d+_row_lane\\d+) \\[\"#8203;\"\\]\\s+direction TB\\s+"
        + "s_one\\[[^\\n]*\\n\\s+s_two\\[[^\\n]*\\n\\s+s_three\\[").matcher(mermaid);
    assertTrue(column.find(), mermaid);
    String id = column.group(1);
    List<String> edges = new ArrayList<>();
    for (String line : mermaid.split("\n")) {
      if (line.contains("-->") && line.contains(id)) {
        edges.add(line.strip());
      }
    }
    assertEquals(2, edges.size(), edges.toString());
    assertTrue(edges.get(0).endsWith(" " + id), edges.toString());
    assertTrue(edges.get(1).startsWith(id + " -->"), edges.toString());
    assertTrue(mermaid.contains("s_one --> s_two") && mermaid.contains("s_two --> s_three"), mermaid);
  }
}
