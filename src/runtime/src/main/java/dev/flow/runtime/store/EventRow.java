package dev.flow.runtime.store;

import dev.flow.runtime.history.Payload;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A published event as the store keeps it, so that an instance that reaches a matching
 * {@code receive} after it was published can still take it.
 *
 * @param sequence its place among the kept events: larger than every event's published before it
 * @param eventType the event's qualified Java class name
 * @param keys its correlation keys: for each correlated field set a receive may use, its
 *     {@code field=value} key list (as {@link Store#subscriptions} takes them)
 * @param at when it was published (the engine's clock)
 * @param event the event (read back from a durable store: encoded, decoded with the receive's type)
 * @param origin for an event a workflow emitted, the emit it comes from ({@code instanceId/stepId}, one per step
 *     occurrence), so that publishing it again after a crash keeps it once; {@code null} for one published by hand
 */
public record EventRow(long sequence, String eventType, List<List<String>> keys, Instant at, Payload event,
    String origin) {
  public EventRow {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(event, "event");
    keys = keys.stream().map(List::copyOf).toList();
  }

  /** An event published by hand (no emit it comes from). */
  public EventRow(long sequence, String eventType, List<List<String>> keys, Instant at, Payload event) {
    this(sequence, eventType, keys, at, event, null);
  }

  /** Whether a receive with these correlation keys (empty: any event of the type) may take it. */
  public boolean correlates(List<String> correlation) {
    return correlation.isEmpty() || keys.contains(correlation);
  }
}
