package dev.flow.compiler.format;

import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.parse.Layout;
import dev.flow.compiler.parse.Piece;
import dev.flow.compiler.parse.Piece.Kind;
import dev.flow.compiler.source.SourceFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * {@code flowc fmt}: the canonical layout of a Flow file. Like gofmt, it keeps the author's
 * choice of where lines break (at most one blank line in a row) and decides everything else:
 * two spaces of indentation per block, one more for a line that continues a statement, one
 * space between words and around operators and none inside brackets, a block that spans lines
 * has its braces on lines of their own, {@code else}, {@code catch} and {@code until} follow
 * the closing brace, and an opening brace stays on the line before it. Comments (line, block
 * and doc) stay where they were, and string literals are kept exactly as written; the trailing
 * comments of consecutive lines are aligned one space after the longest of those lines, as
 * gofmt aligns them.
 *
 * <p>It moves only whitespace between tokens and never joins two tokens, so the formatted file
 * parses to the same tree; formatting formatted text changes nothing.
 */
public final class Formatter {
  private static final String INDENT = "  ";

  private Formatter() {}

  /** The formatted text of a file, or empty (with its syntax errors in {@code diagnostics}) when it does not parse. */
  public static Optional<String> format(SourceFile file, Diagnostics diagnostics) {
    return Layout.of(file, diagnostics).map(pieces -> new Printer(normalize(pieces)).print());
  }

  /** The formatted text of a file, or the syntax errors that keep it from being formatted. */
  public static Result format(SourceFile file) {
    Diagnostics diagnostics = new Diagnostics();
    Optional<String> text = format(file, diagnostics);
    return new Result(file, text, diagnostics.sorted());
  }

