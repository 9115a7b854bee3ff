package dev.flow.runtime;

import static dev.flow.runtime.Flows.ALICE;
import static dev.flow.runtime.Flows.CLERK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.store.Commit;
import dev.flow.runtime.store.ForwardingStore;
import dev.flow.runtime.store.MemoryStore;
import dev.flow.runtime.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loop checkpoints (RUNTIME.md §6): a workflow whose state is in its fields (as generated code's
 * is, {@code loopCheckpoints()}) records the head of its loop's rounds now and then; an instance
 * read back from its store after an eviction or a restart starts the loop there instead of
 * replaying every round, and ends in the same state with the same history as one never evicted.
 */
class LoopCheckpointsTest {
  private final ManualClock clock = ManualClock.at("2026-11-24T09:00:00Z");
  private static final TaskStep<Void> WORK = TaskStep.of("work", CLERK);
  private static final ActionStep<Flows.Desk, String> FILE = ActionStep.of("file", Flows.FILE);

  /** A loop with a task per round between two steps; its state in fields, as generated code keeps it. */
  static final class Rounds implements Workflow<In, Out> {
    static final int ROUNDS = 300;
    private long round;
    private String filed;
    private String last;

    @Override
    public WorkflowDefinition<In, Out> definition() {
      return DEFINITION;
    }

    @Override
    public Out run(FlowContext ctx, In input) {
      filed = ctx.action(FILE, input.name());
      round = 0;
      ctx.loop(() -> round < ROUNDS, () -> {
        ctx.task(WORK);
        round = round + 1;
        last = filed + " " + round;
      });
      String closed = ctx.action(FILE, last);
      return new Out(closed + " after " + round);
    }
  }

  static final WorkflowDefinition<In, Out> DEFINITION = WorkflowDefinition.builder("t.Rounds", In.class, Out.class,
      Rounds::new).loopCheckpoints().build();

  private Engine.Builder builder() {
    return Engine.builder().clock(clock).connector(Flows.Desk.class, new RecordingDesk()).workflow(DEFINITION);
  }

