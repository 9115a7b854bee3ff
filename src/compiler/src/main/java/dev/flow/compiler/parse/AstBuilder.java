package dev.flow.compiler.parse;

import dev.flow.compiler.ast.Argument;
import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Doc;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Field;
import dev.flow.compiler.ast.Import;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.QualifiedName;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.ast.TypeRef;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.parse.antlr.FlowLexer;
import dev.flow.compiler.parse.antlr.FlowParser.*;
import dev.flow.compiler.source.SourceFile;
import dev.flow.compiler.source.SourceSpan;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * The one converter from ANTLR's parse tree to Flow's AST (STYLE.md rule 1): no ANTLR type
 * leaves this package. It runs only on trees without syntax errors, so every child the grammar
 * requires is present. It reports the few structural mistakes the grammar lets through (a
 * header clause after the first statement, an interpolation where plain text is needed) as E001.
 */
final class AstBuilder {
  private final SourceFile file;
  private final CommonTokenStream tokens;
  private final Diagnostics diagnostics;
  private final NameTable names;
  /** The number of the next name made (see {@link Name#id()}). */
  private int nameIds;

  AstBuilder(SourceFile file, CommonTokenStream tokens, Diagnostics diagnostics) {
    this.file = file;
    this.tokens = tokens;
    this.diagnostics = diagnostics;
    this.names = new NameTable(file.text());
  }

  // ---- helpers ------------------------------------------------------------------------------

  private SourceSpan span(ParserRuleContext ctx) {
    return Spans.of(file, ctx);
  }

  private SourceSpan span(Token t) {
    return Spans.of(file, t);
  }

  private SourceSpan span(TerminalNode t) {
    return Spans.of(file, t.getSymbol());
  }

  /**
   * The {@code ///} lines directly before the construct that starts with {@code ctx}: the tokens off
   * the default channel between the previous token on it and {@code ctx}'s first (what ANTLR's
   * {@code getHiddenTokensToLeft(i, DOC)} returns), read without a list, each line's text copied
   * from the file's text once.
   */
  private Doc doc(ParserRuleContext ctx) {
    int index = ctx.getStart().getTokenIndex();
    int from = index;
    while (from > 0) {
      Token t = tokens.get(from - 1);
      if (t.getType() == Token.EOF || t.getChannel() == Token.DEFAULT_CHANNEL) {
        break;
      }
      from--;
    }
    StringBuilder text = null;
    String source = file.text();
    for (int i = from; i < index; i++) {
      Token t = tokens.get(i);
      if (t.getChannel() != FlowLexer.DOC) {
        continue;
      }
      // The line after `///` and one space, without trailing white space.
      int start = file.charOffset(t.getStartIndex()) + 3;
      int end = file.charOffset(t.getStopIndex() + 1);
      if (start < end && source.charAt(start) == ' ') {
        start++;
      }
      while (end > start && Character.isWhitespace(source.charAt(end - 1))) {
        end--;
      }
      if (text == null) {
        text = new StringBuilder(end - start + 16);
      } else if (text.length() > 0) {
        text.append('\n');
      }
      text.append(source, start, end);
    }
    if (text == null) {
      return Doc.NONE;
    }
    return new Doc(text.toString().strip());
  }

  private Name name(NameContext ctx) {
    // A name is one token: its text from the file's own, made once per distinct name (NameTable).
    Token start = ctx.getStart();
    if (start != ctx.getStop()) {
      return new Name(ctx.getText(), span(ctx), nameIds++);
    }
    int from = file.charOffset(start.getStartIndex());
    int to = file.charOffset(start.getStopIndex() + 1);
    return new Name(names.get(from, to), file, from, to, nameIds++);
  }

  private List<Name> names(List<NameContext> ctxs) {
    Name[] out = new Name[ctxs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = name(ctxs.get(i));
    }
    return List.of(out);
  }

  private QualifiedName qualifiedName(QualifiedNameContext ctx) {
    return new QualifiedName(names(ctx.name()), span(ctx));
  }

  private Expr.DurationLit duration(TerminalNode t) {
    String text = t.getText();
    Duration value = Literals.duration(text).orElse(Duration.ZERO);
    return new Expr.DurationLit(value, text, span(t));
  }

  private Expr.DurationLit duration(Token t) {
    String text = t.getText();
    Duration value = Literals.duration(text).orElse(Duration.ZERO);
    return new Expr.DurationLit(value, text, span(t));
  }

  private long integer(TerminalNode t) {
    return Literals.integer(t.getText(), 0L);
  }

  private void error(SourceSpan at, String message) {
    diagnostics.add(Diagnostic.of(Code.E001, at, message));
  }

  // ---- files and declarations ---------------------------------------------------------------

  CompilationUnit file(FileContext ctx) {
    Optional<QualifiedName> pkg = Optional.ofNullable(ctx.packageDecl()).map(p -> qualifiedName(p.qualifiedName()));
    List<Import> imports = new ArrayList<>();
    for (ImportDeclContext i : ctx.importDecl()) {
      imports.add(new Import(qualifiedName(i.qualifiedName()), i.wildcard != null, span(i)));
    }
    List<Decl> decls = new ArrayList<>();
    for (DeclarationContext d : ctx.declaration()) {
      decls.add(declaration(d));
    }
    Token first = ctx.getStart();
    SourceSpan firstToken = first.getType() == Token.EOF ? file.span(0, 0) : span(first);
    return new CompilationUnit(file, pkg, imports, decls, firstToken, file.span(0, file.text().length()));
  }

