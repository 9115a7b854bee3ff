package dev.flow.compiler.bpmn;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small indenting XML writer: elements with attributes given as name/value pairs (a null value
 * leaves the attribute out), text escaped for where it lands. Text from a model cannot make markup:
 * {@code & < > " '} become entities, line breaks and tabs in attributes become character
 * references (so that XML's attribute normalisation keeps them), and characters that XML 1.0
 * cannot carry at all (most control characters, lone surrogates, U+FFFE/U+FFFF) become U+FFFD.
 */
final class XmlWriter {
  private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  private final Deque<String> open = new ArrayDeque<>();

  XmlWriter start(String name, String... attributes) {
    indent().append('<').append(name);
    attributes(attributes);
    out.append(">\n");
    open.push(name);
    return this;
  }

  XmlWriter end() {
    String name = open.pop();
    indent().append("</").append(name).append(">\n");
    return this;
  }

  XmlWriter empty(String name, String... attributes) {
    indent().append('<').append(name);
    attributes(attributes);
    out.append(" />\n");
    return this;
  }

  /** An element holding only text. */
  XmlWriter text(String name, String text, String... attributes) {
    indent().append('<').append(name);
    attributes(attributes);
    out.append('>').append(escape(text, false)).append("</").append(name).append(">\n");
    return this;
  }

  @Override
  public String toString() {
    if (!open.isEmpty()) {
      throw new IllegalStateException("unclosed element " + open.peek());
    }
    return out.toString();
  }

  private StringBuilder indent() {
    return out.append("  ".repeat(open.size()));
  }

  private void attributes(String... attributes) {
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      if (attributes[i + 1] != null) {
        out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1], true)).append('"');
      }
    }
  }

  static String escape(String text, boolean attribute) {
    StringBuilder s = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        s.append(c).append(text.charAt(++i));
        continue;
      }
      switch (c) {
        case '&' -> s.append("&amp;");
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '"' -> s.append(attribute ? "&quot;" : "\"");
        case '\'' -> s.append(attribute ? "&apos;" : "'");
        case '\n' -> s.append(attribute ? "&#10;" : "\n");
        case '\r' -> s.append("&#13;");
        case '\t' -> s.append(attribute ? "&#9;" : "\t");
        default -> s.append(allowed(c) ? c : '\uFFFD');
      }
    }
    return s.toString();
  }

  /** Whether XML 1.0 allows the character (surrogate pairs are handled before). */
  private static boolean allowed(char c) {
    return c >= 0x20 && !Character.isSurrogate(c) && c != 0xFFFE && c != 0xFFFF;
  }
}
