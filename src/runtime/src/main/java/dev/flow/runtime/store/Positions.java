package dev.flow.runtime.store;

import java.util.Arrays;

/**
 * Where an instance's commit records are in the journal ({@link Segment#position}), oldest first, so
 * a history is read without a scan. Immutable to readers: {@link #plus} writes into the shared array
 * only past every published count, or copies it when full.
 */
final class Positions {
  private final long[] at;
  private final int count;

  private Positions(long[] at, int count) {
    this.at = at;
    this.count = count;
  }

  static Positions of(long position) {
    long[] at = new long[2];
    at[0] = position;
    return new Positions(at, 1);
  }

  /** These positions and one more (only the writer thread calls this, on the newest positions of an instance). */
  Positions plus(long position) {
    long[] array = count < at.length ? at : Arrays.copyOf(at, at.length * 2);
    array[count] = position;
    return new Positions(array, count + 1);
  }

  int count() {
    return count;
  }

  long get(int i) {
    return at[i];
  }
}
