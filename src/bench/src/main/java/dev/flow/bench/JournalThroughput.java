package dev.flow.bench;

import dev.flow.bench.flows.Calc;
import dev.flow.bench.flows.FlowsModule;
import dev.flow.bench.flows.Sequential;
import dev.flow.runtime.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Instances per second of {@code Sequential} (ten system steps) on the durable file journal,
 * with fsync per commit group, against the same engine in memory in the same run. Each
 * benchmark thread starts an instance and waits for its end; 32 (or 256) threads keep as many
 * instances in flight, so that the journal can group their commits.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class JournalThroughput {
  /** An engine on a journal in a fresh directory, for one iteration. */
  @State(Scope.Benchmark)
  public static class OnJournal {
    Path directory;
    Engine engine;

    /** A fresh journal directory and an engine on it. */
    @Setup(Level.Iteration)
    public void open() throws IOException {
      directory = Files.createTempDirectory("flow-bench-journal");
      engine = onJournal(directory);
    }

    /** Closes the engine and deletes its journal. */
    @TearDown(Level.Iteration)
    public void close() throws IOException {
      engine.close();
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(JournalThroughput::delete);
      }
    }
  }

  /** The same engine in memory: the baseline of the same run. */
  @State(Scope.Benchmark)
  public static class InMemory {
    Engine engine;

    /** A fresh engine for each iteration. */
    @Setup(Level.Iteration)
    public void open() {
      engine = FlowEngines.inMemory();
    }

    /** Lets go of it. */
    @TearDown(Level.Iteration)
    public void close() {
      engine.close();
    }
  }

  /** The durable engine of the benchmark: the file journal in {@code directory}, fsync on commit. */
  static Engine onJournal(Path directory) {
    return Engine.builder()
        .withoutSchedules()
        .module(FlowsModule.INSTANCE)
        .connector(Calc.class, new Adder())
        .journal(directory)
        .build();
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String instance(Engine engine) {
    String id = engine.start(Sequential.DEFINITION, new Sequential.Input(1L));
    FlowEngines.awaitEnd(engine, id);
    return id;
  }

  /** One instance at a time on the journal: every commit waits for its own fsync. */
  @Benchmark
  @Threads(1)
  public String journal1(OnJournal journal) {
    return instance(journal.engine);
  }

  /** 32 instances in flight on the journal. */
  @Benchmark
  @Threads(32)
  public String journal32(OnJournal journal) {
    return instance(journal.engine);
  }

  /**
   * 256 instances in flight on the journal: an instance of ten steps waits for ten fsyncs one
   * after another (each step's command is durable before its connector is called), so the
   * throughput is the instances in flight over that latency; with more in flight, each fsync
   * covers more commits.
   */
  @Benchmark
  @Threads(256)
  public String journal256(OnJournal journal) {
    return instance(journal.engine);
  }

  /** 32 instances in flight in memory. */
  @Benchmark
  @Threads(32)
  public String inMemory32(InMemory memory) {
    return instance(memory.engine);
  }
}
