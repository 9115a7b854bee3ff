package dev.flow.compiler.check.flow;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Standard five-field Unix cron (LANGUAGE.md §3.5 and §7 rule 11): minute, hour, day of month,
 * month, day of week; numbers, {@code *}, lists, ranges, steps, month and day names, day of week
 * 0–7. The expression is parsed by cron-utils with its Unix definition, which refuses nicknames
 * ({@code @daily}) and the non-standard {@code L}, {@code W}, {@code #} and {@code ?}; this class
 * only puts its verdict in the user's words and names the field at fault.
 */
final class Cron {
  private Cron() {}

  /** cron-utils' parser, built on first use: a model without a cron trigger never loads cron-utils. */
  private static final class Parser {
    static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private Parser() {}
  }

  private static final String[] FIELDS = {"minute", "hour", "day of month", "month", "day of week"};

  /**
   * Verdicts already given, by expression: cron-utils builds a whole model of an expression to
   * validate it, and a large model repeats the same few schedules. Bounded, least recently used out.
   */
  private static final int CACHED = 512;

  private static final Map<String, Optional<String>> JUDGED = Collections.synchronizedMap(
      new LinkedHashMap<String, Optional<String>>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
          return size() > CACHED;
        }
      });

  /** What is wrong with a cron expression, in words; empty when it is valid. */
  static Optional<String> problem(String expression) {
    Optional<String> known = JUDGED.get(expression);
    if (known != null) {
      return known;
    }
    Optional<String> verdict = judge(expression);
    JUDGED.put(expression, verdict);
    return verdict;
  }

  private static Optional<String> judge(String expression) {
    String text = expression.strip();
    if (text.startsWith("@")) {
      String word = text.split("\\s+")[0];
      return Optional.of("`" + word + "` is not supported: write the five fields"
          + instead(word.toLowerCase(Locale.ROOT)));
    }
    String[] parts = text.isEmpty() ? new String[0] : text.split("\\s+");
    if (parts.length != FIELDS.length) {
      String found = parts.length == 0 ? "none" : String.valueOf(parts.length);
      String extra = parts.length == 6 || parts.length == 7 ? " (seconds and years are not part of standard cron)" : "";
      return Optional.of("expected five fields (minute, hour, day of month, month, day of week), found "
          + found + extra);
    }
    Optional<String> whole = verdict(text);
    if (whole.isEmpty()) {
      return Optional.empty();
    }
    // Name the field at fault: try each one alone, the others left at `*`.
    for (int i = 0; i < parts.length; i++) {
      String[] probe = {"*", "*", "*", "*", "*"};
      probe[i] = parts[i];
      Optional<String> alone = verdict(String.join(" ", probe));
      if (alone.isPresent()) {
        return Optional.of("the " + FIELDS[i] + " field `" + parts[i] + "` is not valid: " + alone.get());
      }
    }
    return whole;
  }

  /** cron-utils' objection to an expression, cleaned up, or empty when it accepts it. */
  private static Optional<String> verdict(String expression) {
    try {
      Parser.UNIX.parse(expression).validate();
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage() == null ? "not a cron expression" : e.getMessage();
      message = message.replace("Failed to parse cron expression. ", "").replace("Failed to parse '", "'").strip();
      if (message.endsWith(".")) {
        message = message.substring(0, message.length() - 1);
      }
      return Optional.of(message.isEmpty() ? "not a cron expression"
          : Character.toLowerCase(message.charAt(0)) + message.substring(1));
    }
  }

  private static String instead(String nickname) {
    return switch (nickname) {
      case "@yearly", "@annually" -> ", `0 0 1 1 *`";
      case "@monthly" -> ", `0 0 1 * *`";
      case "@weekly" -> ", `0 0 * * 0`";
      case "@daily", "@midnight" -> ", `0 0 * * *`";
      case "@hourly" -> ", `0 * * * *`";
      default -> "";
    };
  }
}
