package dev.flow.runtime.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The set timers, ordered by due time (then instance and timer id, so the order is total and
 * deterministic). Part of {@link Indexes}, which guards it; not thread-safe on its own.
 */
final class TimerIndex {
  private record Key(Instant due, String instanceId, String timerId) {}

  private static final Comparator<Key> ORDER =
      Comparator.comparing(Key::due).thenComparing(Key::instanceId).thenComparing(Key::timerId);

  private final TreeMap<Key, TimerRow> byDue = new TreeMap<>(ORDER);
  /** Where to find a set timer by its identity: instance id → timer id → due. */
  private final Map<String, Map<String, Instant>> dueOf = new HashMap<>();

  /** Sets a timer; setting one with the same identity again moves it. */
  void set(TimerRow row) {
    cancel(row.instanceId(), row.timerId());
    byDue.put(new Key(row.due(), row.instanceId(), row.timerId()), row);
    dueOf.computeIfAbsent(row.instanceId(), i -> new HashMap<>(2)).put(row.timerId(), row.due());
  }

  /** Drops a timer (fired, cancelled); nothing when it is not set. */
  void cancel(String instanceId, String timerId) {
    Map<String, Instant> timers = dueOf.get(instanceId);
    if (timers == null) {
      return;
    }
    Instant due = timers.remove(timerId);
    if (due != null) {
      byDue.remove(new Key(due, instanceId, timerId));
    }
    if (timers.isEmpty()) {
      dueOf.remove(instanceId);
    }
  }

  /** Cancels every timer of an instance; returns whether it had any. */
  boolean cancelAll(String instanceId) {
    Map<String, Instant> timers = dueOf.remove(instanceId);
    if (timers != null) {
      timers.forEach((timerId, due) -> byDue.remove(new Key(due, instanceId, timerId)));
    }
    return timers != null;
  }

  Optional<Instant> nextDue() {
    return byDue.isEmpty() ? Optional.empty() : Optional.of(byDue.firstKey().due());
  }

  List<TimerRow> due(Instant until, int limit) {
    List<TimerRow> rows = new ArrayList<>();
    for (TimerRow row : byDue.values()) {
      if (rows.size() >= limit || row.due().isAfter(until)) {
        break;
      }
      rows.add(row);
    }
    return rows;
  }
}
