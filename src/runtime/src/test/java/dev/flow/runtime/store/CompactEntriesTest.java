package dev.flow.runtime.store;

import static dev.flow.runtime.store.Histories.commit;
import static dev.flow.runtime.store.Histories.ended;
import static dev.flow.runtime.store.Histories.scheduled;
import static dev.flow.runtime.store.Histories.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.HistoryEntry.ActionCompleted;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.Recorded;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory store keeps an ended instance's entries in a compact form and reads them back equal, as committed. */
class CompactEntriesTest {
  private static final Object RESULT = new BigDecimal("12.50");

  /** Every kind of completion the compact form holds, or keeps as it is, between other entries. */
  private static List<HistoryEntry> steps() {
    return List.of(
        scheduled("a"), new ActionCompleted("a", Payload.of(41L), 1),
        scheduled("b"), new ActionCompleted("b", Payload.of(RESULT), 1),
        scheduled("c"), new ActionCompleted("c", Payload.NONE, 1),
        new ActionCompleted("d", Payload.of(7L), 2),
        new ActionCompleted("e", new Payload.Live(null), 1),
        new ActionCompleted("f", Payload.of(-3L), 1),
        new ActionCompleted("g", Payload.of("text"), 1),
        new ActionCompleted("h", Payload.of(Long.MIN_VALUE), 1));
  }

  @Test
  void anInstanceStartedAndEndedInOneCommitReadsBackAsCommittedFromEverySequence() {
    List<HistoryEntry> entries = new ArrayList<>();
    entries.add(started("acme.Order"));
    entries.addAll(steps());
    entries.add(ended(InstanceState.COMPLETED));
    try (MemoryStore memory = new MemoryStore()) {
      memory.append(Commit.of(Histories.T0, "Order-1", 0, entries));
      List<Recorded> read = memory.read("Order-1");
      assertEquals(entries.size(), read.size());
      for (int i = 0; i < entries.size(); i++) {
        assertEquals(new Recorded(i + 1, Histories.T0, entries.get(i)), read.get(i));
        assertEquals(read.subList(i, read.size()), memory.readAfter("Order-1", i), "after " + i);
        assertEquals(read.subList(0, i), memory.readUpTo("Order-1", i), "up to " + i);
      }
      assertSame(RESULT, ((ActionCompleted) read.get(4).entry()).result().value(), "the value this engine made");
      assertSame(entries.get(8), read.get(8).entry(), "a later attempt's completion is kept as it is");
      assertSame(((HistoryEntry.InstanceStarted) entries.get(0)).input().value(),
          ((HistoryEntry.InstanceStarted) read.get(0).entry()).input().value(), "the input this engine was given");
      assertInstanceOf(Long.class, ((ActionCompleted) read.get(2).entry()).result().value());
    }
  }

  @Test
  void anInstanceEndedByALaterCommitKeepsEachCommitsTimeAndTakesMoreEntriesAfterItsEnd() {
    List<HistoryEntry> steps = steps();
    try (MemoryStore memory = new MemoryStore()) {
      memory.append(commit(0, "Order-1", 0, started("acme.Order"), steps.get(0), steps.get(1)));
      memory.append(commit(1, "Order-1", 3, steps.subList(2, 8).toArray(new HistoryEntry[0])));
      List<HistoryEntry> rest = new ArrayList<>(steps.subList(8, steps.size()));
      rest.add(ended(InstanceState.COMPLETED));
      memory.append(commit(2, "Order-1", 9, rest.toArray(new HistoryEntry[0])));
      HistoryEntry published = new HistoryEntry.EventPublished("emit", 4);
      memory.append(commit(3, "Order-1", steps.size() + 2, published));
      List<Recorded> read = memory.read("Order-1");
      List<Recorded> expected = new ArrayList<>();
      expected.add(new Recorded(1, Histories.at(0), started("acme.Order")));
      for (int i = 0; i < steps.size(); i++) {
        expected.add(new Recorded(i + 2, Histories.at(i < 2 ? 0 : i < 8 ? 1 : 2), steps.get(i)));
      }
      expected.add(new Recorded(steps.size() + 2, Histories.at(2), ended(InstanceState.COMPLETED)));
      expected.add(new Recorded(steps.size() + 3, Histories.at(3), published));
      assertEquals(expected, read);
      for (int i = 0; i <= expected.size(); i++) {
        assertEquals(expected.subList(i, expected.size()), memory.readAfter("Order-1", i), "after " + i);
      }
    }
  }
  @Test
  void startsAndEndsOfEveryShapeReadBackAsCommitted() {
    List<List<HistoryEntry>> histories = List.of(
        List.of(started("acme.Order"), new HistoryEntry.InstanceEnded(InstanceState.FAILED, Payload.NONE, "a", "broke")),
        List.of(Histories.startedBy("acme.Order", "Parent-1"), ended(InstanceState.CANCELLED)),
        List.of(new HistoryEntry.InstanceStarted("acme.Order", 3, Payload.NONE, null, null, 0),
            new HistoryEntry.InstanceEnded(InstanceState.COMPLETED, Payload.NONE, null, null)),
        List.of(new HistoryEntry.InstanceStarted("acme.Order", 1, Payload.of("in"), null, null, 5),
            new HistoryEntry.InstanceEnded(InstanceState.COMPLETED, new Payload.Live(null), null, null)),
        List.of(new HistoryEntry.InstanceStarted("acme.Order", 1, Payload.of("in"), null, "call1"),
            ended(InstanceState.COMPLETED), ended(InstanceState.FAILED)));
    try (MemoryStore memory = new MemoryStore()) {
      for (int h = 0; h < histories.size(); h++) {
        String id = "Order-" + (h + 1);
        memory.append(Commit.of(Histories.T0, id, 0, histories.get(h)));
        List<Recorded> expected = new ArrayList<>();
        for (HistoryEntry entry : histories.get(h)) {
          expected.add(new Recorded(expected.size() + 1, Histories.T0, entry));
        }
        assertEquals(expected, memory.read(id), id);
        assertEquals(expected.subList(1, expected.size()), memory.readAfter(id, 1), id);
      }
    }
  }
}
