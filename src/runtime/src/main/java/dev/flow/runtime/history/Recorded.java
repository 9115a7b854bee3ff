package dev.flow.runtime.history;

import java.time.Instant;
import java.util.Objects;

/**
 * A history entry as it was committed: its place in the instance's history and when.
 *
 * @param sequence its position in the instance's history, from 1, without gaps
 * @param at when it was committed (the engine's clock)
 * @param entry what happened
 */
public record Recorded(long sequence, Instant at, HistoryEntry entry) {
  public Recorded {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence " + sequence + ": sequences start at 1");
    }
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(entry, "entry");
  }
}
