package dev.flow.compiler.ast;

import dev.flow.compiler.source.SourceSpan;
import java.util.Objects;

/** An identifier as written, with its position. */
public record Name(String text, SourceSpan span) implements Node {
  public Name {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(span, "span");
  }

  @Override
  public String toString() {
    return text;
  }
}
