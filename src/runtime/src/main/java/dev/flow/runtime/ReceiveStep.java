package dev.flow.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code receive NAME: EVENT [where …] [within D]}: waits for an event.
 *
 * @param name the step's name
 * @param event the event's generated record
 * @param within how long to wait before the step fails with a timeout, if limited
 * @param doc the doc comment, or the empty string
 * @param <E> the event's record
 */
public record ReceiveStep<E>(String name, Class<E> event, Optional<Duration> within, String doc) implements Step {
  public ReceiveStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(within, "within");
    Objects.requireNonNull(doc, "doc");
  }

  public static <E> ReceiveStep<E> of(String name, Class<E> event) {
    return new ReceiveStep<>(name, event, Optional.empty(), "");
  }

  public ReceiveStep<E> within(Duration limit) {
    return new ReceiveStep<>(name, event, Optional.of(limit), doc);
  }

  public ReceiveStep<E> doc(String text) {
    return new ReceiveStep<>(name, event, within, text);
  }

  @Override
  public String kind() {
    return "receive";
  }
}
