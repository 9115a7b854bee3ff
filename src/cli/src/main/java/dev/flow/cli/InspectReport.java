package dev.flow.cli;

import dev.flow.cli.Inspection.Bottleneck;
import dev.flow.cli.Inspection.Deviation;
import dev.flow.cli.Inspection.MeasureReport;
import dev.flow.cli.Inspection.Report;
import dev.flow.cli.Inspection.Stats;
import dev.flow.cli.Inspection.StepReport;
import dev.flow.cli.Inspection.Variant;
import dev.flow.cli.Inspection.WorkflowReport;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.diagram.HeatMap;
import dev.flow.compiler.diagram.ModelIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** An inspection written for people (a terminal table, a Markdown report) and for tools (a JSON tree). */
final class InspectReport {
  /** Variants listed per workflow; the rest are counted. */
  private static final int VARIANTS = 5;

  private InspectReport() {}

  static String text(Report report, String source) {
    StringBuilder out = new StringBuilder();
    out.append("Inspected ").append(cases(report)).append(" from ").append(source).append("\n");
    if (!report.unknownWorkflows().isEmpty()) {
      out.append("Not in the model (left out): ").append(String.join(", ", report.unknownWorkflows())).append("\n");
    }
    out.append("\nWhere work waits\n");
    if (report.bottlenecks().isEmpty()) {
      out.append("  no step waited\n");
    }
    int rank = 1;
    for (Bottleneck b : report.bottlenecks()) {
      out.append("  ").append(rank++).append(". ").append(Inspection.simple(b.workflow())).append(".").append(b.step())
          .append(": median wait ").append(words(b.medianWait())).append(" (").append(b.runs()).append(" runs)\n");
    }
    out.append("\nMeasures\n");
    if (report.measures().isEmpty()) {
      out.append("  the model has no measure\n");
    }
    for (MeasureReport m : report.measures()) {
      out.append("  ").append(Inspection.simple(m.spec().process())).append(".").append(m.spec().name()).append(" \"")
          .append(m.spec().title()).append("\" (").append(m.spec().from().words()).append(" to ")
          .append(m.spec().to().words()).append(m.spec().target() == null ? "" : ", target " + words(m.spec().target()))
          .append(")\n    ").append(measureLine(m)).append("\n");
    }
    for (WorkflowReport w : report.workflows()) {
      out.append("\n").append(Inspection.simple(w.workflow())).append(": ").append(caseLine(w)).append("\n");
      if (w.steps().isEmpty()) {
        out.append("  no step completed yet\n");
      } else {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("step", "kind", "runs", "cases", "passed", "redone", "wait median", "wait p90", "work median",
            "work p90", "breaches"));
        for (StepReport s : w.steps()) {
          rows.add(stepRow(s));
        }
        table(out, rows, "  ");
      }
      variants(out, w, "  ", false);
      deviations(out, w, "  ");
    }
    return out.toString();
  }

  static String markdown(Report report, String source, java.util.function.Function<WorkflowReport, String> heatMaps) {
    StringBuilder out = new StringBuilder();
    out.append("# Inspection\n\n").append(cases(report)).append(" from `").append(source).append("`.\n");
    if (!report.unknownWorkflows().isEmpty()) {
      out.append("\nNot in the model (left out): ").append(String.join(", ", report.unknownWorkflows())).append(".\n");
    }
    out.append("\n## Where work waits\n\n");
    if (report.bottlenecks().isEmpty()) {
      out.append("No step waited.\n");
    }
    int rank = 1;
    for (Bottleneck b : report.bottlenecks()) {
      out.append(rank++).append(". `").append(Inspection.simple(b.workflow())).append(".").append(b.step())
          .append("`: median wait ").append(words(b.medianWait())).append(" (").append(b.runs()).append(" runs)\n");
    }
    out.append("\n## Measures\n\n");
    if (report.measures().isEmpty()) {
      out.append("The model has no measure.\n");
    } else {
      out.append("| measure | from | to | target | cases | median | p90 | within target | verdict |\n");
      out.append("|---|---|---|---|---:|---:|---:|---:|---|\n");
      for (MeasureReport m : report.measures()) {
        out.append("| ").append(m.spec().title()).append(" (`").append(m.spec().name()).append("`) | `")
            .append(m.spec().from().words()).append("` | `").append(m.spec().to().words()).append("` | ")
            .append(m.spec().target() == null ? "-" : words(m.spec().target())).append(" | ").append(m.stats().count())
            .append(" | ").append(words(m.stats().median())).append(" | ").append(words(m.stats().p90())).append(" | ")
            .append(m.withinTarget() == null ? "-" : percent(m.withinTarget())).append(" | ").append(m.verdict())
            .append(" |\n");
      }
    }
    for (WorkflowReport w : report.workflows()) {
      out.append("\n## ").append(Inspection.simple(w.workflow())).append("\n\n").append(caseLine(w)).append(".\n\n");
      out.append("| step | kind | runs | cases | passed | redone | wait median | wait p90 | work median | work p90")
          .append(" | breaches |\n");
      out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (StepReport s : w.steps()) {
        out.append("| ").append(String.join(" | ", stepRow(s))).append(" |\n");
      }
      out.append("\n```mermaid\n").append(heatMaps.apply(w)).append("```\n");
      variants(out, w, "", true);
      deviations(out, w, "");
    }
    return out.toString();
  }

  /**
   * The workflow's own flowchart as a heat map: each step labelled with its median wait and
   * coloured by it (the longer, the redder), each edge labelled with how many times cases went
   * along it, and each step a case took that the model does not allow as a red dotted edge.
   */
  static String heatMap(ModelIndex index, Decl.WorkflowDecl workflow, WorkflowReport w, Footprint footprint) {
    Duration longest = w.steps().stream().map(s -> s.waiting().median()).filter(d -> d != null).max(Duration::compareTo)
        .orElse(Duration.ZERO);
    Map<String, HeatMap.Step> steps = new LinkedHashMap<>();
    for (StepReport s : w.steps()) {
      Duration median = s.waiting().median();
      String note = median == null ? "" : "waits " + words(median);
      double heat = median == null || longest.isZero() ? -1 : (double) median.toMillis() / longest.toMillis();
      steps.put(s.step(), new HeatMap.Step(note, heat));
    }
    Map<String, Map<String, Integer>> follows = new TreeMap<>();
    for (Variant v : w.variants()) {
      String from = HeatMap.START;
      for (String step : v.steps()) {
        if (!steps.containsKey(step)) {
          continue;
        }
        follows.computeIfAbsent(from, k -> new TreeMap<>()).merge(step, v.cases(), Integer::sum);
        from = step;
      }
      if (v.completed() > 0) {
        follows.computeIfAbsent(from, k -> new TreeMap<>()).merge(HeatMap.END, v.completed(), Integer::sum);
      }
    }
    List<HeatMap.Transition> transitions = new ArrayList<>();
    follows.forEach((from, tos) -> tos.forEach((to, times) -> transitions.add(
        new HeatMap.Transition(from, to, times, footprint == null || footprint.allows(from, to)))));
    return HeatMap.mermaid(index, workflow, steps, transitions);
  }

  /** The JSON tree of a report: durations in ISO 8601 ({@code PT52H}) and in seconds. */
  static Map<String, Object> tree(Report report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("unknownWorkflows", report.unknownWorkflows());
    List<Object> bottlenecks = new ArrayList<>();
    for (Bottleneck b : report.bottlenecks()) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("workflow", b.workflow());
      node.put("step", b.step());
      node.put("medianWait", iso(b.medianWait()));
      node.put("runs", b.runs());
      bottlenecks.add(node);
    }
    root.put("bottlenecks", bottlenecks);
    List<Object> measures = new ArrayList<>();
    for (MeasureReport m : report.measures()) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("process", m.spec().process());
      node.put("measure", m.spec().name());
      node.put("title", m.spec().title());
      node.put("from", m.spec().from().words());
      node.put("to", m.spec().to().words());
      node.put("target", iso(m.spec().target()));
      node.put("stats", stats(m.stats()));
      node.put("open", m.open());
      node.put("withinTarget", m.withinTarget());
      node.put("verdict", m.verdict());
      measures.add(node);
    }
    root.put("measures", measures);
    List<Object> workflows = new ArrayList<>();
    for (WorkflowReport w : report.workflows()) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("workflow", w.workflow());
      node.put("started", w.started());
      node.put("completed", w.completed());
      node.put("failed", w.failed());
      node.put("cancelled", w.cancelled());
      node.put("running", w.running());
      node.put("ended", w.ended());
      List<Object> steps = new ArrayList<>();
      for (StepReport s : w.steps()) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("step", s.step());
        step.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
        step.put("runs", s.runs());
        step.put("cases", s.cases());
        step.put("share", s.share());
        step.put("rework", s.rework());
        step.put("waiting", stats(s.waiting()));
        step.put("working", stats(s.working()));
        step.put("breaches", s.breaches());
        steps.add(step);
      }
      node.put("steps", steps);
      List<Object> variants = new ArrayList<>();
      for (Variant v : w.variants()) {
        variants.add(Map.of("steps", v.steps(), "cases", v.cases()));
      }
      node.put("variants", variants);
      List<Object> deviations = new ArrayList<>();
      for (Deviation d : w.deviations()) {
        deviations.add(Map.of("case", d.caseId(), "activity", d.activity(), "reason", d.reason()));
      }
      node.put("deviations", deviations);
      workflows.add(node);
    }
    root.put("workflows", workflows);
    return root;
  }

  private static Map<String, Object> stats(Stats stats) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("count", stats.count());
    node.put("median", iso(stats.median()));
    node.put("p90", iso(stats.p90()));
    node.put("medianSeconds", stats.median() == null ? null : stats.median().toMillis() / 1000.0);
    node.put("p90Seconds", stats.p90() == null ? null : stats.p90().toMillis() / 1000.0);
    return node;
  }

  private static String iso(Duration duration) {
    return duration == null ? null : duration.toString();
  }

  private static String cases(Report report) {
    int cases = report.workflows().stream().mapToInt(WorkflowReport::started).sum();
    int workflows = report.workflows().size();
    return cases + (cases == 1 ? " case" : " cases") + " of " + workflows + (workflows == 1 ? " workflow" : " workflows");
  }

  private static String caseLine(WorkflowReport w) {
    List<String> parts = new ArrayList<>();
    add(parts, w.completed(), "completed");
    add(parts, w.failed(), "failed");
    add(parts, w.cancelled(), "cancelled");
    add(parts, w.ended(), "ended");
    add(parts, w.running(), "running");
    return w.started() + (w.started() == 1 ? " case" : " cases") + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
  }

  private static void add(List<String> parts, int count, String word) {
    if (count > 0) {
      parts.add(count + " " + word);
    }
  }

  private static String measureLine(MeasureReport m) {
    if (m.stats().count() == 0) {
      return m.verdict() + (m.open() > 0 ? " (" + m.open() + " open)" : "");
    }
    return m.stats().count() + (m.stats().count() == 1 ? " case" : " cases") + ", median " + words(m.stats().median())
        + ", p90 " + words(m.stats().p90())
        + (m.withinTarget() == null ? "" : ", " + percent(m.withinTarget()) + " within target")
        + (m.open() > 0 ? ", " + m.open() + " open" : "") + ": " + m.verdict();
  }

  private static List<String> stepRow(StepReport s) {
    return List.of(s.step(), s.kind().name().toLowerCase(Locale.ROOT), Integer.toString(s.runs()),
        Integer.toString(s.cases()), percent(s.share()), Integer.toString(s.rework()), words(s.waiting().median()),
        words(s.waiting().p90()), words(s.working().median()), words(s.working().p90()), Integer.toString(s.breaches()));
  }

  private static void variants(StringBuilder out, WorkflowReport w, String indent, boolean markdown) {
    int shown = Math.min(VARIANTS, w.variants().size());
    out.append(markdown ? "\n" : "").append(indent).append("Paths taken (").append(w.variants().size())
        .append(w.variants().size() == 1 ? " variant" : " variants").append(")").append(markdown ? ":\n\n" : "\n");
    for (Variant v : w.variants().subList(0, shown)) {
      String path = v.steps().isEmpty() ? "(no step completed)" : String.join(" → ", v.steps());
      out.append(indent).append(markdown ? "- " : "  ").append(v.cases()).append(v.cases() == 1 ? " case: " : " cases: ")
          .append(markdown ? "`" + path + "`" : path).append("\n");
    }
    if (w.variants().size() > shown) {
      out.append(indent).append(markdown ? "- " : "  ").append("and ").append(w.variants().size() - shown)
          .append(" more\n");
    }
  }

  private static void deviations(StringBuilder out, WorkflowReport w, String indent) {
    if (w.deviations().isEmpty()) {
      return;
    }
    out.append(indent).append(w.deviations().size()).append(w.deviations().size() == 1 ? " case" : " cases")
        .append(" the model cannot produce:\n");
    for (Deviation d : w.deviations()) {
      out.append(indent).append("  ").append(d.caseId()).append(": ").append(d.reason()).append("\n");
    }
  }

  private static void table(StringBuilder out, List<List<String>> rows, String indent) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < columns; i++) {
        String cell = row.get(i);
        boolean left = i < 2;
        if (i > 0) {
          line.append("  ");
        }
        line.append(left ? cell + " ".repeat(widths[i] - cell.length()) : " ".repeat(widths[i] - cell.length()) + cell);
      }
      out.append(line.toString().stripTrailing()).append("\n");
    }
  }

  private static String words(Duration duration) {
    return Inspection.Durations.words(duration);
  }

  private static String percent(double share) {
    return Math.round(share * 100) + "%";
  }
}
