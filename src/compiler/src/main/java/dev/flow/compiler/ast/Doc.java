package dev.flow.compiler.ast;

/**
 * The text of the {@code ///} lines before a declaration, field, action, enum constant,
 * statement or branch, without the slashes; {@link #NONE} when there are none.
 */
public record Doc(String text) {
  public static final Doc NONE = new Doc("");

  public Doc {
    text = text == null ? "" : text;
  }

  public boolean isEmpty() {
    return text.isEmpty();
  }

  @Override
  public String toString() {
    return text;
  }
}
