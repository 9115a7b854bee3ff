package dev.flow.runtime;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts loosely typed values (what a form, a terminal or a JSON document gives: strings,
 * numbers, maps, lists) to the Java types of Flow values, with messages in Flow's words.
 */
public final class Values {
  /** The most digits a Decimal may have before, and after, its point. */
  static final int MAX_DIGITS = 1000;

  private static final Pattern FLOW_DURATION = Pattern.compile("(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  private Values() {}

  /** Flow's name of a Java value type: {@code Text}, {@code Int}, {@code Decimal}… */
  public static String flowType(Class<?> type) {
    if (type == String.class) {
      return "Text";
    } else if (type == Long.class || type == long.class) {
      return "Int";
    } else if (type == BigDecimal.class) {
      return "Decimal";
    } else if (type == Boolean.class || type == boolean.class) {
      return "Bool";
    } else if (type == LocalDate.class) {
      return "Date";
    } else if (type == Instant.class) {
      return "Timestamp";
    } else if (type == Duration.class) {
      return "Duration";
    } else if (type == List.class) {
      return "List";
    }
    return type.getSimpleName();
  }

  /**
   * Converts {@code raw} to a value of {@code type} (for a {@code List}, of {@code elementType}).
   *
   * @throws IllegalArgumentException saying, in words, why it does not fit
   */
  public static Object convert(Object raw, Class<?> type, Class<?> elementType) {
    if (type == List.class) {
      if (!(raw instanceof List<?> list)) {
        throw new IllegalArgumentException("must be a list of " + flowType(elementType) + ", not " + describe(raw));
      }
      List<Object> items = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        if (item == null) {
          throw new IllegalArgumentException("item " + (i + 1) + " is empty");
        }
        try {
          items.add(convert(item, elementType, null));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("item " + (i + 1) + " " + e.getMessage(), e);
        }
      }
      return List.copyOf(items);
    }
    return convert(raw, type);
  }

