package dev.flow.compiler.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diagram.DiagramTesting;
import dev.flow.compiler.diagram.Diagrams;
import dev.flow.compiler.docs.Docs;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * {@code parallel … after each branch { … }} is drawn as a merge that does not synchronize before
 * the block, and {@code start each} as rounds that the rest of the workflow does not wait for
 * (Mermaid, BPMN, the generated docs' step table).
 */
class MultiMergeDrawingTest {
  private static SemanticModel model() throws IOException {
    return DiagramTesting.model(List.of(SourceFile.read(Path.of("src/test/resources/valid/after_each_and_start_each.flow"))));
  }

  @Test
  void mermaidDrawsTheMergeAndTheRoundsNotWaitedFor() throws IOException {
    String all = String.join("\n", Diagrams.files(model()).values());
    assertTrue(all.contains("after each branch, as it ends"), all);
    assertTrue(all.contains("once per branch, at once"), all);
    assertTrue(all.contains("every branch and every run after it done"), all);
    assertTrue(!all.contains("After each branch\""), "the block's loop is not drawn as a branch: " + all);
    assertTrue(all.contains("Start each document"), all);
    assertTrue(!all.contains("Start each document in documents"), "the list is the items' plural, said once: " + all);
    assertTrue(all.contains("all at once, not waited for"), all);
    assertTrue(all.contains("goes on at once"), all);
  }

  @Test
  void bpmnMergesWithoutSynchronizingAndSplitsOffTheRounds() throws IOException {
    SortedMap<String, String> files = Bpmn.files(model());
    String xml = String.join("\n", files.values());
    int merges = 0;
    int splits = 0;
    for (String file : files.values()) {
      assertEquals(List.of(), BpmnStructure.problems(file), file);
      Element root = BpmnStructure.parse(file).getDocumentElement();
      for (Element g : BpmnStructure.elements(root, BpmnStructure.BPMN, "exclusiveGateway")) {
        merges += g.getAttribute("name").equals("After each branch") ? 1 : 0;
      }
      for (Element g : BpmnStructure.elements(root, BpmnStructure.BPMN, "parallelGateway")) {
        splits += g.getAttribute("name").equals("Start each document") ? 1 : 0;
      }
    }
    assertEquals(1, merges, xml);
    assertEquals(1, splits, xml);
    assertTrue(xml.contains("Rounds ended"), xml);
    assertTrue(xml.contains("Every branch and run ended?"), xml);
  }

  @Test
  void theDocsNameTheBlocks() throws IOException {
    String all = String.join("\n", Docs.files(model()).values());
    assertTrue(all.contains("after each branch (once per branch, as it ends)"), all);
    // The loop in words, then the code (look16c: the "where" column says loops in words).
    assertTrue(all.contains("start each document, all at once, not waited for (`document` in `documents`)"), all);
  }
}
