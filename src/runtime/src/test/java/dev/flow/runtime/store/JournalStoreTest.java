package dev.flow.runtime.store;

import static dev.flow.runtime.store.Histories.commit;
import static dev.flow.runtime.store.Histories.ended;
import static dev.flow.runtime.store.Histories.start;
import static dev.flow.runtime.store.Histories.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.history.HistoryEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store TCK on the file journal, and what only a journal does: lock, segments, compaction, damage. */
class JournalStoreTest extends StoreContract {
  @TempDir
  Path dir;

  static JournalOptions testing() {
    return JournalOptions.defaults().withFsync(false);
  }

  @Override
  protected Store open() {
    return JournalStore.open(dir.resolve("journal"), testing());
  }

  @Override
  protected Store reopen(Store store) {
    store.close();
    return open();
  }

  @Override
  protected Store openRetaining(int retainEnded) {
    return JournalStore.open(dir.resolve("journal"), testing().withRetainEnded(retainEnded));
  }

  @Override
  protected void settleRetention(Store retaining) {
    ((JournalStore) retaining).compact();
  }

  @Test
  void aJournalWhoseOlderReleaseDroppedAnEmitterBeforeItsEventPublishedLosesTheEmitsFactsOnOpen() {
    // As the previous release left a compacted journal: it dropped Gone-1, which owed an emit, and kept
    // the fact naming the instance the emit started; Order-1 owes an emit and is kept.
    store.append(start("Order-1"));
    store.append(commit(1, "Order-1", 1, new HistoryEntry.EventEmitted("@e", "acme.Shipped",
        dev.flow.runtime.history.Payload.of("A-1")), ended(InstanceState.COMPLETED)));
    store.append(start("Ship-1"));
    store.append(start("Ship-2"));
    store.append(Histories.facts(Map.of("emitted:Gone-1/@e:acme.Ship#1", "Ship-1",
        "emitted:Order-1/@e:acme.Ship#1", "Ship-2", "schedule:acme.Ship", "Gone-1")));
    ((JournalStore) store).compact();
    for (int round = 0; round < 2; round++) {
      store = reopen(store);
      assertEquals(Optional.empty(), store.fact("emitted:Gone-1/@e:acme.Ship#1"), "its emitter is gone: of no use");
      assertEquals(Optional.of("Ship-2"), store.fact("emitted:Order-1/@e:acme.Ship#1"), "its emitter is kept");
      assertEquals(Optional.of("Gone-1"), store.fact("schedule:acme.Ship"), "other facts stay");
      assertEquals(List.of("Order-1"), store.unpublishedEmitters());
      ((JournalStore) store).compact();
    }
  }

  @Test
  void aJournalWrittenBeforeChainFactsWentWithTheRetentionSweepsThemOnOpen() {
    // As the previous release left a compacted journal: the records of the instances it kept, and a
    // checkpoint with every chain fact it ever wrote (it dropped none), without chained:FIRST facts.
    for (String id : OldChainFacts.KEPT) {
      store.append(start(id));
      store.append(commit(1, id, 1, ended(InstanceState.COMPLETED)));
    }
    store.append(Histories.facts(OldChainFacts.OLD));
    ((JournalStore) store).compact();
    assertEquals(Optional.of("Tally-8"), store.fact("chain:Tally-7"), "the old facts are in the checkpoint");
    store = reopen(store);
    OldChainFacts.assertSwept(store);
    OldChainFacts.assertCurrent(store);
    ((JournalStore) store).compact();
    store = reopen(store);
    OldChainFacts.assertSwept(store);
    store.close();
    store = JournalStore.open(dir.resolve("journal"), testing().withRetainEnded(0));
    for (int round = 0; round < 2; round++) {
      for (String key : OldChainFacts.SWEPT.keySet()) {
        if (key.startsWith("chain")) {
          assertEquals(Optional.empty(), store.fact(key), key + ": every instance is dropped now, and its chain's facts");
        }
      }
      assertEquals(Optional.of("Tally-1"), store.fact("schedule:acme.Tally"));
      ((JournalStore) store).compact();
      store = reopen(store);
    }
  }

  @Test
  void aSecondStoreOnTheDirectoryFailsFastUntilTheFirstCloses() {
    StoreException busy = assertThrows(StoreException.class, () -> JournalStore.open(dir.resolve("journal"), testing()));
    assertTrue(busy.getMessage().contains("is in use by another engine (process " + ProcessHandle.current().pid() + ")"),
        busy.getMessage());
    store.append(start("Order-1"));
    store.close();
    store = open();
    assertEquals(1, store.read("Order-1").size());
  }

