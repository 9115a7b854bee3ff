package dev.flow.runtime;

import static dev.flow.runtime.Flows.ALICE;
import static dev.flow.runtime.Flows.CLERK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.store.MemoryStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loop checkpoints for hand-written workflows (the Java API): a lambda workflow keeps its loop's
 * state in a value ({@code ctx.loop(initial, condition, round)}), which the checkpoints hold, so
 * an evicted instance resumes at a later round with the same outcome and history as one kept in
 * memory, also after a restart on the journal (the state read back through the codec).
 */
class StatefulLoopTest {
  private final ManualClock clock = ManualClock.at("2026-11-24T09:00:00Z");
  private static final TaskStep<Void> WORK = TaskStep.of("work", CLERK);
  private static final ActionStep<Flows.Desk, String> FILE = ActionStep.of("file", Flows.FILE);
  private static final int ROUNDS = 300;

  /** The loop's state: the rounds done and the last thing filed. */
  record Tally(long done, String last) {}

  static final WorkflowDefinition<In, Out> TALLY = Flows.workflow("Tally", (ctx, in) -> {
    String filed = ctx.action(FILE, in.name());
    Tally end = ctx.loop(new Tally(0, filed), t -> t.done() < ROUNDS, t -> {
      ctx.task(WORK);
      return new Tally(t.done() + 1, filed + " " + (t.done() + 1));
    });
    return new Out(end.last() + " after " + end.done());
  }).loopCheckpoints().build();

  private Engine.Builder builder() {
    return Engine.builder().clock(clock).connector(Flows.Desk.class, new RecordingDesk()).workflow(TALLY);
  }

  private static void complete(Engine engine, String id, int rounds) {
    for (int i = 0; i < rounds; i++) {
      engine.inbox().complete(engine.inbox().task(id, "work").id(), ALICE);
    }
  }

  private static List<HistoryEntry> entries(Engine engine, String id) {
    return engine.instance(id).entries().stream().map(Recorded::entry).toList();
  }

  private static long checkpoints(List<HistoryEntry> entries) {
    return entries.stream().filter(HistoryEntry.LoopCheckpoint.class::isInstance).count();
  }

  @Test
  void anEvictedLambdaWorkflowResumesAtItsCheckpointWithTheSameOutcomeAndHistory() {
    List<HistoryEntry> kept;
    try (Engine engine = builder().build()) {
      String id = engine.start(TALLY, new In("a"));
      complete(engine, id, ROUNDS);
      assertEquals(new Out("filed a 300 after 300"), engine.instance(id).output(Out.class));
      kept = entries(engine, id);
    }
    assertTrue(checkpoints(kept) >= 5, "a checkpoint about every hundred entries: " + checkpoints(kept));
    LoopCheckpointsTest.CountingStore store = new LoopCheckpointsTest.CountingStore(new MemoryStore());
    try (Engine engine = builder().store(store).cacheSize(0).keptRuns(0).build()) {
      String id = engine.start(TALLY, new In("a"));
      complete(engine, id, 250);
      store.largest.set(0);
      complete(engine, id, ROUNDS - 250);
      int largestRead = store.largest.get();
      assertEquals(new Out("filed a 300 after 300"), engine.instance(id).output(Out.class));
      assertEquals(kept, entries(engine, id), "the same history as the instance that stayed in memory");
      assertTrue(largestRead <= 2 * 100 + 10, "a resume late in the loop reads from its checkpoint on: " + largestRead);
    }
  }

  @Test
  void itsStateIsReadBackAfterARestartOnTheJournal(@TempDir Path journal) {
    String id;
    try (Engine engine = builder().journal(journal).build()) {
      id = engine.start(TALLY, new In("b"));
      complete(engine, id, 260);
      assertTrue(checkpoints(entries(engine, id)) >= 4);
    }
    try (Engine engine = builder().journal(journal).build()) {
      engine.recover();
      complete(engine, id, ROUNDS - 260);
      assertEquals(new Out("filed b 300 after 300"), engine.instance(id).output(Out.class));
      List<HistoryEntry> entries = entries(engine, id);
      assertEquals(1 + 2 + 2 * ROUNDS + 1, entries.size() - checkpoints(entries), "each round once, nothing lost or doubled");
    }
  }
}
