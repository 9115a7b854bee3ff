package dev.flow.compiler.bpmn;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Doc;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.ExprPrinter;
import dev.flow.compiler.ast.Field;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.ast.TypedFails;
import dev.flow.compiler.bpmn.ProcessGraph.Definition;
import dev.flow.compiler.bpmn.ProcessGraph.Node;
import dev.flow.compiler.bpmn.ProcessGraph.TimerKind;
import dev.flow.compiler.bpmn.ProcessGraph.Type;
import dev.flow.compiler.diagram.ApprovalTest;
import dev.flow.compiler.diagram.ModelIndex;
import dev.flow.compiler.diagram.Questions;
import dev.flow.compiler.diagram.Statements;
import dev.flow.compiler.diagram.StepFacts;
import dev.flow.compiler.diagram.Titles;
import dev.flow.compiler.diagram.Words;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Translates a workflow into a {@link ProcessGraph}, statement by statement, with a list of
 * pending flows ({@link Exit}s) that the next node picks up, as the Mermaid flowchart does. People's
 * steps become user tasks with their form, system steps service tasks naming system and action,
 * decisions exclusive gateways with conditions, {@code parallel} parallel (or, with {@code when},
 * inclusive) gateways, {@code first} an event-based gateway when every branch waits for an event
 * or a time, {@code receive}/{@code wait} catch events, time limits boundary timers, a {@code try}
 * error boundary events on the steps that can fail, {@code compensate with} compensation
 * boundary events with their undo activity. {@code let} and {@code set} are not drawn: they are
 * data, not work.
 */
final class ProcessTranslator {
  private final ModelIndex index;
  private final StepFacts facts;
  private final Decl.WorkflowDecl workflow;
  /** The declared error of each typed {@code fail}, made on first use. */
  private Map<Stmt.Fail, String> typedFails;
  private final ProcessGraph graph;
  private final RootElements roots;
  private final Map<Decl.WorkflowDecl, String> processIds;
  private final ProcessEvents events;
  private final Map<String, String> entries = new LinkedHashMap<>();
  private final List<Exit> jumps = new ArrayList<>();
  private final List<String> jumpTargets = new ArrayList<>();
  /** The steps some {@code go to} of the workflow names: a part that holds one is not drawn as a subprocess. */
  private final Set<String> goToTargets = new HashSet<>();
  private int subProcesses;
  /**
   * In a subprocess inside a {@code try}: where its failures go (an error end event of the
   * subprocess, which the error boundary event on the subprocess takes to the handler).
   */
  private Optional<TryScope> failuresInside = Optional.empty();
  /** Whether this translator fills a subprocess. */
  private boolean inSubProcess;

  /** A flow waiting for the node it leads to. */
  private record Exit(String from, String name, Optional<String> condition, boolean isDefault) {
    static Exit of(String from) {
      return new Exit(from, "", Optional.empty(), false);
    }

    static Exit when(String from, String name, String condition) {
      return new Exit(from, name, Optional.of(condition), false);
    }

    static Exit otherwise(String from, String name) {
      return new Exit(from, name, Optional.empty(), true);
    }
  }

  /** Where failures inside the innermost {@code try} go. */
  private static final class TryScope {
    final List<Exit> failures = new ArrayList<>();
    /** The declared errors its typed {@code catch} clauses handle. */
    final List<String> caught = new ArrayList<>();
  }

  private ProcessTranslator(ModelIndex index, Decl.WorkflowDecl workflow, ProcessGraph graph, RootElements roots,
      Map<Decl.WorkflowDecl, String> processIds) {
    this.index = index;
    this.facts = new StepFacts(index);
    this.workflow = workflow;
    this.graph = graph;
    this.roots = roots;
    this.processIds = processIds;
    this.events = new ProcessEvents(index, workflow, graph, roots);
    Statements.all(workflow.body()).stream().filter(Stmt.GoTo.class::isInstance)
        .forEach(g -> goToTargets.add(((Stmt.GoTo) g).target().text()));
  }

  /**
   * The process of a workflow.
   *
   * @param processIds the process id of each workflow drawn in the same file, for call activities
   */
  static ProcessGraph translate(ModelIndex index, Decl.WorkflowDecl workflow, String prefix, RootElements roots,
      Map<Decl.WorkflowDecl, String> processIds) {
    ProcessGraph graph = new ProcessGraph(prefix);
    new ProcessTranslator(index, workflow, graph, roots, processIds).build();
    return graph;
  }

  private void build() {
    workflow.clause(Clause.Owner.class).ifPresent(o -> events.lane(o.role()));
    List<Exit> starts = new ArrayList<>();
    Set<String> byHand = new HashSet<>();
    for (Clause.Trigger t : workflow.triggers()) {
      if (t.kind() != Clause.TriggerKind.MANUALLY || starts.stream().noneMatch(e -> isBlank(e.from()))) {
        String start = events.startEvent(t).id;
        starts.add(Exit.of(start));
        if (t.kind() == Clause.TriggerKind.MANUALLY) {
          byHand.add(start);
        }
      }
    }
    if (starts.isEmpty()) {
      Node start = graph.add(Type.START_EVENT, callers());
      if (!index.startersOf(workflow).isEmpty()) {
        // Started by another workflow's `start`: the message that statement throws.
        events.message(start, "Start " + workflow.name().text());
      }
      events.ownerLane(start);
      starts.add(Exit.of(start.id));
    }
    List<Exit> ends = block(workflow.body(), starts, Optional.empty(), List.of());
    if (!ends.isEmpty()) {
      connect(ends, completed());
    }
    workflow.clause(Clause.Deadline.class).ifPresent(events::deadline);
    for (int i = 0; i < jumps.size(); i++) {
      String target = entries.get(jumpTargets.get(i));
      if (target != null) {
        connect(List.of(jumps.get(i)), target);
      }
    }
    startWithTheFirstStep(byHand);
  }

  /**
   * The start events of a workflow whose owner does nothing in it (no step, no end, no deadline in the owner's lane, no
   * event or gateway right after the start, which would stand in the start's lane) stand in the lane of the first step
   * they lead to, and the owner's lane is dropped: a workflow started by a call,
   * by another workflow, by an event or on a schedule is not started by its owner, and a lane holding only a start
   * event said nothing but made the reader look for the owner's work (OrderProvisioning's "Order desk" lanes). A start
   * by hand keeps the owner's lane: the workflow names no one else who could start it.
   */
  private void startWithTheFirstStep(Set<String> byHand) {
    Optional<String> owner = workflow.clause(Clause.Owner.class).flatMap(o -> events.lane(o.role()));
    if (owner.isEmpty()) {
      return;
    }
    List<Node> starts = graph.nodes().stream().filter(n -> n.type == Type.START_EVENT && n.lane.equals(owner)).toList();
    boolean busy = graph.nodes().stream().anyMatch(n -> n.type != Type.START_EVENT && n.lane.equals(owner))
        || graph.deadline().flatMap(ProcessGraph.Deadline::lane).equals(owner)
        || starts.stream().anyMatch(n -> byHand.contains(n.id));
    if (busy || starts.isEmpty()) {
      return;
    }
    Map<Node, String> moved = new LinkedHashMap<>();
    for (Node start : starts) {
      firstLaneAfter(start.id).ifPresent(lane -> moved.put(start, lane));
    }
    if (moved.size() < starts.size()) {
      return;
    }
    moved.forEach((start, lane) -> start.lane = Optional.of(lane));
    graph.lanes().remove(owner.get());
  }

