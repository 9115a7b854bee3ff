package dev.flow.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.codegen.JavaGenerator;
import dev.flow.compiler.diag.DiagnosticRenderer;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Parsing on more than one thread gives what parsing on one gives: the same units, the same
 * diagnostics in the same order, the same model and the same generated code, for the valid test
 * models, the examples, the diagnostic test models (syntax errors among them) and a generated
 * corpus of renamed copies of the examples.
 */
class ParallelParseTest {
  private static final ParallelParse.Settings ONE = new ParallelParse.Settings(1, Long.MAX_VALUE);
  /** Every input parsed in parallel, however small; more tasks than the common pool has workers. */
  private static final ParallelParse.Settings MANY = new ParallelParse.Settings(8, 1);

  @Test
  void theValidModelsCheckTheSameOnOneThreadAndOnMany() throws IOException {
    List<SourceFile> valid = flowFiles("src/compiler/src/test/resources/valid");
    assertSame(valid, Compiler.Mode.CHECK);
    for (String dir : List.of("multi_package", "same_package_across_files", "wildcard_imports_without_conflict")) {
      assertSame(flowFiles("src/compiler/src/test/resources/valid/" + dir), Compiler.Mode.GENERATE);
    }
  }

  @Test
  void theExamplesAndAGeneratedCorpusGiveTheSameModelAndCode() throws IOException {
    assertSame(flowFiles("examples"), Compiler.Mode.CHECK);
    List<SourceFile> corpus = IncrementalCheckTest.workspace(5);
    assertTrue(corpus.stream().mapToLong(f -> f.text().length()).sum() >= ParallelParse.DEFAULT_MIN_CHARS,
        "the corpus is large enough to be parsed in parallel by default");
    assertSame(corpus, Compiler.Mode.GENERATE);
    Compilation byDefault = Compiler.compile(corpus, Compiler.Mode.CHECK);
    assertEquals(rendering(Compiler.compile(corpus, Compiler.Mode.CHECK, null, ONE)), rendering(byDefault));
  }

  @Test
  void theDiagnosticModelsReportTheSameInTheSameOrder() throws IOException {
    List<SourceFile> all = flowFiles("src/compiler/src/test/resources/diagnostics");
    assertSame(all, Compiler.Mode.CHECK); // syntax errors among them: the parse diagnostics of every file
    List<SourceFile> withoutSyntaxErrors = new ArrayList<>();
    for (SourceFile f : all) {
      Compilation alone = Compiler.check(List.of(f));
      if (alone.model().isPresent()) {
        withoutSyntaxErrors.add(f);
      }
    }
    assertTrue(withoutSyntaxErrors.size() > 100, withoutSyntaxErrors.size() + " models without syntax errors");
    assertSame(withoutSyntaxErrors, Compiler.Mode.CHECK); // every stage's diagnostics
    assertSame(withoutSyntaxErrors, Compiler.Mode.GENERATE);
  }

  @Test
  void theParseCacheParsesTheNewFilesInParallelAndKeepsTheOthers() throws IOException {
    List<SourceFile> files = new ArrayList<>(IncrementalCheckTest.workspace(2));
    files.add(new SourceFile("zz/broken.flow", "package com.acme.broken\n\nworkflow {\n"));
    ParseCache cache = new ParseCache();
    Compilation first = Compiler.compile(files, Compiler.Mode.CHECK, cache, MANY);
    assertEquals(rendering(Compiler.compile(files, Compiler.Mode.CHECK, null, ONE)), rendering(first));
    SourceFile before = files.get(3);
    files.set(3, new SourceFile(before.name(), before.text().replace("workflow ", "workflow  ")));
    files.remove(files.size() - 1);
    Compilation second = Compiler.compile(files, Compiler.Mode.CHECK, cache, MANY);
    assertEquals(rendering(Compiler.compile(files, Compiler.Mode.CHECK, null, ONE)), rendering(second));
    assertTrue(first.units().get(0) == second.units().get(0), "an unchanged file is not parsed again");
    assertFalse(first.units().get(3) == second.units().get(3), "a changed file is parsed again");
  }

  @Test
  void theIncrementalCheckParsesInParallelAndGivesWhatOneThreadGives() throws IOException {
    String minChars = System.getProperty(ParallelParse.MIN_CHARS_PROPERTY);
    try {
      System.setProperty(ParallelParse.MIN_CHARS_PROPERTY, "1"); // every input parallel
      List<SourceFile> files = new ArrayList<>(IncrementalCheckTest.workspace(2));
      IncrementalCheck incremental = new IncrementalCheck();
      Compilation first = incremental.check(files);
      assertEquals(rendering(Compiler.compile(files, Compiler.Mode.CHECK, null, ONE), false), rendering(first, false));
      for (int i : new int[] {5, 40}) {
        SourceFile before = files.get(i);
        files.set(i, new SourceFile(before.name(), before.text().replaceFirst("(?m)^role ", "role Extra\nrole ")));
      }
      Compilation second = incremental.check(files);
      assertEquals(rendering(Compiler.compile(files, Compiler.Mode.CHECK, null, ONE), false), rendering(second, false));
    } finally {
      restore(ParallelParse.MIN_CHARS_PROPERTY, minChars);
    }
  }

