package dev.flow.compiler.diag;

/**
 * Text from a model made safe for a terminal. A diagnostic quotes names, strings and source
 * lines, and a file may hold an escape sequence, a right-to-left override or a NUL: printed raw,
 * they would recolour, reorder or hide what the terminal shows. Messages show each such character
 * as an escape ({@code &#92;u{1b}}); a quoted source line, whose columns the caret line must match,
 * shows it as one character: the Unicode control picture of a C0 control ({@code ␛}), or
 * {@code �} for the others.
 */
public final class TerminalText {
  private TerminalText() {}

  /** The text with every control (but a line feed), format or line-separator character written as {@code &#92;u{…}}. */
  public static String escape(String text) {
    if (clean(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(c -> {
      if (c != '\n' && (c == '\t' || unsafe(c))) {
        out.append("\\").append("u{").append(Integer.toHexString(c)).append('}');
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** A source line as the terminal may show it: one visible character for each unsafe one; tabs kept. */
  public static String picture(String line) {
    if (clean(line)) {
      return line;
    }
    StringBuilder out = new StringBuilder(line.length());
    line.codePoints().forEach(c -> {
      if (c == '\t' || !unsafe(c)) {
        out.appendCodePoint(c);
      } else if (c < 0x20) {
        out.appendCodePoint(0x2400 + c);
      } else if (c == 0x7f) {
        out.appendCodePoint(0x2421);
      } else {
        out.appendCodePoint(0xfffd);
      }
    });
    return out.toString();
  }

  private static boolean clean(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** Controls (C0, DEL, C1), format characters (bidi overrides, zero-width ones) and U+2028/U+2029. */
  static boolean unsafe(int c) {
    if (c == '\t') {
      return false;
    }
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE;
  }
}
