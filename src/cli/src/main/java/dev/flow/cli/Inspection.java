package dev.flow.cli;

import dev.flow.runtime.EventLog;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.LogCase;
import dev.flow.runtime.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an event log says about a model: per workflow, its cases and, per step, how long work
 * waited and was worked on, how often it was redone, how many cases passed it and how often its
 * time limit passed; the distinct paths (variants); the cases whose steps the model does not
 * have; and each process measure computed from the cases, against its target.
 */
final class Inspection {
  /** What a step is: who does it decides what its waiting and working times mean. */
  enum Kind {
    /** A task or approval: waits in an inbox until claimed, then is worked on until completed. */
    HUMAN,
    /** An action of a system: its whole time is working time. */
    SYSTEM,
    /** A receive or a wait: its whole time is waiting. */
    WAIT,
    /** A call of another workflow: its whole time is the callee's. */
    CALL
  }

  /** A workflow of the model: its qualified and simple names and its named steps in source order. */
  record WorkflowSpec(String qualified, String simple, Map<String, Kind> steps) {}

  /** A milestone: {@code point} is {@code start}, {@code end} or a step's name. */
  record Milestone(String workflow, String point) {
    String words() {
      return simple(workflow) + "." + point;
    }
  }

  /** A process measure. */
  record MeasureSpec(String process, String name, String title, Milestone from, Milestone to, Duration target) {}

  /** Durations summarised: how many, median and 90th percentile (both {@code null} when none). */
  record Stats(int count, Duration median, Duration p90) {
    static Stats of(List<Duration> durations) {
      if (durations.isEmpty()) {
        return new Stats(0, null, null);
      }
      List<Duration> sorted = new ArrayList<>(durations);
      sorted.sort(Comparator.naturalOrder());
      int n = sorted.size();
      Duration median = n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
      Duration p90 = sorted.get((int) Math.ceil(0.9 * n) - 1);
      return new Stats(n, median, p90);
    }
  }

  /** One step's figures. */
  record StepReport(String step, Kind kind, int runs, int cases, double share, int rework, Stats waiting, Stats working,
      int breaches) {}

  /** A distinct path through a workflow: the steps completed, in order, and how many cases took it. */
  record Variant(List<String> steps, int cases) {}

  /** A case whose log the model cannot produce, and the first event that shows it. */
  record Deviation(String caseId, String activity, String reason) {}

  /** One workflow's figures. */
  record WorkflowReport(String workflow, int started, int completed, int failed, int cancelled, int running, int ended,
      List<StepReport> steps, List<Variant> variants, List<Deviation> deviations) {}

  /**
   * One measure's figures.
   *
   * @param open cases that passed the first milestone and not yet the second
   * @param withinTarget the share of measured cases within the target, or {@code null} without a target
   * @param verdict the judgement in words
   */
  record MeasureReport(MeasureSpec spec, Stats stats, int open, Double withinTarget, String verdict) {}

  /** A step where work waits long, for the summary. */
  record Bottleneck(String workflow, String step, Duration medianWait, int runs) {}

  record Report(List<WorkflowReport> workflows, List<MeasureReport> measures, List<Bottleneck> bottlenecks,
      List<String> unknownWorkflows) {}

  private Inspection() {}

  static Report of(EventLog log, List<WorkflowSpec> workflows, List<MeasureSpec> measures) {
    return of(log, workflows, measures, null);
  }

