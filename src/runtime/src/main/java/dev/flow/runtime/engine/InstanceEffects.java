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

/**
 * What one instance's runs ask of the embedded engine: commits to its history, and the work that
 * follows them. A base of {@link Instance} (an instance is its own runs' effects, and the work a
 * {@link Core#resume} queues for it), so that a run makes no object for them.
 */
@SuppressWarnings("serial") // never serialized
abstract class InstanceEffects extends InstanceLock implements Effects, Runnable {
  final Core core;

  InstanceEffects(Core core) {
    this.core = core;
  }

  /** This instance. */
  private Instance instance() {
    return (Instance) this;
  }

  /** A queued run of the instance ({@link Core#resume}): one object less than a lambda per resume. */
  @Override
  public void run() {
    core.runQueued(instance());
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
    core.commit(instance(), entries);
  }

  @Override
  public ActionOutcome action(String stepId, ActionStep<?, ?> step, Object[] arguments) {
    return core.actions().attempt(instance(), stepId, step, arguments);
  }

  @Override
  public String startChild(String stepId, String step, String workflow, Object input, boolean awaited) {
    WorkflowDefinition<?, ?> definition = core.registry().latest(workflow);
    Inputs.check(definition, input);
    core.list(instance());
    return core.create(definition, input, instance(), awaited ? stepId : null,
        childId -> new HistoryEntry.ChildStarted(stepId, step, childId, definition.name(), awaited), Map.of());
  }

  @Override
  public void compensate(StepRecord registered) {
    core.list(instance()); // the compensation runs on another thread
    core.actions().compensate(instance(), registered);
  }

  @Override
  public void learn(dev.flow.runtime.Action<?, ?> compensation) {
    core.actions().learn(compensation);
  }

  @Override
  public void learn(dev.flow.runtime.ReceiveStep<?> receive) {
    core.registry().learn(receive);
  }

  @Override
  public void publish(HistoryEntry.EventEmitted emitted) {
    core.list(instance());
    core.beforeSideEffect(instance());
    String id = instance().id;
    core.later(() -> core.publishEmitted(id, emitted));
  }

  @Override
  public void send(HistoryEntry.NotifyRequested notification) {
    core.list(instance()); // a notifier may answer from another thread
    core.outbox().send(instance(), notification);
  }
}
