package dev.flow.runtime;

import java.util.Objects;

/**
 * One case of the event log: an instance, with what the log's rows do not repeat. A trace of the
 * XES export ({@link EventLog#writeXes}).
 *
 * @param caseId the instance id
 * @param workflow the workflow's qualified name
 * @param version the workflow version the instance runs on, or 0 when not known
 * @param process the qualified name of the process that lists the workflow, or the empty string
 *     when none does or it is not known (a journal does not hold the model)
 * @param state how the instance stands ({@code RUNNING} until it ended: a store does not tell
 *     running from waiting), or {@code null} when not known
 * @param parentId the instance that called or started it, or the empty string
 */
public record LogCase(String caseId, String workflow, int version, String process, InstanceState state, String parentId) {
  public LogCase {
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(parentId, "parentId");
  }
}
