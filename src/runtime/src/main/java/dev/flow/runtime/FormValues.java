package dev.flow.runtime;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The checked values of a form, typed, for the generated code that makes the form's record.
 * Getters return {@code null} for an empty optional field.
 */
public final class FormValues {
  private final Map<String, Object> values;

  FormValues(Map<String, Object> values) {
    this.values = values;
  }

  public String text(String name) {
    return value(name, String.class);
  }

  /** A required {@code Int}. */
  public long integer(String name) {
    return value(name, Long.class);
  }

  /** A required {@code Bool}. */
  public boolean bool(String name) {
    Boolean value = value(name, Boolean.class);
    return value != null && value;
  }

  public BigDecimal decimal(String name) {
    return value(name, BigDecimal.class);
  }

  public LocalDate date(String name) {
    return value(name, LocalDate.class);
  }

  public Instant timestamp(String name) {
    return value(name, Instant.class);
  }

  public Duration duration(String name) {
    return value(name, Duration.class);
  }

  /** A value of the given type (also for optional {@code Int} and {@code Bool}: {@code Long}, {@code Boolean}). */
  public <T> T value(String name, Class<T> type) {
    return type.cast(values.get(name));
  }

  /** A list whose items were checked to be of the given type. */
  public <T> List<T> list(String name, Class<T> elementType) {
    List<?> list = (List<?>) values.get(name);
    if (list == null) {
      return null;
    }
    return list.stream().map(elementType::cast).toList();
  }
}
