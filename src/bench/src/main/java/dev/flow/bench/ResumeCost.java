package dev.flow.bench;

import dev.flow.bench.flows.FlowsModule;
import dev.flow.bench.flows.Rounds;
import dev.flow.runtime.Engine;
import dev.flow.runtime.Principal;
import dev.flow.runtime.Task;
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
 * What a resume costs as an instance's history grows, on {@code Rounds} (src/main/flow): a
 * {@code while} loop with a task per round.
 *
 * <ul>
 *   <li>{@link #resume}: instances wait on their task with a history of {@code history}
 *       entries; one operation completes a task and runs its instance to its next task. With
 *       {@code cache=cached} the engine may keep the instance's decoded history; with
 *       {@code evicted} every resume reads it back from the store
 *       ({@link FlowEngines#evicting()}). The figure is the ratio of the 10,000-entry score to
 *       the 10-entry one, measured in the same run.
 *   <li>{@link #loop}: one instance of {@code rounds} rounds from its start to its end, one
 *       shot per iteration, scored for the whole loop: ten times the score for ten times the
 *       rounds is linear; a hundred times is quadratic.
 * </ul>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class ResumeCost {
  static final Principal CLERK = Principal.of("clerk", FlowsModule.CLERK);

  /** Resumes per invocation of {@link #resume}. */
  static final int BATCH = 20;

  /** Resumes that the default run makes: (5 + 10 iterations) × {@value #BATCH}. */
  static final int RESUMES = 15 * BATCH;

  /**
   * Instances waiting on their task with a history of a given length. A resume appends to the
   * history (two entries a round), so each operation resumes the next instance of a pool, round
   * robin: with 10 entries every resume of the run finds a history of exactly 10 (the pool has
   * one instance per resume); with 10,000 one instance serves them all and its history grows by
   * 2 entries per resume (by 600, 6 %, over the default run).
   */
  @State(Scope.Benchmark)
  public static class Waiting {
    /** Entries in each waiting instance's history when the trial starts. */
    @Param({"10", "10000"})
    public int history;

    /** Whether the engine keeps the instance's decoded history between resumes. */
    @Param({"cached", "evicted"})
    public String cache;

    Engine engine;
    String[] instances;
    Task[] tasks;
    int next;

    /**
     * Warms the resume path up on a throwaway engine (the run measures only 300 resumes, too few
     * for the JIT), then starts the pool's instances and completes their tasks until their
     * histories are long enough.
     */
    @Setup(Level.Trial)
    public void grow() {
      try (Engine warm = FlowEngines.inMemory()) {
        for (int i = 0; i < 200; i++) {
          String id = warm.start(Rounds.DEFINITION, new Rounds.Input(Long.MAX_VALUE));
          Task task = FlowEngines.awaitTask(warm, id, "work", null);
          for (int round = 0; round < 10; round++) {
            warm.inbox().complete(task.id(), CLERK);
            task = FlowEngines.awaitTask(warm, id, "work", task.id());
          }
        }
      }
      engine = "evicted".equals(cache) ? FlowEngines.evicting() : FlowEngines.inMemory();
      int pool = Math.max(1, RESUMES / history);
      instances = new String[pool];
      tasks = new Task[pool];
      for (int i = 0; i < pool; i++) {
        instances[i] = engine.start(Rounds.DEFINITION, new Rounds.Input(Long.MAX_VALUE));
        tasks[i] = FlowEngines.awaitTask(engine, instances[i], "work", null);
        while (engine.instance(instances[i]).history().size() < history) {
          complete(i);
        }
      }
    }

    /** Closes the engine. */
    @TearDown(Level.Trial)
    public void stop() {
      engine.close();
    }

    String complete(int i) {
      engine.inbox().complete(tasks[i].id(), CLERK);
      tasks[i] = FlowEngines.awaitTask(engine, instances[i], "work", tasks[i].id());
      return tasks[i].id();
    }

    String resumeNext() {
      String task = complete(next);
      next = next + 1 == instances.length ? 0 : next + 1;
      return task;
    }
  }

  /** A fresh engine for each shot of {@link #loop}. */
  @State(Scope.Benchmark)
  public static class Loop {
    /** Rounds of the loop. */
    @Param({"1000", "10000"})
    public int rounds;

    Engine engine;

    /** A fresh engine for each shot. */
    @Setup(Level.Iteration)
    public void start() {
      engine = FlowEngines.inMemory();
    }

    /** Lets go of the shot's engine. */
    @TearDown(Level.Iteration)
    public void stop() {
      engine.close();
    }
  }

  /**
   * Completes the waiting task of {@value #BATCH} instances in turn, each measured until the
   * instance waits on its next task; scored per resume.
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(BATCH)
  @Warmup(iterations = 5)
  @Measurement(iterations = 10)
  public String resume(Waiting waiting) {
    String last = null;
    for (int i = 0; i < BATCH; i++) {
      last = waiting.resumeNext();
    }
    return last;
  }

  /** Starts an instance of {@code rounds} rounds, completes its task each round, waits for its end. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2)
  @Measurement(iterations = 3)
  public String loop(Loop loop) {
    Engine engine = loop.engine;
    String instance = engine.start(Rounds.DEFINITION, new Rounds.Input(loop.rounds));
    String previous = null;
    for (int i = 0; i < loop.rounds; i++) {
      Task task = FlowEngines.awaitTask(engine, instance, "work", previous);
      engine.inbox().complete(task.id(), CLERK);
      previous = task.id();
    }
    FlowEngines.awaitEnd(engine, instance);
    return instance;
  }
}
