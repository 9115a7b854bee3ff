package dev.flow.runtime;

import static dev.flow.runtime.Flows.ALICE;
import static dev.flow.runtime.Flows.CLERK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Flows.Out;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.store.InstanceQuery;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continue-as-new in the engine ({@code FlowContext.continueAsNew}): a long-lived workflow ends
 * its history now and then and starts over as a new instance carrying its state in the input,
 * so no history grows without end; the chain ends as one long instance would, also across a
 * restart on the journal, and a keyed instance hands its key to the next one.
 */
class ContinueAsNewTest {
  private final ManualClock clock = ManualClock.at("2026-11-24T09:00:00Z");
  private static final TaskStep<Void> WORK = TaskStep.of("work", CLERK);
  private static final int TOTAL = 200;
  private static final int PER_RUN = 50;

  /** The state a Counter carries from one instance of the chain to the next. */
  record Count(String name, long done, int generation) {}

  /** A person's step a round; every PER_RUN rounds it continues as new with what it counted. */
  static final WorkflowDefinition<Count, Out> COUNTER = WorkflowDefinition.builder("t.Counter", Count.class, Out.class,
      () -> new Flow<>((ctx, in) -> {
        long[] done = {in.done()};
        int[] rounds = {0};
        ctx.loop(() -> done[0] < TOTAL, () -> {
          ctx.task(WORK);
          done[0]++;
          rounds[0]++;
          if (rounds[0] == PER_RUN && done[0] < TOTAL) {
            throw ctx.continueAsNew(new Count(in.name(), done[0], in.generation() + 1));
          }
        });
        return new Out(in.name() + " " + done[0] + " in generation " + in.generation());
      })).build();

  private static void completeAll(Engine engine, int tasks) {
    for (int i = 0; i < tasks; i++) {
      engine.inbox().complete(engine.inbox().forRole(CLERK).get(0).id(), ALICE);
    }
  }

  private static List<HistoryEntry> entries(Engine engine, String id) {
    return engine.instance(id).entries().stream().map(Recorded::entry).toList();
  }

  /** Follows the chain from its first instance: every id, oldest first. */
  private static List<String> chain(Engine engine, String first) {
    List<String> ids = new java.util.ArrayList<>(List.of(first));
    while (true) {
      WorkflowInstance at = engine.instance(ids.get(ids.size() - 1));
      HistoryEntry last = at.entries().get(at.entries().size() - 1).entry();
      if (!(last instanceof HistoryEntry.InstanceEnded ended) || ended.message() == null
          || !ended.message().startsWith("continued as new as ")) {
        return ids;
      }
      ids.add(ended.message().substring("continued as new as ".length()));
    }
  }

  @Test
  void aLongLivedWorkflowContinuesAsNewAndEndsAsOneLongInstanceWould() {
    try (Engine engine = Engine.builder().clock(clock).workflow(COUNTER).build()) {
      String first = engine.start(COUNTER, new Count("c", 0, 1));
      completeAll(engine, TOTAL);
      List<String> chain = chain(engine, first);
      assertEquals(4, chain.size(), "200 rounds, 50 per instance: " + chain);
      String last = chain.get(3);
      assertEquals(InstanceState.COMPLETED, engine.instance(last).state());
      assertEquals(new Out("c 200 in generation 4"), engine.instance(last).output(Out.class));
      for (int i = 0; i < chain.size(); i++) {
        List<HistoryEntry> entries = entries(engine, chain.get(i));
        assertTrue(entries.size() <= 2 * PER_RUN + 3, "each history holds one instance's rounds only: " + entries.size());
        HistoryEntry.InstanceStarted started = (HistoryEntry.InstanceStarted) entries.get(0);
        assertEquals(i == 0 ? null : chain.get(i - 1), started.parentId(), "the new one names the one it continues");
        assertEquals(InstanceState.COMPLETED, engine.instance(chain.get(i)).state());
      }
      assertEquals(List.of(), engine.inbox().open(), "nothing left open");
    }
  }

  @Test
  void theChainGoesOnAfterARestartOnTheJournal(@TempDir Path journal) {
    String first;
    try (Engine engine = Engine.builder().clock(clock).journal(journal).workflow(COUNTER).build()) {
      first = engine.start(COUNTER, new Count("j", 0, 1));
      completeAll(engine, 120);
    }
    try (Engine engine = Engine.builder().clock(clock).journal(journal).workflow(COUNTER).build()) {
      engine.recover();
      completeAll(engine, TOTAL - 120);
      List<String> chain = chain(engine, first);
      assertEquals(new Out("j 200 in generation 4"), engine.instance(chain.get(chain.size() - 1)).output(Out.class));
      long completed = chain.stream().mapToLong(id -> entries(engine, id).stream()
          .filter(HistoryEntry.TaskCompleted.class::isInstance).count()).sum();
      assertEquals(TOTAL, completed, "each round's step completed once across the chain and the restart");
      assertEquals(4, engine.instances(new InstanceQuery("t.Counter", null, 0, 100)).size());
    }
  }

