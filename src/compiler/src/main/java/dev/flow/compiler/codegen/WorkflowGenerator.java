package dev.flow.compiler.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Field;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.types.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * A workflow as a Java class: {@code public final class X implements Workflow<X.Input, X.Output>}
 * with a constant per named step, its {@code DEFINITION} (name, version, owner, doc, triggers,
 * deadline, steps), the fields that hold one run's state, {@code run} and the nested records of
 * its inputs, outputs and forms.
 */
final class WorkflowGenerator {
  private final JavaModel java;
  private final SemanticModel model;
  private final DataTypes data;

  WorkflowGenerator(JavaModel java, DataTypes data) {
    this.java = java;
    this.model = java.model();
    this.data = data;
  }

  TypeSpec.Builder workflow(Decl.WorkflowDecl decl) {
    ClassName name = java.classOf(decl);
    WorkflowState state = new WorkflowState(java, decl);
    JavaModel.WorkflowTypes types = state.types();
    StatementGenerator statements = new StatementGenerator(java, state);

    MethodSpec run = run(decl, state, statements);

    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(RuntimeTypes.GENERATED)
        .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.WORKFLOW, types.input(), types.output()))
        .addJavadoc(JavaText.javadocBlock(decl.doc().text()));
    java.util.Set<String> repeated = RepeatedSteps.of(decl.body());
    for (Map.Entry<Stmt.Named, String> step : state.constants().entrySet()) {
      type.addField(stepConstant(step.getKey(), step.getValue(), state, repeated));
    }
    type.addField(definition(decl, state, statements.expressions()));
    for (WorkflowState.StateField f : state.fields()) {
      type.addField(FieldSpec.builder(f.type(), f.name(), Modifier.PRIVATE).addJavadoc(f.javadoc()).build());
    }
    type.addMethod(MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("A fresh object for one run: the engine makes one per run.\n")
        .build());
    type.addMethod(MethodSpec.methodBuilder("definition")
        .addAnnotation(RuntimeTypes.OVERRIDE)
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(RuntimeTypes.WORKFLOW_DEFINITION, types.input(), types.output()))
        .addStatement(JavaCode.of("return $L", WorkflowState.DEFINITION))
        .build());
    type.addMethod(run);
    type.addMethod(outputs(state));
    type.addType(data.record(java.shape(types.input()), JavaCode.of("The inputs of {@code $L}.\n", decl.name().text()),
        DataTypes.docs(inputFields(decl))).build());
    type.addType(data.record(java.shape(types.output()), JavaCode.of("The outputs of {@code $L}.\n", decl.name().text()),
        DataTypes.docs(outputFields(decl))).build());
    for (Map.Entry<Stmt.HumanStep, ClassName> form : types.forms().entrySet()) {
      type.addType(form(form.getKey(), java.shape(form.getValue())));
    }
    for (WorkflowState.Iteration iteration : state.iterations()) {
      type.addType(iteration(iteration));
    }
    return type;
  }

  /** The class of which each iteration of a {@code for each … in parallel} makes an object for its own state. */
  private static TypeSpec iteration(WorkflowState.Iteration iteration) {
    TypeSpec.Builder type = TypeSpec.classBuilder(iteration.type())
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addAnnotation(RuntimeTypes.GENERATED)
        .addJavadoc("The step results and variables of one iteration of\n"
            + "{@code for each $L in … in parallel}: each iteration has its own.\n", iteration.variable());
    for (WorkflowState.StateField f : iteration.fields()) {
      type.addField(FieldSpec.builder(f.type(), f.name(), Modifier.PRIVATE).addJavadoc(f.javadoc()).build());
    }
    return type.build();
  }

  // ---- run -------------------------------------------------------------------------------------

  private MethodSpec run(Decl.WorkflowDecl decl, WorkflowState state, StatementGenerator statements) {
    // A local named like a step constant would hide it (`ctx.task(__)` with a loop variable `__`).
    Set<String> constants = new java.util.HashSet<>(state.constants().values());
    constants.add(WorkflowState.DEFINITION);
    StatementGenerator.Code body = statements.block(decl.body(), Scope.root(java.reserved(constants)));
    MethodSpec.Builder run = MethodSpec.methodBuilder("run")
        .addAnnotation(RuntimeTypes.OVERRIDE)
        .addModifiers(Modifier.PUBLIC)
        .returns(state.types().output())
        .addParameter(RuntimeTypes.FLOW_CONTEXT, Scope.CONTEXT)
        .addParameter(state.types().input(), Scope.INPUT)
        .addCode(body.block());
    if (body.completes()) {
      run.addStatement("return outputs()");
    }
    return run.build();
  }

  private MethodSpec outputs(WorkflowState state) {
    List<CodeBlock> values = new ArrayList<>();
    for (JavaModel.Component c : state.outputShape().components().values()) {
      values.add(JavaCode.of("$L", state.output(c.flowName()).name()));
    }
    return MethodSpec.methodBuilder("outputs")
        .addJavadoc("The outputs as they are now.\n")
        .addModifiers(Modifier.PRIVATE)
        .returns(state.types().output())
        .addStatement(JavaCode.of("return new $T($L)", state.types().output(), CodeBlock.join(values, ", ")))
        .build();
  }

  private static List<Field> inputFields(Decl.WorkflowDecl decl) {
    return decl.inputs().stream().map(i -> new Field(i.name(), i.type(), i.doc(), i.span())).toList();
  }

  private static List<Field> outputFields(Decl.WorkflowDecl decl) {
    return decl.outputs().stream().map(o -> new Field(o.name(), o.type(), o.doc(), o.span())).toList();
  }

  // ---- definition ------------------------------------------------------------------------------

  private FieldSpec definition(Decl.WorkflowDecl decl, WorkflowState state, ExpressionGenerator expressions) {
    JavaModel.WorkflowTypes types = state.types();
    CodeBlock.Builder init = CodeBlock.builder()
        .add(JavaCode.of("$T.builder($S, $T.class, $T.class, $T::new)\n$>$>", RuntimeTypes.WORKFLOW_DEFINITION,
            java.qualified(decl), types.input(), types.output(), java.classOf(decl)));
    long version = decl.version();
    if (version != 1) {
      init.add(version <= Integer.MAX_VALUE ? JavaCode.of(".version($L)\n", version)
          : JavaCode.of(".version($T.toIntExact($LL))\n", RuntimeTypes.MATH, version));
    }
    decl.clause(Clause.Owner.class).flatMap(o -> model.declarationOf(o.role()))
        .ifPresent(role -> init.add(JavaCode.of(".owner($S)\n", java.qualified(role))));
    if (!decl.doc().isEmpty()) {
      init.add(JavaCode.of(".doc($L)\n", JavaText.argument(decl.doc().text())));
    }
    for (Clause.Trigger t : decl.triggers()) {
      init.add(trigger(t, decl, state)).add("\n");
    }
    decl.clause(Clause.Deadline.class).ifPresent(d -> init.add(deadline(d, expressions)));
    if (!state.constants().isEmpty()) {
      init.add(JavaCode.of(".steps($L)\n", String.join(", ", state.constants().values())));
    }
    if (LoopCheckpointing.allowed(decl.body())) {
      init.add(".loopCheckpoints()\n");
    }
    init.add(".build()$<$<");
    return FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.WORKFLOW_DEFINITION, types.input(), types.output()),
            WorkflowState.DEFINITION, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(JavaCode.of("What the engine knows about {@code $L}.\n", decl.name().text()))
        .initializer(init.build())
        .build();
  }

  private CodeBlock trigger(Clause.Trigger t, Decl.WorkflowDecl decl, WorkflowState state) {
    ClassName input = state.types().input();
    JavaModel.Shape shape = state.inputShape();
    return switch (t.kind()) {
      case MANUALLY -> JavaCode.of(".startsManually()");
      case ON_EVENT -> onEvent(t, input, shape);
      case EVERY -> JavaCode.of(".startsEvery($L,\n$L)", CronExpansion.schedule(CronExpansion.expand(
          t.cron().orElseThrow().plainText())), everyInput(input, shape));
      case AFTER_WORKFLOW -> after(t, input, shape);
    };
  }

  /**
   * {@code .deadline(Duration.ofDays(30), role)}, or for a limit computed from the inputs
   * {@code .deadline(input -> …, role)}; then {@code .cancelAtDeadline(input -> "…")} or
   * {@code .failAtDeadline(input -> "…")} when the deadline ends the instance. The expressions
   * read only the inputs (the checker makes sure), so they can run when the instance starts.
   */
  private CodeBlock deadline(Clause.Deadline d, ExpressionGenerator expressions) {
    CodeBlock role = JavaLiterals.stringOrNull(d.escalateTo().flatMap(model::declarationOf).map(java::qualified).orElse(null));
    CodeBlock.Builder out = CodeBlock.builder();
    Scope scope = Scope.root(java.reserved(Set.of()));
    if (d.duration() instanceof Expr.DurationLit literal) {
      out.add(JavaCode.of(".deadline($L, $L)\n", JavaLiterals.duration(literal.value()), role));
    } else {
      out.add(JavaCode.of(".deadline($L -> $L, $L)\n", Scope.INPUT, expressions.value(d.duration(), Type.DURATION, scope), role));
    }
    d.end().ifPresent(e -> out.add(JavaCode.of(".$L($L -> $L)\n", e.cancel() ? "cancelAtDeadline" : "failAtDeadline", Scope.INPUT,
        expressions.text(e.message(), scope))));
    return out.build();
  }

  /**
   * {@code starts on E}: {@code .startsOn(E.class, Input::new)} for a workflow whose one input
   * takes it; with several inputs, the event goes to the one of type {@code E} (or {@code E?})
   * and the others (optional: the checker makes sure) are {@code null}:
   * {@code .startsOn(E.class, e -> new Input(null, e))}.
   */
  private CodeBlock onEvent(Clause.Trigger t, ClassName input, JavaModel.Shape shape) {
    Decl event = model.declarationOf(t.target().orElseThrow()).orElseThrow();
    ClassName eventClass = java.classOf(event);
    // `keyed by reading.room`: the key is a field of the event (the checker makes sure).
    String key = t.key().filter(Expr.FieldAccess.class::isInstance).map(Expr.FieldAccess.class::cast)
        .map(f -> ", event -> event." + java.shape(eventClass).component(f.field().text()).javaName() + "()").orElse("");
    if (shape.components().size() == 1) {
      return JavaCode.of(".startsOn($T.class, $T::new$L)", eventClass, input, key);
    }
    List<String> args = new ArrayList<>();
    boolean filled = false;
    for (JavaModel.Component c : shape.components().values()) {
      boolean takes = !filled && Type.required(c.flowType()) instanceof Type.Declared d && d.decl() == event;
      args.add(takes ? "event" : "null");
      filled |= takes;
    }
    return JavaCode.of(".startsOn($T.class, event -> new $T($L)$L)", eventClass, input, String.join(", ", args), key);
  }

  /** A scheduled start: every input is optional, and {@code null}. */
  private static CodeBlock everyInput(ClassName input, JavaModel.Shape shape) {
    if (shape.components().isEmpty()) {
      return JavaCode.of("$T::new", input);
    }
    List<String> nulls = shape.components().values().stream().map(c -> "null").toList();
    return JavaCode.of("() -> new $T($L)", input, String.join(", ", nulls));
  }

  /** {@code starts after W}: each input takes W's output of the same name ({@code Int} widened to {@code Decimal}). */
  private CodeBlock after(Clause.Trigger t, ClassName input, JavaModel.Shape shape) {
    Decl.WorkflowDecl before = (Decl.WorkflowDecl) model.declarationOf(t.target().orElseThrow()).orElseThrow();
    JavaModel.Shape outputs = java.shape(java.workflowTypes(before).output());
    List<CodeBlock> args = new ArrayList<>();
    for (JavaModel.Component c : shape.components().values()) {
      JavaModel.Component out = outputs.component(c.flowName());
      CodeBlock read = JavaCode.of("outputs.$L()", out.javaName());
      if (Type.required(c.flowType()) == Type.DECIMAL && Type.required(out.flowType()) == Type.INT) {
        read = out.flowType().isOptional()
            ? JavaCode.of("$T.decimal($L)", RuntimeTypes.EXPRESSIONS, read)
            : JavaCode.of("$T.valueOf($L)", RuntimeTypes.BIG_DECIMAL, read);
      }
      args.add(read);
    }
    return JavaCode.of(".startsAfter($S, $T.class,\n$>$>outputs -> new $T($L))$<$<", java.qualified(before),
        outputs.name(), input, CodeBlock.join(args, ", "));
  }

  // ---- steps -----------------------------------------------------------------------------------

  private FieldSpec stepConstant(Stmt.Named step, String constant, WorkflowState state, java.util.Set<String> repeated) {
    JavaModel.WorkflowTypes types = state.types();
    TypeName type;
    CodeBlock.Builder init = CodeBlock.builder();
    String name = step.name().text();
    if (step instanceof Stmt.SystemStep s) {
      Decl.SystemDecl system = (Decl.SystemDecl) model.declarationOf(s.call().system()).orElseThrow();
      ClassName connector = java.classOf(system);
      Type result = state.actionResult(s.call());
      type = ParameterizedTypeName.get(RuntimeTypes.ACTION_STEP, connector,
          result == Type.VOID ? RuntimeTypes.VOID : java.type(result).box());
      init.add(JavaCode.of("$T.of($S, $T.$L)", RuntimeTypes.ACTION_STEP, name, connector,
          java.actionConstant(system, s.call().action().text())));
      Optional<Decl.RetryPolicy> retry = s.retry().or(system::retry);
      retry.ifPresent(r -> init.add(JavaCode.of("\n$>$>.retry($L)$<$<", retryPolicy(r))));
      Optional<Expr.DurationLit> timeout = s.timeout().or(system::timeout);
      timeout.ifPresent(d -> init.add(JavaCode.of("\n$>$>.timeout($L)$<$<", JavaLiterals.duration(d.value()))));
      s.compensation().ifPresent(c -> {
        Decl.SystemDecl undo = state.system(c);
        init.add(JavaCode.of("\n$>$>.compensateWith($T.$L)$<$<", java.classOf(undo),
             java.actionConstant(undo, c.action().text())));
      });
    } else if (step instanceof Stmt.HumanStep h) {
      ClassName form = types.forms().get(h);
      type = ParameterizedTypeName.get(RuntimeTypes.TASK_STEP, form == null ? ClassName.get(Void.class) : form);
      String role = java.qualified(model.declarationOf(h.role()).orElseThrow());
      if (form == null) {
        init.add(JavaCode.of("$T.of($S, $S)", RuntimeTypes.TASK_STEP, name, role));
      } else {
        init.add(JavaCode.of("$T.of($S, $S, $T.FORM)", RuntimeTypes.TASK_STEP, name, role, form));
      }
      limit(h.limit(), init);
      otherRoles(h.people(), init);
    } else if (step instanceof Stmt.Approval a) {
      type = RuntimeTypes.APPROVAL_STEP;
      init.add(JavaCode.of("$T.of($S, $S)", RuntimeTypes.APPROVAL_STEP, name,
           java.qualified(model.declarationOf(a.role()).orElseThrow())));
      limit(a.limit(), init);
      otherRoles(a.people(), init);
    } else if (step instanceof Stmt.Receive r) {
      ClassName event = java.classOf(model.declarationOf(r.event()).orElseThrow());
      type = ParameterizedTypeName.get(RuntimeTypes.RECEIVE_STEP, event);
      init.add(JavaCode.of("$T.of($S, $T.class)", RuntimeTypes.RECEIVE_STEP, name, event));
      r.within().filter(d -> d instanceof Expr.DurationLit)
          .ifPresent(d -> init.add(JavaCode.of("\n$>$>.within($L)$<$<", JavaLiterals.duration(((Expr.DurationLit) d).value()))));
      for (ReceiveCorrelation.Key key : ReceiveCorrelation.split(r, model).keys()) {
        init.add(JavaCode.of("\n$>$>.correlate($S, $T::$L)$<$<", key.field(), event,
             java.shape(event).component(key.field()).javaName()));
      }
      if (repeated.contains(name)) {
        init.add(JavaCode.of("\n$>$>.repeated()$<$<")); // reached again, perhaps with other keys (for Temporal's offers)
      }
      if (r.onlyNew()) {
        init.add(JavaCode.of("\n$>$>.onlyNewEvents()$<$<")); // `receive new`: only events published once it waits
      }
    } else {
      Stmt.Call c = (Stmt.Call) step;
      Decl.WorkflowDecl callee = (Decl.WorkflowDecl) model.declarationOf(c.workflow()).orElseThrow();
      ClassName output = java.workflowTypes(callee).output();
      type = ParameterizedTypeName.get(RuntimeTypes.CALL_STEP, output);
      init.add(JavaCode.of("$T.of($S, $S, $T.class)", RuntimeTypes.CALL_STEP, name, java.qualified(callee), output));
      // `fails E1, E2` on the called workflow: the caller's typed `catch` receives them.
      List<CodeBlock> errors = new ArrayList<>();
      for (Name error : callee.fails()) {
        model.declarationOf(error).filter(d -> d instanceof Decl.ErrorDecl).map(java::classOf)
            .map(e -> JavaCode.of("$T.class", e)).filter(e -> !errors.contains(e)).ifPresent(errors::add);
      }
      if (!errors.isEmpty()) {
        init.add(JavaCode.of("\n$>$>.fails($T.of($L))$<$<", RuntimeTypes.LIST, CodeBlock.join(errors, ", ")));
      }
    }
    if (!step.doc().isEmpty()) {
      init.add(JavaCode.of("\n$>$>.doc($L)$<$<", JavaText.argument(step.doc().text())));
    }
    FieldSpec.Builder field = FieldSpec.builder(type, constant, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer(init.build());
    field.addJavadoc(step.doc().isEmpty() ? JavaCode.of("Step {@code $L}.\n", name) : JavaText.javadocBlock(step.doc().text()));
    return field.build();
  }

  /** {@code by Sales or Accounting}: {@code .or("acme.Accounting")} (a role decision is made where the step runs). */
  private void otherRoles(Stmt.People people, CodeBlock.Builder init) {
    if (!people.otherRoles().isEmpty()) {
      List<CodeBlock> roles = new ArrayList<>();
      for (Name role : people.otherRoles()) {
        roles.add(JavaCode.of("$S", java.qualified(model.declarationOf(role).orElseThrow())));
      }
      init.add(JavaCode.of("\n$>$>.or($L)$<$<", CodeBlock.join(roles, ", ")));
    }
  }

  private void limit(Stmt.TimeLimit limit, CodeBlock.Builder init) {
    // a computed limit is given where the step runs (StatementGenerator.withLimit)
    limit.within().filter(d -> d instanceof Expr.DurationLit)
        .ifPresent(d -> init.add(JavaCode.of("\n$>$>.within($L)$<$<", JavaLiterals.duration(((Expr.DurationLit) d).value()))));
    limit.escalateTo().flatMap(model::declarationOf)
        .ifPresent(role -> init.add(JavaCode.of("\n$>$>.escalateTo($S)$<$<", java.qualified(role))));
  }

  /**
   * {@code retry 3 times every 10s backoff 2} → {@code RetryPolicy.of(3, Duration.ofSeconds(10), 2)};
   * {@code … then wait for operator} adds {@code .thenWaitForOperator()}.
   */
  private static CodeBlock retryPolicy(Decl.RetryPolicy r) {
    CodeBlock policy = retryLimits(r);
    return r.waitForOperator() ? JavaCode.of("$L.thenWaitForOperator()", policy) : policy;
  }

  private static CodeBlock retryLimits(Decl.RetryPolicy r) {
    CodeBlock every = r.every().map(d -> JavaLiterals.duration(d.value())).orElse(JavaLiterals.duration(Duration.ofSeconds(1)));
    String backoff = r.backoff().map(b -> b instanceof Expr.DecimalLit d ? d.value().toPlainString()
        : String.valueOf(((Expr.IntLit) b).value())).orElse("1");
    if (r.atMost().isEmpty() && r.within().isEmpty()) {
      return JavaCode.of("$T.of($L, $L, $L)", RuntimeTypes.RETRY_POLICY, r.times(), every, backoff);
    }
    CodeBlock atMost = r.atMost().map(d -> JavaLiterals.duration(d.value())).orElse(JavaCode.of("null"));
    CodeBlock within = r.within().map(d -> JavaLiterals.duration(d.value())).orElse(JavaCode.of("null"));
    return JavaCode.of("$T.of($L, $L, $L, $L, $L)", RuntimeTypes.RETRY_POLICY, r.times(), every, backoff, atMost, within);
  }

  // ---- forms -----------------------------------------------------------------------------------

  /**
   * A human step's form record, with its {@code FORM}: the fields the inbox checks and how the
   * checked values become the record.
   */
  private TypeSpec form(Stmt.HumanStep step, JavaModel.Shape shape) {
    List<CodeBlock> fields = new ArrayList<>();
    List<CodeBlock> reads = new ArrayList<>();
    boolean unchecked = false;
    for (JavaModel.Component c : shape.components().values()) {
      Type t = c.flowType();
      Type r = Type.required(t);
      String kind = t.isOptional() ? "optional" : "required";
      if (r instanceof Type.ListOf l) {
        TypeName element = java.boxed(l.element());
        TypeName raw = element instanceof ParameterizedTypeName p ? p.rawType() : element;
        unchecked |= element instanceof ParameterizedTypeName;
        fields.add(JavaCode.of("$T.$LList($S, $T.class)", RuntimeTypes.FORM_FIELD, kind, c.flowName(), raw));
        reads.add(element instanceof ParameterizedTypeName
            ? JavaCode.of("($T) ($T<?>) values.list($S, $T.class)", java.boxed(r), RuntimeTypes.LIST, c.flowName(), raw)
            : JavaCode.of("values.list($S, $T.class)", c.flowName(), raw));
      } else {
        TypeName boxed = java.boxed(r);
        fields.add(JavaCode.of("$T.$L($S, $T.class)", RuntimeTypes.FORM_FIELD, kind, c.flowName(), boxed));
        reads.add(read(c.flowName(), t, boxed));
      }
    }
    CodeBlock form = CodeBlock.builder()
        .add(JavaCode.of("$T.of($T.class, $T.of(\n$>$>", RuntimeTypes.FORM, shape.name(), RuntimeTypes.LIST))
        .add(CodeBlock.join(fields, ",\n"))
        .add(JavaCode.of("),\nvalues -> new $T($L))$<$<", shape.name(), CodeBlock.join(reads, ", ")))
        .build();
    FieldSpec.Builder formField = FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.FORM, shape.name()), "FORM",
            Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(JavaCode.of("The fields the inbox checks, and how their values become a {@code $T}.\n", shape.name()))
        .initializer(form);
    if (unchecked) {
      formField.addAnnotation(com.palantir.javapoet.AnnotationSpec.builder(RuntimeTypes.SUPPRESS_WARNINGS)
          .addMember("value", "$S", "unchecked").build());
    }
    CodeBlock doc = CodeBlock.builder()
        .add(JavaCode.of("The form of step {@code $L}, which a person fills in to complete it.\n", step.name().text()))
        .add(step.doc().isEmpty() ? JavaCode.of("") : JavaCode.of("\n<p>$L", JavaText.javadocBlock(step.doc().text())))
        .build();
    return data.record(shape, doc, DataTypes.docs(step.form()))
        .addField(formField.build())
        .build();
  }

  /** How a form's factory reads a checked value of a field. */
  private static CodeBlock read(String field, Type t, TypeName boxed) {
    if (!t.isOptional()) {
      if (t == Type.INT) {
        return JavaCode.of("values.integer($S)", field);
      }
      if (t == Type.BOOL) {
        return JavaCode.of("values.bool($S)", field);
      }
    }
    Type r = Type.required(t);
    if (r == Type.TEXT) {
      return JavaCode.of("values.text($S)", field);
    } else if (r == Type.DECIMAL) {
      return JavaCode.of("values.decimal($S)", field);
    } else if (r == Type.DATE) {
      return JavaCode.of("values.date($S)", field);
    } else if (r == Type.TIMESTAMP) {
      return JavaCode.of("values.timestamp($S)", field);
    } else if (r == Type.DURATION) {
      return JavaCode.of("values.duration($S)", field);
    }
    return JavaCode.of("values.value($S, $T.class)", field, boxed);
  }
}
