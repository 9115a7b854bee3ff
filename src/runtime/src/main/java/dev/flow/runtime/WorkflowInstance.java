package dev.flow.runtime;

import dev.flow.runtime.history.Recorded;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A workflow instance as it is at one moment (a snapshot).
 *
 * @param id its id
 * @param workflow its workflow's qualified name
 * @param version the workflow version it runs on
 * @param state where it is
 * @param input its input record
 * @param output its outputs, once completed
 * @param error what failed it, once failed
 * @param cancelReason why it was cancelled, once cancelled
 * @param parentId the instance that called or started it, or {@code null}
 * @param started when it started
 * @param ended when it ended, once ended
 * @param history everything that happened to it, in order
 * @param waits what it waits for now
 * @param entries its history as typed entries, in order (what {@code history} words)
 */
public record WorkflowInstance(
    String id,
    String workflow,
    int version,
    InstanceState state,
    Object input,
    Optional<Object> output,
    Optional<FlowError> error,
    Optional<String> cancelReason,
    String parentId,
    Instant started,
    Optional<Instant> ended,
    List<HistoryEvent> history,
    List<Wait> waits,
    List<Recorded> entries) {
  public WorkflowInstance {
    Objects.requireNonNull(id, "id");
    history = history instanceof dev.flow.runtime.engine.LazyList<HistoryEvent> ? history : List.copyOf(history);
    waits = List.copyOf(waits);
    entries = List.copyOf(entries);
  }

  /**
   * Something an instance waits for.
   *
   * @param kind {@code task}, {@code approval}, {@code timer}, {@code receive}, {@code call} or {@code action}
   * @param stepId the step occurrence
   * @param step the step's name
   * @param detail the role, the event's type, the called instance…
   * @param due when it times out or fires, if it does
   */
  public record Wait(String kind, String stepId, String step, String detail, Optional<Instant> due) {}

  /** The outputs, typed. */
  public <O> O output(Class<O> type) {
    return type.cast(output.orElseThrow(() -> new IllegalStateException("instance " + id + " is " + state + ", not completed")));
  }

  /** The history entries of one step (all its occurrences), in order. */
  public List<HistoryEvent> historyOf(String step) {
    return history.stream().filter(e -> e.step().equals(step)).toList();
  }
}
