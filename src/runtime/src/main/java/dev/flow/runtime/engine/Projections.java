package dev.flow.runtime.engine;

import dev.flow.runtime.Breach;
import dev.flow.runtime.LogCase;
import dev.flow.runtime.LogEntry;
import dev.flow.runtime.Notification;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.store.InstanceQuery;
import dev.flow.runtime.store.InstanceRow;
import dev.flow.runtime.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What is read across every instance's history: the event log, the breaches, the notifications.
 * Each is a projection of the histories in the store, computed when asked.
 */
public final class Projections {
  private Projections() {}

  private static List<InstanceRow> oldestFirst(Core core) {
    return oldestFirst(core.store());
  }

  private static List<InstanceRow> oldestFirst(Store store) {
    List<InstanceRow> rows = new ArrayList<>(store.instances(new InstanceQuery(null, null, 0, Integer.MAX_VALUE)));
    java.util.Collections.reverse(rows);
    return rows;
  }

  private static String simple(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }

  /** Every event-log row of every instance, in time order (instances oldest first within a moment). */
  public static List<LogEntry> rows(Core core) {
    return rows(core.store());
  }

  /** Every event-log row of every instance a store holds, in time order (instances oldest first within a moment). */
  public static List<LogEntry> rows(Store store) {
    List<LogEntry> rows = new ArrayList<>();
    for (InstanceRow row : oldestFirst(store)) {
      Map<String, String> systems = new HashMap<>();
      for (Recorded recorded : store.read(row.id())) {
        if (recorded.entry() instanceof HistoryEntry.ActionScheduled scheduled) {
          systems.put(scheduled.stepId(), scheduled.system());
        }
        rows.addAll(Views.rows(row.id(), row.workflow(), simple(row.workflow()), recorded, systems::get));
      }
    }
    rows.sort(Comparator.comparing(LogEntry::timestamp));
    return rows;
  }

  /**
   * Every instance a store holds as a case of the event log, oldest first.
   *
   * @param processOf the qualified name of the process that lists a workflow, or the empty string
   */
  public static List<LogCase> cases(Store store, Function<String, String> processOf) {
    List<LogCase> cases = new ArrayList<>();
    for (InstanceRow row : oldestFirst(store)) {
      String process = processOf.apply(row.workflow());
      cases.add(new LogCase(row.id(), row.workflow(), row.version(), process == null ? "" : process, row.state(),
          row.parentId() == null ? "" : row.parentId()));
    }
    return cases;
  }

  /** Every time limit that passed, in time order. */
  public static List<Breach> breaches(Core core) {
    List<Breach> breaches = new ArrayList<>();
    for (InstanceRow row : oldestFirst(core)) {
      Map<String, Instant> dues = new HashMap<>();
      for (Recorded recorded : core.store().read(row.id())) {
        if (recorded.entry() instanceof HistoryEntry.TimerSet set) {
          dues.put(set.stepId(), set.due());
        } else if (recorded.entry() instanceof HistoryEntry.Breached breached) {
          boolean deadline = breached.stepId().isEmpty();
          Instant due = dues.getOrDefault(deadline ? "@deadline" : breached.stepId() + "~limit", recorded.at());
          breaches.add(new Breach(row.id(), row.workflow(), deadline ? null : breached.step(), breached.limit(), due,
              breached.escalateTo()));
        }
      }
    }
    breaches.sort(Comparator.comparing(Breach::due));
    return breaches;
  }

  /** Every notification requested, in time order. */
  public static List<Notification> notifications(Core core) {
    List<Notification> sent = new ArrayList<>();
    for (InstanceRow row : oldestFirst(core)) {
      for (Recorded recorded : core.store().read(row.id())) {
        if (recorded.entry() instanceof HistoryEntry.NotifyRequested request) {
          sent.add(Outbox.notification(row.id(), row.workflow(), request, recorded.at()));
        }
      }
    }
    sent.sort(Comparator.comparing(Notification::at));
    return sent;
  }
}
