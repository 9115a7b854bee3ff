package dev.flow.compiler.diagram;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.diagram.Graph.EdgeKind;
import dev.flow.compiler.diagram.Graph.EdgeStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The map of one process ({@code flowchart TB}): the process with its goal, owner and category,
 * its workflows, what starts each of them (events, schedules, a person) and the hand-offs
 * between them ({@code starts after}), read from top to bottom; calls and starts of other
 * workflows as dotted edges; workflows of other processes that hand work in or out as dashed
 * nodes.
 */
final class ProcessMapDiagram {
  private final ModelIndex index;
  private final StepFacts facts;
  private final Decl.ProcessDecl process;
  private final Graph graph;
  private final List<Decl.WorkflowDecl> members;
  private final Map<Decl.WorkflowDecl, String> memberIds = new IdentityHashMap<>();
  private final Map<String, String> idByKey = new LinkedHashMap<>();
  private int counter;

  private ProcessMapDiagram(ModelIndex index, Decl.ProcessDecl process) {
    this.index = index;
    this.facts = new StepFacts(index);
    this.process = process;
    // Top to bottom: left to right, a process with four workflows was ~1,900 px wide and shrank to
    // unreadable text on a docs page; top to bottom it is ~1,200 by 700.
    this.graph = new Graph("TB", "Process " + index.qualifiedName(process));
    this.members = index.workflowsOf(process);
    for (int i = 0; i < members.size(); i++) {
      memberIds.put(members.get(i), "w" + (i + 1));
    }
  }

  static Graph of(ModelIndex index, Decl.ProcessDecl process) {
    return new ProcessMapDiagram(index, process).build();
  }

  private Graph build() {
    String region = "r_workflows";
    graph.add(new Graph.Node("p_process", NodeKind.PROCESS, processLabel(index, process, true), Optional.empty(),
        Optional.empty()));
    graph.add(new Graph.Region(region, "Workflows of " + Words.humanize(process.name().text()), Optional.empty()));
    if (!members.isEmpty()) {
      graph.edge("p_process", region, "", EdgeStyle.INVISIBLE, EdgeKind.NORMAL); // the process stands on top
    }
    for (Decl.WorkflowDecl w : members) {
      graph.add(new Graph.Node(workflowId(w), NodeKind.WORKFLOW, workflowLabel(w), Optional.of(region), Optional.empty()));
    }
    for (Decl.WorkflowDecl w : members) {
      triggers(w);
      for (Stmt s : Statements.all(w.body())) {
        if (s instanceof Stmt.Call c) {
          workflow(c.workflow()).ifPresent(callee -> graph.edge(workflowId(w), idOf(callee), "calls", EdgeStyle.DOTTED,
              EdgeKind.NORMAL));
        } else if (s instanceof Stmt.Start st) {
          workflow(st.workflow()).ifPresent(started -> graph.edge(workflowId(w), idOf(started), "starts",
              EdgeStyle.DOTTED, EdgeKind.NORMAL));
        }
      }
    }
    // Workflows elsewhere that start when one of ours completes: where the work goes next, in
    // the index's order of workflows (each edge in the order of the other workflow's triggers).
    Map<Decl.WorkflowDecl, Boolean> seen = new IdentityHashMap<>();
    List<Decl.WorkflowDecl> others = new ArrayList<>();
    for (Decl.WorkflowDecl ours : members) {
      for (Decl.WorkflowDecl other : index.followersOf(ours)) {
        if (!isMember(other) && seen.put(other, Boolean.TRUE) == null) {
          others.add(other);
        }
      }
    }
    others.sort(Comparator.comparingInt(index::position));
    for (Decl.WorkflowDecl other : others) {
      for (Clause.Trigger t : other.triggers()) {
        if (t.kind() == Clause.TriggerKind.AFTER_WORKFLOW) {
          t.target().flatMap(this::workflow).filter(this::isMember).ifPresent(ours ->
              graph.edge(workflowId(ours), idOf(other), "when completed", EdgeStyle.SOLID, EdgeKind.NORMAL));
        }
      }
    }
    return graph;
  }

