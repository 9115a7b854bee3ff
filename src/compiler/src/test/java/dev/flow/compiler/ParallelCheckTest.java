package dev.flow.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.check.Parallel;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Severity;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Resolving the workflow bodies and running the flow checks on more than one thread gives what
 * one thread gives, byte for byte: the same diagnostics in the same order, the same model (what
 * every name, expression and written type resolved to) and the same generated code, on large
 * generated corpora with and without errors, with two threads ({@code Compiler.check(files, 2)})
 * and with more threads than the machine has.
 */
class ParallelCheckTest {
  private static final ParallelParse.Settings ONE = new ParallelParse.Settings(1, Long.MAX_VALUE);
  /** Every input on many threads, however small. */
  private static final ParallelParse.Settings MANY = new ParallelParse.Settings(8, 1);

  @Test
  void aLargeCorpusWithoutErrorsGivesTheSameModelCodeAndWarnings() throws IOException {
    List<SourceFile> corpus = IncrementalCheckTest.workspace(8);
    Compilation one = Compiler.compile(corpus, Compiler.Mode.GENERATE, null, ONE);
    assertFalse(one.hasErrors(), () -> one.diagnostics().get(0).toString());
    assertSame(corpus, Compiler.Mode.GENERATE);
  }

  @Test
  void aLargeCorpusWithErrorsEverywhereReportsTheSameInTheSameOrder() throws IOException {
    List<SourceFile> corpus = new ArrayList<>(IncrementalCheckTest.workspace(3));
    List<SourceFile> models = diagnosticModels();
    for (int copy = 0; copy < 3; copy++) {
      for (int i = 0; i < models.size(); i++) {
        corpus.add(renamed(models.get(i), "d" + copy + "m" + i));
      }
    }
    Compilation one = Compiler.check(corpus, 1);
    assertTrue(one.model().isPresent(), "no syntax errors: names, types and checks ran");
    long errors = one.diagnostics().stream().filter(Diagnostic::isError).count();
    long files = one.diagnostics().stream().map(d -> d.span().file()).distinct().count();
    assertTrue(errors > 300 && files > 300, errors + " errors in " + files + " files");
    assertSame(corpus, Compiler.Mode.CHECK);
  }

  @Test
  void aLargeCorpusWithWarningsOnlyRunsEveryCheckTheSame() throws IOException {
    List<SourceFile> corpus = new ArrayList<>(IncrementalCheckTest.workspace(3));
    List<SourceFile> warned = new ArrayList<>();
    for (SourceFile f : diagnosticModels()) {
      Compilation alone = Compiler.check(List.of(f), 1);
      if (!alone.hasErrors() && !alone.diagnostics().isEmpty()) {
        warned.add(f);
      }
    }
    assertTrue(warned.size() > 5, warned.size() + " models with warnings only");
    for (int copy = 0; copy < 4; copy++) {
      for (int i = 0; i < warned.size(); i++) {
        corpus.add(renamed(warned.get(i), "w" + copy + "m" + i));
      }
    }
    Compilation one = Compiler.check(corpus, 1);
    assertFalse(one.hasErrors(), () -> one.diagnostics().stream().filter(Diagnostic::isError).findFirst().toString());
    assertTrue(one.diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).count() > 20);
    assertSame(corpus, Compiler.Mode.CHECK);
  }

  @Test
  void piecesRunOnTheCallerAndDaemonThreadsTheirResultsInOrder() {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<Integer> squares = Parallel.map(64, 2, i -> {
      threads.add(Thread.currentThread());
      long until = System.nanoTime() + 2_000_000;
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      return i * i;
    });
    for (int i = 0; i < 64; i++) {
      assertEquals(i * i, squares.get(i));
    }
    assertTrue(threads.contains(Thread.currentThread()), "the calling thread works too");
    for (Thread t : threads) {
      assertTrue(t == Thread.currentThread() || t.isDaemon(), t + " is not a daemon thread");
    }
  }

  @Test
  void runsOfWorkflowsAreConsecutiveNonEmptyAndCoverEverything() {
    List<Integer> items = List.of(5, 1, 1, 1, 40, 1, 1, 3, 3, 3, 3, 2);
    for (int count = 1; count <= 20; count++) {
      List<List<Integer>> runs = Parallel.chunks(items, count, Integer::longValue);
      assertTrue(runs.size() <= count && !runs.isEmpty(), count + ": " + runs);
      List<Integer> joined = new ArrayList<>();
      for (List<Integer> r : runs) {
        assertFalse(r.isEmpty(), count + ": " + runs);
        joined.addAll(r);
      }
      assertEquals(items, joined);
    }
    assertEquals(List.of(), Parallel.chunks(List.<Integer>of(), 4, Integer::longValue));
  }

  /** One thread, two threads and many threads give the same rendering; the parallel ones twice, for races. */
  private static void assertSame(List<SourceFile> files, Compiler.Mode mode) {
    String one = ParallelParseTest.rendering(Compiler.compile(files, mode, null, ONE));
    for (int run = 0; run < 2; run++) {
      assertEquals(one, ParallelParseTest.rendering(Compiler.compile(files, mode, null, MANY)),
          files.size() + " files, " + mode + ", many threads");
      assertEquals(one, ParallelParseTest.rendering(Compiler.compile(files, mode, null, new ParallelParse.Settings(2, 1))),
          files.size() + " files, " + mode + ", two threads");
    }
    if (mode == Compiler.Mode.CHECK) {
      assertEquals(one, ParallelParseTest.rendering(Compiler.check(files, 2)), "Compiler.check(files, 2)");
    }
  }

  /** A diagnostic test model as a model of its own: package {@code p} becomes {@code tag.p} (none becomes {@code tag}). */
  private static SourceFile renamed(SourceFile f, String tag) {
    Matcher m = Pattern.compile("(?m)^package ([\\w.]+)").matcher(f.text());
    String text = m.find()
        ? f.text().replaceAll("\\b" + Pattern.quote(m.group(1)) + "\\b", tag + "." + m.group(1))
        : "package " + tag + "\n\n" + f.text();
    return new SourceFile(tag + "/" + f.name(), text);
  }

  /** The diagnostic test models without syntax errors, each a model of its own. */
  private static List<SourceFile> diagnosticModels() throws IOException {
    Path root = Checkout.root();
    List<SourceFile> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root.resolve("src/compiler/src/test/resources/diagnostics"))) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".flow")).sorted().toList()) {
        String name = root.relativize(p).toString().replace('\\', '/');
        SourceFile f = new SourceFile(name, Files.readString(p, StandardCharsets.UTF_8));
        if (Compiler.check(List.of(f), 1).model().isPresent()) {
          out.add(f);
        }
      }
    }
    assertTrue(out.size() > 100, out.size() + " models without syntax errors");
    return out;
  }
}
