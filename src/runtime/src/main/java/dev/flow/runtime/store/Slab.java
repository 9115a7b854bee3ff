package dev.flow.runtime.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the memory store keeps ended instances' histories in {@link CompactEntries}' form: large arrays shared by many
 * instances ({@link Chunk}s), each history a run of cells of one chunk's {@code Object[]} and its {@code Long} results a
 * run of its {@code long[]}, rather than two small arrays of its own per instance. A chunk's arrays are large enough
 * (2 MB each) that the G1 collector allocates them in the old generation at once (as humongous objects): a young
 * collection does not copy them, as it copied every ended instance's two arrays from eden to a survivor space and on to
 * the old generation. A chunk is freed by the collector once no instance that the store holds has its history there
 * (the retention drops instances in the order they ended, which is about the order they were written here).
 *
 * <p>Thread-safe without a lock on its way: a history's cells are reserved with one compare-and-set; a new chunk is
 * made under this object's monitor when the current one is full (the first when the first history is written). The
 * cells reserved are written by the thread that reserved them, under the instance's monitor (or before its record is in
 * the indexes' map), and read under it.
 */
final class Slab {
  /**
   * Cells of a chunk's {@code Object[]}: with compressed references, its header and cells just fill a 2 MB G1 region
   * (the region size of a 4 GB heap; 2 MB - 16 B would take two), and it is humongous in regions of up to 4 MB.
   */
  static final int REFS = (1 << 19) - 16;
  /** Cells of a chunk's {@code long[]}: 2 MB less its header, as {@link #REFS}. */
  static final int LONGS = (1 << 18) - 8;
  /** At most this many cells per history here (a longer one keeps arrays of its own): a chunk is not filled by one. */
  static final int MAX_CELLS = 4096;

  private final int refs;
  private final int longs;
  /** The chunk histories are written to; {@code null} until the first is (a store that ends nothing takes no 4 MB). */
  private volatile Chunk current;

  /** A slab of chunks of the default sizes. */
  Slab() {
    this(REFS, LONGS);
  }

  /** A slab of chunks of {@code refs} references and {@code longs} numbers (smaller ones for tests). */
  Slab(int refs, int longs) {
    this.refs = refs;
    this.longs = longs;
  }

  /** One chunk: two arrays, and how much of each is reserved (references in the high half, numbers in the low). */
  static final class Chunk {
    final Object[] refs;
    final long[] longs;
    private final AtomicLong used = new AtomicLong();

    Chunk(int refs, int longs) {
      this.refs = new Object[refs];
      this.longs = new long[longs];
    }

    /** Reserves {@code r} references and {@code l} numbers: their offsets (packed as {@link #used}), or -1 when full. */
    long reserve(int r, int l) {
      while (true) {
        long was = used.get();
        long refsAt = was >>> 32;
        long longsAt = was & 0xFFFF_FFFFL;
        if (refsAt + r > refs.length || longsAt + l > longs.length) {
          return -1;
        }
        if (used.compareAndSet(was, was + ((long) r << 32) + l)) {
          return was;
        }
      }
    }
  }

  /** Whether a history of {@code r} cells and {@code l} numbers is kept here (else in arrays of its own). */
  boolean fits(int r, int l) {
    return r <= Math.min(MAX_CELLS, refs) && l <= Math.min(MAX_CELLS, longs);
  }

  /** The chunk to reserve cells in (a history that {@link #fits}; {@link #full} when its reservation fails). */
  Chunk current() {
    Chunk chunk = current;
    return chunk != null ? chunk : firstChunk();
  }

  /** Makes the first chunk (if no other thread did already). */
  private synchronized Chunk firstChunk() {
    if (current == null) {
      current = new Chunk(refs, longs);
    }
    return current;
  }

  /** Whether a chunk has been made: a slab to which no history was written takes no memory. */
  boolean started() {
    return current != null;
  }

  /** Replaces the chunk that was current and had no room left (if no other thread did already). */
  synchronized void full(Chunk chunk) {
    if (current == chunk) {
      current = new Chunk(refs, longs);
    }
  }

  /** The offset of the references of a packed slot. */
  static int refsAt(long slot) {
    return (int) (slot >>> 32);
  }

  /** The offset of the numbers of a packed slot. */
  static int longsAt(long slot) {
    return (int) slot;
  }
}
