package dev.flow.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How much heap an instance waiting on one task costs in the indexes, as the journal keeps it
 * (its row, its task in the role and instance indexes, the position of its one record). Measured
 * and logged, not asserted: the figure depends on the JVM and its collector.
 */
class IndexesMemoryTest {
  private static final int INSTANCES = 100_000;
  private static final int JOURNAL_INSTANCES = 50_000;

  @Test
  void anInstanceWaitingOnOneTaskIsSmall() {
    long before = usedAfterGc();
    Indexes indexes = new Indexes();
    for (int i = 1; i <= INSTANCES; i++) {
      String id = "Order-" + i;
      indexes.apply(Commit.of(Histories.at(i), id, 0, List.of(
          new HistoryEntry.InstanceStarted("acme.orders.Order", 1, Payload.of(Histories.order(id)), null, null),
          new HistoryEntry.TaskCreated("review", "review", "task", "acme.orders.Clerk", null, null))));
      indexes.attach(id, Positions.of(((long) 1 << 40) | (16L + 200L * i)));
    }
    long after = usedAfterGc();
    assertEquals(INSTANCES, indexes.tasksForRole("acme.orders.Clerk").size());
    System.out.printf("memory: %d instances waiting on one task take %d bytes of heap in the indexes, %d bytes each%n",
        INSTANCES, after - before, (after - before) / INSTANCES);
  }

  @Test
  void aJournalWithInstancesWaitingOnOneTaskIsSmallInMemory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    long before = usedAfterGc();
    try (JournalStore store = JournalStore.open(dir, JournalOptions.defaults().withFsync(false))) {
      java.util.List<java.util.concurrent.CompletableFuture<Void>> pending = new java.util.ArrayList<>();
      for (int i = 1; i <= JOURNAL_INSTANCES; i++) {
        String id = "Order-" + i;
        pending.add(store.appendAsync(Commit.of(Histories.at(i), id, 0, List.of(
            new HistoryEntry.InstanceStarted("acme.orders.Order", 1, Payload.of(Histories.order(id)), null, null),
            new HistoryEntry.TaskCreated("review", "review", "task", "acme.orders.Clerk", null, null)))));
        if (pending.size() >= 1024) {
          pending.forEach(java.util.concurrent.CompletableFuture::join);
          pending.clear();
        }
      }
      pending.forEach(java.util.concurrent.CompletableFuture::join);
      long after = usedAfterGc();
      assertEquals(JOURNAL_INSTANCES, store.tasksForRole("acme.orders.Clerk").size());
      System.out.printf("memory: a journal with %d instances waiting on one task takes %d bytes of heap, %d bytes each"
          + " (%d bytes on disk)%n", JOURNAL_INSTANCES, after - before, (after - before) / JOURNAL_INSTANCES,
          store.sizeOnDisk());
    }
  }

  private static long usedAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }
}
