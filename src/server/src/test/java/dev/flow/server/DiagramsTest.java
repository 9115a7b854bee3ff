package dev.flow.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.Compiler;
import dev.flow.compiler.source.SourceFile;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.runtime.WorkflowInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The case page's flowchart: the workflow's diagram with the case's steps done, current and failed styled. */
class DiagramsTest {
  private static String documentCollection() throws IOException {
    List<SourceFile> files = new ArrayList<>();
    try (Stream<Path> paths = Files.list(Path.of("../../examples/onboarding"))) {
      for (Path p : paths.filter(p -> p.toString().endsWith(".flow")).sorted().toList()) {
        files.add(new SourceFile(p.toString(), Files.readString(p)));
      }
    }
    SemanticModel model = Compiler.compile(files, Compiler.Mode.GENERATE).model().orElseThrow();
    // The whole chart, as `flowc serve` shows it (never an overview of parts).
    return dev.flow.compiler.diagram.Diagrams.files(model, new dev.flow.compiler.diagram.Diagrams.Options(false,
        dev.flow.compiler.diagram.Diagrams.Format.MERMAID, false, true))
        .get("com.acme.onboarding/DocumentCollection.workflow.mmd");
  }

  @Test
  void theStepsDoneAndWhereTheCaseWaitsAreMarked() throws IOException {
    String diagram = documentCollection();
    assertTrue(diagram.contains("s_ndaReview"), diagram);
    try (Onboarding onboarding = new Onboarding(Map.of("com.acme.onboarding.DocumentCollection", diagram))) {
      String id = ApiTest.intake(onboarding);
      WorkflowInstance instance = onboarding.engine.instance(id);
      String marked = Diagrams.marked(diagram, instance);
      assertTrue(marked.contains("  style s_createFolder fill:#c8e6c9"), "done: " + marked);
      assertTrue(marked.contains("  style s_ndaReview fill:#ffe082"), "waiting here");
      assertFalse(marked.contains("style s_assignChecklist"), "not reached yet");
      Http olga = new Http(onboarding.base()).login("olga", "olga-pw");
      String page = olga.get("/cases/" + id).body();
      assertTrue(page.contains("id=\"flowchart\"") && page.contains("style s_ndaReview"), page);
      boolean bundled = FlowServer.class.getResource("/dev/flow/server/assets/mermaid.min.js") != null;
      assertTrue(page.contains("<script src=\"/assets/mermaid.min.js\"") == bundled,
          "the page draws the chart exactly when the build bundled Mermaid");
    }
  }

  @Test
  void anEmbeddingApplicationReadsTheFlowchartsThePluginWrote(@org.junit.jupiter.api.io.TempDir Path docs)
      throws IOException {
    Path file = docs.resolve("com.acme.onboarding/DocumentCollection.workflow.mmd");
    Files.createDirectories(file.getParent());
    Files.writeString(file, documentCollection());
    try (Onboarding onboarding = new Onboarding(server -> server.diagramsFrom(docs))) {
      String id = ApiTest.intake(onboarding);
      String page = new Http(onboarding.base()).login("olga", "olga-pw").get("/cases/" + id).body();
      assertTrue(page.contains("id=\"flowchart\"") && page.contains("style s_ndaReview"), page);
    }
    try (Onboarding onboarding = new Onboarding(server -> server.diagramsFrom(docs.resolve("not-there")))) {
      String id = ApiTest.intake(onboarding);
      String page = new Http(onboarding.base()).login("olga", "olga-pw").get("/cases/" + id).body();
      assertFalse(page.contains("id=\"flowchart\""), "no diagrams, no flowchart: " + page);
    }
  }
}
