package dev.flow.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a store keeps of an instance: enough to resume it by replay.
 *
 * @param id its id
 * @param workflow its workflow's qualified name
 * @param version the workflow version it runs on
 * @param state where it is
 * @param input its input record
 * @param output its outputs once completed, or {@code null}
 * @param error what failed it, or {@code null}
 * @param cancelReason why it was cancelled, or {@code null}
 * @param parentId the instance that called or started it, or {@code null}
 * @param callerStepId the step occurrence of the parent's {@code call} waiting for it, or {@code null}
 * @param started when it started
 * @param ended when it ended, or {@code null}
 * @param history its history
 */
public record InstanceRecord(
    String id,
    String workflow,
    int version,
    InstanceState state,
    Object input,
    Object output,
    FlowError error,
    String cancelReason,
    String parentId,
    String callerStepId,
    Instant started,
    Instant ended,
    List<HistoryEvent> history) {
  public InstanceRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(started, "started");
    history = List.copyOf(history);
  }
}
