package dev.flow.compiler.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.flow.compiler.ast.Argument;
import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.FirstToStart;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.resolve.Symbol;
import dev.flow.compiler.check.types.Type;
import dev.flow.compiler.codegen.ExpressionGenerator.JExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The statements of a workflow body as the straight-line Java of its {@code run} method: one
 * call of the {@code FlowContext} per step, {@code if} and {@code match} as Java's {@code if}
 * and {@code switch}, {@code let} and {@code set} as assignments to fields, and the blocks of
 * loops, branches and {@code try} as lambdas. A block that holds the target of a {@code go to}
 * is cut into segments at each target ({@code ctx.block(Segment.start(…), Segment.at(…))}).
 *
 * <p>Each statement also says whether Java considers that it can complete normally (JLS
 * §14.22): a {@code throw}, an {@code if}/{@code else} or a {@code switch} with {@code default}
 * whose every arm throws cannot, so that no unreachable {@code return} follows it.
 */
final class StatementGenerator {
  /** Generated statements, and whether Java considers that they can complete normally. */
  record Code(CodeBlock block, boolean completes) {}

  private final JavaModel java;
  private final SemanticModel model;
  private final WorkflowState state;
  private final ExpressionGenerator expressions;
  private final Set<String> targets;
  /** The item type of the list each collecting loop being generated makes, innermost first. */
  private final java.util.Deque<Type> yieldTypes = new java.util.ArrayDeque<>();
  /** For each collecting loop being generated, innermost first: the holder its {@code yield} sets, if it has one. */
  private final java.util.Deque<Optional<String>> yieldHolders = new java.util.ArrayDeque<>();

  StatementGenerator(JavaModel java, WorkflowState state) {
    this.java = java;
    this.model = java.model();
    this.state = state;
    this.expressions = new ExpressionGenerator(java, state);
    this.targets = StatementTree.gotoTargets(state.decl().body());
  }

  ExpressionGenerator expressions() {
    return expressions;
  }

  // ---- blocks --------------------------------------------------------------------------------

