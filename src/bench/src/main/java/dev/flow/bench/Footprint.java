package dev.flow.bench;

import dev.flow.bench.flows.Review;
import dev.flow.bench.flows.Sequential;
import dev.flow.runtime.Engine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Heap per instance, not timed: starts {@code n} instances of {@code Review} (each waits on one
 * task) on an engine that keeps no waiting instance's history in memory
 * ({@link FlowEngines#evicting()}: the target is the footprint once evicted), then {@code n}
 * of {@code Sequential} (each runs to its end, history kept), and prints the used heap after a
 * full collection, divided by {@code n}, for each.
 *
 * <p>{@code java -cp src/bench/target/benchmarks.jar dev.flow.bench.Footprint [n]} (default
 * 100,000); give the JVM heap enough for them ({@code -Xmx4g}).
 */
public final class Footprint {
  private Footprint() {}

  /** Bytes of heap per instance, as measured. */
  public record Figures(int instances, double waitingBytes, double completedBytes) {}

  /** Runs it with the number of instances of the first argument. */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Figures figures = measure(n);
    System.out.printf(Locale.ROOT, "Footprint: %,d instances%n", figures.instances());
    System.out.printf(Locale.ROOT, "  waiting on one task (Review):        %,8.0f bytes of heap per instance%n",
        figures.waitingBytes());
    System.out.printf(Locale.ROOT, "  completed, 10 steps (Sequential):    %,8.0f bytes of heap per instance%n",
        figures.completedBytes());
  }

  /**
   * Measures both figures with {@code n} instances each, on fresh engines. Each is measured in a method of its own, so
   * that no frame still holds the first engine (an interpreted frame keeps a local that is out of scope) when the second
   * figure's starting point is measured: its instances would count against the second figure.
   */
  public static Figures measure(int n) {
    double waiting = waiting(n);
    double completed = completed(n);
    return new Figures(n, waiting, completed);
  }

  private static double waiting(int n) {
    long base = usedHeapAfterGc();
    try (Engine engine = FlowEngines.evicting()) {
      for (int i = 0; i < n; i++) {
        engine.start(Review.DEFINITION, new Review.Input(false));
      }
      double waiting = (usedHeapAfterGc() - base) / (double) n;
      keep(engine);
      return waiting;
    }
  }

  private static double completed(int n) {
    long base = usedHeapAfterGc();
    try (Engine engine = FlowEngines.inMemory()) {
      for (int i = 0; i < n; i++) {
        FlowEngines.awaitEnd(engine, engine.start(Sequential.DEFINITION, new Sequential.Input(i)));
      }
      double completed = (usedHeapAfterGc() - base) / (double) n;
      keep(engine);
      return completed;
    }
  }

  /** Keeps the engine reachable until after the measurement. */
  private static void keep(Engine engine) {
    if (engine.clock() == null) {
      throw new IllegalStateException("an engine without a clock");
    }
  }

  /** Used heap after full collections, once it stops shrinking. */
  static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      long now = memory.getHeapMemoryUsage().getUsed();
      if (now >= used) {
        return now;
      }
      used = now;
    }
    return used;
  }
}
