package dev.flow.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A process's measures over the real cases of an event log: the one definition that {@code flowc
 * inspect} and the server's process pages share.
 *
 * <p>A case of a measure is a family of instances: one that no other instance called or started,
 * and every instance it called or started, transitively (a {@code starts after} successor
 * counts as started by the instance whose end started it). The case begins the first time the
 * family passed the first milestone and ends the first time, not before that, it passed the
 * second. A milestone is {@code W.start} (an instance of {@code W} started), {@code W.end} (an
 * instance of {@code W} <em>completed</em>: one that failed or was cancelled never reaches its
 * end) or {@code W.step} (the step completed). The median of an even count is the mean of the two
 * middle durations; the 90th percentile is the nearest rank.
 */
public final class CaseMeasures {
  /**
   * What one measure came to.
   *
   * @param durations each measured case's duration, shortest first
   * @param open cases that passed the first milestone and not yet the second
   * @param withinTarget the share of measured cases within the target; empty without a target or
   *     a measured case
   */
  public record Figures(List<Duration> durations, int open, Optional<Duration> median, Optional<Duration> p90,
      Optional<Double> withinTarget) {
    public Figures {
      durations = List.copyOf(durations);
      Objects.requireNonNull(median, "median");
      Objects.requireNonNull(p90, "p90");
      Objects.requireNonNull(withinTarget, "withinTarget");
    }

    /** How many cases were measured (passed both milestones). */
    public int count() {
      return durations.size();
    }
  }

  private final Map<String, LogCase> cases = new LinkedHashMap<>();
  private final Map<String, List<LogEntry>> byCase = new HashMap<>();
  private final Map<String, List<String>> families = new LinkedHashMap<>();

  private CaseMeasures(EventLog log, Map<String, List<String>> startsAfter) {
    for (LogCase c : log.cases()) {
      cases.put(c.caseId(), c);
    }
    for (LogEntry entry : log.entries()) {
      byCase.computeIfAbsent(entry.caseId(), k -> new ArrayList<>()).add(entry);
    }
    Map<String, String> parents = new HashMap<>();
    for (LogCase c : cases.values()) {
      if (!c.parentId().isEmpty() && cases.containsKey(c.parentId())) {
        parents.put(c.caseId(), c.parentId());
      }
    }
    linkStartedAfter(startsAfter, parents);
    for (LogCase c : cases.values()) {
      families.computeIfAbsent(root(c.caseId(), parents), k -> new ArrayList<>()).add(c.caseId());
    }
  }

  /** The cases of a log, grouped in families by the parents the log records. */
  public static CaseMeasures of(EventLog log) {
    return new CaseMeasures(log, Map.of());
  }

  /**
   * The same, for a log that may lack the parent of a {@code starts after} successor (a store
   * written before the runtime recorded it): such an instance is linked to the instance of a
   * workflow it starts after that completed at the very instant it started (the runtime starts it
   * in the commit that ends its predecessor), when exactly one did.
   *
   * @param startsAfter for each workflow (qualified name), the workflows it starts after
   */
  public static CaseMeasures of(EventLog log, Map<String, List<String>> startsAfter) {
    return new CaseMeasures(log, startsAfter);
  }

  /**
   * One measure's figures.
   *
   * @param from the first milestone, {@code QUALIFIED_WORKFLOW.point}
   * @param to the second milestone
   * @param target the target, if the measure has one
   */
  public Figures figures(String from, String to, Optional<Duration> target) {
    Milestone first = Milestone.parse(from);
    Milestone second = Milestone.parse(to);
    List<Duration> durations = new ArrayList<>();
    int open = 0;
    for (List<String> family : families.values()) {
      Optional<Instant> start = first(first, family, Instant.MIN);
      if (start.isEmpty()) {
        continue;
      }
      Optional<Instant> end = first(second, family, start.get());
      if (end.isEmpty()) {
        open++;
      } else {
        durations.add(Duration.between(start.get(), end.get()));
      }
    }
    durations.sort(null);
    Optional<Double> within = target.isEmpty() || durations.isEmpty() ? Optional.empty()
        : Optional.of(durations.stream().filter(d -> d.compareTo(target.get()) <= 0).count() / (double) durations.size());
    return new Figures(durations, open, median(durations), percentile(durations, 90), within);
  }