  /** A block's statements; cut into segments when it holds a {@code go to} target. */
  Code block(Block block, Scope scope) {
    List<Stmt> statements = block.statements();
    List<Integer> cuts = new ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      if (statements.get(i) instanceof Stmt.Named n && targets.contains(n.name().text())) {
        cuts.add(i);
      }
    }
    if (cuts.isEmpty()) {
      return statements(statements, scope);
    }
    List<CodeBlock> segments = new ArrayList<>();
    if (cuts.get(0) > 0) {
      segments.add(JavaCode.of("$T.start($L)", RuntimeTypes.SEGMENT, lambda("()", statements.subList(0, cuts.get(0)), scope)));
    }
    for (int c = 0; c < cuts.size(); c++) {
      int from = cuts.get(c);
      int to = c + 1 < cuts.size() ? cuts.get(c + 1) : statements.size();
      String label = ((Stmt.Named) statements.get(from)).name().text();
      segments.add(JavaCode.of("$T.at($S, $L)", RuntimeTypes.SEGMENT, label, lambda("()", statements.subList(from, to), scope)));
    }
    return new Code(contextCall("block", segments, List.of()), true);
  }

  private Code statements(List<Stmt> statements, Scope scope) {
    CodeBlock.Builder out = CodeBlock.builder();
    boolean completes = true;
    for (Stmt s : statements) {
      if (!completes) {
        throw new IllegalStateException("statement after one that cannot complete, at " + s.span());
      }
      if (!s.doc().isEmpty()) {
        out.add(JavaText.lineComments(s.doc().text()));
      }
      Code code = statement(s, scope);
      out.add(code.block());
      completes = code.completes();
    }
    return new Code(out.build(), completes);
  }

  /** {@code params -> { statements }}, the statements in a scope of their own. */
  private CodeBlock lambda(String params, List<Stmt> statements, Scope scope) {
    return JavaCode.of("$L -> {\n$>$L$<}", params, statements(statements, scope.child()).block());
  }

  private CodeBlock lambda(String params, Block body, Scope scope) {
    return JavaCode.of("$L -> {\n$>$L$<}", params, block(body, scope.child()).block());
  }

  /** {@code ctx.name(\n    a,\n    b);} with one argument per line. */
  private static CodeBlock contextCall(String method, List<CodeBlock> arguments, List<CodeBlock> comments) {
    CodeBlock.Builder out = CodeBlock.builder().add(JavaCode.of("$L.$L(\n$>$>", Scope.CONTEXT, method));
    for (int i = 0; i < arguments.size(); i++) {
      if (i < comments.size()) {
        out.add(comments.get(i));
      }
      out.add(arguments.get(i));
      out.add(i + 1 < arguments.size() ? ",\n" : ");\n");
    }
    return out.add("$<$<").build();
  }

  private static Code completes(String format, Object... args) {
    return new Code(JavaCode.of(format, args), true);
  }

  // ---- statements ------------------------------------------------------------------------------

  private Code statement(Stmt s, Scope scope) {
    if (s instanceof Stmt.SystemStep step) {
      return systemStep(step, scope);
    }
    if (s instanceof Stmt.HumanStep h) {
      return assigned(h, JavaCode.of("$L.$L($L)", Scope.CONTEXT, state.keepsCompletion(h) ? "completedTask" : "task",
          people(h.people(), withLimit(h, h.limit().within(), scope), scope)), scope);
    }
    if (s instanceof Stmt.Approval a) {
      return assigned(a, JavaCode.of("$L.$L($L)", Scope.CONTEXT, state.keepsCompletion(a) ? "completedApproval" : "approval",
          people(a.people(), withLimit(a, a.limit().within(), scope), scope)), scope);
    }
    if (s instanceof Stmt.Receive r) {
      return receive(r, scope);
    }
    if (s instanceof Stmt.Call c) {
      return assigned(c, JavaCode.of("$L.call($L, $L)", Scope.CONTEXT, state.constant(c),
          workflowInput(c.workflow(), c.arguments(), scope)), scope);
    }
    if (s instanceof Stmt.Start st) {
      Decl callee = model.declarationOf(st.workflow()).orElseThrow();
      return completes("$L.start($S, $L);\n", Scope.CONTEXT, java.qualified(callee),
          workflowInput(st.workflow(), st.arguments(), scope));
    }
    if (s instanceof Stmt.Notify n) {
      return notify(n, scope);
    }
    if (s instanceof Stmt.Emit e) {
      return completes("$L.emit($L);\n", Scope.CONTEXT, expressions.expr(e.event(), scope).code());
    }
    if (s instanceof Stmt.Wait w) {
      return completes("$L.await($L);\n", Scope.CONTEXT, expressions.value(w.duration(), Type.DURATION, scope));
    }
    if (s instanceof Stmt.WaitUntil w) {
      return completes("$L.awaitUntil($L);\n", Scope.CONTEXT, expressions.expr(w.time(), scope).code());
    }
    if (s instanceof Stmt.Let let) {
      return let(let, scope);
    }
    if (s instanceof Stmt.Set set) {
      return set(set, scope);
    }
    if (s instanceof Stmt.If i) {
      return ifStatement(i, scope);
    }
    if (s instanceof Stmt.Match m) {
      return new MatchGenerator(java, this).match(m, scope);
    }
    if (s instanceof Stmt.Parallel p) {
      if (p.interleaved()) {
        return interleaved(p, scope);
      }
      if (p.multiMerge()) {
        return multiMerge(p, scope);
      }
      return p.join().isPresent() ? branches("parallelJoin", p.join().getAsInt(), p.branches(), scope)
          : branches("parallel", p.branches(), scope);
    }
    if (s instanceof Stmt.First f) {
      if (f.byStart()) {
        return firstToStart(f, scope);
      }
      return f.count() == 1 ? branches("first", f.branches(), scope) : branches("first", f.count(), f.branches(), scope);
    }
    if (s instanceof Stmt.Exclusive x) {
      return completes("$L.exclusive($S, $L);\n", Scope.CONTEXT, x.name().text(), lambda("()", x.body(), scope));
    }
    if (s instanceof Stmt.Region r) {
      return completes("$L.region($S, $L);\n", Scope.CONTEXT, r.name().text(), lambda("()", r.body(), scope));
    }
    if (s instanceof Stmt.CancelRegion c) {
      return completes("$L.cancelRegion($S);\n", Scope.CONTEXT, c.region().text());
    }
    if (s instanceof Stmt.Signal g) {
      return completes("$L.signal($S);\n", Scope.CONTEXT, g.signal().text());
    }
    if (s instanceof Stmt.WaitFor w) {
      return completes("$L.waitFor($S);\n", Scope.CONTEXT, w.signal().text());
    }
    if (s instanceof Stmt.ForEach f && f.collected()) {
      return completes("");  // generated with the `let` that follows it (collect)
    }
    if (s instanceof Stmt.ForEach f) {
      return forEach(f, scope);
    }
    if (s instanceof Stmt.Yield y) {
      Type element = yieldTypes.isEmpty() ? model.typeOf(y.value()) : yieldTypes.peek();
      CodeBlock value = expressions.coerce(y.value(), element, null, scope).code();
      Optional<String> holder = yieldHolders.isEmpty() ? Optional.empty() : yieldHolders.peek();
      return holder.isPresent() ? completes("$L.set($L);\n", holder.get(), value)
          : new Code(JavaCode.of("return $L;\n", value), false);
    }
    if (s instanceof Stmt.ForEachArriving a) {
      return forEachArriving(a, scope);
    }
    if (s instanceof Stmt.Repeat r) {
      CodeBlock until = r.until().map(u -> JavaCode.of("() -> $L", expressions.condition(u, scope)))
          .orElse(JavaCode.of("null"));
      return completes("$L.repeat($L, $L, $L);\n", Scope.CONTEXT, expressions.value(r.maxTimes(), Type.INT, scope),
          lambda("()", r.body(), scope), until);
    }
    if (s instanceof Stmt.While w) {
      return completes("$L.loop(() -> $L, $L);\n", Scope.CONTEXT, expressions.condition(w.condition(), scope),
          lambda("()", w.body(), scope));
    }
    if (s instanceof Stmt.Try t) {
      return attempt(t, scope);
    }
    if (s instanceof Stmt.GoTo g) {
      return new Code(JavaCode.of("throw $L.goTo($S);\n", Scope.CONTEXT, g.target().text()), false);
    }
    if (s instanceof Stmt.Fail f && model.typeOf(f.message()) instanceof Type.Declared error
        && error.decl() instanceof Decl.ErrorDecl) {
      // `fail CardDeclined(reason: …)`: a declared error, for a typed `catch` here or in a caller
      return new Code(JavaCode.of("throw $L.raise($L);\n", Scope.CONTEXT,
          expressions.value(f.message(), error, scope)), false);
    }
    if (s instanceof Stmt.Fail f) {
      return new Code(JavaCode.of("throw $L.fail($L);\n", Scope.CONTEXT, expressions.text(f.message(), scope)), false);
    }
    if (s instanceof Stmt.Cancel c) {
      return new Code(JavaCode.of("throw $L.cancel($L);\n", Scope.CONTEXT, expressions.text(c.reason(), scope)), false);
    }
    if (s instanceof Stmt.ContinueAsNew n) {
      return new Code(JavaCode.of("throw $L.continueAsNew($L);\n", Scope.CONTEXT,
          workflowInput(state.decl(), n.arguments(), scope)), false);
    }
    return new Code(JavaCode.of("throw $L.complete(outputs());\n", Scope.CONTEXT), false);
  }

  /** {@code field = call;} for a step with a result, {@code call;} without. */
  private Code assigned(Stmt.Named step, CodeBlock call, Scope scope) {
    Optional<WorkflowState.StateField> field = state.step(step);
    if (field.isEmpty()) {
      return completes("$L;\n", call);
    }
    return completes("$L = $L;\n", WorkflowState.field(field.get(), scope), call);
  }

  // ---- steps -----------------------------------------------------------------------------------

  /**
   * {@code createFolder = ctx.action(CREATE_FOLDER, client);}: the action's arguments in the order
   * of its parameters. With {@code compensate with}, {@code ctx.actionWithUndo(…)} with the
   * arguments in an array and a lambda that is given the step's result when the step completes and
   * evaluates the compensation's arguments then, so that each occurrence of a step (in a loop,
   * after a {@code go to}) undoes what that occurrence did.
   */
  private Code systemStep(Stmt.SystemStep step, Scope scope) {
    List<Arg> args = arguments(step.call(), scope);
    List<CodeBlock> arguments = new ArrayList<>();
    for (Arg a : args) {
      // A lone null would be the varargs array itself: give it its type.
      arguments.add(a.value() instanceof Expr.NoneLit ? JavaCode.of("($T) null", java.boxed(a.type())) : a.code());
    }
    CodeBlock invocation;
    if (step.compensation().isPresent()) {
      invocation = JavaCode.of("$L.actionWithUndo($L, $L,\n$>$>$L)$<$<", Scope.CONTEXT, state.constant(step),
          array(args), undo(step, step.compensation().get(), scope));
    } else if (arguments.isEmpty()) {
      invocation = JavaCode.of("$L.action($L)", Scope.CONTEXT, state.constant(step));
    } else {
      invocation = JavaCode.of("$L.action($L, $L)", Scope.CONTEXT, state.constant(step), CodeBlock.join(arguments, ", "));
    }
    return assigned(step, invocation, scope);
  }

  /** {@code createFolder -> new Object[] {createFolder}}: the compensation's arguments, from the step's result. */
  private CodeBlock undo(Stmt.SystemStep step, Stmt.ActionCall undo, Scope scope) {
    Scope inner = scope.child();
    Optional<WorkflowState.StateField> result = state.step(step);
    String parameter = result.isPresent()
        ? inner.bind(step, step.name().text(), result.get().type().box())
        : inner.local(step.name().text());
    return JavaCode.of("$L -> $L", parameter, array(arguments(undo, inner)));
  }

  /** An action's argument: its expression, the Flow type of its parameter and its Java code. */
  private record Arg(Expr value, Type type, CodeBlock code) {}

  /** The arguments of an action call, in the order of the action's parameters. */
  private List<Arg> arguments(Stmt.ActionCall call, Scope scope) {
    Decl.ActionDecl action = state.action(call).orElseThrow();
    List<Arg> out = new ArrayList<>();
    for (var parameter : action.parameters()) {
      Argument arg = argument(call.arguments(), parameter.name().text())
          .orElseThrow(() -> new IllegalStateException("missing argument " + parameter.name().text()));
      Type type = model.typeOf(parameter.type());
      out.add(new Arg(arg.value(), type, expressions.value(arg.value(), type, scope)));
    }
    return out;
  }

  /** {@code new Object[] {a, b}}. */
  private static CodeBlock array(List<Arg> arguments) {
    return JavaCode.of("new $T[] {$L}", RuntimeTypes.OBJECT, CodeBlock.join(arguments.stream().map(Arg::code).toList(), ", "));
  }

  private static Optional<Argument> argument(List<Argument> arguments, String name) {
    return arguments.stream().filter(a -> a.name().text().equals(name)).findFirst();
  }

  /**
   * {@code payment = ctx.receive(PAYMENT, payment -> where)}; with a correlation (see
   * {@link ReceiveCorrelation}), {@code ctx.receive(PAYMENT, new Object[] {invoice.number()},
   * payment -> rest)}: the values the event's correlated fields must have, evaluated now.
   */
  private Code receive(Stmt.Receive r, Scope scope) {
    ReceiveCorrelation.Split split = ReceiveCorrelation.split(r, model);
    List<CodeBlock> values = new ArrayList<>();
    for (ReceiveCorrelation.Key key : split.keys()) {
      values.add(expressions.expr(key.value(), scope).code());
    }
    Scope inner = scope.child();
    TypeName event = java.classOf(model.declarationOf(r.event()).orElseThrow());
    String parameter = inner.bind(r, r.name().text(), event);
    CodeBlock.Builder where = CodeBlock.builder();
    for (int i = 0; i < split.rest().size(); i++) {
      JExpr conjunct = expressions.expr(split.rest().get(i), inner);
      where.add(i == 0 ? "$L" : " && $L",
          ExpressionGenerator.operand(conjunct, i == 0 ? ExpressionGenerator.AND : ExpressionGenerator.AND + 1));
    }
    if (split.rest().isEmpty()) {
      where.add("true");
    }
    CodeBlock step = withLimit(r, r.within(), scope);
    CodeBlock call = values.isEmpty()
        ? JavaCode.of("$L.receive($L, $L -> $L)", Scope.CONTEXT, step, parameter, where.build())
        : JavaCode.of("$L.receive($L, new $T[] {$L}, $L -> $L)", Scope.CONTEXT, step, RuntimeTypes.OBJECT,
            CodeBlock.join(values, ", "), parameter, where.build());
    return assigned(r, call, scope);
  }

  /**
   * The step's constant; with a time limit computed where the step runs ({@code within
   * review.days * 1d}), {@code CONSTANT.within(limit)}: a copy of the step with that limit.
   */
  private CodeBlock withLimit(Stmt.Named step, java.util.Optional<Expr> within, Scope scope) {
    if (within.isEmpty() || within.get() instanceof Expr.DurationLit) {
      return JavaCode.of("$L", state.constant(step));
    }
    return JavaCode.of("$L.within($L)", state.constant(step), expressions.value(within.get(), Type.DURATION, scope));
  }

  /**
   * What is decided where a step for a person runs: {@code .decided(…)} (a role decision, as a
   * chain of conditions in arm order), {@code .assignTo(…)} and {@code .notBy(…)}.
   */
  private CodeBlock people(Stmt.People people, CodeBlock step, Scope scope) {
    if (people.decision().isEmpty() && people.assignee().isEmpty() && people.excluded().isEmpty()) {
      return step;
    }
    CodeBlock.Builder b = CodeBlock.builder().add(JavaCode.of("$L", step));
    people.decision().ifPresent(d -> b.add(JavaCode.of("\n$>$>.decided($L)$<$<", decision(d, scope))));
    people.assignee().ifPresent(a -> b.add(JavaCode.of("\n$>$>.assignTo($L)$<$<", expressions.value(a, model.typeOf(a), scope))));
    if (!people.excluded().isEmpty()) {
      List<CodeBlock> excluded = new ArrayList<>();
      for (Expr e : people.excluded()) {
        excluded.add(expressions.value(e, model.typeOf(e), scope));
      }
      b.add(JavaCode.of("\n$>$>.notBy($L)$<$<", CodeBlock.join(excluded, ", ")));
    }
    return b.build();
  }

  /**
   * {@code match x { A, B -> R1, else -> R2 }}: {@code Objects.equals(x, A) || … ? List.of("p.R1") : List.of("p.R2")};
   * numbers are compared as in a {@code match} ({@code (x) < 1000L ? … : …}).
   */
  private CodeBlock decision(Stmt.RoleMatch d, Scope scope) {
    Type subjectType = model.typeOf(d.subject());
    List<Stmt.RoleArm> arms = d.arms();
    CodeBlock.Builder b = CodeBlock.builder();
    for (int i = 0; i < arms.size(); i++) {
      Stmt.RoleArm arm = arms.get(i);
      if (arm.isElse() || i == arms.size() - 1) {
        b.add(JavaCode.of("$L", roleList(arm)));
        break;
      }
      List<CodeBlock> tests = new ArrayList<>();
      for (Stmt.Pattern p : arm.patterns()) {
        if (p instanceof Stmt.ConstantPattern || Type.required(subjectType) == Type.TEXT && !(p instanceof Stmt.RangePattern)) {
          tests.add(JavaCode.of("$T.equals($L, $L)", RuntimeTypes.OBJECTS,
              expressions.value(d.subject(), subjectType, scope), patternValue(p, subjectType)));
        } else {
          // Numbers, also by comparison (`< 1000 -> Clerk`): the subject is required (E200 otherwise).
          CodeBlock subject = JavaCode.of("($L)", expressions.value(d.subject(), Type.required(subjectType), scope));
          tests.add(MatchGenerator.test(subject, p, Type.required(subjectType)));
        }
      }
      b.add(JavaCode.of("$L ? $L : ", CodeBlock.join(tests, " || "), roleList(arm)));
    }
    return b.build();
  }

  private CodeBlock roleList(Stmt.RoleArm arm) {
    List<CodeBlock> roles = new ArrayList<>();
    for (Name role : arm.roles()) {
      roles.add(JavaCode.of("$S", java.qualified(model.declarationOf(role).orElseThrow())));
    }
    return JavaCode.of("$T.of($L)", RuntimeTypes.LIST, CodeBlock.join(roles, ", "));
  }

  private CodeBlock patternValue(Stmt.Pattern p, Type subjectType) {
    if (p instanceof Stmt.ConstantPattern c) {
      Decl.EnumDecl en = (Decl.EnumDecl) ((Type.Declared) Type.required(subjectType)).decl();
      return JavaCode.of("$T.$L", java.classOf(en), java.constant(en, c.constant().text()));
    }
    Expr literal = ((Stmt.LiteralPattern) p).literal();
    if (literal instanceof Expr.StringLit s) {
      return JavaCode.of("$S", s.plainText());
    }
    return JavaCode.of("$LL", ((Expr.IntLit) literal).value());
  }

  /** {@code new Other.Input(a, b)}: every input in declaration order, an optional one left out as {@code null}. */
  private CodeBlock workflowInput(Name workflow, List<Argument> arguments, Scope scope) {
    return workflowInput((Decl.WorkflowDecl) model.declarationOf(workflow).orElseThrow(), arguments, scope);
  }

  private CodeBlock workflowInput(Decl.WorkflowDecl callee, List<Argument> arguments, Scope scope) {
    JavaModel.Shape input = java.shape(java.workflowTypes(callee).input());
    List<CodeBlock> args = new ArrayList<>();
    for (JavaModel.Component c : input.components().values()) {
      args.add(argument(arguments, c.flowName())
          .map(a -> expressions.value(a.value(), c.flowType(), scope))
          .orElse(JavaCode.of("null")));
    }
    return JavaCode.of("new $T($L)", input.name(), CodeBlock.join(args, ", "));
  }

  private Code notify(Stmt.Notify n, Scope scope) {
    CodeBlock recipient;
    if (model.typeOf(n.target()) instanceof Type.DeclarationName d && d.decl() instanceof Decl.RoleDecl role) {
      recipient = JavaCode.of("$T.role($S)", RuntimeTypes.RECIPIENT, java.qualified(role));
    } else {
      recipient = JavaCode.of("$T.address($L)", RuntimeTypes.RECIPIENT, expressions.text(n.target(), scope));
    }
    CodeBlock via = n.via().flatMap(model::declarationOf)
        .map(system -> JavaCode.of("$S", java.qualified(system)))
        .orElse(JavaCode.of("null"));
    return completes("$L.notify($L, $L, $L);\n", Scope.CONTEXT, recipient, via, expressions.text(n.message(), scope));
  }

  // ---- variables -------------------------------------------------------------------------------

  private Code let(Stmt.Let let, Scope scope) {
    Type type = variableType(let);
    if (let.value() instanceof Expr.Collected c) {
      WorkflowState.StateField field = state.variable(let, java.type(type));
      return completes("$L = $L;\n", WorkflowState.field(field, scope), collect(c.loop(), type, scope));
    }
    JExpr value = expressions.coerce(let.value(), type, null, scope);
    TypeName javaType = ExpressionGenerator.containsStruct(type) ? value.type() : java.type(type);
    WorkflowState.StateField field = state.variable(let, javaType);
    return completes("$L = $L;\n", WorkflowState.field(field, scope), value.code());
  }

  /** A variable's Flow type: as written, or its value's. */
  Type variableType(Stmt.Let let) {
    return let.type().map(model::typeOf).orElseGet(() -> model.typeOf(let.value()));
  }

  private Code set(Stmt.Set set, Scope scope) {
    Symbol target = model.symbolOf(set.target()).orElseThrow();
    WorkflowState.StateField field;
    Type type;
    if (target instanceof Symbol.VariableSymbol v) {
      field = state.variable(v.let());
      type = variableType(v.let());
    } else {
      String name = ((Symbol.OutputSymbol) target).output().name().text();
      field = state.output(name);
      type = state.outputShape().component(name).flowType();
    }
    JExpr value = expressions.coerce(set.value(), type, field.type(), scope);
    return completes("$L = $L;\n", WorkflowState.field(field, scope), value.code());
  }

  // ---- choice ----------------------------------------------------------------------------------

  private Code ifStatement(Stmt.If i, Scope scope) {
    CodeBlock.Builder out = CodeBlock.builder();
    boolean completes = false;
    for (int a = 0; a < i.arms().size(); a++) {
      Stmt.IfArm arm = i.arms().get(a);
      CodeBlock condition = expressions.condition(arm.condition(), scope);
      if (a == 0) {
        out.beginControlFlow("if ($L)", condition);
      } else {
        out.nextControlFlow("else if ($L)", condition);
      }
      Code body = block(arm.body(), scope.child());
      out.add(body.block());
      completes |= body.completes();
    }
    if (i.otherwise().isPresent()) {
      out.nextControlFlow("else");
      Code body = block(i.otherwise().get(), scope.child());
      out.add(body.block());
      completes |= body.completes();
    } else {
      completes = true;
    }
    out.endControlFlow();
    return new Code(out.build(), completes);
  }

  // ---- concurrency and loops -------------------------------------------------------------------

  private Code branches(String method, List<Stmt.Branch> branches, Scope scope) {
    return branches(method, null, branches, scope);
  }

  /** A call of a construct with branches; {@code count} (of {@code first N}, {@code parallel join N}) goes first. */
  private Code branches(String method, Integer count, List<Stmt.Branch> branches, Scope scope) {
    List<CodeBlock> arguments = new ArrayList<>();
    List<CodeBlock> comments = new ArrayList<>();
    if (count != null) {
      arguments.add(JavaCode.of("$L", count));
      comments.add(JavaCode.of(""));
    }
    for (Stmt.Branch b : branches) {
      CodeBlock body = lambda("()", b.body(), scope);
      arguments.add(b.when().isPresent()
          ? JavaCode.of("$T.when($S, $L, $L)", RuntimeTypes.BRANCH, b.name().text(),
              expressions.condition(b.when().get(), scope), body)
          : JavaCode.of("$T.of($S, $L)", RuntimeTypes.BRANCH, b.name().text(), body));
      comments.add(b.doc().isEmpty() ? JavaCode.of("") : JavaText.lineComments(b.doc().text()));
    }
    return new Code(contextCall(method, arguments, comments), true);
  }

  /**
   * {@code first to start { … }}: {@code ctx.firstToStart}. A branch that begins with a person's
   * step calls {@code ctx.leadingTask()} before it (the task's first claim or completion decides);
   * one that begins by waiting calls {@code ctx.started()} after that wait (its end decides); any
   * other branch decides when it ends, as in {@code first}.
   */
  private Code firstToStart(Stmt.First f, Scope scope) {
    List<CodeBlock> arguments = new ArrayList<>();
    List<CodeBlock> comments = new ArrayList<>();
    for (Stmt.Branch b : f.branches()) {
      List<Stmt> body = b.body().statements();
      Stmt lead = body.isEmpty() ? null : body.get(0);
      Scope inner = scope.child();
      CodeBlock.Builder code = CodeBlock.builder();
      if (FirstToStart.personFirst(lead)) {
        code.add("$L.leadingTask();\n", Scope.CONTEXT);
        code.add(block(b.body(), inner).block());
      } else if (FirstToStart.waitsFirst(lead) && !(lead instanceof Stmt.Named n && targets.contains(n.name().text()))) {
        if (!lead.doc().isEmpty()) {
          code.add(JavaText.lineComments(lead.doc().text()));
        }
        code.add(statement(lead, inner).block());
        code.add("$L.started();\n", Scope.CONTEXT);
        code.add(block(new Block(body.subList(1, body.size()), b.body().span()), inner).block());
      } else {
        code.add(block(b.body(), inner).block());
      }
      arguments.add(JavaCode.of("$T.of($S, () -> {\n$>$L$<})", RuntimeTypes.BRANCH, b.name().text(), code.build()));
      comments.add(b.doc().isEmpty() ? JavaCode.of("") : JavaText.lineComments(b.doc().text()));
    }
    return new Code(contextCall("firstToStart", arguments, comments), true);
  }

  /**
   * {@code interleaved { … }}: a {@code parallel} whose branches each run in one critical section
   * of the construct. A branch that begins by waiting ({@code receive}, {@code wait}, {@code wait
   * for}) waits outside the section, so the order is the order in which those waits end. A branch
   * that begins with a person's step ({@code ctx.exclusiveByClaim}) offers that task at once: the
   * first claim (or completion) of one of these tasks takes the section for its branch, and holds
   * the others back until the branch has ended, so the order is the order people pick them in.
   */
  private Code interleaved(Stmt.Parallel p, Scope scope) {
    String section = "interleaved(" + String.join(",", p.branches().stream().map(b -> b.name().text()).toList()) + ")";
    List<CodeBlock> arguments = new ArrayList<>();
    List<CodeBlock> comments = new ArrayList<>();
    for (Stmt.Branch b : p.branches()) {
      List<Stmt> body = b.body().statements();
      boolean waitsFirst = !body.isEmpty() && (body.get(0) instanceof Stmt.Receive || body.get(0) instanceof Stmt.Wait
          || body.get(0) instanceof Stmt.WaitUntil || body.get(0) instanceof Stmt.WaitFor);
      Scope inner = scope.child();
      CodeBlock.Builder code = CodeBlock.builder();
      if (waitsFirst) {
        code.add(statement(body.get(0), inner).block());
      }
      boolean personFirst = !body.isEmpty() && (body.get(0) instanceof Stmt.HumanStep || body.get(0) instanceof Stmt.Approval);
      Block rest = new Block(waitsFirst ? body.subList(1, body.size()) : body, b.body().span());
      code.add(JavaCode.of("$L.$L($S, $L);\n", Scope.CONTEXT, personFirst ? "exclusiveByClaim" : "exclusive", section,
          lambda("()", rest, inner)));
      CodeBlock lambda = JavaCode.of("() -> {\n$>$L$<}", code.build());
      arguments.add(b.when().isPresent()
          ? JavaCode.of("$T.when($S, $L, $L)", RuntimeTypes.BRANCH, b.name().text(),
              expressions.condition(b.when().get(), scope), lambda)
          : JavaCode.of("$T.of($S, $L)", RuntimeTypes.BRANCH, b.name().text(), lambda));
      comments.add(b.doc().isEmpty() ? JavaCode.of("") : JavaText.lineComments(b.doc().text()));
    }
    return new Code(contextCall("parallel", arguments, comments), true);
  }

  /**
   * {@code parallel { … } after each branch { … }} (WCP 8): a {@code parallel} whose every branch,
   * once its own block has ended, runs the block of {@code after each branch} as a round of its own
   * ({@code ctx.forEachInParallel("after", List.of("fast"), branch -> { … })}, so its steps are
   * {@code fast/after[1]/…}), without waiting for the other branches.
   */
  private Code multiMerge(Stmt.Parallel p, Scope scope) {
    Stmt.ForEach runs = p.afterEach().orElseThrow();
    List<CodeBlock> arguments = new ArrayList<>();
    List<CodeBlock> comments = new ArrayList<>();
    for (Stmt.Branch b : p.arms()) {
      Scope inner = scope.child();
      Code own = block(b.body(), inner);
      CodeBlock.Builder code = CodeBlock.builder().add(own.block());
      if (own.completes()) {
        JExpr one = new JExpr(CodeBlock.of("$T.of($S)", List.class, b.name().text()),
            ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(String.class)), ExpressionGenerator.PRIMARY);
        code.add("$L.forEachInParallel($S, $L, $L);\n", Scope.CONTEXT, "after", one.code(),
            iterationBody(runs, one, inner));
      }
      CodeBlock lambda = CodeBlock.of("() -> {\n$>$L$<}", code.build());
      arguments.add(b.when().isPresent()
          ? CodeBlock.of("$T.when($S, $L, $L)", RuntimeTypes.BRANCH, b.name().text(),
              expressions.condition(b.when().get(), scope), lambda)
          : CodeBlock.of("$T.of($S, $L)", RuntimeTypes.BRANCH, b.name().text(), lambda));
      comments.add(b.doc().isEmpty() ? CodeBlock.of("") : JavaText.lineComments(b.doc().text()));
    }
    return new Code(contextCall("parallel", arguments, comments), true);
  }

  private Code forEach(Stmt.ForEach f, Scope scope) {
    JExpr list = f.threads() ? threadNumbers(f, scope) : expressions.expr(f.iterable(), scope);
    CodeBlock body = iterationBody(f, list, scope);
    if (f.join().isPresent() || f.first().isPresent()) {
      return completes("$L.$L($S, $L, $L, $L);\n", Scope.CONTEXT,
          f.join().isPresent() ? "forEachInParallelJoin" : "forEachInParallelFirst", f.variable().text(),
          f.join().isPresent() ? f.join().getAsInt() : f.first().getAsInt(), list.code(), body);
    }
    return completes("$L.$L($S, $L, $L);\n", Scope.CONTEXT, f.parallel() ? "forEachInParallel" : "forEach",
        f.variable().text(), list.code(), body);
  }

  /** {@code parallel N times}: the thread numbers 1 to N, a {@code List<Long>} (empty when N is below 1). */
  private JExpr threadNumbers(Stmt.ForEach f, Scope scope) {
    JExpr count = expressions.expr(f.iterable(), scope);
    return new JExpr(JavaCode.of("$T.rangeClosed(1, $L).boxed().toList()", java.util.stream.LongStream.class,
        count.code()), ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.LONG),
        ExpressionGenerator.PRIMARY);
  }

  /** The lambda a {@code for each} runs for each item. */
  private CodeBlock iterationBody(Stmt.ForEach f, JExpr list, Scope scope) {
    return iterationBody(f, list, scope, null);
  }

  /**
   * The lambda a {@code for each} runs for each item. With {@code held} (a collecting loop whose
   * body is cut into {@code go to} segments, which cannot return its value), the {@code yield}
   * sets a holder of that Java type, returned after the segments.
   */
  private CodeBlock iterationBody(Stmt.ForEach f, JExpr list, Scope scope, TypeName held) {
    TypeName element = list.type() instanceof ParameterizedTypeName p && !p.typeArguments().isEmpty()
        ? p.typeArguments().get(0) : RuntimeTypes.OBJECT;
    Scope inner = scope.child();
    String variable = inner.bind(f, f.variable().text(), element);
    Optional<ClassName> iteration = f.parallel() ? state.iteration(f) : Optional.empty();
    CodeBlock.Builder body = CodeBlock.builder();
    if (iteration.isPresent()) {
      // Each iteration holds its own step results and variables (WorkflowState).
      ClassName type = iteration.get();
      String local = inner.bind(type, JavaNames.decapitalize(type.simpleName()), type);
      body.add(JavaCode.of("$T $L = new $T();\n", type, local, type));
    }
    Scope statements = inner.child();
    String holder = null;
    if (held != null) {
      holder = statements.local("yielded");
      body.add(JavaCode.of("$T<$T> $L = new $T<>();\n", java.util.concurrent.atomic.AtomicReference.class, held, holder,
          java.util.concurrent.atomic.AtomicReference.class));
    }
    yieldHolders.push(Optional.ofNullable(holder));
    try {
      body.add(block(f.body(), statements).block());
    } finally {
      yieldHolders.pop();
    }
    if (holder != null) {
      body.add(JavaCode.of("return $L.get();\n", holder));
    }
    return JavaCode.of("$L -> {\n$>$L$<}", variable, body.build());
  }

  /**
   * {@code let NAME = for each … { …; yield VALUE }}: {@code ctx.collect("item", items, item -> { …; return value; })}
   * (or {@code collectInParallel}), whose list holds the rounds' values in item order.
   */
  private CodeBlock collect(Stmt.ForEach f, Type listType, Scope scope) {
    JExpr list = expressions.expr(f.iterable(), scope);
    yieldTypes.push(listType instanceof Type.ListOf l ? l.element() : Type.ERROR);
    try {
      boolean cut = f.body().statements().stream()
          .anyMatch(st -> st instanceof Stmt.Named n && targets.contains(n.name().text()));
      TypeName held = cut ? java.boxed(yieldTypes.peek()) : null;
      return JavaCode.of("$L.$L($S, $L, $L)", Scope.CONTEXT, f.parallel() ? "collectInParallel" : "collect",
          f.variable().text(), list.code(), iterationBody(f, list, scope, held));
    } finally {
      yieldTypes.pop();
    }
  }

  /**
   * {@code for each bid: Bid where … in parallel [join N] until closed: LotClosed where … { … }}:
   * {@code ctx.forEachArriving("bid", N, () -> { … }, bid -> { … })}. Each arrival is a deferred
   * choice ({@code ctx.first}) between the item's receive and the closing event's; it returns the
   * item, or nothing once the set is closed. Each round binds the item to the loop variable (reads
   * of the item's step in the body read it) and, when the body has state, makes its own iteration
   * object, as a parallel {@code for each} does.
   */
  private Code forEachArriving(Stmt.ForEachArriving a, Scope scope) {
    ClassName event = java.classOf(model.declarationOf(a.item().event()).orElseThrow());
    Scope arrival = scope.child();
    String arrived = arrival.local("arrived");
    List<CodeBlock> choices = new ArrayList<>();
    choices.add(JavaCode.of("$T.of($S, () -> {\n$>$L$<})", RuntimeTypes.BRANCH, "item",
        receive(a.item(), arrival.child()).block()));
    if (a.close().isPresent()) {
      choices.add(JavaCode.of("$T.of($S, () -> {\n$>$L$<})", RuntimeTypes.BRANCH, "close",
          receive(a.close().get(), arrival.child()).block()));
    }
    if (a.quiet().isPresent()) {
      // no item within the quiet time (each arrival waits afresh) closes the set
      choices.add(JavaCode.of("$T.of($S, () -> $L.await($L))", RuntimeTypes.BRANCH, "quiet", Scope.CONTEXT,
          expressions.value(a.quiet().get(), Type.DURATION, arrival)));
    }
    CodeBlock.Builder out = CodeBlock.builder();
    if (a.within().isPresent()) {
      // the time limit runs from the loop's start (recorded, so a replay and a restart see the same instant)
      String until = scope.local(a.variable().text() + "Until");
      out.add(JavaCode.of("$T $L = $L.now().plus($L);\n", RuntimeTypes.INSTANT, until, Scope.CONTEXT,
          expressions.value(a.within().get(), Type.DURATION, scope)));
      choices.add(JavaCode.of("$T.of($S, () -> $L.awaitUntil($L))", RuntimeTypes.BRANCH, "within", Scope.CONTEXT,
          until));
    }
    ClassName optional = ClassName.get(Optional.class);
    CodeBlock value = state.step(a.item()).map(f -> JavaCode.of("$L", WorkflowState.field(f, arrival)))
        .orElseThrow(() -> new IllegalStateException("an arriving item without a result: " + a.variable().text()));
    CodeBlock next = JavaCode.of("() -> {\n$>String $L = $L.first(\n$>$>$L);\n$<$<"
            + "return $L.equals($S) ? $T.<$T>of($L) : $T.<$T>empty();\n$<}",
        arrived, Scope.CONTEXT, CodeBlock.join(choices, ",\n"), arrived, "item", optional, event, value, optional, event);
    Scope inner = scope.child();
    String variable = inner.bind(a.item(), a.variable().text(), event);
    Optional<ClassName> iteration = state.iteration(a);
    CodeBlock body;
    if (iteration.isPresent()) {
      ClassName type = iteration.get();
      String local = inner.bind(type, JavaNames.decapitalize(type.simpleName()), type);
      body = JavaCode.of("$L -> {\n$>$T $L = new $T();\n$L$<}", variable, type, local, type,
          block(a.body(), inner.child()).block());
    } else {
      body = lambda(variable, a.body(), inner);
    }
    out.add(JavaCode.of("$L.forEachArriving($S, $L, $L, $L);\n", Scope.CONTEXT,
         a.variable().text(), a.join().orElse(0), next, body));
    return new Code(out.build(), true);
  }

  /**
   * {@code ctx.attempt(() -> { body }, failure -> { … })}. With only an untyped {@code catch},
   * the handler is its block, the failure bound to its variable. With typed ones, the handler
   * tests the declared error's value: {@code if (failure.error() instanceof CardDeclined declined)
   * { … } else …}, ending with the untyped {@code catch}'s block or, without one,
   * {@code throw ctx.rethrow(failure)}: the failure goes on unchanged.
   */
  private Code attempt(Stmt.Try t, Scope scope) {
    List<Stmt.Catch> typed = t.catches().stream().filter(c -> c.errorType().isPresent()).toList();
    java.util.Optional<Stmt.Catch> all = t.catchAll();
    Scope handler = scope.child();
    if (typed.isEmpty()) {
      Stmt.Catch only = all.orElseThrow();
      String error = only.variable().isPresent()
          ? handler.bind(t, only.variable().get().text(), RuntimeTypes.FLOW_ERROR)
          : handler.local("error");
      return completes("$L.attempt($L, $L);\n", Scope.CONTEXT, lambda("()", t.body(), scope),
          lambda(error, only.body(), handler));
    }
    String failure = all.flatMap(Stmt.Catch::variable).isPresent()
        ? handler.bind(t, all.get().variable().get().text(), RuntimeTypes.FLOW_ERROR)
        : handler.local("failure");
    CodeBlock.Builder body = CodeBlock.builder();
    for (int i = 0; i < typed.size(); i++) {
      Stmt.Catch c = typed.get(i);
      Decl.ErrorDecl error = (Decl.ErrorDecl) model.declarationOf(c.errorType().get()).orElseThrow();
      ClassName record = java.classOf(error);
      Scope branch = handler.child();
      String value = c.variable().isPresent() ? branch.bind(t, c.variable().get().text(), record) : branch.local("caught");
      body.add(i == 0 ? "if ($L.error() instanceof $T $L) {\n$>" : "} else if ($L.error() instanceof $T $L) {\n$>",
          failure, record, value);
      body.add(block(c.body(), branch.child()).block()).add("$<");
    }
    body.add("} else {\n$>");
    if (all.isPresent()) {
      body.add(block(all.get().body(), handler.child()).block());
    } else {
      body.addStatement(JavaCode.of("throw $L.rethrow($L)", Scope.CONTEXT, failure));
    }
    body.add("$<}\n");
    return completes("$L.attempt($L, $L -> {\n$>$L$<});\n", Scope.CONTEXT, lambda("()", t.body(), scope), failure,
        body.build());
  }

  /** Generates a block for {@link MatchGenerator}. */
  Code arm(Block body, Scope scope) {
    return block(body, scope.child());
  }
}
