package dev.flow.runtime.store;

import java.util.List;
import java.util.Objects;

/**
 * A {@code receive} waiting for an event, as the store indexes it.
 *
 * @param instanceId its instance
 * @param stepId the receive's occurrence
 * @param eventType the event's qualified Java class name
 * @param correlation the {@code field=value} keys the event must have (empty: any event of the type)
 */
public record SubscriptionRow(String instanceId, String stepId, String eventType, List<String> correlation) {
  public SubscriptionRow {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(eventType, "eventType");
    correlation = List.copyOf(correlation);
  }
}
