package dev.flow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Not a measurement: every benchmark runs one invocation, in this JVM, on small parameters, so
 * that `mvn verify` catches a benchmark that no longer runs on the current engine.
 */
class BenchmarksSmokeTest {
  @Test
  void everyBenchmarkRunsOnce() throws RunnerException {
    // A smoke run measures nothing, so it need not wait for (or fail on) a measuring JMH run that
    // holds JMH's machine-wide lock at the same time.
    System.setProperty("jmh.ignoreLock", "true");
    Options options = new OptionsBuilder()
        .include("dev\\.flow\\.bench\\..*")
        .exclude("camunda")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementBatchSize(1)
        .mode(Mode.SingleShotTime)
        .param("history", "10")
        .param("cache", "cached", "evicted")
        .param("rounds", "10")
        .param("waiting", "100")
        .param("lines", "1000")
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    Set<String> ran = new TreeSet<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      ran.add(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1));
      assertTrue(result.getPrimaryResult().getSampleCount() >= 1, name);
    }
    assertEquals(new TreeSet<>(Set.of("JdbcThroughput.h2x1", "JdbcThroughput.h2x32", "JdbcThroughput.journal1",
        "JdbcThroughput.journal32", "JournalThroughput.inMemory32", "JournalThroughput.journal1",
        "JournalThroughput.journal32", "JournalThroughput.journal256",
        "PublishCost.inboxForRole", "PublishCost.publish", "ResumeCost.loop",
        "ResumeCost.resume", "SequentialSteps.flow1",
        "SequentialSteps.flow2", "SequentialSteps.plainJava1", "SequentialSteps.plainJava2",
        "CompilerStages.antlrParse", "CompilerStages.parseAst", "CompilerStages.resolve", "CompilerStages.checks",
        "CompilerStages.check", "CompilerStages.checkOneThread", "CompilerStages.generateJava", "CompilerStages.diagramsAndDocs",
        "JavacYardstick.javac", "LanguageServerLatency.didChangeToPublishDiagnostics")), ran);
  }

  /** Camunda's engine takes seconds to build, so it is built once here rather than per benchmark. */
  @Test
  void camundaRunsTheProcessToItsEnd() {
    try (CamundaBaseline camunda = new CamundaBaseline()) {
      assertEquals(1L, camunda.run(1L));
      assertEquals(11L, camunda.result(1L), "ten service tasks, each adding one");
    }
  }

  @Test
  void footprintMeasuresBothKinds() {
    Footprint.Figures figures = Footprint.measure(1_000);
    assertEquals(1_000, figures.instances());
    assertTrue(figures.waitingBytes() > 0, "a waiting instance takes some heap: " + figures.waitingBytes());
    assertTrue(figures.completedBytes() > 0, "a kept history takes some heap: " + figures.completedBytes());
  }
}
