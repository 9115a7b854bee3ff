package dev.flow.compiler.ast;

import dev.flow.compiler.source.SourceSpan;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A dotted name: {@code com.acme.onboarding}.
 *
 * <p>Equal, like the record it was, when the parts and the span are ({@link #equals}, {@link #hashCode} and
 * {@link #toString} are the record's); its dotted text is made once, not at every {@link #text()} (a unit's
 * package is asked for at each name the checker looks up).
 */
public final class QualifiedName implements Node {
  private final List<Name> parts;
  private final SourceSpan span;
  private final String text;

  public QualifiedName(List<Name> parts, SourceSpan span) {
    this.parts = List.copyOf(parts);
    if (this.parts.isEmpty()) {
      throw new IllegalArgumentException("empty qualified name");
    }
    this.span = span;
    this.text = dotted(this.parts);
  }

  private static String dotted(List<Name> parts) {
    if (parts.size() == 1) {
      return parts.get(0).text();
    }
    StringBuilder text = new StringBuilder(parts.get(0).text());
    for (int i = 1; i < parts.size(); i++) {
      text.append('.').append(parts.get(i).text());
    }
    return text.toString();
  }

  public List<Name> parts() {
    return parts;
  }

  @Override
  public SourceSpan span() {
    return span;
  }

  /** The last segment. */
  public Name last() {
    return parts.get(parts.size() - 1);
  }

  /** Everything before the last segment, dotted; empty for a single segment. */
  public String qualifier() {
    return parts.subList(0, parts.size() - 1).stream().map(Name::text).collect(Collectors.joining("."));
  }

  public String text() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof QualifiedName q && parts.equals(q.parts) && Objects.equals(span, q.span);
  }

  /** What the record's was: {@code 31 * parts.hashCode() + span.hashCode()}. */
  @Override
  public int hashCode() {
    return 31 * parts.hashCode() + Objects.hashCode(span);
  }

  @Override
  public String toString() {
    return text;
  }
}
