package dev.flow.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the event log, as process-mining tools expect it: a case, an activity, a lifecycle
 * transition, when, and who (or which system) did it.
 *
 * @param caseId the instance id
 * @param workflow the workflow's qualified name
 * @param activity the step's name ({@code notify}, {@code wait}… for unnamed statements; the
 *     workflow's simple name for the instance itself)
 * @param lifecycle {@code start}, {@code complete}, {@code withdraw} (a task or wait cancelled), or {@code breach}
 * @param timestamp when
 * @param resource the person, role or system, or the empty string
 */
public record LogEntry(String caseId, String workflow, String activity, String lifecycle, Instant timestamp, String resource) {
  public LogEntry {
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(lifecycle, "lifecycle");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(resource, "resource");
  }
}
