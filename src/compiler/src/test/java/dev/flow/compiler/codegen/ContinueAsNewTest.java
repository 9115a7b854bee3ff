package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Engine;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated code of {@code continue as new with (…)} (execution/chain.flow): a count of 10 numbers,
 * 4 per instance, runs as a chain of 3 instances whose histories hold their own rounds only, and
 * ends with the sum one long instance would give; a {@code call} of the chain gets its last
 * instance's outputs, also when the journal restarts mid-chain.
 */
class ContinueAsNewTest {
  private Running run;

  @TempDir
  Path dir;

  @BeforeEach
  void compile() {
    run = Running.model("execution/chain.flow");
    run.answers.put("add", args -> (Long) args[0] + (Long) args[1]);
  }

  private static List<HistoryEntry> entries(Engine engine, String id) {
    return engine.instance(id).entries().stream().map(Recorded::entry).toList();
  }

  /** Completes the person's step of the chain's current instance, {@code rounds} times. */
  private static void look(Engine engine, Running run, String first, int rounds) {
    for (int i = 0; i < rounds; i++) {
      String now = engine.current(first);
      engine.inbox().complete(engine.inbox().task(now, "look").id(), run.everyone, Map.of());
    }
  }

  @Test
  void theChainEndsWithWhatOneLongInstanceWouldGive() {
    Engine engine = run.engine();
    String first = run.start("Tally", Map.of("from", 1, "target", 10, "batch", 4, "total", 0));
    look(engine, run, first, 10);
    String last = engine.current(first);
    assertNotEquals(first, last);
    assertEquals(Map.of("sum", 55L, "instances", 3L), run.output(last));
    List<HistoryEntry> firstEntries = entries(engine, first);
    HistoryEntry.InstanceEnded ended = (HistoryEntry.InstanceEnded) firstEntries.get(firstEntries.size() - 1);
    assertEquals(InstanceState.COMPLETED, ended.state());
    assertTrue(ended.message().startsWith("continued as new as "), ended.message());
    assertEquals(List.of("add(0, 1)", "add(1, 2)", "add(3, 3)", "add(6, 4)", "add(10, 5)", "add(15, 6)", "add(21, 7)",
        "add(28, 8)", "add(36, 9)", "add(45, 10)"), run.calls, "each number added once, in order, across the chain");
    long tasks = firstEntries.stream().filter(HistoryEntry.TaskCompleted.class::isInstance).count();
    assertEquals(4, tasks, "the first instance's history holds its own 4 rounds only");
  }

  @Test
  void aCallOfTheChainGetsItsLastInstancesOutputs() {
    Engine engine = run.engine();
    String caller = run.start("Count", Map.of("target", 10));
    String first = engine.instance(caller).entries().stream().map(Recorded::entry)
        .filter(HistoryEntry.ChildStarted.class::isInstance).map(e -> ((HistoryEntry.ChildStarted) e).childId())
        .findFirst().orElseThrow();
    look(engine, run, first, 10);
    assertEquals(Map.of("sum", 55L, "instances", 3L), run.output(caller));
  }

  @Test
  void aJournalRestartMidChainLeavesTheCallerWaitingForTheLastInstance() {
    Path journal = dir.resolve("journal");
    WorkflowDefinition<?, ?> count = run.workflow("Count");
    String caller;
    String first;
    try (Engine engine = journalEngine(journal)) {
      caller = engine.start(count.name(), Values.convert(Map.of("target", 10), count.inputType()));
      first = engine.instance(caller).entries().stream().map(Recorded::entry)
          .filter(HistoryEntry.ChildStarted.class::isInstance).map(e -> ((HistoryEntry.ChildStarted) e).childId())
          .findFirst().orElseThrow();
      look(engine, run, first, 6);
    }
    try (Engine engine = journalEngine(journal)) {
      engine.recover();
      assertEquals(InstanceState.WAITING, engine.instance(caller).state());
      look(engine, run, first, 4);
      assertEquals(InstanceState.COMPLETED, engine.instance(caller).state());
      assertEquals(Map.of("sum", 55L, "instances", 3L), Running.fields(engine.instance(caller).output().orElseThrow()));
    }
    assertEquals(10, run.calls.size(), "each number added once across the restart: " + run.calls);
  }

  /** A Ledger that adds and records its calls in {@code run.calls}, as the engine's recording connectors do. */
  private Engine journalEngine(Path journal) {
    return run.journalEngine(journal, "adding ledger", (method, args) -> {
      run.calls.add(method.getName() + "(" + args[0] + ", " + args[1] + ")");
      return (Long) args[0] + (Long) args[1];
    });
  }
}
