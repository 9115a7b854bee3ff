package dev.flow.cli;

import dev.flow.runtime.CaseMeasures;
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

  /**
   * A workflow of the model: its qualified and simple names, its named steps in source order, and
   * which step may follow which ({@code null}: not checked).
   */
  record WorkflowSpec(String qualified, String simple, Map<String, Kind> steps, Footprint footprint,
      List<String> startsAfter) {
    WorkflowSpec(String qualified, String simple, Map<String, Kind> steps) {
      this(qualified, simple, steps, null, List.of());
    }

    WorkflowSpec(String qualified, String simple, Map<String, Kind> steps, Footprint footprint) {
      this(qualified, simple, steps, footprint, List.of());
    }
  }

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
      return new Stats(sorted.size(), CaseMeasures.median(sorted).orElseThrow(),
          CaseMeasures.percentile(sorted, 90).orElseThrow());
    }
  }

  /** One step's figures. */
  record StepReport(String step, Kind kind, int runs, int cases, double share, int rework, Stats waiting, Stats working,
      int breaches) {}

  /**
   * A distinct path through a workflow: the steps completed, in order, how many cases took it, and
   * how many of those completed (the others failed, were cancelled or are still running).
   */
  record Variant(List<String> steps, int cases, int completed) {}

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
    Map<String, List<String>> startsAfter = new HashMap<>();
    for (WorkflowSpec spec : workflows) {
      startsAfter.put(spec.qualified(), spec.startsAfter());
    }
    CaseMeasures families = CaseMeasures.of(log, startsAfter);
    for (MeasureSpec measure : measures) {
      measured.add(measure(measure, families));
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
    Map<List<String>, Integer> variantsCompleted = new HashMap<>();
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
      if (state == InstanceState.COMPLETED || state == null && endRow) {
        variantsCompleted.merge(List.copyOf(path), 1, Integer::sum);
      }
      if (deviation == null && spec.footprint() != null) {
        Optional<String[]> off = spec.footprint().deviation(path, state == InstanceState.COMPLETED);
        if (off.isPresent()) {
          deviation = new Deviation(c.caseId(), off.get()[0], off.get()[1]);
        }
      }
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
    variants.forEach((path, count) -> paths.add(new Variant(path, count, variantsCompleted.getOrDefault(path, 0))));
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

  /** A measure over the cases, as {@link CaseMeasures} defines it, judged against its target. */
  private static MeasureReport measure(MeasureSpec spec, CaseMeasures cases) {
    CaseMeasures.Figures figures = cases.figures(spec.from().workflow() + "." + spec.from().point(),
        spec.to().workflow() + "." + spec.to().point(), Optional.ofNullable(spec.target()));
    Stats stats = new Stats(figures.count(), figures.median().orElse(null), figures.p90().orElse(null));
    String verdict;
    if (stats.count() == 0) {
      verdict = "no case has reached " + spec.to().words() + " yet";
    } else if (spec.target() == null) {
      verdict = "no target";
    } else {
      verdict = stats.median().compareTo(spec.target()) <= 0
          ? "on target: the median case takes " + Durations.words(stats.median()) + ", within " + Durations.words(spec.target())
          : "misses its target: the median case takes " + Durations.words(stats.median()) + ", more than "
              + Durations.words(spec.target());
    }
    return new MeasureReport(spec, stats, figures.open(), figures.withinTarget().orElse(null), verdict);
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
