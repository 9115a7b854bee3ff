package dev.flow.runtime.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Engine;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.ManualClock;
import dev.flow.runtime.ReceiveStep;
import dev.flow.runtime.TaskStep;
import dev.flow.runtime.Workflow;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.store.Commit;
import dev.flow.runtime.store.ForwardingStore;
import dev.flow.runtime.store.InstanceQuery;
import dev.flow.runtime.store.JournalOptions;
import dev.flow.runtime.store.JournalStore;
import dev.flow.runtime.store.MemoryStore;
import dev.flow.runtime.store.Store;
import dev.flow.runtime.store.StoreException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash windows of {@code emit}, each hit deterministically: a store that refuses every write
 * from a chosen one on (the process died just before it), then a second engine on the same store
 * recovers. An emitted event is published once: kept once, each workflow it starts started once,
 * each waiting receive woken once, also when the process died after publishing it and before
 * recording that it did, and also when the emitting instance ended right after its emit.
 */
class EmitCrashTest {
  /** The store the first three cases run on (the memory store here; the JDBC store in {@code JdbcEmitCrashTest}). */
  protected Store newStore() {
    return new MemoryStore();
  }

  /**
   * The store as the next process finds it, after the first engine died: the same memory store
   * here; a durable store opened again (its queued writes done or lost, as a crash leaves them).
   */
  protected Store restarted(Store store) {
    return store;
  }

  /**
   * A durable store in {@code dir}, opened again on what an earlier one wrote there: the journal
   * here (written without fsync: the test kills no machine).
   */
  protected Store openDurable(Path dir) {
    return JournalStore.open(dir, JournalOptions.defaults().withFsync(false));
  }

  private final ManualClock clock = ManualClock.at("2026-11-24T09:00:00Z");
  private static final String CLERK = "emit.Clerk";

  record In(String name) {}

  record Out(String result) {}

  record Shipped(String order) {}

  /** Emits, then waits for a person (stays open). */
  private static final WorkflowDefinition<In, Out> SHIPPER = WorkflowDefinition.builder("emit.Shipper", In.class,
      Out.class, () -> new Flow<>((ctx, in) -> {
        ctx.emit(new Shipped(in.name()));
        ctx.task(TaskStep.of("file", CLERK));
        return new Out("shipped " + in.name());
      })).build();

  /** Emits as its last step: it ends in the same run. */
  private static final WorkflowDefinition<In, Out> LAST = WorkflowDefinition.builder("emit.Last", In.class, Out.class,
      () -> new Flow<>((ctx, in) -> {
        ctx.emit(new Shipped(in.name()));
        return new Out("told " + in.name());
      })).build();

  /** Started by every {@code Shipped}. */
  private static final WorkflowDefinition<In, Out> NOTICE = WorkflowDefinition.builder("emit.Notice", In.class,
      Out.class, () -> new Flow<>((ctx, in) -> {
        ctx.task(TaskStep.of("read", CLERK));
        return new Out("read " + in.name());
      })).startsOn(Shipped.class, e -> new In(e.order())).build();

  /** Waits for a {@code Shipped} of its order. */
  private static final WorkflowDefinition<In, Out> TRACK = WorkflowDefinition.builder("emit.Track", In.class,
      Out.class, () -> new Flow<>((ctx, in) -> {
        Shipped shipped = ctx.receive(ReceiveStep.of("shipped", Shipped.class),
            e -> e.order().equals(in.name()));
        return new Out("tracked " + shipped.order());
      })).build();

  private Engine engine(Store store) {
    return Engine.builder().clock(clock).store(store).workflow(SHIPPER).workflow(LAST).workflow(NOTICE).workflow(TRACK)
        .build();
  }

  @Test
  void aCrashAfterPublishingBeforeRecordingItPublishesOnce() {
    Store store = newStore();
    String shipper;
    String track;
    try (Engine first = engine(new Dying(store, commit -> has(commit, HistoryEntry.EventPublished.class), false))) {
      track = first.start(TRACK, new In("A-1"));
      assertThrows(StoreException.class, () -> first.start(SHIPPER, new In("A-1")),
          "the process dies after the event is kept, Notice started and Track woken, before EventPublished");
      shipper = "Shipper-1";
    }
    store = restarted(store);
    assertEquals(1, notices(store), "the first run started its Notice");
    assertEquals(List.of(), store.unpublishedEmitters().stream().filter(id -> !id.equals(shipper)).toList());
    try (Engine second = engine(store)) {
      second.recover();
      assertPublishedOnce(store, shipper);
      assertEquals(InstanceState.COMPLETED, second.instance(track).state(), second.instance(track).entries().toString());
      assertEquals(new Out("tracked A-1"), second.instance(track).output(Out.class));
      assertEquals(1, count(store, track, HistoryEntry.EventReceived.class));
    }
  }

  @Test
  void aCrashBeforeTheStartedWorkflowIsCommittedStartsItOnceAfterTheRestart() {
    Store store = newStore();
    try (Engine first = engine(new Dying(store, commit -> commit.appends().stream()
        .anyMatch(a -> a.instanceId().startsWith("Notice-")), false))) {
      assertThrows(StoreException.class, () -> first.start(SHIPPER, new In("B-1")),
          "the process dies after the event is kept, before its Notice's start is committed");
    }
    store = restarted(store);
    assertEquals(0, notices(store));
    assertEquals(1, store.events(Shipped.class.getName(), List.of(), 0, 100).size());
    try (Engine second = engine(store)) {
      second.recover();
      assertPublishedOnce(store, "Shipper-1");
    }
  }

