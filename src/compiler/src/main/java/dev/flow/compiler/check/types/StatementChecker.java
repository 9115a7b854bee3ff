package dev.flow.compiler.check.types;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Doc;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.resolve.CheckContext;
import dev.flow.compiler.check.resolve.DeclKind;
import dev.flow.compiler.check.resolve.Lookup;
import dev.flow.compiler.check.resolve.Names;
import dev.flow.compiler.check.resolve.Recorder;
import dev.flow.compiler.check.resolve.Scope;
import dev.flow.compiler.check.resolve.Symbol;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the statements of a workflow body (LANGUAGE.md §4): block scopes and the names they
 * declare (E104), {@code set} targets (E102), the types statements require (E200, E203, E204),
 * arguments (E202), and {@code match} (E205). It follows what is known not to be {@code none}
 * from statement to statement ({@link Facts}): each statement takes the facts before it and
 * gives the facts after it, or null when it never completes ({@code fail}, {@code complete},
 * {@code cancel}, {@code go to}, or an {@code if} whose every path ends so).
 */
final class StatementChecker {
  private final CheckContext ctx;
  private final WorkflowInfo wf;
  private final Diagnostics sink;
  private final Recorder recorder;
  /** The type of each {@code yield}'s value, once checked. */
  private final java.util.Map<Stmt.Yield, Type> yields = new java.util.IdentityHashMap<>(4);
  private final ExpressionTyper typer;
  private final Arguments arguments;
  private final MatchChecker matches;
  private final Map<String, Facts> targetFacts;
  private final Map<String, Facts> gotoFacts = new LinkedHashMap<>();
  /** The declared error each typed {@code fail} raises, once checked. */
  private final Map<Stmt.Fail, Decl.ErrorDecl> typedFails = new java.util.IdentityHashMap<>(4);

  /**
   * @param targetFacts what holds at each {@code go to} from a previous pass, by target (absent:
   *     nothing known yet, so nothing is taken away)
   */
  StatementChecker(CheckContext ctx, WorkflowInfo wf, Diagnostics sink, Map<String, Facts> targetFacts) {
    this.ctx = ctx;
    this.wf = wf;
    this.sink = sink;
    this.recorder = ctx.recorder();
    this.typer = new ExpressionTyper(ctx, wf, sink);
    this.arguments = new Arguments(typer, sink);
    this.matches = new MatchChecker(ctx.members(), sink);
    this.targetFacts = targetFacts;
  }

  void body() {
    wf.decl.clause(Clause.Deadline.class).ifPresent(this::deadline);
    block(wf.decl.body(), Scope.root(), Facts.NONE);
    unraisedErrors();
  }

  /**
   * {@code deadline D [escalate to R] [cancel REASON | fail MESSAGE]}: {@code D} is a
   * {@code Duration} and the reason a {@code Text} (E200), computed from the inputs alone when the
   * instance starts (E308).
   */
  private void deadline(Clause.Deadline d) {
    Env env = new Env(Scope.root(), Facts.NONE);
    duration(d.duration(), env);
    StartValues.check(d.duration(), "the deadline", ctx.recorder(), sink);
    d.end().ifPresent(e -> {
      Type t = typer.value(e.message(), env);
      typer.expect().fits(e.message(), t, Type.TEXT, Code.E200, () -> Types.mismatch(Type.TEXT, t));
      StartValues.check(e.message(), "the " + (e.cancel() ? "reason" : "message") + " of `deadline … " + e.keyword() + "`",
          ctx.recorder(), sink);
    });
  }

  /** A time limit ({@code within}, {@code deadline}, {@code wait}): a {@code Duration} (E200). */
  private void duration(Expr e, Env env) {
    Type t = typer.value(e, env);
    typer.expect().fits(e, t, Type.DURATION, Code.E200, () -> Types.mismatch(Type.DURATION, t));
  }

  /** What holds at each {@code go to}, by target, as this pass found it. */
  Map<String, Facts> gotoFacts() {
    return gotoFacts;
  }

