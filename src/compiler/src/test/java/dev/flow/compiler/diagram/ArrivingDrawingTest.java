package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.bpmn.Bpmn;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.docs.Docs;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code for each … until} is drawn as a parallel {@code for each} (Mermaid), as a loop of
 * gateways (BPMN), and named in the generated docs' step table.
 */
class ArrivingDrawingTest {
  private static SemanticModel model() throws IOException {
    return DiagramTesting.model(List.of(SourceFile.read(Path.of("src/test/resources/valid/for_each_until.flow"))));
  }

  @Test
  void mermaidDrawsARoundPerArrivingItemAndTheJoin() throws IOException {
    String all = String.join("\n", Diagrams.files(model()).values());
    assertTrue(all.contains("For each bid as it arrives, until closed"), all);
    assertTrue(all.contains("each bid, as it arrives"), all);
    assertTrue(all.contains("closed and all done"), all);
    assertTrue(all.contains("2 done (or closed and all done), the others"), all);
  }

  @Test
  void bpmnDrawsALoopOfGateways() throws IOException {
    String all = String.join("\n", Bpmn.files(model()).values());
    assertTrue(all.contains("For each bid: Bid as it arrives, all at once, until closed: LotClosed, going on after 2"), all);
    assertTrue(all.contains("Another bid before closed?"), all);
  }

  @Test
  void theDocsNameTheLoop() throws IOException {
    String all = String.join("\n", Docs.files(model()).values());
    assertTrue(all.contains("as it arrives, until `closed: LotClosed` (all at once, going on after 2)"), all);
  }
}
