package dev.flow.compiler.check.types;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Field;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.resolve.CheckContext;
import dev.flow.compiler.check.resolve.DeclKind;
import dev.flow.compiler.check.resolve.Recorder;
import dev.flow.compiler.check.resolve.Symbol;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first pass over a workflow body: it resolves every name in a declaration position (the
 * role of a step, its system and action, the event of a {@code receive}, the workflow of a
 * {@code call} or {@code start}, the {@code via} system, the type of a {@code let}), works out
 * each step's result type, and reports duplicate step and branch names and steps that hide an
 * input (E104). Expressions are left to {@link StatementChecker}.
 */
final class StepSignatures {
  private final CheckContext ctx;
  private final WorkflowInfo info;
  private final Decl.WorkflowDecl wf;
  private final Recorder recorder;
  private final Map<String, Name> named = new LinkedHashMap<>();

  private StepSignatures(CheckContext ctx, WorkflowInfo info) {
    this.ctx = ctx;
    this.info = info;
    this.wf = info.decl;
    this.recorder = ctx.recorder();
  }

  static WorkflowInfo collect(Decl.WorkflowDecl wf, CheckContext ctx) {
    WorkflowInfo info = new WorkflowInfo(wf, ctx.scopeOf(wf), ctx.members().signature(wf));
    new StepSignatures(ctx, info).block(wf.body());
    return info;
  }

  private void block(Block b) {
    List<Stmt> statements = b.statements();
    for (int i = 0; i < statements.size(); i++) { // by index: no iterator per block
      statement(statements.get(i));
    }
  }

  private void statement(Stmt s) {
    if (s instanceof Stmt.Named n) {
      name(n.name(), true);
      info.step(n, resultOf(n));
      recorder.symbol(n.name(), new Symbol.StepSymbol(n));
    }
    if (s instanceof Stmt.Start st) {
      resolve(st.workflow(), DeclKind.WORKFLOW);
    } else if (s instanceof Stmt.Notify n) {
      n.via().ifPresent(v -> resolve(v, DeclKind.SYSTEM));
    } else if (s instanceof Stmt.Emit) {
      return;
    } else if (s instanceof Stmt.Let let) {
      let.type().ifPresent(t -> ctx.types().resolve(t, info.scope, wf));
    } else if (s instanceof Stmt.Wait || s instanceof Stmt.WaitUntil || s instanceof Stmt.Set) {
      return;
    } else if (s instanceof Stmt.If i) {
      i.arms().forEach(a -> block(a.body()));
      i.otherwise().ifPresent(this::block);
    } else if (s instanceof Stmt.Match m) {
      m.arms().forEach(a -> block(a.body()));
      m.otherwise().ifPresent(this::block);
    } else if (s instanceof Stmt.Parallel p) {
      p.branches().forEach(this::branch);
    } else if (s instanceof Stmt.First f) {
      f.branches().forEach(this::branch);
    } else if (s instanceof Stmt.ForEach f) {
      block(f.body());
    } else if (s instanceof Stmt.ForEachArriving a) {
      block(a.arrivals());
      block(a.body());
    } else if (s instanceof Stmt.Repeat r) {
      block(r.body());
    } else if (s instanceof Stmt.While w) {
      block(w.body());
    } else if (s instanceof Stmt.Exclusive x) {
      block(x.body());
    } else if (s instanceof Stmt.Region r) {
      block(r.body());
    } else if (s instanceof Stmt.Try t) {
      block(t.body());
      t.handlers().forEach(this::block);
    } else if (s instanceof Stmt.GoTo g) {
      info.gotoTargets.add(g.target().text());
    }
  }

  private void branch(Stmt.Branch b) {
    name(b.name(), false);
    block(b.body());
  }

