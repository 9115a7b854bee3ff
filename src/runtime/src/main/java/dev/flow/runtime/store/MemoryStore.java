package dev.flow.runtime.store;

import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store in memory, for tests and {@code flowc run}: histories as lists of {@link Recorded}
 * holding the engine's own values, and the shared {@link Indexes}. Appends to different instances
 * do not wait for each other: a commit locks only its instances' histories, always in the order of
 * their ids so two multi-instance commits cannot deadlock, checks every expected sequence, and
 * then appends every part.
 *
 * <p>By default it keeps every history. {@link #MemoryStore(int)} keeps only the most recently
 * ended {@code n} instances (open ones are always kept), so a long-running in-memory engine stays
 * bounded.
 */
public final class MemoryStore implements Store {
  /**
   * One instance's history (its monitor is the lock its appends and reads take): the commits'
   * entry lists as they came (they are immutable), each with its time, so an append copies nothing
   * and makes no object per entry; a read makes the {@link Recorded}s.
   */
  private static final class History {
    final ArrayList<Part> parts = new ArrayList<>(2);
    int size;
    /**
     * No longer this store's history of its instance (set under its lock when an append that made it
     * failed and left it empty, and when the retention drops it): an append that holds it looks again.
     */
    volatile boolean retired;

    void add(Instant at, List<HistoryEntry> entries) {
      parts.add(new Part(size, at, entries));
      size += entries.size();
    }

    /** Takes back the last {@link #add} (of a commit the indexes refused). */
    void removeLast() {
      Part last = parts.remove(parts.size() - 1);
      size = last.before;
    }

    /** The entries after {@code sequence}, as recorded. */
    List<Recorded> after(long sequence) {
      return between(sequence, size);
    }

    /** The entries after {@code sequence} up to {@code last} (inclusive), as recorded. */
    List<Recorded> between(long sequence, long last) {
      int from = (int) Math.min(Math.max(sequence, 0), size);
      int to = (int) Math.min(Math.max(last, from), size);
      if (from == to) {
        return List.of();
      }
      Recorded[] out = new Recorded[to - from];
      int i = 0;
      for (int p = first(from); p < parts.size() && i < out.length; p++) {
        Part part = parts.get(p);
        List<HistoryEntry> entries = part.entries;
        for (int k = Math.max(0, from - part.before); k < entries.size() && i < out.length; k++) {
          out[i++] = new Recorded(part.before + k + 1L, part.at, entries.get(k));
        }
      }
      return java.util.Arrays.asList(out);
    }

    /** The index of the part that holds the entry after {@code sequence}. */
    private int first(int sequence) {
      int low = 0;
      int high = parts.size() - 1;
      while (low < high) {
        int middle = (low + high + 1) >>> 1;
        if (parts.get(middle).before <= sequence) {
          low = middle;
        } else {
          high = middle - 1;
        }
      }
      return low;
    }
  }

  /** One commit's entries of one instance: the entries after sequence {@code before}. */
  private record Part(int before, Instant at, List<HistoryEntry> entries) {}

  private final ConcurrentHashMap<String, History> histories = new ConcurrentHashMap<>();
  private final Indexes indexes;
  private final EventBuffer events = new EventBuffer();
  private volatile boolean closed;

  /** A store that keeps every history. */
  public MemoryStore() {
    this(Integer.MAX_VALUE);
  }

  /** A store that keeps the histories of every open instance and of the {@code retainEnded} most recently ended. */
  public MemoryStore(int retainEnded) {
    this.indexes = new Indexes(retainEnded);
  }

  /** Nothing here outlives the process. */
  @Override
  public boolean outlivesProcess() {
    return false;
  }

  /** What {@link #appendAsync} returns for every commit it took: one future, done (completing it again changes nothing). */
  private static final java.util.concurrent.CompletableFuture<Void> DONE =
      java.util.concurrent.CompletableFuture.completedFuture(null);

  /** Appends at once, as {@link #append}: a future of its own would only be one more object per commit. */
  @Override
  public java.util.concurrent.CompletableFuture<Void> appendAsync(Commit commit) {
    try {
      append(commit);
      return DONE;
    } catch (RuntimeException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  /**
   * {@inheritDoc} A part for an instance this store does not hold (never started, or dropped by the
   * retention) that does not start it is refused with an {@link AppendConflict} whose actual sequence
   * is 0, and leaves nothing behind: the instance stays unknown.
   */
  @Override
  public void append(Commit commit) {
    if (closed) {
      throw new StoreException("the in-memory store is closed");
    }
    List<Commit.Append> parts = commit.appends();
    if (parts.size() > 1) {
      parts = new ArrayList<>(parts);
      parts.sort(Comparator.comparing(Commit.Append::instanceId));
    }
    History[] histories = new History[parts.size()];
    while (true) {
      boolean made = false;
      for (int i = 0; i < histories.length; i++) {
        Commit.Append part = parts.get(i);
        History history = this.histories.get(part.instanceId());
        if (history == null) {
          if (part.expectedSequence() > 0) {
            throw new AppendConflict(part.instanceId(), part.expectedSequence(), 0);
          }
          // One lookup: the history another start of the same id made meanwhile, or this one.
          History fresh = new History();
          History before = this.histories.putIfAbsent(part.instanceId(), fresh);
          history = before != null ? before : fresh;
          made = true;
        }
        histories[i] = history;
      }
      try {
        if (appendLocked(commit, parts, histories, 0)) {
          return;
        }
      } catch (RuntimeException e) {
        if (made) {
          forgetEmpty(parts, histories);
        }
        throw e;
      }
      // A history this append took was retired meanwhile: take them again.
    }
  }

  /** After a failed append: the histories it made for new instances, still empty, go (retired). */
  private void forgetEmpty(List<Commit.Append> parts, History[] made) {
    for (int i = 0; i < made.length; i++) {
      if (parts.get(i).expectedSequence() == 0) {
        synchronized (made[i]) {
          if (made[i].size == 0 && !made[i].retired) {
            made[i].retired = true;
            histories.remove(parts.get(i).instanceId(), made[i]);
          }
        }
      }
    }
  }

  /**
   * Takes the lock of history {@code i} (and, inside it, those after it), then appends every part.
   *
   * @return false when a history was retired before its lock was taken (nothing is written)
   */
  private boolean appendLocked(Commit commit, List<Commit.Append> parts, History[] locked, int i) {
    if (i < locked.length) {
      synchronized (locked[i]) {
        return appendLocked(commit, parts, locked, i + 1);
      }
    }
    for (int k = 0; k < parts.size(); k++) {
      if (locked[k].retired) {
        if (parts.get(k).expectedSequence() > 0) {
          throw new AppendConflict(parts.get(k).instanceId(), parts.get(k).expectedSequence(), 0);
        }
        return false;
      }
      long actual = locked[k].size;
      if (actual != parts.get(k).expectedSequence()) {
        throw new AppendConflict(parts.get(k).instanceId(), parts.get(k).expectedSequence(), actual);
      }
    }
    for (int k = 0; k < parts.size(); k++) {
      locked[k].add(commit.at(), parts.get(k).entries());
    }
    List<String> dropped;
    try {
      dropped = indexes.apply(commit);
    } catch (StoreException refused) {
      // A part's instance was dropped by the retention after this append found its history.
      for (History history : locked) {
        history.removeLast();
      }
      for (Commit.Append part : parts) {
        if (part.expectedSequence() > 0 && !indexes.contains(part.instanceId())) {
          throw new AppendConflict(part.instanceId(), part.expectedSequence(), 0);
        }
      }
      throw refused;
    }
    for (String gone : dropped) {
      History history = histories.remove(gone);
      if (history != null) {
        history.retired = true;
      }
    }
    return true;
  }

  /** How many histories it holds (for its tests: a refused append leaves none behind). */
  int historyCount() {
    return histories.size();
  }

  @Override
  public List<Recorded> read(String instanceId) {
    return readAfter(instanceId, 0);
  }

  @Override
  public List<Recorded> readUpTo(String instanceId, long sequence) {
    History history = histories.get(instanceId);
    if (history == null) {
      return List.of();
    }
    synchronized (history) {
      return java.util.Collections.unmodifiableList(history.between(0, Math.min(sequence, history.size)));
    }
  }

  @Override
  public long lastCheckpoint(String instanceId) {
    return indexes.lastCheckpoint(instanceId);
  }

  @Override
  public List<Recorded> readAfter(String instanceId, long sequence) {
    History history = histories.get(instanceId);
    if (history == null) {
      return List.of();
    }
    synchronized (history) {
      return java.util.Collections.unmodifiableList(history.after(sequence));
    }
  }

  @Override
  public Optional<InstanceRow> instance(String instanceId) {
    return indexes.instance(instanceId);
  }

  @Override
  public List<InstanceRow> openInstances() {
    return indexes.openInstances();
  }

  @Override
  public List<InstanceRow> instances(InstanceQuery query) {
    return indexes.instances(query);
  }

  @Override
  public Optional<Instant> nextDue() {
    return indexes.nextDue();
  }

  @Override
  public List<TimerRow> dueTimers(Instant until, int limit) {
    return indexes.dueTimers(until, limit);
  }

  @Override
  public List<TaskRow> tasksForRole(String role) {
    return indexes.tasksForRole(role);
  }

  @Override
  public List<TaskRow> tasksForAssignee(String principal) {
    return indexes.tasksForAssignee(principal);
  }

  @Override
  public List<TaskRow> tasksOf(String instanceId) {
    return indexes.tasksOf(instanceId);
  }

  @Override
  public List<TaskRow> openTasks() {
    return indexes.openTasks();
  }

  @Override
  public List<IncidentRow> openIncidents() {
    return indexes.openIncidents();
  }

  @Override
  public List<SubscriptionRow> subscriptions(String eventType, List<List<String>> keys) {
    return indexes.subscriptions(eventType, keys);
  }

  @Override
  public long publish(String eventType, List<List<String>> keys, Instant at, Object event) {
    return publish(eventType, keys, at, event, null);
  }

  @Override
  public long publish(String eventType, List<List<String>> keys, Instant at, Object event, String origin) {
    if (closed) {
      throw new StoreException("the in-memory store is closed");
    }
    synchronized (events) {
      long kept = origin == null ? 0 : events.sequenceOf(origin);
      if (kept > 0) {
        return kept;
      }
      long sequence = events.next();
      events.add(new EventRow(sequence, eventType, keys, at, dev.flow.runtime.history.Payload.of(event), origin));
      return sequence;
    }
  }

  /** {@inheritDoc} Dropped from the indexes and histories by the next commit. */
  @Override
  public void retain(Retention retention) {
    indexes.retain(retention);
  }

  @Override
  public List<String> unpublishedEmitters() {
    return indexes.unpublishedEmitters();
  }

  @Override
  public List<EventRow> events(String eventType, List<String> correlation, long after, int limit) {
    return events.find(eventType, correlation, after, limit);
  }

  @Override
  public long lastEventSequence() {
    return events.last();
  }

  @Override
  public int pruneEvents(Instant before) {
    synchronized (events) {
      long through = events.lastBefore(before);
      return through == 0 ? 0 : events.dropThrough(through);
    }
  }

  @Override
  public long nextNumber(String prefix) {
    return indexes.nextNumber(prefix);
  }

  @Override
  public Optional<String> fact(String key) {
    return indexes.fact(key);
  }

  @Override
  public void close() {
    closed = true;
  }
}