  private Facts block(Block b, Scope parent, Facts in) {
    Scope scope = parent.child();
    Facts current = in;
    boolean ends = false;
    List<Stmt> statements = b.statements();
    for (int i = 0; i < statements.size(); i++) { // by index: no iterator per block
      Facts out = statement(statements.get(i), scope, current);
      if (out == null) {
        ends = true;
      } else {
        current = out;
      }
    }
    return ends ? null : current;
  }

  private Facts statement(Stmt s, Scope scope, Facts in) {
    Facts f = in;
    if (s instanceof Stmt.Named n && wf.gotoTargets.contains(n.name().text())) {
      Facts jumps = targetFacts.get(n.name().text());
      if (jumps != null) {
        f = f.intersect(jumps);
      }
    }
    Env env = new Env(scope, f);
    if (s instanceof Stmt.HumanStep h) {
      people(h.people(), env);
      h.limit().within().ifPresent(w -> duration(w, env));
      return f;
    }
    if (s instanceof Stmt.Approval a) {
      people(a.people(), env);
      a.limit().within().ifPresent(w -> duration(w, env));
      return f;
    }
    if (s instanceof Stmt.Complete) {
      return null;
    }
    if (s instanceof Stmt.ContinueAsNew n) {
      // the new instance's input, checked as a `call`'s arguments (E202); where it may stand is E330
      arguments.check(new Arguments.Callee(() -> "workflow `" + wf.decl.name().text() + "`", "input",
          ctx.members().signature(wf.decl).inputs(), true), n.arguments(),
          new Name("continue as new", continueKeyword(n.span())), env);
      return null;
    }
    if (s instanceof Stmt.SystemStep step) {
      actionCall(step.call(), env);
      step.compensations().forEach(c -> actionCall(c, env));
      return f;
    }
    if (s instanceof Stmt.Notify n) {
      notify(n, env);
      return f;
    }
    if (s instanceof Stmt.Wait w) {
      duration(w.duration(), env);
      return f;
    }
    if (s instanceof Stmt.Emit e) {
      emit(e, env);
      return f;
    }
    if (s instanceof Stmt.WaitUntil w) {
      waitUntil(w.time(), env);
      return f;
    }
    if (s instanceof Stmt.Signal || s instanceof Stmt.WaitFor || s instanceof Stmt.CancelRegion) {
      return f; // a signal's name is its own: nothing to resolve (E321 and W020 relate them)
    }
    if (s instanceof Stmt.Receive r) {
      r.within().ifPresent(w -> duration(w, env));
      r.where().ifPresent(w -> typer.condition(w, env));
      return f;
    }
    if (s instanceof Stmt.Call c) {
      arguments.check(workflowCallee(c.workflow()), c.arguments(), c.workflow(), env);
      return f;
    }
    if (s instanceof Stmt.Start st) {
      arguments.check(workflowCallee(st.workflow()), st.arguments(), st.workflow(), env);
      return f;
    }
    if (s instanceof Stmt.Let let) {
      let(let, env);
      return f;
    }
    if (s instanceof Stmt.Yield y) {
      yields.put(y, typer.value(y.value(), env));
      return f;
    }
    if (s instanceof Stmt.Set set) {
      return set(set, env);
    }
    if (s instanceof Stmt.If i) {
      return ifStatement(i, scope, f);
    }
    if (s instanceof Stmt.Match m) {
      return match(m, scope, f);
    }
    if (s instanceof Stmt.Parallel p) {
      return branches(p.branches(), scope, f);
    }
    if (s instanceof Stmt.First first) {
      return branches(first.branches(), scope, f);
    }
    if (s instanceof Stmt.ForEach loop) {
      return forEach(loop, scope, f);
    }
    if (s instanceof Stmt.ForEachArriving a) {
      statement(a.item(), scope, f);
      if (a.close().isPresent()) {
        statement(a.close().get(), scope, f);
      }
      a.quiet().ifPresent(w -> duration(w, env));
      a.within().ifPresent(w -> duration(w, env));
      Facts base = f.withoutNames(Assignments.in(a.body()));
      block(a.body(), scope, base);
      return base;
    }
    if (s instanceof Stmt.Repeat r) {
      return repeat(r, scope, f);
    }
    if (s instanceof Stmt.While w) {
      Facts base = f.withoutNames(Assignments.in(w.body()));
      typer.condition(w.condition(), new Env(scope, base));
      block(w.body(), scope, base.plus(Facts.whenTrue(w.condition(), recorder)));
      return base.plus(Facts.whenFalse(w.condition(), recorder));
    }
    if (s instanceof Stmt.GoTo g) {
      gotoFacts.merge(g.target().text(), f, Facts::intersect);
      return null;
    }
    if (s instanceof Stmt.Try t) {
      return tryStatement(t, scope, f);
    }
    if (s instanceof Stmt.Exclusive x) {
      return block(x.body(), scope, f);
    }
    if (s instanceof Stmt.Region r) {
      return block(r.body(), scope, f);
    }
    if (s instanceof Stmt.Fail fail) {
      fail(fail, env);
      return null;
    }
    text(((Stmt.Cancel) s).reason(), env);
    return null;
  }