  @Test
  void aClosedJournalTakesNoMoreCommits() {
    store.append(start("Order-1"));
    store.close();
    StoreException closed = assertThrows(StoreException.class, () -> store.append(commit(1, "Order-1", 1,
        ended(InstanceState.COMPLETED))));
    assertTrue(closed.getMessage().contains("is closed"), closed.getMessage());
    assertTrue(store.appendAsync(commit(1, "Order-1", 1, ended(InstanceState.COMPLETED))).isCompletedExceptionally());
    store = open();
    assertEquals(1, store.read("Order-1").size());
  }

  @Test
  void segmentsRollAndAreAllReadBack() throws IOException {
    store.close();
    store = JournalStore.open(dir.resolve("journal"), testing().withSegmentSize(4096));
    for (int i = 1; i <= 60; i++) {
      store.append(start("Order-" + i, task("review", "clerk")));
    }
    assertTrue(segmentFiles().size() > 3, "segments: " + segmentFiles());
    store = reopen(store);
    assertEquals(60, store.openTasks().size());
    assertEquals(2, store.read("Order-1").size());
    assertEquals(2, store.read("Order-60").size());
  }

  @Test
  void damageInAnOlderSegmentIsReportedWithFileAndOffset() throws IOException {
    store.close();
    store = JournalStore.open(dir.resolve("journal"), testing().withSegmentSize(4096));
    for (int i = 1; i <= 40; i++) {
      store.append(start("Order-" + i));
    }
    store.close();
    Path first = segmentFiles().get(0);
    byte[] bytes = Files.readAllBytes(first);
    bytes[JournalFormat.HEADER_SIZE + 20] ^= 0x40;
    Files.write(first, bytes);
    StoreException damaged = assertThrows(StoreException.class,
        () -> JournalStore.open(dir.resolve("journal"), testing()));
    assertTrue(damaged.getMessage().contains(first.toString()), damaged.getMessage());
    assertTrue(damaged.getMessage().contains("offset " + JournalFormat.HEADER_SIZE), damaged.getMessage());
    store = JournalStore.open(dir.resolve("other"), testing());
  }

  @Test
  void compactionDropsEndedHistoriesBeyondTheRetentionAndKeepsTheRest() {
    store.close();
    store = JournalStore.open(dir.resolve("journal"), testing().withRetainEnded(2));
    for (int i = 1; i <= 30; i++) {
      store.append(start("Order-" + i, task("review", "clerk")));
    }
    for (int i = 1; i <= 28; i++) {
      store.append(commit(i, "Order-" + i, 2, new HistoryEntry.TaskCompleted("review",
          dev.flow.runtime.history.Payload.of("ok"), "ann"), ended(InstanceState.COMPLETED)));
    }
    store.append(Histories.facts(Map.of("schedule:x", "soon")));
    JournalStore journal = (JournalStore) store;
    long before = journal.sizeOnDisk();
    journal.compact();
    long after = journal.sizeOnDisk();
    System.out.printf("compaction: %d bytes before, %d after%n", before, after);
    assertTrue(after < before / 4, before + " -> " + after);
    for (int round = 0; round < 2; round++) {
      assertEquals(List.of(), store.read("Order-1"));
      assertEquals(Optional.empty(), store.instance("Order-26"));
      assertEquals(4, store.read("Order-27").size());
      assertEquals(4, store.read("Order-28").size());
      assertEquals(2, store.read("Order-30").size());
      assertEquals(List.of("Order-29/review", "Order-30/review"), store.openTasks().stream().map(TaskRow::id).toList());
      assertEquals(Optional.of("soon"), store.fact("schedule:x"));
      assertTrue(store.nextNumber("Order") > 30);
      store = reopen(store);
    }
    store.append(commit(99, "Order-30", 2, ended(InstanceState.COMPLETED)));
    store = reopen(store);
    assertEquals(3, store.read("Order-30").size());
  }

