package dev.flow.compiler.diagram;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of a node or an edge: lines of plain text, the first one possibly bold. Text is kept
 * plain until {@link #markup()}, which encodes it ({@link MermaidText}) and adds the only markup
 * a label ever has, ours: {@code <b>} and {@code <br/>}. Long lines are wrapped at word
 * boundaries so that nodes stay narrow.
 */
final class Label {
  /** Where long lines are wrapped, in characters. */
  static final int WIDTH = 44;

  /** Decisions are wrapped narrower: a diamond grows with its text's width and height together. */
  static final int NARROW = 22;

  private final List<String> lines;
  private final boolean boldTitle;
  private final int width;

  private Label(List<String> lines, boolean boldTitle) {
    this(lines, boldTitle, WIDTH);
  }

  private Label(List<String> lines, boolean boldTitle, int width) {
    this.lines = List.copyOf(lines);
    this.boldTitle = boldTitle;
    this.width = width;
  }

  /** A label of plain lines wrapped at {@link #NARROW}, for a diamond. */
  static Label narrow(String... lines) {
    return new Label(List.of(lines), false, NARROW);
  }

  /** A label whose first line is a bold title. */
  static Label titled(String title) {
    return new Label(List.of(title), true);
  }

  /** A label of plain lines. */
  static Label plain(String... lines) {
    return new Label(List.of(lines), false);
  }

  /** This label wrapped at {@code columns} characters (at most its own width). */
  Label wrappedAt(int columns) {
    return new Label(lines, boldTitle, Math.min(width, columns));
  }

  /** This label wrapped at {@code columns} characters, wider than its own width too (a decision's as well). */
  Label rewrappedAt(int columns) {
    return new Label(lines, boldTitle, columns);
  }

  /** This label with one more line (wrapped when long). */
  Label line(String text) {
    List<String> more = new ArrayList<>(lines);
    more.add(text);
    return new Label(more, boldTitle, width);
  }

  /** The first line as written (before wrapping): a step's title. */
  String first() {
    return lines.isEmpty() ? "" : lines.get(0);
  }

  /** The label as Mermaid markup, to go between quotes. */
  String markup() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      List<String> wrapped = wrap(lines.get(i), width);
      for (String piece : wrapped) {
        String text = MermaidText.encode(piece);
        out.add(i == 0 && boldTitle ? "<b>" + text + "</b>" : text);
      }
    }
    return String.join("<br/>", out);
  }

  /** The longest line as drawn, in characters: what decides how wide the node is. */
  int columns() {
    int most = 0;
    for (String line : lines) {
      for (String piece : wrap(line, width)) {
        most = Math.max(most, piece.codePointCount(0, piece.length()));
      }
    }
    return most;
  }

  /** How many lines the label has as drawn (after wrapping): what decides how tall the node is. */
  int height() {
    int count = 0;
    for (String line : lines) {
      count += wrap(line, width).size();
    }
    return count;
  }

  /** Plain text, lines joined with spaces (for tests and messages). */
  @Override
  public String toString() {
    return String.join(" / ", lines);
  }

  /** Splits {@code text} into lines of at most {@code width} characters, at spaces where there are any. */
  static List<String> wrap(String text, int width) {
    String rest = text.strip().replaceAll("\\s+", " ");
    List<String> out = new ArrayList<>();
    while (rest.codePointCount(0, rest.length()) > width) {
      int limit = rest.offsetByCodePoints(0, width);
      int cut = rest.lastIndexOf(' ', limit);
      if (cut <= width / 3) {
        cut = limit; // one long word: cut it
        out.add(rest.substring(0, cut));
        rest = rest.substring(cut);
      } else {
        out.add(rest.substring(0, cut));
        rest = rest.substring(cut + 1);
      }
    }
    out.add(rest);
    return out;
  }

  /** {@code text}, cut after {@code max} characters with an ellipsis. */
  static String shorten(String text, int max) {
    String flat = text.strip().replaceAll("\\s+", " ");
    if (flat.codePointCount(0, flat.length()) <= max) {
      return flat;
    }
    String cut = flat.substring(0, flat.offsetByCodePoints(0, max - 1));
    int space = cut.lastIndexOf(' ');
    if (space > max * 2 / 3) {
      cut = cut.substring(0, space); // end at a word when one ends near the limit
    }
    return cut.stripTrailing() + " …";
  }
}
