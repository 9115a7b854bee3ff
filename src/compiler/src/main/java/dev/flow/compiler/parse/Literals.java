package dev.flow.compiler.parse;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns literal text into values; empty when the text is not a valid literal (E002). */
public final class Literals {
  private Literals() {}

  private static final Pattern DURATION =
      Pattern.compile("(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
  private static final Pattern DIGITS = Pattern.compile("\\d+(?:_\\d+)*");
  private static final Pattern DECIMAL = Pattern.compile("(\\d+(?:_\\d+)*)\\.(\\d+(?:_\\d+)*)");
  private static final Pattern DURATION_SHAPE = Pattern.compile("(\\d+[a-zA-Z]+)+");

  /** {@code 30s 15m 1d12h 2w}: units s m h d w, largest first, each at most once. */
  public static Optional<Duration> duration(String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (text.length() <= 18) {
      return shortDuration(text);
    }
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long[] unitSeconds = {604_800, 86_400, 3_600, 60, 1};
    long seconds = 0;
    try {
      for (int i = 0; i < unitSeconds.length; i++) {
        String g = m.group(i + 1);
        if (g != null) {
          seconds = Math.addExact(seconds, Math.multiplyExact(Long.parseLong(g), unitSeconds[i]));
        }
      }
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofSeconds(seconds));
  }

  private static final long[] UNIT_SECONDS = {604_800, 86_400, 3_600, 60, 1};
  private static final String UNITS = "wdhms";

  /**
   * {@link #duration} without a regular expression, for a text short enough that no number in it
   * overflows a long: the same answer (digits then a unit, the units in the order w d h m s, each once).
   */
  private static Optional<Duration> shortDuration(String text) {
    long seconds = 0;
    int next = 0; // the first unit still allowed
    int i = 0;
    while (i < text.length()) {
      long n = 0;
      int digits = i;
      while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        n = n * 10 + (text.charAt(i) - '0');
        i++;
      }
      if (i == digits || i == text.length()) {
        return Optional.empty();
      }
      int unit = UNITS.indexOf(text.charAt(i), next);
      if (unit < 0) {
        return Optional.empty();
      }
      try {
        seconds = Math.addExact(seconds, Math.multiplyExact(n, UNIT_SECONDS[unit]));
      } catch (ArithmeticException e) {
        return Optional.empty();
      }
      next = unit + 1;
      i++;
    }
    return Optional.of(Duration.ofSeconds(seconds));
  }

  /** Whether the text has the shape of a duration (number-unit pairs), valid or not. */
  static boolean looksLikeDuration(String text) {
    return DURATION_SHAPE.matcher(text).matches();
  }

  /** {@code 42}, {@code 10_000}: underscores only between digits; must fit in 64 bits. */
  public static Optional<Long> integer(String text) {
    long n = integerOrNegative(text);
    return n < 0 ? Optional.empty() : Optional.of(n);
  }

  /** {@link #integer}'s value, or {@code otherwise} when the text is not one: no box, no optional. */
  public static long integer(String text, long otherwise) {
    long n = integerOrNegative(text);
    return n < 0 ? otherwise : n;
  }

  /** Whether {@link #integer} has a value for the text. */
  static boolean isInteger(String text) {
    return integerOrNegative(text) >= 0;
  }

  /** The value of an integer literal (never negative: digits only), or -1 when the text is not one. */
  private static long integerOrNegative(String text) {
    if (!text.isEmpty() && text.length() <= 18) { // plain digits: no regular expression, no overflow
      long n = 0;
      int i = 0;
      while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        n = n * 10 + (text.charAt(i) - '0');
        i++;
      }
      if (i == text.length()) {
        return n;
      }
    }
    if (!DIGITS.matcher(text).matches()) {
      return -1;
    }
    try {
      return Long.parseLong(text.replace("_", ""));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** {@code 12.50}. */
  public static Optional<BigDecimal> decimal(String text) {
    if (!DECIMAL.matcher(text).matches()) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(text.replace("_", "")));
  }

  /** {@code 2026-11-24}: an ISO local date that exists. */
  public static Optional<LocalDate> date(String text) {
    try {
      return Optional.of(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code 2026-11-24T09:00:00Z}, {@code 2026-11-24T10:00+01:00}: an instant whose date and time exist. */
  public static Optional<java.time.Instant> timestamp(String text) {
    try {
      return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The character an escape stands for ({@code \n} → newline), or -1 for a bad escape. */
  public static int escape(String escape) {
    if (escape.length() != 2 || escape.charAt(0) != '\\') {
      return -1;
    }
    return switch (escape.charAt(1)) {
      case '"' -> '"';
      case '\\' -> '\\';
      case 'n' -> '\n';
      case 't' -> '\t';
      case '{' -> '{';
      default -> -1;
    };
  }
}
