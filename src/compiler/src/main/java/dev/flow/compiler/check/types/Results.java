package dev.flow.compiler.check.types;

import java.util.LinkedHashMap;
import java.util.Map;

/** The anonymous record types of step results (LANGUAGE.md §4). */
public final class Results {
  private Results() {}

  /** What every step for a person's result has besides its form: who completed it and when. */
  public static final Map<String, Type> COMPLETION =
      java.util.Collections.unmodifiableMap(ordered("completedBy", Type.TEXT, "completedAt", Type.TIMESTAMP));

  /** An approval's decision, as a value: {@code { approved: Bool, comment: Text? }}. */
  public static final Type.Struct APPROVAL_FORM = struct(ordered("approved", Type.BOOL, "comment", Type.optional(Type.TEXT)));

  /** An approval's result: {@code { approved: Bool, comment: Text?, completedBy: Text, completedAt: Timestamp }}. */
  public static final Type.Struct APPROVAL = struct(withCompletion(APPROVAL_FORM.fields()));

  /** A caught error: {@code { step: Text, message: Text }}. */
  public static final Type.Struct CAUGHT_ERROR = struct(ordered("step", Type.TEXT, "message", Type.TEXT));

  /** An anonymous record of these fields, displayed as {@code { a: Text, b: Int? }}. */
  public static Type.Struct struct(Map<String, Type> fields) {
    return new Type.Struct(fields);
  }

  /** The result of a human step with this form, or of a call of a workflow with these outputs. */
  public static Type ofFields(Map<String, Type> fields) {
    return fields.isEmpty() ? Type.VOID : struct(fields);
  }

  /** The result of a step for a person with this form: its fields, {@code completedBy} and {@code completedAt}. */
  public static Type ofPersonStep(Map<String, Type> form) {
    return struct(withCompletion(form));
  }

  /** Whether a struct is the result of a step for a person (it ends with completedBy and completedAt). */
  public static boolean isPersonStep(Type.Struct s) {
    return s.fields().keySet().containsAll(COMPLETION.keySet());
  }

  /**
   * A step for a person's result read as a whole value ({@code let decision = review}): its form
   * only; {@code completedBy} and {@code completedAt} are read on the step's name.
   */
  public static Type withoutCompletion(Type t) {
    if (!(t instanceof Type.Struct s) || !isPersonStep(s)) {
      return t;
    }
    if (s.fields().equals(APPROVAL.fields())) {
      return APPROVAL_FORM;
    }
    Map<String, Type> form = new LinkedHashMap<>(s.fields());
    COMPLETION.keySet().forEach(form::remove);
    return ofFields(form);
  }

  private static Map<String, Type> withCompletion(Map<String, Type> form) {
    Map<String, Type> m = new LinkedHashMap<>(form);
    COMPLETION.forEach(m::putIfAbsent);
    return m;
  }

  private static Map<String, Type> ordered(String k1, Type v1, String k2, Type v2) {
    Map<String, Type> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
