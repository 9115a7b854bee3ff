package dev.flow.compiler.source;

import java.util.Objects;

/**
 * Where something came from: a range of characters {@code [start, end)} in a source file.
 * Lines and columns are 1-based; {@link #NONE} stands for "nowhere" instead of null.
 *
 * @param file the file, or null only for {@link #NONE}
 * @param start offset of the first character
 * @param end offset after the last character
 */
public record SourceSpan(SourceFile file, int start, int end) {
  public static final SourceSpan NONE = new SourceSpan(null, 0, 0);

  public SourceSpan {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }

  public boolean isNone() {
    return file == null;
  }

  public int line() {
    return file == null ? 0 : file.lineOf(start);
  }

  public int column() {
    return file == null ? 0 : file.columnOf(start);
  }

  public int endLine() {
    return file == null ? 0 : file.lineOf(Math.max(start, end - 1));
  }

  /** 1-based column just after the last character. */
  public int endColumn() {
    return file == null ? 0 : file.columnOf(end);
  }

  public String fileName() {
    return file == null ? "<unknown>" : file.name();
  }

  /** The covered text. */
  public String text() {
    return file == null ? "" : file.text().substring(start, end);
  }

  /** The smallest span covering this one and {@code other} (same file). */
  public SourceSpan to(SourceSpan other) {
    if (isNone()) {
      return other;
    }
    if (other.isNone()) {
      return this;
    }
    return new SourceSpan(file, Math.min(start, other.start), Math.max(end, other.end));
  }

  /**
   * The hash code the span {@code [start, end)} of {@code file} has (the record's own, pinned by a test), for a
   * node that keeps its position in ints.
   */
  public static int hashCode(SourceFile file, int start, int end) {
    return (31 * Objects.hashCode(file) + start) * 31 + end;
  }

  @Override
  public String toString() {
    return isNone() ? "<none>" : fileName() + ":" + line() + ":" + column();
  }
}
