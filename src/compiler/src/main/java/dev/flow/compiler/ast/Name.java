package dev.flow.compiler.ast;

import dev.flow.compiler.source.SourceFile;
import dev.flow.compiler.source.SourceSpan;
import java.util.Objects;

/**
 * An identifier as written, with its position.
 *
 * <p>Equal, like the record it was, when the text and the span are: {@link #equals}, {@link #hashCode} and
 * {@link #toString} are the record's. Besides, a name made by the parser has a number, {@link #id()}: the
 * parser numbers the names of one file 0, 1, 2, … in the order it makes them, so that the checker can keep
 * what it learns about each name in arrays indexed by it instead of in hash tables. A name made elsewhere (a
 * name the AST adds itself, a test's) has none ({@code -1}). It keeps its position as offsets in its file
 * and makes its {@link SourceSpan} when asked: names are the most numerous nodes, and a span is rarely asked
 * of most of them.
 */
public final class Name implements Node {
  private final String text;
  private final SourceFile file;
  private final int start;
  private final int end;
  private final int id;

  /** A name without a number. */
  public Name(String text, SourceSpan span) {
    this(text, span, -1);
  }

  /** A name numbered {@code id} among the names of its file ({@code -1}: none). */
  public Name(String text, SourceSpan span, int id) {
    this(text, Objects.requireNonNull(span, "span").file(), span.start(), span.end(), id);
  }

  /** A name at {@code [start, end)} of {@code file} (what {@code new SourceSpan(file, start, end)} is). */
  public Name(String text, SourceFile file, int start, int end, int id) {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
    this.text = Objects.requireNonNull(text, "text");
    this.file = file;
    this.start = start;
    this.end = end;
    this.id = id;
  }

  public String text() {
    return text;
  }

  /** Its span, made anew at each call (equal each time). */
  @Override
  public SourceSpan span() {
    return file == null && start == 0 && end == 0 ? SourceSpan.NONE : new SourceSpan(file, start, end);
  }

  /** The file of its span (null for a name without a position): {@code span().file()} without a span. */
  public SourceFile file() {
    return file;
  }

  /** Its number among the names the parser made of its file, or {@code -1}. Not part of equality. */
  public int id() {
    return id;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof Name n && text.equals(n.text) && file == n.file && start == n.start && end == n.end;
  }

  /** What the record's was: {@code 31 * text.hashCode() + span.hashCode()}. */
  @Override
  public int hashCode() {
    return 31 * text.hashCode() + SourceSpan.hashCode(file, start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
