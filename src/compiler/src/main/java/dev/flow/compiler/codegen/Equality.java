package dev.flow.compiler.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.types.Type;
import dev.flow.compiler.codegen.ExpressionGenerator.JExpr;

/**
 * Flow's {@code ==}, {@code !=} and {@code in} in Java: {@code ==} where Java's is right
 * (primitives, enum constants, {@code none}), {@code equals} for text and time values that are
 * never {@code none}, {@code Objects.equals} where either may be, and {@code Expressions.equal}
 * where Flow compares by value and Java would not (decimals, a mix of {@code Int} and
 * {@code Decimal}, lists, records).
 */
final class Equality {
  private final ExpressionGenerator expressions;
  private final SemanticModel model;

  Equality(ExpressionGenerator expressions, SemanticModel model) {
    this.expressions = expressions;
    this.model = model;
  }

  JExpr equal(Expr.Binary b, boolean negate, Scope scope) {
    JExpr l = expressions.expr(b.left(), scope);
    JExpr r = expressions.expr(b.right(), scope);
    Type lt = model.typeOf(b.left());
    Type rt = model.typeOf(b.right());
    boolean leftNone = b.left() instanceof Expr.NoneLit || lt == Type.NONE;
    boolean rightNone = b.right() instanceof Expr.NoneLit || rt == Type.NONE;
    if (leftNone && rightNone) {
      return JExpr.primary(TypeName.BOOLEAN, "$L", !negate);
    }
    if (leftNone || rightNone) {
      return isNone(leftNone ? r : l, negate);
    }
    Type a = Type.required(lt);
    Type c = Type.required(rt);
    boolean nullable = lt.isOptional() || rt.isOptional();
    if ((a == Type.INT && c == Type.INT || a == Type.BOOL && c == Type.BOOL) && !nullable
        && (l.type().isPrimitive() || r.type().isPrimitive())) {
      return operator(l, r, negate);
    }
    if (a == Type.INT && c == Type.INT || a == Type.BOOL && c == Type.BOOL) {
      return call(JavaCode.of("$T.equals($L, $L)", RuntimeTypes.OBJECTS, l.code(), r.code()), negate);
    }
    if (isEnum(a) && isEnum(c)) {
      return operator(l, r, negate);
    }
    if (a == Type.TEXT || a == Type.DATE || a == Type.TIMESTAMP || a == Type.DURATION) {
      if (!lt.isOptional()) {
        return call(JavaCode.of("$L.equals($L)", ExpressionGenerator.operand(l, ExpressionGenerator.PRIMARY), r.code()),
            negate);
      }
      if (!rt.isOptional()) {
        return call(JavaCode.of("$L.equals($L)", ExpressionGenerator.operand(r, ExpressionGenerator.PRIMARY), l.code()),
            negate);
      }
      return call(JavaCode.of("$T.equals($L, $L)", RuntimeTypes.OBJECTS, l.code(), r.code()), negate);
    }
    return call(JavaCode.of("$T.equal($L, $L)", RuntimeTypes.EXPRESSIONS, l.code(), r.code()), negate);
  }

  /** {@code x in list}: {@code list.contains(x)} where Java's equality is Flow's, else {@code Expressions.in}. */
  JExpr in(Expr.Binary b, Scope scope) {
    JExpr x = expressions.expr(b.left(), scope);
    JExpr list = expressions.expr(b.right(), scope);
    Type value = Type.required(model.typeOf(b.left()));
    Type listType = Type.required(model.typeOf(b.right()));
    Type element = listType instanceof Type.ListOf l ? Type.required(l.element()) : Type.ERROR;
    boolean javaEquals = value.equals(element) && (element == Type.TEXT || element == Type.INT || element == Type.BOOL
        || element == Type.DATE || element == Type.TIMESTAMP || element == Type.DURATION || isEnum(element));
    if (javaEquals) {
      return JExpr.primary(TypeName.BOOLEAN, "$L.contains($L)",
          ExpressionGenerator.operand(list, ExpressionGenerator.PRIMARY), x.code());
    }
    return JExpr.primary(TypeName.BOOLEAN, "$T.in($L, $L)", RuntimeTypes.EXPRESSIONS, x.code(), list.code());
  }

  /** {@code x == none}: {@code x == null}; a primitive is never {@code none}. */
  private static JExpr isNone(JExpr x, boolean negate) {
    if (x.type().isPrimitive()) {
      return JExpr.primary(TypeName.BOOLEAN, "$L", negate);
    }
    return new JExpr(JavaCode.of("$L $L null", ExpressionGenerator.operand(x, ExpressionGenerator.RELATIONAL),
        negate ? "!=" : "=="), TypeName.BOOLEAN, ExpressionGenerator.EQUALITY);
  }

  private static JExpr operator(JExpr l, JExpr r, boolean negate) {
    return new JExpr(JavaCode.of("$L $L $L", ExpressionGenerator.operand(l, ExpressionGenerator.RELATIONAL),
        negate ? "!=" : "==", ExpressionGenerator.operand(r, ExpressionGenerator.RELATIONAL)),
        TypeName.BOOLEAN, ExpressionGenerator.EQUALITY);
  }

  private static JExpr call(CodeBlock call, boolean negate) {
    return negate
        ? new JExpr(JavaCode.of("!$L", call), TypeName.BOOLEAN, ExpressionGenerator.UNARY)
        : new JExpr(call, TypeName.BOOLEAN, ExpressionGenerator.PRIMARY);
  }

  private static boolean isEnum(Type t) {
    return t instanceof Type.Declared d && d.decl() instanceof Decl.EnumDecl;
  }
}
