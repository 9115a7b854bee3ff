package dev.flow.runtime.replay;

import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import java.time.Instant;

/** Histories built entry by entry for the replay tests: an instance of {@code acme.W} started, then entries at one time. */
final class TestHistories {
  private TestHistories() {
  }

  /** A history holding only the start of an instance of {@code acme.W} (input 1) at {@code at}. */
  static History started(Instant at) {
    History history = new History();
    history.apply(1, at, new HistoryEntry.InstanceStarted("acme.W", 1, Payload.of(1L), null, null));
    return history;
  }

  /** Applies {@code entry} as the history's next entry, at {@code at}. */
  static void apply(History history, Instant at, HistoryEntry entry) {
    history.apply(history.lastSequence() + 1, at, entry);
  }
}
