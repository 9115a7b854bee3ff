package dev.flow.compiler.check.types;

import dev.flow.compiler.ast.Argument;
import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Infers and records the type of every expression of a workflow body (LANGUAGE.md §5).
 *
 * <p>A bare name is a variable, input or step first, then a declaration of the file's scope: a
 * role or an enum (whose type is {@link Type.DeclarationName}, accepted only as the target of
 * {@code notify} and of {@code Enum.Constant}). Reading an output, or a step without a result,
 * is an error. Smart casts come from the {@link Facts} of the {@link Env}; {@code and} and
 * {@code or} check their right operand with what their left one establishes.
 */
final class ExpressionTyper {
  private final CheckContext ctx;
  private final WorkflowInfo wf;
  private final Diagnostics sink;
  private final Recorder recorder;
  private final Expect expect;
  private final Operators operators;
  private final Builtins builtins;
  private final Arguments arguments;
  /** The type each collecting loop's {@code yield} gives its list's items (by the loop), once checked. */
  final java.util.Map<dev.flow.compiler.ast.Stmt.ForEach, Type> collected = new java.util.IdentityHashMap<>(4);

  ExpressionTyper(CheckContext ctx, WorkflowInfo wf, Diagnostics sink) {
    this.ctx = ctx;
    this.wf = wf;
    this.sink = sink;
    this.recorder = ctx.recorder();
    this.expect = new Expect(sink);
    this.operators = new Operators(sink);
    this.builtins = new Builtins(sink);
    this.arguments = new Arguments(this, sink);
  }

  Expect expect() {
    return expect;
  }

  /** The type of {@code e}, which may name a declaration. */
  Type type(Expr e, Env env) {
    return type(e, env, null);
  }

  /** The type of {@code e}; {@code hint}, when given, is the type the place wants (it types {@code []}). */
  Type type(Expr e, Env env, Type hint) {
    Type t = compute(e, env, hint);
    recorder.type(e, t);
    return t;
  }

  /** The type of {@code e}, which must be a value: a declaration's name is E102. */
  Type value(Expr e, Env env) {
    return value(e, env, null);
  }

  Type value(Expr e, Env env, Type hint) {
    Type t = type(e, env, hint);
    if (t instanceof Type.DeclarationName d) {
      sink.add(notAValue(e, d.decl()));
      return Type.ERROR;
    }
    return t;
  }

  /** A condition must be a {@code Bool} (E203; an optional one is E204). */
  void condition(Expr e, Env env) {
    Type t = value(e, env);
    if (t.isError() || t == Type.BOOL) {
      return;
    }
    if (t.equals(Type.optional(Type.BOOL))) {
      sink.add(Expect.optional(e, t, "Bool"));
    } else {
      sink.add(Diagnostic.of(Code.E203, e.span(), "condition must be `Bool`, found `" + t.display() + "`"));
    }
  }

  static Diagnostic notAValue(Expr e, Decl decl) {
    String name = decl.name().text();
    Diagnostic d = Diagnostic.of(Code.E102, e.span(),
        "`" + name + "` is " + Names.withArticle(decl.kind()) + ", not a value");
    if (decl instanceof Decl.EnumDecl en && !en.constants().isEmpty()) {
      return d.withHelp("name one of its constants: `" + name + "." + en.constants().get(0).name().text() + "`");
    }
    return d;
  }