  /** The span of {@code continue} at the start of a {@code continue as new}, where a missing input is reported. */
  private static SourceSpan continueKeyword(SourceSpan span) {
    return span.isNone() ? span : new SourceSpan(span.file(), span.start(), span.start() + "continue".length());
  }

  /**
   * {@code fail MESSAGE} takes a {@code Text}; {@code fail CardDeclined(reason: …)} (or a caught
   * error's value) fails with a declared error, which the workflow must list in its {@code fails} (E331).
   */
  private void fail(Stmt.Fail fail, Env env) {
    Type t = typer.value(fail.message(), env);
    if (t instanceof Type.Declared d && d.decl() instanceof Decl.ErrorDecl error) {
      typedFails.put(fail, error);
      boolean declared = wf.decl.fails().stream()
          .anyMatch(n -> recorder.declarationOf(n).filter(x -> x == error).isPresent());
      if (!declared) {
        String name = error.name().text();
        sink.add(Diagnostic.of(Code.E331, fail.message().span(), "workflow `" + wf.decl.name().text()
                + "` does not declare `" + name + "`, so it cannot fail with it")
            .withHelp("add it to the workflow's header: `fails " + name + "`"));
      }
      return;
    }
    typer.expect().fits(fail.message(), t, Type.TEXT, Code.E200, () -> Types.mismatch(Type.TEXT, t));
  }

  /**
   * W030: an error in the workflow's {@code fails} that nothing in it raises: no action it runs or
   * workflow it calls declares it, and no {@code fail} raises it.
   */
  private void unraisedErrors() {
    if (wf.decl.fails().isEmpty()) {
      return; // nothing listed: the body need not be walked for what it raises
    }
    Set<Decl> raised = raisable(wf.decl.body(), declSet());
    for (Name n : wf.decl.fails()) {
      recorder.declarationOf(n).filter(Decl.ErrorDecl.class::isInstance).filter(raised::add)
          .ifPresent(d -> sink.add(Diagnostic.of(Code.W030, n.span(), "nothing in workflow `" + wf.decl.name().text()
                  + "` raises `" + n.text() + "`, so a caller never gets it")
              .withHelp("call an action or workflow that `fails " + n.text() + "`, add `fail " + n.text()
                  + "(…)`, or remove it from `fails`")));
    }
  }

  private void text(Expr e, Env env) {
    Type t = typer.value(e, env);
    typer.expect().fits(e, t, Type.TEXT, Code.E200, () -> Types.mismatch(Type.TEXT, t));
  }

  // ---- steps and notifications -----------------------------------------------------------------

  private void actionCall(Stmt.ActionCall call, Env env) {
    Arguments.Callee callee = wf.actionOf(call)
        .map(a -> new Arguments.Callee(() -> "`" + a.display() + "`", "parameter", a.parameters(), false))
        .orElse(null);
    arguments.check(callee, call.arguments(), call.system(), env);
  }

