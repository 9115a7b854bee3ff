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

  private ValueType(Type type) {
    this.type = type;
  }

  /** A value of a class: {@code String}, {@code Long}, {@code BigDecimal}, a generated record or enum. */
  public static <T> ValueType<T> of(Class<T> type) {
    return new ValueType<>(Objects.requireNonNull(type, "type"));
  }

  /** A list of values of a type. */
  public static <T> ValueType<List<T>> listOf(ValueType<T> element) {
    return new ValueType<>(new ListType(element.type));
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
    return o instanceof ValueType<?> other && other.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return type.getTypeName();
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
