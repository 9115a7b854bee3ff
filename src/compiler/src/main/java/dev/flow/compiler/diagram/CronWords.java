package dev.flow.compiler.diagram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Common five-field cron expressions in words, for people reading a diagram or a page:
 * {@code 0 9 * * MON-FRI} is "at 09:00, Monday to Friday". Only the usual shapes are described
 * (a fixed time on every day, on some weekdays or on a day of the month; every N minutes or
 * hours); anything else gets no description and is shown as written.
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
    String time = String.format(Locale.ROOT, "at %02d:%02d", Integer.parseInt(f[1]), minute);
    if (f[2].equals("*") && f[4].equals("*")) {
      return Optional.of(time + ", every day");
    }
    if (f[4].equals("*") && f[2].matches("\\d{1,2}(,\\d{1,2})*")) {
      return Optional.of(time + " on day " + f[2].replace(",", " and ") + " of every month");
    }
    if (f[2].equals("*")) {
      return days(f[4]).map(d -> time + ", " + d);
    }
    return Optional.empty();
  }

  /** "Monday to Friday", "Monday and Thursday", "Fridays". */
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
      parts.add(range.length == 2 ? DAYS[from.get()] + " to " + DAYS[to.get()] : DAYS[from.get()] + "s");
    }
    return Optional.of(String.join(" and ", parts));
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
