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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * {@code parallel N times { … }} is drawn as N threads and their join (Mermaid), as a parallel
 * multi-instance activity or subprocess whose loop cardinality is N (BPMN), and named in the
 * generated docs' step table.
 */
class ThreadsDrawingTest {
  private static SemanticModel model() throws IOException {
    return DiagramTesting.model(List.of(SourceFile.read(Path.of("src/test/resources/valid/parallel_times.flow"))));
  }

  @Test
  void mermaidDrawsTheThreadsAndTheirJoin() throws IOException {
    String all = String.join("\n", Diagrams.files(model()).values());
    assertTrue(all.contains("pickers threads at once"), all);
    assertTrue(all.contains("3 threads at once"), all);
    assertTrue(all.contains("each thread, all at once"), all);
    assertTrue(all.contains("all done"), all);
    assertTrue(all.contains("each thread shelf, all at once"), all);
  }

  @Test
  void bpmnMarksAParallelMultiInstanceWithTheCountAsLoopCardinality() throws IOException {
    SortedMap<String, String> files = Bpmn.files(model());
    String xml = String.join("\n", files.values());
    List<String> cardinalities = new ArrayList<>();
    for (String file : files.values()) {
      assertEquals(List.of(), BpmnStructure.problems(file));
      Element root = BpmnStructure.parse(file).getDocumentElement();
      BpmnStructure.elements(root, BpmnStructure.BPMN, "loopCardinality").forEach(e -> cardinalities.add(e.getTextContent()));
      for (Element loop : BpmnStructure.elements(root, BpmnStructure.BPMN, "multiInstanceLoopCharacteristics")) {
        assertTrue(loop.getAttribute("isSequential").isEmpty(), "the threads run at once: " + xml);
      }
    }
    assertEquals(List.of("pickers", "as", "3"), cardinalities.stream().sorted(Comparator.reverseOrder()).toList(), xml);
    assertTrue(xml.contains("pickers threads, all at once"), xml);
    assertTrue(xml.contains("3 threads, all at once"), xml);
    assertTrue(xml.contains("name=\"Each thread shelf\""), xml);
    assertTrue(xml.contains("as threads, numbered shelf from 1 to as, all at once"), xml);
  }

  @Test
  void theDocsNameTheThreads() throws IOException {
    String all = String.join("\n", Docs.files(model()).values());
    assertTrue(all.contains("each of `pickers` threads (all at once)"), all);
    assertTrue(all.contains("each of `3` threads (all at once)"), all);
    assertTrue(all.contains("each of `as` threads (all at once, numbered `shelf` from 1)"), all);
  }
}
