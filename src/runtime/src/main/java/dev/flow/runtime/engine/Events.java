package dev.flow.runtime.engine;

import dev.flow.runtime.ReceiveStep;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.PayloadException;
import dev.flow.runtime.replay.StepRecord;
import dev.flow.runtime.replay.Wait;
import dev.flow.runtime.store.EventRow;
import dev.flow.runtime.store.SubscriptionRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Published events. Each is kept in the store (the event buffer) for the retention period, then
 * offered at once to the waiting receives it correlates with, found through the store's
 * subscription index (the fast path). An instance that reaches a receive later (it was busy, or
 * in another step) takes, when it gets there, the oldest kept event published after it started
 * that the receive matches and that it has not taken yet; {@code EventReceived} records the
 * event's sequence, so neither a replay nor a restart takes it twice.
 */
final class Events {
  /** How long events are kept when the engine is not told otherwise. */
  static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
  /** How many kept events one read of the store gives. */
  private static final int PAGE = 64;
  /** How often (by the engine's clock) publishing forgets the events past their retention. */
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

  private final Core core;
  private volatile Duration retention = DEFAULT_RETENTION;
  private volatile Instant pruned = Instant.MIN;

  Events(Core core) {
    this.core = core;
  }

  /** How long published events are kept for the receives that get to them later. */
  void retention(Duration value) {
    retention = value;
  }

  Duration retention() {
    return retention;
  }

  /** Whether an instance may take the kept event with this sequence: published after it started, not taken yet. */
  private static boolean mayTake(Instance instance, long sequence) {
    return sequence > instance.history.started().eventsAfter() && !instance.history.tookEvent(sequence);
  }

  /**
   * Offers an event to a waiting instance: its first waiting receive whose condition the event
   * meets takes it. Holds the instance's lock.
   *
   * @return whether a receive took it
   */
  boolean offer(Instance instance, Object event, long sequence) {
    boolean replayed = instance.needsReplay;
    core.ensureWaits(instance);
    if (replayed && instance.history.tookEvent(sequence)) {
      return true; // read back from the store, its replay found the event kept and took it
    }
    if (instance.ended() || !mayTake(instance, sequence)) {
      return false;
    }
    for (Wait wait : instance.waits.values()) {
      if (wait.kind() != Wait.Kind.RECEIVE) {
        continue;
      }
      StepRecord record = instance.history.step(wait.id());
      // A `receive new` does not take an event published before it started waiting (a transient trigger).
      if (!record.receiveOpen() || sequence <= record.eventsAfter() || !matches(wait, event)) {
        continue;
      }
      take(instance, wait, event, sequence);
      return true;
    }
    return false;
  }

  private void take(Instance instance, Wait wait, Object event, long sequence) {
    List<HistoryEntry> entries = new ArrayList<>();
    entries.add(new HistoryEntry.EventReceived(wait.id(), Payload.of(event), sequence));
    StepRecord limit = instance.history.step(wait.id() + "~within");
    if (limit != null && limit.timerSet()) {
      entries.add(new HistoryEntry.TimerCancelled(limit.stepId()));
    }
    core.commit(instance, entries);
    core.resume(instance);
  }

  private static boolean matches(Wait wait, Object event) {
    try {
      return wait.where().test(event);
    } catch (RuntimeException e) {
      // A condition that cannot be evaluated (say, a missing value) does not match.
      return false;
    }
  }

