package dev.flow.runtime;

import java.util.List;
import java.util.Objects;

/**
 * A field of a human step's form.
 *
 * @param name the field's name
 * @param type the Java type of its value: {@code String}, {@code Long}, {@code BigDecimal},
 *     {@code Boolean}, {@code LocalDate}, {@code Instant}, {@code Duration}, an enum, a record, or
 *     {@code List}
 * @param elementType for a {@code List}, the type of its items; otherwise {@code null}
 * @param optional whether it may be left empty
 */
public record FormField(String name, Class<?> type, Class<?> elementType, boolean optional) {
  public FormField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if ((type == List.class) != (elementType != null)) {
      throw new IllegalArgumentException("a list field needs its element type, other fields none: " + name);
    }
  }

  public static FormField required(String name, Class<?> type) {
    return new FormField(name, type, null, false);
  }

  public static FormField optional(String name, Class<?> type) {
    return new FormField(name, type, null, true);
  }

  public static FormField requiredList(String name, Class<?> elementType) {
    return new FormField(name, List.class, elementType, false);
  }

  public static FormField optionalList(String name, Class<?> elementType) {
    return new FormField(name, List.class, elementType, true);
  }

  /** The Flow name of the field's type, for messages: {@code Text}, {@code Int?}, {@code List<Plan>}. */
  public String flowType() {
    String base = type == List.class ? "List<" + Values.flowType(elementType) + ">" : Values.flowType(type);
    return optional ? base + "?" : base;
  }
}
