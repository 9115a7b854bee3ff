package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CronWordsTest {
  @Test
  void usualShapes() {
    assertEquals(Optional.of("every weekday at 9:00"), CronWords.describe("0 9 * * MON-FRI"));
    assertEquals(Optional.of("every Friday at 14:00"), CronWords.describe("0 14 * * FRI"));
    assertEquals(Optional.of("on the 1st of every month at 6:00"), CronWords.describe("0 6 1 * *"));
    assertEquals(Optional.of("on the 1st and 15th of every month at 8:30"), CronWords.describe("30 8 1,15 * *"));
    assertEquals(Optional.of("every day at 0:00"), CronWords.describe("0 0 * * *"));
    assertEquals(Optional.of("every 15 minutes"), CronWords.describe("*/15 * * * *"));
    assertEquals(Optional.of("every 2 hours, at minute 5"), CronWords.describe("5 */2 * * *"));
    assertEquals(Optional.of("every Sunday and Wednesday at 7:00"), CronWords.describe("0 7 * * 0,3"));
    assertEquals(Optional.of("every Sunday at 7:00"), CronWords.describe("0 7 * * 7"));
    assertEquals(Optional.of("every Monday to Thursday at 17:45"), CronWords.describe("45 17 * * MON-THU"));
    assertEquals(Optional.of("on the 2nd, 3rd and 22nd of every month at 1:00"), CronWords.describe("0 1 2,3,22 * *"));
  }

  @Test
  void othersAreLeftAsWritten() {
    assertEquals(Optional.empty(), CronWords.describe("0 9 * JAN MON"));
    assertEquals(Optional.empty(), CronWords.describe("0 9 1 * MON"));
    assertEquals(Optional.empty(), CronWords.describe("0-30 9 * * *"));
    assertEquals(Optional.empty(), CronWords.describe("0 9 * * MON-WED-FRI"));
  }
}
