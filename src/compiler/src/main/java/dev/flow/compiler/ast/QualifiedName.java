package dev.flow.compiler.ast;

import dev.flow.compiler.source.SourceSpan;
import java.util.List;
import java.util.stream.Collectors;

/** A dotted name: {@code com.acme.onboarding}. */
public record QualifiedName(List<Name> parts, SourceSpan span) implements Node {
  public QualifiedName {
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("empty qualified name");
    }
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
    if (parts.size() == 1) {
      return parts.get(0).text();
    }
    StringBuilder text = new StringBuilder(parts.get(0).text());
    for (int i = 1; i < parts.size(); i++) {
      text.append('.').append(parts.get(i).text());
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return text();
  }
}
