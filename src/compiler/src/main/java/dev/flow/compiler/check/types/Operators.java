package dev.flow.compiler.check.types;

import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;

/**
 * The typing rules of the operators (LANGUAGE.md §5), given the types of the operands.
 * Operands an operator does not accept are E206, reported at the operator; an optional operand
 * whose value the operator would accept is E204, at the operand. A comparison, {@code in},
 * {@code and}, {@code or} and {@code not} give {@code Bool} even when their operands are wrong,
 * so that one mistake gives one diagnostic; arithmetic on wrong operands gives the error type.
 */
final class Operators {
  private final Diagnostics sink;

  Operators(Diagnostics sink) {
    this.sink = sink;
  }

  Type unary(Expr.Unary u, Type t) {
    if (u.op() == Expr.UnaryOp.NOT) {
      if (t.isError() || t == Type.BOOL) {
        return Type.BOOL;
      }
      if (t.equals(Type.optional(Type.BOOL))) {
        sink.add(Expect.optional(u.operand(), t, "Bool"));
      } else {
        sink.add(Diagnostic.of(Code.E206, u.opSpan(), "operator `not` cannot be applied to `" + t.display() + "`")
            .withHelp("`not` negates a `Bool`"));
      }
      return Type.BOOL;
    }
    if (t.isError()) {
      return Type.ERROR;
    }
    Type r = Type.required(t);
    if (r == Type.INT || r == Type.DECIMAL || r == Type.DURATION) {
      if (t.isOptional()) {
        sink.add(Expect.optional(u.operand(), t, r.display()));
      }
      return r;
    }
    sink.add(Diagnostic.of(Code.E206, u.opSpan(), "operator `-` cannot be applied to `" + t.display() + "`")
        .withHelp("`-` negates an `Int`, a `Decimal` or a `Duration`"));
    return Type.ERROR;
  }

  Type binary(Expr.Binary b, Type lt, Type rt) {
    return switch (b.op()) {
      case AND, OR -> logical(b, lt, rt);
      case EQ, NE -> {
        if (!Types.equatable(lt, rt)) {
          sink.add(cannot(b, lt, rt)
              .withHelp("`" + b.op().symbol() + "` compares two values of one type, or a value and `none`"));
        }
        yield Type.BOOL;
      }
      case LT, LE, GT, GE -> ordering(b, lt, rt);
      case IN -> membership(b, lt, rt);
      case ELVIS -> elvis(b, lt, rt);
      case ADD, SUB, MUL, DIV -> arithmetic(b, lt, rt);
    };
  }

  private Type logical(Expr.Binary b, Type lt, Type rt) {
    boolean wrong = false;
    for (int i = 0; i < 2; i++) {
      Expr operand = i == 0 ? b.left() : b.right();
      Type t = i == 0 ? lt : rt;
      if (t.isError() || t == Type.BOOL) {
        continue;
      }
      if (t.equals(Type.optional(Type.BOOL))) {
        sink.add(Expect.optional(operand, t, "Bool"));
      } else {
        wrong = true;
      }
    }
    if (wrong) {
      sink.add(cannot(b, lt, rt).withHelp("`" + b.op().symbol() + "` combines two `Bool` values"));
    }
    return Type.BOOL;
  }

  private Type ordering(Expr.Binary b, Type lt, Type rt) {
    if (!Types.ordered(Type.required(lt), Type.required(rt)) || lt == Type.NONE || rt == Type.NONE) {
      sink.add(cannot(b, lt, rt).withHelp(
          "`" + b.op().symbol() + "` orders two `Int`, `Decimal`, `Date`, `Timestamp` or `Duration` values"));
      return Type.BOOL;
    }
    optionalOperands(b, lt, rt);
    return Type.BOOL;
  }

  private Type membership(Expr.Binary b, Type lt, Type rt) {
    if (rt.isError()) {
      return Type.BOOL;
    }
    Type list = Type.required(rt);
    if (!(list instanceof Type.ListOf l)) {
      sink.add(cannot(b, lt, rt).withHelp("`in` tests whether a list holds a value: `x in [a, b]`"));
      return Type.BOOL;
    }
    if (rt.isOptional()) {
      sink.add(Expect.optional(b.right(), rt, list.display()));
    }
    if (!Types.equatable(lt, l.element())) {
      sink.add(cannot(b, lt, rt).withHelp("the value must have the type of the list's elements"));
    }
    return Type.BOOL;
  }

  /** {@code a ?? b}: {@code a} must be optional; {@code b} is a {@code T} (result {@code T}) or a {@code T?}. */
  private Type elvis(Expr.Binary b, Type lt, Type rt) {
    if (lt.isError()) {
      return rt.isError() ? Type.ERROR : Type.required(rt);
    }
    if (lt == Type.NONE) {
      return rt;
    }
    if (!lt.isOptional()) {
      sink.add(Diagnostic.of(Code.E206, b.opSpan(),
              "operator `??` cannot be applied to `" + lt.display() + "`: it is never `none`")
          .withHelp("`??` gives a default for an optional value; remove `?? …`"));
      return lt;
    }
    Type inner = Type.required(lt);
    if (rt.isError()) {
      return inner;
    }
    if (rt == Type.NONE) {
      return lt;
    }
    Type common = Types.unify(inner, Type.required(rt));
    if (common == null || common.isOptional()) {
      sink.add(Diagnostic.of(Code.E200, b.right().span(), Types.mismatch(inner, rt))
          .withHelp("the default after `??` must have the type of the optional value"));
      return inner;
    }
    return rt.isOptional() ? Type.optional(common) : common;
  }

