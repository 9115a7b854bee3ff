package dev.flow.runtime;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;

/**
 * The declared Java type of a value that goes into a history (an action's result, a compensation's
 * argument): a class, or a list of a value type. A durable store decodes what it reads back with
 * it, so a replay after a restart sees the same {@code String}, {@code BigDecimal}, record, enum or
 * {@code List<Document>} that the first run saw.
 *
 * @param <T> the Java type
 */
public final class ValueType<T> {
  /** No value: an action without a result. */
  public static final ValueType<Void> NONE = new ValueType<>(Void.class);

  private final Type type;
  private final boolean optional;

  private ValueType(Type type) {
    this(type, false);
  }

  private ValueType(Type type, boolean optional) {
    this.type = type;
    this.optional = optional;
  }

  /** A value of a class: {@code String}, {@code Long}, {@code BigDecimal}, a generated record or enum. */
  public static <T> ValueType<T> of(Class<T> type) {
    return new ValueType<>(Objects.requireNonNull(type, "type"));
  }

  /** A list of values of a type. */
  public static <T> ValueType<List<T>> listOf(ValueType<T> element) {
    return new ValueType<>(new ListType(element.type));
  }

  /**
   * A value that may be absent ({@code null}): an optional result such as {@code Text?}. A
   * connector may return {@code null} only for an optional result; for any other, the engine
   * counts {@code null} as a failed attempt of the step.
   */
  public static <T> ValueType<T> optional(ValueType<T> type) {
    return new ValueType<>(type.type, true);
  }

  /** Whether the value may be absent. */
  public boolean isOptional() {
    return optional;
  }

  /** Whether a value must be there: neither {@link #NONE} nor optional. */
  public boolean isRequired() {
    return !optional && !isNone();
  }

  /** The type as a reader would write it: simple names, {@code List<Document>}, {@code ?} when optional. */
  public String words() {
    return simple(type) + (optional ? "?" : "");
  }

  private static String simple(Type t) {
    if (t instanceof Class<?> c) {
      return c.getSimpleName();
    }
    if (t instanceof ListType l) {
      return "List<" + simple(l.element()) + ">";
    }
    return t.getTypeName();
  }

  /** The reflective type, for a codec. */
  public Type type() {
    return type;
  }

  /** Whether this is {@link #NONE}. */
  public boolean isNone() {
    return type == Void.class;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValueType<?> other && other.type.equals(type) && other.optional == optional;
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + (optional ? 1 : 0);
  }

  @Override
  public String toString() {
    return type.getTypeName() + (optional ? "?" : "");
  }

  /** {@code List<E>} as a reflective type. */
  private record ListType(Type element) implements ParameterizedType {
    @Override
    public Type[] getActualTypeArguments() {
      return new Type[] {element};
    }

    @Override
    public Type getRawType() {
      return List.class;
    }

    @Override
    public Type getOwnerType() {
      return null;
    }

    @Override
    public String getTypeName() {
      return "java.util.List<" + element.getTypeName() + ">";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ParameterizedType p && p.getRawType() == List.class && p.getOwnerType() == null
          && p.getActualTypeArguments().length == 1 && p.getActualTypeArguments()[0].equals(element);
    }

    @Override
    public int hashCode() {
      return List.class.hashCode() ^ element.hashCode();
    }
  }
}
