package dev.flow.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.history.HistoryEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the indexes keep of an instance and read back: its state without a row ({@link Indexes#stateOf}), its start and
 * end times (kept as numbers, the end only where it is not the start), and the records of many instances started and
 * ended by several threads at once.
 */
class IndexesInstanceRecordTest {
  private static final String WORKFLOW = "acme.Order";

  @Test
  void stateOfIsTheRowsStateAndNullForAnUnknownInstance() throws Exception {
    Indexes indexes = new Indexes();
    assertNull(indexes.stateOf("Order-1"));
    indexes.apply(Histories.start("Order-1", Histories.scheduled("a")));
    assertEquals(InstanceState.RUNNING, indexes.stateOf("Order-1"));
    indexes.apply(Histories.commit(5, "Order-1", 2, Histories.ended(InstanceState.FAILED)));
    assertEquals(InstanceState.FAILED, indexes.stateOf("Order-1"));
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      synchronized (indexes) {
        // An ended instance's state is read without the lock (a commit being applied holds it).
        assertEquals(InstanceState.FAILED, other.submit(() -> indexes.stateOf("Order-1")).get(10, TimeUnit.SECONDS));
      }
    } finally {
      other.shutdownNow();
    }
    MemoryStore memory = new MemoryStore();
    memory.append(Histories.start("Order-2", Histories.ended(InstanceState.CANCELLED)));
    assertEquals(InstanceState.CANCELLED, memory.stateOf("Order-2"));
    assertNull(memory.stateOf("Order-3"));
  }

  @Test
  void anInstanceEndedByItsStartCommitEndsWhenItStarted() {
    Instant start = Histories.T0.plusNanos(123_456_789);
    Indexes indexes = new Indexes();
    indexes.apply(Commit.of(start, "Order-1", 0, List.of(Histories.started(WORKFLOW), Histories.scheduled("a"),
        Histories.ended(InstanceState.COMPLETED))));
    InstanceRow row = indexes.instance("Order-1").orElseThrow();
    assertEquals(start, row.started());
    assertEquals(start, row.ended());
    assertEquals(InstanceState.COMPLETED, row.state());
  }

  @Test
  void anInstanceEndedByALaterCommitKeepsThatCommitsTime() {
    Indexes indexes = new Indexes();
    indexes.apply(Histories.start("Order-1", Histories.scheduled("a")));
    assertNull(indexes.instance("Order-1").orElseThrow().ended());
    Instant end = Histories.at(5).plusNanos(7);
    indexes.apply(Commit.of(end, "Order-1", 2, List.of(Histories.ended(InstanceState.COMPLETED))));
    InstanceRow row = indexes.instance("Order-1").orElseThrow();
    assertEquals(Histories.T0, row.started());
    assertEquals(end, row.ended());
    // A start long before (further than a long of nanoseconds reaches) and an end now.
    Instant longAgo = Instant.parse("1200-01-01T00:00:00Z");
    indexes.apply(Commit.of(longAgo, "Order-2", 0, List.of(Histories.started(WORKFLOW))));
    indexes.apply(Commit.of(end, "Order-2", 1, List.of(Histories.ended(InstanceState.CANCELLED))));
    assertEquals(longAgo, indexes.instance("Order-2").orElseThrow().started());
    assertEquals(end, indexes.instance("Order-2").orElseThrow().ended());
  }

  @Test
  void anInstanceWithTasksAndACheckpointKeepsThemAndItsEnd() {
    Indexes indexes = new Indexes();
    indexes.apply(Histories.start("Order-1", Histories.task("review", "clerk"), Histories.task("sign", "boss")));
    indexes.apply(Histories.commit(2, "Order-1", 3, new HistoryEntry.LoopCheckpoint("loop", 1, 0, List.of(), List.of())));
    assertEquals(List.of("review", "sign"), indexes.tasksOf("Order-1").stream().map(TaskRow::stepId).toList());
    assertEquals(4, indexes.lastCheckpoint("Order-1"));
    indexes.apply(Histories.commit(9, "Order-1", 4, Histories.ended(InstanceState.CANCELLED)));
    assertEquals(List.of(), indexes.tasksOf("Order-1"));
    assertEquals(List.of(), indexes.tasksForRole("clerk"));
    assertEquals(Histories.at(9), indexes.instance("Order-1").orElseThrow().ended());
    assertEquals(4, indexes.lastCheckpoint("Order-1"));
    // Ended in the commit that started it, with a task opened and closed by its end.
    indexes.apply(Histories.start("Order-2", Histories.task("review", "clerk"), Histories.ended(InstanceState.FAILED)));
    assertEquals(Histories.T0, indexes.instance("Order-2").orElseThrow().ended());
    assertEquals(List.of(), indexes.tasksOf("Order-2"));
  }

  @Test
  void aStartOfTheNumberAThreadWasHandedLeavesARaiseByAnotherThreadInPlace() throws Exception {
    Indexes indexes = new Indexes();
    indexes.apply(Histories.start("Order-1", Histories.ended(InstanceState.COMPLETED)));
    long mine = indexes.nextNumber("Order");
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      other.submit(() -> indexes.apply(Histories.start("Order-50", Histories.ended(InstanceState.COMPLETED))))
          .get(10, TimeUnit.SECONDS);
    } finally {
      other.shutdownNow();
    }
    indexes.apply(Histories.start("Order-" + mine, Histories.ended(InstanceState.COMPLETED)));
    assertEquals(51, indexes.nextNumber("Order"));
  }

  @Test
  void manyThreadsStartingAndEndingInstancesInAMemoryStore() throws Exception {
    MemoryStore store = new MemoryStore();
    Set<String> ids = startAndEnd(4, 3_000, id -> store.append(commitOf(id, 0)), n -> {
      // Every fifth instance waits on a task, and a second commit ends it (the locked way).
      if (n.number() % 5 == 0) {
        store.append(Commit.of(Histories.at(1), n.id(), 0, List.of(Histories.started(WORKFLOW), Histories.task("t", "r"))));
        store.append(Commit.of(Histories.at(2), n.id(), 2, List.of(Histories.ended(InstanceState.COMPLETED))));
        return true;
      }
      return false;
    }, store::nextNumber);
    check(ids, store.instances(new InstanceQuery(null, null, 0, Integer.MAX_VALUE)), store::stateOf);
    assertEquals(List.of(), store.openInstances());
    assertEquals(List.of(), store.openTasks());
    for (String id : ids) {
      assertEquals(3, store.read(id).size());
    }
    assertEquals(ids.size() + 1, store.nextNumber("Order"));
  }

  @Test
  void manyThreadsStartingAndEndingInstancesInIndexes() throws Exception {
    Indexes indexes = new Indexes();
    Set<String> ids = startAndEnd(3, 3_000, id -> indexes.apply(commitOf(id, 0)), n -> {
      if (n.number() % 4 == 0) {
        indexes.apply(Commit.of(Histories.at(1), n.id(), 0, List.of(Histories.started(WORKFLOW), Histories.scheduled("a"))));
        indexes.apply(Commit.of(Histories.at(2), n.id(), 2, List.of(Histories.ended(InstanceState.COMPLETED))));
        return true;
      }
      return false;
    }, indexes::nextNumber);
    check(ids, indexes.instances(new InstanceQuery(null, null, 0, Integer.MAX_VALUE)), indexes::stateOf);
    assertEquals(ids.size(), indexes.instanceIds().size());
    assertEquals(ids.size() + 1, indexes.nextNumber("Order"));
  }

  /** A numbered id. */
  private record Numbered(String id, long number) {}

  private interface Other {
    boolean run(Numbered numbered);
  }

  private static Commit commitOf(String id, long second) {
    return Commit.of(Histories.at(second), id, 0, List.of(Histories.started(WORKFLOW), Histories.scheduled("a"),
        Histories.ended(InstanceState.COMPLETED)));
  }

  /** Each thread numbers and starts {@code each} instances; returns their ids (checked distinct). */
  private static Set<String> startAndEnd(int threads, int each, java.util.function.Consumer<String> startAndEnd,
      Other other, java.util.function.ToLongFunction<String> next) throws Exception {
    Set<String> ids = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        runs.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < each; i++) {
            long number = next.applyAsLong("Order");
            String id = "Order-" + number;
            if (!ids.add(id)) {
              throw new AssertionError("handed twice: " + id);
            }
            if (!other.run(new Numbered(id, number))) {
              startAndEnd.accept(id);
            }
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> run : runs) {
        run.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(threads * each, ids.size());
    return ids;
  }

  private static void check(Set<String> ids, List<InstanceRow> newestFirst,
      java.util.function.Function<String, InstanceState> stateOf) {
    assertEquals(ids.size(), newestFirst.size(), "every instance listed once");
    Set<String> listed = new HashSet<>();
    for (InstanceRow row : newestFirst) {
      if (!listed.add(row.id())) {
        throw new AssertionError("listed twice: " + row.id());
      }
      assertEquals(InstanceState.COMPLETED, row.state(), row.id());
      assertEquals(InstanceState.COMPLETED, stateOf.apply(row.id()), row.id());
    }
    assertEquals(ids, listed);
  }
}
