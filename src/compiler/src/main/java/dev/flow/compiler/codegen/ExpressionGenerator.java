package dev.flow.compiler.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.flow.compiler.ast.Argument;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.resolve.Symbol;
import dev.flow.compiler.check.types.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Flow expressions as Java expressions (LANGUAGE.md §5). Every expression becomes a
 * {@link JExpr}: its code, its Java static type (which may be {@code Long} where the checker
 * narrowed an {@code Int?} to an {@code Int}) and its precedence, so that operands are
 * parenthesized only where Java needs it. What Java lacks comes from {@code Expressions}.
 */
final class ExpressionGenerator {
  static final int OR = 3;
  static final int AND = 4;
  static final int EQUALITY = 8;
  static final int RELATIONAL = 9;
  static final int ADDITIVE = 11;
  static final int UNARY = 13;
  static final int PRIMARY = 15;

  /** A Java expression: its code, static type and precedence. */
  record JExpr(CodeBlock code, TypeName type, int precedence) {
    static JExpr primary(TypeName type, String format, Object... args) {
      return new JExpr(JavaCode.of(format, args), type, PRIMARY);
    }
  }

  private final JavaModel java;
  private final SemanticModel model;
  private final WorkflowState state;

  ExpressionGenerator(JavaModel java, WorkflowState state) {
    this.java = java;
    this.model = java.model();
    this.state = state;
  }

  // ---- entry points --------------------------------------------------------------------------

  /** A condition: a {@code boolean} (or a {@code Boolean} the checker knows is not {@code none}). */
  CodeBlock condition(Expr e, Scope scope) {
    return expr(e, scope).code();
  }

  /** A {@code Text} value. */
  CodeBlock text(Expr e, Scope scope) {
    return expr(e, scope).code();
  }

  /** A value for a place of Flow type {@code target} (an argument, a variable): widened where Flow widens. */
  CodeBlock value(Expr e, Type target, Scope scope) {
    return coerce(e, target, null, scope).code();
  }

  /** A value for a place of Flow type {@code target} whose Java type is {@code targetJava} (a field). */
  JExpr coerce(Expr e, Type target, TypeName targetJava, Scope scope) {
    JExpr x = expr(e, scope);
    if (e instanceof Expr.NoneLit) {
      return JExpr.primary(targetJava == null ? java.boxed(target) : targetJava, "null");
    }
    Type from = model.typeOf(e);
    if (from == Type.NONE && target != Type.NONE) {
      // always none, but typed Object in Java (`for each x in [none]`): cast it to where it goes
      TypeName to = targetJava == null ? java.boxed(target) : targetJava;
      return x.type().equals(to) ? x : new JExpr(JavaCode.of("($T) $L", to, operandOf(x)), to, UNARY);
    }
    if (Type.required(target) == Type.DECIMAL && Type.required(from) == Type.INT) {
      return widen(e, x, from);
    }
    if (targetJava instanceof ClassName to && x.type() instanceof ClassName have && !to.equals(have)
        && java.hasShape(to) && java.hasShape(have)) {
      return JExpr.primary(to, "$T.convert($L, $T.class)", RuntimeTypes.EXPRESSIONS, x.code(), to);
    }
    return x;
  }

  /** An {@code Int} (or {@code Int?}) where a {@code Decimal} is expected: {@code BigDecimal.valueOf(n)}. */
  private JExpr widen(Expr e, JExpr x, Type from) {
    if (e instanceof Expr.IntLit i && i.value() >= Integer.MIN_VALUE && i.value() <= Integer.MAX_VALUE) {
      return JExpr.primary(RuntimeTypes.BIG_DECIMAL, "$T.valueOf($L)", RuntimeTypes.BIG_DECIMAL, i.value());
    }
    if (from.isOptional()) {
      return JExpr.primary(RuntimeTypes.BIG_DECIMAL, "$T.decimal($L)", RuntimeTypes.EXPRESSIONS, x.code());
    }
    return JExpr.primary(RuntimeTypes.BIG_DECIMAL, "$T.valueOf($L)", RuntimeTypes.BIG_DECIMAL, x.code());
  }

  /** A numeric operand as a {@code BigDecimal}. */
  private CodeBlock decimal(Expr e, JExpr x) {
    Type flow = model.typeOf(e);
    return Type.required(flow) == Type.INT ? widen(e, x, flow).code() : operand(x, PRIMARY);
  }

  // ---- expressions -----------------------------------------------------------------------------

