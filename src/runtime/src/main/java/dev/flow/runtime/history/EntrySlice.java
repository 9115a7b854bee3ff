package dev.flow.runtime.history;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Entries {@code from} (inclusive) to {@code to} (exclusive) of an array that only ever grows at its end: an
 * unchangeable view, made without a copy. What the engine hands its store as a commit's entries: the last entries of
 * an instance's history, read from the history's own array (whose slots, once written, are never written again; a
 * history that needs room copies them to a larger array and leaves this one as it is).
 */
public final class EntrySlice extends AbstractList<HistoryEntry> implements RandomAccess {
  private final HistoryEntry[] entries;
  private final int from;
  private final int to;

  /**
   * A view of {@code entries[from..to)}; the caller never writes those slots again.
   *
   * @throws IndexOutOfBoundsException when the range is not within the array
   * @throws NullPointerException when one of the entries in it is {@code null}
   */
  public EntrySlice(HistoryEntry[] entries, int from, int to) {
    Objects.checkFromToIndex(from, to, entries.length);
    for (int i = from; i < to; i++) {
      Objects.requireNonNull(entries[i], "entry");
    }
    this.entries = entries;
    this.from = from;
    this.to = to;
  }

  @Override
  public HistoryEntry get(int index) {
    Objects.checkIndex(index, to - from);
    return entries[from + index];
  }

  @Override
  public int size() {
    return to - from;
  }
}
