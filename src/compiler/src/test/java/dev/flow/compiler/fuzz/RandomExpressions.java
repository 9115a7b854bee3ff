package dev.flow.compiler.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random well-typed Flow expressions, printed with as few parentheses as Flow's precedence
 * (LANGUAGE.md §5) allows, plus some extra ones, so that the generator's own parenthesising is
 * what is tested.
 */
public final class RandomExpressions {
  /** Precedence levels, loosest first (docs/language.md §6); the semantic differential uses them too. */
  public static final int OR = 1;
  public static final int AND = 2;
  public static final int NOT = 3;
  public static final int CMP = 4;
  public static final int COALESCE = 5;
  public static final int ADD = 6;
  public static final int MUL = 7;
  public static final int UNARY = 8;
  public static final int PRIMARY = 9;

  /** An expression's text and the precedence of its outermost operator. */
  record E(String text, int prec) {}

  private final Random random;
  private final List<FType> enums;

  RandomExpressions(Random random, List<FType> enums) {
    this.random = random;
    this.enums = enums;
  }

  /** A value in scope: a name (or path) and its type. */
  record Value(String path, FType type) {}

  /** An expression of type {@code t} over the values in scope. */
  String of(FType t, List<Value> scope, int depth) {
    return expr(t, scope, depth).text;
  }

  E expr(FType t, List<Value> scope, int depth) {
    if (t.isOptional() && t.inner().kind() == FType.Kind.RECORD) {
      List<Value> inner = matching(t.inner(), scope);
      return inner.isEmpty() || random.nextBoolean() ? new E("none", PRIMARY) : new E(inner.get(0).path(), PRIMARY);
    }
    List<Value> matching = matching(t, scope);
    if (!matching.isEmpty() && (t.kind() == FType.Kind.RECORD || random.nextInt(3) == 0)) {
      return new E(matching.get(random.nextInt(matching.size())).path(), PRIMARY);
    }
    E e = depth <= 0 ? leaf(t, scope) : compound(t, scope, depth - 1);
    return random.nextInt(8) == 0 ? new E("(" + e.text + ")", PRIMARY) : e;
  }

  private List<Value> matching(FType t, List<Value> scope) {
    List<Value> out = new ArrayList<>();
    for (Value v : scope) {
      if (v.type().equals(t)) {
        out.add(v);
      }
      if (v.type().kind() == FType.Kind.RECORD) {
        for (FType.Field f : v.type().fields()) {
          if (f.type().equals(t)) {
            out.add(new Value(v.path() + "." + f.name(), f.type()));
          }
        }
      }
    }
    return out;
  }

  private E leaf(FType t, List<Value> scope) {
    return switch (t.kind()) {
      case TEXT -> new E("\"" + HostileText.flowString(HostileText.text(random)) + "\"", PRIMARY);
      case INT -> new E(Integer.toString(random.nextInt(1000)), PRIMARY);
      case DECIMAL -> new E(random.nextInt(100) + "." + random.nextInt(100), PRIMARY);
      case BOOL -> new E(random.nextBoolean() ? "true" : "false", PRIMARY);
      case DATE -> new E(random.nextBoolean() ? "today()"
          : "2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10), PRIMARY);
      case TIMESTAMP -> new E("now()", PRIMARY);
      case DURATION -> new E(List.of("1d", "2h", "30m", "1d12h", "2w", "45s").get(random.nextInt(6)), PRIMARY);
      case LIST -> new E("[" + of(t.inner(), scope, 0) + "]", PRIMARY);
      case OPTIONAL -> random.nextBoolean() ? new E("none", PRIMARY) : leaf(t.inner(), scope);
      case ENUM -> new E(t.name() + "." + t.fields().get(random.nextInt(t.fields().size())).name(), PRIMARY);
      case RECORD -> throw new IllegalStateException("no literal of a record");
    };
  }

  private E compound(FType t, List<Value> scope, int depth) {
    switch (t.kind()) {
      case TEXT -> {
        return switch (random.nextInt(5)) {
          case 0 -> call(List.of("lower", "upper", "trim").get(random.nextInt(3)), expr(t, scope, depth));
          case 1 -> coalesce(t, scope, depth);
          default -> interpolation(scope, depth);
        };
      }
      case INT -> {
        return switch (random.nextInt(6)) {
          case 0 -> binary(ADD, random.nextBoolean() ? "+" : "-", expr(t, scope, depth), expr(t, scope, depth));
          case 1 -> binary(MUL, "*", expr(t, scope, depth), expr(t, scope, depth));
          case 2 -> unary("-", expr(t, scope, depth));
          case 3 -> call("size", random.nextBoolean()
              ? expr(FType.TEXT, scope, depth) : expr(FType.list(FType.INT), scope, depth));
          case 4 -> coalesce(t, scope, depth);
          default -> leaf(t, scope);
        };
      }
      case DECIMAL -> {
        return switch (random.nextInt(4)) {
          case 0 -> binary(ADD, random.nextBoolean() ? "+" : "-", expr(t, scope, depth), expr(FType.INT, scope, depth));
          case 1 -> binary(MUL, random.nextBoolean() ? "*" : "/", expr(FType.INT, scope, depth), expr(t, scope, depth));
          case 2 -> unary("-", expr(t, scope, depth));
          default -> leaf(t, scope);
        };
      }
      case BOOL -> {
        return bool(scope, depth);
      }
      case DATE -> {
        return binary(ADD, random.nextBoolean() ? "+" : "-", expr(t, scope, depth), new E("1d", PRIMARY));
      }
      case TIMESTAMP -> {
        return binary(ADD, random.nextBoolean() ? "+" : "-", expr(t, scope, depth), expr(FType.DURATION, scope, depth));
      }
      case DURATION -> {
        return random.nextBoolean()
            ? binary(MUL, "*", expr(t, scope, depth), expr(FType.INT, scope, depth))
            : binary(ADD, "+", expr(t, scope, depth), expr(t, scope, depth));
      }
      case LIST -> {
        int n = 1 + random.nextInt(3);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          items.add(of(t.inner(), scope, depth));
        }
        return new E("[" + String.join(", ", items) + "]", PRIMARY);
      }
      case OPTIONAL -> {
        return random.nextInt(3) == 0 ? coalesce(t, scope, depth) : expr(t.inner(), scope, depth);
      }
      default -> {
        return leaf(t, scope);
      }
    }
  }

