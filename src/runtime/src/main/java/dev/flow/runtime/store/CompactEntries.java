package dev.flow.runtime.store;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.HistoryEntry.ActionCompleted;
import dev.flow.runtime.history.HistoryEntry.InstanceEnded;
import dev.flow.runtime.history.HistoryEntry.InstanceStarted;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.Recorded;
import java.time.Instant;
import java.util.List;

/**
 * A commit's entries of an ended instance, as the memory store keeps them: fewer and smaller objects for the collector
 * to copy and mark than the entries as committed, read back as equal entries.
 *
 * <p>The entries of one commit are held either as the list the commit brought, or in the compact form: one
 * {@code Object[]} of {@code n + 4} cells for {@code n} entries. Cell {@code i} is the entry itself, or one of these
 * kept without its record and its payload wrapper:
 * <ul>
 *   <li>an {@link ActionCompleted} of a first attempt whose result this engine made (the commonest entry): its step id.
 *       Cell {@code n} holds such entries' values other than {@code Long}s, by position (an {@code Object[]};
 *       {@code null} where the value is a {@code Long}, and the whole cell {@code null} when every value is one); cell
 *       {@code n + 1} the {@code Long} values, one after the other (a {@code long[]}, or {@code null});</li>
 *   <li>the instance's {@link InstanceStarted}, first of the history, when it has no parent and its workflow and
 *       version are the instance's: {@link #STARTED}, with its input's value in cell {@code n + 2};</li>
 *   <li>an {@link InstanceEnded} without a failed step or message: its state, with its output's value in cell
 *       {@code n + 3}.</li>
 * </ul>
 * The same cells and numbers may instead be runs of larger arrays shared by many instances ({@link #write}, {@link Slab}).
 * An entry read back is a new record equal to the committed one: the same strings and numbers, and the same value
 * objects (for a {@code Long} result an equal one). Ten action steps of one commit, with their ten
 * {@code ActionScheduled} (constants of the generated code) and the instance's start and end, are then two arrays,
 * where the committed entries were some forty objects (a completion, its payload wrapper and its boxed result each,
 * the start and the end with their payloads, and the list).
 */
final class CompactEntries {
  private CompactEntries() {}

  /** In a value cell: no value ({@link Payload#NONE}). */
  private static final Object NONE = new Object();
  /** In an entry's cell: the instance's {@link InstanceStarted}. */
  private static final Object STARTED = new Object();

  /**
   * The entries in the compact form (or as they are, if they are in it already).
   *
   * @param entries a commit's entries, as committed or in the compact form
   * @param first whether they are the history's first (then the first may be the instance's start)
   * @param workflow the instance's workflow (shared: what a start read back names)
   * @param version the instance's version
   */
  static Object of(Object entries, boolean first, String workflow, int version) {
    if (!(entries instanceof List)) {
      return entries; // in the compact form already (arrays of its own, or a slab's)
    }
    @SuppressWarnings("unchecked")
    List<HistoryEntry> list = (List<HistoryEntry>) entries;
    int longCount = longCount(list);
    Object[] cells = new Object[list.size() + 4];
    long[] longs = longCount == 0 ? null : new long[longCount];
    write(list, first, workflow, version, cells, 0, longs, 0);
    cells[list.size() + 1] = longs;
    return cells;
  }

  /** How many of the entries are kept as a number (a first attempt's completion with a {@code Long} result). */
  static int longCount(List<HistoryEntry> entries) {
    int longCount = 0;
    for (int i = 0, n = entries.size(); i < n; i++) {
      if (flatLong(entries.get(i))) {
        longCount++;
      }
    }
    return longCount;
  }