  /** Converts {@code raw} to a value of a (possibly generic) Java type, e.g. a record with list fields. */
  public static Object convert(Object raw, Type type) {
    if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
      Type item = parameterized.getActualTypeArguments()[0];
      if (raw == null) {
        return null;
      }
      if (!(raw instanceof List<?> list)) {
        throw new IllegalArgumentException("must be a list, not " + describe(raw));
      }
      List<Object> items = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        try {
          items.add(convert(list.get(i), item));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("item " + (i + 1) + " " + e.getMessage(), e);
        }
      }
      return List.copyOf(items);
    }
    if (!(type instanceof Class<?> target)) {
      throw new IllegalArgumentException("cannot be read as " + type.getTypeName());
    }
    if (raw == null) {
      if (target.isPrimitive()) {
        throw new IllegalArgumentException("is required (" + flowType(target) + ")");
      }
      return null;
    }
    Class<?> boxed = box(target);
    if (boxed.isInstance(raw) && !(raw instanceof Map<?, ?>)) {
      return raw;
    }
    try {
      if (boxed == String.class) {
        if (raw instanceof CharSequence text) {
          return text.toString();
        }
      } else if (boxed == Long.class) {
        return toLong(raw);
      } else if (boxed == BigDecimal.class) {
        if (raw instanceof Number || raw instanceof CharSequence) {
          BigDecimal decimal = raw instanceof BigDecimal given
              ? given
              : new BigDecimal(raw.toString().strip().replace("_", ""));
          // 1e999999999 is a valid BigDecimal whose plain text has a billion digits: no business amount is near it.
          if (decimal.precision() - decimal.scale() > MAX_DIGITS || decimal.scale() > MAX_DIGITS) {
            throw new IllegalArgumentException("is too large a Decimal: at most " + MAX_DIGITS
                + " digits before and after the point");
          }
          return decimal;
        }
      } else if (boxed == Boolean.class) {
        if (raw instanceof CharSequence text) {
          String word = text.toString().strip().toLowerCase(Locale.ROOT);
          if (word.equals("true") || word.equals("yes")) {
            return true;
          } else if (word.equals("false") || word.equals("no")) {
            return false;
          }
        }
      } else if (boxed == LocalDate.class) {
        if (raw instanceof CharSequence text) {
          return LocalDate.parse(text.toString().strip());
        }
      } else if (boxed == Instant.class) {
        if (raw instanceof CharSequence text) {
          return Instant.parse(text.toString().strip());
        }
      } else if (boxed == Duration.class) {
        if (raw instanceof CharSequence text) {
          return parseDuration(text.toString().strip());
        }
      } else if (boxed.isEnum()) {
        if (raw instanceof CharSequence text) {
          return enumConstant(boxed, text.toString().strip());
        }
      } else if (boxed.isRecord()) {
        if (raw instanceof Map<?, ?> map) {
          return record(boxed, map);
        }
      }
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException("must be " + article(flowType(boxed)) + ", not " + describe(raw), e);
    }
    throw new IllegalArgumentException("must be " + article(flowType(boxed)) + ", not " + describe(raw));
  }

  /** A duration in Flow's form ({@code 1d12h}) or ISO-8601 ({@code PT36H}). */
  public static Duration parseDuration(String text) {
    if (text.startsWith("P") || text.startsWith("p")) {
      return Duration.parse(text);
    }
    Matcher matcher = FLOW_DURATION.matcher(text);
    if (text.isEmpty() || !matcher.matches()) {
      throw new DateTimeParseException("not a duration", text, 0);
    }
    long[] perUnit = {7 * 86_400L, 86_400L, 3_600L, 60L, 1L};
    long seconds = 0;
    for (int i = 0; i < perUnit.length; i++) {
      String part = matcher.group(i + 1);
      if (part != null) {
        seconds = Math.addExact(seconds, Math.multiplyExact(Long.parseLong(part), perUnit[i]));
      }
    }
    return Duration.ofSeconds(seconds);
  }

  private static Long toLong(Object raw) {
    if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
      return ((Number) raw).longValue();
    }
    if (raw instanceof BigInteger big) {
      return big.longValueExact();
    }
    if (raw instanceof Number || raw instanceof CharSequence) {
      return new BigDecimal(raw.toString().strip().replace("_", "")).longValueExact();
    }
    throw new NumberFormatException();
  }

  private static Object enumConstant(Class<?> type, String name) {
    TreeSet<String> names = new TreeSet<>();
    for (Object constant : type.getEnumConstants()) {
      String constantName = flowName((Enum<?>) constant);
      if (constantName.equals(name)) {
        return constant;
      }
      names.add(constantName);
    }
    throw new IllegalArgumentException(
        "must be one of " + String.join(", ", names) + ", not \"" + name + "\"");
  }

  private static Object record(Class<?> type, Map<?, ?> map) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] arguments = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    List<String> problems = new ArrayList<>();
    for (Object key : new TreeSet<>(map.keySet().stream().map(String::valueOf).toList())) {
      boolean known = false;
      for (RecordComponent component : components) {
        known |= flowName(component).equals(key);
      }
      if (!known) {
        problems.add("`" + key + "` is not a field of " + type.getSimpleName());
      }
    }
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      types[i] = component.getType();
      try {
        arguments[i] = convert(map.get(flowName(component)), component.getGenericType());
      } catch (IllegalArgumentException e) {
        problems.add("`" + flowName(component) + "` " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("is not a valid " + type.getSimpleName() + ": " + String.join("; ", problems));
    }
    try {
      Constructor<?> constructor = type.getDeclaredConstructor(types);
      return constructor.newInstance(arguments);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException("is not a valid " + type.getSimpleName() + ": " + e.getCause().getMessage(), e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make a " + type.getName(), e);
    }
  }

  /** A record component's name in the model (generated code marks renamed ones with {@link FlowName}). */
  static String flowName(RecordComponent component) {
    FlowName name = component.getAnnotation(FlowName.class);
    return name == null ? component.getName() : name.value();
  }

  /** An enum constant's name in the model. */
  static String flowName(Enum<?> constant) {
    try {
      FlowName name = constant.getDeclaringClass().getField(constant.name()).getAnnotation(FlowName.class);
      return name == null ? constant.name() : name.value();
    } catch (NoSuchFieldException e) {
      return constant.name();
    }
  }

  private static Class<?> box(Class<?> type) {
    if (type == long.class) {
      return Long.class;
    } else if (type == boolean.class) {
      return Boolean.class;
    } else if (type == int.class) {
      return Integer.class;
    } else if (type == double.class) {
      return Double.class;
    }
    return type;
  }

  private static String article(String flowType) {
    return ("AEIOU".indexOf(flowType.charAt(0)) >= 0 ? "an " : "a ") + flowType;
  }

  private static String describe(Object raw) {
    if (raw == null) {
      return "nothing";
    }
    if (raw instanceof CharSequence text) {
      return "\"" + text + "\"";
    }
    if (raw instanceof Map<?, ?>) {
      return "a set of fields";
    }
    if (raw instanceof List<?>) {
      return "a list";
    }
    return raw.toString();
  }
}
