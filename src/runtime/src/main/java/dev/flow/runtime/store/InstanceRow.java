package dev.flow.runtime.store;

import dev.flow.runtime.InstanceState;
import java.time.Instant;
import java.util.Objects;

/**
 * What a store knows of an instance without reading its history.
 *
 * @param id its id
 * @param workflow its workflow's qualified name
 * @param version the version it runs on
 * @param state RUNNING until it ended (a store does not tell running from waiting), then how it ended
 * @param started when it started
 * @param ended when it ended, or {@code null}
 * @param parentId the instance that called or started it, or {@code null}
 * @param lastSequence the sequence of its last history entry
 */
public record InstanceRow(
    String id, String workflow, int version, InstanceState state, Instant started, Instant ended, String parentId,
    long lastSequence) {
  public InstanceRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(started, "started");
  }
}