  JExpr expr(Expr e, Scope scope) {
    if (e instanceof Expr.IntLit i) {
      return new JExpr(JavaLiterals.integer(i.value()), TypeName.LONG, PRIMARY);
    }
    if (e instanceof Expr.DecimalLit d) {
      return new JExpr(JavaLiterals.decimal(d.value()), RuntimeTypes.BIG_DECIMAL, PRIMARY);
    }
    if (e instanceof Expr.BoolLit b) {
      return JExpr.primary(TypeName.BOOLEAN, "$L", b.value());
    }
    if (e instanceof Expr.NoneLit) {
      return JExpr.primary(RuntimeTypes.OBJECT, "null");
    }
    if (e instanceof Expr.DurationLit d) {
      return new JExpr(JavaLiterals.duration(d.value()), RuntimeTypes.DURATION, PRIMARY);
    }
    if (e instanceof Expr.TimestampLit t) {
      return new JExpr(JavaLiterals.timestamp(t.value()), RuntimeTypes.INSTANT, PRIMARY);
    }
    if (e instanceof Expr.DateLit d) {
      return new JExpr(JavaLiterals.date(d.value()), RuntimeTypes.LOCAL_DATE, PRIMARY);
    }
    if (e instanceof Expr.StringLit s) {
      return string(s, scope);
    }
    if (e instanceof Expr.NameRef n) {
      return name(n, scope);
    }
    if (e instanceof Expr.FieldAccess f) {
      return field(f, scope);
    }
    if (e instanceof Expr.FunctionCall c) {
      return call(c, scope);
    }
    if (e instanceof Expr.ListLit l) {
      return list(l, scope);
    }
    if (e instanceof Expr.Construct k) {
      return construct(k.arguments(), model.typeOf(k), scope);
    }
    if (e instanceof Expr.Unary u) {
      return unary(u, scope);
    }
    return binary((Expr.Binary) e, scope);
  }

  // ---- names and fields --------------------------------------------------------------------------

  /** Whether the name being generated is the target of {@code .completedBy} or {@code .completedAt}. */
  private boolean readingCompletion;

  private JExpr name(Expr.NameRef n, Scope scope) {
    Symbol symbol = model.symbolOf(n.name())
        .orElseThrow(() -> new IllegalStateException("unresolved name " + n.name().text() + " at " + n.span()));
    if (symbol instanceof Symbol.InputSymbol in) {
      JavaModel.Component c = state.inputShape().component(in.input().name().text());
      return JExpr.primary(c.javaType(), "$L.$L()", Scope.INPUT, c.javaName());
    }
    if (symbol instanceof Symbol.StepSymbol s) {
      var local = scope.lookup(s.step());
      if (local.isPresent()) {
        return JExpr.primary(local.get().type(), "$L", local.get().name());
      }
      WorkflowState.StateField f = state.step(s.step())
          .orElseThrow(() -> new IllegalStateException("step without result read: " + n.name().text()));
      if (f.type() instanceof com.palantir.javapoet.ParameterizedTypeName p && p.rawType().equals(RuntimeTypes.COMPLETED)
          && !readingCompletion) {
        // the result as a value is its form; completedBy and completedAt are read on the step's name
        return JExpr.primary(p.typeArguments().get(0), "$L.form()", WorkflowState.field(f, scope));
      }
      return new JExpr(WorkflowState.field(f, scope), f.type(), PRIMARY);
    }
    if (symbol instanceof Symbol.VariableSymbol v) {
      WorkflowState.StateField f = state.variable(v.let());
      return new JExpr(WorkflowState.field(f, scope), f.type(), PRIMARY);
    }
    if (symbol instanceof Symbol.LoopVariableSymbol l) {
      return bound(l.loop(), n, scope);
    }
    if (symbol instanceof Symbol.CatchVariableSymbol c) {
      return bound(c.tryStmt(), n, scope);
    }
    throw new IllegalStateException("not a value: " + n.name().text() + " at " + n.span());
  }

  private static JExpr bound(Object key, Expr.NameRef n, Scope scope) {
    Scope.Local local = scope.lookup(key)
        .orElseThrow(() -> new IllegalStateException("no local for " + n.name().text() + " at " + n.span()));
    return JExpr.primary(local.type(), "$L", local.name());
  }

