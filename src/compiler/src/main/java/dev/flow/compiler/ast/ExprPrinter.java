package dev.flow.compiler.ast;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints expressions back as Flow source: what the parser reads back as the same tree. Parentheses
 * appear only where precedence needs them (the AST does not keep the user's), strings get their
 * escapes and interpolations back, and literals keep their written form where the AST still has
 * it ({@code 10_000}, {@code 12.50}, {@code 1d12h}). Used wherever a generator shows an expression
 * to a person: diagram labels, documentation, comments in generated code.
 */
public final class ExprPrinter {
  private ExprPrinter() {}

  // Binding strength, loosest first (LANGUAGE.md §5).
  private static final int OR = 1;
  private static final int AND = 2;
  private static final int NOT = 3;
  private static final int COMPARE = 4;
  private static final int ELVIS = 5;
  private static final int ADD = 6;
  private static final int MUL = 7;
  private static final int NEGATE = 8;
  private static final int POSTFIX = 9;

  /** The expression as Flow source. */
  public static String print(Expr expr) {
    StringBuilder out = new StringBuilder();
    print(expr, out);
    return out.toString();
  }

  /** A {@code match} pattern as written: {@code Essentials}, {@code "DE"}, {@code -1}, {@code < 1000}. */
  public static String print(Stmt.Pattern pattern) {
    if (pattern instanceof Stmt.ConstantPattern c) {
      return c.constant().text();
    }
    if (pattern instanceof Stmt.RangePattern r) {
      return r.operator() + " " + print(r.bound());
    }
    return print(((Stmt.LiteralPattern) pattern).literal());
  }

  /**
   * The text of a string literal without its quotes, interpolations as {@code {expr}}:
   * {@code Welcome, {intake.client}!}. Escapes are resolved (a newline is a newline), so this is
   * for showing a message to a person, not for reading back.
   */
  public static String template(Expr.StringLit string) {
    StringBuilder out = new StringBuilder();
    for (Expr.StringPart part : string.parts()) {
      if (part instanceof Expr.TextPart t) {
        out.append(t.text());
      } else {
        out.append('{');
        print(((Expr.Interpolation) part).expr(), out);
        out.append('}');
      }
    }
    return out.toString();
  }

  /** What to show for a message: the template of a string literal, any other expression as source. */
  public static String message(Expr expr) {
    return expr instanceof Expr.StringLit s ? template(s) : print(expr);
  }

  private static void print(Expr expr, StringBuilder out) {
    if (expr instanceof Expr.IntLit i) {
      out.append(numberAsWritten(i.span().text(), BigDecimal.valueOf(i.value()), i.value()));
    } else if (expr instanceof Expr.DecimalLit d) {
      out.append(numberAsWritten(d.span().text(), d.value(), d.value().toPlainString()));
    } else if (expr instanceof Expr.BoolLit b) {
      out.append(b.value());
    } else if (expr instanceof Expr.NoneLit) {
      out.append("none");
    } else if (expr instanceof Expr.DurationLit d) {
      out.append(d.text());
    } else if (expr instanceof Expr.DateLit d) {
      out.append(d.value());
    } else if (expr instanceof Expr.TimestampLit t) {
      out.append(t.text());
    } else if (expr instanceof Expr.StringLit s) {
      string(s, out);
    } else if (expr instanceof Expr.NameRef n) {
      out.append(n.name().text());
    } else if (expr instanceof Expr.FieldAccess f) {
      operand(f.target(), POSTFIX, out);
      out.append('.').append(f.field().text());
    } else if (expr instanceof Expr.FunctionCall c) {
      out.append(c.function().text()).append('(');
      list(c.arguments(), out);
      out.append(')');
    } else if (expr instanceof Expr.Construct k) {
      out.append(k.type().text()).append('(');
      for (int i = 0; i < k.arguments().size(); i++) {
        out.append(i > 0 ? ", " : "").append(k.arguments().get(i).name().text()).append(": ");
        print(k.arguments().get(i).value(), out);
      }
      out.append(')');
    } else if (expr instanceof Expr.ListLit l) {
      out.append('[');
      list(l.elements(), out);
      out.append(']');
    } else if (expr instanceof Expr.Unary u) {
      unary(u, out);
    } else if (expr instanceof Expr.Collected c) {
      out.append("for each ").append(c.loop().variable().text()).append(" in ");
      print(c.loop().iterable(), out);
      out.append(c.loop().parallel() ? " in parallel" : "");
    } else {
      binary((Expr.Binary) expr, out);
    }
  }

  private static void unary(Expr.Unary u, StringBuilder out) {
    if (u.op() == Expr.UnaryOp.NOT) {
      out.append("not ");
      operand(u.operand(), NOT, out);
      return;
    }
    out.append('-');
    // `- -x` would read as one token in many eyes; `-(-x)` is unambiguous.
    boolean negative = u.operand() instanceof Expr.Unary inner && inner.op() == Expr.UnaryOp.NEGATE
        || u.operand() instanceof Expr.IntLit i && i.value() < 0
        || u.operand() instanceof Expr.DecimalLit d && d.value().signum() < 0;
    if (negative) {
      out.append('(');
      print(u.operand(), out);
      out.append(')');
    } else {
      operand(u.operand(), NEGATE, out);
    }
  }

  private static void binary(Expr.Binary b, StringBuilder out) {
    int level = level(b);
    // Every operator but `??` groups to the left: its right operand needs parentheses at its own
    // level (`a - (b - c)`); `??` groups to the right, so its left operand does (`(a ?? b) ?? c`).
    boolean rightAssociative = b.op() == Expr.BinaryOp.ELVIS;
    operand(b.left(), rightAssociative ? level + 1 : level, out);
    out.append(' ').append(b.op().symbol()).append(' ');
    operand(b.right(), rightAssociative ? level : level + 1, out);
  }

  /** Prints {@code operand}, in parentheses when it binds more loosely than {@code required}. */
  private static void operand(Expr operand, int required, StringBuilder out) {
    if (level(operand) < required) {
      out.append('(');
      print(operand, out);
      out.append(')');
    } else {
      print(operand, out);
    }
  }

  private static int level(Expr expr) {
    if (expr instanceof Expr.Binary b) {
      return switch (b.op()) {
        case OR -> OR;
        case AND -> AND;
        case EQ, NE, LT, LE, GT, GE, IN -> COMPARE;
        case ELVIS -> ELVIS;
        case ADD, SUB -> ADD;
        case MUL, DIV -> MUL;
      };
    }
    if (expr instanceof Expr.Unary u) {
      return u.op() == Expr.UnaryOp.NOT ? NOT : NEGATE;
    }
    if (expr instanceof Expr.IntLit i && i.value() < 0 || expr instanceof Expr.DecimalLit d && d.value().signum() < 0) {
      return NEGATE; // only match patterns hold negative literals; `-1` reads as a negation
    }
    return POSTFIX;
  }

  private static void list(List<Expr> items, StringBuilder out) {
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      print(items.get(i), out);
    }
  }

  private static void string(Expr.StringLit s, StringBuilder out) {
    out.append('"');
    for (Expr.StringPart part : s.parts()) {
      if (part instanceof Expr.TextPart t) {
        escape(t.text(), out);
      } else {
        out.append('{');
        print(((Expr.Interpolation) part).expr(), out);
        out.append('}');
      }
    }
    out.append('"');
  }

  private static void escape(String text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '{' -> out.append("\\{");
        default -> out.append(c);
      }
    }
  }

  /**
   * A number as the user wrote it ({@code 10_000}, {@code 12.50}) when the span still holds
   * exactly that literal, otherwise {@code fallback}.
   */
  private static String numberAsWritten(String written, BigDecimal value, Object fallback) {
    String digits = written.replace("_", "");
    if (!digits.isEmpty() && digits.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '-')) {
      try {
        if (new BigDecimal(digits).compareTo(value) == 0 && new BigDecimal(digits).scale() == value.scale()) {
          return written;
        }
      } catch (NumberFormatException e) {
        // not the literal's own text: fall back to the value
      }
    }
    return String.valueOf(fallback);
  }

  /** The names, joined with {@code ", "}. */
  public static String names(List<Name> names) {
    return names.stream().map(Name::text).collect(Collectors.joining(", "));
  }
}