  @Test
  void anInstanceThatEndedRightAfterItsEmitHasItPublishedAfterTheRestart() {
    Store store = newStore();
    String track;
    try (Engine first = engine(new Dying(store, commit -> false, true))) {
      track = first.start(TRACK, new In("C-1"));
      assertThrows(StoreException.class, () -> first.start(LAST, new In("C-1")),
          "the process dies after the instance ended, before its emitted event is kept");
    }
    store = restarted(store);
    assertEquals(InstanceState.COMPLETED, store.instance("Last-1").orElseThrow().state(), "it ended before the crash");
    assertEquals(0, store.events(Shipped.class.getName(), List.of(), 0, 100).size(), "nothing was published");
    assertEquals(List.of("Last-1"), store.unpublishedEmitters(), "the store's outbox of emits names the ended instance");
    try (Engine second = engine(store)) {
      second.recover();
      assertPublishedOnce(store, "Last-1");
      assertEquals(new Out("tracked C-1"), second.instance(track).output(Out.class));
      assertEquals(List.of(), store.unpublishedEmitters());
    }
    try (Engine third = engine(store)) {
      third.recover();
      assertPublishedOnce(store, "Last-1");
    }
  }

  @Test
  void theEmitsOriginAndTheOutboxAreKeptAcrossARestart(@TempDir Path dir) {
    String track;
    try (Store journal = openDurable(dir);
        Engine first = engine(new Dying(journal, commit -> has(commit, HistoryEntry.EventPublished.class), false))) {
      track = first.start(TRACK, new In("D-1"));
      assertThrows(StoreException.class, () -> first.start(SHIPPER, new In("D-1")));
    }
    try (Store journal = openDurable(dir)) {
      assertEquals(List.of("Shipper-1"), journal.unpublishedEmitters(), "read back from the store on open");
      try (Engine second = engine(journal)) {
        second.recover();
        assertPublishedOnce(journal, "Shipper-1");
        assertEquals(new Out("tracked D-1"), second.instance(track).output(Out.class));
      }
    }
    try (Store journal = openDurable(dir); Engine third = engine(journal)) {
      third.recover();
      assertPublishedOnce(journal, "Shipper-1");
    }
  }

  /** One event kept, one Notice started, one EventPublished, nothing owed, no fact left behind. */
  private static void assertPublishedOnce(Store store, String emitter) {
    assertEquals(1, store.events(Shipped.class.getName(), List.of(), 0, 100).size(), "the event is kept once");
    assertEquals(1, notices(store), "the emit starts one Notice");
    assertEquals(1, count(store, emitter, HistoryEntry.EventPublished.class), "recorded as published once");
    assertTrue(!store.unpublishedEmitters().contains(emitter));
    String stepId = store.read(emitter).stream().filter(r -> r.entry() instanceof HistoryEntry.EventEmitted)
        .findFirst().orElseThrow().entry().stepId();
    assertEquals(java.util.Optional.empty(), store.fact("emitted:" + emitter + "/" + stepId + ":emit.Notice#1"),
        "the fact naming the started Notice is cleared with EventPublished");
  }

  private static int notices(Store store) {
    return store.instances(new InstanceQuery("emit.Notice", null, 0, 100)).size();
  }

  private static long count(Store store, String instanceId, Class<? extends HistoryEntry> type) {
    return store.read(instanceId).stream().map(Recorded::entry).filter(type::isInstance).count();
  }

  private static boolean has(Commit commit, Class<? extends HistoryEntry> type) {
    return commit.appends().stream().flatMap(a -> a.entries().stream()).anyMatch(type::isInstance);
  }

  /**
   * A store that refuses every write from the first commit {@code dies} picks on (or, with
   * {@code atPublish}, from the first event kept on): the process is gone.
   */
  private static final class Dying extends ForwardingStore {
    private final Predicate<Commit> dies;
    private final boolean atPublish;
    private volatile boolean dead;

    Dying(Store delegate, Predicate<Commit> dies, boolean atPublish) {
      super(delegate);
      this.dies = dies;
      this.atPublish = atPublish;
    }

    private void check(Commit commit) {
      if (dead || (commit != null && dies.test(commit))) {
        dead = true;
        throw new StoreException("simulated crash before this write: " + commit, null);
      }
    }

    @Override
    public void append(Commit commit) {
      check(commit);
      super.append(commit);
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> appendAsync(Commit commit) {
      check(commit);
      return super.appendAsync(commit);
    }

    @Override
    public long publish(String eventType, List<List<String>> keys, Instant at, Object event, String origin) {
      dead |= atPublish;
      check(null);
      return super.publish(eventType, keys, at, event, origin);
    }

    @Override
    public void close() {
      // the test closes the store it wraps
    }
  }

  /** A hand-written workflow: its run is a function. */
  private record Flow<I, O>(java.util.function.BiFunction<dev.flow.runtime.FlowContext, I, O> body)
      implements Workflow<I, O> {
    @Override
    public WorkflowDefinition<I, O> definition() {
      throw new UnsupportedOperationException();
    }

    @Override
    public O run(dev.flow.runtime.FlowContext ctx, I input) {
      return body.apply(ctx, input);
    }
  }
}
