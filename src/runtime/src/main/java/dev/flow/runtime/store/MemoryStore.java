package dev.flow.runtime.store;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The in-memory store: for tests and dry runs. Every commit takes one lock. */
public final class MemoryStore implements Store {
  private final Map<String, List<Recorded>> histories = new HashMap<>();
  private final Map<String, InstanceRow> rows = new LinkedHashMap<>();
  private final Map<String, TaskRow> tasks = new LinkedHashMap<>();
  private final TreeSet<TimerRow> timers = new TreeSet<>(
      Comparator.comparing(TimerRow::due).thenComparing(TimerRow::instanceId).thenComparing(TimerRow::timerId));
  private final Map<String, TimerRow> timersById = new HashMap<>();
  private final Map<String, SubscriptionRow> subscriptions = new LinkedHashMap<>();
  private final Map<String, String> facts = new HashMap<>();
  private final Map<String, Long> numbers = new HashMap<>();

  @Override
  public synchronized void append(Commit commit) {
    for (Commit.Append append : commit.appends()) {
      long last = last(append.instanceId());
      if (last != append.expectedSequence()) {
        throw new AppendConflict(append.instanceId(), append.expectedSequence(), last);
      }
    }
    for (Commit.Append append : commit.appends()) {
      List<Recorded> history = histories.computeIfAbsent(append.instanceId(), k -> new ArrayList<>());
      long sequence = append.expectedSequence();
      for (HistoryEntry entry : append.entries()) {
        Recorded recorded = new Recorded(++sequence, commit.at(), entry);
        history.add(recorded);
        index(append.instanceId(), recorded);
      }
    }
    commit.facts().forEach((key, value) -> {
      if (value == null) {
        facts.remove(key);
      } else {
        facts.put(key, value);
      }
    });
  }

  private long last(String instanceId) {
    List<Recorded> history = histories.get(instanceId);
    return history == null ? 0 : history.size();
  }

  private static String key(String instanceId, String stepId) {
    return instanceId + "/" + stepId;
  }

  private void index(String id, Recorded recorded) {
    HistoryEntry entry = recorded.entry();
    String key = key(id, entry.stepId());
    InstanceRow row = rows.get(id);
    if (entry instanceof HistoryEntry.InstanceStarted e) {
      row = new InstanceRow(id, e.workflow(), e.version(), InstanceState.RUNNING, recorded.at(), null, e.parentId(), 0);
      int dash = id.lastIndexOf('-');
      if (dash > 0) {
        try {
          numbers.merge(id.substring(0, dash), Long.parseLong(id.substring(dash + 1)), Math::max);
        } catch (NumberFormatException ignored) {
          // not a numbered id
        }
      }
    } else if (entry instanceof HistoryEntry.InstanceEnded e) {
      row = new InstanceRow(id, row.workflow(), row.version(), e.state(), row.started(), recorded.at(), row.parentId(), 0);
      tasks.keySet().removeIf(k -> k.startsWith(id + "/"));
      timers.removeIf(t -> t.instanceId().equals(id));
      timersById.keySet().removeIf(k -> k.startsWith(id + "/"));
      subscriptions.keySet().removeIf(k -> k.startsWith(id + "/"));
    } else if (entry instanceof HistoryEntry.TaskCreated e) {
      tasks.put(key, new TaskRow(id, e.stepId(), e.step(), e.kind(), e.role(), e.escalateTo(), recorded.at(), e.due(), null,
          false));
    } else if (entry instanceof HistoryEntry.TaskClaimed e) {
      tasks.computeIfPresent(key, (k, t) -> assigned(t, e.principal(), t.escalated()));
    } else if (entry instanceof HistoryEntry.TaskAssigned e) {
      tasks.computeIfPresent(key, (k, t) -> assigned(t, e.assignee(), t.escalated()));
    } else if (entry instanceof HistoryEntry.TaskReleased) {
      tasks.computeIfPresent(key, (k, t) -> assigned(t, null, t.escalated()));
    } else if (entry instanceof HistoryEntry.Breached) {
      tasks.computeIfPresent(key, (k, t) -> assigned(t, t.assignee(), true));
    } else if (entry instanceof HistoryEntry.TaskCompleted || entry instanceof HistoryEntry.TaskWithdrawn) {
      tasks.remove(key);
    } else if (entry instanceof HistoryEntry.TimerSet e) {
      TimerRow timer = new TimerRow(id, e.stepId(), e.purpose(), e.due());
      TimerRow old = timersById.put(key, timer);
      if (old != null) {
        timers.remove(old);
      }
      timers.add(timer);
    } else if (entry instanceof HistoryEntry.TimerFired || entry instanceof HistoryEntry.TimerCancelled) {
      TimerRow old = timersById.remove(key);
      if (old != null) {
        timers.remove(old);
      }
    } else if (entry instanceof HistoryEntry.ReceiveWaiting e) {
      subscriptions.put(key, new SubscriptionRow(id, e.stepId(), e.eventType(), e.correlation()));
    } else if (entry instanceof HistoryEntry.EventReceived || entry instanceof HistoryEntry.ReceiveTimedOut
        || entry instanceof HistoryEntry.ReceiveCancelled) {
      subscriptions.remove(key);
    }
    if (row != null) {
      rows.put(id, new InstanceRow(row.id(), row.workflow(), row.version(), row.state(), row.started(), row.ended(),
          row.parentId(), recorded.sequence()));
    }
  }