  /**
   * The same, reporting only the workflows named in {@code only} (qualified names; {@code null}
   * for all): the measures are computed from every case all the same.
   */
  static Report of(EventLog log, List<WorkflowSpec> workflows, List<MeasureSpec> measures, java.util.Set<String> only) {
    Map<String, List<LogEntry>> byCase = new LinkedHashMap<>();
    for (LogEntry entry : log.entries()) {
      byCase.computeIfAbsent(entry.caseId(), k -> new ArrayList<>()).add(entry);
    }
    Map<String, LogCase> cases = new LinkedHashMap<>();
    for (LogCase c : log.cases()) {
      cases.put(c.caseId(), c);
    }
    Map<String, WorkflowSpec> specs = new LinkedHashMap<>();
    for (WorkflowSpec spec : workflows) {
      specs.put(spec.qualified(), spec);
    }
    List<WorkflowReport> reports = new ArrayList<>();
    for (WorkflowSpec spec : workflows) {
      if (only != null && !only.contains(spec.qualified())) {
        continue;
      }
      List<LogCase> mine = cases.values().stream().filter(c -> c.workflow().equals(spec.qualified())).toList();
      if (!mine.isEmpty()) {
        reports.add(workflow(spec, mine, byCase));
      }
    }
    List<String> unknown = cases.values().stream().map(LogCase::workflow).filter(w -> !specs.containsKey(w)).distinct()
        .sorted().toList();
    List<MeasureReport> measured = new ArrayList<>();
    for (MeasureSpec measure : measures) {
      measured.add(measure(measure, cases, byCase));
    }
    List<Bottleneck> bottlenecks = new ArrayList<>();
    for (WorkflowReport report : reports) {
      for (StepReport step : report.steps()) {
        if (step.waiting().median() != null && step.waiting().median().compareTo(Duration.ZERO) > 0) {
          bottlenecks.add(new Bottleneck(report.workflow(), step.step(), step.waiting().median(), step.waiting().count()));
        }
      }
    }
    bottlenecks.sort(Comparator.comparing(Bottleneck::medianWait).reversed().thenComparing(Bottleneck::workflow)
        .thenComparing(Bottleneck::step));
    return new Report(reports, measured, List.copyOf(bottlenecks.subList(0, Math.min(3, bottlenecks.size()))), unknown);
  }

  private static WorkflowReport workflow(WorkflowSpec spec, List<LogCase> cases, Map<String, List<LogEntry>> byCase) {
    int completed = 0;
    int failed = 0;
    int cancelled = 0;
    int running = 0;
    int ended = 0;
    Map<String, List<Duration>> waiting = new HashMap<>();
    Map<String, List<Duration>> working = new HashMap<>();
    Map<String, Integer> runs = new HashMap<>();
    Map<String, Integer> passed = new HashMap<>();
    Map<String, Integer> breaches = new HashMap<>();
    Map<List<String>, Integer> variants = new LinkedHashMap<>();
    List<Deviation> deviations = new ArrayList<>();
    for (LogCase c : cases) {
      List<LogEntry> trace = byCase.getOrDefault(c.caseId(), List.of());
      InstanceState state = c.state();
      boolean endRow = trace.stream().anyMatch(e -> e.activity().equals(spec.simple()) && e.lifecycle().equals("complete"));
      if (state == null) {
        if (endRow) {
          ended++;
        } else {
          running++;
        }
      } else {
        switch (state) {
          case COMPLETED -> completed++;
          case FAILED -> failed++;
          case CANCELLED -> cancelled++;
          default -> running++;
        }
      }
      Map<String, Occurrence> open = new HashMap<>();
      List<String> path = new ArrayList<>();
      java.util.Set<String> passedHere = new java.util.HashSet<>();
      Deviation deviation = null;
      for (LogEntry entry : trace) {
        String activity = entry.activity();
        Kind kind = spec.steps().get(activity);
        if (kind == null) {
          if (deviation == null && !generic(activity, spec.simple())) {
            deviation = new Deviation(c.caseId(), activity, "the model's " + spec.simple() + " has no step `" + activity + "`");
          }
          continue;
        }
        switch (entry.lifecycle()) {
          case "start" -> open.put(activity, new Occurrence(entry.timestamp()));
          case "claim", "assign" -> {
            Occurrence occurrence = open.get(activity);
            if (occurrence != null && occurrence.claimed == null) {
              occurrence.claimed = entry.timestamp();
            }
          }
          case "breach" -> breaches.merge(activity, 1, Integer::sum);
          case "complete" -> {
            runs.merge(activity, 1, Integer::sum);
            path.add(activity);
            if (passedHere.add(activity)) {
              passed.merge(activity, 1, Integer::sum);
            }
            Occurrence occurrence = open.remove(activity);
            if (occurrence != null) {
              times(kind, occurrence, entry.timestamp(), waiting.computeIfAbsent(activity, k -> new ArrayList<>()),
                  working.computeIfAbsent(activity, k -> new ArrayList<>()));
            }
          }
          case "withdraw" -> open.remove(activity);
          default -> { }
        }
      }
      variants.merge(List.copyOf(path), 1, Integer::sum);
      if (deviation != null) {
        deviations.add(deviation);
      }
    }
    List<StepReport> steps = new ArrayList<>();
    for (Map.Entry<String, Kind> step : spec.steps().entrySet()) {
      String name = step.getKey();
      int done = runs.getOrDefault(name, 0);
      int casesPassed = passed.getOrDefault(name, 0);
      int breached = breaches.getOrDefault(name, 0);
      if (done == 0 && breached == 0) {
        continue;
      }
      steps.add(new StepReport(name, step.getValue(), done, casesPassed, (double) casesPassed / cases.size(),
          done - casesPassed, Stats.of(waiting.getOrDefault(name, List.of())), Stats.of(working.getOrDefault(name, List.of())),
          breached));
    }
    List<Variant> paths = new ArrayList<>();
    variants.forEach((path, count) -> paths.add(new Variant(path, count)));
    paths.sort(Comparator.comparing(Variant::cases).reversed());
    return new WorkflowReport(spec.qualified(), cases.size(), completed, failed, cancelled, running, ended, steps, paths,
        deviations);
  }

