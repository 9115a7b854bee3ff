package dev.flow.compiler.codegen;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.palantir.javapoet.CodeBlock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * A checked cron expression expanded into the values each field allows, which is what
 * {@code Schedule.cron} takes, so the runtime never parses cron. cron-utils reads the
 * expression (as the checker does): each field is probed alone, the others left at {@code *},
 * by listing when it fires over one period of that field (an hour for minutes, a day for hours,
 * a 31-day month for days, a year for months, a week for days of the week). Day of week 7 is
 * Sunday, like 0. A day field counts as unrestricted ({@code anyDayOfMonth}) only when it is
 * exactly {@code *}.
 */
final class CronExpansion {
  private CronExpansion() {}

  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /** The values of each field. */
  record Fields(
      String expression,
      List<Integer> minutes,
      List<Integer> hours,
      List<Integer> daysOfMonth,
      List<Integer> months,
      List<Integer> daysOfWeek,
      boolean anyDayOfMonth,
      boolean anyDayOfWeek) {}

  /**
   * Expansions already made, by expression: probing takes some 130 of cron-utils' next-execution
   * searches, and a large model repeats the same few schedules. Bounded, least recently used out.
   */
  private static final int CACHED = 512;

  private static final Map<String, Fields> EXPANDED = Collections.synchronizedMap(
      new LinkedHashMap<String, Fields>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Fields> eldest) {
          return size() > CACHED;
        }
      });

  static Fields expand(String expression) {
    Fields known = EXPANDED.get(expression);
    if (known != null) {
      return known;
    }
    Fields fields = probeAll(expression);
    EXPANDED.put(expression, fields);
    return fields;
  }

  private static Fields probeAll(String expression) {
    String[] parts = expression.strip().split("\\s+");
    if (parts.length != 5) {
      throw new IllegalArgumentException("not a checked cron expression: " + expression);
    }
    ZonedDateTime sunday = ZonedDateTime.of(2001, 1, 7, 0, 0, 0, 0, ZoneOffset.UTC);
    ZonedDateTime january = ZonedDateTime.of(2001, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    return new Fields(
        expression,
        probe(parts[0] + " * * * *", sunday, sunday.plusHours(1), ZonedDateTime::getMinute),
        probe("0 " + parts[1] + " * * *", sunday, sunday.plusDays(1), ZonedDateTime::getHour),
        probe("0 0 " + parts[2] + " * *", january, january.plusMonths(1), ZonedDateTime::getDayOfMonth),
        probe("0 0 1 " + parts[3] + " *", january, january.plusYears(1), ZonedDateTime::getMonthValue),
        probe("0 0 * * " + parts[4], sunday, sunday.plusWeeks(1), t -> t.getDayOfWeek().getValue() % 7),
        parts[2].equals("*"),
        parts[4].equals("*"));
  }

  private static List<Integer> probe(
      String expression, ZonedDateTime from, ZonedDateTime to, ToIntFunction<ZonedDateTime> field) {
    ExecutionTime times = ExecutionTime.forCron(PARSER.parse(expression));
    TreeSet<Integer> values = new TreeSet<>();
    ZonedDateTime t = from.minusMinutes(1);
    while (true) {
      Optional<ZonedDateTime> next = times.nextExecution(t);
      if (next.isEmpty() || !next.get().isBefore(to)) {
        break;
      }
      values.add(field.applyAsInt(next.get()));
      t = next.get();
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException("cron field allows no value: " + expression);
    }
    return List.copyOf(values);
  }

  /** {@code Schedule.cron("0 9 * * MON-FRI", new int[] {0}, …)}: a run of consecutive values as an {@code IntStream} range. */
  static CodeBlock schedule(Fields f) {
    return CodeBlock.builder()
        .add(JavaCode.of("$T.cron($L,\n$>$>", RuntimeTypes.SCHEDULE, JavaText.string(f.expression())))
        .add(JavaCode.of("$L,\n", values(f.minutes())))
        .add(JavaCode.of("$L,\n", values(f.hours())))
        .add(JavaCode.of("$L,\n", values(f.daysOfMonth())))
        .add(JavaCode.of("$L,\n", values(f.months())))
        .add(JavaCode.of("$L,\n", values(f.daysOfWeek())))
        .add(JavaCode.of("$L, $L)$<$<", f.anyDayOfMonth(), f.anyDayOfWeek()))
        .build();
  }

  private static CodeBlock values(List<Integer> values) {
    int first = values.get(0);
    int last = values.get(values.size() - 1);
    if (values.size() > 2 && last - first + 1 == values.size()) {
      return JavaCode.of("$T.rangeClosed($L, $L).toArray()", RuntimeTypes.INT_STREAM, first, last);
    }
    return JavaCode.of("new int[] {$L}", String.join(", ", values.stream().map(String::valueOf).toList()));
  }
}