  @Test
  void theThreadsThatParseAreDaemonThreadsThatKeepNoJvmAlive() throws IOException {
    List<SourceFile> corpus = IncrementalCheckTest.workspace(4);
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    List<ParallelParse.Parsed> parsed = ParallelParse.parseEach(corpus, 4);
    assertEquals(corpus.size(), parsed.size());
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      assertTrue(before.contains(t) || t.isDaemon(), t + " was started and is not a daemon thread");
    }
  }

  @Test
  void smallInputsAndOneThreadStaySequential() {
    SourceFile small = new SourceFile("a.flow", "package com.acme.a\n\nrole Clerk\n");
    SourceFile other = new SourceFile("b.flow", "package com.acme.a\n\nrole Auditor\n");
    ParallelParse.Settings byDefault = new ParallelParse.Settings(8, ParallelParse.DEFAULT_MIN_CHARS);
    assertEquals(1, byDefault.threadsFor(List.of(small, other)), "two small files");
    assertEquals(1, MANY.threadsFor(List.of(small)), "one file");
    assertEquals(1, new ParallelParse.Settings(1, 1).threadsFor(List.of(small, other)), "one thread asked for");
    int most = ForkJoinPool.getCommonPoolParallelism() + 1;
    assertEquals(Math.min(2, most), MANY.threadsFor(List.of(small, other)), "no more threads than files");
    assertEquals(Math.min(3, most), new ParallelParse.Settings(3, 1).threadsFor(List.of(small, other, small, other)));
  }

  @Test
  void theSystemPropertiesSetTheThreadsAndTheThreshold() {
    String threads = System.getProperty(ParallelParse.THREADS_PROPERTY);
    String minChars = System.getProperty(ParallelParse.MIN_CHARS_PROPERTY);
    try {
      System.setProperty(ParallelParse.THREADS_PROPERTY, "1");
      System.setProperty(ParallelParse.MIN_CHARS_PROPERTY, "1000");
      assertEquals(new ParallelParse.Settings(1, 1000), ParallelParse.Settings.fromProperties());
      System.setProperty(ParallelParse.THREADS_PROPERTY, "none");
      System.setProperty(ParallelParse.MIN_CHARS_PROPERTY, "0");
      assertEquals(new ParallelParse.Settings(Runtime.getRuntime().availableProcessors(), ParallelParse.DEFAULT_MIN_CHARS),
          ParallelParse.Settings.fromProperties());
    } finally {
      restore(ParallelParse.THREADS_PROPERTY, threads);
      restore(ParallelParse.MIN_CHARS_PROPERTY, minChars);
    }
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }

  /** The files compiled on one thread and on many give the same rendering; run twice on many, for races. */
  private static void assertSame(List<SourceFile> files, Compiler.Mode mode) {
    String one = rendering(Compiler.compile(files, mode, null, ONE));
    for (int run = 0; run < 2; run++) {
      assertEquals(one, rendering(Compiler.compile(files, mode, null, MANY)), files.size() + " files, " + mode);
    }
  }

  /** Everything a compilation gives, as text: diagnostics, units, the model's facts and generated code. */
  static String rendering(Compilation c) {
    return rendering(c, true);
  }

  /** As {@link #rendering(Compilation)}, with the generated Java only when {@code code}. */
  static String rendering(Compilation c, boolean code) {
    StringBuilder out = new StringBuilder();
    c.diagnostics().forEach(d -> out.append(d).append('\n').append(DiagnosticRenderer.render(d)).append('\n'));
    c.units().forEach(u -> out.append(u.file().name()).append('\n').append(u).append('\n'));
    c.model().ifPresent(m -> IncrementalCheckTest.facts(m).forEach(f -> out.append(f).append('\n')));
    if (code && !c.hasErrors() && c.model().isPresent() && c.units().stream().allMatch(u -> u.packageName().isPresent())) {
      JavaGenerator.generate(c.model().get()).forEach((k, v) -> out.append(k).append('\n').append(v));
    }
    return out.toString();
  }

  private static List<SourceFile> flowFiles(String dir) throws IOException {
    Path root = Checkout.root();
    List<SourceFile> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root.resolve(dir))) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".flow")).sorted().toList()) {
        files.add(new SourceFile(root.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8)));
      }
    }
    assertFalse(files.isEmpty(), dir);
    return files;
  }
}
