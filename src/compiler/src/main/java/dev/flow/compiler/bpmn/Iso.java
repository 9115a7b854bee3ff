package dev.flow.compiler.bpmn;

import java.time.Duration;

/** Durations as ISO 8601, as BPMN timers want them: {@code P2D}, {@code PT4H}, {@code PT1H30M}. */
final class Iso {
  private Iso() {}

  /**
   * A time limit as a timer's formal expression: ISO 8601 for a literal, the Flow expression
   * as written for one computed when the step starts (as for {@code wait}).
   */
  static String duration(dev.flow.compiler.ast.Expr e) {
    return e instanceof dev.flow.compiler.ast.Expr.DurationLit d ? duration(d.value())
        : dev.flow.compiler.ast.ExprPrinter.print(e);
  }

  static String duration(Duration d) {
    long seconds = d.getSeconds();
    if (seconds > 0 && seconds % 86_400 == 0) {
      return "P" + seconds / 86_400 + "D";
    }
    long days = seconds / 86_400;
    return days > 0 ? "P" + days + "D" + Duration.ofSeconds(seconds % 86_400).toString().substring(1) : d.toString();
  }
}
