package dev.flow.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * An open incident: an action step whose retries are exhausted and whose policy says {@code then
 * wait for operator}. Its instance waits (state {@link InstanceState#WAITING}) until an operator
 * retries the step, with a fresh attempt budget, or fails it, as if its retries had run out.
 *
 * @param id what {@code retryIncident} and {@code failIncident} take: {@code instanceId/stepId}
 * @param instanceId its instance
 * @param workflow the instance's workflow (qualified name)
 * @param stepId its step occurrence
 * @param step its step's name
 * @param attempts how many attempts failed, in all
 * @param message the last attempt's failure, in words
 * @param opened when it was opened
 */
public record Incident(String id, String instanceId, String workflow, String stepId, String step, int attempts,
    String message, Instant opened) {
  public Incident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(opened, "opened");
  }
}
