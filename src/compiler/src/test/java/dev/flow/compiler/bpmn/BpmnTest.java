package dev.flow.compiler.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diagram.DiagramTesting;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The BPMN of the examples, of every model of the valid corpus and of every golden case is
 * structurally sound ({@link BpmnStructure}), deterministic whatever the order of the files, and
 * carries hostile text as text.
 */
class BpmnTest {
  static final Path VALID = Path.of("src/test/resources/valid");
  static final Path CASES = Path.of("src/test/resources/diagrams");

  static List<List<SourceFile>> models() throws IOException {
    List<List<SourceFile>> models = new ArrayList<>();
    models.add(DiagramTesting.sources(DiagramTesting.EXAMPLES));
    for (Path root : List.of(VALID, CASES)) {
      try (Stream<Path> entries = Files.list(root)) {
        for (Path p : entries.sorted().toList()) {
          if (Files.isDirectory(p) || p.toString().endsWith(".flow")) {
            models.add(DiagramTesting.sources(p));
          }
        }
      }
    }
    return models;
  }

  @Test
  void everyModelGivesSoundBpmn() throws IOException {
    int files = 0;
    for (List<SourceFile> sources : models()) {
      SortedMap<String, String> bpmn = Bpmn.files(DiagramTesting.model(sources));
      for (Map.Entry<String, String> f : bpmn.entrySet()) {
        List<String> problems = BpmnStructure.problems(f.getValue());
        assertEquals(List.of(), problems, sources.get(0).name() + " → " + f.getKey());
        files++;
      }
    }
    assertTrue(files > 40, "only " + files + " BPMN files");
  }

  @Test
  void theOrderOfTheFilesDoesNotMatter() {
    List<SourceFile> sources = new ArrayList<>(DiagramTesting.sources(DiagramTesting.EXAMPLES));
    SortedMap<String, String> first = Bpmn.files(DiagramTesting.model(sources));
    Collections.reverse(sources);
    assertEquals(first, Bpmn.files(DiagramTesting.model(sources)));
  }

  @Test
  void aFilePerProcessAndPerWorkflowInNoProcess() {
    SemanticModel model = DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES));
    SortedMap<String, String> files = Bpmn.files(model);
    assertTrue(files.containsKey("com.acme.onboarding/ClientOnboarding.bpmn"), files.keySet().toString());
    Element root = BpmnStructure.parse(files.get("com.acme.onboarding/ClientOnboarding.bpmn")).getDocumentElement();
    assertFalse(BpmnStructure.elements(root, BpmnStructure.BPMN, "lane").isEmpty());
    assertFalse(BpmnStructure.elements(root, BpmnStructure.BPMN, "userTask").isEmpty());
    assertFalse(BpmnStructure.elements(root, BpmnStructure.BPMN, "serviceTask").isEmpty());
  }

  @Test
  void hostileTextStaysText() throws IOException {
    String hostile = "a\"b'c<d>e&f]]>g<!--h--> \u0001\u0085\u2028 \uD83D\uDE00";
    String source = """
        role Evil "TITLE"
        system Hack "TITLE" { action run(text: Text): Text }
        /// TITLE
        workflow W {
          owner Evil
          starts manually
          /// TITLE
          step ask by Evil { answer: Text }
          step run by Hack.run(text: "x")
          notify Evil via Hack "TITLE"
          if ask.answer == "TITLE" { fail "TITLE" }
        }
        """.replace("TITLE", hostile.replace("\"", "\\\"").replace("\u0001", "").replace("\u0085", ""));
    SortedMap<String, String> files = Bpmn.files(DiagramTesting.model(source));
    String xml = files.values().iterator().next();
    assertEquals(List.of(), BpmnStructure.problems(xml));
    Element root = BpmnStructure.parse(xml).getDocumentElement();
    String expected = hostile.replace("\u0001", "").replace("\u0085", "");
    Element lane = BpmnStructure.elements(root, BpmnStructure.BPMN, "lane").get(0);
    assertEquals(expected, lane.getAttribute("name"));
    Element error = BpmnStructure.elements(root, BpmnStructure.BPMN, "error").get(0);
    assertEquals(expected, error.getAttribute("name"));
  }
}
