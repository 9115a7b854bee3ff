package dev.flow.runtime.store;

import static dev.flow.runtime.store.Histories.ended;
import static dev.flow.runtime.store.Histories.scheduled;
import static dev.flow.runtime.store.Histories.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.HistoryEntry.ActionCompleted;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.Recorded;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The memory store keeps the histories of instances that started and ended in one commit in shared {@link Slab}
 * chunks (small ones here, so that histories fall across many): every entry reads back equal, from every sequence; a
 * chunk is no longer held once the retention has dropped its instances; readers see whole histories while other
 * threads end instances.
 */
class SlabTest {
  /** Chunks of 64 references and 16 numbers: a history below takes 20 and 4 to 6, so three fit in a chunk at most. */
  private static final int REFS = 64;
  private static final int LONGS = 16;

  /** A history of one commit, its values depending on {@code k}: {@code Long}s, other values, entries kept as they are. */
  private static List<HistoryEntry> history(int k) {
    List<HistoryEntry> entries = new ArrayList<>();
    entries.add(started("acme.Order"));
    for (int s = 0; s < 4 + k % 3; s++) {
      entries.add(scheduled("s" + s));
      entries.add(new ActionCompleted("s" + s, Payload.of(1_000_000L * k + s), 1));
    }
    entries.add(new ActionCompleted("b", Payload.of(new BigDecimal(k + ".50")), 1));
    entries.add(new ActionCompleted("c", Payload.NONE, 1));
    entries.add(new ActionCompleted("d", Payload.of((long) k), 2));
    entries.add(ended(k % 2 == 0 ? InstanceState.COMPLETED : InstanceState.FAILED));
    return entries;
  }

  private static List<Recorded> recorded(List<HistoryEntry> entries) {
    List<Recorded> out = new ArrayList<>();
    for (HistoryEntry entry : entries) {
      out.add(new Recorded(out.size() + 1, Histories.T0, entry));
    }
    return out;
  }

  @Test
  void historiesAcrossManyChunksReadBackEqualFromEverySequence() {
    try (MemoryStore memory = new MemoryStore(Integer.MAX_VALUE, REFS, LONGS)) {
      for (int k = 0; k < 40; k++) {
        memory.append(Commit.of(Histories.T0, "Order-" + k, 0, history(k)));
      }
      for (int k = 0; k < 40; k++) {
        String id = "Order-" + k;
        List<Recorded> expected = recorded(history(k));
        assertEquals(expected, memory.read(id), id);
        for (int i = 0; i <= expected.size(); i++) {
          assertEquals(expected.subList(i, expected.size()), memory.readAfter(id, i), id + " after " + i);
          assertEquals(expected.subList(0, i), memory.readUpTo(id, i), id + " up to " + i);
        }
      }
      assertTrue(memory.chunksHeld() >= 40 / 3, "the histories are in chunks: " + memory.chunksHeld());
    }
  }

  @Test
  void entriesAfterTheEndFollowAHistoryInAChunk() {
    try (MemoryStore memory = new MemoryStore(Integer.MAX_VALUE, REFS, LONGS)) {
      memory.append(Commit.of(Histories.T0, "Order-1", 0, history(1)));
      memory.append(Commit.of(Histories.T0, "Order-2", 0, history(2)));
      HistoryEntry published = new HistoryEntry.EventPublished("emit", 4);
      int size = history(1).size();
      memory.append(Histories.commit(5, "Order-1", size, published));
      memory.append(Histories.commit(6, "Order-1", size + 1, ended(InstanceState.COMPLETED)));
      List<Recorded> expected = recorded(history(1));
      expected.add(new Recorded(size + 1, Histories.at(5), published));
      expected.add(new Recorded(size + 2, Histories.at(6), ended(InstanceState.COMPLETED)));
      for (int i = 0; i <= expected.size(); i++) {
        assertEquals(expected.subList(i, expected.size()), memory.readAfter("Order-1", i), "after " + i);
        assertEquals(expected.subList(0, i), memory.readUpTo("Order-1", i), "up to " + i);
      }
      assertEquals(recorded(history(2)), memory.read("Order-2"));
    }
  }

