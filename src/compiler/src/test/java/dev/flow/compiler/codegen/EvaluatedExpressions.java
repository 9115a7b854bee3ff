package dev.flow.compiler.codegen;

import static dev.flow.compiler.fuzz.RandomExpressions.ADD;
import static dev.flow.compiler.fuzz.RandomExpressions.AND;
import static dev.flow.compiler.fuzz.RandomExpressions.CMP;
import static dev.flow.compiler.fuzz.RandomExpressions.COALESCE;
import static dev.flow.compiler.fuzz.RandomExpressions.MUL;
import static dev.flow.compiler.fuzz.RandomExpressions.NOT;
import static dev.flow.compiler.fuzz.RandomExpressions.OR;
import static dev.flow.compiler.fuzz.RandomExpressions.PRIMARY;
import static dev.flow.compiler.fuzz.RandomExpressions.UNARY;

import dev.flow.compiler.fuzz.HostileText;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Random Flow expressions together with their value, worked out by a small reference evaluator
 * written from docs/language.md ("Expressions", "Types and values", "Strings and interpolation"),
 * not from the generated Java or the runtime. Printed with as few parentheses as Flow's
 * precedence allows (plus a few extra), so that the parser's and the Java generator's precedence
 * and associativity are what is tested. Covers {@code Int}, {@code Decimal}, {@code Bool},
 * {@code Text} (hostile text, interpolation, {@code lower upper trim size}), {@code Duration},
 * {@code Date} (literals, {@code ±} whole days, differences, comparisons), optionals
 * ({@code ??}, {@code == none}) and lists ({@code in}, {@code size}, literals).
 *
 * <p>An expression whose value does not exist (an {@code Int} overflow, a division by zero: the
 * instance would fail) is thrown away with {@link Discard} and generated again.
 */
final class EvaluatedExpressions {
  enum T { INT, DEC, BOOL, TEXT, DUR, DATE, LIST_INT, LIST_TEXT, OPT_INT, OPT_TEXT, OPT_DEC }

  /** An expression's Flow text, the precedence of its outermost operator, and its value. */
  record X(String text, int prec, Object value) {}

  /** A {@code let} at the top of the workflow: name, Flow type, initial expression. */
  record Variable(String name, String type, X init, T t) {}

