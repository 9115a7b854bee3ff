package dev.flow.runtime.store;

/**
 * How a {@link JournalStore} writes and keeps its files. Immutable; start from {@link #defaults()}.
 *
 * @param fsync whether a commit waits for {@code FileChannel.force} (turn off only in tests: a
 *     crash of the machine, not just of the process, can then lose acknowledged commits)
 * @param segmentSize the size at which a segment is closed and a new one begun, in bytes
 * @param retainEnded how many ended instances keep their histories (the most recently ended);
 *     older ones are dropped from the indexes at once and from the files by the next compaction
 * @param compactAfterDeadBytes compact automatically once about this many bytes of the files hold
 *     only dropped histories, or only forgotten kept events (and they are at least half the journal);
 *     {@link Long#MAX_VALUE} never
 * @param maxBatch the most commits one group commit writes with one fsync
 */
public record JournalOptions(boolean fsync, long segmentSize, int retainEnded, long compactAfterDeadBytes, int maxBatch) {
  /**
   * The ended instances kept by default: enough for people to look at what ran in the last days of a
   * busy engine (histories of ended instances are what {@code flowc inspect} and the task list's
   * "done" view read), while a journal of an engine that runs for years stays bounded.
   */
  public static final int DEFAULT_RETAIN_ENDED = 100_000;

  public JournalOptions {
    if (segmentSize < 4096) {
      throw new IllegalArgumentException("a segment of at least 4096 bytes, not " + segmentSize);
    }
    if (retainEnded < 0 || compactAfterDeadBytes < 0 || maxBatch < 1) {
      throw new IllegalArgumentException("retainEnded and compactAfterDeadBytes must not be negative, maxBatch positive");
    }
  }

  /** fsync on, 64 MiB segments, {@link #DEFAULT_RETAIN_ENDED} ended instances, compaction after 64 MiB of dropped data. */
  public static JournalOptions defaults() {
    return new JournalOptions(true, 64L << 20, DEFAULT_RETAIN_ENDED, 64L << 20, 1024);
  }

  public JournalOptions withFsync(boolean on) {
    return new JournalOptions(on, segmentSize, retainEnded, compactAfterDeadBytes, maxBatch);
  }

  public JournalOptions withSegmentSize(long bytes) {
    return new JournalOptions(fsync, bytes, retainEnded, compactAfterDeadBytes, maxBatch);
  }

  public JournalOptions withRetainEnded(int instances) {
    return new JournalOptions(fsync, segmentSize, instances, compactAfterDeadBytes, maxBatch);
  }

  public JournalOptions withCompactAfterDeadBytes(long bytes) {
    return new JournalOptions(fsync, segmentSize, retainEnded, bytes, maxBatch);
  }

  public JournalOptions withMaxBatch(int commits) {
    return new JournalOptions(fsync, segmentSize, retainEnded, compactAfterDeadBytes, commits);
  }
}