  private Decl declaration(DeclarationContext ctx) {
    Doc doc = doc(ctx);
    if (ctx.roleDecl() != null) {
      RoleDeclContext r = ctx.roleDecl();
      return new Decl.RoleDecl(name(r.name()), title(r.title), doc, span(r));
    }
    if (ctx.systemDecl() != null) {
      return system(ctx.systemDecl(), doc);
    }
    if (ctx.recordDecl() != null) {
      RecordDeclContext r = ctx.recordDecl();
      return new Decl.RecordDecl(name(r.name()), fields(r.fieldList()), doc, span(r));
    }
    if (ctx.eventDecl() != null) {
      EventDeclContext e = ctx.eventDecl();
      return new Decl.EventDecl(name(e.name()), fields(e.fieldList()), doc, span(e));
    }
    if (ctx.errorDecl() != null) {
      ErrorDeclContext e = ctx.errorDecl();
      return new Decl.ErrorDecl(name(e.name()), fields(e.fieldList()), doc, span(e));
    }
    if (ctx.enumDecl() != null) {
      EnumDeclContext e = ctx.enumDecl();
      List<Decl.EnumConstant> constants = new ArrayList<>();
      for (EnumConstantContext c : e.enumConstant()) {
        constants.add(new Decl.EnumConstant(name(c.name()), doc(c), span(c)));
      }
      return new Decl.EnumDecl(name(e.name()), constants, doc, span(e));
    }
    if (ctx.processDecl() != null) {
      return process(ctx.processDecl(), doc);
    }
    return workflow(ctx.workflowDecl(), doc);
  }

  private Optional<String> title(StringContext ctx) {
    if (ctx == null) {
      return Optional.empty();
    }
    return Optional.of(plainString(ctx, "a title"));
  }

  /** The text of a string that must not interpolate. */
  private String plainString(StringContext ctx, String what) {
    Expr.StringLit s = string(ctx);
    if (!s.isPlain()) {
      error(s.span(), what + " cannot contain `{…}` interpolation");
    }
    return s.plainText();
  }

  private Decl.SystemDecl system(SystemDeclContext ctx, Doc doc) {
    List<Decl.ActionDecl> actions = new ArrayList<>();
    List<Decl.RetryPolicy> retries = new ArrayList<>();
    List<Expr.DurationLit> timeouts = new ArrayList<>();
    for (SystemMemberContext m : ctx.systemMember()) {
      if (m.actionDecl() != null) {
        ActionDeclContext a = m.actionDecl();
        List<Field> params = new ArrayList<>();
        for (FieldContext f : a.field()) {
          params.add(field(f));
        }
        Optional<TypeRef> result = Optional.ofNullable(a.type()).map(this::type);
        List<Name> fails = a.name().stream().skip(1).map(this::name).toList();
        actions.add(new Decl.ActionDecl(name(a.name(0)), params, result, fails, doc(m), span(a)));
      } else if (m.retryPolicy() != null) {
        retries.add(retry(m.retryPolicy()));
      } else {
        timeouts.add(duration(m.timeoutPolicy().DURATION()));
      }
    }
    return new Decl.SystemDecl(name(ctx.name()), title(ctx.title), actions, retries, timeouts, doc, span(ctx));
  }

  private Decl.RetryPolicy retry(RetryPolicyContext ctx) {
    Optional<Expr.DurationLit> every = Optional.ofNullable(ctx.interval).map(this::duration);
    Optional<Expr> backoff = Optional.ofNullable(ctx.factor).map(this::number);
    Optional<Expr.DurationLit> atMost = Optional.ofNullable(ctx.maxInterval).map(this::duration);
    Optional<Expr.DurationLit> within = Optional.ofNullable(ctx.limit).map(this::duration);
    return new Decl.RetryPolicy(Literals.integer(ctx.count.getText(), 0L), every, backoff, atMost, within,
        ctx.OPERATOR() != null, span(ctx));
  }

  private Expr number(NumberContext ctx) {
    if (ctx.INT() != null) {
      return new Expr.IntLit(integer(ctx.INT()), span(ctx));
    }
    return new Expr.DecimalLit(Literals.decimal(ctx.DECIMAL().getText()).orElse(BigDecimal.ZERO), span(ctx));
  }

  private List<Field> fields(FieldListContext ctx) {
    List<Field> fields = new ArrayList<>();
    if (ctx != null) {
      for (FieldContext f : ctx.field()) {
        fields.add(field(f));
      }
    }
    return fields;
  }

  private Field field(FieldContext ctx) {
    return new Field(name(ctx.name()), type(ctx.type()), doc(ctx), span(ctx));
  }

  private TypeRef type(TypeContext ctx) {
    List<TypeRef> args = ctx.type() == null ? List.of() : List.of(type(ctx.type()));
    return new TypeRef(name(ctx.name()), args, ctx.optional != null, span(ctx));
  }

  // ---- processes ----------------------------------------------------------------------------

