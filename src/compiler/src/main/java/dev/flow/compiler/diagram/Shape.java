package dev.flow.compiler.diagram;

/** The node shapes of Mermaid flowcharts that diagrams use: the classic ones, which every Mermaid 9+ renders. */
enum Shape {
  RECT("[", "]"),
  ROUND("(", ")"),
  STADIUM("([", "])"),
  SUBROUTINE("[[", "]]"),
  RHOMBUS("{", "}"),
  HEXAGON("{{", "}}"),
  PARALLELOGRAM("[/", "/]"),
  TRAPEZOID_ALT("[\\", "/]"),
  ASYMMETRIC(">", "]"),
  CYLINDER("[(", ")]");

  private final String open;
  private final String close;

  Shape(String open, String close) {
    this.open = open;
    this.close = close;
  }

  /** {@code id} with its quoted label in this shape: {@code id(["…"])}. */
  String node(String id, String quotedLabel) {
    return id + open + quotedLabel + close;
  }
}
