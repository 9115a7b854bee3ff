package dev.flow.bench;

import dev.flow.bench.flows.FlowsModule;
import dev.flow.bench.flows.Listener;
import dev.flow.bench.flows.Ping;
import dev.flow.bench.flows.Review;
import dev.flow.runtime.Engine;
import dev.flow.runtime.Task;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What finding one instance among many costs.
 *
 * <ul>
 *   <li>{@link #publish}: {@code waiting} instances of {@code Listener} (src/main/flow) each wait
 *       on {@code receive ping: Ping where ping.key == key} with a key of their own; one
 *       operation publishes a {@code Ping} for one of them (round robin), which wakes it, and
 *       it goes back to waiting on the next {@code receive}; scored per publish. An engine with a correlation index
 *       scores the same for 100 and 100,000 waiting instances.
 *   <li>{@link #inboxForRole}: {@code waiting} open tasks for the role Clerk and
 *       {@value #AUDITS} for Auditor ({@code Review}); one operation lists the Auditor's tasks.
 *       An inbox indexed by role scores the same for 100 and 100,000 Clerk tasks.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Threads(1)
@State(Scope.Benchmark)
public class PublishCost {
  /** Open tasks for the role Auditor. */
  static final int AUDITS = 10;

  /** Publishes per invocation of {@link #publish}. */
  static final int BATCH = 100;

  /** Waiting instances of {@code Listener}, and open Clerk tasks. */
  @Param({"100", "100000"})
  public int waiting;

  private Engine engine;
  private int next;

  /**
   * Warms publishing up on a throwaway engine (the run measures only (5 + 10) × {@value #BATCH}
   * publishes, too few for the JIT), then starts the listeners and the reviews.
   */
  @Setup(Level.Trial)
  public void start() {
    try (Engine warm = FlowEngines.inMemory()) {
      for (int i = 0; i < 100; i++) {
        warm.start(Listener.DEFINITION, new Listener.Input(key(i)));
      }
      for (int round = 0; round < 20; round++) {
        for (int i = 0; i < 100; i++) {
          warm.publish(new Ping(key(i)));
        }
      }
    }
    engine = FlowEngines.inMemory();
    for (int i = 0; i < waiting; i++) {
      engine.start(Listener.DEFINITION, new Listener.Input(key(i)));
      engine.start(Review.DEFINITION, new Review.Input(false));
    }
    for (int i = 0; i < AUDITS; i++) {
      engine.start(Review.DEFINITION, new Review.Input(true));
    }
    List<String> woken = engine.publish(new Ping(key(0))).woken();
    if (woken.size() != 1) {
      throw new IllegalStateException("a Ping woke " + woken.size() + " instances, not 1");
    }
    List<Task> audits = engine.inbox().forRole(FlowsModule.AUDITOR);
    if (audits.size() != AUDITS) {
      throw new IllegalStateException(audits.size() + " open audits, not " + AUDITS);
    }
  }

  /** Closes the engine. */
  @TearDown(Level.Trial)
  public void stop() {
    engine.close();
  }

  private static String key(int i) {
    return "order-" + i;
  }

  /**
   * Publishes a Ping for each of the next {@value #BATCH} listeners; scored per publish. A fixed
   * number of publishes per run ((5 + 10) × {@value #BATCH}) keeps the listeners' histories
   * short: each woken listener appends to its history, and with 100 listeners each one hears
   * 15 Pings in the run.
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OperationsPerInvocation(BATCH)
  @Warmup(iterations = 5)
  @Measurement(iterations = 10)
  public int publish() {
    int woken = 0;
    for (int i = 0; i < BATCH; i++) {
      next = next + 1 == waiting ? 0 : next + 1;
      woken += engine.publish(new Ping(key(next))).woken().size();
    }
    if (woken != BATCH) {
      throw new IllegalStateException(BATCH + " Pings woke " + woken + " listeners");
    }
    return woken;
  }

  /** Lists the open tasks of the role Auditor. */
  @Benchmark
  public List<Task> inboxForRole() {
    return engine.inbox().forRole(FlowsModule.AUDITOR);
  }
}
