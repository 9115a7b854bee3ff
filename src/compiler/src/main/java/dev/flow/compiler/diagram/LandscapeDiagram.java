package dev.flow.compiler.diagram;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.diagram.Graph.EdgeKind;
import dev.flow.compiler.diagram.Graph.EdgeStyle;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every process of the model, grouped by category (operational, management, support, then those
 * without one), with an edge wherever a workflow of one process hands work to, calls or starts a
 * workflow of another, and an event node for each event that workflows of two or more processes
 * start on or wait for (the language has no statement that publishes an event, so where an event
 * comes from is not in the model: only who waits for it).
 */
final class LandscapeDiagram {
  private LandscapeDiagram() {}

  static Graph of(ModelIndex index) {
    Graph graph = new Graph("TB", "Process landscape");
    Map<Decl.ProcessDecl, String> ids = new IdentityHashMap<>();
    List<Decl.ProcessDecl> processes = index.processes();
    // The classic process house: management on top, the operational core, support below it.
    List<String> groups = new ArrayList<>();
    for (Clause.Category category : List.of(Clause.Category.MANAGEMENT, Clause.Category.OPERATIONAL,
        Clause.Category.SUPPORT)) {
      group(graph, index, ids, "c_" + category.word(), Words.humanize(category.word()) + " processes",
          processes.stream().filter(p -> categoryOf(p).filter(c -> c == category).isPresent()).toList(), groups);
    }
    group(graph, index, ids, "c_none", "Processes without a category",
        processes.stream().filter(p -> categoryOf(p).isEmpty()).toList(), groups);
    for (int i = 1; i < groups.size(); i++) {
      graph.edge(groups.get(i - 1), groups.get(i), "", EdgeStyle.INVISIBLE, EdgeKind.NORMAL);
    }
    for (Decl.ProcessDecl p : processes) {
      for (Decl.WorkflowDecl w : index.workflowsOf(p)) {
        for (Clause.Trigger t : w.triggers()) {
          if (t.kind() == Clause.TriggerKind.AFTER_WORKFLOW) {
            processOf(index, t.target()).filter(from -> from != p)
                .ifPresent(from -> graph.edge(ids.get(from), ids.get(p), "hands work to", EdgeStyle.SOLID, EdgeKind.NORMAL));
          }
        }
        for (Stmt s : Statements.all(w.body())) {
          Optional<Name> callee = s instanceof Stmt.Call c ? Optional.of(c.workflow())
              : s instanceof Stmt.Start st ? Optional.of(st.workflow()) : Optional.empty();
          String verb = s instanceof Stmt.Call ? "calls" : "starts";
          processOf(index, callee).filter(to -> to != p)
              .ifPresent(to -> graph.edge(ids.get(p), ids.get(to), verb, EdgeStyle.DOTTED, EdgeKind.NORMAL));
        }
      }
    }
    sharedEvents(graph, index, ids);
    return graph;
  }

  /**
   * An event that workflows of several processes emit, start on or wait for, with an edge from
   * each process that emits it and to each that starts on or waits for it.
   */
  private static void sharedEvents(Graph graph, ModelIndex index, Map<Decl.ProcessDecl, String> ids) {
    // By the event's qualified name: the node id of each process that waits for it, and how.
    Map<String, Map<String, String>> waiting = new LinkedHashMap<>();
    Map<String, java.util.Set<String>> emitting = new LinkedHashMap<>();
    Map<String, String> titles = new LinkedHashMap<>();
    for (Decl.ProcessDecl p : index.processes()) {
      for (Decl.WorkflowDecl w : index.workflowsOf(p)) {
        List<Optional<Name>> started = w.triggers().stream()
            .filter(t -> t.kind() == Clause.TriggerKind.ON_EVENT).map(Clause.Trigger::target).toList();
        started.forEach(e -> waitsFor(index, e, ids.get(p), "starts", waiting, titles));
        for (Stmt s : Statements.all(w.body())) {
          if (s instanceof Stmt.Receive r) {
            waitsFor(index, Optional.of(r.event()), ids.get(p), "waited for", waiting, titles);
          } else if (s instanceof Stmt.Emit emit && emit.event() instanceof Expr.Construct built) {
            String process = ids.get(p);
            index.declarationOf(built.type()).filter(Decl.EventDecl.class::isInstance).ifPresent(d -> {
              String key = index.qualifiedName(d);
              titles.putIfAbsent(key, Words.humanize(d.name().text()));
              waiting.computeIfAbsent(key, k -> new LinkedHashMap<>());
              emitting.computeIfAbsent(key, k -> new java.util.LinkedHashSet<>()).add(process);
            });
          }
        }
      }
    }
    int n = 0;
    for (Map.Entry<String, Map<String, String>> e : waiting.entrySet()) {
      java.util.Set<String> emitters = emitting.getOrDefault(e.getKey(), java.util.Set.of());
      java.util.Set<String> involved = new java.util.LinkedHashSet<>(emitters);
      involved.addAll(e.getValue().keySet());
      if (involved.size() < 2) {
        continue;
      }
      String id = "e" + (++n);
      graph.add(new Graph.Node(id, NodeKind.EVENT, Label.titled(titles.get(e.getKey()))
          .line("event, in " + involved.size() + " processes"), Optional.empty(), Optional.empty()));
      emitters.forEach(process -> graph.edge(process, id, "emits", EdgeStyle.DOTTED, EdgeKind.NORMAL));
      e.getValue().forEach((process, verb) -> graph.edge(id, process, verb, EdgeStyle.DOTTED, EdgeKind.NORMAL));
    }
  }

  private static void waitsFor(ModelIndex index, Optional<Name> event, String process, String verb,
      Map<String, Map<String, String>> waiting, Map<String, String> titles) {
    event.flatMap(index::declarationOf).ifPresent(e -> {
      String key = index.qualifiedName(e);
      titles.putIfAbsent(key, Words.humanize(e.name().text()));
      waiting.computeIfAbsent(key, k -> new LinkedHashMap<>()).putIfAbsent(process, verb);
    });
  }

  private static void group(Graph graph, ModelIndex index, Map<Decl.ProcessDecl, String> ids, String region,
      String title, List<Decl.ProcessDecl> processes, List<String> groups) {
    if (processes.isEmpty()) {
      return;
    }
    groups.add(region);
    // Top to bottom inside a category: its processes side by side in a row (left to right, Mermaid stacks nodes
    // without edges between them one below the other, and the landscape became a tall list).
    graph.add(new Graph.Region(region, title, Optional.empty(), Optional.of("TB")));
    for (Decl.ProcessDecl p : processes) {
      String id = "p" + (ids.size() + 1);
      ids.put(p, id);
      Label label = ProcessMapDiagram.processLabel(index, p, false);
      List<String> names = new ArrayList<>();
      index.workflowsOf(p).forEach(w -> names.add(Words.humanize(w.name().text()))); // "Interview loop"
      if (!names.isEmpty()) {
        label = label.line("workflows: " + String.join(", ", names));
      }
      graph.add(new Graph.Node(id, NodeKind.PROCESS, label, Optional.of(region), Optional.empty()));
    }
  }

  private static Optional<Clause.Category> categoryOf(Decl.ProcessDecl p) {
    return p.clause(Clause.CategoryClause.class).map(Clause.CategoryClause::category);
  }

  private static Optional<Decl.ProcessDecl> processOf(ModelIndex index, Optional<Name> workflow) {
    return workflow.flatMap(index::declarationOf)
        .filter(Decl.WorkflowDecl.class::isInstance)
        .map(Decl.WorkflowDecl.class::cast)
        .flatMap(index::processOf);
  }
}