  private Decl.ProcessDecl process(ProcessDeclContext ctx, Doc doc) {
    List<Clause> clauses = new ArrayList<>();
    for (ProcessClauseContext c : ctx.processClause()) {
      clauses.add(processClause(c));
    }
    return new Decl.ProcessDecl(name(ctx.name()), clauses, doc, span(ctx));
  }

  private Clause processClause(ProcessClauseContext ctx) {
    SourceSpan span = span(ctx);
    if (ctx instanceof CategoryClauseContext c) {
      Clause.Category category = Clause.Category.valueOf(
          c.categoryValue().getText().toUpperCase(java.util.Locale.ROOT));
      return new Clause.CategoryClause(category, span);
    }
    if (ctx instanceof GoalClauseContext g) {
      return new Clause.Goal(plainString(g.string(), "a goal"), span);
    }
    if (ctx instanceof ProcessOwnerClauseContext o) {
      return new Clause.Owner(name(o.name()), span);
    }
    if (ctx instanceof StakeholdersClauseContext s) {
      return new Clause.Stakeholders(names(s.name()), span);
    }
    if (ctx instanceof WorkflowsClauseContext w) {
      return new Clause.Workflows(names(w.name()), span);
    }
    MeasureClauseContext m = (MeasureClauseContext) ctx;
    Optional<Expr.DurationLit> target = Optional.ofNullable(m.DURATION()).map(this::duration);
    return new Clause.Measure(name(m.name()), title(m.title), milestone(m.from), milestone(m.to), target,
        doc(m), span);
  }

  private Clause.Milestone milestone(MilestoneContext ctx) {
    return new Clause.Milestone(name(ctx.workflow), name(ctx.point), span(ctx));
  }

  // ---- workflows ----------------------------------------------------------------------------

  private Decl.WorkflowDecl workflow(WorkflowDeclContext ctx, Doc doc) {
    List<Clause> clauses = new ArrayList<>();
    List<Stmt> body = new ArrayList<>();
    List<WorkflowMemberContext> members = ctx.workflowMember();
    for (WorkflowMemberContext m : members) {
      if (m.workflowClause() != null) {
        Clause clause = workflowClause(m.workflowClause());
        if (!body.isEmpty()) {
          error(Spans.of(file, m.workflowClause().getStart()),
              "the `" + clause.keyword() + "` clause must come before the first statement of the workflow");
        }
        clauses.add(clause);
      } else {
        statementInto(m.statement(), body);
      }
    }
    SourceSpan bodySpan = members.isEmpty()
        ? span(ctx.RBRACE())
        : Spans.of(file, members.get(0).getStart(), ctx.RBRACE().getSymbol());
    return new Decl.WorkflowDecl(name(ctx.name()), clauses, new Block(body, bodySpan), doc, span(ctx));
  }

  private Clause workflowClause(WorkflowClauseContext ctx) {
    SourceSpan span = span(ctx);
    if (ctx instanceof WorkflowOwnerClauseContext o) {
      return new Clause.Owner(name(o.name()), span);
    }
    if (ctx instanceof StartsManuallyClauseContext) {
      return new Clause.Trigger(Clause.TriggerKind.MANUALLY, Optional.empty(), Optional.empty(), span);
    }
    if (ctx instanceof StartsOnClauseContext s) {
      return new Clause.Trigger(Clause.TriggerKind.ON_EVENT, Optional.of(name(s.name())), Optional.empty(), span,
          Optional.ofNullable(s.key).map(this::expr));
    }
    if (ctx instanceof StartsAfterClauseContext s) {
      return new Clause.Trigger(
          Clause.TriggerKind.AFTER_WORKFLOW, Optional.of(name(s.name())), Optional.empty(), span);
    }
    if (ctx instanceof StartsEveryClauseContext s) {
      Expr.StringLit cron = string(s.string());
      if (!cron.isPlain()) {
        error(cron.span(), "a cron expression cannot contain `{…}` interpolation");
      }
      return new Clause.Trigger(Clause.TriggerKind.EVERY, Optional.empty(), Optional.of(cron), span);
    }
    if (ctx instanceof InputClauseContext i) {
      return new Clause.Input(name(i.name()), type(i.type()), doc(i), span);
    }
    if (ctx instanceof OutputClauseContext o) {
      return new Clause.Output(name(o.name()), type(o.type()), doc(o), span);
    }
    if (ctx instanceof DeadlineClauseContext d) {
      Optional<Clause.DeadlineEnd> end = Optional.ofNullable(d.deadlineEnd())
          .map(e -> new Clause.DeadlineEnd(e.CANCEL() != null, expr(e.expression()), span(e)));
      return new Clause.Deadline(expr(d.limit), Optional.ofNullable(d.escalation).map(this::name), end, span);
    }
    if (ctx instanceof WorkflowFailsClauseContext f) {
      return new Clause.Fails(f.name().stream().map(this::name).toList(), span);
    }
    VersionClauseContext v = (VersionClauseContext) ctx;
    return new Clause.Version(integer(v.INT()), span);
  }

  // ---- statements ---------------------------------------------------------------------------