  private Type arithmetic(Expr.Binary b, Type lt, Type rt) {
    if (lt.isError() || rt.isError()) {
      return Type.ERROR;
    }
    if (Type.required(lt) instanceof Type.ListOf || Type.required(rt) instanceof Type.ListOf) {
      return concatenation(b, lt, rt);
    }
    Type result = arithmetic(b.op(), Type.required(lt), Type.required(rt));
    if (result == null || lt == Type.NONE || rt == Type.NONE) {
      Diagnostic d = cannot(b, lt, rt);
      if (b.op() == Expr.BinaryOp.ADD && (Type.required(lt) == Type.TEXT || Type.required(rt) == Type.TEXT)) {
        d = d.withHelp("use interpolation: " + Interpolations.hint(b.left(), b.right()));
      }
      sink.add(d);
      return Type.ERROR;
    }
    optionalOperands(b, lt, rt);
    if (Type.required(lt) == Type.DATE && Type.required(rt) == Type.DURATION) {
      wholeDays(b.right());
    }
    return result;
  }

  /**
   * {@code items + [x]}, {@code a + b}: a new list, the left's elements then the right's. Both must
   * be lists of one element type ({@code T} and {@code T?} give {@code T?}); a lone element is
   * E206 with the fix of wrapping it in brackets.
   */
  private Type concatenation(Expr.Binary b, Type lt, Type rt) {
    Type l = Type.required(lt);
    Type r = Type.required(rt);
    if (b.op() != Expr.BinaryOp.ADD) {
      sink.add(cannot(b, lt, rt).withHelp("lists are joined with `+`; there is no `" + b.op().symbol() + "` on lists"));
      return Type.ERROR;
    }
    if (!(l instanceof Type.ListOf ll) || !(r instanceof Type.ListOf rl)) {
      Expr element = l instanceof Type.ListOf ? b.right() : b.left();
      String text = element.span().text();
      String hint = text.isEmpty() || text.length() > 40 || text.contains("\n") ? "…" : text;
      sink.add(cannot(b, lt, rt).withHelp("`+` joins two lists; to add one element, put it in a list: `"
          + (l instanceof Type.ListOf ? "… + [" + hint + "]" : "[" + hint + "] + …") + "`"));
      return Type.ERROR;
    }
    Type le = ll.element();
    Type re = rl.element();
    Type common = Types.unify(le, re);
    boolean same = le.isError() || re.isError() || le == Type.NONE || re == Type.NONE
        || Type.required(le).equals(Type.required(re));
    if (common == null || !same) {
      sink.add(cannot(b, lt, rt).withHelp("`+` joins two lists whose elements have one type"));
      return Type.ERROR;
    }
    optionalOperands(b, lt, rt);
    return new Type.ListOf(common);
  }

  /** The result of {@code a op b} for required operand types, or null when the operator does not apply. */
  static Type arithmetic(Expr.BinaryOp op, Type a, Type b) {
    boolean additive = op == Expr.BinaryOp.ADD || op == Expr.BinaryOp.SUB;
    if (Types.isNumeric(a) && Types.isNumeric(b)) {
      if (op == Expr.BinaryOp.DIV || a == Type.DECIMAL || b == Type.DECIMAL) {
        return Type.DECIMAL;
      }
      return Type.INT;
    }
    if (a == Type.TIMESTAMP && b == Type.DURATION && additive) {
      return Type.TIMESTAMP;
    }
    if (a == Type.TIMESTAMP && b == Type.TIMESTAMP && op == Expr.BinaryOp.SUB) {
      return Type.DURATION;
    }
    if (a == Type.DATE && b == Type.DURATION && additive) {
      return Type.DATE;
    }
    if (a == Type.DATE && b == Type.DATE && op == Expr.BinaryOp.SUB) {
      return Type.DURATION;
    }
    if (a == Type.DURATION && b == Type.DURATION && additive) {
      return Type.DURATION;
    }
    if (op == Expr.BinaryOp.MUL && (a == Type.DURATION && b == Type.INT || a == Type.INT && b == Type.DURATION)) {
      return Type.DURATION;
    }
    return null;
  }

  /** A date moves by whole days: a duration literal with hours, minutes or seconds is E206. */
  private void wholeDays(Expr duration) {
    Expr e = duration;
    while (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEGATE) {
      e = u.operand();
    }
    if (e instanceof Expr.DurationLit d && d.hasTimeOfDay()) {
      sink.add(Diagnostic.of(Code.E206, d.span(),
              "a `Date` moves by whole days, but `" + d.text() + "` has hours, minutes or seconds")
          .withHelp("use a number of days or weeks (`1d`, `2w`), or compute on a `Timestamp`"));
    }
  }

  private void optionalOperands(Expr.Binary b, Type lt, Type rt) {
    if (lt.isOptional()) {
      sink.add(Expect.optional(b.left(), lt, Type.required(lt).display()));
    }
    if (rt.isOptional()) {
      sink.add(Expect.optional(b.right(), rt, Type.required(rt).display()));
    }
  }

  private static Diagnostic cannot(Expr.Binary b, Type lt, Type rt) {
    return Diagnostic.of(Code.E206, b.opSpan(),
        "operator `" + b.op().symbol() + "` cannot be applied to `" + lt.display() + "` and `" + rt.display() + "`");
  }
}
