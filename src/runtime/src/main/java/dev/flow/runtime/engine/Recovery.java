package dev.flow.runtime.engine;

import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.replay.History;
import dev.flow.runtime.replay.StepRecord;
import dev.flow.runtime.store.InstanceRow;
import java.util.ArrayList;
import java.util.List;

/**
 * What a restarted engine does first: every open instance of the store is resumed, and what a
 * crash left half done between two commits (a notification not sent, a caller not told of its
 * child's end, a child given up but not cancelled) is done.
 */
public final class Recovery {
  private final Core core;

  public Recovery(Core core) {
    this.core = core;
  }

  /**
   * An instance's history as a replay needs it: when the store knows a loop checkpoint of it, only
   * the entries up to that loop and from the checkpoint on (see {@code LoopCheckpoints}), so a
   * resume after an eviction or a restart does not read, fold and replay every earlier round.
   *
   * @return the history, or {@code null} for an unknown instance
   */
  static History load(dev.flow.runtime.store.Store store, String instanceId) {
    long checkpoint = store.lastCheckpoint(instanceId);
    if (checkpoint > 0) {
      List<Recorded> suffix = store.readAfter(instanceId, checkpoint - 1);
      if (!suffix.isEmpty() && suffix.get(0).entry() instanceof HistoryEntry.LoopCheckpoint mark) {
        return History.of(store.readUpTo(instanceId, mark.since()), suffix);
      }
    }
    List<Recorded> recorded = store.read(instanceId);
    return recorded.isEmpty() ? null : History.of(recorded);
  }

  /**
   * A called child whose end is committed but whose caller's {@code ChildEnded} is not (the process
   * died between the two commits): the caller is told now, as the end of the child would have told it.
   */
  private void tellOfEndedChildren(Instance caller) {
    for (String id : List.copyOf(caller.history.open())) {
      StepRecord step = caller.history.step(id);
      if (step == null || !step.childOpen()) {
        continue;
      }
      String childId = core.current(step.childId()); // a child that continued as new: its chain's last instance
      History child = History.of(core.store().read(childId));
      HistoryEntry.InstanceEnded ended = child.ended();
      if (ended != null) {
        String workflow = child.started().workflow();
        String message = Core.childMessage(workflow.substring(workflow.lastIndexOf('.') + 1), ended.state(), ended.message());
        HistoryEntry.ErrorRaised raised = child.raised();
        String first = core.chainStart(childId);
        core.later(() -> core.childEnded(caller.id, id, childId, first, ended.state(), ended.output(), message, raised));
      }
    }
  }

  /**
   * A child whose caller committed that it no longer needs it ({@code ChildCancelRequested}) but
   * that was not cancelled yet (the process died between the two): it is cancelled now, as
   * the caller's run would have done.
   */
  private void cancelIfGivenUp(Instance child) {
    String parentId = child.history.started().parentId();
    if (parentId == null || child.history.cancelReason() != null) {
      return;
    }
    for (Recorded recorded : core.store().read(parentId)) {
      if (recorded.entry() instanceof HistoryEntry.ChildCancelRequested given
          && (given.childId().equals(child.id) || given.childId().equals(core.chainStart(child.id)))) {
        core.later(() -> core.cancel(child.id, "its caller " + parentId + " no longer needs it"));
        return;
      }
    }
  }

  /**
   * Loads every open instance of the store that this engine does not hold, sends what its outbox
   * still owes, and runs it, so its tasks, timers and receives are set up again and the action
   * attempts a crash interrupted are made again.
   */
  public List<String> recover() {
    List<String> resumed = new ArrayList<>();
    for (InstanceRow row : core.store().openInstances()) {
      if (core.isLive(row.id()) || core.registry().definition(row.workflow(), row.version()).isEmpty()) {
        continue; // held already, or blocked until its version is deployed
      }
      core.with(row.id(), instance -> {
        core.outbox().resend(instance);
        core.republish(instance);
        tellOfEndedChildren(instance);
        cancelIfGivenUp(instance);
        core.resume(instance);
        return null;
      });
      resumed.add(row.id());
    }
    // An instance that ended right after its emit, before the event was published: it is not open,
    // but the store's outbox of emits names it.
    for (String id : core.store().unpublishedEmitters()) {
      if (resumed.contains(id) || core.isLive(id)) {
        continue;
      }
      boolean deployed = core.store().instance(id)
          .map(row -> core.registry().definition(row.workflow(), row.version()).isPresent()).orElse(false);
      if (deployed) {
        core.with(id, instance -> {
          core.republish(instance);
          return null;
        });
      }
    }
    return resumed;
  }
}
