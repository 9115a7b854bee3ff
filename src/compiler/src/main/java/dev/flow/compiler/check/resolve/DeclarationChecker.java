package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.Parallel;
import dev.flow.compiler.check.types.LiteralTypes;
import dev.flow.compiler.check.types.Members;
import dev.flow.compiler.check.types.WorkflowChecker;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Resolves every declaration: the members of systems, records, events and enums (E101 for a
 * duplicate member), the roles and workflows a process names, the milestones of its measures
 * (E201 for an unknown step), a workflow's header (owner, triggers, deadline, inputs and
 * outputs) and then, once every declaration is resolved, each workflow's body.
 */
final class DeclarationChecker {
  /** Runs per thread: enough that a thread with a run of large workflows does not keep the others waiting. */
  private static final int RUNS_PER_THREAD = 4;
  /** Characters per name, at most, that the tables make room for before the threads start (about 22 on average). */
  private static final int NAMES_EVERY = 16;

  private final CheckContext ctx;

  private DeclarationChecker(CheckContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Every declaration, then every workflow body, each on up to {@code threads} threads: what a
   * declaration's members and header resolve to depends only on the file scopes and the declaration
   * itself, and a body's names and types only on the declarations, all resolved by then, and on the body
   * itself. Each of the two is cut into runs of consecutive declarations ({@link Parallel#chunks}), each
   * run checked with a recorder, use tracker, members and diagnostics of its own that read the shared
   * ones (the recorder writes its nodes in place in the shared tables, {@link Recorder#Recorder(Recorder,
   * long)}); what they keep of their own is then added to the shared ones in the order of the runs, so
   * that the model, the uses and the diagnostics (in their order) are what checking them one after the
   * other gives.
   */
  static void check(CheckContext ctx, int threads) {
    List<Decl> declarations = ctx.table().all();
    List<Decl.WorkflowDecl> workflows = new ArrayList<>();
    for (Decl decl : declarations) {
      if (decl instanceof Decl.WorkflowDecl w) {
        workflows.add(w);
      }
    }
    if (threads <= 1 || declarations.size() < 2) {
      DeclarationChecker checker = new DeclarationChecker(ctx);
      for (Decl decl : declarations) {
        checker.declaration(decl);
      }
      for (Decl.WorkflowDecl w : workflows) {
        WorkflowChecker.check(w, ctx);
      }
      return;
    }
    List<SourceFile> files = new ArrayList<>();
    for (CompilationUnit unit : ctx.scopes().keySet()) {
      files.add(unit.file());
    }
    // room for every name of every file, so that the threads write in place
    ctx.recorder().reserve(files, f -> f.text().length() / NAMES_EVERY + 16, threads);
    List<List<Decl>> headers = Parallel.chunks(declarations, threads * RUNS_PER_THREAD, DeclarationChecker::headerSize);
    for (CheckContext run : Parallel.map(headers.size(), threads, i -> declarations(headers.get(i), ctx))) {
      merge(run, ctx);
      ctx.members().addAll(run.members());
    }
    if (workflows.isEmpty()) {
      return;
    }
    List<List<Decl.WorkflowDecl>> runs = Parallel.chunks(workflows, threads * RUNS_PER_THREAD, DeclarationChecker::size);
    for (CheckContext run : Parallel.map(runs.size(), threads, i -> bodies(runs.get(i), ctx))) {
      merge(run, ctx);
    }
  }

  private static long size(Decl decl) {
    return decl.span().end() - decl.span().start();
  }

  /** What the first pass reads of a declaration: all of it, but a workflow's body. */
  private static long headerSize(Decl decl) {
    if (decl instanceof Decl.WorkflowDecl w) {
      return w.body().span().start() - w.span().start();
    }
    return size(decl);
  }

  /** A context of its own for {@code chars} characters of declarations, reading {@code shared}. */
  private static CheckContext worker(CheckContext shared, long chars) {
    Diagnostics diagnostics = new Diagnostics();
    Recorder recorder = new Recorder(shared.recorder(), chars);
    Usages usages = new Usages();
    NameResolver names = shared.names().forWorker(recorder, usages);
    TypeResolver types = new TypeResolver(names, recorder, diagnostics);
    Members members = shared.members().forWorker(types, diagnostics);
    return new CheckContext(shared.table(), shared.scopes(), diagnostics, recorder, usages, names, types, members);
  }

  /** Adds what a run learned, kept in its own context, to the shared one. */
  private static void merge(CheckContext run, CheckContext shared) {
    shared.diagnostics().addAll(run.diagnostics().list());
    shared.recorder().addAll(run.recorder());
    shared.usages().addAll(run.usages());
  }

  /** The members and headers of {@code run}, checked with a context of their own that reads {@code shared}. */
  private static CheckContext declarations(List<Decl> run, CheckContext shared) {
    long chars = 0;
    for (Decl d : run) {
      chars += headerSize(d);
    }
    CheckContext own = worker(shared, chars);
    DeclarationChecker checker = new DeclarationChecker(own);
    for (Decl d : run) {
      checker.declaration(d);
    }
    return own;
  }

  /** The bodies of {@code run}, checked with a context of their own that reads {@code shared}. */
  private static CheckContext bodies(List<Decl.WorkflowDecl> run, CheckContext shared) {
    long chars = 0;
    for (Decl.WorkflowDecl w : run) {
      chars += size(w);
    }
    CheckContext own = worker(shared, chars);
    for (Decl.WorkflowDecl w : run) {
      WorkflowChecker.check(w, own);
    }
    return own;
  }

  private void declaration(Decl decl) {
    if (decl instanceof Decl.SystemDecl s) {
      ctx.members().actions(s);
      for (Decl.ActionDecl a : s.actions()) {
        Set<String> seen = new java.util.HashSet<>();
        for (Name error : a.fails()) {
          if (!seen.add(error.text())) {
            ctx.diagnostics().add(Diagnostic.of(Code.E101, error.span(),
                "`" + error.text() + "` is listed twice after `fails`"));
          } else {
            resolve(error, DeclKind.ERROR, s);
          }
        }
      }
      s.timeouts().forEach(t -> LiteralTypes.record(t, ctx.recorder()));
      s.retries().forEach(r -> LiteralTypes.record(r, ctx.recorder()));
    } else if (decl instanceof Decl.RecordDecl || decl instanceof Decl.EventDecl || decl instanceof Decl.ErrorDecl) {
      ctx.members().fields(decl);
    } else if (decl instanceof Decl.EnumDecl e) {
      ctx.members().constants(e);
    } else if (decl instanceof Decl.ProcessDecl p) {
      p.clauses().forEach(c -> processClause(c, p));
    } else if (decl instanceof Decl.WorkflowDecl w) {
      ctx.members().signature(w);
      w.clauses().forEach(c -> workflowClause(c, w));
    }
  }

  private Optional<Decl> resolve(Name name, DeclKind kind, Decl from) {
    return ctx.names().resolve(name, kind, ctx.scopeOf(from), from, ctx.diagnostics());
  }

  private void processClause(Clause c, Decl.ProcessDecl p) {
    if (c instanceof Clause.Owner o) {
      resolve(o.role(), DeclKind.ROLE, p);
    } else if (c instanceof Clause.Stakeholders s) {
      s.roles().forEach(r -> resolve(r, DeclKind.ROLE, p));
    } else if (c instanceof Clause.Workflows w) {
      w.workflows().forEach(x -> resolve(x, DeclKind.WORKFLOW, p));
    } else if (c instanceof Clause.Measure m) {
      milestone(m.from(), p);
      milestone(m.to(), p);
      LiteralTypes.record(m.target(), ctx.recorder());
    }
  }

  /** {@code W.start}, {@code W.end}, or {@code W.step} for a named step anywhere in {@code W}. */
  private void milestone(Clause.Milestone m, Decl.ProcessDecl p) {
    Optional<Decl> w = resolve(m.workflow(), DeclKind.WORKFLOW, p);
    if (w.isEmpty() || m.isStart() || m.isEnd()) {
      return;
    }
    Block body = ((Decl.WorkflowDecl) w.get()).body();
    String point = m.point().text();
    if (anyStep(body, point::equals)) {
      return;
    }
    Set<String> steps = new LinkedHashSet<>();
    stepNames(body, steps);
    List<String> candidates = new ArrayList<>(steps);
    candidates.add("start");
    candidates.add("end");
    Diagnostic d = Diagnostic.of(Code.E201, m.point().span(),
            "unknown step `" + m.point().text() + "` of workflow `" + m.workflow().text() + "`")
        .withLabel("a milestone is `start`, `end` or a named step");
    ctx.diagnostics().add(d.withDidYouMean(m.point().span(), m.point().text(), candidates));
  }

  private static void stepNames(Block b, Set<String> out) {
    anyStep(b, name -> {
      out.add(name);
      return false;
    });
  }

  /**
   * Whether {@code test} holds for the name of a named step of the block, nested blocks included, asked in
   * source order until it holds: a milestone's step is looked for without collecting every step's name.
   */
  private static boolean anyStep(Block b, Predicate<String> test) {
    for (Stmt s : b.statements()) {
      boolean found = false;
      if (s instanceof Stmt.Named n) {
        found = test.test(n.name().text());
      } else if (s instanceof Stmt.If i) {
        for (Stmt.IfArm a : i.arms()) {
          found = found || anyStep(a.body(), test);
        }
        found = found || i.otherwise().isPresent() && anyStep(i.otherwise().get(), test);
      } else if (s instanceof Stmt.Match m) {
        for (Stmt.MatchArm a : m.arms()) {
          found = found || anyStep(a.body(), test);
        }
        found = found || m.otherwise().isPresent() && anyStep(m.otherwise().get(), test);
      } else if (s instanceof Stmt.Parallel par) {
        for (Stmt.Branch br : par.branches()) {
          found = found || anyStep(br.body(), test);
        }
      } else if (s instanceof Stmt.First f) {
        for (Stmt.Branch br : f.branches()) {
          found = found || anyStep(br.body(), test);
        }
      } else if (s instanceof Stmt.ForEach f) {
        found = anyStep(f.body(), test);
      } else if (s instanceof Stmt.ForEachArriving a) {
        found = anyStep(a.arrivals(), test) || anyStep(a.body(), test);
      } else if (s instanceof Stmt.Repeat r) {
        found = anyStep(r.body(), test);
      } else if (s instanceof Stmt.While w) {
        found = anyStep(w.body(), test);
      } else if (s instanceof Stmt.Try t) {
        found = anyStep(t.body(), test);
        for (Block h : t.handlers()) {
          found = found || anyStep(h, test);
        }
      }
      if (found) {
        return true;
      }
    }
    return false;
  }

  private void workflowClause(Clause c, Decl.WorkflowDecl w) {
    if (c instanceof Clause.Owner o) {
      resolve(o.role(), DeclKind.ROLE, w);
    } else if (c instanceof Clause.Trigger t) {
      if (t.kind() == Clause.TriggerKind.ON_EVENT) {
        t.target().ifPresent(e -> resolve(e, DeclKind.EVENT, w));
      } else if (t.kind() == Clause.TriggerKind.AFTER_WORKFLOW) {
        t.target().ifPresent(x -> resolve(x, DeclKind.WORKFLOW, w));
      }
      LiteralTypes.record(t.cron(), ctx.recorder());
    } else if (c instanceof Clause.Deadline d) {
      LiteralTypes.record(d.duration(), ctx.recorder());
      d.escalateTo().ifPresent(r -> resolve(r, DeclKind.ROLE, w));
    } else if (c instanceof Clause.Fails f) {
      Set<String> seen = new java.util.HashSet<>();
      for (Name error : f.errors()) {
        if (!seen.add(error.text())) {
          ctx.diagnostics().add(Diagnostic.of(Code.E101, error.span(),
              "`" + error.text() + "` is listed twice after `fails`"));
        } else {
          resolve(error, DeclKind.ERROR, w);
        }
      }
    }
  }
}