  private static TaskRow assigned(TaskRow t, String assignee, boolean escalated) {
    return new TaskRow(t.instanceId(), t.stepId(), t.step(), t.kind(), t.role(), t.escalateTo(), t.created(), t.due(),
        assignee, escalated);
  }

  @Override
  public synchronized List<Recorded> read(String instanceId) {
    return List.copyOf(histories.getOrDefault(instanceId, List.of()));
  }

  @Override
  public synchronized List<Recorded> readAfter(String instanceId, long sequence) {
    List<Recorded> history = histories.getOrDefault(instanceId, List.of());
    return List.copyOf(history.subList((int) Math.min(sequence, history.size()), history.size()));
  }

  @Override
  public synchronized Optional<InstanceRow> instance(String instanceId) {
    return Optional.ofNullable(rows.get(instanceId));
  }

  @Override
  public synchronized List<InstanceRow> openInstances() {
    return rows.values().stream().filter(r -> !r.state().isTerminal()).toList();
  }

  @Override
  public synchronized List<InstanceRow> instances(InstanceQuery query) {
    List<InstanceRow> all = new ArrayList<>(rows.values());
    java.util.Collections.reverse(all);
    return all.stream()
        .filter(r -> query.workflow() == null || query.workflow().equals(r.workflow()))
        .filter(r -> query.state() == null || query.state() == r.state())
        .skip(query.offset()).limit(query.limit()).toList();
  }

  @Override
  public synchronized Optional<Instant> nextDue() {
    return timers.isEmpty() ? Optional.empty() : Optional.of(timers.first().due());
  }

  @Override
  public synchronized List<TimerRow> dueTimers(Instant until, int limit) {
    return timers.stream().takeWhile(t -> !t.due().isAfter(until)).limit(limit).toList();
  }

  @Override
  public synchronized List<TaskRow> tasksForRole(String role) {
    return tasks.values().stream().filter(t -> t.role().equals(role)).toList();
  }

  @Override
  public synchronized List<TaskRow> tasksForAssignee(String principal) {
    return tasks.values().stream().filter(t -> principal.equals(t.assignee())).toList();
  }

  @Override
  public synchronized List<TaskRow> tasksOf(String instanceId) {
    return tasks.values().stream().filter(t -> t.instanceId().equals(instanceId)).toList();
  }

  @Override
  public synchronized List<TaskRow> openTasks() {
    return List.copyOf(tasks.values());
  }

  @Override
  public synchronized List<SubscriptionRow> subscriptions(String eventType, List<List<String>> keys) {
    return subscriptions.values().stream()
        .filter(s -> s.eventType().equals(eventType) && (s.correlation().isEmpty() || keys.contains(s.correlation())))
        .toList();
  }

  @Override
  public synchronized long nextNumber(String prefix) {
    return numbers.merge(prefix, 1L, Long::sum);
  }

  @Override
  public synchronized Optional<String> fact(String key) {
    return Optional.ofNullable(facts.get(key));
  }

  @Override
  public void close() {}
}