  @Test
  void aCrashRightAfterContinuingLeavesTheNewInstanceToRecovery() {
    dev.flow.runtime.store.MemoryStore store = new dev.flow.runtime.store.MemoryStore();
    boolean[] dead = {false};
    dev.flow.runtime.store.Store dying = new dev.flow.runtime.store.ForwardingStore(store) {
      @Override
      public java.util.concurrent.CompletableFuture<Void> appendAsync(dev.flow.runtime.store.Commit commit) {
        // The process dies at the new instance's first run: its start is committed, its task not.
        if (dead[0] || commit.appends().stream().anyMatch(a -> a.instanceId().equals("Counter-2")
            && a.expectedSequence() > 0)) {
          dead[0] = true;
          throw new dev.flow.runtime.store.StoreException("simulated crash before " + commit, null);
        }
        return super.appendAsync(commit);
      }

      @Override
      public void append(dev.flow.runtime.store.Commit commit) {
        appendAsync(commit).join();
      }

      @Override
      public void close() {
        // the test holds the store it wraps
      }
    };
    String first;
    try (Engine engine = Engine.builder().clock(clock).store(dying).workflow(COUNTER).build()) {
      first = engine.start(COUNTER, new Count("k", 0, 1));
      completeAll(engine, PER_RUN - 1);
      String task = engine.inbox().forRole(CLERK).get(0).id();
      org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> engine.inbox().complete(task, ALICE));
    }
    assertEquals(InstanceState.COMPLETED, store.instance(first).orElseThrow().state(), "the continue is one commit");
    assertEquals(InstanceState.RUNNING, store.instance("Counter-2").orElseThrow().state());
    try (Engine engine = Engine.builder().clock(clock).store(store).workflow(COUNTER).build()) {
      engine.recover();
      completeAll(engine, TOTAL - PER_RUN);
      List<String> chain = chain(engine, first);
      assertEquals(new Out("k 200 in generation 4"), engine.instance(chain.get(chain.size() - 1)).output(Out.class));
      assertEquals(4, engine.instances(new InstanceQuery("t.Counter", null, 0, 100)).size(), "no instance lost or doubled");
    }
  }

  record Reading(String room, int value) {}

  record Watch(Reading reading, long seen) {}

  /** Keyed by room: takes its room's readings; every 3 it continues as new with the count. */
  static final WorkflowDefinition<Watch, Out> ROOM = WorkflowDefinition.builder("t.Room", Watch.class, Out.class,
      () -> new Flow<>((ctx, in) -> {
        long[] seen = {in.seen()};
        int[] rounds = {0};
        ctx.loop(() -> true, () -> {
          ctx.receive(ReceiveStep.of("next", Reading.class), e -> e.room().equals(in.reading().room()));
          seen[0]++;
          rounds[0]++;
          if (rounds[0] == 3) {
            throw ctx.continueAsNew(new Watch(in.reading(), seen[0]));
          }
        });
        return new Out("never");
      })).startsOn(Reading.class, r -> new Watch(r, 1), Reading::room).build();

  @Test
  void aKeyedInstanceHandsItsKeyToTheNextOne() {
    try (Engine engine = Engine.builder().clock(clock).workflow(ROOM).build()) {
      for (int i = 0; i < 8; i++) {
        engine.publish(new Reading("kitchen", i));
      }
      List<WorkflowInstance> rooms = engine.instances(new InstanceQuery("t.Room", null, 0, 100));
      // 1 reading starts the first (seen 1), 3 more end it, 3 the next, the 8th goes to the third: 3 instances, not 8.
      assertEquals(3, rooms.size(), "the key's readings go to the chain, none starts another: " + rooms.stream()
          .map(r -> r.id() + r.entries().stream().map(e -> e.entry().getClass().getSimpleName() + " "
              + (e.entry() instanceof HistoryEntry.InstanceEnded x ? x.message() : "")).toList()).toList());
      assertEquals(1, rooms.stream().filter(r -> !r.state().isTerminal()).count(), "one holds the key");
    }
  }

  /** A hand-written workflow: its run is a function. */
  private record Flow<I, O>(java.util.function.BiFunction<FlowContext, I, O> body) implements Workflow<I, O> {
    @Override
    public WorkflowDefinition<I, O> definition() {
      throw new UnsupportedOperationException();
    }

    @Override
    public O run(FlowContext ctx, I input) {
      return body.apply(ctx, input);
    }
  }
}
