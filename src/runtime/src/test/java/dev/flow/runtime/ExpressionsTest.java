package dev.flow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExpressionsTest {
  /** A record as generated code has them. */
  public record Document(String name, String url, long pages) {}

  /** Another record with the same fields, as two forms with the same fields are. */
  public record Copy(String name, String url, long pages) {}

  public enum Plan { Basic, Pro }

  @Nested
  class Numbers {
    @Test
    void divisionAlwaysGivesADecimalRoundedToThirtyFourDigits() {
      assertEquals(new BigDecimal("2.5"), Expressions.divide(5, 2));
      assertEquals(new BigDecimal("3.333333333333333333333333333333333"), Expressions.divide(10, 3));
      assertEquals(new BigDecimal("0.6666666666666666666666666666666667"), Expressions.divide(2, 3));
      assertEquals(new BigDecimal("25"), Expressions.divide(new BigDecimal("100"), new BigDecimal("4")));
    }

    @Test
    void divisionByZeroIsAnArithmeticException() {
      ArithmeticException e = assertThrows(ArithmeticException.class, () -> Expressions.divide(1, 0));
      assertEquals("division by zero", e.getMessage());
      assertThrows(ArithmeticException.class, () -> Expressions.divide(BigDecimal.ONE, new BigDecimal("0.00")));
    }

    @Test
    void optionalIntWidensToDecimal() {
      assertEquals(new BigDecimal("7"), Expressions.decimal(7L));
      assertNull(Expressions.decimal(null));
    }
  }

  @Nested
  class Equality {
    @Test
    void numbersCompareByValue() {
      assertTrue(Expressions.equal(new BigDecimal("12.50"), new BigDecimal("12.5")));
      assertTrue(Expressions.equal(2L, new BigDecimal("2.0")));
      assertTrue(Expressions.equal(3L, 3L));
      assertFalse(Expressions.equal(3L, new BigDecimal("3.01")));
    }

    @Test
    void noneEqualsOnlyNone() {
      assertTrue(Expressions.equal(null, null));
      assertFalse(Expressions.equal(null, "x"));
      assertFalse(Expressions.equal(0L, null));
    }

    @Test
    void listsAndRecordsAreStructural() {
      assertTrue(Expressions.equal(List.of(new BigDecimal("1.0"), 2L), List.of(BigDecimal.ONE, new BigDecimal("2"))));
      assertFalse(Expressions.equal(List.of(1L), List.of(1L, 2L)));
      assertTrue(Expressions.equal(new Document("a", null, 2), new Document("a", null, 2)));
      assertFalse(Expressions.equal(new Document("a", null, 2), new Document("a", "u", 2)));
      assertTrue(Expressions.equal(new Document("a", null, 2), new Copy("a", null, 2)));
    }

    @Test
    void membershipUsesTheSameEquality() {
      assertTrue(Expressions.in(new BigDecimal("2.50"), List.of(new BigDecimal("2.5"))));
      assertTrue(Expressions.in(Plan.Pro, List.of(Plan.Basic, Plan.Pro)));
      assertFalse(Expressions.in("x", List.of()));
      assertTrue(Expressions.in(null, Arrays.asList("a", null)));
    }
  }

  @Nested
  class Dates {
    @Test
    void datesMoveByWholeDays() {
      LocalDate day = LocalDate.of(2026, 11, 24);
      assertEquals(LocalDate.of(2026, 11, 25), Expressions.plus(day, Duration.ofHours(36)));
      assertEquals(LocalDate.of(2026, 11, 23), Expressions.minus(day, Duration.ofDays(1)));
      assertEquals(LocalDate.of(2026, 11, 23), Expressions.plus(day, Duration.ofHours(-36)));
    }

    @Test
    void dateMinusDateIsWholeDays() {
      assertEquals(Duration.ofDays(7), Expressions.minus(LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 1)));
      assertEquals(Duration.ofDays(-1), Expressions.minus(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2)));
    }
  }

  @Nested
  class Optionals {
    @Test
    void orElseGivesTheValueOrTheFallback() {
      assertEquals("a", Expressions.orElse("a", "b"));
      assertEquals("b", Expressions.orElse(null, "b"));
      assertNull(Expressions.orElse(null, null));
    }

    @Test
    void orElseGetEvaluatesTheFallbackOnlyWhenNeeded() {
      AtomicInteger calls = new AtomicInteger();
      assertEquals(1L, Expressions.orElseGet(1L, () -> (long) calls.incrementAndGet()));
      assertEquals(0, calls.get());
      assertEquals(1L, Expressions.orElseGet(null, () -> (long) calls.incrementAndGet()));
    }
  }

  @Nested
  class Lists {
    @Test
    void listsMayHoldNone() {
      List<String> list = Expressions.listOf("a", null);
      assertEquals(Arrays.asList("a", null), list);
      assertThrows(UnsupportedOperationException.class, () -> list.add("b"));
      assertNull(Expressions.copyOf(null));
      assertEquals(Arrays.asList(null, "x"), Expressions.copyOf(Arrays.asList(null, "x")));
    }

    @Test
    void recordsConvertByFieldName() {
      Copy copy = Expressions.convert(new Document("a", "u", 3), Copy.class);
      assertEquals(new Copy("a", "u", 3), copy);
    }
  }

  @Nested
  class Functions {
    @Test
    void sizeCountsCodePoints() {
      assertEquals(2, Expressions.size("✓😀"));
      assertEquals(3, Expressions.size(List.of(1, 2, 3)));
    }

    @Test
    void caseDoesNotDependOnTheLocale() {
      assertEquals("TITLE", Expressions.upper("title"));
      assertEquals("title", Expressions.lower("TITLE"));
      assertEquals("x y", Expressions.trim("\u2003 x y \t"));
    }
  }

  @Nested
  class Text {
    @Test
    void valuesReadAsFlowWritesThem() {
      assertEquals("none", Expressions.text(null));
      assertEquals("12.50", Expressions.text(new BigDecimal("12.50")));
      assertEquals("1000", Expressions.text(new BigDecimal("1E+3")));
      assertEquals("42", Expressions.text(42L));
      assertEquals("true", Expressions.text(true));
      assertEquals("2026-11-24", Expressions.text(LocalDate.of(2026, 11, 24)));
      assertEquals("2026-11-24T09:00:00Z", Expressions.text(Instant.parse("2026-11-24T09:00:00Z")));
      assertEquals("Pro", Expressions.text(Plan.Pro));
      assertEquals("[a, none, 2.0]", Expressions.text(Arrays.asList("a", null, new BigDecimal("2.0"))));
      assertEquals("Document(name=a, url=none, pages=2)", Expressions.text(new Document("a", null, 2)));
    }

    @Test
    void durationsReadInFlowNotation() {
      assertEquals("1d12h", Expressions.text(Duration.ofHours(36)));
      assertEquals("14d", Expressions.text(Duration.ofDays(14)));
      assertEquals("1h30m", Expressions.text(Duration.ofMinutes(90)));
      assertEquals("0s", Expressions.text(Duration.ZERO));
      assertEquals("-1d", Expressions.text(Duration.ofDays(-1)));
      assertEquals("1m1.5s", Expressions.text(Duration.ofMillis(61_500)));
      assertEquals("1d0.000000001s", Expressions.text(Duration.ofDays(1).plusNanos(1)));
      assertEquals("-0.5s", Expressions.text(Duration.ofMillis(-500)));
    }
  }
}