  private JExpr field(Expr.FieldAccess f, Scope scope) {
    Type target = model.typeOf(f.target());
    if (target instanceof Type.DeclarationName d && d.decl() instanceof Decl.EnumDecl en) {
      ClassName enumClass = java.classOf(en);
      return JExpr.primary(enumClass, "$T.$L", enumClass, java.constant(en, f.field().text()));
    }
    boolean outer = readingCompletion;
    readingCompletion = dev.flow.compiler.check.types.Results.COMPLETION.containsKey(f.field().text());
    JExpr t;
    try {
      t = expr(f.target(), scope);
    } finally {
      readingCompletion = outer;
    }
    if (t.type() instanceof com.palantir.javapoet.ParameterizedTypeName p && p.rawType().equals(RuntimeTypes.COMPLETED)) {
      return completed(f, t, p);
    }
    if (!(t.type() instanceof ClassName record)) {
      throw new IllegalStateException("field of a non-record " + t.type() + " at " + f.span());
    }
    JavaModel.Component c = java.shape(record).component(f.field().text());
    return JExpr.primary(c.javaType(), "$L.$L()", operand(t, PRIMARY), c.javaName());
  }

  /** A field of a step for a person kept with its completion: {@code review.completedBy()}, {@code review.form().x()}. */
  private JExpr completed(Expr.FieldAccess f, JExpr t, com.palantir.javapoet.ParameterizedTypeName p) {
    String field = f.field().text();
    if (field.equals("completedBy")) {
      return JExpr.primary(RuntimeTypes.STRING, "$L.completedBy()", operand(t, PRIMARY));
    }
    if (field.equals("completedAt")) {
      return JExpr.primary(RuntimeTypes.INSTANT, "$L.completedAt()", operand(t, PRIMARY));
    }
    JavaModel.Component c = java.shape((ClassName) p.typeArguments().get(0)).component(field);
    return JExpr.primary(c.javaType(), "$L.form().$L()", operand(t, PRIMARY), c.javaName());
  }

  // ---- calls, lists, strings -----------------------------------------------------------------------

  private JExpr call(Expr.FunctionCall c, Scope scope) {
    if (model.typeOf(c) instanceof Type.Declared) {
      return construct(List.of(), model.typeOf(c), scope); // `Document()`: every field left out is none
    }
    String name = c.function().text();
    return switch (name) {
      case "now" -> JExpr.primary(RuntimeTypes.INSTANT, "$L.now()", Scope.CONTEXT);
      case "today" -> JExpr.primary(RuntimeTypes.LOCAL_DATE, "$L.today()", Scope.CONTEXT);
      case "size" -> JExpr.primary(TypeName.LONG, "$T.size($L)", RuntimeTypes.EXPRESSIONS,
          expr(c.arguments().get(0), scope).code());
      default -> JExpr.primary(RuntimeTypes.STRING, "$T.$L($L)", RuntimeTypes.EXPRESSIONS, name,
          expr(c.arguments().get(0), scope).code());
    };
  }

  /** {@code Document(name: "x")}: {@code new Document("x", null, …)}, the components in declaration order. */
  private JExpr construct(List<Argument> arguments, Type type, Scope scope) {
    ClassName record = java.classOf(((Type.Declared) type).decl());
    List<CodeBlock> values = new ArrayList<>();
    for (JavaModel.Component c : java.shape(record).components().values()) {
      Argument given = arguments.stream().filter(a -> a.name().text().equals(c.flowName())).findFirst().orElse(null);
      values.add(given == null ? JavaCode.of("null") : coerce(given.value(), c.flowType(), c.javaType(), scope).code());
    }
    return JExpr.primary(record, "new $T($L)", record, CodeBlock.join(values, ", "));
  }

  private JExpr list(Expr.ListLit l, Scope scope) {
    Type listType = model.typeOf(l);
    Type element = listType instanceof Type.ListOf lo ? lo.element() : Type.ERROR;
    List<CodeBlock> items = new ArrayList<>();
    TypeName elementJava = null;
    boolean nullable = element.isOptional();
    for (Expr e : l.elements()) {
      JExpr item = coerce(e, element, elementJava, scope);
      if (elementJava == null && !(e instanceof Expr.NoneLit)) {
        elementJava = containsStruct(element) ? item.type().box() : java.boxed(element);
      }
      nullable |= e instanceof Expr.NoneLit;
      items.add(item.code());
    }
    if (elementJava == null) {
      elementJava = java.boxed(element);
    }
    TypeName type = ParameterizedTypeName.get(RuntimeTypes.LIST, elementJava);
    if (items.isEmpty()) {
      return JExpr.primary(type, "$T.<$T>of()", RuntimeTypes.LIST, elementJava);
    }
    if (items.size() == 1 && l.elements().get(0) instanceof Expr.NoneLit) {
      // a lone null would be the varargs array itself (javac warns): cast it to the element type
      items.set(0, JavaCode.of("($T) null", elementJava));
    }
    CodeBlock joined = CodeBlock.join(items, ", ");
    return nullable
        ? JExpr.primary(type, "$T.listOf($L)", RuntimeTypes.EXPRESSIONS, joined)
        : JExpr.primary(type, "$T.of($L)", RuntimeTypes.LIST, joined);
  }