  /** The value does not exist (the instance would fail): generate another expression. */
  static final class Discard extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Discard() {
      super(null, null, false, false);
    }
  }

  private static final Duration[] DURATIONS = {
      Duration.ofDays(1), Duration.ofHours(2), Duration.ofMinutes(30), Duration.ofHours(36),
      Duration.ofDays(14), Duration.ofSeconds(45), Duration.ofMinutes(90)};
  private static final String[] DURATION_TEXTS = {"1d", "2h", "30m", "1d12h", "2w", "45s", "90m"};

  private final Random random;
  private final List<Variable> variables = new ArrayList<>();

  EvaluatedExpressions(Random random) {
    this.random = random;
    variables.add(new Variable("i1", "Int", intLiteral(), T.INT));
    variables.add(new Variable("i2", "Int", intLiteral(), T.INT));
    variables.add(new Variable("d1", "Decimal", decimalLiteral(), T.DEC));
    variables.add(new Variable("t1", "Text", textLiteral(), T.TEXT));
    variables.add(new Variable("t2", "Text", textLiteral(), T.TEXT));
    variables.add(new Variable("b1", "Bool", new X("true", PRIMARY, true), T.BOOL));
    variables.add(new Variable("b2", "Bool", new X("false", PRIMARY, false), T.BOOL));
    variables.add(new Variable("du", "Duration", durationLiteral(), T.DUR));
    variables.add(new Variable("dt", "Date", dateLiteral(), T.DATE));
    variables.add(new Variable("oi", "Int?", random.nextBoolean() ? none() : intLiteral(), T.OPT_INT));
    variables.add(new Variable("ot", "Text?", random.nextBoolean() ? none() : textLiteral(), T.OPT_TEXT));
    variables.add(new Variable("od", "Decimal?", random.nextBoolean() ? none() : decimalLiteral(), T.OPT_DEC));
    variables.add(new Variable("li", "List<Int>", listOf(T.INT, 0), T.LIST_INT));
    variables.add(new Variable("lt", "List<Text>", listOf(T.TEXT, 0), T.LIST_TEXT));
  }

  List<Variable> variables() {
    return variables;
  }

  /** A text expression to probe: an interpolation of a random expression of any type, between hostile text. */
  X probe(int depth) {
    while (true) {
      try {
        X inner = any(depth);
        String before = HostileText.text(random);
        String after = HostileText.text(random);
        return new X("\"" + HostileText.flowString(before) + "{" + inner.text + "}" + HostileText.flowString(after) + "\"",
            PRIMARY, before + render(inner.value) + after);
      } catch (Discard | ArithmeticException e) {
        // an overflow or a division by zero: try another
      }
    }
  }

  /** Weighted towards the types with the most operators: {@code Bool} (comparisons, logic), numbers, text. */
  private static final T[] WEIGHTED = {
      T.BOOL, T.BOOL, T.BOOL, T.BOOL, T.INT, T.INT, T.DEC, T.DEC, T.TEXT, T.TEXT, T.DUR, T.DATE,
      T.LIST_INT, T.LIST_TEXT, T.OPT_INT, T.OPT_TEXT, T.OPT_DEC};

  X any(int depth) {
    return of(WEIGHTED[random.nextInt(WEIGHTED.length)], depth);
  }

  X of(T t, int depth) {
    if (random.nextInt(5) == 0 || depth <= 0) {
      X leaf = leaf(t);
      if (leaf != null) {
        return leaf;
      }
    }
    X x = compound(t, Math.max(0, depth - 1));
    return random.nextInt(10) == 0 ? new X("(" + x.text + ")", PRIMARY, x.value) : x;
  }

  // ---- leaves --------------------------------------------------------------------------------

  private X leaf(T t) {
    List<Variable> named = variables.stream().filter(v -> v.t() == t).toList();
    if (!named.isEmpty() && random.nextBoolean()) {
      Variable v = named.get(random.nextInt(named.size()));
      return new X(v.name(), PRIMARY, v.init().value());
    }
    return switch (t) {
      case INT -> intLiteral();
      case DEC -> decimalLiteral();
      case BOOL -> random.nextBoolean() ? new X("true", PRIMARY, true) : new X("false", PRIMARY, false);
      case TEXT -> textLiteral();
      case DUR -> durationLiteral();
      case DATE -> dateLiteral();
      case OPT_INT, OPT_TEXT, OPT_DEC -> none();
      case LIST_INT -> listOf(T.INT, 0);
      case LIST_TEXT -> listOf(T.TEXT, 0);
    };
  }

  private X intLiteral() {
    return literal(random.nextInt(4) == 0 ? random.nextInt(100_000) : random.nextInt(6));
  }

  private static X literal(long n) {
    return new X(Long.toString(n), PRIMARY, n);
  }

  private X decimalLiteral() {
    String fraction = random.nextBoolean() ? "5" : String.format(Locale.ROOT, "%02d", random.nextInt(100));
    String text = random.nextInt(50) + "." + fraction;
    return new X(text, PRIMARY, new BigDecimal(text));
  }

  private X textLiteral() {
    String value = HostileText.text(random);
    return new X("\"" + HostileText.flowString(value) + "\"", PRIMARY, value);
  }

  private X durationLiteral() {
    int i = random.nextInt(DURATIONS.length);
    return new X(DURATION_TEXTS[i], PRIMARY, DURATIONS[i]);
  }

  private X dateLiteral() {
    LocalDate date = LocalDate.of(2020 + random.nextInt(10), 1 + random.nextInt(12), 1 + random.nextInt(28));
    return new X(date.toString(), PRIMARY, date);
  }

  /** A duration a date can be moved by: a literal of whole days or weeks, or a computed one (whole days count). */
  private X days(int depth) {
    if (random.nextBoolean()) {
      String[] texts = {"1d", "3d", "2w", "10d"};
      long[] days = {1, 3, 14, 10};
      int i = random.nextInt(texts.length);
      return new X(texts[i], PRIMARY, Duration.ofDays(days[i]));
    }
    return duration(depth);
  }

  private static X none() {
    return new X("none", PRIMARY, null);
  }

  private X listOf(T element, int depth) {
    int n = 1 + random.nextInt(3);
    List<String> texts = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      X x = of(element, depth);
      texts.add(x.text);
      values.add(x.value);
    }
    return new X("[" + String.join(", ", texts) + "]", PRIMARY, List.copyOf(values));
  }

  // ---- compound expressions ----------------------------------------------------------------

  private X compound(T t, int depth) {
    return switch (t) {
      case INT -> integer(depth);
      case DEC -> decimal(depth);
      case BOOL -> bool(depth);
      case TEXT -> text(depth);
      case DUR -> random.nextInt(4) == 0 ? dateDifference(depth) : duration(depth);
      case DATE -> date(depth);
      case OPT_INT -> random.nextBoolean() ? of(T.INT, depth) : coalesce(leaf(T.OPT_INT), of(T.OPT_INT, depth));
      case OPT_TEXT -> random.nextBoolean() ? of(T.TEXT, depth) : coalesce(leaf(T.OPT_TEXT), of(T.OPT_TEXT, depth));
      case OPT_DEC -> random.nextBoolean() ? of(T.DEC, depth) : leaf(T.OPT_DEC);
      case LIST_INT -> listOf(T.INT, depth);
      case LIST_TEXT -> listOf(T.TEXT, depth);
    };
  }

  private X integer(int depth) {
    switch (random.nextInt(7)) {
      case 0 -> {
        X a = of(T.INT, depth);
        X b = of(T.INT, depth);
        return binary(ADD, "+", a, b, Math.addExact((long) a.value, (long) b.value));
      }
      case 1 -> {
        X a = of(T.INT, depth);
        X b = of(T.INT, depth);
        return binary(ADD, "-", a, b, Math.subtractExact((long) a.value, (long) b.value));
      }
      case 2 -> {
        X a = of(T.INT, depth);
        X b = of(T.INT, depth);
        return binary(MUL, "*", a, b, Math.multiplyExact((long) a.value, (long) b.value));
      }
      case 3 -> {
        X a = of(T.INT, depth);
        return unary(a, Math.negateExact((long) a.value));
      }
      case 4 -> {
        X text = of(T.TEXT, depth);
        String s = (String) text.value;
        return call("size", text, (long) s.codePointCount(0, s.length()));
      }
      case 5 -> {
        X list = of(T.LIST_INT, depth);
        return call("size", list, (long) ((List<?>) list.value).size());
      }
      default -> {
        X optional = leaf(T.OPT_INT);
        X fallback = of(T.INT, depth);
        return coalesce(optional, fallback);
      }
    }
  }

  private X decimal(int depth) {
    switch (random.nextInt(6)) {
      case 0 -> {
        X[] ab = decimalOperands(depth);
        return binary(ADD, "+", ab[0], ab[1], decimal(ab[0].value).add(decimal(ab[1].value)));
      }
      case 1 -> {
        X[] ab = decimalOperands(depth);
        return binary(ADD, "-", ab[0], ab[1], decimal(ab[0].value).subtract(decimal(ab[1].value)));
      }
      case 2 -> {
        X[] ab = decimalOperands(depth);
        return binary(MUL, "*", ab[0], ab[1], decimal(ab[0].value).multiply(decimal(ab[1].value)));
      }
      case 3 -> {
        X a = number(depth);
        X b = number(depth);
        BigDecimal divisor = decimal(b.value);
        if (divisor.signum() == 0) {
          throw new Discard();
        }
        return binary(MUL, "/", a, b, decimal(a.value).divide(divisor, MathContext.DECIMAL128));
      }
      case 4 -> {
        X d = of(T.DEC, depth);
        return unary(d, ((BigDecimal) d.value).negate());
      }
      default -> {
        return coalesce(leaf(T.OPT_DEC), of(T.DEC, depth));
      }
    }
  }

  /**
   * Two numbers, at least one a {@code Decimal}: {@code Int + Int} is an {@code Int} (only
   * {@code /} always gives a {@code Decimal}).
   */
  private X[] decimalOperands(int depth) {
    X a = number(depth);
    X b = a.value instanceof BigDecimal ? number(depth) : of(T.DEC, depth);
    return random.nextBoolean() ? new X[] {a, b} : new X[] {b, a};
  }

  /**
   * The other operand of a comparison: often one of equal value (the same expression, or its
   * value as a literal), so that {@code <=} against {@code <} and {@code ==} against {@code !=}
   * are told apart; otherwise any number.
   */
  private X sameOrOther(X a, int depth) {
    int pick = random.nextInt(3);
    if (pick == 0) {
      return a;
    }
    if (pick == 1) {
      Object v = a.value;
      boolean nonNegative = v instanceof Long n ? n >= 0 : ((BigDecimal) v).signum() >= 0;
      if (nonNegative) {
        String text = v instanceof BigDecimal d ? d.toPlainString() : v.toString();
        if (v instanceof BigDecimal d && d.scale() <= 0) {
          text = d.toBigInteger() + ".0";
        }
        return new X(text, PRIMARY, v instanceof BigDecimal ? new BigDecimal(text) : v);
      }
    }
    return number(depth);
  }

  private X number(int depth) {
    return of(random.nextBoolean() ? T.INT : T.DEC, depth);
  }

  private static BigDecimal decimal(Object n) {
    return n instanceof BigDecimal d ? d : BigDecimal.valueOf((long) n);
  }

  private X bool(int depth) {
    switch (random.nextInt(16)) {
      case 0, 11, 12 -> {
        X a = of(T.BOOL, depth);
        X b = unnarrowed(a, depth);
        return binary(OR, "or", a, b, (boolean) a.value || (boolean) b.value);
      }
      case 1, 13 -> {
        X a = of(T.BOOL, depth);
        X b = unnarrowed(a, depth);
        return binary(AND, "and", a, b, (boolean) a.value && (boolean) b.value);
      }
      case 2 -> {
        X a = of(T.BOOL, depth);
        return new X("not " + operand(a, NOT), NOT, !(boolean) a.value);
      }
      case 3, 4 -> {
        X a = number(depth);
        X b = sameOrOther(a, depth);
        String op = List.of("<", "<=", ">", ">=", "==", "!=").get(random.nextInt(6));
        int c = decimal(a.value).compareTo(decimal(b.value));
        boolean v = switch (op) {
          case "<" -> c < 0;
          case "<=" -> c <= 0;
          case ">" -> c > 0;
          case ">=" -> c >= 0;
          case "==" -> c == 0;
          default -> c != 0;
        };
        return compare(op, a, b, v);
      }
      case 5 -> {
        X a = of(T.TEXT, depth);
        X b = random.nextBoolean() ? a : of(T.TEXT, depth);
        boolean eq = random.nextBoolean();
        return compare(eq ? "==" : "!=", a, b, a.value.equals(b.value) == eq);
      }
      case 6 -> {
        X x = of(T.INT, depth);
        X list = of(T.LIST_INT, depth);
        return compare("in", x, list, ((List<?>) list.value).contains(x.value));
      }
      case 7 -> {
        X x = of(T.TEXT, depth);
        X list = of(T.LIST_TEXT, depth);
        return compare("in", x, list, ((List<?>) list.value).contains(x.value));
      }
      case 8 -> {
        T opt = List.of(T.OPT_INT, T.OPT_TEXT, T.OPT_DEC).get(random.nextInt(3));
        X a = leaf(opt);
        boolean eq = random.nextBoolean();
        return compare(eq ? "==" : "!=", a, none(), (a.value == null) == eq);
      }
      case 9 -> {
        X a = of(T.DUR, depth);
        X b = random.nextBoolean() ? a : of(T.DUR, depth);
        boolean lt = random.nextBoolean();
        int c = ((Duration) a.value).compareTo((Duration) b.value);
        return compare(lt ? "<" : ">=", a, b, lt ? c < 0 : c >= 0);
      }
      case 14, 15 -> {
        X a = of(T.DATE, depth);
        X b = random.nextInt(3) == 0 ? a : of(T.DATE, depth);
        String op = List.of("<", "<=", ">", ">=", "==", "!=").get(random.nextInt(6));
        int c = ((LocalDate) a.value).compareTo((LocalDate) b.value);
        boolean v = switch (op) {
          case "<" -> c < 0;
          case "<=" -> c <= 0;
          case ">" -> c > 0;
          case ">=" -> c >= 0;
          case "==" -> c == 0;
          default -> c != 0;
        };
        return compare(op, a, b, v);
      }
      default -> {
        X a = of(T.LIST_INT, depth);
        X b = random.nextBoolean() ? a : of(T.LIST_INT, depth);
        return compare("==", a, b, a.value.equals(b.value));
      }
    }
  }

  /**
   * The right operand of {@code a and b} / {@code a or b}: the checker narrows an optional that
   * {@code a} compares with {@code none} inside {@code b} (in {@code x != none and b}, {@code x} is
   * never none in {@code b}), and then {@code x ?? d} there is E206 ("it is never none"), which
   * the reference evaluator does not model. So {@code b} gives none of those a default.
   */
  private X unnarrowed(X a, int depth) {
    java.util.regex.Matcher tested = Pattern.compile("\\b(o[itd]) [=!]= none").matcher(a.text);
    List<Pattern> defaulted = new ArrayList<>();
    while (tested.find()) {
      defaulted.add(Pattern.compile("\\b" + tested.group(1) + " \\?\\?"));
    }
    for (int attempt = 0; attempt < 20; attempt++) {
      X b = of(T.BOOL, depth);
      if (defaulted.stream().noneMatch(d -> d.matcher(b.text).find())) {
        return b;
      }
    }
    return random.nextBoolean() ? new X("true", PRIMARY, true) : new X("false", PRIMARY, false);
  }

  private X text(int depth) {
    switch (random.nextInt(6)) {
      case 0 -> {
        X a = of(T.TEXT, depth);
        return call("lower", a, ((String) a.value).toLowerCase(Locale.ROOT));
      }
      case 1 -> {
        X a = of(T.TEXT, depth);
        return call("upper", a, ((String) a.value).toUpperCase(Locale.ROOT));
      }
      case 2 -> {
        X a = of(T.TEXT, depth);
        return call("trim", a, ((String) a.value).strip());
      }
      case 3 -> {
        return coalesce(leaf(T.OPT_TEXT), of(T.TEXT, depth));
      }
      default -> {
        StringBuilder text = new StringBuilder("\"");
        StringBuilder value = new StringBuilder();
        int parts = 1 + random.nextInt(2);
        for (int i = 0; i < parts; i++) {
          String piece = HostileText.text(random);
          X inner = any(depth);
          text.append(HostileText.flowString(piece)).append('{').append(inner.text).append('}');
          value.append(piece).append(render(inner.value));
        }
        return new X(text.append('"').toString(), PRIMARY, value.toString());
      }
    }
  }

  /** A duration literal with hours, minutes or seconds, maybe negated or parenthesized: E206 beside a date. */
  private static final Pattern SUB_DAY_LITERAL =
      Pattern.compile("[(\\-]*[0-9][0-9wdhms]*[hms][0-9wdhms]*\\)*");

  private X date(int depth) {
    X date = of(T.DATE, depth);
    X by = days(depth);
    if (SUB_DAY_LITERAL.matcher(by.text).matches()) {
      throw new Discard(); // docs/language.md: "a duration literal with h, m or s is E206"
    }
    long n = ((Duration) by.value).toDays();
    return random.nextBoolean()
        ? binary(ADD, "+", date, by, ((LocalDate) date.value).plusDays(n))
        : binary(ADD, "-", date, by, ((LocalDate) date.value).minusDays(n));
  }

  /** {@code Date - Date}: the whole days between them, negative when the left one is earlier. */
  private X dateDifference(int depth) {
    X a = of(T.DATE, depth);
    X b = of(T.DATE, depth);
    LocalDate from = (LocalDate) b.value;
    LocalDate to = (LocalDate) a.value;
    return binary(ADD, "-", a, b, Duration.ofDays(to.toEpochDay() - from.toEpochDay()));
  }

  private X duration(int depth) {
    if (random.nextInt(5) == 0) {
      X a = of(T.DUR, depth);
      return unary(a, ((Duration) a.value).negated());
    }
    if (random.nextBoolean()) {
      X a = of(T.DUR, depth);
      X b = of(T.DUR, depth);
      return binary(ADD, "+", a, b, ((Duration) a.value).plus((Duration) b.value));
    }
    X a = of(T.DUR, depth);
    X n = random.nextBoolean() ? literal(random.nextInt(5)) : of(T.INT, 0);
    if (Math.abs((long) n.value) > 1_000) {
      throw new Discard();
    }
    return random.nextBoolean()
        ? binary(MUL, "*", a, n, ((Duration) a.value).multipliedBy((long) n.value))
        : binary(MUL, "*", n, a, ((Duration) a.value).multipliedBy((long) n.value));
  }

  // ---- printing ----------------------------------------------------------------------------

  /** {@code a ?? b}: right-associative, so a {@code ??} on the left needs parentheses. */
  private static X coalesce(X optional, X fallback) {
    Object value = optional.value != null ? optional.value : fallback.value;
    return new X(operand(optional, COALESCE + 1) + " ?? " + operand(fallback, COALESCE), COALESCE, value);
  }

  /** A left-associative binary operator: the right operand needs parentheses at the same level. */
  private static X binary(int prec, String op, X left, X right, Object value) {
    return new X(operand(left, prec) + " " + op + " " + operand(right, prec + 1), prec, value);
  }

  /** Comparisons do not chain: both operands bind tighter. */
  private static X compare(String op, X left, X right, boolean value) {
    return new X(operand(left, CMP + 1) + " " + op + " " + operand(right, CMP + 1), CMP, value);
  }

  private static X unary(X operand, Object value) {
    String text = operand(operand, UNARY);
    return new X("-" + (text.startsWith("-") ? "(" + text + ")" : text), UNARY, value);
  }

  private static X call(String function, X argument, Object value) {
    return new X(function + "(" + argument.text + ")", PRIMARY, value);
  }

  private static String operand(X x, int atLeast) {
    return x.prec >= atLeast ? x.text : "(" + x.text + ")";
  }

  // ---- rendering (docs/language.md, "Strings and interpolation") ---------------------------

  /**
   * How a value reads in an interpolation: {@code none}; text as is; {@code Int} in plain
   * digits; {@code Decimal} in plain notation keeping its scale; {@code true}/{@code false}; a
   * {@code Date} as {@code 2026-11-24};
   * a {@code Duration} in Flow's notation (days, hours, minutes, seconds, each when not zero,
   * weeks as days, {@code 0s} for zero, {@code -} when negative); a list as {@code [a, b]}.
   */
  static String render(Object value) {
    if (value == null) {
      return "none";
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Duration d) {
      if (d.isZero()) {
        return "0s";
      }
      long seconds = Math.abs(d.getSeconds());
      StringBuilder out = new StringBuilder(d.isNegative() ? "-" : "");
      long[] amounts = {seconds / 86_400, seconds % 86_400 / 3_600, seconds % 3_600 / 60, seconds % 60};
      String[] units = {"d", "h", "m", "s"};
      for (int i = 0; i < amounts.length; i++) {
        if (amounts[i] != 0) {
          out.append(amounts[i]).append(units[i]);
        }
      }
      return out.toString();
    }
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(item -> items.add(render(item)));
      return "[" + String.join(", ", items) + "]";
    }
    return value.toString();
  }
}
