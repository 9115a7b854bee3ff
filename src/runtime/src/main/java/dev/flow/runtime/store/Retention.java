package dev.flow.runtime.store;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a store keeps ended instances (their rows, histories, tasks, timers and the rest): at
 * most {@code endedInstances} of them, the most recently ended, and, when {@code endedFor} is set,
 * none that ended longer ago than that. Running instances are always kept. Age is measured on the
 * engine's clock, as the store sees it: against the time of the latest commit it has written, so a
 * store drops by age as the engine goes on (and not while nothing is written). The same shape for
 * every store: {@link JdbcOptions}, {@link JournalOptions#retainEnded} and {@code new MemoryStore(n)}
 * give the count when a store is opened, and {@link Store#retain} (what {@code Engine.builder().retention}
 * calls) sets both for a store that is open.
 *
 * @param endedInstances how many ended instances are kept at most (0: none)
 * @param endedFor how long an ended instance is kept at most after it ended; {@code null}: no age limit
 */
public record Retention(int endedInstances, Duration endedFor) {
  public Retention {
    if (endedInstances < 0) {
      throw new IllegalArgumentException("retain at least 0 ended instances, not " + endedInstances);
    }
    if (endedFor != null && endedFor.isNegative()) {
      throw new IllegalArgumentException("ended instances are kept for no negative time: " + endedFor);
    }
  }

  /** At most {@code endedInstances} ended instances, of any age. */
  public static Retention count(int endedInstances) {
    return new Retention(endedInstances, null);
  }

  /** Ended instances for at most {@code endedFor} after they ended, at most {@link JournalOptions#DEFAULT_RETAIN_ENDED}. */
  public static Retention age(Duration endedFor) {
    return new Retention(JournalOptions.DEFAULT_RETAIN_ENDED, java.util.Objects.requireNonNull(endedFor, "endedFor"));
  }

  /** The same count, and at most {@code age} after they ended. */
  public Retention withEndedFor(Duration age) {
    return new Retention(endedInstances, java.util.Objects.requireNonNull(age, "age"));
  }

  /** Whether an instance that ended at {@code ended} is too old to keep when it is {@code now} (no age limit: never). */
  public boolean tooOld(Instant ended, Instant now) {
    return endedFor != null && ended.isBefore(now.minus(endedFor));
  }
}