  private Type compute(Expr e, Env env, Type hint) {
    Type literal = LiteralTypes.of(e);
    if (e instanceof Expr.StringLit s) {
      for (Expr.StringPart p : s.parts()) {
        if (p instanceof Expr.Interpolation i) {
          value(i.expr(), env);
        }
      }
      return Type.TEXT;
    }
    if (literal != null) {
      return literal;
    }
    if (e instanceof Expr.NameRef n) {
      return name(n.name(), env);
    }
    if (e instanceof Expr.FieldAccess f) {
      return field(f, env);
    }
    if (e instanceof Expr.FunctionCall c) {
      return call(c, env);
    }
    if (e instanceof Expr.ListLit l) {
      return list(l, env, hint);
    }
    if (e instanceof Expr.Construct k) {
      return construct(k.type(), k.arguments(), env);
    }
    if (e instanceof Expr.Unary u) {
      return operators.unary(u, value(u.operand(), env));
    }
    if (e instanceof Expr.Collected c) {
      Type element = collected.get(c.loop());
      return element == null || element.isError() ? Type.ERROR : new Type.ListOf(element);
    }
    Expr.Binary b = (Expr.Binary) e;
    Type lt = value(b.left(), env);
    Env right = switch (b.op()) {
      case AND -> env.with(Facts.whenTrue(b.left(), recorder));
      case OR -> env.with(Facts.whenFalse(b.left(), recorder));
      default -> env;
    };
    Type rightHint = b.op() == Expr.BinaryOp.ELVIS && !lt.isError() && lt != Type.NONE ? Type.required(lt) : null;
    if (b.op() == Expr.BinaryOp.ADD && lt instanceof Type.ListOf) {
      rightHint = lt; // `items + [x]`, `items + []`: the literal gets the list's element type
    }
    Type rt = value(b.right(), right, rightHint);
    return operators.binary(b, lt, rt);
  }

  // ---- names -----------------------------------------------------------------------------------

  /** The target of the field access being typed ({@code review} in {@code review.completedBy}), or {@code null}. */
  private Expr fieldTarget;

  private Type name(Name name, Env env) {
    String n = name.text();
    Optional<Scope.Local> local = env.scope().lookup(n);
    if (local.isPresent()) {
      Symbol s = local.get().symbol();
      recorder.symbol(name, s);
      if (s instanceof Symbol.VariableSymbol v) {
        ctx.usages().read(v.let());
      }
      return narrow(s.declaredAt(), local.get().type(), env);
    }
    Clause.Input input = wf.inputs.get(n);
    if (input != null) {
      recorder.symbol(name, new Symbol.InputSymbol(input));
      return narrow(input.name(), wf.inputType(n), env);
    }
    Stmt.Named step = wf.steps.get(n);
    if (step != null) {
      recorder.symbol(name, new Symbol.StepSymbol(step));
      Type t = wf.resultOf(step);
      boolean onlyCompletion = step instanceof Stmt.HumanStep h && h.form().isEmpty()
          && !(fieldTarget instanceof Expr.NameRef r && r.name() == name);
      if (t == Type.VOID || onlyCompletion) {
        sink.add(noResult(name, step));
        return Type.ERROR;
      }
      if ((step instanceof Stmt.HumanStep || step instanceof Stmt.Approval)
          && !(fieldTarget instanceof Expr.NameRef r && r.name() == name)) {
        t = Results.withoutCompletion(t); // a copy of the result is its form
      }
      return narrow(step.name(), t, env);
    }
    Clause.Output output = wf.outputs.get(n);
    if (output != null) {
      recorder.symbol(name, new Symbol.OutputSymbol(output));
      sink.add(Diagnostic.of(Code.E102, name.span(), "output `" + n + "` cannot be read")
          .withLabel("outputs are only assigned with `set`")
          .withHelp("keep the value in a `let` variable, read that, and `set` the output from it"));
      return Type.ERROR;
    }
    Lookup lookup = wf.scope.lookup(n);
    if (lookup instanceof Lookup.Found f) {
      recorder.symbol(name, new Symbol.DeclSymbol(f.decl()));
      ctx.usages().use(f.decl(), wf.decl);
      return new Type.DeclarationName(f.decl());
    }
    if (lookup instanceof Lookup.Ambiguous a) {
      sink.add(ctx.names().ambiguous(name, a, wf.decl));
      return Type.ERROR;
    }
    sink.add(unknownName(name, env));
    return Type.ERROR;
  }