  /**
   * A formatted file.
   *
   * @param file the file as it was
   * @param text its formatted text, empty when it has syntax errors
   * @param diagnostics the syntax errors
   */
  public record Result(SourceFile file, Optional<String> text, List<Diagnostic> diagnostics) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }

    /** Whether formatting changes the file. */
    public boolean changed() {
      return text.isPresent() && !text.get().equals(file.text());
    }
  }

  /** Decides the line breaks: the source's, capped, with the forced breaks and joins. */
  private static List<Piece> normalize(List<Piece> in) {
    boolean[] multiline = multilineBraces(in);
    Deque<Boolean> open = new ArrayDeque<>();
    List<Piece> out = new ArrayList<>(in.size());
    for (int i = 0; i < in.size(); i++) {
      Piece p = in.get(i);
      Piece previous = i == 0 ? null : in.get(i - 1);
      int newlines = Math.min(p.newlines(), 2);
      if (previous == null) {
        newlines = 0;
      } else if (previous.kind().endsLine()) {
        newlines = Math.max(newlines, 1);
      } else if (p.kind() == Kind.OPEN_BRACE || p.joinsPrevious() && previous.kind() == Kind.CLOSE_BRACE) {
        newlines = 0;
      }
      if (previous != null && previous.kind() == Kind.OPEN_BRACE) {
        newlines = Math.min(newlines, 1);
        if (Boolean.TRUE.equals(open.peek()) && !(p.kind().isComment() && newlines == 0)) {
          newlines = 1;
        }
      }
      if (p.kind() == Kind.CLOSE_BRACE) {
        boolean spans = Boolean.TRUE.equals(open.pop());
        newlines = Math.min(newlines, 1);
        if (spans && previous.kind() != Kind.OPEN_BRACE) {
          newlines = 1;
        }
      }
      if (p.kind() == Kind.OPEN_BRACE) {
        open.push(multiline[i]);
      }
      out.add(new Piece(p.kind(), p.text(), newlines, p.startsElement(), p.joinsPrevious()));
    }
    return out;
  }

  /** For each opening brace, whether its block spans lines in the source. */
  private static boolean[] multilineBraces(List<Piece> pieces) {
    boolean[] multiline = new boolean[pieces.size()];
    Deque<Integer> open = new ArrayDeque<>();
    for (int i = 0; i < pieces.size(); i++) {
      Piece p = pieces.get(i);
      if (p.kind() == Kind.OPEN_BRACE) {
        open.push(i);
      } else if (p.kind() == Kind.CLOSE_BRACE) {
        int start = open.pop();
        for (int j = start + 1; j <= i && !multiline[start]; j++) {
          Piece inner = pieces.get(j);
          if (inner.newlines() > 0 || j < i && inner.kind().endsLine()) {
            multiline[start] = true;
          }
        }
        if (multiline[start]) {
          for (int outer : open) {
            multiline[outer] = true;
          }
        }
      }
    }
    return multiline;
  }

  /** Writes the pieces with their indentation and spacing. */
  private static final class Printer {
    private final List<Piece> pieces;
    private final StringBuilder out = new StringBuilder();
    /** The open brackets: the indentation of the line each was opened on. */
    private final Deque<Open> open = new ArrayDeque<>();
    /** The lines that end in a trailing line comment: line number, where its code ends, where the comment starts. */
    private final List<int[]> trailing = new ArrayList<>();
    private int line;
    private int lineStart;
    private int lineIndent;

    Printer(List<Piece> pieces) {
      this.pieces = pieces;
    }

    String print() {
      Piece previous = null;
      for (Piece p : pieces) {
        if (previous == null || p.newlines() > 0) {
          if (previous != null) {
            out.append("\n".repeat(p.newlines()));
            line += p.newlines();
            lineStart = out.length();
          }
          lineIndent = indentOf(p);
          out.append(INDENT.repeat(lineIndent));
        } else {
          int codeEnd = out.length() - lineStart;
          if (spaced(previous, p)) {
            out.append(' ');
          }
          if (p.kind() == Kind.LINE_COMMENT) {
            trailing.add(new int[] {line, codeEnd, out.length() - lineStart});
          }
        }
        out.append(p.text());
        int breaks = (int) p.text().chars().filter(c -> c == '\n').count();
        if (breaks > 0) {
          line += breaks;
          lineStart = out.lastIndexOf("\n") + 1;
        }
        track(p);
        previous = p;
      }
      if (previous != null) {
        out.append('\n');
      }
      return alignTrailingComments(out.toString());
    }

    /** Puts the trailing comments of each run of consecutive lines one space after the longest code among them. */
    private String alignTrailingComments(String text) {
      if (trailing.size() < 2) {
        return text;
      }
      String[] lines = text.split("\n", -1);
      int i = 0;
      while (i < trailing.size()) {
        int j = i;
        int width = trailing.get(i)[1];
        while (j + 1 < trailing.size() && trailing.get(j + 1)[0] == trailing.get(j)[0] + 1) {
          j++;
          width = Math.max(width, trailing.get(j)[1]);
        }
        for (int k = i; k <= j && j > i; k++) {
          int[] t = trailing.get(k);
          String l = lines[t[0]];
          lines[t[0]] = l.substring(0, t[1]) + " ".repeat(width - t[1] + 1) + l.substring(t[2]);
        }
        i = j + 1;
      }
      return String.join("\n", lines);
    }

    private int indentOf(Piece p) {
      if (isClose(p.kind())) {
        return open.isEmpty() ? 0 : open.peek().lineIndent();
      }
      Open inner = open.peek();
      int base = inner == null ? 0 : inner.lineIndent() + 1;
      boolean inBlock = inner == null || inner.kind() == Kind.OPEN_BRACE;
      boolean continues = inBlock && !p.kind().isComment() && !p.startsElement();
      return continues ? base + 1 : base;
    }

    private void track(Piece p) {
      switch (p.kind()) {
        case OPEN_BRACE, OPEN_CALL, OPEN_PAREN, OPEN_BRACKET -> open.push(new Open(p.kind(), lineIndent));
        case CLOSE_BRACE, CLOSE_PAREN, CLOSE_BRACKET -> open.pop();
        default -> { }
      }
    }

    private static boolean isClose(Kind kind) {
      return kind == Kind.CLOSE_BRACE || kind == Kind.CLOSE_PAREN || kind == Kind.CLOSE_BRACKET;
    }

    private static boolean spaced(Piece previous, Piece next) {
      switch (next.kind()) {
        case COMMA, COLON, DOT, QUESTION, OPEN_CALL, OPEN_ANGLE, CLOSE_ANGLE, CLOSE_PAREN, CLOSE_BRACKET:
          return false;
        case CLOSE_BRACE:
          return previous.kind() != Kind.OPEN_BRACE;
        default:
          break;
      }
      switch (previous.kind()) {
        case DOT, UNARY, OPEN_CALL, OPEN_PAREN, OPEN_BRACKET, OPEN_ANGLE:
          return false;
        default:
          return true;
      }
    }
  }

  private record Open(Kind kind, int lineIndent) {}
}
