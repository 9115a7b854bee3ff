package dev.flow.runtime.store;

import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

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
  /** One instance's history, with the lock its appends take. */
  private static final class History {
    final ReentrantLock lock = new ReentrantLock();
    final ArrayList<Recorded> entries = new ArrayList<>();
  }

  private final ConcurrentHashMap<String, History> histories = new ConcurrentHashMap<>();
  private final Indexes indexes;
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
    List<History> locked = new ArrayList<>(parts.size());
    try {
      for (Commit.Append part : parts) {
        History history = histories.computeIfAbsent(part.instanceId(), id -> new History());
        history.lock.lock();
        locked.add(history);
      }
      for (int i = 0; i < parts.size(); i++) {
        long actual = locked.get(i).entries.size();
        if (actual != parts.get(i).expectedSequence()) {
          throw new AppendConflict(parts.get(i).instanceId(), parts.get(i).expectedSequence(), actual);
        }
      }
      for (int i = 0; i < parts.size(); i++) {
        ArrayList<Recorded> entries = locked.get(i).entries;
        long sequence = parts.get(i).expectedSequence();
        for (HistoryEntry entry : parts.get(i).entries()) {
          entries.add(new Recorded(++sequence, commit.at(), entry));
        }
      }
      for (String gone : indexes.apply(commit)) {
        histories.remove(gone);
      }
    } finally {
      for (History history : locked) {
        history.lock.unlock();
      }
    }
  }

  @Override
  public List<Recorded> read(String instanceId) {
    return readAfter(instanceId, 0);
  }

  @Override
  public List<Recorded> readAfter(String instanceId, long sequence) {
    History history = histories.get(instanceId);
    if (history == null) {
      return List.of();
    }
    history.lock.lock();
    try {
      int from = (int) Math.min(Math.max(sequence, 0), history.entries.size());
      return List.copyOf(history.entries.subList(from, history.entries.size()));
    } finally {
      history.lock.unlock();
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
  public List<SubscriptionRow> subscriptions(String eventType, List<List<String>> keys) {
    return indexes.subscriptions(eventType, keys);
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