  private Arguments.Callee workflowCallee(Name workflow) {
    Optional<Decl> decl = recorder.declarationOf(workflow).filter(d -> d instanceof Decl.WorkflowDecl);
    return decl.map(d -> new Arguments.Callee(() -> "workflow `" + d.name().text() + "`", "input",
            ctx.members().signature((Decl.WorkflowDecl) d).inputs(), true))
        .orElse(null);
  }

  /** What is emitted is an event (built in place, or a value of an event type). */
  private void emit(Stmt.Emit e, Env env) {
    Type t = typer.type(e.event(), env);
    boolean event = t instanceof Type.Declared d && d.decl() instanceof Decl.EventDecl;
    if (!event && t != Type.ERROR) {
      sink.add(Diagnostic.of(Code.E200, e.event().span(),
              "type mismatch: `emit` takes an event, found `" + t.display() + "`")
          .withHelp("emit an event built in place, such as `emit OrderShipped(order: id, at: now())`"));
    }
  }

  /** The target is a role or a {@code Text} address; the message a {@code Text}. */
  private void notify(Stmt.Notify n, Env env) {
    Type t = typer.type(n.target(), env);
    if (t instanceof Type.DeclarationName d) {
      if (!(d.decl() instanceof Decl.RoleDecl)) {
        sink.add(Diagnostic.of(Code.E102, n.target().span(),
                "`" + d.decl().name().text() + "` is " + Names.withArticle(d.decl().kind())
                    + ", not a role")
            .withHelp("`notify` sends to a role or to a `Text` address"));
      }
    } else {
      typer.expect().fits(n.target(), t, Type.TEXT, Code.E200,
          () -> "type mismatch: expected a role or `Text`, found `" + t.display() + "`");
    }
    text(n.message(), env);
  }

  /**
   * Who does a step for a person: {@code assign to} takes a {@code Text} (or {@code Text?}: none
   * leaves the task with its roles), {@code not by} a {@code Text}, {@code Text?} or list of them
   * (E200), and a role decision's subject and patterns are checked as a {@code match} statement's
   * (E200, E201, E205, E101).
   */
  private void people(Stmt.People people, Env env) {
    people.decision().ifPresent(d -> {
      Type subject = typer.value(d.subject(), env);
      List<Stmt.MatchArm> arms = new ArrayList<>();
      Optional<Block> otherwise = Optional.empty();
      SourceSpan otherwiseSpan = SourceSpan.NONE;
      for (Stmt.RoleArm arm : d.arms()) {
        if (arm.isElse()) {
          otherwise = Optional.of(new Block(List.of(), arm.span()));
          otherwiseSpan = arm.span();
          continue;
        }
        for (Stmt.Pattern p : arm.patterns()) {
          if (p instanceof Stmt.LiteralPattern lit) {
            LiteralTypes.record(lit.literal(), recorder);
          } else if (p instanceof Stmt.RangePattern range) {
            LiteralTypes.record(range.bound(), recorder);
          }
        }
        arms.add(new Stmt.MatchArm(arm.patterns(), new Block(List.of(), arm.span()), arm.span()));
      }
      matches.checkRoleDecision(new Stmt.Match(d.subject(), arms, otherwise, otherwiseSpan, Doc.NONE, d.span()), subject);
    });
    people.assignee().ifPresent(a -> {
      Type t = typer.value(a, env);
      if (!t.isError() && Type.required(t) != Type.TEXT) {
        sink.add(Diagnostic.of(Code.E200, a.span(), "type mismatch: expected `Text` (who the task is for), found `"
                + t.display() + "`")
            .withHelp("`assign to` names a person by their user id, e.g. `request.manager`"));
      }
    });
    for (Expr e : people.excluded()) {
      Type t = typer.value(e, env);
      Type element = t instanceof Type.ListOf l ? l.element() : t;
      if (!t.isError() && !element.isError() && Type.required(element) != Type.TEXT) {
        sink.add(Diagnostic.of(Code.E200, e.span(), "type mismatch: expected `Text` or `List<Text>` (who may not do"
                + " the step), found `" + t.display() + "`")
            .withHelp("`not by` names people by their user id, e.g. `approve.completedBy`"));
      }
    }
  }