  private Diagnostic unknownName(Name name, Env env) {
    ctx.usages().unresolvedIn(wf.decl);
    TreeSet<String> locals = new TreeSet<>(env.scope().visibleNames());
    locals.addAll(wf.inputs.keySet());
    locals.addAll(wf.steps.keySet());
    Diagnostic d = ctx.names().unknown(name, "name", wf.scope,
            decl -> decl instanceof Decl.RoleDecl || decl instanceof Decl.EnumDecl, locals, wf.decl)
        .withLabel("no variable, input, step or declaration has this name");
    if (d.help().isEmpty()) {
      for (Decl decl : wf.scope.visible(x -> x instanceof Decl.EnumDecl)) {
        Decl.EnumDecl en = (Decl.EnumDecl) decl;
        if (ctx.members().constants(en).contains(name.text())) {
          ctx.usages().use(en, wf.decl);
          return d.withHelp("did you mean `" + en.name().text() + "." + name.text() + "`?");
        }
      }
    }
    return d;
  }

  /** E200: reading a human step without fields, an action without result, or a call of a workflow without outputs. */
  private static Diagnostic noResult(Name name, Stmt.Named step) {
    Diagnostic d = Diagnostic.of(Code.E200, name.span(), "no result to read from step `" + name.text() + "`");
    if (step instanceof Stmt.HumanStep) {
      return d.withLabel("a step for a person without form fields has only `.completedBy` and `.completedAt` to read");
    }
    if (step instanceof Stmt.SystemStep s) {
      return d.withLabel("`" + s.call().system().text() + "." + s.call().action().text() + "` returns nothing");
    }
    if (step instanceof Stmt.Call c) {
      return d.withLabel("workflow `" + c.workflow().text() + "` has no outputs");
    }
    return d;
  }

  /** {@code t}, or its required type where the facts know the value read from {@code root} is not {@code none}. */
  private static Type narrow(Name root, Type t, Env env) {
    return t.isOptional() && !env.facts().isEmpty() && env.facts().contains(new Facts.Path(root, List.of()))
        ? Type.required(t) : t;
  }

  // ---- fields ----------------------------------------------------------------------------------

  private Type field(Expr.FieldAccess fa, Env env) {
    Expr outer = fieldTarget;
    fieldTarget = fa.target();
    Type target;
    try {
      target = type(fa.target(), env);
    } finally {
      fieldTarget = outer;
    }
    String f = fa.field().text();
    if (target instanceof Type.DeclarationName dn) {
      if (dn.decl() instanceof Decl.EnumDecl en) {
        List<String> constants = ctx.members().constants(en);
        if (!constants.contains(f)) {
          Diagnostic d = Diagnostic.of(Code.E201, fa.field().span(),
              "unknown constant `" + f + "` of enum `" + en.name().text() + "`");
          Diagnostic near = d.withDidYouMean(fa.field().span(), f, constants);
          sink.add(near != d ? near : d.withHelp("its constants are " + Names.list(constants)));
          return Type.ERROR;
        }
        return new Type.Declared(en);
      }
      sink.add(notAValue(fa.target(), dn.decl()));
      return Type.ERROR;
    }
    if (target.isError()) {
      return Type.ERROR;
    }
    if (target == Type.NONE || target.isOptional()) {
      String text = fa.target().span().text();
      String what = Names.quotable(text) ? "`" + text + "`" : "the value";
      Diagnostic d = Diagnostic.of(Code.E204, fa.target().span(),
          what + " may be `none`, so its field `" + f + "` cannot be read");
      sink.add(Names.quotable(text)
          ? d.withHelp("check `" + text + " != none` first; inside the `if`, `" + text + "." + f + "` can be read")
          : d);
      if (target == Type.NONE) {
        return Type.ERROR;
      }
      target = Type.required(target);
    }
    Map<String, Type> fields = fieldsOf(target);
    if (fields == null) {
      Diagnostic d = Diagnostic.of(Code.E201, fa.field().span(), "`" + target.display() + "` has no field `" + f + "`");
      if ((target == Type.TEXT || target instanceof Type.ListOf) && (f.equals("size") || f.equals("length"))) {
        d = d.withHelp("use `size(" + fa.target().span().text() + ")`");
      }
      sink.add(d);
      return Type.ERROR;
    }
    Type ft = fields.get(f);
    if (ft == null) {
      Diagnostic d = Diagnostic.of(Code.E201, fa.field().span(), "unknown field `" + f + "` of " + describe(fa.target(), target));
      sink.add(d.withDidYouMean(fa.field().span(), f, new ArrayList<>(fields.keySet())));
      return Type.ERROR;
    }
    if (!ft.isOptional() || env.facts().isEmpty()) {
      return ft; // nothing to narrow: the path read is not worked out
    }
    Optional<Facts.Path> path = Facts.pathOf(fa, recorder);
    return path.isPresent() && env.facts().contains(path.get()) ? Type.required(ft) : ft;
  }

