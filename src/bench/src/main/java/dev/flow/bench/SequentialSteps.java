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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An instance of a workflow of ten sequential system steps ({@code Sequential} in
 * src/main/flow), in memory with its history kept, run to its end; the score is the time per
 * step. Baselines in the same run: the same ten connector calls in plain Java (the floor) and
 * Camunda 7 running a BPMN process of ten service tasks that call the same connector.
 *
 * <p>Each iteration starts from a fresh engine, so that the history kept by one iteration does
 * not fill the heap of the next (an iteration of a second keeps some 10⁵ instances).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(SequentialSteps.STEPS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@State(Scope.Benchmark)
public class SequentialSteps {
  /** Steps per instance. */
  static final int STEPS = 10;

  private final Calc calc = new Adder();
  /** Not a constant, so that the plain Java baseline cannot be folded away. */
  private long seed = 1L;
  private Engine flow;
  private CamundaBaseline camunda;

  /** A fresh Flow engine for each iteration. */
  @Setup(Level.Iteration)
  public void startFlow() {
    flow = FlowEngines.inMemory();
  }

  /** Lets go of the iteration's engine and everything it kept. */
  @TearDown(Level.Iteration)
  public void stopFlow() {
    flow.close();
    flow = null;
  }

  /** One Camunda engine for the trial (its history is off: it keeps nothing of ended instances). */
  @Setup(Level.Trial)
  public void startCamunda() {
    camunda = new CamundaBaseline();
  }

  /** Closes Camunda's engine. */
  @TearDown(Level.Trial)
  public void stopCamunda() {
    camunda.close();
  }

  private long flowInstance() {
    String id = flow.start(Sequential.DEFINITION, new Sequential.Input(seed));
    FlowEngines.awaitEnd(flow, id);
    return id.length();
  }

  private long plainJava() throws Exception {
    long n = seed;
    for (int i = 0; i < STEPS; i++) {
      n = calc.next(n);
    }
    return n;
  }

  /** Flow, one thread. */
  @Benchmark
  @Threads(1)
  public long flow1() {
    return flowInstance();
  }

  /** Flow, two threads starting instances on one engine. */
  @Benchmark
  @Threads(2)
  public long flow2() {
    return flowInstance();
  }

  /** The floor: the ten connector calls in plain Java, one thread. */
  @Benchmark
  @Threads(1)
  public long plainJava1() throws Exception {
    return plainJava();
  }

  /** The floor, two threads. */
  @Benchmark
  @Threads(2)
  public long plainJava2() throws Exception {
    return plainJava();
  }

  /** Camunda 7, one thread. */
  @Benchmark
  @Threads(1)
  public long camunda1() {
    return camunda.run(seed);
  }

  /** Camunda 7, two threads starting instances on one engine. */
  @Benchmark
  @Threads(2)
  public long camunda2() {
    return camunda.run(seed);
  }
}
