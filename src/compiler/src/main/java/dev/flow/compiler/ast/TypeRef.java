package dev.flow.compiler.ast;

import dev.flow.compiler.source.SourceSpan;
import java.util.List;

/**
 * A type as written: {@code Text}, {@code Document?}, {@code List<Document>}.
 *
 * @param name the type's name (built-in or declared)
 * @param arguments type arguments ({@code List<T>} has one)
 * @param optional whether it ends with {@code ?}
 */
public record TypeRef(Name name, List<TypeRef> arguments, boolean optional, SourceSpan span)
    implements Node {
  public TypeRef {
    arguments = List.copyOf(arguments);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(name.text());
    if (!arguments.isEmpty()) {
      s.append('<');
      for (int i = 0; i < arguments.size(); i++) {
        if (i > 0) {
          s.append(", ");
        }
        s.append(arguments.get(i));
      }
      s.append('>');
    }
    if (optional) {
      s.append('?');
    }
    return s.toString();
  }
}
