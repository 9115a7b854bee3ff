package dev.flow.runtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An instance as the engine holds it while it lives: its record's data plus what its last run waits for. */
final class Live {
  final String id;
  final WorkflowDefinition<?, ?> definition;
  final Object input;
  final String parentId;
  final String callerStepId;
  final Instant started;
  InstanceState state = InstanceState.RUNNING;
  Object output;
  FlowError error;
  String cancelReason;
  Instant ended;
  final List<HistoryEvent> history = new ArrayList<>();
  /** The events of each step occurrence. */
  private final Map<String, List<HistoryEvent>> byStep = new HashMap<>();
  /** Per scope, the step occurrences in the order they first appeared: what replay must ask for. */
  private final Map<String, List<String>> sequences = new HashMap<>();
  /** The kind of each step occurrence, as first recorded. */
  private final Map<String, String> kinds = new HashMap<>();
  /** What the last run waits for, by key. */
  Map<String, PendingWait> waits = new LinkedHashMap<>();
  /** The last run that suspended: its compensations are what an outside cancel undoes. */
  Run lastRun;
  boolean resumeQueued;

  Live(String id, WorkflowDefinition<?, ?> definition, Object input, String parentId, String callerStepId, Instant started) {
    this.id = id;
    this.definition = definition;
    this.input = input;
    this.parentId = parentId;
    this.callerStepId = callerStepId;
    this.started = started;
  }

  String workflow() {
    return definition.name();
  }

  void add(HistoryEvent event, String kind) {
    history.add(event);
    byStep.computeIfAbsent(event.stepId(), k -> new ArrayList<>()).add(event);
    if (kind != null && kinds.putIfAbsent(event.stepId(), kind) == null) {
      sequences.computeIfAbsent(scopeOf(event.stepId()), k -> new ArrayList<>()).add(event.stepId());
    }
  }

  List<HistoryEvent> events(String stepId) {
    return byStep.getOrDefault(stepId, List.of());
  }

  Optional<HistoryEvent> last(String stepId, HistoryEvent.Type type) {
    List<HistoryEvent> events = events(stepId);
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).type() == type) {
        return Optional.of(events.get(i));
      }
    }
    return Optional.empty();
  }

  boolean has(String stepId, HistoryEvent.Type type) {
    return last(stepId, type).isPresent();
  }

  long count(String stepId, HistoryEvent.Type type) {
    return events(stepId).stream().filter(e -> e.type() == type).count();
  }

  List<String> sequence(String scope) {
    return sequences.getOrDefault(scope, List.of());
  }

  String kindOf(String stepId) {
    return kinds.get(stepId);
  }

  static String scopeOf(String stepId) {
    int slash = stepId.lastIndexOf('/');
    return slash < 0 ? "" : stepId.substring(0, slash);
  }

  InstanceRecord record() {
    return new InstanceRecord(id, definition.name(), definition.version(), state, input, output, error, cancelReason,
        parentId, callerStepId, started, ended, history);
  }

  WorkflowInstance snapshot() {
    List<WorkflowInstance.Wait> waiting = new ArrayList<>();
    for (PendingWait wait : waits.values()) {
      waiting.add(wait.describe());
    }
    return new WorkflowInstance(id, definition.name(), definition.version(), state, input, Optional.ofNullable(output),
        Optional.ofNullable(error), Optional.ofNullable(cancelReason), parentId, started, Optional.ofNullable(ended),
        history, waiting);
  }
}