  private void waitUntil(Expr time, Env env) {
    Type t = typer.value(time, env);
    if (t.isError()) {
      return;
    }
    Type r = Type.required(t);
    if (r == Type.DATE || r == Type.TIMESTAMP) {
      if (t.isOptional()) {
        sink.add(Expect.optional(time, t, r.display()));
      }
      return;
    }
    sink.add(Diagnostic.of(Code.E200, time.span(),
        "type mismatch: expected `Date` or `Timestamp`, found `" + t.display() + "`"));
  }

  // ---- variables -------------------------------------------------------------------------------

  private void let(Stmt.Let let, Env env) {
    Type declared = let.type().map(recorder::typeOf).orElse(null);
    Type t = typer.value(let.value(), env, declared);
    Type variable;
    Optional<Stmt.Yield> yielded = let.value() instanceof Expr.Collected c ? c.loop().yielded() : Optional.empty();
    if (declared instanceof Type.ListOf list && yielded.isPresent()) {
      // Each yielded value must fit the written item type (an Int widens to a Decimal there).
      Type each = yields.getOrDefault(yielded.get(), Type.ERROR);
      typer.expect().fits(yielded.get().value(), each, list.element(), Code.E200,
          () -> Types.mismatch(list.element(), each));
      variable = declared;
    } else if (declared != null) {
      typer.expect().fits(let.value(), t, declared, Code.E200, () -> Types.mismatch(declared, t));
      variable = declared;
    } else if (t == Type.NONE) {
      sink.add(Diagnostic.of(Code.E200, let.value().span(), "cannot infer the type of `" + let.name().text() + "` from `none`")
          .withHelp("write its type: `let " + let.name().text() + ": Text? = none`"));
      variable = Type.ERROR;
    } else if (let.value() instanceof Expr.ListLit l && l.elements().isEmpty()) {
      sink.add(Diagnostic.of(Code.E200, let.value().span(), "cannot infer the type of `" + let.name().text() + "` from `[]`")
          .withHelp("write its type: `let " + let.name().text() + ": List<Text> = []`"));
      variable = Type.ERROR;
    } else {
      variable = t;
    }
    ctx.usages().declared(let, wf.decl);
    declare(let.name(), new Symbol.VariableSymbol(let), variable, env.scope(), let);
  }

  /**
   * Declares a block-scoped variable. Hiding an input, a step (anywhere in the workflow) or a
   * visible variable is E104, at the second of the two in source order; the variable then has
   * the error type, so that reads of the name cause no follow-on errors.
   */
  private void declare(Name name, Symbol symbol, Type type, Scope scope, Stmt.Let let) {
    String n = name.text();
    Name at = name;
    String label = null;
    Optional<Scope.Local> visible = scope.lookup(n);
    Stmt.Named step = wf.steps.get(n);
    if (visible.isPresent()) {
      label = "already a variable here (declared at " + visible.get().symbol().declaredAt().span() + ")";
    } else if (wf.inputs.containsKey(n)) {
      label = "already an input of this workflow";
    } else if (step != null) {
      if (step.name().span().start() > name.span().start()) {
        at = step.name();
        label = "already a variable (declared at " + name.span() + ")";
      } else {
        label = "already a step of this workflow";
      }
    }
    Type declared = type;
    if (label != null) {
      sink.add(Diagnostic.of(Code.E104, at.span(), "duplicate name `" + n + "`").withLabel(label));
      if (let != null) {
        ctx.usages().excuse(let);
      }
      if (visible.isPresent() && visible.get().symbol() instanceof Symbol.VariableSymbol first) {
        ctx.usages().excuse(first.let()); // a duplicate is not also reported unused (LANGUAGE.md §6)
      }
      declared = Type.ERROR; // whichever of the two later reads mean, they cause no more errors
    }
    scope.declare(n, new Scope.Local(symbol, declared));
    recorder.symbol(name, symbol);
  }

