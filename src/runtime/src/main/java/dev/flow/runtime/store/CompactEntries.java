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
    Object[] cells = new Object[n + 4];
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
        } else if (live(result)) {
          values = values == null ? new Object[n] : values;
          values[i] = value(result);
        } else {
          continue; // a value read back encoded, or a null of its own: the entry is kept as it is
        }
        cells[i] = completed.stepId();
      } else if (i == 0 && first && entry instanceof InstanceStarted started && started.parentId() == null
          && started.callerStepId() == null && started.eventsAfter() == 0 && started.workflow().equals(workflow)
          && started.version() == version && live(started.input())) {
        cells[i] = STARTED;
        cells[n + 2] = value(started.input());
      } else if (entry instanceof InstanceEnded end && end.failedStep() == null && end.message() == null
          && cells[n + 3] == null && live(end.output())) {
        cells[i] = end.state();
        cells[n + 3] = value(end.output());
      }
    }
    cells[n] = values;
    cells[n + 1] = longs;
    return cells;
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
      } else if (cell instanceof String stepId) {
        Object value = values == null ? null : values[k];
        entry = new ActionCompleted(stepId, value == null ? Payload.of(longs[nextLong++]) : payload(value), 1);
      } else if (cell == STARTED) {
        entry = new InstanceStarted(workflow, version, payload(cells[count + 2]), null, null, 0);
      } else {
        entry = new InstanceEnded((InstanceState) cell, payload(cells[count + 3]), null, null);
      }
      out[i++] = new Recorded(before + k + 1, at, entry);
    }
    return i;
  }
}
