package dev.flow.runtime.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kept events of the stores that hold their indexes in memory (memory, journal): by sequence,
 * and the highest sequence handed out. Thread-safe.
 */
final class EventBuffer {
  /** The fact a journal writes when it forgets events: the sequence of the last one forgotten. */
  static final String PRUNED = "flow.events.pruned";

  private final TreeMap<Long, EventRow> events = new TreeMap<>();
  /** Written under this object's lock; volatile, so that {@link #last} reads it without (every start asks). */
  private volatile long last;
  /** The sequences of the kept events that came from an emit, by their origin. */
  private final java.util.HashMap<String, Long> origins = new java.util.HashMap<>();

  /** The next sequence (handed out, not yet kept). */
  synchronized long next() {
    return ++last;
  }

  long last() {
    return last;
  }

  synchronized void add(EventRow event) {
    events.put(event.sequence(), event);
    last = Math.max(last, event.sequence());
    if (event.origin() != null) {
      origins.put(event.origin(), event.sequence());
    }
  }

  /** The sequence of the kept event that came from this emit, or 0 when none is kept. */
  synchronized long sequenceOf(String origin) {
    Long sequence = origins.get(origin);
    return sequence == null ? 0 : sequence;
  }

  synchronized boolean contains(long sequence) {
    return events.containsKey(sequence);
  }

  synchronized List<EventRow> find(String eventType, List<String> correlation, long after, int limit) {
    List<EventRow> found = new ArrayList<>();
    for (EventRow event : events.tailMap(after, false).values()) {
      if (found.size() >= limit) {
        break;
      }
      if (event.eventType().equals(eventType) && event.correlates(correlation)) {
        found.add(event);
      }
    }
    return found;
  }

  /**
   * The sequence of the last event of the oldest ones published before {@code before} (the events
   * are forgotten oldest first, up to the first one that is not that old), or 0 when there is none.
   */
  synchronized long lastBefore(Instant before) {
    long through = 0;
    for (EventRow event : events.values()) {
      if (!event.at().isBefore(before)) {
        break;
      }
      through = event.sequence();
    }
    return through;
  }

  /** How many kept events there are up to and including {@code sequence}. */
  synchronized int countThrough(long sequence) {
    return events.headMap(sequence, true).size();
  }

  /** Forgets the events up to and including {@code sequence}; returns how many there were. */
  synchronized int dropThrough(long sequence) {
    int dropped = 0;
    Iterator<Map.Entry<Long, EventRow>> it = events.headMap(sequence, true).entrySet().iterator();
    while (it.hasNext()) {
      EventRow event = it.next().getValue();
      if (event.origin() != null) {
        origins.remove(event.origin(), event.sequence());
      }
      it.remove();
      dropped++;
    }
    last = Math.max(last, sequence);
    return dropped;
  }
}