  @Test
  void compactionLeavesForgottenEventsOutAndKeepsTheOthersAndTheirSequences() {
    store.append(start("Order-1"));
    for (int i = 1; i <= 20; i++) {
      store.publish("acme.Paid", List.of(), Histories.at(i), new Paid(Integer.toString(i), java.math.BigDecimal.ONE));
    }
    assertEquals(18, store.pruneEvents(Histories.at(19)));
    JournalStore journal = (JournalStore) store;
    long before = journal.sizeOnDisk();
    journal.compact();
    assertTrue(journal.sizeOnDisk() < before, "the forgotten events are gone from the files");
    store = reopen(store);
    List<EventRow> kept = store.events("acme.Paid", List.of(), 0, 10);
    assertEquals(List.of("19", "20"), kept.stream().map(e -> e.event().as(Paid.class).orderId()).toList());
    assertEquals(kept.get(1).sequence(), store.lastEventSequence());
    assertTrue(store.publish("acme.Paid", List.of(), Histories.at(30), new Paid("21", java.math.BigDecimal.ONE))
        > kept.get(1).sequence());
    assertEquals(1, store.read("Order-1").size());
  }

  @Test
  void aSmallerRetentionOnReopenDropsEndedInstancesWithEntriesAfterTheirEnd() {
    store.append(start("Order-1"));
    store.append(commit(1, "Order-1", 1, ended(InstanceState.COMPLETED)));
    store.append(commit(2, "Order-1", 2, new HistoryEntry.Notified("n1", null)));
    store.append(start("Order-2"));
    store.append(commit(3, "Order-2", 1, ended(InstanceState.COMPLETED)));
    store.close();
    store = JournalStore.open(dir.resolve("journal"), testing().withRetainEnded(1));
    assertEquals(List.of(), store.read("Order-1"));
    assertEquals(2, store.read("Order-2").size());
    ((JournalStore) store).compact();
    store = reopen(store);
    assertEquals(Optional.empty(), store.instance("Order-1"));
    assertEquals(2, store.read("Order-2").size());
  }

  @Test
  void compactionRunsByItselfOnceEnoughDataIsDropped() {
    store.close();
    store = JournalStore.open(dir.resolve("journal"), testing().withRetainEnded(5).withCompactAfterDeadBytes(2048));
    for (int i = 1; i <= 300; i++) {
      store.append(start("Order-" + i, task("review", "clerk")));
      store.append(commit(i, "Order-" + i, 2, ended(InstanceState.COMPLETED)));
    }
    long size = ((JournalStore) store).sizeOnDisk();
    System.out.printf("300 ended instances, 5 retained, automatic compaction: %d bytes on disk%n", size);
    assertTrue(size < 60_000, "the journal holds " + size + " bytes");
    store = reopen(store);
    assertEquals(2, store.read("Order-300").size() - 1);
    assertEquals(List.of(), store.read("Order-200"));
  }

  @Test
  void compactionRunsByItselfOnceEnoughForgottenEventsPileUpThoughNoInstanceEnds() {
    store.close();
    store = JournalStore.open(dir.resolve("journal"), testing().withCompactAfterDeadBytes(4096));
    store.append(start("Order-1", task("review", "clerk")));
    for (int i = 1; i <= 300; i++) {
      store.publish("acme.Paid", List.of(List.of("orderId=o-" + i)), Histories.at(i), "payment " + i);
    }
    long full = ((JournalStore) store).sizeOnDisk();
    assertEquals(270, store.pruneEvents(Histories.at(271)), "the events published before 271 s are forgotten");
    // The writer thread compacts after the group that forgot them, before it writes the next one.
    store.append(commit(400, "Order-1", 2, new HistoryEntry.Notified("n1", null)));
    long size = ((JournalStore) store).sizeOnDisk();
    System.out.printf("300 kept events, 270 forgotten, automatic compaction: %d bytes on disk (%d before)%n", size, full);
    assertTrue(size * 5 < full, "the journal holds " + size + " bytes of " + full);
    store = reopen(store);
    List<EventRow> kept = store.events("acme.Paid", List.of(), 0, 100);
    assertEquals(30, kept.size());
    assertEquals(Histories.at(271), kept.get(0).at());
    assertEquals(1, store.tasksOf("Order-1").size(), "the running instance is kept");
  }