  private Block block(BlockContext ctx) {
    List<Stmt> stmts = new ArrayList<>();
    for (StatementContext s : ctx.statement()) {
      statementInto(s, stmts);
    }
    return new Block(stmts, span(ctx));
  }

  /**
   * Adds a statement to a block. {@code let NAME = for each … { …; yield VALUE }} adds two: the
   * collecting loop, then the {@code let} whose value is the list it made ({@link Expr.Collected}).
   */
  private void statementInto(StatementContext ctx, List<Stmt> out) {
    if (!(ctx instanceof LetStmtContext l && l.collectLoop() != null)) {
      out.add(statement(ctx));
      return;
    }
    CollectLoopContext c = l.collectLoop();
    SourceSpan loopSpan = Spans.of(file, c.FOR().getSymbol(), c.block().getStop());
    Stmt.ForEach loop = new Stmt.ForEach(name(c.variable), expr(c.expression()), c.IN_PARALLEL() != null,
        block(c.block()), Doc.NONE, loopSpan,
        c.join == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(count(c.join)),
        c.first == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(count(c.first)), true);
    // A `let` whose value is a loop spans the whole statement; the loop, from `for` to its `}`.
    out.add(loop);
    out.add(new Stmt.Let(name(l.name()), Optional.ofNullable(l.type()).map(this::type),
        new Expr.Collected(loop, loopSpan), doc(ctx), span(ctx)));
  }

  /**
   * {@code for each bid: Bid [where …] in parallel [join N] until closed: LotClosed [where …] { … }}:
   * the item's and the closing event's receives (each spanning its name to its {@code where}).
   */
  private Stmt forEachArriving(ForEachArrivingStmtContext a, Doc doc, SourceSpan span) {
    SourceSpan itemSpan = span(a.item).to(a.where != null ? span(a.where) : span(a.event));
    Stmt.Receive item = new Stmt.Receive(name(a.item), name(a.event), Optional.ofNullable(a.where).map(this::expr),
        Optional.empty(), Doc.NONE, itemSpan);
    Optional<Stmt.Receive> close = Optional.empty();
    SourceSpan arrivals = itemSpan;
    if (a.close != null) {
      SourceSpan closeSpan = span(a.close).to(a.closeWhere != null ? span(a.closeWhere) : span(a.closeEvent));
      close = Optional.of(new Stmt.Receive(name(a.close), name(a.closeEvent),
          Optional.ofNullable(a.closeWhere).map(this::expr), Optional.empty(), Doc.NONE, closeSpan));
      arrivals = itemSpan.to(closeSpan);
    }
    List<Stmt> receives = close.isPresent() ? List.of(item, close.get()) : List.of(item);
    return new Stmt.ForEachArriving(item, Optional.ofNullable(a.quiet).map(this::expr), close,
        Optional.ofNullable(a.within).map(this::expr), new Block(receives, arrivals),
        a.join == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(count(a.join)), block(a.block()),
        doc, span);
  }

