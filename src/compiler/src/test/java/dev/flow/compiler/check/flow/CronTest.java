package dev.flow.compiler.check.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "* * * * *",
      "0 9 * * MON-FRI",
      "*/15 8-18 * * 1-5",
      "0,30 9 1,15 JAN-MAR,DEC SUN",
      "5 4 * * 7",
      "0 0 29 2 *",
      "0-59/5 0-23/2 1-31/3 1-12/6 1-5",
      "  0 9 * * *  "})
  void valid(String cron) {
    assertEquals(Optional.empty(), Cron.problem(cron));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "60 9 * * *       | the minute field `60` is not valid",
      "0 24 * * *       | the hour field `24` is not valid",
      "0 9 32 * *       | the day of month field `32` is not valid",
      "0 9 0 * *        | the day of month field `0` is not valid",
      "0 9 * 13 *       | the month field `13` is not valid",
      "0 9 * * 8        | the day of week field `8` is not valid",
      "0 9 * *          | expected five fields (minute, hour, day of month, month, day of week), found 4",
      "''               | expected five fields (minute, hour, day of month, month, day of week), found none",
      "0 0 9 * * MON    | expected five fields (minute, hour, day of month, month, day of week), found 6 (seconds",
      "@daily           | `@daily` is not supported: write the five fields, `0 0 * * *`",
      "@reboot          | `@reboot` is not supported",
      "0 9 L * *        | the day of month field `L` is not valid",
      "0 9 15W * *      | the day of month field `15W` is not valid",
      "0 9 ? * MON      | the day of month field `?` is not valid",
      "0 9 * * MON#2    | the day of week field `MON#2` is not valid",
      "0 9 * * MON-FRY  | the day of week field `MON-FRY` is not valid",
      "0 9 * JANUARY *  | the month field `JANUARY` is not valid",
      "0 MON * * *      | the hour field `MON` is not valid"})
  void invalid(String cron, String problem) {
    Optional<String> actual = Cron.problem(cron);
    assertTrue(actual.isPresent(), cron);
    assertTrue(actual.get().startsWith(problem), actual.get());
  }
}