  /** A step's run between its start and its completion. */
  private static final class Occurrence {
    final Instant started;
    Instant claimed;

    Occurrence(Instant started) {
      this.started = started;
    }
  }

  /**
   * A human step waits from when it was offered until it was claimed, and is worked on from then
   * until it was completed; one completed without a claim waited all its time. A system step and
   * a call only work; a receive or a wait only waits.
   */
  private static void times(Kind kind, Occurrence occurrence, Instant completed, List<Duration> waiting,
      List<Duration> working) {
    Duration all = Duration.between(occurrence.started, completed);
    switch (kind) {
      case HUMAN -> {
        if (occurrence.claimed == null) {
          waiting.add(all);
        } else {
          waiting.add(Duration.between(occurrence.started, occurrence.claimed));
          working.add(Duration.between(occurrence.claimed, completed));
        }
      }
      case WAIT -> waiting.add(all);
      case SYSTEM, CALL -> working.add(all);
      default -> throw new IllegalStateException("a step of kind " + kind);
    }
  }

  /** Rows every workflow has that are not named steps: its own start and end, waits, notifications, compensations. */
  private static boolean generic(String activity, String simpleName) {
    return activity.equals(simpleName) || activity.equals("wait") || activity.equals("notify")
        || activity.equals("deadline") || activity.startsWith("compensate ");
  }

