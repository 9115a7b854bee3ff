package dev.flow.runtime;

import static dev.flow.runtime.ContinueAsNewCallTest.CALLER;
import static dev.flow.runtime.ContinueAsNewCallTest.COUNTER;
import static dev.flow.runtime.Flows.ALICE;
import static dev.flow.runtime.Flows.CLERK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.ContinueAsNewCallTest.Ask;
import dev.flow.runtime.Flows.Out;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.store.JournalOptions;
import dev.flow.runtime.store.JournalStore;
import dev.flow.runtime.store.MemoryStore;
import dev.flow.runtime.store.Retention;
import dev.flow.runtime.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The continue-as-new chain facts go with the retention: a dropped instance of a chain is unknown
 * to {@code current}, as any dropped instance is; every instance still kept finds the chain's
 * current one while that runs; once the whole chain is dropped no fact of it is left (the Counter
 * of {@link ContinueAsNewCallTest}: 12 rounds, a continue every 4, so three instances).
 */
class ContinueAsNewRetentionTest {
  private static Engine engine(Store store, Retention retention, Map<String, InstanceState> states) {
    return Engine.builder().clock(ManualClock.at("2026-11-24T09:00:00Z")).store(store).retention(retention)
        .listener(new EngineListener() {
          @Override
          public void onStateChange(String instanceId, InstanceState state) {
            states.put(instanceId, state);
          }
        }).workflow(COUNTER).workflow(CALLER).build();
  }

  private static void complete(Engine engine, int tasks) {
    for (int i = 0; i < tasks; i++) {
      engine.inbox().complete(engine.inbox().forRole(CLERK).get(0).id(), ALICE);
    }
  }

  private static String childOf(Engine engine, String caller) {
    return engine.instance(caller).entries().stream().map(Recorded::entry)
        .filter(HistoryEntry.ChildStarted.class::isInstance)
        .map(e -> ((HistoryEntry.ChildStarted) e).childId()).findFirst().orElseThrow();
  }

  private static void assertUnknown(Engine engine, String id) {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> engine.current(id),
        id + " was dropped: unknown, as any dropped instance");
    assertTrue(unknown.getMessage().contains(id), unknown.getMessage());
  }

  private static void assertNoChainFacts(Store store, String... ids) {
    for (String id : ids) {
      assertEquals(Optional.empty(), store.fact("chain:" + id), "chain:" + id);
      assertEquals(Optional.empty(), store.fact("chained:" + id), "chained:" + id);
    }
  }

  @Test
  void keptInstancesFindTheRunningCurrentOneAndDroppedOnesAreUnknown() {
    Map<String, InstanceState> states = new ConcurrentHashMap<>();
    try (MemoryStore store = new MemoryStore(); Engine engine = engine(store, Retention.count(1), states)) {
      String caller = engine.start(CALLER, new Ask("r"));
      String first = childOf(engine, caller);
      complete(engine, 4);
      String middle = engine.current(first);
      assertEquals(InstanceState.WAITING, engine.state(middle), "one ended instance is kept: the first finds the chain");
      complete(engine, 4);
      String last = engine.current(middle);
      assertEquals(InstanceState.WAITING, engine.state(last));
      assertUnknown(engine, first);
      assertEquals(last, engine.current(last));
      assertEquals(Optional.empty(), store.fact("chained:" + first), "the dropped first one's fact went with it");
      assertEquals(Optional.of(last), store.fact("chain:" + first), "the chain stays findable while its current one runs");
      complete(engine, 4);
      assertEquals(InstanceState.COMPLETED, states.get(caller));
      assertEquals(new Out("got r counted 12"), engine.instance(caller).output(Out.class), "the kept one: the caller");
      assertUnknown(engine, middle);
      assertUnknown(engine, last);
      assertNoChainFacts(store, first, middle, last);
    }
  }

  @Test
  void aChainWhoseEndedInstancesAreDroppedAtOnceStillAnswersItsCaller() {
    Map<String, InstanceState> states = new ConcurrentHashMap<>();
    try (MemoryStore store = new MemoryStore(); Engine engine = engine(store, Retention.count(0), states)) {
      String caller = engine.start(CALLER, new Ask("z"));
      String first = childOf(engine, caller);
      complete(engine, 4);
      assertUnknown(engine, first);
      String middle = store.fact("chain:" + first).orElseThrow();
      assertEquals(middle, engine.current(middle));
      complete(engine, 8);
      assertEquals(InstanceState.COMPLETED, states.get(caller), "the last instance's end answered the call");
      assertEquals(List.of(), store.openInstances());
      assertEquals(InstanceState.COMPLETED, states.get(middle));
      assertNoChainFacts(store, first, middle);
    }
  }

  @Test
  void theFactsGoWithTheRetentionAcrossJournalRestartsAndCompactions(@TempDir Path dir) {
    Path journal = dir.resolve("journal");
    JournalOptions options = JournalOptions.defaults().withFsync(false).withRetainEnded(1);
    Map<String, InstanceState> states = new ConcurrentHashMap<>();
    String caller;
    String first;
    String middle;
    try (JournalStore store = JournalStore.open(journal, options); Engine engine = engine(store, Retention.count(1), states)) {
      caller = engine.start(CALLER, new Ask("j"));
      first = childOf(engine, caller);
      complete(engine, 6);
      middle = engine.current(first);
    }
    String last;
    try (JournalStore store = JournalStore.open(journal, options); Engine engine = engine(store, Retention.count(1), states)) {
      engine.recover();
      assertEquals(middle, engine.current(first), "the kept first instance finds the chain after a restart");
      complete(engine, 2);
      last = engine.current(middle);
      assertUnknown(engine, first);
      store.compact();
    }
    try (JournalStore store = JournalStore.open(journal, options); Engine engine = engine(store, Retention.count(1), states)) {
      engine.recover();
      assertEquals(last, engine.current(middle), "after a compaction and a restart, the kept middle one finds the last");
      assertUnknown(engine, first);
      assertEquals(Optional.empty(), store.fact("chained:" + first));
      assertEquals(Optional.of(last), store.fact("chain:" + first));
      complete(engine, 4);
      assertEquals(new Out("got j counted 12"), engine.instance(caller).output(Out.class));
      store.compact();
    }
    try (JournalStore store = JournalStore.open(journal, options)) {
      assertNoChainFacts(store, first, middle, last);
      assertEquals(Optional.empty(), store.instance(last));
    }
  }
}
