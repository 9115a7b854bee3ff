package dev.flow.compiler.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diagram.DiagramTesting;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: the BPMN of each construct's model of the diagram goldens
 * ({@code src/test/resources/diagrams/<case>.flow}) in {@code src/test/resources/bpmn/<case>.<path
 * with dots>}, e.g. {@code approval.Approvals.bpmn}. Fails on a changed, a missing and an extra
 * golden file.
 *
 * <p>After a deliberate change, regenerate the goldens and review the diff:
 * {@code mvn -pl src/compiler -am test -Dtest=BpmnGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dflow.updateGoldens=true}.
 */
class BpmnGoldenTest {
  static final Path CASES = Path.of("src/test/resources/diagrams");
  static final Path DIR = Path.of("src/test/resources/bpmn");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(CASES)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".flow"))
          .map(n -> n.substring(0, n.length() - ".flow".length())).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void bpmnMatchesTheGoldenFiles(String name) throws IOException {
    SemanticModel model = DiagramTesting.model(List.of(SourceFile.read(CASES.resolve(name + ".flow"))));
    SortedMap<String, String> actual = new TreeMap<>();
    Bpmn.files(model).forEach((path, text) -> actual.put(name + "." + path.replace('/', '.'), text));
    assertFalse(actual.isEmpty(), "the case draws nothing");

    SortedMap<String, String> expected = goldens(name);
    if (DiagramTesting.UPDATE_GOLDENS) {
      Files.createDirectories(DIR);
      for (String stale : expected.keySet()) {
        Files.delete(DIR.resolve(stale));
      }
      for (Map.Entry<String, String> e : actual.entrySet()) {
        Files.writeString(DIR.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
      }
      return;
    }
    assertEquals(expected.keySet(), actual.keySet(), "golden files of " + name
        + " (regenerate with -Dflow.updateGoldens=true and review the diff)");
    for (Map.Entry<String, String> e : actual.entrySet()) {
      DiagramTesting.assertSameText(expected.get(e.getKey()), e.getValue(), e.getKey()
          + " differs (regenerate with -Dflow.updateGoldens=true and review the diff)");
    }
  }

  /** The golden files of a case: {@code <case>.*.bpmn}. */
  private static SortedMap<String, String> goldens(String name) throws IOException {
    SortedMap<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(DIR)) {
      return out;
    }
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path p : files.sorted().toList()) {
        String file = p.getFileName().toString();
        if (file.startsWith(name + ".") && file.endsWith(".bpmn")) {
          out.put(file, Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }
}
