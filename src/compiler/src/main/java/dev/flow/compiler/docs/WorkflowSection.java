package dev.flow.compiler.docs;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.diagram.Diagrams;
import dev.flow.compiler.diagram.ModelIndex;
import dev.flow.compiler.diagram.StepFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The documentation of one workflow, a section of its process's page: its doc comment, trigger,
 * owner, deadline, inputs and outputs, its flowchart and the table of its steps.
 */
final class WorkflowSection {
  private final ModelIndex index;
  private final StepFacts facts;

  WorkflowSection(ModelIndex index) {
    this.index = index;
    this.facts = new StepFacts(index);
  }

  String of(Decl.WorkflowDecl w) {
    StringBuilder out = new StringBuilder();
    out.append("## ").append(Markdown.text(w.name().text())).append("\n\n");
    if (!w.doc().isEmpty()) {
      out.append(Markdown.doc(w.doc().text())).append("\n\n");
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Trigger", Markdown.text(trigger(w))));
    rows.add(List.of("Owner", Markdown.text(facts.owner(w).isEmpty() ? "none given" : facts.owner(w))));
    rows.add(List.of("Deadline", Markdown.text(w.clause(Clause.Deadline.class).isEmpty() ? "none"
        : facts.deadline(w).substring("deadline ".length()))));
    if (!w.inputs().isEmpty()) {
      rows.add(List.of("Inputs", String.join(", ", w.inputs().stream()
          .map(i -> Markdown.code(i.name().text() + ": " + i.type())).toList())));
    }
    if (!w.outputs().isEmpty()) {
      rows.add(List.of("Outputs", String.join(", ", w.outputs().stream()
          .map(o -> Markdown.code(o.name().text() + ": " + o.type())).toList())));
    }
    if (!w.fails().isEmpty()) {
      rows.add(List.of("Fails with", String.join(", ", w.fails().stream().map(e -> Markdown.code(e.text())).toList())));
    }
    rows.add(List.of("Version", String.valueOf(w.version())));
    out.append(Markdown.table(List.of("Workflow", Markdown.code(index.qualifiedName(w))), rows)).append('\n');
    charts(w, out);
    String steps = new StepTable(facts).of(w.body());
    if (!steps.isEmpty()) {
      out.append("### Steps of ").append(Markdown.text(w.name().text())).append("\n\n").append(steps).append('\n');
    }
    return out.toString();
  }

  /**
   * The workflow's chart; one too big for a screen as its overview and then the chart of each part
   * the overview folds, under a heading with an anchor that the part's box links to.
   */
  private void charts(Decl.WorkflowDecl w, StringBuilder out) {
    String name = w.name().text();
    List<Diagrams.Chart> charts = Diagrams.workflowCharts(index, w, key -> "#" + anchor(name, key));
    out.append(Diagrams.fence(charts.get(0).mermaid())).append('\n');
    if (charts.size() > 1) {
      out.append("The chart above is an overview: each dashed box is a part of ").append(Markdown.text(name))
          .append(", drawn below (click a box to get to it).\n\n");
    }
    for (Diagrams.Chart chart : charts.subList(1, charts.size())) {
      // A heading of identifiers and spaces only, so that its anchor is known: the page stays text.
      out.append("### ").append(Markdown.text(name + " part " + chart.key())).append("\n\n");
      out.append(Markdown.text(chart.title())).append("\n\n");
      out.append(Diagrams.fence(chart.mermaid())).append('\n');
    }
  }

  /**
   * The anchor of a part's heading ({@code ### Recruitment part draftOffer}) as GitHub and most
   * Markdown renderers make it: lower case, spaces as hyphens. Workflow names and keys are
   * identifiers.
   */
  private static String anchor(String workflow, String key) {
    return (workflow + "-part-" + key).toLowerCase(Locale.ROOT);
  }

  /** The triggers in words, or who calls and starts a workflow without one. */
  private String trigger(Decl.WorkflowDecl w) {
    String triggers = StepFacts.triggers(w.triggers());
    if (!triggers.isEmpty()) {
      return triggers.substring(0, 1).toUpperCase(Locale.ROOT) + triggers.substring(1);
    }
    List<String> by = new ArrayList<>();
    index.callersOf(w).forEach(c -> by.add("called by " + c.name().text()));
    index.startersOf(w).forEach(c -> by.add("started by " + c.name().text()));
    return by.isEmpty() ? "None: runs when another workflow calls or starts it"
        : "None: " + String.join(", ", by);
  }
}
