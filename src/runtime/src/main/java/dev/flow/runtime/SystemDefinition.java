package dev.flow.runtime;

import java.util.List;
import java.util.Objects;

/**
 * A system that steps delegate to; a connector implements its generated interface.
 *
 * @param name the qualified name
 * @param title its display title, or its simple name
 * @param type the generated interface
 * @param actions the names of its actions
 * @param doc its doc comment, or the empty string
 */
public record SystemDefinition(String name, String title, Class<?> type, List<String> actions, String doc) {
  public SystemDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(type, "type");
    actions = List.copyOf(actions);
    Objects.requireNonNull(doc, "doc");
  }
}