  static boolean containsStruct(Type t) {
    if (t instanceof Type.Struct) {
      return true;
    }
    if (t instanceof Type.Optional o) {
      return containsStruct(o.inner());
    }
    return t instanceof Type.ListOf l && containsStruct(l.element());
  }

  /**
   * {@code "Hi {name}, {n} items"} → {@code "Hi " + name + ", " + n + " items"}: text, numbers,
   * booleans, dates, timestamps and enum constants as Java prints them; everything else
   * (decimals, durations, lists, records, optionals) through {@code Expressions.text}.
   */
  private JExpr string(Expr.StringLit s, Scope scope) {
    List<CodeBlock> operands = new ArrayList<>();
    List<Boolean> isString = new ArrayList<>();
    for (Expr.StringPart part : s.parts()) {
      if (part instanceof Expr.TextPart t) {
        if (!t.text().isEmpty()) {
          operands.add(JavaText.string(t.text()));
          isString.add(true);
        }
      } else {
        Expr inner = ((Expr.Interpolation) part).expr();
        JExpr x = expr(inner, scope);
        Type t = model.typeOf(inner);
        if (printsAsFlow(t, x)) {
          operands.add(operand(x, UNARY));
          isString.add(x.type().equals(RuntimeTypes.STRING));
        } else {
          operands.add(JavaCode.of("$T.text($L)", RuntimeTypes.EXPRESSIONS, x.code()));
          isString.add(true);
        }
      }
    }
    if (operands.isEmpty()) {
      return JExpr.primary(RuntimeTypes.STRING, "$S", "");
    }
    boolean startsWithText = isString.get(0) || operands.size() > 1 && isString.get(1);
    if (!startsWithText) {
      operands.set(0, JavaCode.of("$T.text($L)", RuntimeTypes.EXPRESSIONS, operands.get(0)));
    }
    if (operands.size() == 1) {
      return new JExpr(operands.get(0), RuntimeTypes.STRING, PRIMARY);
    }
    return new JExpr(CodeBlock.join(operands, "$W+ "), RuntimeTypes.STRING, ADDITIVE);
  }

  /** Whether Java's string conversion already prints a value the way Flow does. */
  private boolean printsAsFlow(Type t, JExpr x) {
    if (t.isOptional() || t == Type.NONE) {
      return false;
    }
    if (t instanceof Type.Primitive p) {
      return p == Type.Primitive.TEXT || p == Type.Primitive.INT || p == Type.Primitive.BOOL
          || p == Type.Primitive.DATE || p == Type.Primitive.TIMESTAMP;
    }
    return t instanceof Type.Declared d && d.decl() instanceof Decl.EnumDecl;
  }

  // ---- operators ---------------------------------------------------------------------------------

  private JExpr unary(Expr.Unary u, Scope scope) {
    if (u.op() == Expr.UnaryOp.NOT) {
      JExpr x = expr(u.operand(), scope);
      return new JExpr(JavaCode.of("!$L", operand(x, UNARY)), TypeName.BOOLEAN, UNARY);
    }
    if (u.operand() instanceof Expr.IntLit i) {
      return new JExpr(JavaCode.of("-$LL", i.value()), TypeName.LONG, UNARY);
    }
    if (u.operand() instanceof Expr.DecimalLit d) {
      return new JExpr(JavaLiterals.decimal(d.value().negate()), RuntimeTypes.BIG_DECIMAL, PRIMARY);
    }
    JExpr x = expr(u.operand(), scope);
    Type t = Type.required(model.typeOf(u.operand()));
    if (t == Type.INT) {
      return JExpr.primary(TypeName.LONG, "$T.negateExact($L)", RuntimeTypes.MATH, x.code());
    }
    if (t == Type.DECIMAL) {
      return JExpr.primary(RuntimeTypes.BIG_DECIMAL, "$L.negate()", operand(x, PRIMARY));
    }
    return JExpr.primary(RuntimeTypes.DURATION, "$L.negated()", operand(x, PRIMARY));
  }

