package dev.flow.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code receive [new] NAME: EVENT [where …] [within D]}: waits for an event.
 *
 * <p>The equalities {@code ev.field == expr} of its {@code where} (where {@code expr} does not
 * read the event) are its <em>correlation</em>: the compiler lists the fields here and the call
 * site gives the values when the receive starts waiting, so the engine finds the instance an
 * event is for from an index instead of trying every waiting instance. The rest of the
 * {@code where} is checked on the event as before.
 *
 * @param name the step's name
 * @param event the event's generated record
 * @param within how long to wait before the step fails with a timeout, if limited
 * @param correlation the event's fields that must equal the values the call site gives, in order
 * @param doc the doc comment, or the empty string
 * @param repeats whether an instance may reach the step again after it took an event (it is in a
 *     loop, a {@code for each}, or the stretch a {@code go to} jumps back over), perhaps with other
 *     correlation values: the compiler says so; a backend that offers an event only to the
 *     instances whose keys it matches offers one of another key to such a step's instance too
 * @param onlyNew {@code receive new} (a transient trigger): it takes only an event published after it
 *     started waiting, never one kept for the instance from before (which stays kept for other receives);
 *     where it started is recorded with its {@code ReceiveWaiting}, so a replay or a restart keeps the cut-off
 * @param <E> the event's record
 */
public record ReceiveStep<E>(
    String name, Class<E> event, Optional<Duration> within, List<Correlation<E>> correlation, String doc,
    boolean repeats, boolean onlyNew) implements Step {
  public ReceiveStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(within, "within");
    correlation = List.copyOf(correlation);
    Objects.requireNonNull(doc, "doc");
  }

  /** A step that is not reached again (the code generated before {@link #repeats()} was told). */
  public ReceiveStep(String name, Class<E> event, Optional<Duration> within, List<Correlation<E>> correlation, String doc) {
    this(name, event, within, correlation, doc, false, false);
  }

  /** An ordinary receive (the code generated before {@link #onlyNew()} was told). */
  public ReceiveStep(String name, Class<E> event, Optional<Duration> within, List<Correlation<E>> correlation, String doc,
      boolean repeats) {
    this(name, event, within, correlation, doc, repeats, false);
  }

  public static <E> ReceiveStep<E> of(String name, Class<E> event) {
    return new ReceiveStep<>(name, event, Optional.empty(), List.of(), "", false, false);
  }

  public ReceiveStep<E> within(Duration limit) {
    return new ReceiveStep<>(name, event, Optional.of(limit), correlation, doc, repeats, onlyNew);
  }

  /** {@code where ev.FIELD == …}: the event's field, read by {@code value}. */
  public ReceiveStep<E> correlate(String field, Function<? super E, ?> value) {
    List<Correlation<E>> more = new ArrayList<>(correlation);
    more.add(new Correlation<>(field, value));
    return new ReceiveStep<>(name, event, within, more, doc, repeats, onlyNew);
  }

  public ReceiveStep<E> doc(String text) {
    return new ReceiveStep<>(name, event, within, correlation, text, repeats, onlyNew);
  }

  /** The step may be reached again in the same instance (see {@link #repeats()}). */
  public ReceiveStep<E> repeated() {
    return new ReceiveStep<>(name, event, within, correlation, doc, true, onlyNew);
  }

  /** {@code receive new}: the step takes only events published after it started waiting (see {@link #onlyNew()}). */
  public ReceiveStep<E> onlyNewEvents() {
    return new ReceiveStep<>(name, event, within, correlation, doc, repeats, true);
  }

  /** The correlation keys of a waiting receive, from the values its call site gave. */
  public List<String> keys(Object[] values) {
    if (values.length != correlation.size()) {
      throw new IllegalArgumentException("receive " + name + " correlates on " + correlation.size() + " fields, not "
          + values.length);
    }
    List<String> keys = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      keys.add(Correlation.key(correlation.get(i).field(), values[i]));
    }
    return keys;
  }

  /** The correlation keys an event offers to this receive. */
  public List<String> keysOf(Object eventValue) {
    E typed = event.cast(eventValue);
    List<String> keys = new ArrayList<>(correlation.size());
    for (Correlation<E> c : correlation) {
      keys.add(Correlation.key(c.field(), c.value().apply(typed)));
    }
    return keys;
  }

  @Override
  public String kind() {
    return "receive";
  }

  /**
   * A correlated field of an event.
   *
   * @param field the field's Flow name
   * @param value reads it from an event
   * @param <E> the event's record
   */
  public record Correlation<E>(String field, Function<? super E, ?> value) {
    public Correlation {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(value, "value");
    }

    /** {@code field=value}, with the value in a canonical form (so {@code 1.0} and {@code 1.00} are one key). */
    public static String key(String field, Object value) {
      return field + "=" + canonical(value);
    }

    private static String canonical(Object value) {
      if (value == null) {
        return "\u0000none";
      }
      if (value instanceof java.math.BigDecimal decimal) {
        return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
      }
      if (value instanceof Enum<?> constant) {
        return constant.name();
      }
      return value.toString();
    }
  }
}