  @Test
  void aStoreThatEndsNothingMakesNoChunk() {
    // A chunk is 4 MB at the default sizes: a store (an engine built for one dry run, a test's) makes it only once a
    // history is written to it.
    try (MemoryStore memory = new MemoryStore(Integer.MAX_VALUE)) {
      List<HistoryEntry> open = new ArrayList<>(history(1));
      open.remove(open.size() - 1);
      memory.append(Commit.of(Histories.T0, "Order-1", 0, open));
      assertFalse(memory.slabStarted(), "an instance still running is not in the slab");
      memory.append(Commit.of(Histories.T0, "Order-2", 0, history(2)));
      assertTrue(memory.slabStarted());
      assertEquals(recorded(history(2)), memory.read("Order-2"));
    }
  }

  @Test
  void aHistoryTooLongForAChunkKeepsArraysOfItsOwn() {
    List<HistoryEntry> entries = new ArrayList<>();
    entries.add(started("acme.Order"));
    for (int s = 0; s < 40; s++) {
      entries.add(new ActionCompleted("s" + s, Payload.of(5_000L + s), 1));
    }
    entries.add(ended(InstanceState.COMPLETED));
    try (MemoryStore memory = new MemoryStore(Integer.MAX_VALUE, REFS, LONGS)) {
      memory.append(Commit.of(Histories.T0, "Order-1", 0, entries));
      memory.append(Commit.of(Histories.T0, "Order-2", 0, history(2)));
      assertEquals(recorded(entries), memory.read("Order-1"));
      assertEquals(recorded(history(2)), memory.read("Order-2"));
      assertEquals(1, memory.chunksHeld(), "only the short history is in a chunk");
    }
  }

  @Test
  void theRetentionFreesTheChunksOfTheInstancesItDrops() {
    try (MemoryStore memory = new MemoryStore(4, REFS, LONGS)) {
      for (int k = 0; k < 200; k++) {
        memory.append(Commit.of(Histories.T0, "Order-" + k, 0, history(k)));
      }
      assertEquals(List.of(), memory.read("Order-0"));
      assertEquals(List.of(), memory.read("Order-195"));
      for (int k = 196; k < 200; k++) {
        assertEquals(recorded(history(k)), memory.read("Order-" + k));
      }
      // The four kept instances' histories are in at most three chunks (one chunk holds one to three of them).
      assertTrue(memory.chunksHeld() <= 3, "chunks held: " + memory.chunksHeld());
      assertEquals(4, memory.historyCount());
    }
  }

  @Test
  void readersSeeWholeHistoriesWhileOtherThreadsEndInstances() throws InterruptedException {
    int perWriter = 3000;
    try (MemoryStore memory = new MemoryStore(Integer.MAX_VALUE, REFS, LONGS)) {
      AtomicInteger written = new AtomicInteger();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int writer = w;
        threads.add(new Thread(() -> {
          for (int i = 0; i < perWriter; i++) {
            int k = 2 * i + writer;
            memory.append(Commit.of(Histories.T0, "Order-" + k, 0, history(k)));
            written.incrementAndGet();
          }
        }));
      }
      for (int r = 0; r < 2; r++) {
        threads.add(new Thread(() -> {
          try {
            while (written.get() < 2 * perWriter) {
              int k = Math.max(0, written.get() - 1 - (int) (Math.random() * 4));
              List<Recorded> read = memory.read("Order-" + k);
              if (!read.isEmpty()) { // not written yet by the other writer
                assertEquals(recorded(history(k)), read, "Order-" + k);
              }
            }
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          }
        }));
      }
      threads.forEach(Thread::start);
      for (Thread thread : threads) {
        thread.join();
      }
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
      for (int k = 0; k < 2 * perWriter; k++) {
        assertEquals(recorded(history(k)).size(), memory.read("Order-" + k).size());
      }
    }
  }
}