  private Stmt statement(StatementContext ctx) {
    Doc doc = doc(ctx);
    SourceSpan span = span(ctx);
    if (ctx instanceof StepStmtContext s && s.roleMatch() != null) {
      Stmt.RoleMatch decision = roleMatch(s.roleMatch());
      DecidedStepTailContext tail = s.decidedStepTail();
      List<Field> form = tail.form() == null ? List.of() : fields(tail.form().fieldList());
      return new Stmt.HumanStep(name(s.name(0)), firstRole(decision), timeLimit(tail.timeLimit()), form, doc, span,
          people(List.of(), Optional.of(decision), tail.people()));
    }
    if (ctx instanceof StepStmtContext s) {
      return s.systemCall() != null ? systemStep(s, doc, span) : humanStep(s, doc, span);
    }
    if (ctx instanceof ApprovalStepContext a) {
      Optional<Stmt.RoleMatch> decision = Optional.ofNullable(a.roleMatch()).map(this::roleMatch);
      Name role = decision.isPresent() ? firstRole(decision.get()) : name(a.role);
      return new Stmt.Approval(name(a.name(0)), role, timeLimit(a.timeLimit()), doc, span,
          people(names(a.otherRoles), decision, a.people()));
    }
    if (ctx instanceof NotifyStmtContext n) {
      return new Stmt.Notify(expr(n.target), Optional.ofNullable(n.via).map(this::name), expr(n.message), doc, span);
    }
    if (ctx instanceof WaitStmtContext w && w.signal != null) {
      return new Stmt.WaitFor(name(w.signal), doc, span);
    }
    if (ctx instanceof InterleavedStmtContext i) {
      requireBranches(i.branch(), i.INTERLEAVED(), "interleaved");
      return new Stmt.Parallel(branches(i.branch()), java.util.OptionalInt.empty(), doc, span, true);
    }
    if (ctx instanceof RegionStmtContext r) {
      return new Stmt.Region(name(r.region), block(r.block()), doc, span);
    }
    if (ctx instanceof CancelRegionStmtContext c) {
      return new Stmt.CancelRegion(name(c.region), doc, span);
    }
    if (ctx instanceof ExclusiveStmtContext x) {
      return new Stmt.Exclusive(name(x.name()), block(x.block()), doc, span);
    }
    if (ctx instanceof SignalStmtContext g) {
      return new Stmt.Signal(name(g.name()), doc, span);
    }
    if (ctx instanceof YieldStmtContext y) {
      return new Stmt.Yield(expr(y.expression()), doc, span);
    }
    if (ctx instanceof EmitStmtContext e) {
      return new Stmt.Emit(expr(e.event), doc, span);
    }
    if (ctx instanceof WaitStmtContext w) {
      return w.until != null ? new Stmt.WaitUntil(expr(w.until), doc, span) : new Stmt.Wait(expr(w.duration), doc, span);
    }
    if (ctx instanceof ReceiveStmtContext r) {
      return new Stmt.Receive(name(r.name(0)), name(r.event), Optional.ofNullable(r.where).map(this::expr),
          Optional.ofNullable(r.within).map(this::expr), doc, span, r.fresh != null);
    }
    if (ctx instanceof CallStmtContext c) {
      return new Stmt.Call(name(c.name(0)), name(c.workflow), arguments(c.arguments()), doc, span);
    }
    if (ctx instanceof StartStmtContext s) {
      return new Stmt.Start(name(s.workflow), arguments(s.arguments()), doc, span);
    }
    if (ctx instanceof LetStmtContext l) {
      return new Stmt.Let(name(l.name()), Optional.ofNullable(l.type()).map(this::type), expr(l.expression()), doc, span);
    }
    if (ctx instanceof SetStmtContext s) {
      return new Stmt.Set(name(s.name()), expr(s.expression()), doc, span);
    }
    if (ctx instanceof IfStmtContext i) {
      return ifChain(i.ifChain(), doc, span);
    }
    if (ctx instanceof MatchStmtContext m) {
      return match(m, doc, span);
    }
    if (ctx instanceof ParallelStmtContext p) {
      requireBranches(p.branch(), p.PARALLEL(), "parallel");
      java.util.OptionalInt join = p.count == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(count(p.count));
      return new Stmt.Parallel(branches(p.branch()), join, doc, span);
    }
    if (ctx instanceof FirstStmtContext f) {
      requireBranches(f.branch(), f.FIRST(), "first");
      for (BranchContext b : f.branch()) {
        if (b.WHEN() != null) {
          error(span(b.WHEN()), "a branch of `first` cannot have a `when` condition: every branch starts");
        }
      }
      return new Stmt.First(branches(f.branch()), f.count == null ? 1 : count(f.count), doc, span, f.byStart != null);
    }
    if (ctx instanceof ForEachStmtContext f) {
      return new Stmt.ForEach(name(f.name()), expr(f.expression()), f.IN_PARALLEL() != null, block(f.block()),
          doc, span, f.join == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(count(f.join)),
          f.first == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(count(f.first)));
    }
    if (ctx instanceof ThreadsStmtContext t) {
      return Stmt.ForEach.threads(expr(t.threads), Optional.ofNullable(t.threadNumber).map(this::name), block(t.block()),
          doc, span, span(t.PARALLEL()));
    }
    if (ctx instanceof ForEachArrivingStmtContext a) {
      return forEachArriving(a, doc, span);
    }
    if (ctx instanceof MultiMergeStmtContext m) {
      requireBranches(m.branch(), m.PARALLEL(), "parallel");
      return Stmt.Parallel.afterEachBranch(branches(m.branch()), block(m.block()), span(m.AFTER()), doc, span);
    }
    if (ctx instanceof StartEachStmtContext e) {
      return Stmt.ForEach.startEach(name(e.name()), expr(e.expression()), block(e.block()), doc, span);
    }
    if (ctx instanceof RepeatStmtContext r) {
      Optional<Expr> until = r.expression().size() > 1 ? Optional.of(expr(r.expression(1))) : Optional.empty();
      return new Stmt.Repeat(expr(r.expression(0)), block(r.block()), until, doc, span);
    }
    if (ctx instanceof WhileStmtContext w) {
      return new Stmt.While(expr(w.expression()), block(w.block()), doc, span);
    }
    if (ctx instanceof GoToStmtContext g) {
      return new Stmt.GoTo(name(g.name()), doc, span);
    }
    if (ctx instanceof TryStmtContext t) {
      List<Stmt.Catch> catches = new ArrayList<>();
      for (CatchClauseContext c : t.catchClause()) {
        catches.add(new Stmt.Catch(Optional.ofNullable(c.variable).map(this::name),
            Optional.ofNullable(c.errorType).map(this::name),
            block(c.block()), span(c)));
      }
      return new Stmt.Try(block(t.block()), catches, doc, span);
    }
    if (ctx instanceof FailStmtContext f) {
      return new Stmt.Fail(expr(f.expression()), doc, span);
    }
    if (ctx instanceof CompleteStmtContext) {
      return new Stmt.Complete(doc, span);
    }
    if (ctx instanceof ContinueAsNewStmtContext n) {
      return new Stmt.ContinueAsNew(n.arguments() == null ? List.of() : arguments(n.arguments()), doc, span);
    }
    CancelStmtContext c = (CancelStmtContext) ctx;
    return new Stmt.Cancel(expr(c.expression()), doc, span);
  }

