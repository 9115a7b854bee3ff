package dev.flow.bench;

import dev.flow.bench.flows.Sequential;
import dev.flow.runtime.Engine;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.ObjectName;

/**
 * What the in-memory store keeps per ended instance, not timed: runs {@code n} {@code Sequential} instances (ten steps,
 * values past the box cache, as {@code SequentialSteps values=large}) to their end on one engine, history kept, and
 * prints the used heap and the live objects after full collections, per instance, with the classes that account for
 * them (from the JVM's class histogram, {@code GC.class_histogram}, taken before and after).
 *
 * <p>{@code java -Xms4g -Xmx4g -cp src/bench/target/benchmarks.jar dev.flow.bench.Kept [n]} (default 200,000). It uses
 * only the engine's public API, so it runs against an older jar too (put this class first on the class path).
 */
public final class Kept {
  private Kept() {}

  /** Runs it with the number of instances of the first argument. */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    warm();
    Map<String, long[]> before = histogram();
    long base = Footprint.usedHeapAfterGc();
    try (Engine engine = FlowEngines.inMemory()) {
      run(engine, n);
      long used = Footprint.usedHeapAfterGc();
      Map<String, long[]> after = histogram();
      List<String[]> rows = new ArrayList<>();
      long objects = 0;
      long bytes = 0;
      for (Map.Entry<String, long[]> e : after.entrySet()) {
        long[] was = before.getOrDefault(e.getKey(), new long[2]);
        long count = e.getValue()[0] - was[0];
        long size = e.getValue()[1] - was[1];
        objects += count;
        bytes += size;
        if (count >= n / 2) {
          rows.add(new String[] {e.getKey(), fmt(count / (double) n), fmt(size / (double) n)});
        }
      }
      rows.sort((a, b) -> Double.compare(Double.parseDouble(b[2]), Double.parseDouble(a[2])));
      System.out.printf(Locale.ROOT, "Kept: %,d ended Sequential instances (10 steps)%n", n);
      System.out.printf(Locale.ROOT, "  used heap after full GC: %8.1f B per instance%n", (used - base) / (double) n);
      System.out.printf(Locale.ROOT, "  class histogram:         %8.1f B, %5.2f objects per instance%n",
          bytes / (double) n, objects / (double) n);
      for (String[] row : rows) {
        System.out.printf(Locale.ROOT, "    %-60s %6s objects %8s B%n", row[0], row[1], row[2]);
      }
      if (engine.clock() == null) {
        throw new IllegalStateException("an engine without a clock"); // keeps the engine reachable until here
      }
    }
  }

  /** Compiles the code paths and loads the classes on an engine of its own, gone before the count starts. */
  private static void warm() {
    try (Engine warm = FlowEngines.inMemory()) {
      run(warm, 20_000);
    }
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static void run(Engine engine, int n) {
    for (int i = 0; i < n; i++) {
      FlowEngines.awaitEnd(engine, engine.start(Sequential.DEFINITION, new Sequential.Input(1_000_000 + i)));
    }
  }

  /** The live objects by class (a full collection first): count and bytes. */
  private static Map<String, long[]> histogram() throws Exception {
    String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {new String[0]}, new String[] {String[].class.getName()});
    Map<String, long[]> classes = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] cells = line.trim().split("\\s+");
      if (cells.length >= 4 && cells[0].endsWith(":")) {
        classes.put(cells[3], new long[] {Long.parseLong(cells[1]), Long.parseLong(cells[2])});
      }
    }
    return classes;
  }
}
