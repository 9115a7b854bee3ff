package dev.flow.runtime.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The waiting {@code receive}s, by event type and then by correlation key list, so a published
 * event finds its receivers in O(keys) lookups, not by looking at every waiting instance. Part of
 * {@link Indexes}, which guards it; not thread-safe on its own.
 */
final class SubscriptionIndex {
  private record Key(String instanceId, String stepId) {}

  /** A subscription with its place in the order of arrival. */
  private record Entry(long ordinal, SubscriptionRow row) {}

  private final Map<String, Map<List<String>, LinkedHashMap<Key, Entry>>> byType = new HashMap<>();
  /** Which subscriptions an instance has: instance id → its receives (step id → subscription). */
  private final Map<String, Map<String, SubscriptionRow>> ofInstance = new HashMap<>();
  private long ordinal;

  void add(SubscriptionRow row) {
    remove(row.instanceId(), row.stepId());
    byType.computeIfAbsent(row.eventType(), t -> new HashMap<>())
        .computeIfAbsent(row.correlation(), c -> new LinkedHashMap<>())
        .put(new Key(row.instanceId(), row.stepId()), new Entry(ordinal++, row));
    ofInstance.computeIfAbsent(row.instanceId(), i -> new HashMap<>(2)).put(row.stepId(), row);
  }

  /** Drops a subscription (its event arrived, it timed out); nothing when there is none. */
  void remove(String instanceId, String stepId) {
    Map<String, SubscriptionRow> mine = ofInstance.get(instanceId);
    if (mine == null) {
      return;
    }
    SubscriptionRow row = mine.remove(stepId);
    if (mine.isEmpty()) {
      ofInstance.remove(instanceId);
    }
    if (row != null) {
      unlink(row);
    }
  }

  /** Drops every subscription of an instance. */
  void removeAll(String instanceId) {
    Map<String, SubscriptionRow> mine = ofInstance.remove(instanceId);
    if (mine != null) {
      mine.values().forEach(this::unlink);
    }
  }

  private void unlink(SubscriptionRow row) {
    Map<List<String>, LinkedHashMap<Key, Entry>> byKeys = byType.get(row.eventType());
    LinkedHashMap<Key, Entry> entries = byKeys.get(row.correlation());
    entries.remove(new Key(row.instanceId(), row.stepId()));
    if (entries.isEmpty()) {
      byKeys.remove(row.correlation());
      if (byKeys.isEmpty()) {
        byType.remove(row.eventType());
      }
    }
  }

  /** Those waiting for this type with one of the key lists, and the uncorrelated ones, oldest first. */
  List<SubscriptionRow> find(String eventType, List<List<String>> keys) {
    Map<List<String>, LinkedHashMap<Key, Entry>> byKeys = byType.get(eventType);
    if (byKeys == null) {
      return new ArrayList<>();
    }
    LinkedHashSet<List<String>> wanted = new LinkedHashSet<>();
    wanted.add(List.of());
    wanted.addAll(keys);
    List<Entry> found = new ArrayList<>();
    for (List<String> key : wanted) {
      LinkedHashMap<Key, Entry> entries = byKeys.get(key);
      if (entries != null) {
        found.addAll(entries.values());
      }
    }
    found.sort(Comparator.comparingLong(Entry::ordinal));
    List<SubscriptionRow> rows = new ArrayList<>(found.size());
    found.forEach(e -> rows.add(e.row()));
    return rows;
  }
}
