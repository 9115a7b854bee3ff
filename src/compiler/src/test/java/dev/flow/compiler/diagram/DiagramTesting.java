package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.DiagnosticRenderer;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Models for diagram and docs tests: compiled without errors (warnings are fine). */
public final class DiagramTesting {
  private DiagramTesting() {}

  /** Whether golden files are rewritten instead of compared: {@code -Dflow.updateGoldens=true}. */
  public static final boolean UPDATE_GOLDENS = Boolean.getBoolean("flow.updateGoldens");

  /** The repository's examples, from the module directory where Maven runs tests. */
  public static final Path EXAMPLES = Path.of("../../examples");

  public static SemanticModel model(String text) {
    return model(List.of(new SourceFile("test.flow", text)));
  }

  public static SemanticModel model(List<SourceFile> files) {
    Compilation c = Compiler.check(files);
    assertFalse(c.hasErrors(), () -> DiagnosticRenderer.renderAll(c.diagnostics()));
    assertTrue(c.model().isPresent());
    return c.model().get();
  }

  /**
   * Every .flow file below a directory (or the file itself), sorted by path, skipping what
   * {@code flowc} skips (hidden entries, {@code target}, {@code node_modules}), so that the tests
   * see the model that {@code flowc diagram examples} and {@code flowc docs examples} see.
   */
  public static List<SourceFile> sources(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      List<SourceFile> out = new ArrayList<>();
      for (Path p : files.filter(f -> f.toString().endsWith(".flow") && !skipped(root, f)).sorted().toList()) {
        out.add(SourceFile.read(p));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean skipped(Path root, Path file) {
    for (Path dir = file.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
      String name = dir.getFileName().toString();
      if (name.startsWith(".") || name.equals("target") || name.equals("node_modules")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Fails unless the texts are equal, naming the first line that differs (a whole diagram or page
   * in the message would hide it).
   */
  public static void assertSameText(String expected, String actual, String what) {
    if (expected.equals(actual)) {
      return;
    }
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    int line = 0;
    while (line < Math.min(e.length, a.length) && e[line].equals(a[line])) {
      line++;
    }
    fail(what + ", first difference at line " + (line + 1) + ":\n  expected: "
        + (line < e.length ? e[line] : "<end>") + "\n  actual:   " + (line < a.length ? a[line] : "<end>"));
  }

  /** The files below a directory: relative path with {@code /} to content. */
  public static SortedMap<String, String> read(Path root) {
    SortedMap<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        out.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Writes files below a directory (relative paths with {@code /}). */
  public static void write(Path root, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path target = root.resolve(f.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
