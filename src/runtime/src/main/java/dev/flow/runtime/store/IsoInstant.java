package dev.flow.runtime.store;

import java.time.Instant;

/**
 * {@link Instant#toString()}, character for character, without {@code DateTimeFormatter}: every
 * journal commit writes its time, and the formatter was about a fifth of encoding a commit. For
 * years 1970 to 9999; other instants take {@code toString()}.
 */
final class IsoInstant {
  /** The first second of the year 10000, from which {@code toString()} writes a sign and more digits. */
  private static final long YEAR_10000 = 253_402_300_800L;

  private IsoInstant() {}

  static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < 0 || seconds >= YEAR_10000) {
      return instant.toString();
    }
    long days = seconds / 86_400;
    int secondOfDay = (int) (seconds - days * 86_400);
    // The civil date of a day count (H. Hinnant's days_from_civil, inverted), days from 0000-03-01.
    long z = days + 719_468;
    long era = z / 146_097;
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long shiftedMonth = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    char[] out = new char[30];
    int at = 0;
    at = digits(out, at, year, 4);
    out[at++] = '-';
    at = digits(out, at, month, 2);
    out[at++] = '-';
    at = digits(out, at, day, 2);
    out[at++] = 'T';
    at = digits(out, at, secondOfDay / 3_600, 2);
    out[at++] = ':';
    at = digits(out, at, secondOfDay / 60 % 60, 2);
    out[at++] = ':';
    at = digits(out, at, secondOfDay % 60, 2);
    int nano = instant.getNano();
    if (nano > 0) {
      out[at++] = '.';
      if (nano % 1_000_000 == 0) {
        at = digits(out, at, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        at = digits(out, at, nano / 1_000, 6);
      } else {
        at = digits(out, at, nano, 9);
      }
    }
    out[at++] = 'Z';
    return new String(out, 0, at);
  }

  private static int digits(char[] out, int at, int value, int width) {
    int v = value;
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + v % 10);
      v /= 10;
    }
    return at + width;
  }
}
