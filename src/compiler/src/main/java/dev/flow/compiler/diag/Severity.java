package dev.flow.compiler.diag;

/** How bad a diagnostic is. */
public enum Severity {
  ERROR("error"),
  WARNING("warning");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  /** The word printed before the code: {@code error[E100]}. */
  public String label() {
    return label;
  }
}