  /** Steps and branches share one namespace in a workflow; a step may not hide an input. */
  private void name(Name n, boolean isStep) {
    Name first = named.putIfAbsent(n.text(), n);
    if (first != null) {
      ctx.diagnostics().add(Diagnostic.of(Code.E104, n.span(), "duplicate name `" + n.text() + "`")
          .withLabel("already the name of a step or branch of this workflow")
          .withNote("the first `" + n.text() + "` is at " + first.span()));
    } else if (isStep && info.inputs.containsKey(n.text())) {
      ctx.diagnostics().add(Diagnostic.of(Code.E104, n.span(), "duplicate name `" + n.text() + "`")
          .withLabel("already an input of this workflow")
          .withHelp("give the step another name; its result is read by its name"));
    }
  }

  private Type resultOf(Stmt.Named n) {
    if (n instanceof Stmt.HumanStep h) {
      roles(h.role(), h.people());
      limit(h.limit());
      for (Field field : h.form()) {
        if (Results.COMPLETION.containsKey(field.name().text())) {
          ctx.diagnostics().add(Diagnostic.of(Code.E207, field.name().span(),
                  "form field `" + field.name().text() + "` has the name of a result field")
              .withLabel("every step for a person's result has `completedBy` and `completedAt`")
              .withHelp("give the field another name"));
        }
      }
      return Results.ofPersonStep(ctx.members().typedFields(h.form(), "field", wf));
    }
    if (n instanceof Stmt.Approval a) {
      roles(a.role(), a.people());
      limit(a.limit());
      return Results.APPROVAL;
    }
    if (n instanceof Stmt.SystemStep s) {
      Optional<Members.Action> action = action(s.call());
      s.compensations().forEach(this::action);
      s.retries().forEach(r -> LiteralTypes.record(r, recorder));
      s.timeouts().forEach(t -> LiteralTypes.record(t, recorder));
      return action.map(Members.Action::result).orElse(Type.ERROR);
    }
    if (n instanceof Stmt.Receive r) {
      LiteralTypes.record(r.within(), recorder);
      return resolve(r.event(), DeclKind.EVENT).<Type>map(Type.Declared::new).orElse(Type.ERROR);
    }
    Stmt.Call c = (Stmt.Call) n;
    return resolve(c.workflow(), DeclKind.WORKFLOW)
        .map(w -> Results.ofFields(ctx.members().signature((Decl.WorkflowDecl) w).outputs()))
        .orElse(Type.ERROR);
  }

  /** The roles of a step for a person: its first, those after {@code or}, and a decision's. */
  private void roles(Name first, Stmt.People people) {
    if (people.decision().isEmpty()) {
      resolve(first, DeclKind.ROLE);
    }
    people.otherRoles().forEach(r -> resolve(r, DeclKind.ROLE));
    people.decision().ifPresent(d -> d.arms().forEach(arm -> arm.roles().forEach(r -> resolve(r, DeclKind.ROLE))));
  }

  private void limit(Stmt.TimeLimit limit) {
    LiteralTypes.record(limit.within(), recorder);
    limit.escalateTo().ifPresent(r -> resolve(r, DeclKind.ROLE));
  }

  private Optional<Decl> resolve(Name name, DeclKind kind) {
    return ctx.names().resolve(name, kind, info.scope, wf, ctx.diagnostics());
  }

  /** Resolves {@code System.action}; an unknown action of a known system is E201. */
  private Optional<Members.Action> action(Stmt.ActionCall call) {
    Optional<Decl> system = resolve(call.system(), DeclKind.SYSTEM);
    if (system.isEmpty()) {
      return Optional.empty();
    }
    Decl.SystemDecl s = (Decl.SystemDecl) system.get();
    Optional<Members.Action> action = ctx.members().action(s, call.action().text());
    if (action.isEmpty()) {
      Diagnostic d = Diagnostic.of(Code.E201, call.action().span(),
              "unknown action `" + call.action().text() + "` of system `" + s.name().text() + "`")
          .withLabel(s.actions().isEmpty()
              ? "`" + s.name().text() + "` has no actions"
              : "not an action of `" + s.name().text() + "`");
      ctx.diagnostics().add(d.withDidYouMean(call.action().span(), call.action().text(), ctx.members().actionNames(s)));
      return Optional.empty();
    }
    info.action(call, action.get());
    return action;
  }
}
