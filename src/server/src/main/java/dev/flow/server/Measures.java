package dev.flow.server;

import dev.flow.runtime.EventLog;
import dev.flow.runtime.LogCase;
import dev.flow.runtime.LogEntry;
import dev.flow.runtime.ProcessDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A process's measures computed from the real cases: for each case (an instance and the
 * instances it started, followed through their parents), the time from the measure's first
 * milestone to its second; then the median, the 90th percentile and the share within target.
 */
final class Measures {
  private Measures() {}

  /** What one measure came to. */
  record Result(ProcessDefinition.Measure measure, int count, Optional<Duration> median, Optional<Duration> p90,
      Optional<Double> withinTarget, List<Duration> durations) {}

  static List<Result> compute(ProcessDefinition process, EventLog log, Model model) {
    Map<String, String> parents = new HashMap<>();
    for (LogCase c : log.cases()) {
      parents.put(c.caseId(), c.parentId());
    }
    linkStartedAfter(log, model, parents);
    Map<String, List<LogEntry>> byRoot = new HashMap<>();
    for (LogEntry entry : log.entries()) {
      byRoot.computeIfAbsent(root(entry.caseId(), parents), k -> new ArrayList<>()).add(entry);
    }
    List<Result> results = new ArrayList<>();
    for (ProcessDefinition.Measure measure : process.measures()) {
      List<Duration> durations = new ArrayList<>();
      for (List<LogEntry> entries : byRoot.values()) {
        Optional<Instant> from = milestone(measure.from(), entries, null);
        if (from.isEmpty()) {
          continue;
        }
        milestone(measure.to(), entries, from.get()).ifPresent(to -> durations.add(Duration.between(from.get(), to)));
      }
      durations.sort(null);
      Optional<Double> within = measure.target().isEmpty() || durations.isEmpty() ? Optional.empty()
          : Optional.of(durations.stream().filter(d -> d.compareTo(measure.target().get()) <= 0).count()
              / (double) durations.size());
      results.add(new Result(measure, durations.size(), percentile(durations, 50), percentile(durations, 90), within,
          List.copyOf(durations)));
    }
    return results;
  }

  /**
   * The runtime records the instance that a {@code starts after} trigger started as its parent;
   * a store written before it did (an older journal) has no parent for it. The runtime starts it in
   * the commit that ends its predecessor, at the same instant, so such an instance is linked to the
   * instance of the workflow it starts after that completed at the instant it started, when exactly
   * one did.
   */
  private static void linkStartedAfter(EventLog log, Model model, Map<String, String> parents) {
    Map<String, java.time.Instant> started = new HashMap<>();
    Map<String, List<String>> completedAt = new HashMap<>();
    Map<String, String> workflowOf = new HashMap<>();
    for (LogCase c : log.cases()) {
      workflowOf.put(c.caseId(), c.workflow());
    }
    for (LogEntry e : log.entries()) {
      if (!e.activity().equals(Html.simple(e.workflow()))) {
        continue;
      }
      if (e.lifecycle().equals("start")) {
        started.putIfAbsent(e.caseId(), e.timestamp());
      } else if (e.lifecycle().equals("complete")) {
        completedAt.computeIfAbsent(e.workflow() + "@" + e.timestamp(), k -> new ArrayList<>()).add(e.caseId());
      }
    }
    for (Map.Entry<String, java.time.Instant> start : started.entrySet()) {
      String parent = parents.get(start.getKey());
      if (parent != null && !parent.isEmpty()) {
        continue;
      }
      List<String> candidates = new ArrayList<>();
      model.workflow(workflowOf.getOrDefault(start.getKey(), "")).ifPresent(w -> {
        for (dev.flow.runtime.Trigger<?> trigger : w.triggers()) {
          if (trigger instanceof dev.flow.runtime.Trigger.After<?, ?> after) {
            candidates.addAll(completedAt.getOrDefault(after.workflow() + "@" + start.getValue(), List.of()));
          }
        }
      });
      if (candidates.size() == 1) {
        parents.put(start.getKey(), candidates.get(0));
      }
    }
  }

  private static String root(String id, Map<String, String> parents) {
    String current = id;
    for (int guard = 0; guard < 100; guard++) {
      String parent = parents.get(current);
      if (parent == null || parent.isEmpty()) {
        return current;
      }
      current = parent;
    }
    return current;
  }

  /**
   * When a milestone was reached in a case: {@code W.start}, {@code W.end} (completed) or
   * {@code W.step} (the step completed); the first at or after {@code after}.
   */
  static Optional<Instant> milestone(String milestone, List<LogEntry> entries, Instant after) {
    int dot = milestone.lastIndexOf('.');
    String workflow = milestone.substring(0, dot);
    String point = milestone.substring(dot + 1);
    String simple = Html.simple(workflow);
    Instant best = null;
    for (LogEntry e : entries) {
      if (!e.workflow().equals(workflow)) {
        continue;
      }
      boolean hit = switch (point) {
        case "start" -> e.activity().equals(simple) && e.lifecycle().equals("start");
        case "end" -> e.activity().equals(simple) && e.lifecycle().equals("complete");
        default -> e.activity().equals(point) && e.lifecycle().equals("complete");
      };
      if (hit && (after == null || !e.timestamp().isBefore(after)) && (best == null || e.timestamp().isBefore(best))) {
        best = e.timestamp();
      }
    }
    return Optional.ofNullable(best);
  }

  /** The nearest-rank percentile of sorted durations. */
  static Optional<Duration> percentile(List<Duration> sorted, int percent) {
    if (sorted.isEmpty()) {
      return Optional.empty();
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return Optional.of(sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))));
  }
}
