package dev.flow.compiler.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.codegen.GeneratedCode;
import dev.flow.compiler.codegen.JavaGenerator;
import dev.flow.compiler.diag.DiagnosticRenderer;
import dev.flow.compiler.diagram.Diagrams;
import dev.flow.compiler.docs.Docs;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The differential test of issue 18: random valid models ({@link RandomModels}) are checked,
 * generated, and compiled in-process with {@code javac -Xlint:all -Werror --release 17}; every
 * model the checker accepts must compile, and its diagrams and docs must be written without an
 * exception, and every page of its docs must read as text where the model's text lands
 * ({@link MarkdownSafety}). Runs for a bounded time ({@code -Dflow.differential.seconds}, 60 by default; the
 * seeds start at {@code -Dflow.differential.seed}, 1 by default, so a run is repeatable). With
 * {@code -Dflow.differential.mermaid=DIR} the diagrams are also written below DIR, for
 * {@code .ci/mermaid-check} to parse with the real Mermaid.
 */
class DifferentialTest {
  private static final int BATCH = 20;

  @Test
  void everyAcceptedRandomModelCompiles() throws IOException {
    long seconds = Long.getLong("flow.differential.seconds", 60);
    long seed = Long.getLong("flow.differential.seed", 1);
    String mermaid = System.getProperty("flow.differential.mermaid", "");
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    int generated = 0;
    int accepted = 0;
    List<String> failures = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    while (System.nanoTime() < end && failures.size() < 5) {
      Map<Long, SortedMap<String, String>> batch = new TreeMap<>();
      Map<Long, String> texts = new TreeMap<>();
      for (int i = 0; i < BATCH; i++, seed++) {
        generated++;
        String text = RandomModels.model(seed);
        Compilation c = Compiler.compile(List.of(new SourceFile("m" + seed + ".flow", text)), Compiler.Mode.GENERATE);
        if (c.hasErrors() || c.model().isEmpty()) {
          if (rejected.size() < 3) {
            rejected.add("seed " + seed + ":\n" + DiagnosticRenderer.renderAll(c.diagnostics()));
          }
          continue;
        }
        accepted++;
        texts.put(seed, text);
        try {
          batch.put(seed, JavaGenerator.generate(c.model().get()));
          for (Map.Entry<String, String> page : Docs.files(c.model().get()).entrySet()) {
            List<String> problems = MarkdownSafety.problems(page.getValue());
            if (!problems.isEmpty()) {
              failures.add("seed " + seed + ": docs page " + page.getKey() + " is not text only: " + problems + "\n" + text);
            }
          }
          SortedMap<String, String> diagrams = Diagrams.files(c.model().get());
          if (!mermaid.isEmpty()) {
            write(Path.of(mermaid, "m" + seed), diagrams);
          }
        } catch (RuntimeException | StackOverflowError e) {
          failures.add("seed " + seed + ": " + e + "\n" + text);
        }
      }
      compile(batch, texts, failures);
    }
    System.out.printf(Locale.ROOT, "differential: %d models generated, %d accepted and compiled, %d failures%n",
        generated, accepted, failures.size());
    assertTrue(failures.isEmpty(), () -> failures.size() + " accepted models failed:\n\n" + String.join("\n\n", failures));
    String rate = "the checker accepted only " + accepted + " of " + generated + " random models; some rejections:\n"
        + String.join("\n", rejected);
    assertTrue(accepted * 10 >= generated * 6, rate);
  }

  /** Compiles a batch at once; when that fails, each model alone, to name the ones that fail. */
  private static void compile(Map<Long, SortedMap<String, String>> batch, Map<Long, String> texts, List<String> failures) {
    SortedMap<String, String> all = new TreeMap<>();
    batch.values().forEach(all::putAll);
    if (all.isEmpty() || GeneratedCode.javac(all).succeeded()) {
      return;
    }
    for (Map.Entry<Long, SortedMap<String, String>> e : batch.entrySet()) {
      GeneratedCode.Result result = GeneratedCode.javac(e.getValue());
      if (!result.succeeded()) {
        List<String> first = result.diagnostics().subList(0, Math.min(5, result.diagnostics().size()));
        failures.add("seed " + e.getKey() + ": " + String.join("\n", first)
            + "\n" + texts.get(e.getKey()));
      }
    }
  }

  private static void write(Path dir, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
  }
}
