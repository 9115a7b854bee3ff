package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.ast.Decl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README shows the flowchart of its own example model, as {@code flowc diagram} draws it today. */
class ReadmeDiagramTest {
  @Test
  void readmeDiagramIsTheDiagramOfItsExample() throws IOException {
    String readme = Files.readString(Path.of("../../README.md"));
    int start = readme.indexOf("```\npackage com.acme.onboarding");
    assertTrue(start >= 0, "the README's example model is gone");
    String model = readme.substring(start + 4, readme.indexOf("```", start + 4));
    ModelIndex index = new ModelIndex(DiagramTesting.model(model));
    Decl.WorkflowDecl workflow = index.workflows().get(0);
    String fence = Diagrams.fence(Diagrams.workflow(index, workflow, false));
    assertTrue(readme.contains(fence), "README.md's mermaid fence is stale; it should be:\n" + fence);
  }
}
