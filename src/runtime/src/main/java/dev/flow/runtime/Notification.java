package dev.flow.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * A message sent by {@code notify}, a breached time limit or an escalation.
 *
 * @param instanceId the instance that sent it
 * @param workflow the qualified name of its workflow
 * @param recipient a role or an address
 * @param via the qualified name of the system to send it through, or {@code null} for the default
 * @param message the text
 * @param at when it was sent
 */
public record Notification(String instanceId, String workflow, Recipient recipient, String via, String message, Instant at) {
  public Notification {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
  }
}