  private void triggers(Decl.WorkflowDecl w) {
    String to = workflowId(w);
    for (Clause.Trigger t : w.triggers()) {
      switch (t.kind()) {
        case ON_EVENT -> {
          Name event = t.target().orElseThrow();
          String key = "event " + index.declarationOf(event).map(index::qualifiedName).orElse(event.text());
          String id = idByKey.computeIfAbsent(key, k -> newId("event", NodeKind.EVENT,
              Label.titled(Words.humanize(event.text())).line("event")));
          graph.edge(id, to, "starts", EdgeStyle.SOLID, EdgeKind.NORMAL);
        }
        case EVERY -> {
          String cron = t.cron().map(c -> c.plainText()).orElse("");
          // The schedule in words ("every weekday at 9:00"); the cron is written out only when it has no words.
          // (It stays in the page's trigger row: strict renderers drop Mermaid tooltips, see docs/language.md.)
          Label label = CronWords.describe(cron).map(words -> Label.titled("Schedule").line(words))
              .orElseGet(() -> Label.titled("Schedule").line("\"" + cron + "\"").line("cron"));
          graph.edge(newId("schedule", NodeKind.SCHEDULE, label), to, "starts", EdgeStyle.SOLID, EdgeKind.NORMAL);
        }
        case MANUALLY -> graph.edge(newId("manual", NodeKind.MANUAL, Label.titled("By hand")
            .line("a person starts it")), to, "starts",
            EdgeStyle.SOLID, EdgeKind.NORMAL);
        case AFTER_WORKFLOW -> t.target().flatMap(this::workflow).ifPresent(before ->
            graph.edge(idOf(before), to, "when completed", EdgeStyle.SOLID, EdgeKind.NORMAL));
        default -> throw new IllegalStateException("unknown trigger " + t.kind());
      }
    }
  }

  /** The node of a workflow: ours, or a dashed one for a workflow of another process (made on first use). */
  private String idOf(Decl.WorkflowDecl w) {
    if (isMember(w)) {
      return workflowId(w);
    }
    return idByKey.computeIfAbsent("workflow " + index.qualifiedName(w), k -> {
      Label label = Label.titled(Words.humanize(w.name().text()))
          .line(index.processOf(w).map(p -> "in process " + Words.humanize(p.name().text())).orElse("in no process"));
      return newId("workflow", NodeKind.EXTERNAL, label);
    });
  }

  private String newId(String kind, NodeKind nodeKind, Label label) {
    String id = "n" + (++counter) + "_" + kind;
    graph.add(new Graph.Node(id, nodeKind, label, Optional.empty(), Optional.empty()));
    return id;
  }

  private boolean isMember(Decl.WorkflowDecl w) {
    return memberIds.containsKey(w);
  }

  /** Members' ids come from their (unique) position in the {@code workflows} clause. */
  private String workflowId(Decl.WorkflowDecl w) {
    String id = memberIds.get(w);
    if (id == null) {
      throw new IllegalStateException(w.name() + " is not in " + process.name());
    }
    return id;
  }

  private Optional<Decl.WorkflowDecl> workflow(Name reference) {
    return index.workflow(reference);
  }

  private Label workflowLabel(Decl.WorkflowDecl w) {
    Label label = Label.titled(Words.humanize(w.name().text())).line("workflow");
    if (!facts.owner(w).isEmpty()) {
      label = label.line("owner: " + facts.owner(w));
    }
    return facts.deadline(w).isEmpty() ? label : label.line(facts.deadline(w));
  }

  /** A process with its goal, owner and category: shared with the landscape. */
  static Label processLabel(ModelIndex index, Decl.ProcessDecl p, boolean withCategory) {
    Label label = Label.titled(Words.humanize(p.name().text())).line("process"); // "Project delivery"
    Optional<Clause.Goal> goal = p.clause(Clause.Goal.class);
    if (goal.isPresent()) {
      label = label.line("goal: " + goal.get().text());
    }
    Optional<Clause.Owner> owner = p.clause(Clause.Owner.class);
    if (owner.isPresent()) {
      label = label.line("owner: " + index.title(owner.get().role()));
    }
    Optional<Clause.CategoryClause> category = p.clause(Clause.CategoryClause.class);
    return category.isEmpty() || !withCategory ? label : label.line("category: " + category.get().category().word());
  }
}
