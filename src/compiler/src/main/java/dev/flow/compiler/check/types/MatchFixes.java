package dev.flow.compiler.check.types;

import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.diag.Fix;
import dev.flow.compiler.source.SourceFile;
import java.util.List;

/** E205's fixes: arms for the constants a {@code match} misses, or an {@code else} arm, before its closing brace. */
final class MatchFixes {
  private MatchFixes() {}

  static Fix arms(Stmt.Match m, List<String> missing) {
    StringBuilder arms = new StringBuilder();
    for (String constant : missing) {
      arms.append(constant).append(" -> {}\n");
    }
    return insert(m, (missing.size() == 1 ? "add an arm for " : "add arms for ") + String.join(", ", missing), arms.toString());
  }

  static Fix otherwise(Stmt.Match m) {
    return insert(m, "add an `else` arm", "else -> {}\n");
  }

  /** Puts arms (one per line in {@code lines}) on lines of their own before the closing brace, or on its line. */
  private static Fix insert(Stmt.Match m, String title, String lines) {
    SourceFile file = m.span().file();
    String text = file.text();
    int close = m.span().end() - 1;
    int lineStart = text.lastIndexOf('\n', close - 1) + 1;
    String before = text.substring(lineStart, close);
    if (before.isBlank()) {
      String indent = before + "  ";
      StringBuilder out = new StringBuilder();
      for (String line : lines.split("\n")) {
        out.append(indent).append(line).append('\n');
      }
      return Fix.replace(title, file.span(lineStart, lineStart), out.toString());
    }
    String inline = " " + String.join(" ", lines.split("\n"));
    int at = close;
    while (at > 0 && text.charAt(at - 1) == ' ') {
      at--;
    }
    return Fix.replace(title, file.span(at, at), inline);
  }
}
