package dev.flow.compiler.bpmn;

import dev.flow.compiler.ast.ExprPrinter;
import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.bpmn.ProcessGraph.Definition;
import dev.flow.compiler.bpmn.ProcessGraph.Node;
import dev.flow.compiler.bpmn.ProcessGraph.TimerKind;
import dev.flow.compiler.bpmn.ProcessGraph.Type;
import dev.flow.compiler.diagram.ModelIndex;
import dev.flow.compiler.diagram.StepFacts;
import dev.flow.compiler.diagram.Words;
import java.util.List;
import java.util.Optional;

/**
 * The events and lanes of one workflow's process: a start event per trigger (a message for
 * {@code starts on} and {@code starts after}, a timer cycle for {@code starts every}), boundary
 * events on activities (a non-interrupting timer for a person's time limit, leading to an
 * escalation or a logged breach; an error for a step that can fail inside a {@code try}), the
 * messages they refer to, and the lane of each role and system.
 */
final class ProcessEvents {
  private final ModelIndex index;
  private final Decl.WorkflowDecl workflow;
  private final ProcessGraph graph;
  private final RootElements roots;

  ProcessEvents(ModelIndex index, Decl.WorkflowDecl workflow, ProcessGraph graph, RootElements roots) {
    this.index = index;
    this.workflow = workflow;
    this.graph = graph;
    this.roots = roots;
  }

  Node startEvent(Clause.Trigger t) {
    String target = t.target().map(Name::text).orElse("");
    Node start = switch (t.kind()) {
      case MANUALLY -> graph.add(Type.START_EVENT, "Started by hand");
      case ON_EVENT -> message(graph.add(Type.START_EVENT, Words.humanize(target)), target);
      case AFTER_WORKFLOW -> {
        Optional<Decl.WorkflowDecl> before = t.target().flatMap(index::workflow);
        Node n = message(graph.add(Type.START_EVENT, Words.humanize(target) + " completed"),
            before.map(w -> w.name().text()).orElse(target) + " completed");
        before.ifPresent(w -> graph.handoff(ProcessGraph.HandoffKind.AFTER, n.id, index.qualifiedName(w)));
        yield n;
      }
      case EVERY -> {
        Node n = graph.add(Type.START_EVENT, StepFacts.trigger(t).substring("starts ".length()));
        n.definition = Definition.TIMER;
        n.timerKind = TimerKind.CYCLE;
        n.detail = t.cron().map(Expr.StringLit::plainText).orElse("");
        yield n;
      }
    };
    ownerLane(start);
    return start;
  }

  Node message(Node node, String messageName) {
    node.definition = Definition.MESSAGE;
    node.detail = roots.id(RootElements.Kind.MESSAGE, messageName);
    return node;
  }

  Node boundary(Node host, String name) {
    Node b = graph.add(Type.BOUNDARY_EVENT, name);
    b.attachedTo = Optional.of(host.id);
    b.lane = host.lane;
    return b;
  }

  Node errorBoundary(Node host) {
    Node b = boundary(host, "Fails");
    b.definition = Definition.ERROR;
    return b;
  }

  /** A person's time limit: a non-interrupting timer on the task, to an escalation or a logged breach. */
  void timeLimit(Node task, Stmt.TimeLimit limit) {
    if (limit.within().isEmpty()) {
      return;
    }
    Node timer = boundary(task, ExprPrinter.print(limit.within().get()) + " passed");
    timer.definition = Definition.TIMER;
    timer.detail = Iso.duration(limit.within().get());
    timer.cancelActivity = false;
    Node after;
    if (limit.escalateTo().isPresent()) {
      String role = index.title(limit.escalateTo().get());
      after = graph.add(Type.END_EVENT, "Escalated to " + role);
      after.definition = Definition.ESCALATION;
      after.detail = roots.id(RootElements.Kind.ESCALATION, "Escalate to " + role);
      after.lane = lane(limit.escalateTo().get()).or(() -> task.lane);
    } else {
      after = graph.add(Type.END_EVENT, "Time limit breach logged");
      after.lane = task.lane;
    }
    graph.flow(timer.id, after.id, "", Optional.empty());
  }

  /**
   * The workflow's deadline, counted from its start: an event subprocess in the owner's lane whose
   * non-interrupting timer leads to the escalation (or a logged breach).
   */
  void deadline(Clause.Deadline d) {
    String escalation = "";
    String endName = "Deadline breach logged";
    if (d.escalateTo().isPresent()) {
      String role = index.title(d.escalateTo().get());
      endName = "Escalated to " + role;
      escalation = roots.id(RootElements.Kind.ESCALATION, "Escalate to " + role);
    }
    if (d.end().isPresent()) {
      // deadline … cancel / fail: the escalation (if any) goes with the instance's end.
      endName = (escalation.isEmpty() ? "" : endName + ", then ") + (d.end().get().cancel() ? "cancelled" : "failed");
      endName = Character.toUpperCase(endName.charAt(0)) + endName.substring(1);
    }
    Optional<String> lane = workflow.clause(Clause.Owner.class).flatMap(o -> lane(o.role()))
        .or(() -> graph.lanes().keySet().stream().findFirst());
    String limit = dev.flow.compiler.ast.ExprPrinter.print(d.duration());
    graph.deadline("Deadline " + limit, limit + " since the start", Iso.duration(d.duration()), endName, escalation, lane);
  }

  Optional<String> lane(Name reference) {
    Optional<Decl> decl = index.declarationOf(reference);
    if (decl.isEmpty()) {
      return Optional.empty();
    }
    String key = index.qualifiedName(decl.get());
    graph.lane(key, index.title(decl.get()) + (decl.get() instanceof Decl.SystemDecl ? " (system)" : ""));
    return Optional.of(key);
  }

  /**
   * The lane of a step for people: its role's, or for a step that any of several roles may take
   * ({@code by A or B}, a role decided by {@code match}) a lane of its own for those roles
   * together ("Sales or Accounting"): a BPMN flow node sits in one lane of a lane set.
   */
  Optional<String> lane(List<Name> roles) {
    if (roles.size() == 1) {
      return lane(roles.get(0));
    }
    List<String> keys = new java.util.ArrayList<>();
    List<String> titles = new java.util.ArrayList<>();
    for (Name role : roles) {
      Optional<Decl> decl = index.declarationOf(role);
      if (decl.isEmpty()) {
        return Optional.empty();
      }
      keys.add(index.qualifiedName(decl.get()));
      titles.add(index.title(decl.get()));
    }
    String key = String.join(" | ", keys);
    graph.lane(key, dev.flow.compiler.diagram.Words.either(titles));
    return Optional.of(key);
  }

  void ownerLane(Node node) {
    node.lane = workflow.clause(Clause.Owner.class).flatMap(o -> lane(o.role()));
  }
}
