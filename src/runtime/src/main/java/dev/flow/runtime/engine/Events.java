package dev.flow.runtime.engine;

import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.replay.StepRecord;
import dev.flow.runtime.replay.Wait;
import java.util.ArrayList;
import java.util.List;

/**
 * Published events: found for the receives they correlate with through the store's subscription
 * index, offered to each instance holding its lock, and kept a while for instances that were
 * running when they were published.
 */
final class Events {
  private final Core core;

  Events(Core core) {
    this.core = core;
  }

  /**
   * Offers an event to a waiting instance: its first waiting receive whose condition the event
   * meets takes it. Holds the instance's lock.
   *
   * @return whether a receive took it
   */
  boolean offer(Instance instance, Object event, long sequence) {
    core.ensureWaits(instance);
    if (instance.ended() || !core.recent().offer(sequence, instance.id)) {
      return false;
    }
    for (Wait wait : instance.waits.values()) {
      if (wait.kind() != Wait.Kind.RECEIVE || !instance.history.step(wait.id()).receiveOpen() || !matches(wait, event)) {
        continue;
      }
      List<HistoryEntry> entries = new ArrayList<>();
      entries.add(new HistoryEntry.EventReceived(wait.id(), Payload.of(event)));
      StepRecord limit = instance.history.step(wait.id() + "~within");
      if (limit != null && limit.timerSet()) {
        entries.add(new HistoryEntry.TimerCancelled(limit.stepId()));
      }
      core.commit(instance, entries);
      core.recent().taken(sequence, instance.id);
      core.resume(instance);
      return true;
    }
    return false;
  }

  private static boolean matches(Wait wait, Object event) {
    try {
      return wait.where().test(event);
    } catch (RuntimeException e) {
      // A condition that cannot be evaluated (say, a missing value) does not match.
      return false;
    }
  }

  /** After a run: the events published while it ran are offered to the receives it now waits in. */
  void offerRecent(Instance instance) {
    boolean receives = instance.waits.values().stream().anyMatch(w -> w.kind() == Wait.Kind.RECEIVE);
    if (!receives) {
      return;
    }
    for (RecentEvents.Published published : core.recent().since(instance.eventMark)) {
      if (offer(instance, published.event(), published.sequence())) {
        return;
      }
    }
  }


  /** Publishes an event: keeps it for running instances, and offers it to the waiting receives it correlates with. */
  public List<String> deliver(Object event) {
    long sequence = core.recent().publish(event);
    List<String> woken = new ArrayList<>();
    java.util.LinkedHashSet<String> candidates = new java.util.LinkedHashSet<>();
    for (dev.flow.runtime.store.SubscriptionRow row : core.store().subscriptions(event.getClass().getName(),
        core.registry().keysOf(event))) {
      candidates.add(row.instanceId());
    }
    for (String id : candidates) {
      Instance instance;
      try {
        instance = core.instance(id);
      } catch (VersionNotDeployed blocked) {
        continue; // a blocked instance takes no event until its version is deployed
      }
      if (instance.lock.isHeldByCurrentThread()) {
        continue; // its own run published it: offered once the run has set up its receives
      }
      boolean taken = core.with(id, held -> offer(held, event, sequence));
      if (taken) {
        woken.add(id);
      }
    }
    return woken;
  }
}