  private Stmt systemStep(StepStmtContext s, Doc doc, SourceSpan span) {
    SystemCallContext sc = s.systemCall();
    Stmt.ActionCall call = new Stmt.ActionCall(name(s.owner), name(sc.action), arguments(sc.arguments()),
        Spans.of(file, s.owner.getStart(), sc.arguments().getStop()));
    List<Decl.RetryPolicy> retries = new ArrayList<>();
    List<Expr.DurationLit> timeouts = new ArrayList<>();
    List<Stmt.ActionCall> compensations = new ArrayList<>();
    for (SystemStepOptionContext o : sc.systemStepOption()) {
      if (o instanceof RetryOptionContext r) {
        retries.add(retry(r.retryPolicy()));
      } else if (o instanceof TimeoutOptionContext t) {
        timeouts.add(duration(t.timeoutPolicy().DURATION()));
      } else {
        CompensateOptionContext c = (CompensateOptionContext) o;
        compensations.add(new Stmt.ActionCall(name(c.system), name(c.action), arguments(c.arguments()),
            Spans.of(file, c.system.getStart(), c.arguments().getStop())));
      }
    }
    reportRepeatedOption(sc.systemStepOption(), RetryOptionContext.class, "retry");
    reportRepeatedOption(sc.systemStepOption(), TimeoutOptionContext.class, "timeout");
    reportRepeatedOption(sc.systemStepOption(), CompensateOptionContext.class, "compensate with");
    return new Stmt.SystemStep(name(s.name(0)), call, retries, timeouts, compensations, doc, span);
  }

  private Stmt humanStep(StepStmtContext s, Doc doc, SourceSpan span) {
    HumanStepTailContext tail = s.humanStepTail();
    List<Field> form = tail.form() == null ? List.of() : fields(tail.form().fieldList());
    return new Stmt.HumanStep(name(s.name(0)), name(s.owner), timeLimit(tail.timeLimit()), form, doc, span,
        people(names(tail.otherRoles), Optional.empty(), tail.people()));
  }

  /** {@code or} roles, a role decision, {@code assign to …} and {@code not by …} of a step for a person. */
  private Stmt.People people(List<Name> otherRoles, Optional<Stmt.RoleMatch> decision, PeopleContext ctx) {
    Optional<Expr> assignee = Optional.ofNullable(ctx.assignee).map(this::expr);
    List<Expr> excluded = new ArrayList<>();
    for (ExpressionContext e : ctx.excluded) {
      excluded.add(expr(e));
    }
    if (otherRoles.isEmpty() && decision.isEmpty() && assignee.isEmpty() && excluded.isEmpty()) {
      return Stmt.People.NONE;
    }
    SourceSpan span = assignee.isEmpty() && excluded.isEmpty() ? SourceSpan.NONE : span(ctx);
    return new Stmt.People(otherRoles, decision, assignee, excluded, span);
  }

  /** {@code match SUBJECT { P, … -> ROLE [or ROLE], …, else -> ROLE }}. */
  private Stmt.RoleMatch roleMatch(RoleMatchContext ctx) {
    List<Stmt.RoleArm> arms = new ArrayList<>();
    boolean otherwise = false;
    for (RoleArmContext arm : ctx.roleArm()) {
      if (otherwise) {
        error(Spans.of(file, arm.getStart()), "the `else` arm must be the last arm of a role decision");
        continue;
      }
      if (arm instanceof ElseRoleArmContext e) {
        otherwise = true;
        arms.add(new Stmt.RoleArm(List.of(), names(e.roles), span(e)));
      } else {
        PatternRoleArmContext p = (PatternRoleArmContext) arm;
        List<Stmt.Pattern> patterns = new ArrayList<>();
        for (PatternContext pc : p.pattern()) {
          patterns.add(pattern(pc));
        }
        arms.add(new Stmt.RoleArm(patterns, names(p.roles), span(p)));
      }
    }
    return new Stmt.RoleMatch(expr(ctx.subject), arms, span(ctx));
  }

  private static Name firstRole(Stmt.RoleMatch decision) {
    return decision.arms().get(0).roles().get(0);
  }

  private void reportRepeatedOption(List<SystemStepOptionContext> options, Class<?> kind, String word) {
    boolean seen = false;
    for (SystemStepOptionContext o : options) {
      if (kind.isInstance(o)) {
        if (seen) {
          diagnostics.add(Diagnostic.of(Code.E101, Spans.of(file, o.getStart()),
              "duplicate clause `" + word + "` on this step"));
        }
        seen = true;
      }
    }
  }

  /** The count of a {@code first N} or {@code parallel join N}; the checker reports one out of range (E320). */
  private static int count(Token t) {
    return (int) Math.min(Integer.MAX_VALUE, Literals.integer(t.getText(), 0L));
  }

  private void requireBranches(List<BranchContext> branches, TerminalNode keyword, String word) {
    if (branches.isEmpty()) {
      error(span(keyword), "a `" + word + "` needs at least one `branch`");
    }
  }

  private Stmt.TimeLimit timeLimit(TimeLimitContext ctx) {
    if (ctx == null) {
      return Stmt.TimeLimit.NONE;
    }
    if (ctx.within == null) {
      error(span(ctx.getStart()), "`escalate to` needs a time limit: write `within DURATION escalate to "
          + ctx.escalation.getText() + "`");
    }
    return new Stmt.TimeLimit(Optional.ofNullable(ctx.within).map(this::expr),
        Optional.ofNullable(ctx.escalation).map(this::name), span(ctx));
  }

