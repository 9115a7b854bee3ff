package dev.flow.runtime.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An open incident as the store indexes it: an action step whose retries are exhausted, waiting
 * for an operator to retry or fail it.
 *
 * @param instanceId its instance
 * @param workflow the instance's workflow (qualified name)
 * @param stepId its step occurrence
 * @param step its step's name
 * @param attempts how many attempts failed, in all
 * @param message the last attempt's failure, in words
 * @param opened when it was opened
 */
public record IncidentRow(String instanceId, String workflow, String stepId, String step, int attempts, String message,
    Instant opened) {
  public IncidentRow {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(opened, "opened");
  }

  /** Its id, {@code instanceId/stepId}: what the runtime's incident operations take. */
  public String id() {
    return instanceId + "/" + stepId;
  }
}