  /** The median of sorted durations: the middle one, or the mean of the two middle ones. */
  public static Optional<Duration> median(List<Duration> sorted) {
    int n = sorted.size();
    if (n == 0) {
      return Optional.empty();
    }
    return Optional.of(n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2));
  }

  /** The nearest-rank percentile of sorted durations. */
  public static Optional<Duration> percentile(List<Duration> sorted, int percent) {
    if (sorted.isEmpty()) {
      return Optional.empty();
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return Optional.of(sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))));
  }

  private record Milestone(String workflow, String simple, String point) {
    static Milestone parse(String milestone) {
      int dot = milestone.lastIndexOf('.');
      if (dot <= 0 || dot == milestone.length() - 1) {
        throw new IllegalArgumentException("a milestone is WORKFLOW.start, WORKFLOW.end or WORKFLOW.step, not '"
            + milestone + "'");
      }
      String workflow = milestone.substring(0, dot);
      int inner = workflow.lastIndexOf('.');
      return new Milestone(workflow, inner < 0 ? workflow : workflow.substring(inner + 1), milestone.substring(dot + 1));
    }

    boolean passedBy(LogEntry entry, LogCase c) {
      switch (point) {
        case "start":
          return entry.activity().equals(simple) && entry.lifecycle().equals("start");
        case "end":
          return entry.activity().equals(simple) && entry.lifecycle().equals("complete")
              && (c.state() == null || c.state() == InstanceState.COMPLETED);
        default:
          return entry.activity().equals(point) && entry.lifecycle().equals("complete");
      }
    }
  }

  /** The first time, not before {@code notBefore}, an instance of the family passed a milestone. */
  private Optional<Instant> first(Milestone milestone, List<String> family, Instant notBefore) {
    Instant first = null;
    for (String id : family) {
      LogCase c = cases.get(id);
      if (!c.workflow().equals(milestone.workflow())) {
        continue;
      }
      for (LogEntry entry : byCase.getOrDefault(id, List.of())) {
        if (entry.timestamp().isBefore(notBefore) || !milestone.passedBy(entry, c)) {
          continue;
        }
        if (first == null || entry.timestamp().isBefore(first)) {
          first = entry.timestamp();
        }
      }
    }
    return Optional.ofNullable(first);
  }

  private void linkStartedAfter(Map<String, List<String>> startsAfter, Map<String, String> parents) {
    if (startsAfter.isEmpty()) {
      return;
    }
    Map<String, List<String>> completedAt = new HashMap<>();
    Map<String, Instant> started = new LinkedHashMap<>();
    for (LogCase c : cases.values()) {
      String simple = c.workflow().substring(c.workflow().lastIndexOf('.') + 1);
      for (LogEntry e : byCase.getOrDefault(c.caseId(), List.of())) {
        if (!e.activity().equals(simple)) {
          continue;
        }
        if (e.lifecycle().equals("start")) {
          started.putIfAbsent(c.caseId(), e.timestamp());
        } else if (e.lifecycle().equals("complete")) {
          completedAt.computeIfAbsent(c.workflow() + "@" + e.timestamp(), k -> new ArrayList<>()).add(c.caseId());
        }
      }
    }
    for (Map.Entry<String, Instant> start : started.entrySet()) {
      if (parents.containsKey(start.getKey())) {
        continue;
      }
      List<String> candidates = new ArrayList<>();
      for (String predecessor : startsAfter.getOrDefault(cases.get(start.getKey()).workflow(), List.of())) {
        candidates.addAll(completedAt.getOrDefault(predecessor + "@" + start.getValue(), List.of()));
      }
      if (candidates.size() == 1) {
        parents.put(start.getKey(), candidates.get(0));
      }
    }
  }

  private static String root(String id, Map<String, String> parents) {
    String current = id;
    Set<String> seen = new HashSet<>();
    while (parents.containsKey(current) && seen.add(current)) {
      current = parents.get(current);
    }
    return current;
  }
}