  private Map<String, Type> fieldsOf(Type t) {
    if (t instanceof Type.Declared d && (d.decl() instanceof Decl.RecordDecl || d.decl() instanceof Decl.EventDecl
        || d.decl() instanceof Decl.ErrorDecl)) {
      return ctx.members().fields(d.decl());
    }
    if (t instanceof Type.Struct s) {
      return s.fields();
    }
    return null;
  }

  /** "event `IntakeSubmitted`", "step `review`", "`error`". */
  private String describe(Expr target, Type t) {
    if (t instanceof Type.Declared d) {
      return d.decl().kind() + " `" + d.decl().name().text() + "`";
    }
    if (target instanceof Expr.NameRef n) {
      Optional<Symbol> s = recorder.symbolOf(n.name());
      if (s.isPresent() && s.get() instanceof Symbol.StepSymbol) {
        return "step `" + n.name().text() + "`";
      }
      return "`" + n.name().text() + "`";
    }
    return "`" + t.display() + "`";
  }

  // ---- calls and lists ---------------------------------------------------------------------------

  private Type call(Expr.FunctionCall c, Env env) {
    String called = c.function().text();
    if (c.arguments().isEmpty() && !Builtins.isBuiltin(called)
        && wf.scope.lookup(called) instanceof Lookup.Found f && DeclKind.DATA.accepts(f.decl())) {
      return construct(c.function(), List.of(), env); // `Document()`: a record whose fields are all optional
    }
    List<Type> args = new ArrayList<>();
    for (Expr a : c.arguments()) {
      args.add(value(a, env));
    }
    String name = c.function().text();
    if (!Builtins.isBuiltin(name)) {
      Diagnostic d = Diagnostic.of(Code.E100, c.function().span(), "unknown function `" + name + "`")
          .withLabel("not a built-in function");
      Diagnostic near = d.withDidYouMean(c.function().span(), name, Builtins.NAMES);
      sink.add(near != d ? near : d.withHelp("the built-in functions are " + Names.list(Builtins.NAMES)));
      return Type.ERROR;
    }
    return builtins.call(c, args);
  }

  /**
   * {@code Document(name: "x", url: none)}: a record or event built from its fields, named in any
   * order, each once; optional fields may be left out (they are {@code none}). Matched as the
   * arguments of a workflow are (E202); a name that is no record or event is E100 or E102.
   */
  private Type construct(Name type, List<Argument> args, Env env) {
    Optional<Decl> decl = ctx.names().resolve(type, DeclKind.DATA, wf.scope, wf.decl, sink);
    Arguments.Callee callee = decl
        .map(d -> new Arguments.Callee(() -> d.kind() + " `" + d.name().text() + "`", "field", ctx.members().fields(d), true))
        .orElse(null);
    arguments.check(callee, args, type, env);
    return decl.<Type>map(Type.Declared::new).orElse(Type.ERROR);
  }

  private Type list(Expr.ListLit l, Env env, Type hint) {
    Type wanted = hint == null ? null : Type.required(hint);
    Type element = wanted instanceof Type.ListOf lo ? lo.element() : null;
    if (element != null) {
      for (Expr e : l.elements()) {
        Type t = value(e, env, element);
        expect.fits(e, t, element, Code.E200, () -> Types.mismatch(element, t));
      }
      return new Type.ListOf(element);
    }
    Type common = null;
    for (Expr e : l.elements()) {
      Type t = value(e, env);
      if (common == null) {
        common = t;
        continue;
      }
      Type u = Types.unify(common, t);
      if (u == null) {
        sink.add(Diagnostic.of(Code.E200, e.span(), Types.mismatch(common, t))
            .withHelp("the elements of a list all have one type"));
      } else {
        common = u;
      }
    }
    return new Type.ListOf(common == null ? Type.ERROR : common);
  }
}
