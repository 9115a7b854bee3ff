package dev.flow.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.InstanceState;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@link Indexes} reads the engine makes on every run without the indexes' lock: an ended
 * instance's row and the next number of a known id prefix. Each is asked while the test holds the
 * lock (a commit being applied holds it so), and must answer anyway, with what a locked read says.
 */
class IndexesWithoutLockTest {
  private final ExecutorService other = Executors.newSingleThreadExecutor();

  private <T> T whileLocked(Indexes indexes, java.util.concurrent.Callable<T> read) throws Exception {
    try {
      synchronized (indexes) {
        Future<T> answer = other.submit(read);
        return answer.get(10, TimeUnit.SECONDS);
      }
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void anEndedInstancesRowIsReadWhileACommitHoldsTheLockAndIsTheRowOfItsLastCommit() throws Exception {
    Indexes indexes = new Indexes();
    indexes.apply(Histories.start("Order-1", Histories.scheduled("a")));
    indexes.apply(Histories.commit(5, "Order-1", 2, Histories.ended(InstanceState.COMPLETED)));
    // An entry after its end (as an ended instance may take): its last sequence is the row's.
    indexes.apply(Histories.commit(6, "Order-1", 3, Histories.scheduled("late")));
    InstanceRow row = whileLocked(indexes, () -> indexes.instance("Order-1").orElseThrow());
    assertEquals(new InstanceRow("Order-1", "acme.Order", 1, InstanceState.COMPLETED, Histories.T0,
        Histories.at(5), null, 4), row);
  }

  @Test
  void anInstanceStartedAndEndedByOneCommitIsFoundEndedWhileItsCommitStillWaitsForTheLock() throws Exception {
    Indexes indexes = new Indexes();
    String workflow = "acme.Order";
    indexes.apply(Commit.of(Histories.T0, "Order-1", 0, List.of(Histories.started(workflow)))); // shares the name
    Commit both = Commit.of(Histories.at(2), "Order-2", 0, List.of(Histories.started(workflow),
        Histories.scheduled("a"), Histories.ended(InstanceState.COMPLETED)));
    InstanceRow row = null;
    Future<List<String>> applied;
    try {
      synchronized (indexes) {
        applied = other.submit(() -> indexes.apply(both));
        for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); row == null && System.nanoTime() < until; ) {
          row = indexes.instance("Order-2").orElse(null);
          Thread.sleep(1);
        }
        assertEquals(false, applied.isDone(), "it waits for the lock to take its place in the start and end orders");
      }
      assertEquals(List.of(), applied.get(10, TimeUnit.SECONDS));
    } finally {
      other.shutdownNow();
    }
    assertEquals(new InstanceRow("Order-2", workflow, 1, InstanceState.COMPLETED, Histories.at(2), Histories.at(2), null, 3),
        row);
    assertEquals(List.of("Order-2", "Order-1"),
        indexes.instances(InstanceQuery.newest(10)).stream().map(InstanceRow::id).toList());
    assertEquals(List.of("Order-1"), indexes.openInstances().stream().map(InstanceRow::id).toList());
    assertEquals(3, indexes.nextNumber("Order"));
    indexes.apply(Commit.of(Histories.at(3), "Order-90", 0, List.of(Histories.started(workflow),
        Histories.ended(InstanceState.COMPLETED))));
    assertEquals(91, indexes.nextNumber("Order"), "the start raised its known prefix's number without the lock");
    indexes.apply(Commit.of(Histories.at(4), "Invoice-7", 0, List.of(Histories.started(workflow),
        Histories.ended(InstanceState.COMPLETED))));
    assertEquals(8, indexes.nextNumber("Invoice"), "a new prefix, counted under the lock");
    assertEquals(4, indexes.instances(InstanceQuery.newest(10)).size());
  }

  @Test
  void aRunningOrUnknownInstanceIsReadUnderTheLockAsBefore() {
    Indexes indexes = new Indexes();
    indexes.apply(Histories.start("Order-1", Histories.scheduled("a")));
    assertEquals(InstanceState.RUNNING, indexes.instance("Order-1").orElseThrow().state());
    assertEquals(2, indexes.instance("Order-1").orElseThrow().lastSequence());
    assertEquals(Optional.empty(), indexes.instance("Order-2"));
    other.shutdownNow();
  }

  @Test
  void aKnownPrefixsNextNumberIsCountedWhileACommitHoldsTheLock() throws Exception {
    Indexes indexes = new Indexes();
    indexes.apply(Histories.start("Order-41"));
    assertEquals(42, indexes.nextNumber("Order"), "one more than the started id's number");
    assertEquals(43L, (long) whileLocked(indexes, () -> indexes.nextNumber("Order")));
    indexes.apply(Histories.start("Order-90"));
    assertEquals(91, indexes.nextNumber("Order"), "a start raises the prefix's number");
    assertEquals(1, indexes.nextNumber("Invoice"), "a new prefix");
  }

  @Test
  void twoThreadsNeverGetTheSameNumberAndTogetherCountEveryOne() throws Exception {
    Indexes indexes = new Indexes();
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> runs = new java.util.ArrayList<>();
      for (int t = 0; t < 2; t++) {
        runs.add(two.submit(() -> {
          for (int i = 0; i < 20_000; i++) {
            seen.add(indexes.nextNumber(i % 2 == 0 ? "Order" : "Invoice") * (i % 2 == 0 ? 1 : -1));
          }
        }));
      }
      for (Future<?> run : runs) {
        run.get(60, TimeUnit.SECONDS);
      }
    } finally {
      two.shutdownNow();
      other.shutdownNow();
    }
    assertEquals(40_000, seen.size());
    assertEquals(20_001, indexes.nextNumber("Order"));
    assertEquals(java.util.Map.of("Order", 20_001L, "Invoice", 20_000L), indexes.numbers());
  }
}
