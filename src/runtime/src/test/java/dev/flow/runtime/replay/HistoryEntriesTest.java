package dev.flow.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.Recorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A history keeps its entries without a {@link Recorded} each; {@link History#entries()} must
 * still read back every entry with its own sequence and time, whether it was applied as a
 * {@code Recorded} or as its parts, across commits of different times and across the gap of a
 * history read from a loop checkpoint.
 */
class HistoryEntriesTest {
  private static final Instant T0 = Instant.parse("2026-12-07T03:00:00.123456Z");

  private static List<Recorded> committed(int steps) {
    List<Recorded> out = new ArrayList<>();
    out.add(new Recorded(1, T0, new HistoryEntry.InstanceStarted("acme.W", 1, Payload.of(1L), null, null)));
    for (int i = 1; i <= steps; i++) {
      // Every third step in a later commit: its own time.
      Instant at = T0.plusMillis(i / 3);
      out.add(new Recorded(out.size() + 1L, at, new HistoryEntry.ActionScheduled("s" + i, "s" + i, "Calc", "next", 1)));
      out.add(new Recorded(out.size() + 1L, at, new HistoryEntry.ActionCompleted("s" + i, Payload.of((long) i), 1)));
    }
    return out;
  }

  @Test
  void entriesReadBackAsAppliedWhicheverWayTheyCame() {
    List<Recorded> committed = committed(40);
    History asRecorded = History.of(committed);
    History asParts = new History();
    for (Recorded r : committed) {
      asParts.apply(r.sequence(), r.at(), r.entry());
    }
    assertEquals(committed, asRecorded.entries());
    assertEquals(committed, asParts.entries());
    assertEquals(committed, List.copyOf(asParts.entries()));
    for (int i = 0; i < committed.size(); i++) {
      assertSame(committed.get(i).entry(), asParts.entries().get(i).entry());
    }
    assertEquals(81, asParts.lastSequence());
    assertEquals(Payload.of(40L), asParts.step("s40").result);
  }

  @Test
  void anEntryOutOfSequenceIsRefused() {
    History history = new History();
    history.apply(1, T0, new HistoryEntry.InstanceStarted("acme.W", 1, Payload.of(1L), null, null));
    assertThrows(IllegalStateException.class,
        () -> history.apply(3, T0, new HistoryEntry.ActionScheduled("s1", "s1", "Calc", "next", 1)));
    assertThrows(IndexOutOfBoundsException.class, () -> history.entries().get(1));
  }

  @Test
  void aHistoryWithAGapKeepsEachEntrysSequence() {
    List<Recorded> committed = committed(10);
    List<Recorded> prefix = committed.subList(0, 5);
    List<Recorded> suffix = committed.subList(12, committed.size());
    History history = History.of(prefix, suffix);
    List<Recorded> expected = new ArrayList<>(prefix);
    expected.addAll(suffix);
    assertEquals(expected, history.entries());
    assertTrue(history.partial());
    assertEquals(committed.get(committed.size() - 1).sequence(), history.lastSequence());
  }

  @Test
  void aStepsFactsFromItsEntriesAlone() {
    List<Recorded> committed = committed(6);
    StepRecord step = History.stepOf(committed, "s4");
    assertEquals(Payload.of(4L), step.result);
    assertEquals(1, step.scheduledAttempts());
  }
}