  /** {@code set x = v}: the innermost variable {@code x}, else the output {@code x}. */
  private Facts set(Stmt.Set set, Env env) {
    Name target = set.target();
    String n = target.text();
    Type targetType = null;
    Name variable = null;
    Optional<Scope.Local> local = env.scope().lookup(n);
    if (local.isPresent()) {
      Symbol s = local.get().symbol();
      recorder.symbol(target, s);
      if (s instanceof Symbol.VariableSymbol) {
        targetType = local.get().type();
        variable = s.declaredAt();
      } else if (s instanceof Symbol.LoopVariableSymbol l) {
        readOnly(target, "cannot set `" + n + "`: " + (l.loop().threads()
            ? "the thread number of `parallel … times as` is read-only" : "the variable of a `for each` is read-only"));
      } else {
        readOnly(target, "cannot set `" + n + "`: a caught error is read-only");
      }
    } else if (wf.outputs.containsKey(n)) {
      recorder.symbol(target, new Symbol.OutputSymbol(wf.outputs.get(n)));
      targetType = wf.outputType(n);
    } else if (wf.inputs.containsKey(n)) {
      recorder.symbol(target, new Symbol.InputSymbol(wf.inputs.get(n)));
      readOnly(target, "cannot set input `" + n + "`: inputs are read-only");
    } else if (wf.steps.containsKey(n)) {
      recorder.symbol(target, new Symbol.StepSymbol(wf.steps.get(n)));
      readOnly(target, "cannot set step `" + n + "`: step results are read-only");
    } else {
      setUnknown(target, env);
    }
    Type t = typer.value(set.value(), env, targetType);
    if (targetType != null) {
      Type expected = targetType;
      typer.expect().fits(set.value(), t, expected, Code.E200, () -> Types.mismatch(expected, t));
    }
    Facts out = env.facts();
    if (variable != null) {
      out = out.without(variable);
      if (targetType.isOptional() && !t.isOptional() && t != Type.NONE && !t.isError()) {
        out = out.plus(new Facts.Path(variable, List.of()));
      }
    }
    return out;
  }

  private void readOnly(Name target, String message) {
    sink.add(Diagnostic.of(Code.E102, target.span(), message)
        .withHelp("only `let` variables and outputs can be set"));
  }

  private void setUnknown(Name target, Env env) {
    Lookup lookup = wf.scope.lookup(target.text());
    if (lookup instanceof Lookup.Found found) {
      recorder.symbol(target, new Symbol.DeclSymbol(found.decl()));
      ctx.usages().use(found.decl(), wf.decl);
      readOnly(target, "cannot set `" + target.text() + "`: it is "
          + Names.withArticle(found.decl().kind()) + ", not a variable");
      return;
    }
    TreeSet<String> candidates = new TreeSet<>(env.scope().visibleNames());
    candidates.addAll(wf.outputs.keySet());
    ctx.usages().unresolvedIn(wf.decl);
    sink.add(ctx.names().unknown(target, "name", wf.scope, d -> false, candidates, wf.decl)
        .withLabel("no variable or output has this name"));
  }

  // ---- choice ----------------------------------------------------------------------------------

  private Facts ifStatement(Stmt.If i, Scope scope, Facts f) {
    Facts previousFalse = Facts.NONE;
    List<Facts> outs = new ArrayList<>();
    for (Stmt.IfArm arm : i.arms()) {
      Env env = new Env(scope, f.plus(previousFalse));
      typer.condition(arm.condition(), env);
      outs.add(block(arm.body(), scope, env.facts().plus(Facts.whenTrue(arm.condition(), recorder))));
      previousFalse = previousFalse.plus(Facts.whenFalse(arm.condition(), recorder));
    }
    Facts rest = f.plus(previousFalse);
    outs.add(i.otherwise().isPresent() ? block(i.otherwise().get(), scope, rest) : rest);
    return Facts.intersectAll(outs);
  }

