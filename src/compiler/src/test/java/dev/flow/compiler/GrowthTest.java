package dev.flow.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.codegen.JavaGenerator;
import dev.flow.compiler.diagram.Diagrams;
import dev.flow.compiler.docs.Docs;
import dev.flow.compiler.source.SourceFile;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No input takes super-linear time in its size (issue 18): each shape that used to grow as n² or
 * worse (sequential steps, a {@code go to} back, chains of {@code start} and {@code starts after},
 * did-you-means over many names, long names and strings, many types in one package) is checked,
 * generated as Java and drawn at n and at 8n. Linear work takes about 8 times as long; quadratic
 * work 64 times. The bound, 32, is generous against noise, and each size is timed as the best of
 * three runs after a warm-up, in the thread's CPU time, not against a fixed number of seconds.
 */
class GrowthTest {
  private static final String HEAD = "package growth\nrole Clerk\nsystem Sys { action get(x: Int): Int }\n";
  private static final double LIMIT = 32;

  private static String workflow(String body) {
    return HEAD + "workflow W {\n  owner Clerk\n" + body + "}\n";
  }

  private static String lines(int n, IntFunction<String> line) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append(line.apply(i)).append('\n');
    }
    return out.toString();
  }

  static Stream<Map.Entry<String, IntFunction<String>>> shapes() {
    return Stream.of(
        Map.entry("sequential steps", n -> workflow(lines(n, i -> "  step s" + i + " by Sys.get(x: " + i + ")"))),
        Map.entry("steps with a go to back", n -> workflow(lines(n, i -> "  step s" + i + " by Sys.get(x: 1)")
            + "  if s1 > 0 { go to s0 }\n")),
        Map.entry("a start chain (a cycle)", n -> HEAD + lines(n, i -> "workflow W" + i + " { owner Clerk start W"
            + ((i + 1) % n) + "() }")),
        Map.entry("a starts after chain (a cycle)", n -> HEAD + lines(n, i -> "workflow W" + i
            + " { owner Clerk starts after W" + ((i + 1) % n) + " notify Clerk \"x\" }")),
        Map.entry("did-you-mean over many roles", n -> HEAD + lines(n, i -> "role Role" + i)
            + workflow(lines(n / 8 + 1, i -> "  notify Rolx" + i + " \"x\""))),
        Map.entry("a long name", n -> HEAD + "role R" + "x".repeat(n * 200) + "\n"),
        Map.entry("a long string", n -> workflow("  notify Clerk \"" + "x{1}".repeat(n * 50) + "\"\n")),
        Map.entry("many types in one package", n -> HEAD + lines(n, i -> "record R" + i + " { a: Int, b: R"
            + Math.max(0, i - 1) + "? }")));
  }

  /** Checks, generates Java (when there is no error), draws and documents a model. */
  private static void process(String text) {
    Compilation c = Compiler.compile(List.of(new SourceFile("growth.flow", text)), Compiler.Mode.GENERATE);
    c.model().ifPresent(model -> {
      if (!c.hasErrors()) {
        JavaGenerator.generate(model);
        Diagrams.files(model);
        Docs.files(model);
      }
    });
  }

  /**
   * The least CPU time of this thread, in nanoseconds, of three runs: other processes and the
   * collector's threads do not count in it, so a busy machine does not make a linear shape look
   * quadratic (wall-clock time did, under a load of 15 on 2 cores).
   */
  private static long bestOfThree(String text) {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    boolean cpu = threads.isCurrentThreadCpuTimeSupported();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long start = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
      process(text);
      best = Math.min(best, (cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - start);
    }
    return best;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void workGrowsLinearly(Map.Entry<String, IntFunction<String>> shape) {
    int n = 100;
    String small = shape.getValue().apply(n);
    String large = shape.getValue().apply(8 * n);
    process(large); // warm-up
    long t1 = bestOfThree(small);
    long t8 = bestOfThree(large);
    double ratio = (double) t8 / Math.max(1, t1);
    assertTrue(ratio < LIMIT, () -> String.format(Locale.ROOT, "%s: %d at n=%d took %.1f ms, at 8n %.1f ms: %.1f times",
        shape.getKey(), n, n, t1 / 1e6, t8 / 1e6, ratio));
  }
}
