package dev.flow.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * What Flow's expressions need and Java lacks (LANGUAGE.md §5): the generated {@code run}
 * methods call these for decimal division, equality by value, date arithmetic, {@code ??},
 * {@code in}, the built-in functions and interpolation. Everything else is plain Java:
 * {@code Math.addExact} for {@code Int} arithmetic (which fails instead of wrapping around),
 * {@link BigDecimal#add} for {@code Decimal}, {@link java.time.Instant#plus} for timestamps.
 *
 * <p>The choices, also written down in {@code docs/language.md}:
 *
 * <ul>
 *   <li>{@code /} always gives a {@code Decimal}, rounded to 34 significant digits, half-even
 *       ({@link MathContext#DECIMAL128}); dividing by zero throws an {@link ArithmeticException}
 *       ("division by zero"), which fails the instance like a {@code fail} statement.
 *   <li>{@code ==} compares numbers by value ({@code 12.50 == 12.5}, {@code 2 == 2.0}), lists
 *       element by element and records field by field, with the same rule inside.
 *   <li>A {@code Date} moves by whole days: {@code Date ± Duration} adds the duration's whole
 *       days (truncated towards zero), {@code Date - Date} is a whole number of days.
 *   <li>Interpolation ({@link #text}) renders {@code none} as {@code none}, a {@code Decimal} in
 *       plain notation keeping its scale, a {@code Duration} in Flow's notation ({@code 1d12h}),
 *       a list as {@code [a, b]} and a record as {@code Document(name=…, pages=…)}.
 * </ul>
 */
public final class Expressions {
  /** How {@code /} rounds: 34 significant digits, half-even. */
  public static final MathContext DIVISION = MathContext.DECIMAL128;

  private Expressions() {}

  // ---- numbers -----------------------------------------------------------------------------

  /** {@code a / b} on decimals, rounded to {@link #DIVISION}. */
  public static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
    if (divisor.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    return dividend.divide(divisor, DIVISION);
  }

  /** {@code a / b} on two {@code Int}s: a {@code Decimal}, as in Flow. */
  public static BigDecimal divide(long dividend, long divisor) {
    return divide(BigDecimal.valueOf(dividend), BigDecimal.valueOf(divisor));
  }

  /** An optional {@code Int} where an optional {@code Decimal} is expected ({@code null} stays {@code null}). */
  public static BigDecimal decimal(Long value) {
    return value == null ? null : BigDecimal.valueOf(value);
  }

  // ---- equality and membership -------------------------------------------------------------

  /**
   * Flow's {@code ==}: {@code none} equals only {@code none}; numbers compare by value, whatever
   * their Java type and scale; lists element by element; records field by field; anything else
   * with {@link Object#equals}.
   */
  public static boolean equal(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return decimalOf(x).compareTo(decimalOf(y)) == 0;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!equal(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Record x && b instanceof Record y) {
      return equalRecords(x, y);
    }
    return a.equals(b);
  }

  /** Flow's {@code x in list}: whether an item of the list is {@link #equal} to {@code value}. */
  public static boolean in(Object value, List<?> list) {
    for (Object item : list) {
      if (equal(value, item)) {
        return true;
      }
    }
    return false;
  }

  private static boolean equalRecords(Record a, Record b) {
    RecordComponent[] left = a.getClass().getRecordComponents();
    RecordComponent[] right = b.getClass().getRecordComponents();
    if (left.length != right.length) {
      return false;
    }
    for (int i = 0; i < left.length; i++) {
      if (!left[i].getName().equals(right[i].getName()) || !equal(read(left[i], a), read(right[i], b))) {
        return false;
      }
    }
    return true;
  }

  private static BigDecimal decimalOf(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return BigDecimal.valueOf(n.longValue());
    }
    return new BigDecimal(n.toString());
  }

  // ---- dates -------------------------------------------------------------------------------

  /** {@code date + duration}: the duration's whole days. */
  public static LocalDate plus(LocalDate date, Duration duration) {
    return date.plusDays(duration.toDays());
  }

  /** {@code date - duration}: the duration's whole days. */
  public static LocalDate minus(LocalDate date, Duration duration) {
    return date.minusDays(duration.toDays());
  }

  /** {@code a - b} on dates: the whole days from {@code b} to {@code a} (negative when {@code a} is earlier). */
  public static Duration minus(LocalDate a, LocalDate b) {
    return Duration.ofDays(ChronoUnit.DAYS.between(b, a));
  }

  // ---- optionals ---------------------------------------------------------------------------

  /** {@code value ?? fallback}, for a fallback that is a constant or a name (evaluated anyway). */
  public static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }

  /** {@code value ?? fallback}, evaluating the fallback only when {@code value} is {@code none}. */
  public static <T> T orElseGet(T value, Supplier<? extends T> fallback) {
    return value != null ? value : fallback.get();
  }

  // ---- lists -------------------------------------------------------------------------------

  /** A list literal whose items may be {@code none}: an unmodifiable list that keeps {@code null}s. */
  @SafeVarargs
  public static <T> List<T> listOf(T... items) {
    List<T> list = new ArrayList<>(items.length);
    for (T item : items) {
      list.add(item);
    }
    return Collections.unmodifiableList(list);
  }

  /**
   * {@code a + b} on lists: a new unmodifiable list, the elements of {@code a} then those of
   * {@code b}, {@code none} elements kept. Neither operand changes.
   */
  public static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
    List<T> list = new ArrayList<>(a.size() + b.size());
    list.addAll(a);
    list.addAll(b);
    return Collections.unmodifiableList(list);
  }

  /**
   * An unmodifiable copy of a list whose items may be {@code none} (where {@link List#copyOf}
   * would refuse the {@code null}s); {@code null} stays {@code null}.
   */
  public static <T> List<T> copyOf(List<? extends T> list) {
    return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
  }

  /**
   * The record of type {@code type} with the fields of {@code value}, matched by name: for the
   * rare assignment of one anonymous Flow record (a form, an approval, a workflow's outputs) to
   * a variable whose Java type is another record with the same fields.
   */
  public static <T extends Record> T convert(Record value, Class<T> type) {
    if (value == null || type.isInstance(value)) {
      return type.cast(value);
    }
    RecordComponent[] target = type.getRecordComponents();
    Object[] arguments = new Object[target.length];
    Class<?>[] types = new Class<?>[target.length];
    for (int i = 0; i < target.length; i++) {
      types[i] = target[i].getType();
      arguments[i] = componentNamed(value, target[i].getName());
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(arguments);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException("cannot convert " + value + " to " + type.getSimpleName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make a " + type.getName(), e);
    }
  }

  private static Object componentNamed(Record value, String name) {
    for (RecordComponent c : value.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        return read(c, value);
      }
    }
    throw new IllegalArgumentException(value.getClass().getSimpleName() + " has no field " + name);
  }

  // ---- built-in functions ------------------------------------------------------------------

  /** {@code size(list)}. */
  public static long size(List<?> list) {
    return list.size();
  }

  /** {@code size(text)}: the number of Unicode code points. */
  public static long size(String text) {
    return text.codePointCount(0, text.length());
  }

  /** {@code lower(text)}, independent of the machine's locale. */
  public static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  /** {@code upper(text)}, independent of the machine's locale. */
  public static String upper(String text) {
    return text.toUpperCase(Locale.ROOT);
  }

  /**
   * {@code trim(text)}: without leading and trailing white space as Java's {@code Character.isWhitespace} has it
   * ({@code String.strip}): spaces, tabs, line breaks and Unicode space separators, but not the no-break spaces.
   */
  public static String trim(String text) {
    return text.strip();
  }

  // ---- interpolation -----------------------------------------------------------------------

  /**
   * How a value reads inside {@code "…{value}…"}: {@code none} as {@code none}; text as is;
   * an {@code Int} in plain digits; a {@code Decimal} in plain notation keeping its scale
   * ({@code 12.50}); {@code true}/{@code false}; a {@code Date} as {@code 2026-11-24}; a
   * {@code Timestamp} in ISO-8601, UTC; a {@code Duration} as Flow writes it ({@code 1d12h});
   * an enum constant by its name; a list as {@code [a, b]}; a record as
   * {@code Document(name=…, pages=…)}, with the names of the model ({@link FlowName}).
   */
  public static String text(Object value) {
    if (value == null) {
      return "none";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Duration d) {
      return durationText(d);
    }
    if (value instanceof List<?> list) {
      StringJoiner joiner = new StringJoiner(", ", "[", "]");
      list.forEach(item -> joiner.add(text(item)));
      return joiner.toString();
    }
    if (value instanceof Record r) {
      StringJoiner joiner = new StringJoiner(", ", r.getClass().getSimpleName() + "(", ")");
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        FlowName flowName = c.getAnnotation(FlowName.class);
        joiner.add((flowName == null ? c.getName() : flowName.value()) + "=" + text(read(c, r)));
      }
      return joiner.toString();
    }
    return value.toString();
  }

  /**
   * A duration as Flow writes it: days, hours, minutes and seconds, each only when not zero
   * ({@code 1d12h}, {@code 90m} reads {@code 1h30m}), {@code 0s} for zero, a leading {@code -}
   * when negative, and a decimal fraction of a second when there is one ({@code 1.5s}). Weeks
   * are written as days ({@code 14d}).
   */
  private static String durationText(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    if (duration.isNegative()) {
      out.append('-');
    }
    BigDecimal total = new BigDecimal(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9)).abs();
    BigInteger whole = total.toBigInteger();
    BigDecimal fraction = total.subtract(new BigDecimal(whole));
    BigInteger[] days = whole.divideAndRemainder(BigInteger.valueOf(86_400));
    BigInteger[] hours = days[1].divideAndRemainder(BigInteger.valueOf(3_600));
    BigInteger[] minutes = hours[1].divideAndRemainder(BigInteger.valueOf(60));
    appendUnit(out, new BigDecimal(days[0]), "d");
    appendUnit(out, new BigDecimal(hours[0]), "h");
    appendUnit(out, new BigDecimal(minutes[0]), "m");
    appendUnit(out, new BigDecimal(minutes[1]).add(fraction), "s");
    return out.toString();
  }

  private static void appendUnit(StringBuilder out, BigDecimal amount, String unit) {
    if (amount.signum() != 0) {
      out.append(amount.stripTrailingZeros().toPlainString()).append(unit);
    }
  }

  private static Object read(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass().getName(), e);
    }
  }
}
