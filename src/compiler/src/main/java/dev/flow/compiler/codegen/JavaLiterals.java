package dev.flow.compiler.codegen;

import com.palantir.javapoet.CodeBlock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;

/** Flow literals as Java expressions. */
final class JavaLiterals {
  private JavaLiterals() {}

  private static final long DAY = 86_400;
  private static final long HOUR = 3_600;
  private static final long MINUTE = 60;

  /** {@code 5d} → {@code Duration.ofDays(5)}, {@code 1d12h} → {@code Duration.ofHours(36)}: the largest whole unit. */
  static CodeBlock duration(Duration d) {
    long s = d.getSeconds();
    if (s % DAY == 0) {
      return JavaCode.of("$T.ofDays($L)", RuntimeTypes.DURATION, s / DAY);
    }
    if (s % HOUR == 0) {
      return JavaCode.of("$T.ofHours($L)", RuntimeTypes.DURATION, s / HOUR);
    }
    if (s % MINUTE == 0) {
      return JavaCode.of("$T.ofMinutes($L)", RuntimeTypes.DURATION, s / MINUTE);
    }
    return JavaCode.of("$T.ofSeconds($L)", RuntimeTypes.DURATION, s);
  }

  /** {@code 2026-11-24} → {@code LocalDate.of(2026, 11, 24)}. */
  static CodeBlock date(LocalDate d) {
    return JavaCode.of("$T.of($L, $L, $L)", RuntimeTypes.LOCAL_DATE, d.getYear(), d.getMonthValue(), d.getDayOfMonth());
  }

  /** {@code 2026-11-24T10:00+01:00} → {@code Instant.parse("2026-11-24T09:00:00Z")}: the instant, in UTC. */
  static CodeBlock timestamp(java.time.Instant t) {
    return JavaCode.of("$T.parse($S)", RuntimeTypes.INSTANT, t.toString());
  }

  /** {@code 12.50} → {@code new BigDecimal("12.50")}: exact, with its scale. */
  static CodeBlock decimal(BigDecimal d) {
    return JavaCode.of("new $T($S)", RuntimeTypes.BIG_DECIMAL, d.toPlainString());
  }

  /** {@code 42} → {@code 42L}. */
  static CodeBlock integer(long n) {
    return JavaCode.of("$LL", n);
  }

  /** A Java string literal, or {@code null}. */
  static CodeBlock stringOrNull(String s) {
    return s == null ? JavaCode.of("null") : JavaText.argument(s);
  }
}
