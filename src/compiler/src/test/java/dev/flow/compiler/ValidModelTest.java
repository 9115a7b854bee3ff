package dev.flow.compiler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.diag.DiagnosticRenderer;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Valid models give no diagnostic at all, not even a warning: every model under
 * {@code src/test/resources/valid} (a file, or a folder compiled as one model), and all of
 * {@code examples/} compiled together.
 */
class ValidModelTest {
  record Model(String name, List<Path> sources) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Model> models() throws IOException {
    List<Model> models = new ArrayList<>();
    collect(Path.of("src/test/resources/valid"), "valid/", models);
    // The examples are checked together, as `flowc check examples` does.
    Path examples = Path.of("../../examples");
    if (Files.isDirectory(examples)) {
      try (Stream<Path> files = Files.walk(examples)) {
        models.add(new Model("examples", files.filter(f -> f.toString().endsWith(".flow")).sorted().toList()));
      }
    }
    return models.stream();
  }

  private static void collect(Path root, String label, List<Model> into) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> entries = Files.list(root)) {
      for (Path p : entries.sorted().toList()) {
        if (Files.isDirectory(p)) {
          try (Stream<Path> files = Files.walk(p)) {
            List<Path> sources = files.filter(f -> f.toString().endsWith(".flow")).sorted().toList();
            if (!sources.isEmpty()) {
              into.add(new Model(label + p.getFileName(), sources));
            }
          }
        } else if (p.toString().endsWith(".flow")) {
          into.add(new Model(label + p.getFileName(), List.of(p)));
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void hasNoDiagnostics(Model model) throws IOException {
    List<SourceFile> files = new ArrayList<>();
    for (Path p : model.sources()) {
      files.add(new SourceFile(p.getFileName().toString(), Files.readString(p)));
    }
    Compilation result = Compiler.compile(files, Compiler.Mode.GENERATE);
    assertTrue(result.diagnostics().isEmpty(), () -> model + ":\n" + DiagnosticRenderer.renderAll(result.diagnostics()));
    assertFalse(result.units().isEmpty());
  }
}
