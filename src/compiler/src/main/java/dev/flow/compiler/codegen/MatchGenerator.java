package dev.flow.compiler.codegen;

import com.palantir.javapoet.CodeBlock;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.types.Type;
import dev.flow.compiler.codegen.ExpressionGenerator.JExpr;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code match}: on an enum, a Java {@code switch} with one {@code case} per arm
 * ({@code case Growth, Enterprise -> { … }}, {@code default} for {@code else}); on {@code Text},
 * {@code Int} or {@code Decimal}, an {@code if}/{@code else if} chain that compares the subject with
 * {@code equals}, {@code ==}, {@code <} … or {@code compareTo}, in the order of the arms. A
 * subject that is more than a name or a path of fields is computed once, into a local.
 */
final class MatchGenerator {
  private final JavaModel java;
  private final SemanticModel model;
  private final StatementGenerator statements;
  private final ExpressionGenerator expressions;

  MatchGenerator(JavaModel java, StatementGenerator statements) {
    this.java = java;
    this.model = java.model();
    this.statements = statements;
    this.expressions = statements.expressions();
  }

  StatementGenerator.Code match(Stmt.Match m, Scope scope) {
    Type subject = Type.required(model.typeOf(m.subject()));
    if (subject instanceof Type.Declared d && d.decl() instanceof Decl.EnumDecl en) {
      return enumSwitch(m, en, scope);
    }
    return literalChain(m, subject, scope);
  }

  private StatementGenerator.Code enumSwitch(Stmt.Match m, Decl.EnumDecl en, Scope scope) {
    CodeBlock.Builder out = CodeBlock.builder();
    out.beginControlFlow("switch ($L)", expressions.expr(m.subject(), scope).code());
    boolean completes = false;
    for (Stmt.MatchArm arm : m.arms()) {
      List<String> labels = new ArrayList<>();
      for (Stmt.Pattern p : arm.patterns()) {
        labels.add(java.constant(en, ((Stmt.ConstantPattern) p).constant().text()));
      }
      out.add(JavaCode.of("case $L -> {\n$>", String.join(", ", labels)));
      StatementGenerator.Code body = statements.arm(arm.body(), scope);
      out.add(body.block()).add("$<}\n");
      completes |= body.completes();
    }
    if (m.otherwise().isPresent()) {
      out.add("default -> {\n$>");
      StatementGenerator.Code body = statements.arm(m.otherwise().get(), scope);
      out.add(body.block()).add("$<}\n");
      completes |= body.completes();
    } else {
      completes = true; // without default, a switch statement can complete normally
    }
    out.endControlFlow();
    return new StatementGenerator.Code(out.build(), completes);
  }

  private StatementGenerator.Code literalChain(Stmt.Match m, Type subjectType, Scope scope) {
    CodeBlock.Builder out = CodeBlock.builder();
    JExpr subject = expressions.expr(m.subject(), scope);
    CodeBlock value = subject.code();
    if (!isPath(m.subject())) {
      String local = scope.local("subject");
      out.addStatement(JavaCode.of("$T $L = $L", subject.type(), local, subject.code()));
      value = JavaCode.of("$L", local);
    } else {
      value = ExpressionGenerator.operand(subject, ExpressionGenerator.PRIMARY);
    }
    boolean completes = false;
    for (int a = 0; a < m.arms().size(); a++) {
      Stmt.MatchArm arm = m.arms().get(a);
      List<CodeBlock> tests = new ArrayList<>();
      for (Stmt.Pattern p : arm.patterns()) {
        tests.add(test(value, p, subjectType));
      }
      CodeBlock condition = CodeBlock.join(tests, " || ");
      if (a == 0) {
        out.beginControlFlow("if ($L)", condition);
      } else {
        out.nextControlFlow("else if ($L)", condition);
      }
      StatementGenerator.Code body = statements.arm(arm.body(), scope);
      out.add(body.block());
      completes |= body.completes();
    }
    if (m.arms().isEmpty()) {
      // only `else`: its statements, in a block of their own
      StatementGenerator.Code body = statements.arm(m.otherwise().orElseThrow(), scope);
      out.add("{\n$>").add(body.block()).add("$<}\n");
      return new StatementGenerator.Code(out.build(), body.completes());
    }
    if (m.otherwise().isPresent()) {
      out.nextControlFlow("else");
      StatementGenerator.Code body = statements.arm(m.otherwise().get(), scope);
      out.add(body.block());
      completes |= body.completes();
    } else {
      completes = true;
    }
    out.endControlFlow();
    return new StatementGenerator.Code(out.build(), completes);
  }

  /**
   * A literal or comparison pattern as a Java test of the subject: {@code subject.equals("DE")},
   * {@code subject == 5L}, {@code subject < 1000L}; on a {@code Decimal} subject by
   * {@code compareTo} ({@code subject.compareTo(new BigDecimal("1000")) < 0}), so {@code 1000}
   * and {@code 1000.00} are equal.
   */
  static CodeBlock test(CodeBlock subject, Stmt.Pattern pattern, Type subjectType) {
    String operator = pattern instanceof Stmt.RangePattern r ? r.operator() : "==";
    Expr literal = pattern instanceof Stmt.RangePattern r ? r.bound() : ((Stmt.LiteralPattern) pattern).literal();
    if (subjectType == Type.TEXT) {
      return JavaCode.of("$L.equals($L)", subject, JavaText.string(((Expr.StringLit) literal).plainText()));
    }
    if (subjectType == Type.DECIMAL) {
      BigDecimal bound = literal instanceof Expr.DecimalLit d ? d.value() : BigDecimal.valueOf(((Expr.IntLit) literal).value());
      return JavaCode.of("$L.compareTo($L) $L 0", subject, JavaLiterals.decimal(bound), operator);
    }
    return JavaCode.of("$L $L $L", subject, operator, integer(literal));
  }

  private static CodeBlock integer(Expr literal) {
    if (literal instanceof Expr.Unary u && u.operand() instanceof Expr.IntLit i) {
      return JavaCode.of("-$LL", i.value());
    }
    return JavaLiterals.integer(((Expr.IntLit) literal).value());
  }

  /** A name or a path of fields: cheap to read again in every test. */
  private static boolean isPath(Expr e) {
    if (e instanceof Expr.FieldAccess f) {
      return isPath(f.target());
    }
    return e instanceof Expr.NameRef;
  }
}
