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
 *   <li>{@link #resume}: an instance waits on its task with a history of {@code history}
 *       entries; one operation completes the task and runs the instance to its next task. With
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

  /** An instance waiting on its task with a history of a given length. */
  @State(Scope.Benchmark)
  public static class Waiting {
    /** Entries in the waiting instance's history when the trial starts. */
    @Param({"10", "10000"})
    public int history;

    /** Whether the engine keeps the instance's decoded history between resumes. */
    @Param({"cached", "evicted"})
    public String cache;

    Engine engine;
    String instance;
    Task task;

    /** Starts an instance that loops for ever and completes tasks until its history is long enough. */
    @Setup(Level.Trial)
    public void grow() {
      engine = "evicted".equals(cache) ? FlowEngines.evicting() : FlowEngines.inMemory();
      instance = engine.start(Rounds.DEFINITION, new Rounds.Input(Long.MAX_VALUE));
      task = FlowEngines.awaitTask(engine, instance, "work", null);
      while (engine.instance(instance).history().size() < history) {
        complete();
      }
    }

    /** Closes the engine. */
    @TearDown(Level.Trial)
    public void stop() {
      engine.close();
    }

    String complete() {
      engine.inbox().complete(task.id(), CLERK);
      task = FlowEngines.awaitTask(engine, instance, "work", task.id());
      return task.id();
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

  /** Completes the waiting task; measured until the instance waits on its next task. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  public String resume(Waiting waiting) {
    return waiting.complete();
  }

  /** Starts an instance of {@code rounds} rounds, completes its task each round, waits for its end. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
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
