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
 * {@code first to start} (WCP 16) is drawn as a gateway that says the branch started first wins
 * (Mermaid), as a subprocess whose documentation says a claim decides (BPMN), and named in the
 * generated docs' step table.
 */
class FirstToStartDrawingTest {
  private static SemanticModel model() throws IOException {
    return DiagramTesting.model(List.of(SourceFile.read(Path.of("src/test/resources/valid/first_to_start.flow"))));
  }

  @Test
  void mermaidSaysTheBranchStartedFirstWins() throws IOException {
    String all = String.join("\n", Diagrams.files(model()).values());
    assertTrue(all.contains("whichever is started first (first to start)"), all);
    assertTrue(all.contains("withdrawn as it started"), all);
  }

  @Test
  void bpmnDocumentsTheDeferredChoice() throws IOException {
    String all = String.join("\n", Bpmn.files(model()).values());
    assertTrue(all.contains("name=\"Whichever is started first\""), all);
    assertTrue(all.contains("Deferred choice (first to start)"), all);
    assertTrue(all.contains("a release of the claim does not undo the choice"), all);
  }

  @Test
  void theStepTableNamesTheBranches() throws IOException {
    String all = String.join("\n", Docs.files(model()).values());
    assertTrue(all.contains("first-to-start branch contact"), all);
  }
}
