package dev.flow.bench;

import dev.flow.bench.flows.Calc;
import dev.flow.bench.flows.FlowsModule;
import dev.flow.bench.flows.Sequential;
import dev.flow.runtime.Engine;
import dev.flow.runtime.store.JdbcStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcConnectionPool;
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
 * The {@link JournalThroughput} workload ({@code Sequential}, ten system steps, each instance
 * started and waited for by one benchmark thread) on the JDBC store over an embedded H2 file
 * database ({@code WRITE_DELAY 0}: every commit written before it returns), against the file
 * journal (fsync per commit group) in the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class JdbcThroughput {
  /** An engine on the JDBC store in a fresh H2 file database, for one iteration. */
  @State(Scope.Benchmark)
  public static class OnH2 {
    Path directory;
    JdbcConnectionPool pool;
    JdbcStore store;
    Engine engine;

    /** A fresh database and an engine on it. */
    @Setup(Level.Iteration)
    public void open() throws IOException {
      directory = Files.createTempDirectory("flow-bench-h2");
      pool = JdbcConnectionPool.create("jdbc:h2:file:" + directory.resolve("flow"), "", "");
      pool.setMaxConnections(300);
      store = JdbcStore.open(pool);
      engine = Engine.builder()
          .withoutSchedules()
          .module(FlowsModule.INSTANCE)
          .connector(Calc.class, new Adder())
          .store(store)
          .build();
    }

    /** Closes the engine, the store and the database, and deletes it. */
    @TearDown(Level.Iteration)
    public void close() throws IOException {
      engine.close();
      store.close();
      pool.dispose();
      deleteAll(directory);
    }
  }

  /** The engine on the file journal: the baseline of the same run. */
  @State(Scope.Benchmark)
  public static class OnJournal {
    Path directory;
    Engine engine;

    /** A fresh journal directory and an engine on it. */
    @Setup(Level.Iteration)
    public void open() throws IOException {
      directory = Files.createTempDirectory("flow-bench-journal");
      engine = JournalThroughput.onJournal(directory);
    }

    /** Closes the engine and deletes its journal. */
    @TearDown(Level.Iteration)
    public void close() throws IOException {
      engine.close();
      deleteAll(directory);
    }
  }

  private static void deleteAll(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  private static String instance(Engine engine) {
    String id = engine.start(Sequential.DEFINITION, new Sequential.Input(1L));
    FlowEngines.awaitEnd(engine, id);
    return id;
  }

  /** One instance at a time on H2: every commit waits for its own write. */
  @Benchmark
  @Threads(1)
  public String h2x1(OnH2 h2) {
    return instance(h2.engine);
  }

  /** 32 instances in flight on H2. */
  @Benchmark
  @Threads(32)
  public String h2x32(OnH2 h2) {
    return instance(h2.engine);
  }

  /** One instance at a time on the journal. */
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
}