  private JExpr binary(Expr.Binary b, Scope scope) {
    return switch (b.op()) {
      case AND -> logical(b, "&&", AND, scope);
      case OR -> logical(b, "||", OR, scope);
      case EQ -> new Equality(this, model).equal(b, false, scope);
      case NE -> new Equality(this, model).equal(b, true, scope);
      case LT, LE, GT, GE -> compare(b, scope);
      case IN -> new Equality(this, model).in(b, scope);
      case ELVIS -> elvis(b, scope);
      case ADD, SUB, MUL, DIV -> arithmetic(b, scope);
    };
  }

  private JExpr logical(Expr.Binary b, String op, int precedence, Scope scope) {
    JExpr l = expr(b.left(), scope);
    JExpr r = expr(b.right(), scope);
    return new JExpr(JavaCode.of("$L $L $L", operand(l, precedence), op, operand(r, precedence + 1)),
        TypeName.BOOLEAN, precedence);
  }

  private JExpr compare(Expr.Binary b, Scope scope) {
    JExpr l = expr(b.left(), scope);
    JExpr r = expr(b.right(), scope);
    Type lt = Type.required(model.typeOf(b.left()));
    Type rt = Type.required(model.typeOf(b.right()));
    String op = b.op().symbol();
    if (lt == Type.INT && rt == Type.INT) {
      return new JExpr(JavaCode.of("$L $L $L", operand(l, ADDITIVE), op, operand(r, ADDITIVE)),
          TypeName.BOOLEAN, RELATIONAL);
    }
    if (lt == Type.DATE || lt == Type.TIMESTAMP) {
      CodeBlock left = operand(l, PRIMARY);
      return switch (b.op()) {
        case LT -> JExpr.primary(TypeName.BOOLEAN, "$L.isBefore($L)", left, r.code());
        case GT -> JExpr.primary(TypeName.BOOLEAN, "$L.isAfter($L)", left, r.code());
        case LE -> new JExpr(JavaCode.of("!$L.isAfter($L)", left, r.code()), TypeName.BOOLEAN, UNARY);
        default -> new JExpr(JavaCode.of("!$L.isBefore($L)", left, r.code()), TypeName.BOOLEAN, UNARY);
      };
    }
    CodeBlock left = lt == Type.DURATION ? operand(l, PRIMARY) : decimal(b.left(), l);
    CodeBlock right = lt == Type.DURATION ? r.code() : decimal(b.right(), r);
    return new JExpr(JavaCode.of("$L.compareTo($L) $L 0", left, right, op), TypeName.BOOLEAN, RELATIONAL);
  }

  /** {@code a ?? b}: {@code Expressions.orElse(a, b)}, or {@code orElseGet} when computing {@code b} could fail or cost. */
  private JExpr elvis(Expr.Binary b, Scope scope) {
    Type result = model.typeOf(b);
    if (model.typeOf(b.left()) == Type.NONE) {
      return coerce(b.right(), result, null, scope); // the left is always none (a variable of `[none]`)
    }
    JExpr l = expr(b.left(), scope);
    JExpr left = Type.required(result) == Type.DECIMAL && Type.required(model.typeOf(b.left())) == Type.INT
        ? widen(b.left(), l, model.typeOf(b.left())) : l;
    JExpr right = coerce(b.right(), result, null, scope);
    TypeName type = containsStruct(result) ? left.type() : java.boxed(result);
    if (isSimple(b.right())) {
      return JExpr.primary(type, "$T.orElse($L, $L)", RuntimeTypes.EXPRESSIONS, left.code(), right.code());
    }
    return JExpr.primary(type, "$T.orElseGet($L, () -> $L)", RuntimeTypes.EXPRESSIONS, left.code(), right.code());
  }

