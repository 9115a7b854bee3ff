package dev.flow.runtime.history;

import java.lang.reflect.Type;

/**
 * A value in a history entry: an action's result, a form, an event, an input or output. A value
 * that this engine made is held as the object itself; one read back from a durable store is held
 * encoded and decoded with the type that the step declares when replay first asks for it, so a
 * history read after a restart gives the same {@code String}, {@code BigDecimal}, record or enum
 * that the first run saw.
 */
public interface Payload {
  /** No value: {@code none}, an action without a result, a task without fields. */
  Payload NONE = new Live(null);

  /**
   * A value that this engine made. The JVM's shared boxes ({@code Boolean.TRUE} and {@code FALSE}, and the
   * {@code Long} of {@code Long.valueOf} for -128 to 127) get a shared payload each, made once: an action that
   * answers a yes/no or a small number makes no payload per step. Any other value, an equal box among them, gets one of
   * its own; either way {@link #value()} is the very object given.
   */
  static Payload of(Object value) {
    if (value == null) {
      return NONE;
    }
    if (value == Boolean.TRUE) {
      return Live.TRUE;
    }
    if (value == Boolean.FALSE) {
      return Live.FALSE;
    }
    if (value.getClass() == Long.class) {
      long number = (Long) value;
      if (number >= -128 && number <= 127 && value == Long.valueOf(number)) {
        return Live.SMALL_LONGS[(int) number + 128];
      }
    }
    return new Live(value);
  }

  /**
   * The value as the given type ({@code Class} or a parameterized type such as
   * {@code List<Document>}).
   *
   * @throws PayloadException when an encoded value does not fit the type
   */
  Object as(Type type);

  /** The value as a live object, if this payload holds one; otherwise its decoded JSON tree as maps and lists. */
  Object value();

  /** Whether this is {@link #NONE} or holds {@code null}. */
  boolean isNone();

  /**
   * The value as the given class.
   *
   * @throws PayloadException when it is not one
   */
  default <T> T as(Class<T> type) {
    Object value = as((Type) type);
    if (value != null && !type.isInstance(value) && !type.isPrimitive()) {
      throw new PayloadException("a history value is a " + value.getClass().getName() + ", not a " + type.getName());
    }
    @SuppressWarnings("unchecked")
    T typed = (T) value;
    return typed;
  }

  /**
   * A value held as the object itself.
   *
   * @param value the object, or {@code null}
   */
  record Live(Object value) implements Payload {
    private static final Live TRUE = new Live(Boolean.TRUE);
    private static final Live FALSE = new Live(Boolean.FALSE);
    /** The payloads of {@code Long.valueOf(-128)} to {@code Long.valueOf(127)}, by value + 128. */
    private static final Live[] SMALL_LONGS = new Live[256];

    static {
      for (int i = 0; i < SMALL_LONGS.length; i++) {
        SMALL_LONGS[i] = new Live(Long.valueOf(i - 128));
      }
    }

    @Override
    public Object as(Type type) {
      return value;
    }

    @Override
    public boolean isNone() {
      return value == null;
    }
  }
}
