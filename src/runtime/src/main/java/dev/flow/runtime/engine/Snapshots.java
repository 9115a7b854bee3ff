package dev.flow.runtime.engine;

import dev.flow.runtime.FlowError;
import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.WorkflowInstance;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.replay.History;
import dev.flow.runtime.replay.StepRecord;
import dev.flow.runtime.replay.Wait;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Snapshots of instances for applications, made from their histories. Public for other backends
 * (Temporal's), which keep the same histories and show them the same way.
 */
public final class Snapshots {
  private Snapshots() {}

  /** An instance as it is now: from memory while the engine holds it ({@code held}), else from the store. */
  static WorkflowInstance of(Core core, String instanceId, Instance held) {
    if (held != null) {
      boolean taken = core.lock(held);
      try {
        try {
          held.written.join();
        } catch (java.util.concurrent.CompletionException e) {
          // It failed: what the store has is what counts.
        }
        if (core.fresh(held)) {
          // A history read from a loop checkpoint lacks the rounds before it: the view shows them all.
          History history = held.history.partial() ? History.of(core.store().read(instanceId)) : held.history;
          return Snapshots.of(instanceId, held.definition, history, held.state, held.waits);
        }
        core.forget(held);
      } finally {
        Core.unlock(held, taken);
      }
    }
    List<Recorded> recorded = core.store().read(instanceId);
    if (recorded.isEmpty()) {
      throw new IllegalArgumentException("no instance " + instanceId);
    }
    // An instance this engine does not hold: its snapshot needs only its first and last entries,
    // not a decoded history (asking an ended instance for its state must stay cheap).
    HistoryEntry.InstanceStarted started = (HistoryEntry.InstanceStarted) recorded.get(0).entry();
    HistoryEntry.InstanceEnded ended = null;
    for (int i = recorded.size() - 1; i >= 0 && ended == null; i--) {
      if (recorded.get(i).entry() instanceof HistoryEntry.InstanceEnded last) {
        ended = last;
      }
    }
    Optional<WorkflowDefinition<?, ?>> registered = core.registry().definition(started.workflow(), started.version());
    if (registered.isEmpty()) {
      return Snapshots.blocked(instanceId, recorded, started.version());
    }
    InstanceState state = ended != null ? ended.state() : InstanceState.WAITING;
    return Snapshots.of(instanceId, registered.get(), List.copyOf(recorded), started, ended, state, List.of());
  }

  /**
   * An instance as its history shows it.
   *
   * @param state where it stands (RUNNING, WAITING, or how it ended)
   * @param waits what its last run waits for, by id
   */
  public static WorkflowInstance of(String id, WorkflowDefinition<?, ?> definition, History history, InstanceState state,
      Map<String, Wait> waits) {
    List<WorkflowInstance.Wait> waiting = new ArrayList<>();
    for (Wait wait : waits.values()) {
      waiting.add(describe(history, wait));
    }
    return of(id, definition, List.copyOf(history.entries()), history.started(), history.ended(), state, waiting);
  }

  private static WorkflowInstance of(String id, WorkflowDefinition<?, ?> definition, List<Recorded> entries,
      HistoryEntry.InstanceStarted started, HistoryEntry.InstanceEnded ended, InstanceState state,
      List<WorkflowInstance.Wait> waiting) {
    List<HistoryEvent> events = worded(entries);
    Optional<Object> output = Optional.empty();
    Optional<FlowError> error = Optional.empty();
    Optional<String> cancelReason = Optional.empty();
    if (ended != null) {
      switch (ended.state()) {
        case COMPLETED -> output = Optional.ofNullable(ended.output().as(definition.outputType()));
        case FAILED -> error = Optional.of(new FlowError(ended.failedStep() == null ? "" : ended.failedStep(),
            ended.message() == null ? "" : ended.message()));
        default -> cancelReason = Optional.ofNullable(ended.message());
      }
    }
    return new WorkflowInstance(id, started.workflow(), started.version(), state,
        started.input().as(definition.inputType()), output, error, cancelReason, started.parentId(), entries.get(0).at(),
        ended == null ? Optional.empty() : Optional.of(entries.get(entries.size() - 1).at()), events, waiting, entries);
  }

  /** An instance whose version this engine does not have: waiting, blocked until it is deployed. */
  static WorkflowInstance blocked(String id, List<Recorded> recorded, int version) {
    List<Recorded> entries = List.copyOf(recorded);
    HistoryEntry.InstanceStarted started = (HistoryEntry.InstanceStarted) entries.get(0).entry();
    List<HistoryEvent> events = worded(entries);
    WorkflowInstance.Wait wait = new WorkflowInstance.Wait("blocked", "", "", "blocked: version " + version
        + " not deployed", Optional.empty());
    return new WorkflowInstance(id, started.workflow(), version, InstanceState.WAITING, started.input().value(),
        Optional.empty(), Optional.empty(), Optional.empty(), started.parentId(), entries.get(0).at(), Optional.empty(),
        events, List.of(wait), entries);
  }

  /** The worded view of entries, made when first read. */
  private static List<HistoryEvent> worded(List<Recorded> entries) {
    return new LazyList<>(() -> {
      List<HistoryEvent> events = new ArrayList<>(entries.size());
      for (Recorded recorded : entries) {
        HistoryEvent event = Views.legacy(recorded);
        if (event != null) {
          events.add(event);
        }
      }
      return events;
    });
  }

  private static WorkflowInstance.Wait describe(History history, Wait wait) {
    StepRecord step = history.step(wait.id());
    String stepId = wait.id();
    int tilde = stepId.indexOf('~');
    String of = tilde < 0 ? stepId : stepId.substring(0, tilde);
    return switch (wait.kind()) {
      case TASK -> new WorkflowInstance.Wait(step.kind(), stepId, wait.step(), role(history, stepId),
          Optional.ofNullable(history.step(stepId + "~limit")).map(StepRecord::due));
      case TIMER -> new WorkflowInstance.Wait(stepId.endsWith("~within") ? "timeout" : "timer", of, wait.step(),
          String.valueOf(step.due()), Optional.ofNullable(step.due()));
      case RECEIVE -> new WorkflowInstance.Wait("receive", stepId, wait.step(), eventType(history, stepId), Optional.empty());
      case CHILD -> new WorkflowInstance.Wait("call", stepId, wait.step(), step.childId(), Optional.empty());
      case ACTION -> new WorkflowInstance.Wait("action", stepId, wait.step(), "", Optional.empty());
      case SIGNAL -> new WorkflowInstance.Wait("signal", stepId, wait.step(), wait.step(), Optional.empty());
      case EXCLUSIVE -> new WorkflowInstance.Wait("exclusive", stepId, wait.step(), wait.step(), Optional.empty());
      case INCIDENT -> new WorkflowInstance.Wait("incident", stepId, wait.step(),
          step.incident() == null ? "" : step.incident().message(), Optional.empty());
    };
  }

  private static String role(History history, String stepId) {
    for (Recorded recorded : history.entries()) {
      if (recorded.entry() instanceof HistoryEntry.TaskCreated created && created.stepId().equals(stepId)) {
        return created.role();
      }
    }
    return "";
  }

  private static String eventType(History history, String stepId) {
    for (Recorded recorded : history.entries()) {
      if (recorded.entry() instanceof HistoryEntry.ReceiveWaiting waiting && waiting.stepId().equals(stepId)) {
        String type = waiting.eventType();
        return type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1);
      }
    }
    return "";
  }
}
