package dev.flow.runtime;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * When a {@code starts every "CRON"} workflow starts: a five-field Unix cron expression that the
 * compiler has checked and expanded into the values each field allows, so the runtime only
 * evaluates it and never parses cron.
 *
 * <p>As in Unix cron, when both day of month and day of week are restricted (neither is
 * {@code *}), a day matches when either does.
 */
public final class Schedule {
  private final String expression;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private Schedule(
      String expression,
      BitSet minutes,
      BitSet hours,
      BitSet daysOfMonth,
      BitSet months,
      BitSet daysOfWeek,
      boolean anyDayOfMonth,
      boolean anyDayOfWeek) {
    this.expression = expression;
    this.minutes = minutes;
    this.hours = hours;
    this.daysOfMonth = daysOfMonth;
    this.months = months;
    this.daysOfWeek = daysOfWeek;
    this.anyDayOfMonth = anyDayOfMonth;
    this.anyDayOfWeek = anyDayOfWeek;
  }

  /**
   * A schedule from the expanded fields of a cron expression.
   *
   * @param expression the expression as written, for messages
   * @param minutes the minutes (0–59) it allows
   * @param hours the hours (0–23)
   * @param daysOfMonth the days of the month (1–31)
   * @param months the months (1–12)
   * @param daysOfWeek the days of the week (0–6, 0 is Sunday)
   * @param anyDayOfMonth whether the day-of-month field is {@code *}
   * @param anyDayOfWeek whether the day-of-week field is {@code *}
   */
  public static Schedule cron(
      String expression,
      int[] minutes,
      int[] hours,
      int[] daysOfMonth,
      int[] months,
      int[] daysOfWeek,
      boolean anyDayOfMonth,
      boolean anyDayOfWeek) {
    Objects.requireNonNull(expression, "expression");
    return new Schedule(expression, bits(minutes, 0, 59), bits(hours, 0, 23), bits(daysOfMonth, 1, 31),
        bits(months, 1, 12), bits(daysOfWeek, 0, 6), anyDayOfMonth, anyDayOfWeek);
  }

  private static BitSet bits(int[] values, int min, int max) {
    BitSet set = new BitSet();
    IntStream.of(values).forEach(v -> {
      if (v < min || v > max) {
        throw new IllegalArgumentException("value " + v + " outside " + min + "–" + max);
      }
      set.set(v);
    });
    if (set.isEmpty()) {
      throw new IllegalArgumentException("a cron field allows no value");
    }
    return set;
  }

  public String expression() {
    return expression;
  }

  /** The first time strictly after {@code after} that the schedule fires, in {@code zone}; empty if never (e.g. 31 February). */
  public Optional<ZonedDateTime> next(ZonedDateTime after, ZoneId zone) {
    LocalDateTime start = after.withZoneSameInstant(zone).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    LocalDate day = start.toLocalDate();
    // Every allowed day recurs within 28 years (the calendar's cycle), so eight years of days
    // is more than enough for any schedule that can fire at all.
    for (int i = 0; i < 366 * 8; i++, day = day.plusDays(1)) {
      if (!dayMatches(day)) {
        continue;
      }
      int fromHour = day.equals(start.toLocalDate()) ? start.getHour() : 0;
      for (int hour = hours.nextSetBit(fromHour); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
        int fromMinute = day.equals(start.toLocalDate()) && hour == start.getHour() ? start.getMinute() : 0;
        int minute = minutes.nextSetBit(fromMinute);
        if (minute >= 0) {
          ZonedDateTime at = day.atTime(hour, minute).atZone(zone);
          if (at.isAfter(after)) {
            return Optional.of(at);
          }
        }
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDate day) {
    if (!months.get(day.getMonthValue())) {
      return false;
    }
    boolean dom = daysOfMonth.get(day.getDayOfMonth());
    boolean dow = daysOfWeek.get(day.getDayOfWeek().getValue() % 7);
    if (anyDayOfMonth && anyDayOfWeek) {
      return true;
    } else if (anyDayOfMonth) {
      return dow;
    } else if (anyDayOfWeek) {
      return dom;
    }
    return dom || dow;
  }

  @Override
  public String toString() {
    return expression;
  }
}
