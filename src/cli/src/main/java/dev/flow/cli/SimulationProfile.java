package dev.flow.cli;

import dev.flow.runtime.Values;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a simulation assumes: how often each workflow starts, what its inputs are, how long each
 * step takes and what it answers, and who works when. Read from a JSON object; every mistake is
 * said with the path of the value that has it ({@code steps.ndaReview.work}).
 *
 * <pre>{@code
 * {
 *   "arrivals": {"DocumentCollection": "exponential 8h"},
 *   "inputs": {"DocumentCollection": {"intake": {"client": "Acme", "needsContract": 0.3}}},
 *   "steps": {
 *     "ndaReview": {"work": "lognormal 2h 0.5", "approved": 0.9},
 *     "createFolder": {"work": "uniform 1m 5m", "result": "https://drive/folder"}
 *   },
 *   "staff": {"Legal": {"people": 1, "hours": "09:00-17:00", "days": "MON-FRI"}}
 * }
 * }</pre>
 */
final class SimulationProfile {
  /** A profile that cannot be used, with where in it. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  /** A distribution of durations. */
  interface Distribution {
    Duration sample(SplittableRandom random);

    static Distribution fixed(Duration value) {
      return random -> value;
    }
  }

  /** The people of a role and their working time; {@code people == 0} means as many as needed, always. */
  record Staff(int people, LocalTime opens, LocalTime closes, EnumSet<DayOfWeek> days) {
    static final Staff UNLIMITED = new Staff(0, LocalTime.MIN, LocalTime.MIN, EnumSet.allOf(DayOfWeek.class));

    boolean always() {
      return opens.equals(closes) && days.size() == 7;
    }
  }

  /**
   * One step's assumptions.
   *
   * @param delay a delay before a person takes the task up (besides waiting for a free person)
   * @param work how long the step takes once taken up (a system step: its call)
   * @param answers the step's answers: field name to a value, a probability (Bool) or a choice
   *     (enum); a system step's result under {@code result}
   */
  record StepProfile(Distribution delay, Distribution work, Map<String, Object> answers) {}

  static final Distribution NO_TIME = Distribution.fixed(Duration.ZERO);
  static final Distribution HUMAN_WORK = Distribution.fixed(Duration.ofHours(1));

  final Map<String, Distribution> arrivals = new LinkedHashMap<>();
  final Map<String, Object> inputs = new LinkedHashMap<>();
  final Map<String, StepProfile> steps = new LinkedHashMap<>();
  final Map<String, Staff> staff = new LinkedHashMap<>();

