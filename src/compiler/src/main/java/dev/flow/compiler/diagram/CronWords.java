package dev.flow.compiler.diagram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Common five-field cron expressions in words, as a person says a schedule: {@code 0 9 * * MON-FRI} is "every
 * weekday at 9:00", {@code 0 14 * * FRI} "every Friday at 14:00", {@code 0 6 1 * *} "on the 1st of every month at
 * 6:00". Only the usual shapes are described (a fixed time on every day, on some weekdays or on days of the month;
 * every N minutes or hours); anything else gets no description and is shown as written.
 */
public final class CronWords {
  private CronWords() {}

  private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  private static final List<String> DAY_NAMES = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  /** The expression in words, or empty when it is not one of the usual shapes. */
  public static Optional<String> describe(String cron) {
    String[] f = cron.strip().split("\\s+");
    if (f.length != 5 || !f[3].equals("*")) {
      return Optional.empty();
    }
    if (f[0].matches("\\*/\\d+") && f[1].equals("*") && f[2].equals("*") && f[4].equals("*")) {
      return Optional.of("every " + f[0].substring(2) + " minutes");
    }
    if (!f[0].matches("\\d{1,2}")) {
      return Optional.empty();
    }
    int minute = Integer.parseInt(f[0]);
    if (f[1].matches("\\*/\\d+") && f[2].equals("*") && f[4].equals("*")) {
      return Optional.of("every " + f[1].substring(2) + " hours, at minute " + minute);
    }
    if (!f[1].matches("\\d{1,2}")) {
      return Optional.empty();
    }
    String time = String.format(Locale.ROOT, "at %d:%02d", Integer.parseInt(f[1]), minute);
    if (f[2].equals("*") && f[4].equals("*")) {
      return Optional.of("every day " + time);
    }
    if (f[4].equals("*") && f[2].matches("\\d{1,2}(,\\d{1,2})*")) {
      List<String> days = new ArrayList<>();
      for (String d : f[2].split(",")) {
        days.add(ordinal(Integer.parseInt(d)));
      }
      return Optional.of("on the " + both(days) + " of every month " + time);
    }
    if (f[2].equals("*")) {
      return days(f[4]).map(d -> "every " + d + " " + time);
    }
    return Optional.empty();
  }

  /** 1st, 2nd, 3rd, 4th, 11th, 21st. */
  private static String ordinal(int n) {
    String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th"
        : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
    return n + suffix;
  }

  /** "weekday" (Monday to Friday), "Monday to Thursday", "Monday and Thursday", "Friday". */
  private static Optional<String> days(String field) {
    List<String> parts = new ArrayList<>();
    for (String part : field.split(",")) {
      String[] range = part.split("-");
      if (range.length > 2) {
        return Optional.empty();
      }
      Optional<Integer> from = day(range[0]);
      Optional<Integer> to = range.length == 2 ? day(range[1]) : from;
      if (from.isEmpty() || to.isEmpty()) {
        return Optional.empty();
      }
      if (range.length == 2 && from.get() == 1 && to.get() == 5) {
        parts.add("weekday");
      } else {
        parts.add(range.length == 2 ? DAYS[from.get()] + " to " + DAYS[to.get()] : DAYS[from.get()]);
      }
    }
    return Optional.of(both(parts));
  }

  /** "a", "a and b", "a, b and c". */
  private static String both(List<String> parts) {
    return parts.size() == 1 ? parts.get(0)
        : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
  }

  private static Optional<Integer> day(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    if (upper.matches("[0-7]")) {
      return Optional.of(Integer.parseInt(upper) % 7);
    }
    int index = DAY_NAMES.indexOf(upper);
    return index < 0 ? Optional.empty() : Optional.of(index);
  }
}
