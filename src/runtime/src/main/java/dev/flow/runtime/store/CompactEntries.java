package dev.flow.runtime.store;

import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.HistoryEntry.ActionCompleted;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.Recorded;
import java.time.Instant;
import java.util.List;

/**
 * A commit's entries of an ended instance, as the memory store keeps them: fewer and smaller objects for the collector
 * to copy and mark than the entries as committed, read back as equal entries.
 *
 * <p>The entries of one commit are held either as the list the commit brought, or in the compact form: one
 * {@code Object[]} of {@code n + 2} cells for {@code n} entries. Cell {@code i} is the entry itself, or, for an
 * {@link ActionCompleted} of a first attempt whose result this engine made (the commonest entry), its step id alone.
 * Cell {@code n} holds such entries' values other than {@code Long}s, by position (an {@code Object[]}; {@code null}
 * where the value is a {@code Long}, and the whole cell {@code null} when every value is one); cell {@code n + 1} the
 * {@code Long} values, one after the other (a {@code long[]}, or {@code null}). An {@code ActionCompleted} read back is
 * a new record equal to the committed one: the same step id, attempt and value (the same object, or for a {@code Long}
 * an equal one). Ten action steps of one commit, with their ten {@code ActionScheduled} (constants of the generated
 * code), are then two arrays, where the committed entries were thirty-odd objects (a completion, its payload wrapper
 * and its boxed result each, and the list).
 */
final class CompactEntries {
  private CompactEntries() {}

  /** In the values cell: the action had no result ({@link Payload#NONE}). */
  private static final Object NONE = new Object();

  /** The entries in the compact form (or as they are, if they are in it already). */
  static Object of(Object entries) {
    if (entries instanceof Object[]) {
      return entries;
    }
    @SuppressWarnings("unchecked")
    List<HistoryEntry> list = (List<HistoryEntry>) entries;
    int n = list.size();
    int longCount = 0;
    for (int i = 0; i < n; i++) {
      if (flatLong(list.get(i))) {
        longCount++;
      }
    }
    Object[] cells = new Object[n + 2];
    Object[] values = null;
    long[] longs = longCount == 0 ? null : new long[longCount];
    int nextLong = 0;
    for (int i = 0; i < n; i++) {
      HistoryEntry entry = list.get(i);
      cells[i] = entry;
      if (entry instanceof ActionCompleted completed && completed.attempt() == 1) {
        Payload result = completed.result();
        if (flatLong(entry)) {
          longs[nextLong++] = (Long) result.value();
        } else if (result == Payload.NONE || result.getClass() == Payload.Live.class && result.value() != null) {
          values = values == null ? new Object[n] : values;
          values[i] = result == Payload.NONE ? NONE : result.value();
        } else {
          continue; // a value read back encoded, or a null of its own: the entry is kept as it is
        }
        cells[i] = completed.stepId();
      }
    }
    cells[n] = values;
    cells[n + 1] = longs;
    return cells;
  }

  /** Whether the entry is a first attempt's completion whose result is a {@code Long} that this engine made. */
  private static boolean flatLong(HistoryEntry entry) {
    if (entry instanceof ActionCompleted completed && completed.attempt() == 1) {
      Payload result = completed.result();
      return result.getClass() == Payload.Live.class && result.value() != null && result.value().getClass() == Long.class;
    }
    return false;
  }

  /** How many entries these are (either form). */
  static int size(Object entries) {
    if (entries instanceof Object[] cells) {
      return cells.length - 2;
    }
    return ((List<?>) entries).size();
  }

  /**
   * Puts entries {@code from} to the last (either form) into {@code out} from {@code i} on, as recorded at {@code at}
   * with sequences from {@code before + from + 1}, until {@code out} is full.
   *
   * @return the index in {@code out} after the last put
   */
  static int read(Object entries, int from, Recorded[] out, int i, long before, Instant at) {
    int count = size(entries);
    if (!(entries instanceof Object[] cells)) {
      List<?> list = (List<?>) entries;
      for (int k = from; k < count && i < out.length; k++) {
        out[i++] = new Recorded(before + k + 1, at, (HistoryEntry) list.get(k));
      }
      return i;
    }
    Object[] values = (Object[]) cells[count];
    long[] longs = (long[]) cells[count + 1];
    int nextLong = 0;
    for (int k = 0; k < from; k++) {
      if (cells[k] instanceof String && (values == null || values[k] == null)) {
        nextLong++;
      }
    }
    for (int k = from; k < count && i < out.length; k++) {
      Object cell = cells[k];
      HistoryEntry entry;
      if (cell instanceof HistoryEntry kept) {
        entry = kept;
      } else {
        Object value = values == null ? null : values[k];
        Payload result;
        if (value == null) {
          result = Payload.of(longs[nextLong++]);
        } else {
          result = value == NONE ? Payload.NONE : Payload.of(value);
        }
        entry = new ActionCompleted((String) cell, result, 1);
      }
      out[i++] = new Recorded(before + k + 1, at, entry);
    }
    return i;
  }
}
