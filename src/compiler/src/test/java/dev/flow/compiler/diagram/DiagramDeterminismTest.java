package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.flow.compiler.source.SourceFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** The same model gives the same diagrams, byte for byte: run after run, and whatever the order of its files. */
class DiagramDeterminismTest {
  @Test
  void sameModelSameBytes() {
    List<SourceFile> files = DiagramTesting.sources(DiagramTesting.EXAMPLES);
    SortedMap<String, String> first = Diagrams.files(DiagramTesting.model(files));
    SortedMap<String, String> second = Diagrams.files(DiagramTesting.model(files));
    assertFalse(first.isEmpty());
    assertEquals(first, second);
  }

  @Test
  void theOrderOfTheFilesDoesNotMatter() {
    List<SourceFile> files = DiagramTesting.sources(DiagramTesting.EXAMPLES);
    List<SourceFile> reversed = new ArrayList<>(files);
    Collections.reverse(reversed);
    for (boolean lanes : new boolean[] {false, true}) {
      Diagrams.Options options = new Diagrams.Options(lanes, Diagrams.Format.MERMAID);
      assertEquals(Diagrams.files(DiagramTesting.model(files), options),
          Diagrams.files(DiagramTesting.model(reversed), options));
    }
  }

  @Test
  void everyWorkflowAndProcessHasItsFileAndTheLandscapeIsThere() {
    var model = DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES));
    SortedMap<String, String> whole = Diagrams.files(model, new Diagrams.Options(false, Diagrams.Format.MERMAID, false, true));
    assertEquals(31, whole.size(), whole.keySet().toString());
    SortedMap<String, String> files = Diagrams.files(model);
    // The same files, and next to a workflow too big for a screen the charts of its parts.
    assertEquals(true, files.keySet().containsAll(whole.keySet()), files.keySet().toString());
    for (String path : files.keySet()) {
      if (!whole.containsKey(path)) {
        assertEquals(true, path.matches(".*\\.workflow\\.[A-Za-z0-9_]+\\.mmd")
            && whole.containsKey(path.replaceFirst("\\.[A-Za-z0-9_]+\\.mmd$", ".mmd")), path);
      }
    }
    assertEquals(true, files.containsKey("com.acme.invoicing/ChargeCard.workflow.mmd"));
    assertEquals(true, files.containsKey("com.acme.onboarding/DocumentCollection.workflow.mmd"));
    assertEquals(true, files.containsKey("com.acme.facilities/RoomWatch.workflow.mmd"));
    assertEquals(true, files.containsKey("com.acme.purchasing/PurchaseApproval.workflow.mmd"));
    assertEquals(true, files.containsKey("com.acme.onboarding/ClientOnboarding.process.mmd"));
    assertEquals(true, files.containsKey("landscape.mmd"));
  }

  @Test
  void markdownWrapsTheSameDiagramsInFences() {
    var model = DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES));
    SortedMap<String, String> mmd = Diagrams.files(model);
    SortedMap<String, String> md = Diagrams.files(model, new Diagrams.Options(false, Diagrams.Format.MARKDOWN));
    assertEquals(mmd.size(), md.size());
    String page = md.get("com.acme.sales/Contract.workflow.md");
    assertEquals("# Workflow `com.acme.sales.Contract`\n\n```mermaid\n" + mmd.get("com.acme.sales/Contract.workflow.mmd")
        + "```\n", page);
  }
}
