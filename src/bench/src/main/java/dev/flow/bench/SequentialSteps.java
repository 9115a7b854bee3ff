package dev.flow.bench;

import dev.flow.bench.flows.Calc;
import dev.flow.bench.flows.Sequential;
import dev.flow.runtime.Engine;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * An instance of a workflow of ten sequential system steps ({@code Sequential} in
 * src/main/flow), in memory with its history kept, run to its end; the score is the time per
 * step. Baselines in the same run: the same ten connector calls in plain Java (the floor) and
 * Camunda 7 running a BPMN process of ten service tasks that call the same connector.
 *
 * <p>Each iteration starts from a fresh engine, so that the history kept by one iteration does
 * not fill the heap of the next (an iteration of a second keeps some 10⁵ instances).
 *
 * <p>{@code values} chooses the steps' numbers: {@code small} starts from 1, so that the ten values
 * (2–11) are boxes the JVM keeps in its cache of −128…127, as the first figures did; {@code large}
 * starts from 1,000,000, past that cache, as most real amounts, ids and counts are, so that each
 * step pays for the boxes and payloads of its own values.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(SequentialSteps.STEPS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class SequentialSteps {
  /** Steps per instance. */
  static final int STEPS = 10;

  /** A Flow engine in memory, fresh for each iteration. */
  @State(Scope.Benchmark)
  public static class Flow {
    /** {@code small}: values 2–11, in the JVM's box cache; {@code large}: values past it. */
    @Param({"small", "large"})
    public String values;

    Engine engine;
    long seed = 1L;

    /** A fresh engine for each iteration. */
    @Setup(Level.Iteration)
    public void start() {
      engine = FlowEngines.inMemory();
      seed = "large".equals(values) ? 1_000_000L : 1L;
    }

    /** Lets go of the iteration's engine and everything it kept. */
    @TearDown(Level.Iteration)
    public void stop() {
      engine.close();
      engine = null;
    }

    long instance() {
      String id = engine.start(Sequential.DEFINITION, new Sequential.Input(seed));
      FlowEngines.awaitEnd(engine, id);
      return id.length();
    }
  }

  /** The connector, called from plain Java. */
  @State(Scope.Benchmark)
  public static class Plain {
    final Calc calc = new Adder();
    /** Not a constant, so that the calls cannot be folded away. */
    long seed = 1L;

    /**
     * Each result goes to the blackhole, as each step's result goes to a history, so that the
     * JIT cannot fold the ten calls into one addition.
     */
    long calls(Blackhole blackhole) throws Exception {
      long n = seed;
      for (int i = 0; i < STEPS; i++) {
        n = calc.next(n);
        blackhole.consume(n);
      }
      return n;
    }
  }

  /** One Camunda engine for the trial (its history is off: it keeps nothing of ended instances). */
  @State(Scope.Benchmark)
  public static class Camunda {
    CamundaBaseline engine;
    long seed = 1L;

    /** Builds the engine and deploys the process. */
    @Setup(Level.Trial)
    public void start() {
      engine = new CamundaBaseline();
    }

    /** Closes the engine. */
    @TearDown(Level.Trial)
    public void stop() {
      engine.close();
    }
  }

  /** Flow, one thread. */
  @Benchmark
  @Threads(1)
  public long flow1(Flow flow) {
    return flow.instance();
  }

  /** Flow, two threads starting instances on one engine. */
  @Benchmark
  @Threads(2)
  public long flow2(Flow flow) {
    return flow.instance();
  }

  /** The floor: the ten connector calls in plain Java, one thread. */
  @Benchmark
  @Threads(1)
  public long plainJava1(Plain plain, Blackhole blackhole) throws Exception {
    return plain.calls(blackhole);
  }

  /** The floor, two threads. */
  @Benchmark
  @Threads(2)
  public long plainJava2(Plain plain, Blackhole blackhole) throws Exception {
    return plain.calls(blackhole);
  }

  /** Camunda 7, one thread. */
  @Benchmark
  @Threads(1)
  public long camunda1(Camunda camunda) {
    return camunda.engine.run(camunda.seed);
  }

  /** Camunda 7, two threads starting instances on one engine. */
  @Benchmark
  @Threads(2)
  public long camunda2(Camunda camunda) {
    return camunda.engine.run(camunda.seed);
  }
}
