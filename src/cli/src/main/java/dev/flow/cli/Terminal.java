package dev.flow.cli;

import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.DiagnosticRenderer;
import java.io.PrintStream;
import java.util.Map;

/**
 * Where a command writes: results for machines and requested help on {@code out}, diagnostics
 * and messages for people on {@code err}; {@code colour} says whether diagnostics on {@code err}
 * are painted.
 */
record Terminal(PrintStream out, PrintStream err, boolean colour) {
  /** Set by the {@code flowc} launcher when stderr is a terminal (Java 17 cannot tell by itself). */
  static final String TTY_VARIABLE = "FLOWC_STDERR_TTY";
  /** {@code always} or {@code never} overrides the choice. */
  static final String COLOR_VARIABLE = "FLOWC_COLOR";

  Terminal(PrintStream out, PrintStream err) {
    this(out, err, false);
  }

  /** A diagnostic as text for {@code err}, control characters escaped, coloured when the terminal is. */
  String render(Diagnostic d) {
    return DiagnosticRenderer.render(d, colour);
  }

  /**
   * Whether to colour: never with {@code NO_COLOR} set and not empty (no-color.org), else as
   * {@code FLOWC_COLOR} says, else when the launcher saw a terminal on stderr.
   */
  static boolean colour(Map<String, String> env) {
    String noColor = env.get("NO_COLOR");
    if (noColor != null && !noColor.isEmpty()) {
      return false;
    }
    String choice = env.getOrDefault(COLOR_VARIABLE, "");
    if (choice.equals("always")) {
      return true;
    }
    if (choice.equals("never")) {
      return false;
    }
    return "1".equals(env.get(TTY_VARIABLE)) && !"dumb".equals(env.get("TERM"));
  }
}
