package dev.flow.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The form of a human step: its fields, and how a checked set of values becomes the step's
 * result record.
 *
 * @param type the form's record ({@link Void} for a form without fields)
 * @param fields the fields, in declaration order
 * @param factory makes the record from checked values
 * @param <F> the form's record
 */
public record Form<F>(Class<F> type, List<FormField> fields, Function<FormValues, F> factory) {
  /** The form of a human step without fields: completing it is enough. */
  public static final Form<Void> NONE = new Form<>(Void.class, List.of(), values -> null);

  public Form {
    Objects.requireNonNull(type, "type");
    fields = List.copyOf(fields);
    Objects.requireNonNull(factory, "factory");
  }

  public static <F> Form<F> of(Class<F> type, List<FormField> fields, Function<FormValues, F> factory) {
    return new Form<>(type, fields, factory);
  }

  /**
   * Checks submitted values against the fields and makes the result.
   *
   * @throws FormException naming every field that is missing, unknown or of the wrong type
   */
  public F read(Map<String, ?> submitted) {
    Map<String, Object> checked = new LinkedHashMap<>();
    List<String> problems = new java.util.ArrayList<>();
    for (String key : submitted.keySet()) {
      if (key == null) {
        throw new FormException(List.of("a field without a name was given"));
      }
    }
    for (String key : new java.util.TreeSet<>(submitted.keySet())) {
      if (fields.stream().noneMatch(f -> f.name().equals(key))) {
        problems.add("`" + key + "` is not a field of this form");
      }
    }
    for (FormField field : fields) {
      Object raw = submitted.get(field.name());
      if (raw == null) {
        if (!field.optional()) {
          problems.add("`" + field.name() + "` is required (" + field.flowType() + ")");
        }
        checked.put(field.name(), null);
        continue;
      }
      try {
        checked.put(field.name(), Values.convert(raw, field.type(), field.elementType()));
      } catch (IllegalArgumentException e) {
        problems.add("`" + field.name() + "` " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new FormException(problems);
    }
    return factory.apply(new FormValues(checked));
  }
}
