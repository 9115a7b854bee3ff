package dev.flow.compiler.bpmn;

import java.time.Duration;

/** Durations as ISO 8601, as BPMN timers want them: {@code P2D}, {@code PT4H}, {@code PT1H30M}. */
final class Iso {
  private Iso() {}

  static String duration(Duration d) {
    long seconds = d.getSeconds();
    if (seconds > 0 && seconds % 86_400 == 0) {
      return "P" + seconds / 86_400 + "D";
    }
    long days = seconds / 86_400;
    return days > 0 ? "P" + days + "D" + Duration.ofSeconds(seconds % 86_400).toString().substring(1) : d.toString();
  }
}
