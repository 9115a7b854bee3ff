package dev.flow.runtime.store;

import static dev.flow.runtime.store.Histories.commit;
import static dev.flow.runtime.store.Histories.ended;
import static dev.flow.runtime.store.Histories.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.history.HistoryEntry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store TCK on the in-memory store, and its retention of ended instances. */
class MemoryStoreTest extends StoreContract {
  @Override
  protected Store open() {
    return new MemoryStore();
  }

  @Override
  protected Store reopen(Store store) {
    return store;
  }

  @Override
  protected Store openRetaining(int retainEnded) {
    return new MemoryStore(retainEnded);
  }

  @Test
  void aRefusedAppendLeavesNoHistoryBehind() {
    try (MemoryStore memory = new MemoryStore()) {
      for (int i = 0; i < 100; i++) {
        String id = "Nobody-" + i;
        assertThrows(AppendConflict.class, () -> memory.append(commit(1, id, 2, ended(InstanceState.COMPLETED))));
      }
      memory.append(start("Order-1"));
      assertThrows(AppendConflict.class, () -> memory.append(new Commit(Histories.at(1), List.of(
          new Commit.Append("Order-2", 0, List.of(Histories.started("acme.Order"))),
          new Commit.Append("Order-1", 5, List.of(ended(InstanceState.COMPLETED)))), java.util.Map.of())));
      assertEquals(1, memory.historyCount(), "only Order-1's");
    }
  }

  @Test
  void twoThreadsStartingAndEndingTheSameIdsInOneCommitEachKeepOneHistoryPerId() throws Exception {
    String workflow = "acme.Order";
    int ids = 5_000;
    try (MemoryStore memory = new MemoryStore()) {
      memory.append(Commit.of(Histories.T0, "Order-0", 0, List.of(Histories.started(workflow))));
      java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
      java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
      try {
        List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
        for (int t = 0; t < 2; t++) {
          int thread = t;
          runs.add(two.submit(() -> {
            for (int i = 1; i <= ids; i++) {
              // The two threads' commits of an id differ (one step more or less): the history shows whose won.
              List<HistoryEntry> entries = new java.util.ArrayList<>(List.of(Histories.started(workflow)));
              for (int s = 0; s <= thread; s++) {
                entries.add(Histories.scheduled("s" + s));
              }
              entries.add(ended(InstanceState.COMPLETED));
              try {
                memory.append(Commit.of(Histories.at(i), "Order-" + i, 0, entries));
              } catch (AppendConflict conflict) {
                assertEquals(0, conflict.expected());
                refused.incrementAndGet();
              }
            }
          }));
        }
        for (java.util.concurrent.Future<?> run : runs) {
          run.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
      } finally {
        two.shutdownNow();
      }
      assertEquals(ids, refused.get(), "one start of each id is refused");
      assertEquals(ids + 1, memory.historyCount());
      for (int i = 1; i <= ids; i++) {
        InstanceRow row = memory.instance("Order-" + i).orElseThrow();
        assertEquals(row.lastSequence(), memory.read("Order-" + i).size(), "the history is the row's");
        assertEquals(InstanceState.COMPLETED, row.state());
      }
      assertEquals(ids + 1, memory.instances(InstanceQuery.newest(2 * ids)).size());
      assertEquals(ids + 1, memory.nextNumber("Order"));
    }
  }

  @Test
  void keepsOnlyTheRetainedEndedHistoriesOfInstancesStartedAndEndedInOneCommit() {
    String workflow = "acme.Order";
    try (MemoryStore bounded = new MemoryStore(2)) {
      bounded.append(Commit.of(Histories.T0, "Order-1", 0, List.of(Histories.started(workflow))));
      for (int i = 2; i <= 5; i++) {
        bounded.append(Commit.of(Histories.at(i), "Order-" + i, 0, List.of(Histories.started(workflow),
            Histories.scheduled("a"), ended(InstanceState.COMPLETED))));
      }
      assertEquals(List.of(), bounded.read("Order-2"));
      assertEquals(Optional.empty(), bounded.instance("Order-3"));
      assertEquals(3, bounded.read("Order-4").size());
      assertEquals(3, bounded.read("Order-5").size());
      assertEquals(1, bounded.read("Order-1").size(), "an open instance is kept");
      assertEquals(3, bounded.historyCount());
      AppendConflict late = assertThrows(AppendConflict.class,
          () -> bounded.append(commit(9, "Order-2", 3, Histories.scheduled("late"))));
      assertEquals(0, late.actual(), "a dropped instance is unknown");
    }
  }

  @Test
  void keepsOnlyTheRetainedEndedHistories() {
    try (MemoryStore bounded = new MemoryStore(2)) {
      for (int i = 1; i <= 5; i++) {
        bounded.append(start("Order-" + i));
      }
      for (int i = 1; i <= 4; i++) {
        bounded.append(commit(i, "Order-" + i, 1, ended(InstanceState.COMPLETED)));
      }
      assertEquals(List.of(), bounded.read("Order-1"));
      assertEquals(Optional.empty(), bounded.instance("Order-2"));
      assertEquals(2, bounded.read("Order-3").size());
      assertEquals(2, bounded.read("Order-4").size());
      assertEquals(1, bounded.read("Order-5").size());
      assertEquals(1, bounded.openInstances().size());
      assertEquals(6, bounded.nextNumber("Order"));
    }
  }
}