  private static void completeAll(Engine engine, String id) {
    while (!engine.instance(id).state().isTerminal()) {
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
  void anEvictedInstanceResumesItsLoopAtTheLatestCheckpointWithTheSameOutcomeAndHistory() {
    List<HistoryEntry> kept;
    try (Engine engine = builder().build()) {
      String id = engine.start(DEFINITION, new In("a"));
      completeAll(engine, id);
      assertEquals(new Out("filed filed a 300 after 300"), engine.instance(id).output(Out.class));
      kept = entries(engine, id);
    }
    assertTrue(checkpoints(kept) >= 5, "a checkpoint about every hundred entries: " + checkpoints(kept));

    CountingStore store = new CountingStore(new MemoryStore());
    try (Engine engine = builder().store(store).cacheSize(0).keptRuns(0).build()) {
      String id = engine.start(DEFINITION, new In("a"));
      for (int round = 0; round < Rounds.ROUNDS; round++) {
        if (round == 250) {
          store.largest.set(0);
        }
        engine.inbox().complete(engine.inbox().task(id, "work").id(), ALICE);
      }
      int largestRead = store.largest.get();
      assertEquals(InstanceState.COMPLETED, engine.instance(id).state());
      assertEquals(new Out("filed filed a 300 after 300"), engine.instance(id).output(Out.class));
      assertEquals(kept, entries(engine, id), "the same history as the instance that stayed in memory");
      assertTrue(largestRead <= 2 * 100 + 10, "a resume late in the loop reads only the entries from its "
          + "checkpoint on, not the " + kept.size() + " of the whole history: " + largestRead);
    }
  }

  @Test
  void aLoopResumesAtItsCheckpointAfterARestartOnTheJournal(@TempDir Path journal) {
    String id;
    try (Engine engine = builder().journal(journal).build()) {
      id = engine.start(DEFINITION, new In("b"));
      for (int round = 0; round < 260; round++) {
        engine.inbox().complete(engine.inbox().task(id, "work").id(), ALICE);
      }
      assertTrue(checkpoints(entries(engine, id)) >= 4);
    }
    try (Engine engine = builder().journal(journal).build()) {
      completeAll(engine, id);
      assertEquals(new Out("filed filed b 300 after 300"), engine.instance(id).output(Out.class));
      List<HistoryEntry> entries = entries(engine, id);
      assertEquals(1 + 2 + 2 * 300 + 2 + 1, entries.size() - checkpoints(entries), "each round once, nothing lost or doubled");
    }
  }

  @Test
  void aCrashJustBeforeOrJustAfterACheckpointLosesNoRoundAndDoublesNone() {
    for (boolean after : new boolean[] {false, true}) {
      MemoryStore store = new MemoryStore();
      int[] checkpointCommits = {0};
      boolean[] dead = {false};
      Store dying = (Store) java.lang.reflect.Proxy.newProxyInstance(Store.class.getClassLoader(),
          new Class<?>[] {Store.class}, (proxy, method, args) -> {
            if (method.getName().startsWith("append")) {
              Commit commit = (Commit) args[0];
              boolean checkpoint = commit.appends().stream().flatMap(a -> a.entries().stream())
                  .anyMatch(HistoryEntry.LoopCheckpoint.class::isInstance);
              // Before: the commit with the third checkpoint never lands; after: the one following it does not.
              if (dead[0] || (!after && checkpoint && ++checkpointCommits[0] == 3)
                  || (after && checkpointCommits[0] == 3)) {
                dead[0] = true;
                throw new dev.flow.runtime.store.StoreException("simulated crash before " + commit, null);
              }
              if (after && checkpoint) {
                checkpointCommits[0]++;
              }
            }
            try {
              return method.invoke(store, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause();
            }
          });
      String id;
      try (Engine first = builder().store(dying).build()) {
        id = first.start(DEFINITION, new In("d"));
        while (!dead[0]) {
          try {
            first.inbox().complete(first.inbox().task(id, "work").id(), ALICE);
          } catch (RuntimeException crashed) {
            assertTrue(dead[0], "only the simulated crash stops the first engine: " + crashed);
          }
        }
      }
      try (Engine second = builder().store(store).cacheSize(0).build()) {
        second.recover();
        completeAll(second, id);
        assertEquals(new Out("filed filed d 300 after 300"), second.instance(id).output(Out.class), "after=" + after);
        List<HistoryEntry> entries = entries(second, id);
        for (int round = 1; round <= Rounds.ROUNDS; round++) {
          String step = "while[" + round + "]/work";
          assertEquals(1, entries.stream().filter(e -> e instanceof HistoryEntry.TaskCompleted c
              && c.stepId().equals(step)).count(), step + " completed once, after=" + after);
        }
      }
    }
  }

  @Test
  void aWorkflowThatDoesNotKeepItsStateInFieldsGetsNoCheckpoints() {
    AtomicInteger starts = new AtomicInteger();
    WorkflowDefinition<In, Out> flow = Flows.workflow("Locals", (ctx, in) -> {
      starts.incrementAndGet();
      int[] done = {0};
      ctx.loop(() -> done[0] < 150, () -> {
        ctx.task(WORK);
        done[0]++;
      });
      return new Out("done " + done[0]);
    }).build();
    assertFalse(flow.loopCheckpoints());
    try (Engine engine = Engine.builder().clock(clock).workflow(flow).cacheSize(0).keptRuns(0).build()) {
      String id = engine.start(flow, new In("c"));
      completeAll(engine, id);
      assertEquals(new Out("done 150"), engine.instance(id).output(Out.class));
      assertEquals(0, checkpoints(entries(engine, id)));
    }
  }

  /** A store that remembers the most entries one read returned. */
  static final class CountingStore extends ForwardingStore {
    final AtomicInteger largest = new AtomicInteger();

    CountingStore(Store store) {
      super(store);
    }

    private List<Recorded> counted(List<Recorded> read) {
      largest.accumulateAndGet(read.size(), Math::max);
      return read;
    }

    @Override
    public List<Recorded> read(String instanceId) {
      return counted(delegate.read(instanceId));
    }

    @Override
    public List<Recorded> readAfter(String instanceId, long sequence) {
      return counted(delegate.readAfter(instanceId, sequence));
    }

    @Override
    public List<Recorded> readUpTo(String instanceId, long sequence) {
      return counted(delegate.readUpTo(instanceId, sequence));
    }
  }

}
