package dev.flow.compiler.ast;

import dev.flow.compiler.source.SourceSpan;
import java.util.Objects;

/**
 * An identifier as written, with its position.
 *
 * <p>Equal, like the record it was, when the text and the span are: {@link #equals}, {@link #hashCode} and
 * {@link #toString} are the record's. Besides, a name made by the parser has a number, {@link #id()}: the
 * parser numbers the names of one file 0, 1, 2, … in the order it makes them, so that the checker can keep
 * what it learns about each name in arrays indexed by it instead of in hash tables. A name made elsewhere (a
 * name the AST adds itself, a test's) has none ({@code -1}).
 */
public final class Name implements Node {
  private final String text;
  private final SourceSpan span;
  private final int id;

  /** A name without a number. */
  public Name(String text, SourceSpan span) {
    this(text, span, -1);
  }

  /** A name numbered {@code id} among the names of its file ({@code -1}: none). */
  public Name(String text, SourceSpan span, int id) {
    this.text = Objects.requireNonNull(text, "text");
    this.span = Objects.requireNonNull(span, "span");
    this.id = id;
  }

  public String text() {
    return text;
  }

  @Override
  public SourceSpan span() {
    return span;
  }

  /** Its number among the names the parser made of its file, or {@code -1}. Not part of equality. */
  public int id() {
    return id;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof Name n && text.equals(n.text) && span.equals(n.span);
  }

  /** What the record's was: {@code 31 * text.hashCode() + span.hashCode()}. */
  @Override
  public int hashCode() {
    return 31 * text.hashCode() + span.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
