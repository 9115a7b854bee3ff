package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CronWordsTest {
  @Test
  void usualShapes() {
    assertEquals(Optional.of("at 09:00, Monday to Friday"), CronWords.describe("0 9 * * MON-FRI"));
    assertEquals(Optional.of("at 14:00, Fridays"), CronWords.describe("0 14 * * FRI"));
    assertEquals(Optional.of("at 06:00 on day 1 of every month"), CronWords.describe("0 6 1 * *"));
    assertEquals(Optional.of("at 08:30 on day 1 and 15 of every month"), CronWords.describe("30 8 1,15 * *"));
    assertEquals(Optional.of("at 00:00, every day"), CronWords.describe("0 0 * * *"));
    assertEquals(Optional.of("every 15 minutes"), CronWords.describe("*/15 * * * *"));
    assertEquals(Optional.of("every 2 hours, at minute 5"), CronWords.describe("5 */2 * * *"));
    assertEquals(Optional.of("at 07:00, Sundays and Wednesdays"), CronWords.describe("0 7 * * 0,3"));
    assertEquals(Optional.of("at 07:00, Sundays"), CronWords.describe("0 7 * * 7"));
  }

  @Test
  void othersAreLeftAsWritten() {
    assertEquals(Optional.empty(), CronWords.describe("0 9 * JAN MON"));
    assertEquals(Optional.empty(), CronWords.describe("0 9 1 * MON"));
    assertEquals(Optional.empty(), CronWords.describe("0-30 9 * * *"));
    assertEquals(Optional.empty(), CronWords.describe("0 9 * * MON-WED-FRI"));
  }
}
