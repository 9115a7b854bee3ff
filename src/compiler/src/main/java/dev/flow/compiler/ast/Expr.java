package dev.flow.compiler.ast;

import dev.flow.compiler.source.SourceSpan;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** An expression. */
public sealed interface Expr extends Node {

  /** The expressions directly inside {@code e}, in source order. */
  static List<Expr> children(Expr e) {
    if (e instanceof FieldAccess f) {
      return List.of(f.target());
    } else if (e instanceof FunctionCall c) {
      return c.arguments();
    } else if (e instanceof Construct k) {
      return k.arguments().stream().map(Argument::value).toList();
    } else if (e instanceof ListLit l) {
      return l.elements();
    } else if (e instanceof Unary u) {
      return List.of(u.operand());
    } else if (e instanceof Binary b) {
      return List.of(b.left(), b.right());
    } else if (e instanceof StringLit s) {
      return s.parts().stream().filter(p -> p instanceof Interpolation).map(p -> ((Interpolation) p).expr()).toList();
    }
    return List.of();
  }

  record IntLit(long value, SourceSpan span) implements Expr {}

  record DecimalLit(BigDecimal value, SourceSpan span) implements Expr {}

  record BoolLit(boolean value, SourceSpan span) implements Expr {}

  record NoneLit(SourceSpan span) implements Expr {}

  /** A duration literal; {@code text} as written. */
  record DurationLit(Duration value, String text, SourceSpan span) implements Expr {
    public boolean hasTimeOfDay() {
      return value.toSeconds() % 86_400 != 0;
    }
  }

  record DateLit(LocalDate value, SourceSpan span) implements Expr {}

  /** A timestamp literal {@code 2026-11-24T09:00:00Z}; {@code text} as written. */
  record TimestampLit(java.time.Instant value, String text, SourceSpan span) implements Expr {}

  /** A piece of a string: literal text (escapes resolved) or an interpolated expression. */
  sealed interface StringPart extends Node {}

  record TextPart(String text, SourceSpan span) implements StringPart {}

  record Interpolation(Expr expr, SourceSpan span) implements StringPart {}

  /** A string literal, possibly with interpolations. */
  record StringLit(List<StringPart> parts, SourceSpan span) implements Expr {
    public StringLit {
      parts = List.copyOf(parts);
    }

    /** Whether it has no interpolation. */
    public boolean isPlain() {
      for (StringPart p : parts) {
        if (!(p instanceof TextPart)) {
          return false;
        }
      }
      return true;
    }

    /** The text of a plain string (interpolations left out). */
    public String plainText() {
      if (parts.size() == 1 && parts.get(0) instanceof TextPart t) {
        return t.text();
      }
      StringBuilder s = new StringBuilder();
      for (StringPart p : parts) {
        if (p instanceof TextPart t) {
          s.append(t.text());
        }
      }
      return s.toString();
    }
  }

  /** A bare name: a variable, input, step result, or a declaration (role, enum, …). */
  record NameRef(Name name, SourceSpan span) implements Expr {}

  /** {@code target.field}: a field of a record, result or event, or an enum constant. */
  record FieldAccess(Expr target, Name field, SourceSpan span) implements Expr {}

  /** A built-in function call: {@code size(items)}. */
  record FunctionCall(Name function, List<Expr> arguments, SourceSpan span) implements Expr {
    public FunctionCall {
      arguments = List.copyOf(arguments);
    }
  }

  /**
   * A record or event built from its fields: {@code Document(name: "x", url: none, pages: 2)}.
   * ({@code Document()} without arguments parses as a {@link FunctionCall}; the checker reads it
   * as a construction when the name is a record or event.)
   */
  record Construct(Name type, List<Argument> arguments, SourceSpan span) implements Expr {
    public Construct {
      arguments = List.copyOf(arguments);
    }
  }

  /** A list literal {@code [a, b]}. */
  record ListLit(List<Expr> elements, SourceSpan span) implements Expr {
    public ListLit {
      elements = List.copyOf(elements);
    }
  }

  /**
   * The list a collecting loop made: the value of {@code let NAME = for each … { …; yield VALUE }},
   * whose loop is the statement just before the {@code let} in the same block.
   */
  record Collected(Stmt.ForEach loop, SourceSpan span) implements Expr {}

  enum UnaryOp {
    NEGATE("-"),
    NOT("not");

    private final String symbol;

    UnaryOp(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  record Unary(UnaryOp op, Expr operand, SourceSpan opSpan, SourceSpan span) implements Expr {}

  enum BinaryOp {
    MUL("*"),
    DIV("/"),
    ADD("+"),
    SUB("-"),
    ELVIS("??"),
    EQ("=="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    IN("in"),
    AND("and"),
    OR("or");

    private final String symbol;

    BinaryOp(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public boolean isComparison() {
      return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
    }

    public boolean isArithmetic() {
      return this == MUL || this == DIV || this == ADD || this == SUB;
    }
  }

  /** {@code left op right}; {@code opSpan} is the operator token. */
  record Binary(BinaryOp op, Expr left, Expr right, SourceSpan opSpan, SourceSpan span) implements Expr {}
}
