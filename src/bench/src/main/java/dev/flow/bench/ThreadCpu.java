package dev.flow.bench;

import dev.flow.bench.flows.FlowsModule;
import dev.flow.bench.flows.Rounds;
import dev.flow.bench.flows.Sequential;
import dev.flow.runtime.Engine;
import dev.flow.runtime.Principal;
import dev.flow.runtime.Task;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Thread CPU time and bytes allocated, not wall time, for a machine shared with other work (where
 * JMH's wall-clock scores swing with the load): the figures of the calling thread, from
 * {@code com.sun.management.ThreadMXBean}.
 *
 * <ul>
 *   <li>{@code steps [rounds [threads]]}: one thread (or {@code threads} at once) starts
 *       {@code Sequential} (ten system steps) on {@link FlowEngines#inMemory()} and waits for its
 *       end, again and again, for one-second rounds on a fresh engine each; prints the starting
 *       threads' CPU and allocation per step, and the whole process's CPU per step (the collector's
 *       work too).
 *   <li>{@code resume HISTORY [rounds]}: one {@code Rounds} instance on
 *       {@link FlowEngines#evicting()} is grown to {@code HISTORY} entries; then each round
 *       completes its task 20 times, each until the next task is open; prints CPU and allocation
 *       per resume.
 * </ul>
 *
 * <p>{@code java -cp src/bench/target/benchmarks.jar dev.flow.bench.ThreadCpu steps 8} or
 * {@code … ThreadCpu resume 10000 8}. The first rounds include JIT warm-up.
 */
public final class ThreadCpu {
  private static final com.sun.management.ThreadMXBean MX =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private ThreadCpu() {}

  /** Runs the measure the first argument names. */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("steps")) {
      steps(args.length > 1 ? Integer.parseInt(args[1]) : 8, args.length > 2 ? Integer.parseInt(args[2]) : 1);
    } else if (args.length > 1 && args[0].equals("resume")) {
      resume(Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 8);
    } else {
      System.err.println("usage: ThreadCpu steps [rounds [threads]] | ThreadCpu resume HISTORY [rounds]");
      System.exit(2);
    }
  }

  private static long cpu() {
    return MX.getCurrentThreadCpuTime();
  }

  private static long allocated() {
    return MX.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  private static void steps(int rounds, int threads) {
    for (int round = 0; round < rounds; round++) {
      try (Engine engine = FlowEngines.inMemory()) {
        long[][] figures = new long[threads][];
        Thread[] running = new Thread[threads];
        long p0 = processCpu();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
          int which = t;
          running[t] = new Thread(() -> figures[which] = instances(engine, t0), "steps-" + t);
          running[t].start();
        }
        long n = 0;
        long cpu = 0;
        long alloc = 0;
        for (int t = 0; t < threads; t++) {
          try {
            running[t].join();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          n += figures[t][0];
          cpu += figures[t][1];
          alloc += figures[t][2];
        }
        long wall = System.nanoTime() - t0;
        double steps = n * 10.0;
        System.out.printf(Locale.ROOT, "steps round %d, %d thread(s): %d instances, cpu %.3f us/step (process %.3f), "
            + "alloc %.0f B/step, wall %.3f us/step per thread%n", round, threads, n, cpu / 1000.0 / steps,
            (processCpu() - p0) / 1000.0 / steps, alloc / steps, wall * threads / 1000.0 / steps);
      }
    }
  }

  /** One thread's second of instances: how many, its CPU time and its bytes allocated. */
  private static long[] instances(Engine engine, long t0) {
    long c0 = cpu();
    long a0 = allocated();
    long n = 0;
    while (System.nanoTime() - t0 < 1_000_000_000L) {
      String id = engine.start(Sequential.DEFINITION, new Sequential.Input(n));
      FlowEngines.awaitEnd(engine, id);
      n++;
    }
    return new long[] {n, cpu() - c0, allocated() - a0};
  }

  /** The CPU time of the whole process (every thread, the collector's too), or 0 where unknown. */
  private static long processCpu() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  private static void resume(int history, int rounds) {
    Principal clerk = Principal.of("clerk", FlowsModule.CLERK);
    try (Engine engine = FlowEngines.evicting()) {
      String id = engine.start(Rounds.DEFINITION, new Rounds.Input(Long.MAX_VALUE));
      Task task = FlowEngines.awaitTask(engine, id, "work", null);
      // Its size is looked at every 50 completions: a look reads the whole history from the store.
      for (int done = 0; done % 50 != 0 || engine.instance(id).entries().size() < history; done++) {
        engine.inbox().complete(task.id(), clerk);
        task = FlowEngines.awaitTask(engine, id, "work", task.id());
      }
      for (int round = 0; round < rounds; round++) {
        int n = 20;
        long t0 = System.nanoTime();
        long c0 = cpu();
        long a0 = allocated();
        for (int i = 0; i < n; i++) {
          engine.inbox().complete(task.id(), clerk);
          task = FlowEngines.awaitTask(engine, id, "work", task.id());
        }
        System.out.printf(Locale.ROOT, "resume of %d entries, round %d: cpu %.1f us, alloc %d B, wall %.1f us per resume%n",
            engine.instance(id).entries().size(), round, (cpu() - c0) / 1000.0 / n, (allocated() - a0) / n,
            (System.nanoTime() - t0) / 1000.0 / n);
      }
    }
  }
}
