package dev.flow.compiler.parse;

import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.parse.antlr.FlowLexer;
import dev.flow.compiler.source.SourceFile;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Reports bad literals (E002) from the token stream, independently of the parse: unterminated
 * strings and comments, bad escapes, malformed durations, numbers and dates.
 */
final class LiteralChecker {
  private LiteralChecker() {}

  static final String DURATION_HELP =
      "durations are numbers with the units s, m, h, d, w, largest first, each once: 30s, 15m, 1d12h, 2w";

  static void check(SourceFile file, List<? extends Token> tokens, Diagnostics out) {
    Deque<Token> openStrings = new ArrayDeque<>();
    for (Token t : tokens) {
      int type = t.getType();
      // Only a literal's text is read: the text of a token is a new string each time it is asked for.
      String text = isLiteral(type) ? t.getText() : null;
      switch (type) {
        case FlowLexer.STRING_OPEN -> openStrings.push(t);
        case FlowLexer.STRING_CLOSE -> {
          if (!openStrings.isEmpty()) {
            openStrings.pop();
          }
        }
        case FlowLexer.UNTERMINATED_STRING -> {
          Token start = openStrings.isEmpty() ? t : openStrings.peekLast();
          openStrings.clear();
          int from = file.charOffset(start.getStartIndex());
          int line = file.lineOf(from);
          int lineEnd = from + file.line(line).length() - (file.columnOf(from) - 1);
          out.add(Diagnostic.of(Code.E002, file.span(from, Math.max(from + 1, lineEnd)),
                  "unterminated string")
              .withLabel("the string is not closed on this line")
              .withHelp("add the closing `\"`"));
        }
        case FlowLexer.UNTERMINATED_COMMENT -> {
          int from = file.charOffset(t.getStartIndex());
          out.add(Diagnostic.of(Code.E002, file.span(from, from + 2), "unterminated block comment")
              .withHelp("close it with `*/`"));
        }
        case FlowLexer.BAD_ESCAPE -> out.add(Diagnostic.of(Code.E002, Spans.of(file, t),
                "invalid escape `" + text + "` in string")
            .withHelp("the escapes are \\\" \\\\ \\n \\t and \\{"));
        case FlowLexer.DURATION -> {
          if (Literals.duration(text).isEmpty()) {
            out.add(Diagnostic.of(Code.E002, Spans.of(file, t), "invalid duration `" + text + "`")
                .withHelp(DURATION_HELP));
          }
        }
        case FlowLexer.INT -> {
          if (!Literals.isInteger(text)) {
            out.add(Diagnostic.of(Code.E002, Spans.of(file, t), "invalid number `" + text + "`")
                .withHelp(text.contains("_")
                    ? "underscores may only stand between digits: 10_000"
                    : "integers must fit in 64 bits"));
          }
        }
        case FlowLexer.DECIMAL -> {
          if (Literals.decimal(text).isEmpty()) {
            out.add(Diagnostic.of(Code.E002, Spans.of(file, t), "invalid number `" + text + "`")
                .withHelp("underscores may only stand between digits: 10_000.50"));
          }
        }
        case FlowLexer.DATE -> {
          if (Literals.date(text).isEmpty()) {
            out.add(Diagnostic.of(Code.E002, Spans.of(file, t), "invalid date `" + text + "`")
                .withHelp("dates are written YYYY-MM-DD and must exist: 2026-11-24"));
          }
        }
        case FlowLexer.TIMESTAMP -> {
          if (Literals.timestamp(text).isEmpty()) {
            out.add(Diagnostic.of(Code.E002, Spans.of(file, t), "invalid timestamp `" + text + "`")
                .withHelp("timestamps are written YYYY-MM-DDThh:mm[:ss] with `Z` or an offset, and must exist: "
                    + "2026-11-24T09:00:00Z, 2026-11-24T10:00+01:00"));
          }
        }
        default -> {
          // not a literal
        }
      }
    }
  }

  private static boolean isLiteral(int type) {
    return type == FlowLexer.BAD_ESCAPE || type == FlowLexer.DURATION || type == FlowLexer.INT
        || type == FlowLexer.DECIMAL || type == FlowLexer.DATE || type == FlowLexer.TIMESTAMP;
  }
}
