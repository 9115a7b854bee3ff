package dev.flow.compiler.diag;

import dev.flow.compiler.source.SourceSpan;
import java.util.List;

/**
 * Prints diagnostics in the rustc-like form of LANGUAGE.md §6:
 *
 * <pre>
 * onboarding.flow:14:22: error[E100]: unknown role `AcountManager`
 *    |
 * 14 |   step assign by AcountManager within 1d
 *    |                  ^^^^^^^^^^^^^ not declared in package com.acme.onboarding
 *    = help: did you mean `AccountManager`?
 * </pre>
 *
 * <p>Text from the model is made safe for a terminal ({@link TerminalText}); with colour, the
 * severity, the gutter and the carets are painted with ANSI escapes, as rustc does.
 */
public final class DiagnosticRenderer {
  private DiagnosticRenderer() {}

  /** The one-line header: {@code file:line:col: error[E100]: message}. */
  public static String header(Diagnostic d) {
    return header(d, Palette.PLAIN);
  }

  private static String header(Diagnostic d, Palette p) {
    SourceSpan s = d.span();
    String where = s.isNone() ? "" : TerminalText.escape(s.fileName()) + ":" + s.line() + ":" + s.column() + ": ";
    String severity = p.paint(d.isError() ? Palette.ERROR : Palette.WARNING, d.severity().label() + "[" + d.code() + "]");
    return where + severity + ": " + p.paint(Palette.BOLD, TerminalText.escape(d.message()));
  }

  public static String render(Diagnostic d) {
    return render(d, false);
  }

  /** The diagnostic in the rustc-like form; with {@code colour}, painted with ANSI escapes. */
  public static String render(Diagnostic d, boolean colour) {
    Palette p = colour ? Palette.ANSI : Palette.PLAIN;
    String mark = d.isError() ? Palette.ERROR : Palette.WARNING;
    StringBuilder out = new StringBuilder(header(d, p)).append('\n');
    SourceSpan s = d.span();
    String gutter = " ".repeat(String.valueOf(Math.max(s.line(), 1)).length());
    if (!s.isNone()) {
      int line = s.line();
      String text = TerminalText.picture(s.file().line(line));
      String bar = p.paint(Palette.GUTTER, gutter + " |");
      out.append(bar).append('\n');
      out.append(p.paint(Palette.GUTTER, line + " |")).append(' ').append(text).append('\n');
      int startCol = s.column();
      int endCol = s.endLine() == line ? s.endColumn() : text.codePointCount(0, text.length()) + 1;
      int width = Math.max(1, endCol - startCol);
      StringBuilder pad = new StringBuilder();
      int cp = 0;
      for (int i = 0; i < text.length() && cp < startCol - 1; cp++) {
        int c = text.codePointAt(i);
        pad.append(c == '\t' ? '\t' : ' ');
        i += Character.charCount(c);
      }
      while (cp < startCol - 1) {
        pad.append(' ');
        cp++;
      }
      String carets = "^".repeat(width) + (d.label().isEmpty() ? "" : " " + TerminalText.escape(d.label()));
      out.append(bar).append(' ').append(pad).append(p.paint(mark, carets));
      out.append('\n');
    }
    for (String note : d.notes()) {
      out.append(gutter).append(p.paint(Palette.GUTTER, " =")).append(p.paint(Palette.BOLD, " note:")).append(' ')
          .append(TerminalText.escape(note)).append('\n');
    }
    d.help().ifPresent(h -> out.append(gutter).append(p.paint(Palette.GUTTER, " =")).append(p.paint(Palette.BOLD, " help:"))
        .append(' ').append(TerminalText.escape(h)).append('\n'));
    return out.toString();
  }

  /** Every diagnostic, each followed by a blank line, then a summary line (if any). */
  public static String renderAll(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      out.append(render(d)).append('\n');
    }
    String summary = summary(diagnostics);
    if (!summary.isEmpty()) {
      out.append(summary).append('\n');
    }
    return out.toString();
  }

  /** "2 errors, 1 warning", or empty when there are none. */
  public static String summary(List<Diagnostic> diagnostics) {
    long errors = diagnostics.stream().filter(Diagnostic::isError).count();
    long warnings = diagnostics.size() - errors;
    if (errors == 0 && warnings == 0) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    if (errors > 0) {
      s.append(errors).append(errors == 1 ? " error" : " errors");
    }
    if (warnings > 0) {
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append(warnings).append(warnings == 1 ? " warning" : " warnings");
    }
    return s.toString();
  }

  /** ANSI colours, or none. */
  private enum Palette {
    PLAIN,
    ANSI;

    static final String ERROR = "1;31";
    static final String WARNING = "1;33";
    static final String GUTTER = "1;34";
    static final String BOLD = "1";

    String paint(String style, String text) {
      return this == PLAIN || text.isEmpty() ? text : "\u001b[" + style + "m" + text + "\u001b[0m";
    }
  }
}