  /** Reads a profile from parsed JSON. */
  @SuppressWarnings("unchecked")
  static SimulationProfile of(Map<String, Object> json) throws Invalid {
    SimulationProfile profile = new SimulationProfile();
    for (String key : json.keySet()) {
      if (!List.of("arrivals", "inputs", "steps", "staff").contains(key)) {
        throw new Invalid("unknown key `" + key + "`: a profile has arrivals, inputs, steps and staff");
      }
    }
    for (Map.Entry<String, Object> arrival : object(json.get("arrivals"), "arrivals").entrySet()) {
      profile.arrivals.put(arrival.getKey(), distribution(arrival.getValue(), "arrivals." + arrival.getKey()));
    }
    profile.inputs.putAll(object(json.get("inputs"), "inputs"));
    for (Map.Entry<String, Object> step : object(json.get("steps"), "steps").entrySet()) {
      String where = "steps." + step.getKey();
      Map<String, Object> fields = new LinkedHashMap<>(object(step.getValue(), where));
      Object wait = fields.remove("wait");
      Object work = fields.remove("work");
      profile.steps.put(step.getKey(), new StepProfile(wait == null ? null : distribution(wait, where + ".wait"),
          work == null ? null : distribution(work, where + ".work"), fields));
    }
    for (Map.Entry<String, Object> role : object(json.get("staff"), "staff").entrySet()) {
      profile.staff.put(role.getKey(), staff(object(role.getValue(), "staff." + role.getKey()),
          "staff." + role.getKey()));
    }
    return profile;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String where) throws Invalid {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new Invalid(where + " must be a JSON object ({…})");
    }
    return (Map<String, Object>) value;
  }

  /**
   * A distribution in words: {@code 2h} (always), {@code uniform 1h 3h}, {@code exponential 4h}
   * (its mean), {@code lognormal 4h 0.5} (its median and the σ of its logarithm).
   */
  static Distribution distribution(Object value, String where) throws Invalid {
    if (!(value instanceof String text)) {
      throw new Invalid(where + " must be a duration or a distribution in words, e.g. \"2h\", \"uniform 1h 3h\","
          + " \"exponential 4h\" or \"lognormal 4h 0.5\"");
    }
    String[] words = text.strip().split("\\s+");
    switch (words[0].toLowerCase(Locale.ROOT)) {
      case "uniform": {
        expect(words, 3, where, "uniform LOW HIGH");
        Duration low = duration(words[1], where);
        Duration high = duration(words[2], where);
        if (high.compareTo(low) < 0) {
          throw new Invalid(where + ": uniform " + words[1] + " " + words[2] + " goes down; give the shorter first");
        }
        long span = high.toMillis() - low.toMillis();
        return random -> low.plusMillis(span == 0 ? 0 : random.nextLong(span + 1));
      }
      case "exponential": {
        expect(words, 2, where, "exponential MEAN");
        double mean = duration(words[1], where).toMillis();
        return random -> Duration.ofMillis(Math.round(-mean * Math.log(1 - random.nextDouble())));
      }
      case "lognormal": {
        expect(words, 3, where, "lognormal MEDIAN SIGMA");
        double median = duration(words[1], where).toMillis();
        double sigma = number(words[2], where);
        return random -> Duration.ofMillis(Math.round(median * Math.exp(sigma * gaussian(random))));
      }
      default:
        expect(words, 1, where, "a duration such as 2h");
        return Distribution.fixed(duration(words[0], where));
    }
  }

  /** A standard normal sample (Box–Muller), from the seeded source only. */
  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private static void expect(String[] words, int count, String where, String form) throws Invalid {
    if (words.length != count) {
      throw new Invalid(where + ": `" + String.join(" ", words) + "` is not " + form);
    }
  }

  private static Duration duration(String text, String where) throws Invalid {
    try {
      Duration duration = Values.parseDuration(text);
      if (duration.isNegative()) {
        throw new Invalid(where + ": " + text + " is negative");
      }
      return duration;
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new Invalid(where + ": `" + text + "` is not a duration (write it like 30m, 2h, 1d12h)");
    }
  }

  private static double number(String text, String where) throws Invalid {
    try {
      double value = Double.parseDouble(text);
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new Invalid(where + ": " + text + " must be a number 0 or more");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new Invalid(where + ": `" + text + "` is not a number");
    }
  }

  private static Staff staff(Map<String, Object> json, String where) throws Invalid {
    Object people = json.getOrDefault("people", 1L);
    if (!(people instanceof Number n) || n.longValue() < 1 || n.longValue() > 10_000 || n.doubleValue() != n.longValue()) {
      throw new Invalid(where + ".people must be a whole number from 1 to 10000");
    }
    LocalTime opens = LocalTime.MIN;
    LocalTime closes = LocalTime.MIN;
    Object hours = json.get("hours");
    if (hours != null) {
      String[] parts = String.valueOf(hours).split("-");
      try {
        if (parts.length != 2) {
          throw new DateTimeParseException("", String.valueOf(hours), 0);
        }
        opens = LocalTime.parse(parts[0].strip());
        closes = LocalTime.parse(parts[1].strip());
      } catch (DateTimeParseException e) {
        throw new Invalid(where + ".hours `" + hours + "` is not a span of the day such as 09:00-17:00");
      }
      if (!closes.isAfter(opens)) {
        throw new Invalid(where + ".hours " + hours + " must close after it opens, on the same day");
      }
    }
    EnumSet<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
    Object daysText = json.get("days");
    if (daysText != null) {
      days = days(String.valueOf(daysText), where + ".days");
    }
    for (String key : json.keySet()) {
      if (!List.of("people", "hours", "days").contains(key)) {
        throw new Invalid("unknown key " + where + "." + key + ": a role's staff has people, hours and days");
      }
    }
    return new Staff(n.intValue(), opens, closes, days);
  }

  /** {@code MON-FRI}, {@code MON,WED,FRI}, {@code SAT-SUN}. */
  private static EnumSet<DayOfWeek> days(String text, String where) throws Invalid {
    EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String part : text.split(",")) {
      String[] range = part.strip().split("-");
      if (range.length > 2) {
        throw new Invalid(where + " `" + text + "` is not a list of days such as MON-FRI");
      }
      DayOfWeek from = day(range[0], where, text);
      DayOfWeek to = range.length == 2 ? day(range[1], where, text) : from;
      for (DayOfWeek d = from; ; d = d.plus(1)) {
        days.add(d);
        if (d == to) {
          break;
        }
      }
    }
    return days;
  }

  private static DayOfWeek day(String text, String where, String all) throws Invalid {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().substring(0, 3).equalsIgnoreCase(text.strip())) {
        return day;
      }
    }
    throw new Invalid(where + " `" + all + "`: `" + text.strip() + "` is not a day (MON, TUE, WED, THU, FRI, SAT, SUN)");
  }
}