  private E bool(List<Value> scope, int depth) {
    return switch (random.nextInt(10)) {
      case 0 -> binary(OR, "or", expr(FType.BOOL, scope, depth), expr(FType.BOOL, scope, depth));
      case 1 -> binary(AND, "and", expr(FType.BOOL, scope, depth), expr(FType.BOOL, scope, depth));
      case 2 -> prefix(NOT, "not ", expr(FType.BOOL, scope, depth));
      case 3 -> compare(List.of("<", "<=", ">", ">=", "==", "!=").get(random.nextInt(6)),
          expr(FType.INT, scope, depth), expr(random.nextBoolean() ? FType.INT : FType.DECIMAL, scope, depth));
      case 4 -> compare(random.nextBoolean() ? "==" : "!=", expr(FType.TEXT, scope, depth), expr(FType.TEXT, scope, depth));
      case 5 -> {
        FType element = random.nextBoolean() ? FType.TEXT : FType.INT;
        yield compare("in", expr(element, scope, depth), expr(FType.list(element), scope, depth));
      }
      case 6 -> {
        FType opt = FType.optional(FType.PRIMITIVES.get(random.nextInt(FType.PRIMITIVES.size())));
        yield compare(random.nextBoolean() ? "==" : "!=", expr(opt, scope, depth), new E("none", PRIMARY));
      }
      case 7 -> {
        if (enums.isEmpty()) {
          yield leaf(FType.BOOL, scope);
        }
        FType en = enums.get(random.nextInt(enums.size()));
        yield compare(random.nextBoolean() ? "==" : "!=", expr(en, scope, depth), expr(en, scope, depth));
      }
      case 8 -> compare(List.of("<", ">=", "==").get(random.nextInt(3)),
          expr(FType.DATE, scope, depth), expr(FType.DATE, scope, depth));
      default -> coalesce(FType.BOOL, scope, depth);
    };
  }

  private E interpolation(List<Value> scope, int depth) {
    StringBuilder out = new StringBuilder("\"");
    int parts = 1 + random.nextInt(3);
    for (int i = 0; i < parts; i++) {
      out.append(HostileText.flowString(HostileText.text(random)));
      FType any = pick(scope);
      out.append('{').append(of(any, scope, depth)).append('}');
    }
    out.append(HostileText.flowString(HostileText.text(random))).append('"');
    return new E(out.toString(), PRIMARY);
  }

  /** Any type that has values: a primitive, a list, an optional or an enum. */
  FType pick(List<Value> scope) {
    int n = random.nextInt(12);
    if (n < FType.PRIMITIVES.size()) {
      return FType.PRIMITIVES.get(n);
    } else if (n == 7) {
      return FType.list(FType.PRIMITIVES.get(random.nextInt(FType.PRIMITIVES.size())));
    } else if (n == 8) {
      return FType.optional(FType.PRIMITIVES.get(random.nextInt(FType.PRIMITIVES.size())));
    } else if (n == 9 && !enums.isEmpty()) {
      return enums.get(random.nextInt(enums.size()));
    } else if (n == 10 && !scope.isEmpty()) {
      FType t = scope.get(random.nextInt(scope.size())).type();
      return t;
    }
    return FType.TEXT;
  }

  private E coalesce(FType t, List<Value> scope, int depth) {
    FType value = t.isOptional() ? t.inner() : t;
    List<Value> optionals = matching(FType.optional(value), scope);
    if (optionals.isEmpty()) {
      return leaf(t, scope);
    }
    E left = new E(optionals.get(random.nextInt(optionals.size())).path(), PRIMARY);
    E right = expr(t, scope, depth);
    return new E(operand(left, COALESCE + 1) + " ?? " + operand(right, COALESCE), COALESCE);
  }

  private E binary(int prec, String op, E left, E right) {
    return new E(operand(left, prec) + " " + op + " " + operand(right, prec + 1), prec);
  }

  private E compare(String op, E left, E right) {
    return new E(operand(left, CMP + 1) + " " + op + " " + operand(right, CMP + 1), CMP);
  }

  private E prefix(int prec, String op, E operand) {
    return new E(op + operand(operand, prec), prec);
  }

  private E unary(String op, E operand) {
    String text = operand(operand, UNARY);
    return new E(op + (text.startsWith("-") ? "(" + text + ")" : text), UNARY);
  }

  private static E call(String function, E argument) {
    return new E(function + "(" + argument.text + ")", PRIMARY);
  }

  private static String operand(E e, int atLeast) {
    return e.prec >= atLeast ? e.text : "(" + e.text + ")";
  }

  /** Values of a map as scope entries. */
  static List<Value> values(Map<String, FType> named) {
    return named.entrySet().stream().map(e -> new Value(e.getKey(), e.getValue())).toList();
  }
}
