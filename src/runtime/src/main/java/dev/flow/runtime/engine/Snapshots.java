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
import dev.flow.runtime.store.InstanceRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Snapshots of instances for applications, made from their histories. */
final class Snapshots {
  private Snapshots() {}

  /** An instance as it is now: from memory while the engine holds it ({@code held}), else from the store. */
  static WorkflowInstance of(Core core, String instanceId, Instance held) {
    if (held != null) {
      held.lock.lock();
      try {
        try {
          held.written.join();
        } catch (java.util.concurrent.CompletionException e) {
          // It failed: what the store has is what counts.
        }
        long stored = core.store().instance(instanceId).map(InstanceRow::lastSequence).orElse(0L);
        if (stored == held.history.lastSequence()) {
          return Snapshots.of(instanceId, held.definition, held.history, held.state, held.waits);
        }
        core.forget(held);
      } finally {
        held.lock.unlock();
      }
    }
    List<Recorded> recorded = core.store().read(instanceId);
    if (recorded.isEmpty()) {
      throw new IllegalArgumentException("no instance " + instanceId);
    }
    History history = History.of(recorded);
    HistoryEntry.InstanceStarted started = history.started();
    Optional<WorkflowDefinition<?, ?>> registered = core.registry().definition(started.workflow(), started.version());
    if (registered.isEmpty()) {
      return Snapshots.blocked(instanceId, history, started.version());
    }
    WorkflowDefinition<?, ?> definition = registered.get();
    InstanceState state = history.ended() != null ? history.ended().state() : InstanceState.WAITING;
    return Snapshots.of(instanceId, definition, history, state, Map.of());
  }

  static WorkflowInstance of(String id, WorkflowDefinition<?, ?> definition, History history, InstanceState state,
      Map<String, Wait> waits) {
    List<Recorded> entries = history.entries();
    HistoryEntry.InstanceStarted started = history.started();
    HistoryEntry.InstanceEnded ended = history.ended();
    List<HistoryEvent> events = new ArrayList<>(entries.size());
    for (Recorded recorded : entries) {
      HistoryEvent event = Views.legacy(recorded);
      if (event != null) {
        events.add(event);
      }
    }
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
    List<WorkflowInstance.Wait> waiting = new ArrayList<>();
    for (Wait wait : waits.values()) {
      waiting.add(describe(history, wait));
    }
    return new WorkflowInstance(id, started.workflow(), started.version(), state,
        started.input().as(definition.inputType()), output, error, cancelReason, started.parentId(), entries.get(0).at(),
        ended == null ? Optional.empty() : Optional.of(entries.get(entries.size() - 1).at()), events, waiting, entries);
  }

  /** An instance whose version this engine does not have: waiting, blocked until it is deployed. */
  static WorkflowInstance blocked(String id, History history, int version) {
    List<Recorded> entries = history.entries();
    HistoryEntry.InstanceStarted started = history.started();
    List<HistoryEvent> events = new ArrayList<>(entries.size());
    for (Recorded recorded : entries) {
      HistoryEvent event = Views.legacy(recorded);
      if (event != null) {
        events.add(event);
      }
    }
    WorkflowInstance.Wait wait = new WorkflowInstance.Wait("blocked", "", "", "blocked: version " + version
        + " not deployed", Optional.empty());
    return new WorkflowInstance(id, started.workflow(), version, InstanceState.WAITING, started.input().value(),
        Optional.empty(), Optional.empty(), Optional.empty(), started.parentId(), entries.get(0).at(), Optional.empty(),
        events, List.of(wait), entries);
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