  /**
   * Writes the entries in the compact form into {@code cells} from {@code base} on ({@code n + 4} cells for {@code n}
   * entries; cell {@code base + n + 1}, the numbers' array, is left as it is) and their {@link #longCount} numbers into
   * {@code longs} from {@code longBase} on: the form of {@link #of}, where the cells and the numbers are not arrays of
   * their own but runs of larger shared ones ({@link Slab}).
   */
  static void write(List<HistoryEntry> list, boolean first, String workflow, int version, Object[] cells, int base,
      long[] longs, int longBase) {
    int n = list.size();
    Object[] values = null;
    int nextLong = longBase;
    Object startedValue = null;
    Object endedValue = null;
    for (int i = 0; i < n; i++) {
      HistoryEntry entry = list.get(i);
      Object cell = entry;
      if (entry instanceof ActionCompleted completed && completed.attempt() == 1) {
        Payload result = completed.result();
        if (flatLong(entry)) {
          longs[nextLong++] = (Long) result.value();
          cell = completed.stepId();
        } else if (live(result)) {
          values = values == null ? new Object[n] : values;
          values[i] = value(result);
          cell = completed.stepId();
        }
        // else a value read back encoded, or a null of its own: the entry is kept as it is
      } else if (i == 0 && first && entry instanceof InstanceStarted started && started.parentId() == null
          && started.callerStepId() == null && started.eventsAfter() == 0 && started.workflow().equals(workflow)
          && started.version() == version && live(started.input())) {
        cell = STARTED;
        startedValue = value(started.input());
      } else if (entry instanceof InstanceEnded end && end.failedStep() == null && end.message() == null
          && endedValue == null && live(end.output())) {
        cell = end.state();
        endedValue = value(end.output());
      }
      cells[base + i] = cell;
    }
    cells[base + n] = values;
    cells[base + n + 2] = startedValue;
    cells[base + n + 3] = endedValue;
  }

  /** Whether the payload is {@link Payload#NONE} or holds a value that this engine made. */
  private static boolean live(Payload payload) {
    return payload == Payload.NONE || payload.getClass() == Payload.Live.class && payload.value() != null;
  }

  /** What a value cell holds for a {@link #live} payload. */
  private static Object value(Payload payload) {
    return payload == Payload.NONE ? NONE : payload.value();
  }

  /** The payload of what a value cell holds. */
  private static Payload payload(Object value) {
    return value == NONE ? Payload.NONE : Payload.of(value);
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
      return cells.length - 4;
    }
    return ((List<?>) entries).size();
  }

  /**
   * Puts entries {@code from} to the last (either form) into {@code out} from {@code i} on, as recorded at {@code at}
   * with sequences from {@code before + from + 1}, until {@code out} is full.
   *
   * @param workflow the instance's workflow, as given to {@link #of}
   * @param version the instance's version
   * @return the index in {@code out} after the last put
   */
  static int read(Object entries, int from, Recorded[] out, int i, long before, Instant at, String workflow, int version) {
    int count = size(entries);
    if (!(entries instanceof Object[] cells)) {
      List<?> list = (List<?>) entries;
      for (int k = from; k < count && i < out.length; k++) {
        out[i++] = new Recorded(before + k + 1, at, (HistoryEntry) list.get(k));
      }
      return i;
    }
    return read(cells, 0, count, (long[]) cells[count + 1], 0, from, out, i, before, at, workflow, version);
  }

  /**
   * As {@link #read(Object, int, Recorded[], int, long, Instant, String, int)}, for {@code count} entries that
   * {@link #write} wrote into {@code cells} from {@code base} on and into {@code longs} from {@code longBase} on.
   */
  static int read(Object[] cells, int base, int count, long[] longs, int longBase, int from, Recorded[] out, int i,
      long before, Instant at, String workflow, int version) {
    Object[] values = (Object[]) cells[base + count];
    int nextLong = longBase;
    for (int k = 0; k < from; k++) {
      if (cells[base + k] instanceof String && (values == null || values[k] == null)) {
        nextLong++;
      }
    }
    for (int k = from; k < count && i < out.length; k++) {
      Object cell = cells[base + k];
      HistoryEntry entry;
      if (cell instanceof HistoryEntry kept) {
        entry = kept;
      } else if (cell instanceof String stepId) {
        Object value = values == null ? null : values[k];
        entry = new ActionCompleted(stepId, value == null ? Payload.of(longs[nextLong++]) : payload(value), 1);
      } else if (cell == STARTED) {
        entry = new InstanceStarted(workflow, version, payload(cells[base + count + 2]), null, null, 0);
      } else {
        entry = new InstanceEnded((InstanceState) cell, payload(cells[base + count + 3]), null, null);
      }
      out[i++] = new Recorded(before + k + 1, at, entry);
    }
    return i;
  }
}
