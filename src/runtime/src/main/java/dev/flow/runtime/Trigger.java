package dev.flow.runtime;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What starts a workflow, with how the trigger's data becomes the workflow's input.
 *
 * @param <I> the workflow's input record
 */
public sealed interface Trigger<I> {
  /** {@code starts manually}. */
  record Manual<I>() implements Trigger<I> {}

  /**
   * {@code starts on EVENT [keyed by KEY]}: {@code input} makes the input from the event; {@code key},
   * when not {@code null}, is the event's key: one instance runs per key, and an event whose key has
   * a running instance is kept for it (its next {@code receive} of the type takes it) instead of
   * starting another.
   */
  record OnEvent<I, E>(Class<E> event, Function<? super E, ? extends I> input, Function<? super E, ?> key)
      implements Trigger<I> {
    public OnEvent {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(input, "input");
    }

    /** An unkeyed trigger: every event starts an instance. */
    public OnEvent(Class<E> event, Function<? super E, ? extends I> input) {
      this(event, input, null);
    }

    public I inputFor(Object published) {
      return input.apply(event.cast(published));
    }

    /** The event's key as text, or {@code null} for an unkeyed trigger (or an event without a key value). */
    public String keyFor(Object published) {
      if (key == null) {
        return null;
      }
      Object value = key.apply(event.cast(published));
      return value == null ? null : String.valueOf(value);
    }
  }

  /** {@code starts after WORKFLOW}: {@code input} makes the input from that workflow's outputs. */
  record After<I, O>(String workflow, Class<O> output, Function<? super O, ? extends I> input) implements Trigger<I> {
    public After {
      Objects.requireNonNull(workflow, "workflow");
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(input, "input");
    }

    public I inputFor(Object outputs) {
      return input.apply(output.cast(outputs));
    }
  }

  /** {@code starts every "CRON"}: every input is optional, so {@code input} needs nothing. */
  record Every<I>(Schedule schedule, Supplier<? extends I> input) implements Trigger<I> {
    public Every {
      Objects.requireNonNull(schedule, "schedule");
      Objects.requireNonNull(input, "input");
    }
  }
}
