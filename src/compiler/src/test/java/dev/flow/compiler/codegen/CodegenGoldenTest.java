package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact Java generated for two examples, kept as golden files under
 * {@code src/test/resources/codegen/golden/<example>/}. A change to the generator shows up as a
 * diff of these files in review. After an intended change, regenerate them with
 * {@code mvn -pl src/compiler -am test -Dtest=CodegenGoldenTest -Dflow.updateGoldens=true}
 * (add {@code -Dsurefire.failIfNoSpecifiedTests=false}) and review the diff.
 */
class CodegenGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/codegen/golden");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"onboarding", "sales"})
  void generatedJavaMatchesTheGoldenFiles(String example) throws IOException {
    SortedMap<String, String> generated =
        GeneratedCode.generateFrom(FlowModels.flowFiles(FlowModels.EXAMPLES.resolve(example)));
    Path golden = GOLDEN.resolve(example);
    if (Boolean.getBoolean("flow.updateGoldens")) {
      update(golden, generated);
    }
    SortedMap<String, String> expected = read(golden);
    assertEquals(expected.keySet(), generated.keySet(), "the generated files differ from the golden ones");
    for (Map.Entry<String, String> e : generated.entrySet()) {
      assertEquals(expected.get(e.getKey()), e.getValue(), () -> e.getKey() + " differs from its golden file"
          + " (regenerate with -Dflow.updateGoldens=true and review the diff)");
    }
  }

  private static SortedMap<String, String> read(Path root) throws IOException {
    SortedMap<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        out.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static void update(Path root, Map<String, String> generated) throws IOException {
    if (Files.isDirectory(root)) {
      try (Stream<Path> files = Files.walk(root)) {
        List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
        for (Path p : all) {
          Files.delete(p);
        }
      }
    }
    for (Map.Entry<String, String> e : generated.entrySet()) {
      Path target = root.resolve(e.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
    }
  }
}
