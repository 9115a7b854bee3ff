package dev.flow.runtime.store;

import java.time.Duration;

/**
 * How a {@link JdbcStore} keeps ended instances. Immutable; start from {@link #defaults()}.
 *
 * @param retainEnded how many ended instances keep their rows and histories (the most recently
 *     ended, as in the journal and the memory store); older ones are deleted with their history,
 *     tasks, timers, receives, incidents and key rows by the store's sweeper thread
 * @param sweepBatch how many ended instances one transaction of the sweeper deletes; the sweeper
 *     runs once this many instances have ended through the store since its last sweep (and once
 *     when the store opens), so deleting never holds a long transaction or blocks an append
 * @param retainEndedFor how long after its end an ended instance is kept at most, measured as in
 *     {@link Retention} (against the latest commit the store wrote); {@code null}: no age limit
 */
public record JdbcOptions(int retainEnded, int sweepBatch, Duration retainEndedFor) {
  public JdbcOptions {
    if (retainEnded < 0) {
      throw new IllegalArgumentException("retain at least 0 ended instances, not " + retainEnded);
    }
    if (sweepBatch < 1) {
      throw new IllegalArgumentException("a sweep deletes at least one instance at a time, not " + sweepBatch);
    }
    if (retainEndedFor != null && retainEndedFor.isNegative()) {
      throw new IllegalArgumentException("ended instances are kept for no negative time: " + retainEndedFor);
    }
  }

  /** Options without an age limit. */
  public JdbcOptions(int retainEnded, int sweepBatch) {
    this(retainEnded, sweepBatch, null);
  }

  /** {@link JournalOptions#DEFAULT_RETAIN_ENDED} ended instances kept, of any age, deleted 500 at a time. */
  public static JdbcOptions defaults() {
    return new JdbcOptions(JournalOptions.DEFAULT_RETAIN_ENDED, 500, null);
  }

  public JdbcOptions withRetainEnded(int instances) {
    return new JdbcOptions(instances, sweepBatch, retainEndedFor);
  }

  public JdbcOptions withSweepBatch(int instances) {
    return new JdbcOptions(retainEnded, instances, retainEndedFor);
  }

  /** Keeps an ended instance at most {@code age} after it ended (besides the count). */
  public JdbcOptions withRetainEndedFor(Duration age) {
    return new JdbcOptions(retainEnded, sweepBatch, java.util.Objects.requireNonNull(age, "age"));
  }

  /** The retention these options set. */
  public Retention retention() {
    return new Retention(retainEnded, retainEndedFor);
  }
}
