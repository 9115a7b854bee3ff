package dev.flow.compiler.diagram;

/**
 * A small indenting writer for Mermaid text: two spaces per level, {@code \n} line ends, nothing
 * at the end of a line. It knows nothing about labels; callers pass ids and already quoted,
 * encoded labels.
 */
final class MermaidWriter {
  private final StringBuilder out = new StringBuilder();
  private int depth;

  MermaidWriter line(String text) {
    out.append("  ".repeat(depth)).append(text).append('\n');
    return this;
  }

  MermaidWriter indent() {
    depth++;
    return this;
  }

  MermaidWriter dedent() {
    if (depth == 0) {
      throw new IllegalStateException("dedent below zero");
    }
    depth--;
    return this;
  }

  /** {@code "markup"}: the label between the only quotes it may have. */
  static String quote(Label label) {
    return "\"" + label.markup() + "\"";
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
