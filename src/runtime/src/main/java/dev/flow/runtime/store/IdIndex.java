package dev.flow.runtime.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The indexes' instance records by id, read and written without a lock, as a {@code ConcurrentHashMap} would be; what
 * {@link Indexes} finds every instance through.
 *
 * <p>The engine names instances {@code Prefix-N}, N counted up per prefix from 1 ({@link Indexes#nextNumber}), so the
 * numbers of one prefix are dense: such an id's record is kept in an array of the prefix's, at N, in chunks of
 * {@value #CHUNK} slots made as the numbers reach them. Against a hash map, that is no map node and no id string kept per
 * instance ({@link Indexes.Instance} keeps its prefix and number instead, and the id only while the instance runs), no
 * table to grow and copy, and writes that follow each other in memory (a young collection scans few cards of an old
 * table). Every other id (no number, a leading zero, a number of {@value #MAX_DIGITS} digits or more) is kept in a hash
 * map. Which of the two holds an id depends on the id alone ({@link #numberOf}).
 */
final class IdIndex {
  /** Slots per chunk of a prefix's array. */
  static final int CHUNK = 1 << 12;
  private static final int CHUNK_BITS = 12;
  /** An id's number has fewer digits than this to be kept by number (so it fits an {@code int}). */
  static final int MAX_DIGITS = 10;

  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Indexes.Instance[].class);

  /** One prefix's records by number: {@code chunks[n >>> CHUNK_BITS][n & (CHUNK - 1)]}. */
  static final class Numbered {
    final String prefix;
    /** Replaced (longer, same chunks) under this object's monitor when a number reaches past its end. */
    private volatile Indexes.Instance[][] chunks = new Indexes.Instance[0][];

    Numbered(String prefix) {
      this.prefix = prefix;
    }

    /** The chunk that holds {@code number}'s slot, or {@code null} when none has been made. */
    Indexes.Instance[] chunkOrNull(int number) {
      Indexes.Instance[][] all = chunks;
      int index = number >>> CHUNK_BITS;
      return index < all.length ? all[index] : null;
    }

    /** The chunk that holds {@code number}'s slot, made if needed. */
    Indexes.Instance[] chunk(int number) {
      Indexes.Instance[] chunk = chunkOrNull(number);
      return chunk != null ? chunk : makeChunk(number >>> CHUNK_BITS);
    }

    private synchronized Indexes.Instance[] makeChunk(int index) {
      Indexes.Instance[][] all = chunks;
      if (index >= all.length) {
        all = java.util.Arrays.copyOf(all, Math.max(index + 1, all.length * 2));
      } else if (all[index] != null) {
        return all[index];
      } else {
        all = all.clone(); // never written in place: a reader holds the array it read
      }
      all[index] = new Indexes.Instance[CHUNK];
      chunks = all;
      return all[index];
    }
  }

  /** Every prefix's numbered records. */
  private final ConcurrentHashMap<String, Numbered> prefixes = new ConcurrentHashMap<>();
  /** The prefix found last (most ids in a row are of one workflow): no lookup, no substring for it. */
  private volatile Numbered last;
  /** Records of ids not kept by number. */
  private final ConcurrentHashMap<String, Indexes.Instance> others = new ConcurrentHashMap<>();
  private final LongAdder size = new LongAdder();

  /**
   * The number N of an id {@code Prefix-N} kept by number, or -1: the digits after its last dash, at least one, fewer
   * than {@link #MAX_DIGITS}, no leading zero (so that the prefix and the number give back the same id), a prefix of
   * at least one character.
   */
  static int numberOf(String id) {
    int dash = id.lastIndexOf('-');
    int digits = id.length() - dash - 1;
    if (dash <= 0 || digits < 1 || digits >= MAX_DIGITS || (digits > 1 && id.charAt(dash + 1) == '0')) {
      return -1;
    }
    int number = 0;
    for (int i = dash + 1; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      number = number * 10 + (c - '0');
    }
    return number;
  }

  /** The numbered records of the id's prefix ({@code id} of the form {@code Prefix-N}), made if {@code make}. */
  private Numbered numbered(String id, boolean make) {
    int dash = id.lastIndexOf('-');
    Numbered known = last;
    if (known != null && known.prefix.length() == dash && id.startsWith(known.prefix)) {
      return known;
    }
    String prefix = id.substring(0, dash);
    known = make ? prefixes.computeIfAbsent(prefix, Numbered::new) : prefixes.get(prefix);
    if (known != null) {
      last = known;
    }
    return known;
  }

  /** The record of an id, or {@code null}. */
  Indexes.Instance get(String id) {
    return get(id, numberOf(id));
  }

  /** The record of an id whose {@link #numberOf} is {@code number}, or {@code null}. */
  Indexes.Instance get(String id, int number) {
    if (number < 0) {
      return others.get(id);
    }
    Numbered numbered = numbered(id, false);
    Indexes.Instance[] chunk = numbered == null ? null : numbered.chunkOrNull(number);
    return chunk == null ? null : (Indexes.Instance) SLOT.getAcquire(chunk, number & (CHUNK - 1));
  }

  boolean containsKey(String id) {
    return get(id) != null;
  }

  /** Keeps a record under its id unless one is kept there: then returns that one and keeps this one not. */
  Indexes.Instance putIfAbsent(String id, Indexes.Instance instance) {
    return putIfAbsent(id, numberOf(id), instance);
  }

  /** {@link #putIfAbsent(String, Indexes.Instance)} of an id whose {@link #numberOf} is {@code number}. */
  Indexes.Instance putIfAbsent(String id, int number, Indexes.Instance instance) {
    if (number < 0) {
      Indexes.Instance before = others.putIfAbsent(id, instance);
      if (before == null) {
        size.increment();
      }
      return before;
    }
    Indexes.Instance[] chunk = numbered(id, true).chunk(number);
    int slot = number & (CHUNK - 1);
    while (true) {
      Indexes.Instance before = (Indexes.Instance) SLOT.getAcquire(chunk, slot);
      if (before != null) {
        return before;
      }
      if (SLOT.compareAndSet(chunk, slot, (Indexes.Instance) null, instance)) {
        size.increment();
        return null;
      }
    }
  }

  /** Keeps a record under its id, in place of any kept there. */
  void put(String id, Indexes.Instance instance) {
    int number = numberOf(id);
    Indexes.Instance before;
    if (number < 0) {
      before = others.put(id, instance);
    } else {
      Indexes.Instance[] chunk = numbered(id, true).chunk(number);
      before = (Indexes.Instance) SLOT.getAndSet(chunk, number & (CHUNK - 1), instance);
    }
    if (before == null) {
      size.increment();
    }
  }

  /** Forgets the record of an id, if one is kept. */
  void remove(String id) {
    int number = numberOf(id);
    Indexes.Instance before;
    if (number < 0) {
      before = others.remove(id);
    } else {
      Numbered numbered = numbered(id, false);
      Indexes.Instance[] chunk = numbered == null ? null : numbered.chunkOrNull(number);
      before = chunk == null ? null : (Indexes.Instance) SLOT.getAndSet(chunk, number & (CHUNK - 1), null);
    }
    if (before != null) {
      size.decrement();
    }
  }

  /** How many records are kept (exact when no write is under way). */
  int size() {
    return size.intValue();
  }

  /** Every record kept, in no particular order (a copy). */
  List<Indexes.Instance> values() {
    List<Indexes.Instance> all = new ArrayList<>(others.values());
    for (Numbered numbered : prefixes.values()) {
      for (Indexes.Instance[] chunk : numbered.chunks) {
        for (int slot = 0; chunk != null && slot < chunk.length; slot++) {
          Indexes.Instance instance = (Indexes.Instance) SLOT.getAcquire(chunk, slot);
          if (instance != null) {
            all.add(instance);
          }
        }
      }
    }
    return all;
  }

  /** The prefix, shared, that an id {@code Prefix-N} kept by number is kept under (made if needed). */
  String prefixOf(String id) {
    return numbered(id, true).prefix;
  }
}
