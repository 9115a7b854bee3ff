package dev.flow.runtime.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The events published lately, so that an instance that was running when one was published (a
 * connector inside its own action may publish the answer it will wait for) is offered it once its
 * run has set up its receives: an event is never dropped because its instance was busy. Keeps the
 * last {@value #KEEP}.
 */
final class RecentEvents {
  private static final int KEEP = 1024;

  /** A published event, and the instances that took it. */
  record Published(long sequence, Object event, Set<String> takenBy) {}

  private final ArrayDeque<Published> events = new ArrayDeque<>();
  private long last;

  /** Keeps an event; returns its sequence. */
  synchronized long publish(Object event) {
    events.addLast(new Published(++last, event, new HashSet<>()));
    if (events.size() > KEEP) {
      events.removeFirst();
    }
    return last;
  }

  /** The sequence of the last event published. */
  synchronized long mark() {
    return last;
  }

  /** The events published after {@code mark}, oldest first. */
  synchronized List<Published> since(long mark) {
    List<Published> after = new ArrayList<>();
    for (Published published : events) {
      if (published.sequence() > mark) {
        after.add(published);
      }
    }
    return after;
  }

  /** Whether an instance may still take an event (it did not take it already). */
  synchronized boolean offer(long sequence, String instanceId) {
    Published published = find(sequence);
    return published == null || !published.takenBy().contains(instanceId);
  }

  synchronized void taken(long sequence, String instanceId) {
    Published published = find(sequence);
    if (published != null) {
      published.takenBy().add(instanceId);
    }
  }


  private Published find(long sequence) {
    for (Published published : events) {
      if (published.sequence() == sequence) {
        return published;
      }
    }
    return null;
  }
}
