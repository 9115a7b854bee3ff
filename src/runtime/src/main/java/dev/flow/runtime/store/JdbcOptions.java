package dev.flow.runtime.store;

/**
 * How a {@link JdbcStore} keeps ended instances. Immutable; start from {@link #defaults()}.
 *
 * @param retainEnded how many ended instances keep their rows and histories (the most recently
 *     ended, as in the journal and the memory store); older ones are deleted with their history,
 *     tasks, timers, receives, incidents and key rows by the store's sweeper thread
 * @param sweepBatch how many ended instances one transaction of the sweeper deletes; the sweeper
 *     runs once this many instances have ended through the store since its last sweep (and once
 *     when the store opens), so deleting never holds a long transaction or blocks an append
 */
public record JdbcOptions(int retainEnded, int sweepBatch) {
  public JdbcOptions {
    if (retainEnded < 0) {
      throw new IllegalArgumentException("retain at least 0 ended instances, not " + retainEnded);
    }
    if (sweepBatch < 1) {
      throw new IllegalArgumentException("a sweep deletes at least one instance at a time, not " + sweepBatch);
    }
  }

  /** {@link JournalOptions#DEFAULT_RETAIN_ENDED} ended instances kept, deleted 500 at a time. */
  public static JdbcOptions defaults() {
    return new JdbcOptions(JournalOptions.DEFAULT_RETAIN_ENDED, 500);
  }

  public JdbcOptions withRetainEnded(int instances) {
    return new JdbcOptions(instances, sweepBatch);
  }

  public JdbcOptions withSweepBatch(int instances) {
    return new JdbcOptions(retainEnded, instances);
  }
}