  private List<Argument> arguments(ArgumentsContext ctx) {
    List<Argument> args = new ArrayList<>();
    for (ArgumentContext a : ctx.argument()) {
      args.add(new Argument(name(a.name()), expr(a.expression()), span(a)));
    }
    return args;
  }

  private Stmt.If ifChain(IfChainContext ctx, Doc doc, SourceSpan span) {
    List<Stmt.IfArm> arms = new ArrayList<>();
    Optional<Block> otherwise = Optional.empty();
    IfChainContext current = ctx;
    while (current != null) {
      arms.add(new Stmt.IfArm(expr(current.expression()), block(current.block(0)),
          Spans.of(file, current.getStart(), current.block(0).getStop())));
      if (current.ifChain() != null) {
        current = current.ifChain();
      } else {
        if (current.block().size() > 1) {
          otherwise = Optional.of(block(current.block(1)));
        }
        current = null;
      }
    }
    return new Stmt.If(arms, otherwise, doc, span);
  }

  private Stmt.Match match(MatchStmtContext ctx, Doc doc, SourceSpan span) {
    List<Stmt.MatchArm> arms = new ArrayList<>();
    Optional<Block> otherwise = Optional.empty();
    SourceSpan otherwiseSpan = SourceSpan.NONE;
    for (MatchArmContext arm : ctx.matchArm()) {
      if (otherwise.isPresent()) {
        error(Spans.of(file, arm.getStart()), "the `else` arm must be the last arm of a `match`");
        continue;
      }
      if (arm instanceof ElseArmContext e) {
        otherwise = Optional.of(block(e.block()));
        otherwiseSpan = span(e.ELSE());
      } else {
        PatternArmContext p = (PatternArmContext) arm;
        List<Stmt.Pattern> patterns = new ArrayList<>();
        for (PatternContext pc : p.pattern()) {
          patterns.add(pattern(pc));
        }
        arms.add(new Stmt.MatchArm(patterns, block(p.block()), span(p)));
      }
    }
    return new Stmt.Match(expr(ctx.expression()), arms, otherwise, otherwiseSpan, doc, span);
  }

  private Stmt.Pattern pattern(PatternContext ctx) {
    SourceSpan span = span(ctx);
    if (ctx.name() != null) {
      return new Stmt.ConstantPattern(name(ctx.name()));
    }
    if (ctx.string() != null) {
      Expr.StringLit s = string(ctx.string());
      if (!s.isPlain()) {
        error(s.span(), "a `match` pattern cannot contain `{…}` interpolation");
      }
      return new Stmt.LiteralPattern(s);
    }
    boolean negative = ctx.MINUS() != null;
    if (ctx.comparison != null) {
      SourceSpan at = span(ctx.bound);
      Expr bound;
      if (ctx.bound.getType() == FlowLexer.INT) {
        long v = Literals.integer(ctx.bound.getText(), 0L);
        bound = new Expr.IntLit(negative ? -v : v, at);
      } else {
        BigDecimal v = Literals.decimal(ctx.bound.getText()).orElse(BigDecimal.ZERO);
        bound = new Expr.DecimalLit(negative ? v.negate() : v, at);
      }
      return new Stmt.RangePattern(ctx.comparison.getText(), bound, span);
    }
    if (ctx.INT() != null) {
      long v = integer(ctx.INT());
      return new Stmt.LiteralPattern(new Expr.IntLit(negative ? -v : v, span));
    }
    BigDecimal v = Literals.decimal(ctx.DECIMAL().getText()).orElse(BigDecimal.ZERO);
    return new Stmt.LiteralPattern(new Expr.DecimalLit(negative ? v.negate() : v, span));
  }

  private List<Stmt.Branch> branches(List<BranchContext> ctxs) {
    List<Stmt.Branch> branches = new ArrayList<>();
    for (BranchContext b : ctxs) {
      branches.add(new Stmt.Branch(name(b.name()), Optional.ofNullable(b.expression()).map(this::expr),
          block(b.block()), doc(b), span(b)));
    }
    return branches;
  }

  // ---- expressions --------------------------------------------------------------------------