  private Facts match(Stmt.Match m, Scope scope, Facts f) {
    Type subject = typer.value(m.subject(), new Env(scope, f));
    for (Stmt.MatchArm arm : m.arms()) {
      for (Stmt.Pattern p : arm.patterns()) {
        if (p instanceof Stmt.LiteralPattern lit) {
          LiteralTypes.record(lit.literal(), recorder);
        } else if (p instanceof Stmt.RangePattern range) {
          LiteralTypes.record(range.bound(), recorder);
        }
      }
    }
    boolean covered = matches.check(m, subject);
    List<Facts> outs = new ArrayList<>();
    for (Stmt.MatchArm arm : m.arms()) {
      outs.add(block(arm.body(), scope, f));
    }
    if (m.otherwise().isPresent()) {
      outs.add(block(m.otherwise().get(), scope, f));
    } else if (!covered) {
      outs.add(f);
    }
    return m.arms().isEmpty() && m.otherwise().isEmpty() ? f : Facts.intersectAll(outs);
  }

  // ---- concurrency and loops -------------------------------------------------------------------

  private Facts branches(List<Stmt.Branch> branches, Scope scope, Facts f) {
    Facts base = f.withoutNames(Assignments.in(branches));
    for (Stmt.Branch b : branches) {
      Facts in = base;
      if (b.when().isPresent()) {
        typer.condition(b.when().get(), new Env(scope, base));
        in = base.plus(Facts.whenTrue(b.when().get(), recorder));
      }
      block(b.body(), scope, in);
    }
    return base;
  }

  private Facts forEach(Stmt.ForEach loop, Scope scope, Facts f) {
    if (loop.threads()) {
      // `parallel N times { … }`: N is an Int; the threads are alike, so no variable is in scope,
      // unless `as t` names each thread's number (an Int, 1 to N, read-only like a loop variable).
      Type n = typer.value(loop.iterable(), new Env(scope, f));
      typer.expect().fits(loop.iterable(), n, Type.INT, Code.E200, () -> Types.mismatch(Type.INT, n));
      Facts base = f.withoutNames(Assignments.in(loop.body()));
      Scope body = scope.child();
      if (loop.numbered()) {
        declare(loop.variable(), new Symbol.LoopVariableSymbol(loop), Type.INT, body, null);
      }
      block(loop.body(), body, base);
      return base;
    }
    Type it = typer.value(loop.iterable(), new Env(scope, f));
    Type element = Type.ERROR;
    if (!it.isError()) {
      Type r = Type.required(it);
      if (r instanceof Type.ListOf l) {
        if (it.isOptional()) {
          sink.add(Expect.optional(loop.iterable(), it, r.display()));
        }
        element = l.element();
      } else {
        sink.add(Diagnostic.of(Code.E200, loop.iterable().span(),
            "type mismatch: expected a list, found `" + it.display() + "`"));
      }
    }
    Facts base = f.withoutNames(Assignments.in(loop.body()));
    Scope body = scope.child();
    declare(loop.variable(), new Symbol.LoopVariableSymbol(loop), element, body, null);
    block(loop.body(), body, base);
    if (loop.collected()) {
      typer.collected.put(loop, loop.yielded().map(y -> yields.getOrDefault(y, Type.ERROR)).orElse(Type.ERROR));
    }
    return base;
  }

  private Facts repeat(Stmt.Repeat r, Scope scope, Facts f) {
    Type n = typer.value(r.maxTimes(), new Env(scope, f));
    typer.expect().fits(r.maxTimes(), n, Type.INT, Code.E200, () -> Types.mismatch(Type.INT, n));
    Facts base = f.withoutNames(Assignments.in(r.body()));
    Facts out = block(r.body(), scope, base);
    r.until().ifPresent(u -> typer.condition(u, new Env(scope, out != null ? out : base)));
    return base;
  }

