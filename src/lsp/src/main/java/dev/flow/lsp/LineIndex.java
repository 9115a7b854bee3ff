package dev.flow.lsp;

import java.util.Arrays;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Turns offsets into a text into LSP positions and back. LSP counts lines as separated by
 * {@code \n}, {@code \r\n} or {@code \r}, and characters in UTF-16 code units, which is what a
 * Java {@code String} index counts; the compiler's spans are such indices too. A character
 * past the end of its line means the end of the line, as the protocol says.
 */
final class LineIndex {
  private final String text;
  private final int[] starts;

  LineIndex(String text) {
    this.text = text;
    int[] s = new int[16];
    int n = 0;
    s[n++] = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        if (n == s.length) {
          s = Arrays.copyOf(s, n * 2);
        }
        s[n++] = i + 1;
      }
    }
    this.starts = Arrays.copyOf(s, n);
  }

  /** The offset of a position, clamped into the text. */
  int offset(Position p) {
    if (p.getLine() < 0) {
      return 0;
    }
    if (p.getLine() >= starts.length) {
      return text.length();
    }
    int start = starts[p.getLine()];
    int end = lineEnd(p.getLine());
    return Math.min(start + Math.max(0, p.getCharacter()), end);
  }

  /** The position of an offset (clamped into the text). */
  Position position(int offset) {
    int o = Math.max(0, Math.min(offset, text.length()));
    int line = Arrays.binarySearch(starts, o);
    if (line < 0) {
      line = -line - 2;
    }
    return new Position(line, o - starts[line]);
  }

  Range range(int start, int end) {
    return new Range(position(start), position(end));
  }

  /** The offset just after the last character of a line, before its line break. */
  private int lineEnd(int line) {
    int end = line + 1 < starts.length ? starts[line + 1] : text.length();
    if (end > starts[line] && line + 1 < starts.length) {
      end--;
      if (text.charAt(end) == '\n' && end > starts[line] && text.charAt(end - 1) == '\r') {
        end--;
      }
    }
    return end;
  }
}
