package dev.flow.lsp;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/**
 * The edits that turn one text into another, line by line: the lines both share at the start and
 * the end are kept, and between them the longest common subsequence of lines (when the middle is
 * small enough to compare line by line) leaves each unchanged line alone, so that an editor keeps
 * its marks and the caret where formatting changed nothing.
 */
final class TextEdits {
  private TextEdits() {}

  /** Lines compared pairwise at most (the rest becomes one edit). */
  private static final long MAX_CELLS = 4_000_000;

  /** A run of old lines {@code [oldStart, oldEnd)} replaced by new lines {@code [newStart, newEnd)}. */
  record Hunk(int oldStart, int oldEnd, int newStart, int newEnd) {}

  static List<TextEdit> between(String oldText, String newText) {
    return edits(oldText, newText, hunks(lines(oldText), lines(newText)));
  }

  /** The edits of the hunks that touch the lines {@code [from, to]} of the old text. */
  static List<TextEdit> within(String oldText, String newText, int from, int to) {
    List<Hunk> touching = new ArrayList<>();
    for (Hunk h : hunks(lines(oldText), lines(newText))) {
      int last = Math.max(h.oldStart(), h.oldEnd() - 1);
      if (h.oldStart() <= to && last >= from) {
        touching.add(h);
      }
    }
    return edits(oldText, newText, touching);
  }

  /** The lines of a text, each with its line break; a last line without one is a line too. */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
        out.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }

  static List<Hunk> hunks(List<String> a, List<String> b) {
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    int n = a.size() - prefix - suffix;
    int m = b.size() - prefix - suffix;
    List<Hunk> out = new ArrayList<>();
    if (n == 0 && m == 0) {
      return out;
    }
    if ((long) n * m > MAX_CELLS || n == 0 || m == 0) {
      out.add(new Hunk(prefix, prefix + n, prefix, prefix + m));
      return out;
    }
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = a.get(prefix + i).equals(b.get(prefix + j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    int hunkI = -1;
    int hunkJ = -1;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(prefix + i).equals(b.get(prefix + j))) {
        if (hunkI >= 0) {
          out.add(new Hunk(prefix + hunkI, prefix + i, prefix + hunkJ, prefix + j));
          hunkI = -1;
        }
        i++;
        j++;
        continue;
      }
      if (hunkI < 0) {
        hunkI = i;
        hunkJ = j;
      }
      if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        j++;
      } else {
        i++;
      }
    }
    if (hunkI >= 0) {
      out.add(new Hunk(prefix + hunkI, prefix + n, prefix + hunkJ, prefix + m));
    }
    return out;
  }

  private static List<TextEdit> edits(String oldText, String newText, List<Hunk> hunks) {
    List<String> newLines = lines(newText);
    LineIndex index = new LineIndex(oldText);
    List<TextEdit> out = new ArrayList<>();
    for (Hunk h : hunks) {
      StringBuilder text = new StringBuilder();
      for (int k = h.newStart(); k < h.newEnd(); k++) {
        text.append(newLines.get(k));
      }
      out.add(new TextEdit(new Range(start(index, oldText, h.oldStart()), start(index, oldText, h.oldEnd())), text.toString()));
    }
    return out;
  }

  /** The position where a line starts, or the end of the text for the line after the last. */
  private static Position start(LineIndex index, String text, int line) {
    int count = lines(text).size();
    return line >= count ? index.position(text.length()) : new Position(line, 0);
  }
}