  /**
   * {@code try { … } catch declined: CardDeclined { … } … catch [problem] { … }}: a typed
   * {@code catch}'s variable is the declared error's value, an untyped one's is
   * {@code { step, message }}. The untyped {@code catch} comes last, once (E309); an error is
   * caught once (E101); a typed {@code catch} for an error no action of the {@code try} declares
   * never runs (W008).
   */
  private Facts tryStatement(Stmt.Try t, Scope scope, Facts f) {
    Facts bodyOut = block(t.body(), scope, f);
    Facts handlerIn = f.withoutNames(Assignments.in(t.body()));
    List<Facts> outs = new ArrayList<>();
    outs.add(bodyOut);
    Set<Decl> raisable = null; // worked out for the first typed `catch`
    Map<Decl, Stmt.Catch> caught = new java.util.IdentityHashMap<>();
    for (int i = 0; i < t.catches().size(); i++) {
      Stmt.Catch c = t.catches().get(i);
      Scope handler = scope.child();
      Type type = Results.CAUGHT_ERROR;
      if (c.errorType().isPresent()) {
        Name errorName = c.errorType().get();
        Optional<Decl> decl = ctx.names().resolve(errorName, DeclKind.ERROR, wf.scope, wf.decl, sink);
        type = decl.<Type>map(Type.Declared::new).orElse(Type.ERROR);
        if (decl.isPresent() && caught.containsKey(decl.get())) {
          sink.add(Diagnostic.of(Code.E101, errorName.span(), "`" + errorName.text() + "` is caught twice")
              .withNote("the first `catch` of it is at " + caught.get(decl.get()).span()));
        } else if (decl.isPresent()) {
          caught.put(decl.get(), c);
          if (raisable == null) {
            raisable = raisable(t.body(), declSet());
          }
          if (!raisable.contains(decl.get())) {
            sink.add(Diagnostic.of(Code.W008, errorName.span(),
                        "no action or workflow called in this `try` declares `" + errorName.text()
                        + "`, so this `catch` never runs")
                .withHelp("declare it on the action or workflow (`… fails " + errorName.text()
                    + "`), or remove the `catch`"));
          }
        }
      } else if (i < t.catches().size() - 1) {
        sink.add(Diagnostic.of(Code.E309, c.span(), "a `catch` without an error type must be the last of its `try`")
            .withLabel("it handles every failure, so the clauses after it would never run")
            .withHelp("move it after the typed `catch` clauses"));
      }
      Type variableType = type;
      c.variable().ifPresent(n -> declare(n, new Symbol.CatchVariableSymbol(t, n), variableType, handler, null));
      outs.add(block(c.body(), handler, handlerIn));
    }
    return Facts.intersectAll(outs);
  }

  /** A set of declarations by identity (a declaration's own hash code walks its whole tree). */
  private static Set<Decl> declSet() {
    return java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  }

  /**
   * The errors the actions and workflows called in a block (and the blocks in it) declare with
   * {@code fails}, and those its typed {@code fail} statements raise.
   */
  private Set<Decl> raisable(Block b, Set<Decl> out) {
    for (Stmt s : b.statements()) {
      if (s instanceof Stmt.SystemStep step) {
        wf.actionOf(step.call())
            .ifPresent(a -> a.decl().fails().forEach(n -> ctx.recorder().declarationOf(n).ifPresent(out::add)));
      } else if (s instanceof Stmt.Call call) {
        ctx.recorder().declarationOf(call.workflow())
            .filter(Decl.WorkflowDecl.class::isInstance)
            .map(Decl.WorkflowDecl.class::cast)
            .ifPresent(w -> w.fails().forEach(n -> ctx.recorder().declarationOf(n).ifPresent(out::add)));
      } else if (s instanceof Stmt.Fail fail && typedFails.containsKey(fail)) {
        out.add(typedFails.get(fail));
      }
      for (Block inner : dev.flow.compiler.ast.Statements.blocks(s)) {
        raisable(inner, out);
      }
    }
    return out;
  }
}
