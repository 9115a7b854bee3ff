package dev.flow.compiler.check.types;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The anonymous record types of step results (LANGUAGE.md §4). */
public final class Results {
  private Results() {}

  /** An approval's result: {@code { approved: Bool, comment: Text? }}. */
  public static final Type.Struct APPROVAL = struct(ordered("approved", Type.BOOL, "comment", Type.optional(Type.TEXT)));

  /** A caught error: {@code { step: Text, message: Text }}. */
  public static final Type.Struct CAUGHT_ERROR = struct(ordered("step", Type.TEXT, "message", Type.TEXT));

  /** An anonymous record of these fields, displayed as {@code { a: Text, b: Int? }}. */
  public static Type.Struct struct(Map<String, Type> fields) {
    String description = fields.entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue().display())
        .collect(Collectors.joining(", ", "{ ", " }"));
    return new Type.Struct(description, fields);
  }

  /** The result of a human step with this form, or of a call of a workflow with these outputs. */
  public static Type ofFields(Map<String, Type> fields) {
    return fields.isEmpty() ? Type.VOID : struct(fields);
  }

  private static Map<String, Type> ordered(String k1, Type v1, String k2, Type v2) {
    Map<String, Type> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