  private Expr expr(ExpressionContext ctx) {
    if (ctx instanceof PrimaryExprContext p) {
      return primary(p.primary());
    }
    SourceSpan span = span(ctx);
    if (ctx instanceof FieldExprContext f) {
      return new Expr.FieldAccess(expr(f.expression()), name(f.name()), span);
    }
    if (ctx instanceof NegateExprContext n) {
      return new Expr.Unary(Expr.UnaryOp.NEGATE, expr(n.expression()), span(n.MINUS()), span);
    }
    if (ctx instanceof NotExprContext n) {
      return new Expr.Unary(Expr.UnaryOp.NOT, expr(n.expression()), span(n.NOT()), span);
    }
    if (ctx instanceof MultiplyExprContext m) {
      return binary(m.op.getType() == FlowLexer.STAR ? Expr.BinaryOp.MUL : Expr.BinaryOp.DIV,
          m.expression(0), m.expression(1), m.op, span);
    }
    if (ctx instanceof AddExprContext a) {
      return binary(a.op.getType() == FlowLexer.PLUS ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB,
          a.expression(0), a.expression(1), a.op, span);
    }
    if (ctx instanceof ElvisExprContext e) {
      return binary(Expr.BinaryOp.ELVIS, e.expression(0), e.expression(1), e.ELVIS().getSymbol(), span);
    }
    if (ctx instanceof CompareExprContext c) {
      Expr.BinaryOp op = switch (c.op.getType()) {
        case FlowLexer.EQ -> Expr.BinaryOp.EQ;
        case FlowLexer.NEQ -> Expr.BinaryOp.NE;
        case FlowLexer.LT -> Expr.BinaryOp.LT;
        case FlowLexer.LE -> Expr.BinaryOp.LE;
        case FlowLexer.GT -> Expr.BinaryOp.GT;
        case FlowLexer.GE -> Expr.BinaryOp.GE;
        default -> Expr.BinaryOp.IN;
      };
      return binary(op, c.expression(0), c.expression(1), c.op, span);
    }
    if (ctx instanceof AndExprContext a) {
      return binary(Expr.BinaryOp.AND, a.expression(0), a.expression(1), a.AND().getSymbol(), span);
    }
    OrExprContext o = (OrExprContext) ctx;
    return binary(Expr.BinaryOp.OR, o.expression(0), o.expression(1), o.OR().getSymbol(), span);
  }

  private Expr binary(Expr.BinaryOp op, ExpressionContext left, ExpressionContext right, Token opToken,
      SourceSpan span) {
    return new Expr.Binary(op, expr(left), expr(right), span(opToken), span);
  }

  private Expr primary(PrimaryContext ctx) {
    if (ctx instanceof LiteralExprContext l) {
      return literal(l.literal());
    }
    if (ctx instanceof NameExprContext n) {
      Name name = name(n.name());
      // One token: the reference spans what its name spans (the same span, made once).
      return new Expr.NameRef(name, ctx.getStart() == ctx.getStop() ? name.span() : span(ctx));
    }
    if (ctx instanceof ParenExprContext p) {
      return expr(p.expression());
    }
    SourceSpan span = span(ctx);
    if (ctx instanceof ConstructExprContext k) {
      List<Argument> args = new ArrayList<>();
      for (ArgumentContext a : k.argument()) {
        args.add(new Argument(name(a.name()), expr(a.expression()), span(a)));
      }
      return new Expr.Construct(name(k.name()), args, span);
    }
    if (ctx instanceof CallExprContext c) {
      List<Expr> args = c.expression().stream().map(this::expr).toList();
      return new Expr.FunctionCall(name(c.name()), args, span);
    }
    ListExprContext l = (ListExprContext) ctx;
    return new Expr.ListLit(l.expression().stream().map(this::expr).toList(), span);
  }

  private Expr literal(LiteralContext ctx) {
    // Every literal but a string is one token: read by its type, not by asking for each kind in turn.
    Token t = ctx.getStart();
    return switch (t.getType()) {
      case FlowLexer.INT -> new Expr.IntLit(Literals.integer(t.getText(), 0L), span(ctx));
      case FlowLexer.DECIMAL -> new Expr.DecimalLit(Literals.decimal(t.getText()).orElse(BigDecimal.ZERO), span(ctx));
      case FlowLexer.DURATION -> duration(t);
      case FlowLexer.TIMESTAMP -> {
        String text = t.getText();
        yield new Expr.TimestampLit(Literals.timestamp(text).orElseThrow(), text, span(ctx));
      }
      case FlowLexer.DATE -> new Expr.DateLit(Literals.date(t.getText()).orElseThrow(), span(ctx));
      case FlowLexer.TRUE -> new Expr.BoolLit(true, span(ctx));
      case FlowLexer.FALSE -> new Expr.BoolLit(false, span(ctx));
      case FlowLexer.NONE -> new Expr.NoneLit(span(ctx));
      default -> string(ctx.string());
    };
  }

  private Expr.StringLit string(StringContext ctx) {
    List<Expr.StringPart> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    Token textStart = null;
    Token textEnd = null;
    for (StringPartContext p : ctx.stringPart()) {
      if (p instanceof InterpolationPartContext i) {
        if (text.length() > 0) {
          parts.add(new Expr.TextPart(text.toString(), Spans.of(file, textStart, textEnd)));
          text.setLength(0);
        }
        textStart = null;
        parts.add(new Expr.Interpolation(expr(i.expression()), span(i)));
        continue;
      }
      if (textStart == null) {
        textStart = p.getStart();
      }
      textEnd = p.getStop();
      if (p instanceof TextPartContext t) {
        Token part = t.getStart(); // one STRING_TEXT token: copied from the file, no string made for it
        text.append(file.text(), file.charOffset(part.getStartIndex()), file.charOffset(part.getStopIndex() + 1));
      } else if (p instanceof EscapePartContext e) {
        text.append((char) Literals.escape(e.getText()));
      }
    }
    if (text.length() > 0) {
      parts.add(new Expr.TextPart(text.toString(), Spans.of(file, textStart, textEnd)));
    }
    return new Expr.StringLit(parts, span(ctx));
  }
}
