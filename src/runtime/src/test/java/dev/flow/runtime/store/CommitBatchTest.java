package dev.flow.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An append takes the engine's batch of entries without a copy, and the batch cannot change after. */
class CommitBatchTest {
  private static final Instant AT = Instant.parse("2026-12-07T03:00:00Z");

  private static List<HistoryEntry> entries(int steps) {
    List<HistoryEntry> entries = new ArrayList<>();
    entries.add(new HistoryEntry.InstanceStarted("acme.W", 1, Payload.of(1L), null, null));
    for (int i = 1; i <= steps; i++) {
      entries.add(new HistoryEntry.ActionScheduled("s" + i, "s" + i, "Calc", "next", 1));
      entries.add(new HistoryEntry.ActionCompleted("s" + i, Payload.of((long) i), 1));
    }
    return entries;
  }

  @Test
  void aBatchIsTakenAsItIsAndSealed() {
    Commit.Batch batch = new Commit.Batch(2);
    List<HistoryEntry> entries = entries(10);
    batch.addAll(entries);
    Commit commit = Commit.of(AT, "W-1", 0, batch);
    List<HistoryEntry> held = commit.appends().get(0).entries();
    assertSame(batch, held);
    assertEquals(entries, held);
    assertThrows(UnsupportedOperationException.class, () -> batch.add(entries.get(1)));
    assertEquals(21, held.size());
  }

  @Test
  void aHistorysEntriesAreTakenAsAViewThatLaterEntriesDoNotChange() {
    dev.flow.runtime.replay.History history = new dev.flow.runtime.replay.History();
    List<HistoryEntry> entries = entries(30); // 61 entries: the history's array grows twice on the way
    for (int i = 0; i < 5; i++) {
      history.apply(i + 1, AT, entries.get(i));
    }
    List<HistoryEntry> first = history.entriesFrom(0);
    Commit commit = Commit.of(AT, "W-4", 0, first);
    List<HistoryEntry> held = commit.appends().get(0).entries();
    assertSame(first, held);
    for (int i = 5; i < entries.size(); i++) {
      history.apply(i + 1, AT, entries.get(i));
    }
    assertEquals(entries.subList(0, 5), held);
    assertEquals(61, history.entryCount());
    List<HistoryEntry> later = history.entriesFrom(5);
    assertEquals(entries.subList(5, 61), later);
    assertSame(later, Commit.of(AT, "W-4", 5, later).appends().get(0).entries());
    assertThrows(UnsupportedOperationException.class, () -> later.add(entries.get(1)));
    assertThrows(UnsupportedOperationException.class, () -> later.set(0, entries.get(1)));
    assertThrows(IndexOutOfBoundsException.class, () -> later.get(56));
    assertEquals(List.of(), history.entriesFrom(61));
  }

  @Test
  void anyOtherListIsCopied() {
    List<HistoryEntry> entries = entries(2);
    List<HistoryEntry> held = Commit.of(AT, "W-2", 0, entries).appends().get(0).entries();
    assertNotSame(entries, held);
    assertEquals(entries, held);
    assertThrows(UnsupportedOperationException.class, () -> held.add(entries.get(1)));
  }

  @Test
  void aBatchTakesNoNullAndAnEmptyOneIsNoAppend() {
    Commit.Batch batch = new Commit.Batch(4);
    assertThrows(NullPointerException.class, () -> batch.add(null));
    assertThrows(IllegalArgumentException.class, () -> Commit.of(AT, "W-3", 0, batch));
  }
}
