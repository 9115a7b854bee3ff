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
 * {@code receive new} (a transient trigger) is drawn as a receive that says "only new" (Mermaid), as a
 * message catch event whose documentation says so (BPMN), and noted in the generated docs' step table.
 */
class TransientDrawingTest {
  private static SemanticModel model() throws IOException {
    return DiagramTesting.model(List.of(SourceFile.read(Path.of("src/test/resources/valid/receive_new.flow"))));
  }

  @Test
  void mermaidSaysOnlyNew() throws IOException {
    String all = String.join("\n", Diagrams.files(model()).values());
    assertTrue(all.contains("waits for truck arrived (only new)"), all);
    assertTrue(all.contains("waits for dock closed (only new)"), all);
  }

  @Test
  void bpmnDocumentsTheMessageCatchEventAsOnlyNew() throws IOException {
    String all = String.join("\n", Bpmn.files(model()).values());
    assertTrue(all.contains("name=\"Receive Truck arrived\""), all);
    assertTrue(all.contains("Only new: takes only a message published once it waits"), all);
    assertTrue(all.contains("<bpmn:messageEventDefinition"), all);
  }

  @Test
  void theStepTableSaysOnlyNew() throws IOException {
    String all = String.join("\n", Docs.files(model()).values());
    assertTrue(all.contains("Only new: takes only an event published once it waits."), all);
  }
}
