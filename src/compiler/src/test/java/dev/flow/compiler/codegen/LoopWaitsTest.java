package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated code with a loop that has a {@code receive}, {@code signal} and {@code wait for}
 * gets loop checkpoints; an instance evicted after every step (resumed from its checkpoints) and
 * one restarted on the journal mid-loop take each kept event once and keep their signals, with
 * the same outcome and history as one that stayed in memory.
 */
class LoopWaitsTest {
  private static final int ROUNDS = 120;
  private Running run;

  @TempDir
  Path dir;

  @BeforeEach
  void compile() {
    run = Running.model("execution/loop-waits.flow");
  }

  private Engine engine(Engine.Builder builder) {
    run.modules.forEach(builder::module);
    return builder.build();
  }

  /** Starts a Watch, then publishes its readings 1 … ROUNDS (and another room's), kept while it works. */
  private String start(Engine engine, String room) {
    WorkflowDefinition<?, ?> definition = run.workflow("Watch");
    String id = engine.start(definition.name(), Values.convert(Map.of("room", room, "rounds", ROUNDS),
        definition.inputType()));
    for (int value = 1; value <= ROUNDS; value++) {
      engine.publish(run.event("Reading", Map.of("room", room, "value", (long) value)));
      engine.publish(run.event("Reading", Map.of("room", "other", "value", 1000L)));
    }
    return id;
  }

  private void complete(Engine engine, String id, int rounds) {
    for (int round = 0; round < rounds; round++) {
      engine.inbox().complete(engine.inbox().task(id, "look").id(), run.everyone, Map.of());
    }
  }

  private static List<HistoryEntry> entries(Engine engine, String id) {
    return engine.instance(id).entries().stream().map(Recorded::entry).toList();
  }

  private static Map<String, Object> expected() {
    return Map.of("total", ROUNDS * (ROUNDS + 1L) / 2, "last", (long) ROUNDS, "done", (long) ROUNDS);
  }

  @Test
  void theGeneratedWorkflowOptsInToLoopCheckpoints() {
    assertTrue(run.workflow("Watch").loopCheckpoints(), "a receive, signal or wait for no longer rules them out");
  }

  @Test
  void anEvictedInstanceEndsAsOneKeptInMemory() {
    List<HistoryEntry> kept;
    try (Engine engine = engine(Engine.builder().clock(run.clock))) {
      String id = start(engine, "r1");
      complete(engine, id, ROUNDS);
      assertEquals(expected(), Running.fields(engine.instance(id).output().orElseThrow()));
      kept = entries(engine, id);
    }
    assertTrue(kept.stream().filter(HistoryEntry.LoopCheckpoint.class::isInstance).count() >= 3);
    try (Engine engine = engine(Engine.builder().clock(run.clock).cacheSize(0).keptRuns(0))) {
      String id = start(engine, "r1");
      complete(engine, id, ROUNDS);
      assertEquals(InstanceState.COMPLETED, engine.instance(id).state());
      assertEquals(expected(), Running.fields(engine.instance(id).output().orElseThrow()));
      assertEquals(kept, entries(engine, id), "the same history as the instance that stayed in memory");
    }
  }

  @Test
  void aRestartMidLoopOnTheJournalTakesEachEventOnce() {
    Path journal = dir.resolve("journal");
    String id;
    try (Engine first = engine(Engine.builder().clock(run.clock).journal(journal))) {
      id = start(first, "r2");
      complete(first, id, 90);
    }
    try (Engine second = engine(Engine.builder().clock(run.clock).journal(journal))) {
      second.recover();
      complete(second, id, ROUNDS - 90);
      assertEquals(expected(), Running.fields(second.instance(id).output().orElseThrow()));
      List<Long> taken = entries(second, id).stream().filter(HistoryEntry.EventReceived.class::isInstance)
          .map(e -> ((HistoryEntry.EventReceived) e).sequence()).toList();
      assertEquals(ROUNDS, taken.stream().collect(Collectors.toSet()).size(), "each kept event taken once");
    }
  }
}
