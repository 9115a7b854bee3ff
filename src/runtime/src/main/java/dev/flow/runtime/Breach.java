package dev.flow.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A time limit that passed: a step's {@code within} or a workflow's {@code deadline}.
 *
 * @param instanceId the instance
 * @param workflow its workflow's qualified name
 * @param step the step's name, or {@code null} for the workflow's deadline
 * @param limit the time limit
 * @param due when it passed
 * @param escalatedTo the role it was escalated to, or {@code null}
 */
public record Breach(String instanceId, String workflow, String step, Duration limit, Instant due, String escalatedTo) {
  public Breach {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(due, "due");
  }

  /** Whether this is the whole workflow's deadline rather than one step's time limit. */
  public boolean isDeadline() {
    return step == null;
  }
}