  /**
   * The lane of the step a start event leads to, when every flow out of it goes straight to a node with a lane of its
   * own (an event or a gateway right after the start stands in the start's lane, as what follows it without a lane of
   * its own: the start then keeps the owner's lane, which holds those).
   */
  private Optional<String> firstLaneAfter(String id) {
    List<ProcessGraph.Flow> out = graph.outgoing(id);
    if (out.isEmpty() || out.stream().anyMatch(f -> graph.node(f.target).lane.isEmpty())) {
      return Optional.empty();
    }
    return graph.node(out.get(0).target).lane;
  }

  private boolean isBlank(String id) {
    return graph.node(id).definition == Definition.NONE;
  }

  private String callers() {
    List<String> names = new ArrayList<>();
    index.callersOf(workflow).forEach(w -> names.add(Words.humanize(w.name().text())));
    index.startersOf(workflow).forEach(w -> names.add(Words.humanize(w.name().text())));
    return names.isEmpty() ? "Started" : "Started by " + String.join(" or ", names.stream().distinct().toList());
  }

  // ---- blocks and statements ----------------------------------------------------------------

  private List<Exit> block(Block block, List<Exit> in, Optional<TryScope> scope, List<Stmt.SystemStep> undoable) {
    List<Stmt> statements = block.statements();
    List<Exit> current = in;
    List<Stmt.SystemStep> done = new ArrayList<>(undoable);
    for (int i = 0; i < statements.size(); i++) {
      Stmt s = statements.get(i);
      if (s instanceof Stmt.Approval a && i + 1 < statements.size() && statements.get(i + 1) instanceof Stmt.If test
          && ApprovalTest.of(a, test.arms().get(0).condition()).isPresent()) {
        current = approvalDecision(a, test, current, scope, List.copyOf(done));
        done.addAll(Statements.compensating(test));
        i++;
        continue;
      }
      current = statement(s, current, scope, List.copyOf(done));
      done.addAll(Statements.compensating(s));
    }
    return current;
  }

  private List<Exit> statement(Stmt s, List<Exit> in, Optional<TryScope> scope, List<Stmt.SystemStep> undoable) {
    if (s instanceof Stmt.HumanStep h) {
      Node task = named(h.name(), Type.USER_TASK, h.doc().text());
      task.form = h.form().stream().map(ProcessTranslator::field).toList();
      events.lane(h.people().roles(h.role())).ifPresent(l -> task.lane = Optional.of(l));
      task.documentation = join(task.documentation, people(h.role(), h.people()));
      connect(in, task.id);
      events.timeLimit(task, h.limit());
      return List.of(Exit.of(task.id));
    }
    if (s instanceof Stmt.Approval a) {
      Node task = approvalTask(a);
      connect(in, task.id);
      return List.of(Exit.of(task.id));
    }
    if (s instanceof Stmt.SystemStep st) {
      return systemStep(st, in, scope);
    }
    if (s instanceof Stmt.Notify n) {
      // Whom in words, as the flowchart says it: a role by its title, an address by the person it belongs to
      // ("Notify the applicant via Email"); the address as written goes in the documentation.
      boolean role = facts.role(n).isPresent();
      Node send = graph.add(Type.SEND_TASK, "Notify " + (role ? facts.notifyTarget(n) : facts.recipient(n))
          + n.via().map(v -> " via " + index.title(v)).orElse(""));
      send.documentation = join(n.doc().text(), (role ? "" : "To: " + facts.notifyTarget(n) + "\n")
          + "Message: " + ExprPrinter.message(n.message()));
      n.via().flatMap(events::lane).ifPresent(l -> send.lane = Optional.of(l));
      connect(in, send.id);
      return List.of(Exit.of(send.id));
    }
    if (s instanceof Stmt.Emit e) {
      String event = e.eventName();
      Node thrown = events.message(graph.add(Type.THROW_EVENT, "Emit " + Words.humanize(event)), event);
      thrown.documentation = join(e.doc().text(), "Publishes " + ExprPrinter.print(e.event()));
      String qualified = e.event() instanceof Expr.Construct built ? index.declarationOf(built.type())
          .filter(Decl.EventDecl.class::isInstance).map(index::qualifiedName).orElse("") : "";
      graph.emits(thrown.id, thrown.detail, qualified);
      connect(in, thrown.id);
      return List.of(Exit.of(thrown.id));
    }
    if (s instanceof Stmt.Wait w) {
      return List.of(Exit.of(timer(Type.CATCH_EVENT, "Wait " + ExprPrinter.print(w.duration()), w.duration(), in).id));
    }
    if (s instanceof Stmt.WaitUntil w) {
      Node n = timer(Type.CATCH_EVENT, "Wait until " + ExprPrinter.print(w.time()), w.time(), in);
      n.timerKind = TimerKind.DATE;
      return List.of(Exit.of(n.id));
    }
    if (s instanceof Stmt.Receive r) {
      return receive(r, in, scope, undoable);
    }
    if (s instanceof Stmt.Signal g) {
      Node signal = graph.add(Type.THROW_EVENT, "Signal " + Words.humanize(g.signal().text()).toLowerCase(Locale.ROOT));
      signal.documentation = join(g.doc().text(), "Sends the in-case signal `" + g.signal().text()
          + "`; one `wait for " + g.signal().text() + "` takes it.");
      connect(in, signal.id);
      return List.of(Exit.of(signal.id));
    }
    if (s instanceof Stmt.CancelRegion g) {
      Node cancel = graph.add(Type.THROW_EVENT, "Cancel region " + Words.humanize(g.region().text()).toLowerCase(Locale.ROOT));
      cancel.documentation = join(g.doc().text(), "Cancels the region `" + g.region().text() + "`: every running `region "
          + g.region().text() + "` block of the instance is withdrawn, and every one reached later is skipped.");
      connect(in, cancel.id);
      return List.of(Exit.of(cancel.id));
    }
    if (s instanceof Stmt.Region r) {
      return region(r, in, scope, undoable);
    }
    if (s instanceof Stmt.WaitFor w) {
      Node wait = graph.add(Type.CATCH_EVENT, "Wait for " + Words.humanize(w.signal().text()).toLowerCase(Locale.ROOT));
      wait.documentation = join(w.doc().text(), "Waits for the in-case signal `" + w.signal().text()
          + "` (kept if sent earlier).");
      connect(in, wait.id);
      return List.of(Exit.of(wait.id));
    }
    if (s instanceof Stmt.Call c) {
      Node call = named(c.name(), Type.CALL_ACTIVITY, c.doc().text());
      call.name = "Call " + Words.humanize(c.workflow().text());
      index.workflow(c.workflow()).map(processIds::get).ifPresent(id -> call.calledElement = Optional.of(id));
      index.workflow(c.workflow()).ifPresent(w -> graph.handoff(ProcessGraph.HandoffKind.CALL, call.id, index.qualifiedName(w)));
      connect(in, call.id);
      scope.ifPresent(t -> {
        // A declared error of the called workflow that the `try` catches: an error boundary of its own.
        List<String> declared = index.workflow(c.workflow()).map(w -> w.fails().stream().map(Name::text).toList())
            .orElse(List.of());
        t.caught.stream().filter(declared::contains).forEach(error -> {
          Node typed = events.boundary(call, error);
          typed.definition = Definition.ERROR;
          typed.detail = roots.declaredError(error);
          t.failures.add(Exit.of(typed.id));
        });
        t.failures.add(Exit.of(events.errorBoundary(call).id));
      });
      return List.of(Exit.of(call.id));
    }
    if (s instanceof Stmt.Start st) {
      Optional<Decl.WorkflowDecl> started = index.workflow(st.workflow());
      Node start = events.message(graph.add(Type.THROW_EVENT, "Start " + Words.humanize(st.workflow().text())),
          "Start " + started.map(w -> w.name().text()).orElse(st.workflow().text()));
      start.documentation = st.doc().text();
      started.ifPresent(w -> graph.handoff(ProcessGraph.HandoffKind.START, start.id, index.qualifiedName(w)));
      connect(in, start.id);
      return List.of(Exit.of(start.id));
    }
    if (s instanceof Stmt.If f) {
      return ifChain(f.arms(), f.otherwise(), in, scope, undoable);
    }
    if (s instanceof Stmt.Match m) {
      return match(m, in, scope, undoable);
    }
    if (s instanceof Stmt.Parallel p) {
      return parallel(p, in, scope, undoable);
    }
    if (s instanceof Stmt.First f) {
      return first(f, in, scope, undoable);
    }
    if (s instanceof Stmt.ForEach f && f.unwaited()) {
      return startEach(f, in, scope, undoable);
    }
    if (s instanceof Stmt.ForEach f) {
      Optional<List<Exit>> once = multiInstance(f, in, scope, undoable);
      if (once.isPresent()) {
        return once.get();
      }
      Optional<List<Exit>> each = multiInstanceSubProcess(f, in, scope, undoable);
      if (each.isPresent()) {
        return each.get();
      }
      return loop("For each " + f.variable().text() + " in " + ExprPrinter.print(f.iterable())
          + (f.parallel() ? ", all at once" : "")
          + f.join().stream().mapToObj(n -> ", going on after " + n).findFirst().orElse("")
          + f.first().stream().mapToObj(n -> ", the first " + n + " win").findFirst().orElse(""),
          "more " + f.variable().text() + "?", "more " + f.variable().text() + "?", f.body(), Optional.empty(),
          in, scope, undoable);
    }
    if (s instanceof Stmt.ForEachArriving a) {
      return arrivals(a, in, scope, undoable);
    }
    if (s instanceof Stmt.Repeat r) {
      return loop("Repeat at most " + ExprPrinter.print(r.maxTimes()) + " times", "another round?", "another round?", r.body(),
          r.until(), in, scope, undoable);
    }
    if (s instanceof Stmt.While w) {
      return loop("While " + ExprPrinter.print(w.condition()), Questions.of(w.condition()), ExprPrinter.print(w.condition()),
          w.body(), Optional.empty(), in, scope, undoable);
    }
    if (s instanceof Stmt.GoTo g) {
      in.forEach(e -> {
        jumps.add(e);
        jumpTargets.add(g.target().text());
      });
      return List.of();
    }
    if (s instanceof Stmt.Try t) {
      return tryCatch(t, in, scope, undoable);
    }
    if (s instanceof Stmt.Exclusive x) {
      Node enter = graph.add(Type.CATCH_EVENT, "Wait for " + Words.humanize(x.name().text()).toLowerCase(Locale.ROOT));
      enter.documentation = join(x.doc().text(), "Critical section `" + x.name().text() + "`: what follows up to its end"
          + " never runs at the same time as another `exclusive " + x.name().text() + "` block of the instance.");
      connect(in, enter.id);
      return block(x.body(), List.of(Exit.of(enter.id)), scope, undoable);
    }
    if (s instanceof Stmt.Fail f) {
      String error = typedFails().get(f);
      if (error != null) {
        failWith(error, ExprPrinter.message(f.message()), in, scope, undoable);
      } else {
        fail(Questions.message(f.message()), ExprPrinter.message(f.message()), in, scope, undoable);
      }
      return List.of();
    }
    if (s instanceof Stmt.Complete) {
      connect(in, completed());
      return List.of();
    }
    if (s instanceof Stmt.ContinueAsNew n) {
      // This instance ends; the workflow starts over as a new instance (a fresh history) with this input.
      Node end = graph.add(Type.END_EVENT, "Continue as new");
      StringBuilder doc = new StringBuilder("Continue as new: this instance ends (completed) and the workflow starts over"
          + " as a new instance");
      for (int i = 0; i < n.arguments().size(); i++) {
        dev.flow.compiler.ast.Argument a = n.arguments().get(i);
        doc.append(i == 0 ? " with " : ", ").append(a.name().text()).append(": ").append(ExprPrinter.print(a.value()));
      }
      end.documentation = join(n.doc().text(), doc.append('.').toString());
      connect(in, end.id);
      return List.of();
    }
    if (s instanceof Stmt.Cancel c) {
      connect(undo(in, undoable), end("Cancelled: " + Questions.message(c.reason())));
      return List.of();
    }
    // let and set are data: nothing to draw.
    return in;
  }

