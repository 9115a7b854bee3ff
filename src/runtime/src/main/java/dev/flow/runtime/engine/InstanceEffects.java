package dev.flow.runtime.engine;

import dev.flow.runtime.ActionStep;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.replay.Effects;
import dev.flow.runtime.replay.StepRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** What one instance's runs ask of the embedded engine: commits to its history, and the work that follows them. */
final class InstanceEffects implements Effects {
  private final Core core;
  private final Instance instance;
  private final ActionRunner actions;
  private final Outbox outbox;

  InstanceEffects(Core core, Instance instance, ActionRunner actions, Outbox outbox) {
    this.core = core;
    this.instance = instance;
    this.actions = actions;
    this.outbox = outbox;
  }

  @Override
  public Instant now() {
    return core.now();
  }

  @Override
  public java.time.Duration eventRetention() {
    return core.eventRetention();
  }

  @Override
  public long eventMark() {
    return core.store().lastEventSequence(); // a `receive new` takes only events kept after this one
  }

  @Override
  public ZoneId zone() {
    return core.zone;
  }

  @Override
  public void record(List<HistoryEntry> entries) {
    core.commit(instance, entries);
  }

  @Override
  public ActionOutcome action(String stepId, ActionStep<?, ?> step, Object[] arguments) {
    return actions.attempt(instance, stepId, step, arguments);
  }

  @Override
  public String startChild(String stepId, String step, String workflow, Object input, boolean awaited) {
    WorkflowDefinition<?, ?> definition = core.registry().latest(workflow);
    Inputs.check(definition, input);
    core.list(instance);
    return core.create(definition, input, instance, awaited ? stepId : null,
        childId -> new HistoryEntry.ChildStarted(stepId, step, childId, definition.name(), awaited), Map.of());
  }

  @Override
  public void compensate(StepRecord registered) {
    core.list(instance); // the compensation runs on another thread
    actions.compensate(instance, registered);
  }

  @Override
  public void learn(dev.flow.runtime.Action<?, ?> compensation) {
    actions.learn(compensation);
  }

  @Override
  public void learn(dev.flow.runtime.ReceiveStep<?> receive) {
    core.registry().learn(receive);
  }

  @Override
  public void publish(HistoryEntry.EventEmitted emitted) {
    core.list(instance);
    core.beforeSideEffect(instance);
    core.later(() -> core.publishEmitted(instance.id, emitted));
  }

  @Override
  public void send(HistoryEntry.NotifyRequested notification) {
    core.list(instance); // a notifier may answer from another thread
    outbox.send(instance, notification);
  }
}