  /**
   * After a run that now waits in receives: each open receive, in order, looks for the oldest kept
   * event it matches (published after the instance started, or for a {@code receive new} after it
   * started waiting; within the retention, not taken yet);
   * the first found is taken (which queues another run, which looks again). Holds the lock.
   */
  void offerKept(Instance instance) {
    boolean receives = instance.waits.values().stream().anyMatch(w -> w.kind() == Wait.Kind.RECEIVE);
    if (!receives) {
      return;
    }
    // Its receives' subscriptions are in the store before it looks at the kept events: an event
    // kept after the look is found through them by its publisher (which then offers it here).
    core.durable(instance);
    Instant oldest = core.now().minus(retention);
    Instant from = instance.history.keptEventsFrom();
    if (from != null && from.isAfter(oldest)) {
      oldest = from; // read from a loop checkpoint, which knows the events taken since then only
    }
    for (Wait wait : instance.waits.values()) {
      if (wait.kind() != Wait.Kind.RECEIVE || !(wait.descriptor() instanceof ReceiveStep<?> step)) {
        continue;
      }
      StepRecord record = instance.history.step(wait.id());
      if (record == null || !record.receiveOpen()) {
        continue;
      }
      // A `receive new` looks only at the events published after it started waiting.
      long after = Math.max(instance.history.started().eventsAfter(), record.eventsAfter());
      while (true) {
        List<EventRow> page = core.store().events(step.event().getName(), record.correlation(), after, PAGE);
        for (EventRow kept : page) {
          after = kept.sequence();
          if (kept.at().isBefore(oldest) || instance.history.tookEvent(kept.sequence())) {
            continue;
          }
          Object event = decode(kept, step);
          if (event != null && matches(wait, event)) {
            take(instance, wait, event, kept.sequence());
            return;
          }
        }
        if (page.size() < PAGE) {
          break;
        }
      }
    }
  }

  private static Object decode(EventRow kept, ReceiveStep<?> step) {
    try {
      return kept.event().as(step.event());
    } catch (PayloadException e) {
      return null; // kept by an earlier version of the event: this receive cannot take it
    }
  }

  /** What {@link #deliver} did: the event's sequence, and the instances that took it. */
  record Delivered(long sequence, List<String> woken) {}

  /** Publishes an event: keeps it, and offers it to the waiting receives it correlates with. */
  Delivered deliver(Object event, String origin) {
    long sequence = keep(event, origin);
    return new Delivered(sequence, offer(event, sequence));
  }

  /**
   * Keeps an event among the published ones; returns its sequence. An emitted one ({@code origin}
   * not null) that is kept already (published before a crash) is not kept again.
   */
  long keep(Object event, String origin) {
    Instant now = core.now();
    prune(now);
    return core.store().publish(event.getClass().getName(), core.registry().keysOf(event), now, event, origin);
  }

  /** Offers a kept event to the waiting receives it correlates with; returns the instances that took it. */
  List<String> offer(Object event, long sequence) {
    List<List<String>> keys = core.registry().keysOf(event);
    List<String> woken = new ArrayList<>();
    LinkedHashSet<String> candidates = new LinkedHashSet<>();
    for (SubscriptionRow row : core.store().subscriptions(event.getClass().getName(), keys)) {
      candidates.add(row.instanceId());
    }
    for (String id : candidates) {
      Instance instance;
      try {
        instance = core.instance(id);
      } catch (VersionNotDeployed blocked) {
        continue; // a blocked instance takes no event until its version is deployed
      }
      if (instance.isHeldByCurrentThread()) {
        continue; // its own run published it: it finds the kept event once the run has set up its receives
      }
      boolean taken = offerRetrying(id, event, sequence);
      if (taken) {
        woken.add(id);
      }
    }
    return woken;
  }

  /**
   * Offers a kept event to an instance; when another engine on the store wrote to the instance
   * first (the commit of the take conflicts, and nothing of it is written), offers it again to the
   * copy read back, which may have taken it already.
   */
  private boolean offerRetrying(String id, Object event, long sequence) {
    for (int attempt = 1; ; attempt++) {
      try {
        return core.with(id, held -> offer(held, event, sequence));
      } catch (dev.flow.runtime.store.AppendConflict conflict) {
        if (attempt >= 8) {
          throw conflict;
        }
      }
    }
  }

  /** Forgets the kept events past their retention, at most once a {@link #PRUNE_EVERY}. */
  void prune(Instant now) {
    if (now.isBefore(pruned.plus(PRUNE_EVERY))) {
      return;
    }
    pruned = now;
    core.store().pruneEvents(now.minus(retention));
  }

  /** The sequence a new instance's receives take kept events after. */
  long mark() {
    return core.store().lastEventSequence();
  }
}