  /**
   * A measure over the cases: a case of a measure is a family of instances (one that no other
   * started, and every instance it called or started, transitively); it begins at the first time
   * the family passed the first milestone and ends at the first time after that it passed the
   * second.
   */
  private static MeasureReport measure(MeasureSpec spec, Map<String, LogCase> cases, Map<String, List<LogEntry>> byCase) {
    Map<String, List<String>> families = new LinkedHashMap<>();
    for (LogCase c : cases.values()) {
      families.computeIfAbsent(root(c, cases), k -> new ArrayList<>()).add(c.caseId());
    }
    List<Duration> durations = new ArrayList<>();
    int open = 0;
    for (List<String> family : families.values()) {
      Optional<Instant> from = first(spec.from(), family, cases, byCase, Instant.MIN);
      if (from.isEmpty()) {
        continue;
      }
      Optional<Instant> to = first(spec.to(), family, cases, byCase, from.get());
      if (to.isEmpty()) {
        open++;
      } else {
        durations.add(Duration.between(from.get(), to.get()));
      }
    }
    Stats stats = Stats.of(durations);
    Double within = null;
    String verdict;
    if (stats.count() == 0) {
      verdict = "no case has reached " + spec.to().words() + " yet";
    } else if (spec.target() == null) {
      verdict = "no target";
    } else {
      long inside = durations.stream().filter(d -> d.compareTo(spec.target()) <= 0).count();
      within = (double) inside / durations.size();
      verdict = stats.median().compareTo(spec.target()) <= 0
          ? "on target: the median case takes " + Durations.words(stats.median()) + ", within " + Durations.words(spec.target())
          : "misses its target: the median case takes " + Durations.words(stats.median()) + ", more than "
              + Durations.words(spec.target());
    }
    return new MeasureReport(spec, stats, open, within, verdict);
  }

  private static String root(LogCase c, Map<String, LogCase> cases) {
    LogCase at = c;
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (!at.parentId().isEmpty() && cases.containsKey(at.parentId()) && seen.add(at.caseId())) {
      at = cases.get(at.parentId());
    }
    return at.caseId();
  }

  /** The first time, not before {@code notBefore}, an instance of the family passed a milestone. */
  private static Optional<Instant> first(Milestone milestone, List<String> family, Map<String, LogCase> cases,
      Map<String, List<LogEntry>> byCase, Instant notBefore) {
    Instant first = null;
    for (String id : family) {
      LogCase c = cases.get(id);
      if (!c.workflow().equals(milestone.workflow())) {
        continue;
      }
      String simple = simple(milestone.workflow());
      for (LogEntry entry : byCase.getOrDefault(id, List.of())) {
        if (entry.timestamp().isBefore(notBefore) || !passes(milestone, simple, entry, c)) {
          continue;
        }
        if (first == null || entry.timestamp().isBefore(first)) {
          first = entry.timestamp();
        }
        break;
      }
    }
    return Optional.ofNullable(first);
  }

  /** {@code W.start} and {@code W.end} are the instance's own start and completion; a step, its first completion. */
  private static boolean passes(Milestone milestone, String simple, LogEntry entry, LogCase c) {
    switch (milestone.point()) {
      case "start":
        return entry.activity().equals(simple) && entry.lifecycle().equals("start");
      case "end":
        return entry.activity().equals(simple) && entry.lifecycle().equals("complete")
            && (c.state() == null || c.state() == InstanceState.COMPLETED);
      default:
        return entry.activity().equals(milestone.point()) && entry.lifecycle().equals("complete");
    }
  }

  static String simple(String qualified) {
    int dot = qualified.lastIndexOf('.');
    return dot < 0 ? qualified : qualified.substring(dot + 1);
  }

  /** Durations for people: {@code 2d 4h}, {@code 35m}, {@code 12s}. */
  static final class Durations {
    private Durations() {}

    static String words(Duration duration) {
      if (duration == null) {
        return "-";
      }
      long seconds = duration.getSeconds();
      if (seconds == 0) {
        return duration.isZero() ? "0s" : "<1s";
      }
      long days = seconds / 86_400;
      long hours = seconds % 86_400 / 3_600;
      long minutes = seconds % 3_600 / 60;
      long secs = seconds % 60;
      if (days > 0) {
        return days + "d" + (hours > 0 ? " " + hours + "h" : "");
      }
      if (hours > 0) {
        return hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
      }
      if (minutes > 0) {
        return minutes + "m" + (secs > 0 ? " " + secs + "s" : "");
      }
      return secs + "s";
    }
  }
}
