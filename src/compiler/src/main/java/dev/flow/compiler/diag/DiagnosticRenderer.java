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
 */
public final class DiagnosticRenderer {
  private DiagnosticRenderer() {}

  /** The one-line header: {@code file:line:col: error[E100]: message}. */
  public static String header(Diagnostic d) {
    SourceSpan s = d.span();
    String where = s.isNone() ? "" : s.fileName() + ":" + s.line() + ":" + s.column() + ": ";
    return where + d.severity().label() + "[" + d.code() + "]: " + d.message();
  }

  public static String render(Diagnostic d) {
    StringBuilder out = new StringBuilder(header(d)).append('\n');
    SourceSpan s = d.span();
    String gutter = " ".repeat(String.valueOf(Math.max(s.line(), 1)).length());
    if (!s.isNone()) {
      int line = s.line();
      String text = s.file().line(line);
      out.append(gutter).append(" |\n");
      out.append(line).append(" | ").append(text).append('\n');
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
      out.append(gutter).append(" | ").append(pad).append("^".repeat(width));
      if (!d.label().isEmpty()) {
        out.append(' ').append(d.label());
      }
      out.append('\n');
    }
    for (String note : d.notes()) {
      out.append(gutter).append(" = note: ").append(note).append('\n');
    }
    d.help().ifPresent(h -> out.append(gutter).append(" = help: ").append(h).append('\n'));
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
}