  private static ProcessGraph.FormField field(Field f) {
    return new ProcessGraph.FormField(f.name().text(), f.type().name().text(), f.type().optional());
  }

  private Node named(Name name, Type type, String doc) {
    // A task box (100 by 80) holds about 40 characters.
    Node node = graph.addStep(type, Titles.of(name.text(), new Doc(doc), 40), name.text());
    node.documentation = doc;
    entries.putIfAbsent(name.text(), node.id);
    return node;
  }

  private Node approvalTask(Stmt.Approval a) {
    Node task = named(a.name(), Type.USER_TASK, a.doc().text());
    task.form = List.of(new ProcessGraph.FormField("approved", "Bool", false),
        new ProcessGraph.FormField("comment", "Text", true));
    events.lane(a.people().roles(a.role())).ifPresent(l -> task.lane = Optional.of(l));
    task.documentation = join(task.documentation, people(a.role(), a.people()));
    events.timeLimit(task, a.limit());
    return task;
  }

  /**
   * Who may do a step for a person, in its documentation, when more is said than its one role (the
   * lane): "by Sales or Accounting", the role decision's arms, "assigned to …", "not by …".
   */
  private String people(Name role, Stmt.People people) {
    if (people.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    parts.add("by " + facts.roles(role, people));
    String decision = facts.decision(people);
    if (!decision.isEmpty()) {
      parts.add(decision);
    }
    String assignment = StepFacts.assignment(people);
    if (!assignment.isEmpty()) {
      parts.add(assignment);
    }
    return String.join("; ", parts);
  }

  private List<Exit> systemStep(Stmt.SystemStep st, List<Exit> in, Optional<TryScope> scope) {
    Node task = named(st.name(), Type.SERVICE_TASK, st.doc().text());
    String limits = facts.limits(st);
    task.documentation = join(st.doc().text(), StepFacts.action(st.call()) + (limits.isEmpty() ? "" : " (" + limits + ")"));
    events.lane(st.call().system()).ifPresent(l -> task.lane = Optional.of(l));
    connect(in, task.id);
    for (Stmt.ActionCall undo : st.compensations()) {
      if (inSubProcess) {
        // bpmnlint looks for a compensation's association in the process, not in a subprocess: said in words.
        task.documentation = join(task.documentation, "Undone by " + StepFacts.action(undo));
        continue;
      }
      Node boundary = events.boundary(task, "Undo " + Words.humanize(st.name().text()).toLowerCase(Locale.ROOT));
      boundary.definition = Definition.COMPENSATE;
      // Named in words like the step it undoes ("Delete folder" under "Create folder"); the call is in its documentation.
      Node handler = graph.add(Type.SERVICE_TASK, Words.humanize(undo.action().text()));
      handler.documentation = "Undoes " + Words.humanize(st.name().text()).toLowerCase(Locale.ROOT) + ": "
          + StepFacts.action(undo) + ".";
      handler.forCompensation = true;
      handler.lane = task.lane;
      graph.associate(boundary.id, handler.id);
    }
    scope.ifPresent(t -> t.failures.add(Exit.of(events.errorBoundary(task).id)));
    return List.of(Exit.of(task.id));
  }

  private Node timer(Type type, String name, Expr when, List<Exit> in) {
    Node n = graph.add(type, name);
    n.definition = Definition.TIMER;
    n.detail = when instanceof Expr.DurationLit d ? Iso.duration(d.value()) : ExprPrinter.print(when);
    connect(in, n.id);
    return n;
  }

  private List<Exit> receive(Stmt.Receive r, List<Exit> in, Optional<TryScope> scope, List<Stmt.SystemStep> undoable) {
    Node event = named(r.name(), Type.CATCH_EVENT, r.doc().text());
    event.name = "Receive " + Words.humanize(r.event().text());
    events.message(event, r.event().text());
    if (r.onlyNew()) {
      event.documentation = join(event.documentation, "Only new: takes only a message published once it waits");
    }
    r.where().ifPresent(w -> event.documentation = join(event.documentation, "Where " + ExprPrinter.print(w)));
    if (r.within().isEmpty()) {
      connect(in, event.id);
      return List.of(Exit.of(event.id));
    }
    Node gateway = graph.add(Type.EVENT_BASED_GATEWAY, "");
    entries.put(r.name().text(), gateway.id);
    connect(in, gateway.id);
    connect(List.of(Exit.of(gateway.id)), event.id);
    String what = Words.humanize(r.event().text()).toLowerCase(Locale.ROOT);
    Node timeout = graph.add(Type.CATCH_EVENT, "No " + what + " within " + ExprPrinter.print(r.within().get()));
    timeout.definition = Definition.TIMER;
    timeout.detail = Iso.duration(r.within().get());
    connect(List.of(Exit.of(gateway.id)), timeout.id);
    String message = "no " + what + " within " + ExprPrinter.print(r.within().get());
    fail(message, message, List.of(Exit.of(timeout.id)), scope, undoable);
    return List.of(Exit.of(event.id));
  }

  // ---- choices ------------------------------------------------------------------------------

  private List<Exit> ifChain(List<Stmt.IfArm> arms, Optional<Block> otherwise, List<Exit> in, Optional<TryScope> scope,
      List<Stmt.SystemStep> undoable) {
    List<Exit> out = new ArrayList<>();
    List<Exit> current = in;
    for (Stmt.IfArm arm : arms) {
      String condition = ExprPrinter.print(arm.condition());
      // A negation is asked the other way round ("Wait?", not "Not wait?"), its yes and no swapped, as in the flowchart.
      boolean flip = Questions.negated(arm.condition());
      Node gateway = graph.add(Type.EXCLUSIVE_GATEWAY,
          Questions.of(flip ? Questions.positive(arm.condition()) : arm.condition()));
      gateway.documentation = condition;
      connect(current, gateway.id);
      out.addAll(block(arm.body(), List.of(Exit.when(gateway.id, flip ? "no" : "yes", condition)), scope, undoable));
      current = List.of(Exit.otherwise(gateway.id, flip ? "yes" : "no"));
    }
    out.addAll(otherwise.isPresent() ? block(otherwise.get(), current, scope, undoable) : current);
    return out;
  }

  private List<Exit> approvalDecision(Stmt.Approval a, Stmt.If test, List<Exit> in, Optional<TryScope> scope,
      List<Stmt.SystemStep> undoable) {
    Node task = approvalTask(a);
    connect(in, task.id);
    Node gateway = graph.add(Type.EXCLUSIVE_GATEWAY, "Approved?");
    graph.flow(task.id, gateway.id, "", Optional.empty());
    boolean armWhenApproved = ApprovalTest.of(a, test.arms().get(0).condition()).orElseThrow();
    Exit approved = Exit.when(gateway.id, "approved", a.name().text() + ".approved");
    Exit rejected = Exit.otherwise(gateway.id, "rejected");
    List<Exit> out = new ArrayList<>(block(test.arms().get(0).body(), List.of(armWhenApproved ? approved : rejected),
        scope, undoable));
    List<Exit> other = List.of(armWhenApproved ? rejected : approved);
    out.addAll(ifChain(test.arms().subList(1, test.arms().size()), test.otherwise(), other, scope, undoable));
    return out;
  }

  private List<Exit> match(Stmt.Match m, List<Exit> in, Optional<TryScope> scope, List<Stmt.SystemStep> undoable) {
    String subject = ExprPrinter.print(m.subject());
    Node gateway = graph.add(Type.EXCLUSIVE_GATEWAY, Questions.which(m.subject()));
    gateway.documentation = subject;
    connect(in, gateway.id);
    List<Exit> out = new ArrayList<>();
    for (Stmt.MatchArm arm : m.arms()) {
      List<String> patterns = arm.patterns().stream().map(ExprPrinter::print).toList();
      String condition = String.join(" or ", patterns.stream().map(p -> subject + " == " + p).toList());
      out.addAll(block(arm.body(), List.of(Exit.when(gateway.id, String.join(", ", patterns), condition)), scope,
          undoable));
    }
    if (m.otherwise().isPresent()) {
      out.addAll(block(m.otherwise().get(), List.of(Exit.otherwise(gateway.id, "anything else")), scope, undoable));
    }
    return out;
  }

  // ---- concurrency --------------------------------------------------------------------------

  private List<Exit> parallel(Stmt.Parallel p, List<Exit> in, Optional<TryScope> scope, List<Stmt.SystemStep> undoable) {
    boolean conditional = p.arms().stream().anyMatch(b -> b.when().isPresent());
    Type type = conditional ? Type.INCLUSIVE_GATEWAY : Type.PARALLEL_GATEWAY;
    Node split = graph.add(type, conditional ? "Which branches?" : p.interleaved() ? "One at a time" : "In parallel");
    if (p.interleaved()) {
      split.documentation = "Interleaved: the branches run one at a time, in an order decided as they become ready.";
    }
    connect(in, split.id);
    List<Exit> joined = new ArrayList<>();
    for (Stmt.Branch b : p.arms()) {
      String name = Words.humanize(b.name().text());
      Exit into = conditional ? Exit.when(split.id, name, b.when().map(ExprPrinter::print).orElse("true")) : Exit.of(split.id);
      joined.addAll(block(b.body(), List.of(into), scope, undoable));
    }
    if (joined.isEmpty()) {
      return List.of();
    }
    if (p.afterEach().isPresent()) {
      return multiMerge(p.afterEach().get(), joined, scope, undoable);
    }
    if (p.join().isPresent()) {
      return partialJoin(p.join().getAsInt(), joined);
    }
    Node join = graph.add(type, "");
    connect(joined, join.id);
    return List.of(Exit.of(join.id));
  }

  /**
   * {@code after each branch} (WCP 8): every branch that ends passes an exclusive merge (no
   * synchronization), so the block after it runs once per branch; a gateway lets the last run
   * through, the earlier runs end there.
   */
  private List<Exit> multiMerge(Stmt.ForEach runs, List<Exit> joined, Optional<TryScope> scope,
      List<Stmt.SystemStep> undoable) {
    Node merge = graph.add(Type.EXCLUSIVE_GATEWAY, "After each branch");
    merge.documentation = "Multi-merge: each branch that ends passes on at once, without waiting for the others;"
        + " what follows runs once per branch.";
    connect(joined, merge.id);
    List<Exit> ran = block(runs.body(), List.of(Exit.of(merge.id)), scope, undoable);
    if (ran.isEmpty()) {
      return List.of();
    }
    Node last = graph.add(Type.EXCLUSIVE_GATEWAY, "Every branch and run ended?");
    last.documentation = "The statement ends when every branch and every run after one has ended.";
    connect(ran, last.id);
    connect(List.of(Exit.otherwise(last.id, "no")), end("Run ended"));
    return List.of(Exit.when(last.id, "yes", "ended runs == started branches"));
  }

  /**
   * {@code start each} (WCP 12): a parallel split whose one path holds the rounds (a parallel
   * multi-instance activity) and ends when they have; the other goes on at once.
   */
  private List<Exit> startEach(Stmt.ForEach f, List<Exit> in, Optional<TryScope> scope, List<Stmt.SystemStep> undoable) {
    Node split = graph.add(Type.PARALLEL_GATEWAY, "Start each " + Words.humanize(f.variable().text()).toLowerCase(Locale.ROOT));
    split.documentation = "Multiple instances without synchronization: one round for each " + f.variable().text()
        + " in " + ExprPrinter.print(f.iterable()) + ", all at once; the work goes on at once beside them,"
        + " and the instance ends only when they have.";
    connect(in, split.id);
    Stmt.ForEach rounds = new Stmt.ForEach(f.variable(), f.iterable(), true, f.body(), f.doc(), f.span());
    List<Exit> ends = statement(rounds, List.of(Exit.of(split.id)), scope, undoable);
    if (!ends.isEmpty()) {
      connect(ends, end("Rounds ended"));
    }
    return List.of(Exit.of(split.id));
  }

  /**
   * {@code parallel join N}: every branch that ends meets the others in an exclusive merge, and a
   * gateway lets the N-th through; a branch that ends earlier or later ends there, the others run
   * on. BPMN's complex gateway says this in one shape, but bpmnlint's recommended rules reject it.
   */
  private List<Exit> partialJoin(int n, List<Exit> joined) {
    Node counted = graph.add(Type.EXCLUSIVE_GATEWAY, "The " + ordinal(n) + " branch to end?");
    counted.documentation = "Goes on after " + n + " of the branches; the others run on to their end,"
        + " and the block ends only when they have.";
    connect(joined, counted.id);
    connect(List.of(Exit.otherwise(counted.id, "no")), end("Branch ended"));
    return List.of(Exit.when(counted.id, "yes", "ended branches == " + n));
  }

  private static String ordinal(int n) {
    if (n == 1) {
      return "first";
    }
    int tens = n % 100;
    String suffix = tens >= 11 && tens <= 13 ? "th" : switch (n % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return n + suffix;
  }

  private List<Exit> first(Stmt.First f, List<Exit> in, Optional<TryScope> scope, List<Stmt.SystemStep> undoable) {
    boolean events = f.branches().size() > 1 && f.branches().stream().allMatch(b -> !b.body().statements().isEmpty()
        && (b.body().statements().get(0) instanceof Stmt.Wait || b.body().statements().get(0) instanceof Stmt.WaitUntil
        || b.body().statements().get(0) instanceof Stmt.Receive r && r.within().isEmpty()));
    if (!events || f.count() != 1) {
      Optional<List<Exit>> race = firstSubProcess(f, in, scope, undoable);
      if (race.isPresent()) {
        return race.get();
      }
    }
    Node split = graph.add(events && f.count() == 1 ? Type.EVENT_BASED_GATEWAY : Type.PARALLEL_GATEWAY,
        f.count() == 1 ? "Whichever comes first" : "Whichever " + f.count() + " come first");
    split.documentation = f.byStart() ? "Deferred choice (first to start): the first branch to start (a person claims"
        + " its first task, or its first wait ends) goes on; the others are cancelled as it starts."
        : f.count() == 1 ? "The first branch to finish goes on; the others are cancelled."
        : "When " + f.count() + " branches have finished it goes on; the others are cancelled.";
    connect(in, split.id);
    List<Exit> out = new ArrayList<>();
    for (Stmt.Branch b : f.branches()) {
      out.addAll(block(b.body(), List.of(Exit.of(split.id)), scope, undoable));
    }
    // Only one branch goes on: the others are cancelled, so the branches meet in an exclusive merge.
    return out;
  }

  /**
   * A {@code first} that does not only wait for events, as BPMN can say "the first to finish wins,
   * the rest are cancelled": a subprocess whose branches start at a parallel gateway and each end in
   * a terminate end event (which ends the subprocess and cancels what still runs in it); for
   * {@code first N}, the ends meet at a gateway that lets the N-th finisher to the terminate end and
   * ends the earlier ones quietly.
   */
  private Optional<List<Exit>> firstSubProcess(Stmt.First f, List<Exit> in, Optional<TryScope> scope,
      List<Stmt.SystemStep> undoable) {
    int n = f.count();
    String name = f.byStart() ? "Whichever is started first" : n == 1 ? "Whichever ends first" : "Whichever " + n + " end first";
    String doc = f.byStart()
        ? "Deferred choice (first to start): runs the branches side by side; the first to start decides: a person"
            + " claims its first task, or its first wait ends. The others are cancelled then, not when it ends;"
            + " a release of the claim does not undo the choice."
        : n == 1 ? "Runs the branches side by side; the first to end ends the block, the others are cancelled."
        : "Runs the branches side by side; when " + n + " have ended the block ends, the others are cancelled.";
    return subProcess(name, doc, "Start", f.branches().stream().map(Stmt.Branch::body).toList(), in, scope,
        (child, start) -> {
          Node split = child.graph.add(Type.PARALLEL_GATEWAY, "In parallel");
          child.graph.flow(start, split.id, "", Optional.empty());
          List<Exit> all = new ArrayList<>();
          for (Stmt.Branch b : f.branches()) {
            List<Exit> ends = child.block(b.body(), List.of(Exit.of(split.id)), child.failuresInside, undoable);
            if (n == 1 && !ends.isEmpty()) {
              child.connect(ends, child.terminate(Words.humanize(b.name().text()) + (f.byStart() ? " started first"
                  : " ended first")));
            }
            all.addAll(ends);
          }
          if (n > 1 && !all.isEmpty()) {
            Node counted = child.graph.add(Type.EXCLUSIVE_GATEWAY, "The " + ordinal(n) + " branch to end?");
            child.connect(all, counted.id);
            child.connect(List.of(Exit.when(counted.id, "yes", "ended branches == " + n)),
                child.terminate(n + " branches ended"));
            child.connect(List.of(Exit.otherwise(counted.id, "no")), child.end("Branch ended"));
          }
          return !all.isEmpty();
        }).map(sub -> graph.outgoing(sub.id).isEmpty() ? List.of(Exit.of(sub.id)) : List.of());
  }

  /** Whether an error can leave a scope: an error end event in it, or in a subprocess of it without an error boundary. */
  private static boolean canFail(ProcessGraph g) {
    for (Node n : g.nodes()) {
      if (n.type == Type.END_EVENT && n.definition == Definition.ERROR) {
        return true;
      }
      if (n.inner.isPresent() && canFail(n.inner.get()) && g.nodes().stream()
          .noneMatch(b -> b.attachedTo.equals(Optional.of(n.id)) && b.definition == Definition.ERROR)) {
        return true;
      }
    }
    return false;
  }

  private String terminate(String name) {
    Node end = graph.add(Type.END_EVENT, name);
    end.definition = Definition.TERMINATE;
    return end.id;
  }

  /**
   * A part of the workflow drawn as a collapsed subprocess, its steps in a scope (and a plane) of
   * their own, translated by a translator of its own: a failure inside ends the subprocess at an
   * error end event, which an error boundary event on the subprocess takes to the enclosing
   * {@code try}. Its steps keep their lanes: a lane set of the subprocess's own, drawn in its plane;
   * the subprocess itself stands in the lane of its first step and names them all. Empty when the part jumps ({@code go to}, or a
   * {@code go to} elsewhere names a step in it) or ends the workflow ({@code complete},
   * {@code cancel}): a subprocess could not say that.
   *
   * @param body fills the subprocess after its start event (given its id); says whether any path ends normally
   */
  private Optional<Node> subProcess(String name, String documentation, String startName, List<Block> parts,
      List<Exit> in, Optional<TryScope> scope, BiFunction<ProcessTranslator, String, Boolean> body) {
    for (Block part : parts) {
      for (Stmt s : Statements.all(part)) {
        if (s instanceof Stmt.GoTo || s instanceof Stmt.Complete || s instanceof Stmt.Cancel
            || s instanceof Stmt.ContinueAsNew) {
          return Optional.empty();
        }
      }
    }
    ProcessGraph inner = new ProcessGraph(graph.prefix() + "_Sub" + (subProcesses + 1));
    ProcessTranslator child = new ProcessTranslator(index, workflow, inner, roots, processIds);
    child.inSubProcess = true;
    Node start = inner.add(Type.START_EVENT, startName);
    if (scope.isPresent()) {
      child.failuresInside = Optional.of(new TryScope());
    }
    boolean ends = body.apply(child, start.id);
    if (child.failuresInside.isPresent() && !child.failuresInside.get().failures.isEmpty()) {
      Node failed = inner.add(Type.END_EVENT, "Failed");
      failed.definition = Definition.ERROR;
      failed.detail = roots.id(RootElements.Kind.ERROR, "step failed");
      child.connect(child.failuresInside.get().failures, failed.id);
    }
    if (!Collections.disjoint(child.entries.keySet(), goToTargets)) {
      return Optional.empty();
    }
    subProcesses++;
    Node sub = graph.add(Type.SUB_PROCESS, name);
    sub.inner = Optional.of(inner);
    List<String> lanes = new ArrayList<>();
    for (Node n : inner.nodes()) {
      n.lane.ifPresent(key -> {
        if (!lanes.contains(key)) {
          lanes.add(key);
        }
      });
    }
    if (!lanes.isEmpty()) {
      graph.lane(lanes.get(0), inner.lanes().get(lanes.get(0)).name());
      sub.lane = Optional.of(lanes.get(0));
    }
    String who = String.join(", ", lanes.stream().map(k -> inner.lanes().get(k).name()).toList());
    sub.documentation = join(documentation, who.isEmpty() ? "" : "Done by: " + who + ".");
    connect(in, sub.id);
    if (!ends) {
      // Every way through fails: the failure goes on from here.
      fail("every way failed", "every way failed", List.of(Exit.of(sub.id)), scope, List.of());
      return Optional.of(sub);
    }
    if (canFail(inner)) {
      scope.ifPresent(t -> t.failures.add(Exit.of(events.errorBoundary(sub).id)));
    }
    return Optional.of(sub);
  }

  // ---- loops --------------------------------------------------------------------------------

  /**
   * A {@code for each} whose body is one activity (data statements aside): that activity, marked
   * multi-instance, parallel or sequential as the loop is. A longer body is a multi-instance
   * subprocess ({@link #multiInstanceSubProcess}).
   */
  private Optional<List<Exit>> multiInstance(Stmt.ForEach f, List<Exit> in, Optional<TryScope> scope,
      List<Stmt.SystemStep> undoable) {
    List<Stmt> work = f.body().statements().stream()
        .filter(st -> !(st instanceof Stmt.Let) && !(st instanceof Stmt.Set) && !(st instanceof Stmt.Yield))
        .toList();
    if (work.size() != 1 || !(work.get(0) instanceof Stmt.HumanStep || work.get(0) instanceof Stmt.Approval
        || work.get(0) instanceof Stmt.SystemStep || work.get(0) instanceof Stmt.Notify
        || work.get(0) instanceof Stmt.Call)) {
      return Optional.empty();
    }
    List<Exit> out = statement(work.get(0), in, scope, undoable);
    Node activity = graph.node(out.get(0).from());
    activity.multiInstanceSequential = Optional.of(!f.parallel());
    activity.completionCondition = completion(f);
    activity.loopCardinality = cardinality(f);
    activity.documentation = join((f.threads() ? threadsDoc(f)
            : "For each " + f.variable().text() + " in " + ExprPrinter.print(f.iterable()))
        + (f.parallel() ? ", all at once" : ", one after the other")
        + f.join().stream().mapToObj(n -> "; goes on after " + n + ", the others run to their end").findFirst().orElse("")
        + f.first().stream().mapToObj(n -> "; ends when " + n + " have ended, the others are cancelled").findFirst()
            .orElse("")
        + (f.collected() ? f.yielded().map(y -> "; collects " + ExprPrinter.print(y.value()) + " in item order").orElse("")
            : ""), activity.documentation);
    return Optional.of(out);
  }

  /**
   * A {@code for each} whose body holds several steps: a collapsed subprocess with the body's steps,
   * marked multi-instance (sequential unless {@code in parallel}); {@code first N} is its completion
   * condition. {@code join N} (go on after N rounds while the others run on) has no BPMN form: the
   * subprocess ends when every round has, and its documentation says when the work goes on.
   */
  private Optional<List<Exit>> multiInstanceSubProcess(Stmt.ForEach f, List<Exit> in, Optional<TryScope> scope,
      List<Stmt.SystemStep> undoable) {
    String variable = Words.humanize(f.variable().text()).toLowerCase(Locale.ROOT);
    String doc = (f.threads() ? threadsDoc(f)
            : "For each " + f.variable().text() + " in " + ExprPrinter.print(f.iterable()))
        + (f.parallel() ? ", all at once" : ", one after the other")
        + f.join().stream().mapToObj(n -> "; goes on after " + n + ", the others run to their end").findFirst().orElse("")
        + f.first().stream().mapToObj(n -> "; ends when " + n + " have ended, the others are cancelled").findFirst()
            .orElse("") + ".";
    String name = f.threads() ? "Each thread" + (f.numbered() ? " " + f.variable().text() : "") : "For each " + variable;
    Optional<Node> sub = subProcess(name, doc, "Next " + variable, List.of(f.body()), in, scope,
        (child, start) -> {
          List<Exit> ends = child.block(f.body(), List.of(Exit.of(start)), child.failuresInside, undoable);
          if (!ends.isEmpty()) {
            child.connect(ends, child.end("Done with " + variable));
          }
          return !ends.isEmpty();
        });
    sub.ifPresent(s -> {
      s.multiInstanceSequential = Optional.of(!f.parallel());
      s.completionCondition = completion(f);
      s.loopCardinality = cardinality(f);
    });
    return sub.map(s -> graph.outgoing(s.id).isEmpty() ? List.of(Exit.of(s.id)) : List.of());
  }

  /**
   * A block of a cancel region: a collapsed subprocess named after the region, whose documentation
   * says what {@code cancel region} does to it; inline (the body as it is) where a subprocess cannot
   * hold it ({@code go to}, {@code complete}, {@code cancel}).
   */
  private List<Exit> region(Stmt.Region r, List<Exit> in, Optional<TryScope> scope, List<Stmt.SystemStep> undoable) {
    if (r.body().statements().isEmpty()) {
      return in;
    }
    String name = r.name().text();
    String doc = join(r.doc().text(), "A block of the cancel region `" + name + "`: `cancel region " + name
        + "` anywhere in the workflow withdraws it where it stands (its tasks withdrawn, its calls cancelled, its"
        + " timers and receives dropped) and the workflow goes on after it; reached after the cancel, it is skipped.");
    Optional<Node> sub = subProcess("Region " + Words.humanize(name).toLowerCase(Locale.ROOT), doc, "Start", List.of(r.body()),
        in, scope, (child, start) -> {
          List<Exit> ends = child.block(r.body(), List.of(Exit.of(start)), child.failuresInside, undoable);
          if (!ends.isEmpty()) {
            child.connect(ends, child.end("Region block ended"));
          }
          return !ends.isEmpty();
        });
    if (sub.isEmpty()) {
      return block(r.body(), in, scope, undoable);
    }
    // Cancelled, the block ends too and the workflow goes on after it: the subprocess always has a way on.
    return List.of(Exit.of(sub.get().id));
  }

  /** {@code parallel N times [as t]}: "N threads[, numbered t from 1 to N]". */
  private static String threadsDoc(Stmt.ForEach f) {
    String count = ExprPrinter.print(f.iterable());
    return count + " threads" + (f.numbered() ? ", numbered " + f.variable().text() + " from 1 to " + count : "");
  }

  /** {@code parallel N times}: N instances, N being the count as written (a number or an expression of the workflow's data). */
  private static Optional<String> cardinality(Stmt.ForEach f) {
    return f.threads() ? Optional.of(ExprPrinter.print(f.iterable())) : Optional.empty();
  }

  /** {@code first N} of a parallel {@code for each}: its instances stop (the others are cancelled) when N have ended. */
  private static Optional<String> completion(Stmt.ForEach f) {
    return f.first().isPresent() ? Optional.of("numberOfCompletedInstances >= " + f.first().getAsInt()) : Optional.empty();
  }

  /**
   * {@code for each bid: Bid … until closed: LotClosed … within D}: a subprocess "For each bid as it
   * arrives" holding a token per arrival. Inside, an event-based gateway waits for the next event:
   * the item's message forks (a parallel gateway) into a round of the body, which runs on to its
   * own end, and back to the wait, so the rounds run at once; the closing event's message, the time
   * limit (a {@code timeDate} timer: the instant D after the start, the same on every pass) and the
   * quiet time (a duration timer, restarted on every pass, so it counts from the last item) end the
   * waiting. The subprocess ends when the waiting has ended and every round has (its implicit
   * join). Not boundary events on the subprocess: an interrupting one would cancel the running
   * rounds, which Flow lets run to their end. A body the subprocess cannot hold (a {@code go to}
   * out, {@code complete}) is drawn as a loop instead ({@link #arrivalsLoop}).
   */
  private List<Exit> arrivals(Stmt.ForEachArriving a, List<Exit> in, Optional<TryScope> scope,
      List<Stmt.SystemStep> undoable) {
    String item = Words.humanize(a.variable().text()).toLowerCase(Locale.ROOT);
    String doc = "For each " + a.variable().text() + ": " + a.item().event().text() + " as it arrives, all at once, until "
        + a.closing(c -> c.name().text() + ": " + c.event().text()) + ". Each " + a.item().event().text()
        + " starts a round at once; the subprocess ends when the set has closed and every round has ended"
        + a.join().stream().mapToObj(n -> " (Flow goes on after " + n + " rounds while the others run on: BPMN has no such"
            + " join, so the subprocess shows when all have ended)").findFirst().orElse("") + ".";
    Optional<Node> sub = subProcess("For each " + item + " as it arrives", doc, "Start", List.of(a.body()), in, scope,
        (child, start) -> child.arrivalRounds(a, start, undoable));
    if (sub.isEmpty()) {
      return arrivalsLoop(a, in, scope, undoable);
    }
    return graph.outgoing(sub.get().id).isEmpty() ? List.of(Exit.of(sub.get().id)) : List.of();
  }

  /**
   * Inside the subprocess of {@link #arrivals}: the wait for the next event, a round forked per
   * item, and the ways the set closes.
   */
  private boolean arrivalRounds(Stmt.ForEachArriving a, String start, List<Stmt.SystemStep> undoable) {
    String item = Words.humanize(a.item().event().text()).toLowerCase(Locale.ROOT);
    Node head = graph.add(Type.EXCLUSIVE_GATEWAY, "");
    connect(List.of(Exit.of(start)), head.id);
    Node next = graph.add(Type.EVENT_BASED_GATEWAY, "Next " + item + " or closed?");
    connect(List.of(Exit.of(head.id)), next.id);
    Node arrived = receiveItem(a.item());
    connect(List.of(Exit.of(next.id)), arrived.id);
    Node fork = graph.add(Type.PARALLEL_GATEWAY, "");
    fork.documentation = "A round for this " + item + ", and the wait for the next, at once";
    connect(List.of(Exit.of(arrived.id)), fork.id);
    connect(List.of(Exit.of(fork.id)), head.id);
    List<Exit> ends = block(a.body(), List.of(Exit.of(fork.id)), failuresInside, undoable);
    if (!ends.isEmpty()) {
      connect(ends, end("Round done"));
    }
    if (a.close().isPresent()) {
      Node closed = receiveItem(a.close().get());
      connect(List.of(Exit.of(next.id)), closed.id);
      connect(List.of(Exit.of(closed.id)), end("Closed"));
    }
    a.within().ifPresent(w -> {
      Node limit = timer(Type.CATCH_EVENT, ExprPrinter.print(w) + " after the start", w, List.of(Exit.of(next.id)));
      limit.timerKind = TimerKind.DATE;
      limit.detail = "start + " + limit.detail;
      limit.documentation = "The time limit: the instant " + ExprPrinter.print(w) + " after the loop began, fixed then"
          + " (not restarted when the wait is re-entered)";
      connect(List.of(Exit.of(limit.id)), end("Time is up"));
    });
    a.quiet().ifPresent(w -> {
      Node quiet = timer(Type.CATCH_EVENT, "No " + item + " within " + ExprPrinter.print(w), w, List.of(Exit.of(next.id)));
      quiet.documentation = "The quiet time: restarted each time the wait is re-entered, so it counts from the last "
          + item + " (or from the start)";
      connect(List.of(Exit.of(quiet.id)), end("Quiet"));
    });
    return true;
  }

  /** The message catch event of an arrival's item or closing event, named after its step, its {@code where} as documentation. */
  private Node receiveItem(Stmt.Receive r) {
    Node n = named(r.name(), Type.CATCH_EVENT, r.doc().text());
    n.name = "Receive " + Words.humanize(r.event().text());
    events.message(n, r.event().text());
    r.where().ifPresent(w -> n.documentation = join(n.documentation, "Where " + ExprPrinter.print(w)));
    return n;
  }

  /**
   * {@link #arrivals} for a body no subprocess can hold: a loop around an event-based gateway that
   * waits for the next arrival, the item's message into the body (a round per item, drawn once)
   * and back; the closing event, the time limit and the quiet time leave the loop.
   */
  private List<Exit> arrivalsLoop(Stmt.ForEachArriving a, List<Exit> in, Optional<TryScope> scope,
      List<Stmt.SystemStep> undoable) {
    Node head = graph.add(Type.EXCLUSIVE_GATEWAY, "");
    head.documentation = "For each " + a.variable().text() + ": " + a.item().event().text()
        + " as it arrives, all at once, until " + a.closing(c -> c.name().text() + ": " + c.event().text())
        + a.join().stream().mapToObj(n -> ", going on after " + n).findFirst().orElse("");
    connect(in, head.id);
    Node next = graph.add(Type.EVENT_BASED_GATEWAY, "Next " + Words.humanize(a.variable().text()).toLowerCase(Locale.ROOT)
        + " or closed?");
    connect(List.of(Exit.of(head.id)), next.id);
    List<Exit> out = new ArrayList<>();
    Stmt.Receive item = a.item();
    Node arrived = named(item.name(), Type.CATCH_EVENT, item.doc().text());
    arrived.name = "Receive " + Words.humanize(item.event().text());
    events.message(arrived, item.event().text());
    item.where().ifPresent(w -> arrived.documentation = join(arrived.documentation, "Where " + ExprPrinter.print(w)));
    connect(List.of(Exit.of(next.id)), arrived.id);
    connect(block(a.body(), List.of(Exit.of(arrived.id)), scope, undoable), head.id);
    if (a.close().isPresent()) {
      Stmt.Receive close = a.close().get();
      Node closed = named(close.name(), Type.CATCH_EVENT, close.doc().text());
      closed.name = "Receive " + Words.humanize(close.event().text());
      events.message(closed, close.event().text());
      close.where().ifPresent(w -> closed.documentation = join(closed.documentation, "Where " + ExprPrinter.print(w)));
      connect(List.of(Exit.of(next.id)), closed.id);
      out.add(Exit.of(closed.id));
    }
    a.within().ifPresent(w -> out.add(Exit.of(timer(Type.CATCH_EVENT, "Within " + ExprPrinter.print(w) + " of the start", w,
        List.of(Exit.of(next.id))).id)));
    a.quiet().ifPresent(w -> out.add(Exit.of(timer(Type.CATCH_EVENT, "No " + Words.humanize(item.event().text())
        .toLowerCase(Locale.ROOT) + " within " + ExprPrinter.print(w), w, List.of(Exit.of(next.id))).id)));
    return out;
  }

  /**
   * A loop as gateways: a test with {@code yes} into the body and {@code no} out, the body's end back to the test. The
   * test's name is the question in words; its {@code yes} flow's condition the question as written.
   */
  private List<Exit> loop(String title, String question, String condition, Block body, Optional<Expr> until,
      List<Exit> in, Optional<TryScope> scope, List<Stmt.SystemStep> undoable) {
    Node test = graph.add(Type.EXCLUSIVE_GATEWAY, Questions.capitalize(question.endsWith("?") ? question : question + "?"));
    test.documentation = title;
    connect(in, test.id);
    List<Exit> ends = block(body, List.of(Exit.when(test.id, "yes", condition)), scope, undoable);
    List<Exit> out = new ArrayList<>(List.of(Exit.otherwise(test.id, "no")));
    if (until.isPresent() && !ends.isEmpty()) {
      Node done = graph.add(Type.EXCLUSIVE_GATEWAY, Questions.of(until.get()));
      done.documentation = "until " + ExprPrinter.print(until.get());
      connect(ends, done.id);
      connect(List.of(Exit.otherwise(done.id, "no")), test.id);
      out.add(Exit.when(done.id, "yes", ExprPrinter.print(until.get())));
    } else {
      connect(ends, test.id);
    }
    return out;
  }

  // ---- failure ------------------------------------------------------------------------------

  private List<Exit> tryCatch(Stmt.Try t, List<Exit> in, Optional<TryScope> outer, List<Stmt.SystemStep> undoable) {
    TryScope scope = new TryScope();
    t.catches().forEach(c -> c.errorType().ifPresent(e -> scope.caught.add(e.text())));
    List<Exit> out = new ArrayList<>(block(t.body(), in, Optional.of(scope), undoable));
    if (scope.failures.isEmpty()) {
      // Nothing in the body can fail; the handler's steps are still drawn for a go to that names one.
      t.handlers().forEach(h -> out.addAll(block(h, List.of(), outer, undoable)));
      return out;
    }
    List<Exit> handlerIn = undo(scope.failures, Statements.compensating(t.body()));
    if (t.catches().size() == 1 && t.catchAll().isPresent()) {
      out.addAll(block(t.catches().get(0).body(), handlerIn, outer, undoable));
      return out;
    }
    // Several ways on (typed catches, a final catch or the failure going on): an exclusive
    // gateway decides by the error, so no event splits its flow implicitly.
    Node which = graph.add(Type.EXCLUSIVE_GATEWAY, "Which failure?");
    connect(handlerIn, which.id);
    for (Stmt.Catch handler : t.catches()) {
      Exit into = handler.errorType()
          .map(type -> Exit.when(which.id, type.text(), "error is " + type.text()))
          .orElseGet(() -> Exit.otherwise(which.id, "other failures"));
      out.addAll(block(handler.body(), List.of(into), outer, undoable));
    }
    if (t.catchAll().isEmpty()) {
      // Only declared errors are caught: any other failure goes on as if there were no `try`.
      fail("another failure", "another failure", List.of(Exit.otherwise(which.id, "other failures")), outer, undoable);
    }
    return out;
  }

  /**
   * The failure path: to the enclosing {@code try}'s handler, else an error end event after undoing. The events are named
   * with the message in words ({@code name}: interpolations as what they name), the error with the message as written.
   */
  private void fail(String name, String message, List<Exit> in, Optional<TryScope> scope,
      List<Stmt.SystemStep> undoable) {
    if (in.isEmpty()) {
      return;
    }
    if (scope.isPresent()) {
      Node thrown = graph.add(Type.THROW_EVENT, "Fail: " + name);
      connect(in, thrown.id);
      scope.get().failures.add(Exit.of(thrown.id));
      return;
    }
    Node end = graph.add(Type.END_EVENT, "Failed: " + name);
    end.definition = Definition.ERROR;
    end.detail = roots.id(RootElements.Kind.ERROR, message);
    connect(undo(in, undoable), end.id);
  }

  /**
   * A typed {@code fail}: to the enclosing {@code try}'s handler, else an error end event of the
   * declared error (the one a caller's error boundary on its call activity catches), after undoing.
   */
  private void failWith(String error, String message, List<Exit> in, Optional<TryScope> scope,
      List<Stmt.SystemStep> undoable) {
    if (scope.isPresent()) {
      Node thrown = graph.add(Type.THROW_EVENT, "Fail with " + error);
      thrown.documentation = message;
      connect(in, thrown.id);
      scope.get().failures.add(Exit.of(thrown.id));
      return;
    }
    Node end = graph.add(Type.END_EVENT, "Failed with " + error);
    end.definition = Definition.ERROR;
    end.detail = roots.declaredError(error);
    end.documentation = message;
    connect(undo(in, undoable), end.id);
  }

  /** The declared error of each typed {@code fail} of the workflow. */
  private Map<Stmt.Fail, String> typedFails() {
    if (typedFails == null) {
      typedFails = TypedFails.of(workflow);
    }
    return typedFails;
  }

  /** A compensation throw event before what follows, when steps that can be undone may have completed. */
  private List<Exit> undo(List<Exit> in, List<Stmt.SystemStep> undoable) {
    if (undoable.isEmpty() || in.isEmpty()) {
      return in;
    }
    Node undo = graph.add(Type.THROW_EVENT, "Undo completed steps");
    undo.definition = Definition.COMPENSATE;
    List<String> actions = new ArrayList<>();
    for (int i = undoable.size() - 1; i >= 0; i--) {
      undoable.get(i).compensations().forEach(c -> actions.add(StepFacts.action(c)));
    }
    undo.documentation = "Newest first: " + String.join(", ", actions);
    connect(in, undo.id);
    return List.of(Exit.of(undo.id));
  }

  private String end(String name) {
    return graph.add(Type.END_EVENT, name).id;
  }

  private String completed() {
    Node end = graph.add(Type.END_EVENT, "Completed");
    end.completes = true;
    return end.id;
  }

  // ---- graph building -----------------------------------------------------------------------

  private void connect(List<Exit> in, String to) {
    for (Exit e : in) {
      ProcessGraph.Flow flow = graph.flow(e.from(), to, e.name(), e.condition());
      if (e.isDefault()) {
        graph.node(e.from()).defaultFlow = Optional.of(flow.id);
      }
    }
  }

  private static String join(String first, String second) {
    return first.isEmpty() ? second : second.isEmpty() ? first : first + "\n\n" + second;
  }
}