  /** A literal, a name or a path of fields: evaluating it costs nothing and cannot fail. */
  private static boolean isSimple(Expr e) {
    if (e instanceof Expr.StringLit s) {
      return s.isPlain();
    }
    if (e instanceof Expr.FieldAccess f) {
      return isSimple(f.target());
    }
    if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.ELVIS) {
      return isSimple(b.left()) && isSimple(b.right());
    }
    return e instanceof Expr.IntLit || e instanceof Expr.DecimalLit || e instanceof Expr.BoolLit
        || e instanceof Expr.NoneLit || e instanceof Expr.DurationLit || e instanceof Expr.DateLit
        || e instanceof Expr.TimestampLit
        || e instanceof Expr.NameRef;
  }

  private JExpr arithmetic(Expr.Binary b, Scope scope) {
    Type result = model.typeOf(b);
    Type lt = Type.required(model.typeOf(b.left()));
    Type rt = Type.required(model.typeOf(b.right()));
    JExpr l = expr(b.left(), scope);
    JExpr r = expr(b.right(), scope);
    Expr.BinaryOp op = b.op();
    if (result instanceof Type.ListOf) {
      TypeName type = containsStruct(result) ? l.type() : java.boxed(result);
      return JExpr.primary(type, "$T.concat($L, $L)", RuntimeTypes.EXPRESSIONS, l.code(), r.code());
    }
    if (result == Type.INT) {
      String method = switch (op) {
        case ADD -> "addExact";
        case SUB -> "subtractExact";
        default -> "multiplyExact";
      };
      return JExpr.primary(TypeName.LONG, "$T.$L($L, $L)", RuntimeTypes.MATH, method, l.code(), r.code());
    }
    if (result == Type.DECIMAL) {
      if (op == Expr.BinaryOp.DIV) {
        if (lt == Type.INT && rt == Type.INT) {
          return JExpr.primary(RuntimeTypes.BIG_DECIMAL, "$T.divide($L, $L)", RuntimeTypes.EXPRESSIONS, l.code(), r.code());
        }
        return JExpr.primary(RuntimeTypes.BIG_DECIMAL, "$T.divide($L, $L)", RuntimeTypes.EXPRESSIONS,
            decimal(b.left(), l), decimal(b.right(), r));
      }
      String method = switch (op) {
        case ADD -> "add";
        case SUB -> "subtract";
        default -> "multiply";
      };
      return JExpr.primary(RuntimeTypes.BIG_DECIMAL, "$L.$L($L)", decimal(b.left(), l), method,
          Type.required(model.typeOf(b.right())) == Type.INT ? widen(b.right(), r, model.typeOf(b.right())).code() : r.code());
    }
    if (result == Type.DURATION) {
      if (op == Expr.BinaryOp.MUL) {
        return lt == Type.DURATION
            ? JExpr.primary(RuntimeTypes.DURATION, "$L.multipliedBy($L)", operand(l, PRIMARY), r.code())
            : JExpr.primary(RuntimeTypes.DURATION, "$L.multipliedBy($L)", operand(r, PRIMARY), l.code());
      }
      if (lt == Type.TIMESTAMP) {
        return JExpr.primary(RuntimeTypes.DURATION, "$T.between($L, $L)", RuntimeTypes.DURATION, r.code(), l.code());
      }
      if (lt == Type.DATE) {
        return JExpr.primary(RuntimeTypes.DURATION, "$T.minus($L, $L)", RuntimeTypes.EXPRESSIONS, l.code(), r.code());
      }
      return JExpr.primary(RuntimeTypes.DURATION, "$L.$L($L)", operand(l, PRIMARY), plusOrMinus(op), r.code());
    }
    if (result == Type.DATE) {
      Long days = literalDays(b.right());
      if (days != null) {
        long signed = op == Expr.BinaryOp.ADD ? days : -days;
        return JExpr.primary(RuntimeTypes.LOCAL_DATE, "$L.$L($L)", operand(l, PRIMARY),
            signed >= 0 ? "plusDays" : "minusDays", Math.abs(signed));
      }
      return JExpr.primary(RuntimeTypes.LOCAL_DATE, "$T.$L($L, $L)", RuntimeTypes.EXPRESSIONS, plusOrMinus(op),
          l.code(), r.code());
    }
    return JExpr.primary(RuntimeTypes.INSTANT, "$L.$L($L)", operand(l, PRIMARY), plusOrMinus(op), r.code());
  }

  private static String plusOrMinus(Expr.BinaryOp op) {
    return op == Expr.BinaryOp.ADD ? "plus" : "minus";
  }

  /** The whole days of a duration literal (possibly negated), or null for anything else. */
  private static Long literalDays(Expr e) {
    if (e instanceof Expr.DurationLit d && d.value().toSeconds() % 86_400 == 0) {
      return d.value().toDays();
    }
    if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEGATE) {
      Long inner = literalDays(u.operand());
      return inner == null ? null : -inner;
    }
    return null;
  }

  private static CodeBlock operandOf(JExpr x) {
    return operand(x, PRIMARY);
  }

  /** An operand at a place that needs at least {@code precedence}: parenthesized when it binds more loosely. */
  static CodeBlock operand(JExpr x, int precedence) {
    return x.precedence() >= precedence ? x.code() : JavaCode.of("($L)", x.code());
  }
}