  @Test
  void filesLeftByACrashDuringCompactionAreIgnored() throws IOException {
    store.append(start("Order-1", task("review", "clerk")));
    store.append(start("Order-2"));
    store.close();
    Path journal = dir.resolve("journal");
    Path live = segmentFiles().get(0);
    Files.copy(live, journal.resolve(Segment.name(7)));
    Files.writeString(journal.resolve("MANIFEST.tmp"), "flow-journal 1\nsegment " + Segment.name(7) + "\n");
    store = open();
    assertEquals(List.of(live), segmentFiles());
    assertFalse(Files.exists(journal.resolve("MANIFEST.tmp")));
    assertEquals(2, store.read("Order-1").size());
    assertEquals(1, store.openTasks().size());
    store.append(commit(1, "Order-2", 1, ended(InstanceState.COMPLETED)));
    store = reopen(store);
    assertEquals(2, store.read("Order-2").size());
  }

  @Test
  void aDirectoryWithSegmentsButNoManifestIsNotTakenForEmpty() throws IOException {
    store.append(start("Order-1"));
    store.close();
    Files.delete(dir.resolve("journal").resolve(Manifest.FILE));
    StoreException missing = assertThrows(StoreException.class, this::open);
    assertTrue(missing.getMessage().contains("no MANIFEST"), missing.getMessage());
    store = JournalStore.open(dir.resolve("other"), testing());
  }

  @Test
  void aCommitToAnInstanceDroppedWhileItWasQueuedIsCommittedOrRefusedAndTheJournalGoesOn() {
    store.close();
    store = openRetaining(1);
    store.append(start("Order-1"));
    store.append(start("Order-2"));
    store.append(commit(1, "Order-1", 1, ended(InstanceState.COMPLETED)));
    // Queued together: the first drops Order-1 (the retention keeps one ended instance), which the
    // second appends to. Refused when Order-1 is dropped before the second is checked; else committed
    // and dropped with Order-1 (as an open with this retention replays it).
    java.util.concurrent.CompletableFuture<Void> ends = store.appendAsync(commit(2, "Order-2", 1,
        ended(InstanceState.COMPLETED)));
    java.util.concurrent.CompletableFuture<Void> late = store.appendAsync(commit(3, "Order-1", 2,
        new HistoryEntry.Notified("n1", null)));
    ends.join();
    boolean committed;
    try {
      late.join();
      committed = true;
    } catch (java.util.concurrent.CompletionException refused) {
      assertTrue(refused.getCause() instanceof AppendConflict, String.valueOf(refused.getCause()));
      committed = false;
    }
    store.append(start("Order-3")); // the journal takes commits still
    assertEquals(Optional.empty(), store.instance("Order-1"));
    store = reopen(store); // keeps every ended instance
    assertEquals(committed ? 3 : 2, store.read("Order-1").size(), "what the appender was told");
    assertEquals(List.of("Order-3"), store.openInstances().stream().map(InstanceRow::id).toList());
  }

  @Test
  void aRecordForAnInstanceDroppedBeforeItOpensAlsoWhenTheJournalIsOpenedToKeepEveryEndedInstance() throws IOException {
    // Dropped by a retention set while the journal was open, and compacted away; then a record a
    // commit queued before the drop wrote (the writer compacts between two group commits).
    store.retain(Retention.count(0));
    store.append(start("Order-1"));
    store.append(start("Order-2"));
    store.append(commit(1, "Order-1", 1, ended(InstanceState.COMPLETED)));
    ((JournalStore) store).compact();
    store.close();
    Commit late = commit(2, "Order-1", 2, new HistoryEntry.Notified("n1", null));
    java.nio.ByteBuffer frame = JournalFormat.frame(JournalFormat.COMMIT, new JsonCodec().encode(late));
    byte[] bytes = new byte[frame.remaining()];
    frame.get(bytes);
    Path last = segmentFiles().get(segmentFiles().size() - 1);
    Files.write(last, bytes, java.nio.file.StandardOpenOption.APPEND);
    store = JournalStore.open(dir.resolve("journal"), testing().withRetainEnded(Integer.MAX_VALUE));
    assertEquals(Optional.empty(), store.instance("Order-1"), "the record is skipped with its dropped instance");
    assertEquals(List.of("Order-2"), store.openInstances().stream().map(InstanceRow::id).toList());
    store.append(commit(3, "Order-2", 1, ended(InstanceState.COMPLETED)));
    store = reopen(store);
    assertEquals(InstanceState.COMPLETED, store.instance("Order-2").orElseThrow().state());
  }

  private List<Path> segmentFiles() {
    try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
      return files.filter(p -> Segment.number(p.getFileName().toString()) >= 0).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
