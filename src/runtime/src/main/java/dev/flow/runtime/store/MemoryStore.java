package dev.flow.runtime.store;

import dev.flow.runtime.history.Recorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The store in memory, for tests and {@code flowc run}: the shared {@link Indexes}, whose record of
 * each instance keeps its history too (the commits' entry lists as they came, holding the engine's
 * own values; one record and one map node per instance). Appends to different instances do not wait
 * for each other: a commit locks only its instances' records, always in the order of their ids so
 * two multi-instance commits cannot deadlock, checks every expected sequence, and then appends every
 * part; a part that starts an instance gets its record from the indexes, made with its entries.
 *
 * <p>By default it keeps every history. {@link #MemoryStore(int)} keeps only the most recently
 * ended {@code n} instances (open ones are always kept), so a long-running in-memory engine stays
 * bounded.
 */
public final class MemoryStore implements Store {
  private final Indexes indexes;
  private final EventBuffer events = new EventBuffer();
  private volatile boolean closed;

  /** A store that keeps every history. */
  public MemoryStore() {
    this(Integer.MAX_VALUE);
  }

  /** A store that keeps the histories of every open instance and of the {@code retainEnded} most recently ended. */
  public MemoryStore(int retainEnded) {
    this.indexes = new Indexes(retainEnded, true);
  }

  /** A store as {@link #MemoryStore(int)} whose ended histories go to slab chunks of these sizes (its tests' small ones). */
  MemoryStore(int retainEnded, int slabRefs, int slabLongs) {
    this.indexes = new Indexes(retainEnded, slabRefs, slabLongs);
  }

  /** Whether its slab has made a chunk (for its tests). */
  boolean slabStarted() {
    return indexes.slab().started();
  }

  /** How many slab chunks the instances it holds keep (for its tests). */
  int chunksHeld() {
    return indexes.chunksHeld();
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
    Indexes.Instance[] records = new Indexes.Instance[parts.size()];
    while (true) {
      for (int i = 0; i < records.length; i++) {
        Commit.Append part = parts.get(i);
        Indexes.Instance record = indexes.record(part.instanceId());
        if (record == null && part.expectedSequence() > 0) {
          throw new AppendConflict(part.instanceId(), part.expectedSequence(), 0);
        }
        // null: a start, whose record the indexes make with its entries (or refuse, if another start came first).
        records[i] = record;
      }
      if (appendLocked(commit, parts, records, 0)) {
        return;
      }
      // A record this append took was dropped by the retention meanwhile: take them again.
    }
  }

  /**
   * Takes the monitor of record {@code i} (and, inside it, those after it), then appends every part.
   *
   * @return false when a record was dropped before its monitor was taken (nothing is written)
   */
  private boolean appendLocked(Commit commit, List<Commit.Append> parts, Indexes.Instance[] locked, int i) {
    if (i < locked.length) {
      if (locked[i] == null) {
        return appendLocked(commit, parts, locked, i + 1);
      }
      synchronized (locked[i]) {
        return appendLocked(commit, parts, locked, i + 1);
      }
    }
    for (int k = 0; k < parts.size(); k++) {
      if (locked[k] == null) {
        continue;
      }
      if (locked[k].dropped) {
        if (parts.get(k).expectedSequence() > 0) {
          throw new AppendConflict(parts.get(k).instanceId(), parts.get(k).expectedSequence(), 0);
        }
        return false;
      }
      long actual = locked[k].historySize();
      if (actual != parts.get(k).expectedSequence()) {
        throw new AppendConflict(parts.get(k).instanceId(), parts.get(k).expectedSequence(), actual);
      }
    }
    for (int k = 0; k < parts.size(); k++) {
      if (locked[k] != null) {
        locked[k].addToHistory(commit.at(), parts.get(k).entries(), indexes.slab());
      }
    }
    try {
      // The dropped instances' records (and histories) went from the indexes with them.
      indexes.apply(commit);
    } catch (StoreException refused) {
      // A part's instance was dropped by the retention after this append found its record.
      takeBack(locked);
      for (Commit.Append part : parts) {
        if (part.expectedSequence() > 0 && !indexes.contains(part.instanceId())) {
          throw new AppendConflict(part.instanceId(), part.expectedSequence(), 0);
        }
      }
      throw refused;
    } catch (AppendConflict conflict) {
      takeBack(locked); // another start of a new part's id came first
      throw conflict;
    }
    return true;
  }

  private static void takeBack(Indexes.Instance[] locked) {
    for (Indexes.Instance record : locked) {
      if (record != null) {
        record.removeLastFromHistory();
      }
    }
  }

  /** How many histories it holds (for its tests: a refused append leaves none behind). */
  int historyCount() {
    return indexes.knownCount();
  }

  @Override
  public List<Recorded> read(String instanceId) {
    return readAfter(instanceId, 0);
  }

  @Override
  public List<Recorded> readUpTo(String instanceId, long sequence) {
    Indexes.Instance record = indexes.record(instanceId);
    if (record == null) {
      return List.of();
    }
    synchronized (record) {
      return java.util.Collections.unmodifiableList(record.historyBetween(0, Math.min(sequence, record.historySize())));
    }
  }

  @Override
  public long lastCheckpoint(String instanceId) {
    return indexes.lastCheckpoint(instanceId);
  }

  @Override
  public List<Recorded> readAfter(String instanceId, long sequence) {
    Indexes.Instance record = indexes.record(instanceId);
    if (record == null) {
      return List.of();
    }
    synchronized (record) {
      return java.util.Collections.unmodifiableList(record.historyBetween(sequence, record.historySize()));
    }
  }

  @Override
  public Optional<InstanceRow> instance(String instanceId) {
    return indexes.instance(instanceId);
  }

  /** {@inheritDoc} An ended instance's without the lock and without a row. */
  @Override
  public dev.flow.runtime.InstanceState stateOf(String instanceId) {
    return indexes.stateOf(instanceId);
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

  /** {@inheritDoc} Dropped from the indexes, with their histories, by the next commit. */
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
