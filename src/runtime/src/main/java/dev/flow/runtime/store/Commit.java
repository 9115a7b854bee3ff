package dev.flow.runtime.store;

import dev.flow.runtime.history.HistoryEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One atomic write: entries for one or more instances, and engine-wide facts.
 *
 * @param at when it is committed (the engine's clock): every entry gets this time
 * @param appends the parts, one per instance
 * @param facts engine-wide facts to set (e.g. {@code schedule:WORKFLOW} → its next firing); a
 *     {@code null} value removes a fact
 */
public record Commit(Instant at, List<Append> appends, Map<String, String> facts) {
  public Commit {
    Objects.requireNonNull(at, "at");
    appends = List.copyOf(appends);
    if (appends.size() > 1) {
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (Append append : appends) {
        if (!ids.add(append.instanceId())) {
          throw new IllegalArgumentException("a commit with two parts for instance " + append.instanceId()
              + ": put its entries in one part");
        }
      }
    }
    facts = facts.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
  }

  /** A commit of entries to one instance. */
  public static Commit of(Instant at, String instanceId, long expectedSequence, List<HistoryEntry> entries) {
    return new Commit(at, List.of(new Append(instanceId, expectedSequence, entries)), Map.of());
  }

  /**
   * Entries for one instance.
   *
   * @param instanceId the instance
   * @param expectedSequence the instance's last sequence before this part (0 for a new instance,
   *     whose first entry must be an {@code InstanceStarted})
   * @param entries what to append; they get sequences {@code expectedSequence + 1}, {@code + 2}, …
   */
  public record Append(String instanceId, long expectedSequence, List<HistoryEntry> entries) {
    public Append {
      Objects.requireNonNull(instanceId, "instanceId");
      if (expectedSequence < 0) {
        throw new IllegalArgumentException("expected sequence " + expectedSequence);
      }
      entries = entries instanceof Batch batch ? batch.seal()
          : entries instanceof dev.flow.runtime.history.EntrySlice ? entries : List.copyOf(entries);
      if (entries.isEmpty()) {
        throw new IllegalArgumentException("an append with no entries");
      }
      if (expectedSequence == 0 && !(entries.get(0) instanceof HistoryEntry.InstanceStarted)) {
        throw new IllegalArgumentException("the history of instance " + instanceId + " must begin with InstanceStarted, not "
            + entries.get(0).getClass().getSimpleName());
      }
    }
  }

  /**
   * Entries collected for one {@link Append} by one thread: an append takes them as they are,
   * without the copy it makes of any other list, and from then on they cannot change
   * ({@link #add} throws). What the engine collects between two side effects of an instance.
   */
  public static final class Batch extends java.util.AbstractList<HistoryEntry> implements java.util.RandomAccess {
    private HistoryEntry[] entries;
    private int size;
    private boolean sealed;

    /** An empty batch with room for {@code room} entries before it grows. */
    public Batch(int room) {
      entries = new HistoryEntry[Math.max(room, 2)];
    }

    /**
     * Adds an entry.
     *
     * @throws UnsupportedOperationException once an append holds the batch
     */
    @Override
    public boolean add(HistoryEntry entry) {
      if (sealed) {
        throw new UnsupportedOperationException("these entries were handed to the store: they cannot change");
      }
      Objects.requireNonNull(entry, "entry");
      if (size == entries.length) {
        entries = java.util.Arrays.copyOf(entries, size * 2);
      }
      entries[size++] = entry;
      modCount++;
      return true;
    }

    @Override
    public HistoryEntry get(int index) {
      Objects.checkIndex(index, size);
      return entries[index];
    }

    @Override
    public int size() {
      return size;
    }

    /** Makes the batch unchangeable (an append holds it now); returns it. */
    Batch seal() {
      sealed = true;
      return this;
    }
  }
}
