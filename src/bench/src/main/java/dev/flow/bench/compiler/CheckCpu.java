package dev.flow.bench.compiler;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.source.SourceFile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@code Compiler.check} of a generated corpus ({@link Corpus}) on one thread and on two, by CPU
 * time rather than wall time, for a machine shared with other work (where JMH's wall-clock scores
 * swing with the load): per check, the CPU time of the calling thread (the part of the work that
 * did not go to another thread: with the other core free, the wall time is about the larger of it
 * and the worker's share) and the CPU time of every Java thread together (the work done in all,
 * without the collector's threads). Rounds alternate one thread and two; the first half of the
 * rounds is warm-up and the medians of the second half are printed.
 *
 * <p>{@code java -Xms3g -Xmx3g -cp src/bench/target/benchmarks.jar dev.flow.bench.compiler.CheckCpu
 * [lines [rounds]]} (default 100,000 lines, 30 rounds of each), from inside the checkout.
 */
public final class CheckCpu {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  private CheckCpu() {}

  /** Prints, for one thread and for two, the median CPU of the caller and of all threads per check. */
  public static void main(String[] args) {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    List<SourceFile> files = Corpus.ofLines(lines);
    List<List<Long>> caller = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<Long>> all = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<Long>> wall = List.of(new ArrayList<>(), new ArrayList<>());
    int diagnostics = -1;
    for (int round = 0; round < rounds; round++) {
      for (int threads = 1; threads <= 2; threads++) {
        long allBefore = allThreads();
        long before = MX.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Compilation c = Compiler.check(files, threads);
        long end = System.nanoTime();
        long after = MX.getCurrentThreadCpuTime();
        long allAfter = allThreads();
        if (diagnostics >= 0 && diagnostics != c.diagnostics().size()) {
          throw new IllegalStateException("the diagnostics differ: " + diagnostics + " and " + c.diagnostics().size());
        }
        diagnostics = c.diagnostics().size();
        if (round >= rounds / 2) {
          caller.get(threads - 1).add(after - before);
          all.get(threads - 1).add(allAfter - allBefore);
          wall.get(threads - 1).add(end - start);
        }
      }
    }
    System.out.printf(Locale.ROOT, "%,d lines, %d files, %d rounds of each (medians of the last %d)%n",
        Corpus.lines(files), files.size(), rounds, rounds - rounds / 2);
    for (int t = 0; t < 2; t++) {
      System.out.printf(Locale.ROOT, "threads %d: caller CPU %.1f ms, all threads' CPU %.1f ms, wall %.1f ms%n",
          t + 1, median(caller.get(t)), median(all.get(t)), median(wall.get(t)));
    }
  }

  private static long allThreads() {
    long sum = 0;
    for (long id : MX.getAllThreadIds()) {
      long cpu = MX.getThreadCpuTime(id);
      if (cpu > 0) {
        sum += cpu;
      }
    }
    return sum;
  }

  private static double median(List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2) / 1e6;
  }
}
