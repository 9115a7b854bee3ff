package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.Name;
import dev.flow.compiler.source.SourceFile;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table from AST nodes to values, by identity, for the {@link Recorder}. A node that has a numbered
 * name of its own (its {@link Name#id()}: the parser numbers each file's names) is kept in an array of
 * its file at that number, with the node itself beside it, so that a lookup is an index and one
 * comparison instead of an identity hash and a probe of a large table; any other node (no numbered name,
 * or a second node of the same name: never made by the parser) is kept in an {@link IdentityHashMap}.
 * It is what an {@code IdentityHashMap} of the same puts would be, lookups included.
 *
 * <p>Not thread-safe for writes, like the map it replaces; lookups of a table no longer written to may
 * come from several threads (the last file's arrays are remembered in one field, an immutable holder).
 * For writes from several threads at once there are workers ({@link #worker}): each writes the shared
 * arrays of its parent in place, a slot no other worker writes (each checks nodes of its own), and keeps
 * what does not fit there (no numbered name, no array of that file yet, beyond its end) in a map of its
 * own, which {@link #putAll} adds to the parent afterwards. The parent is not written to while
 * workers are in use.
 */
final class NodeTable<K, V> {
  /** The arrays of one file; {@code keys[i]} is the node whose value is {@code values[i]}. */
  private static final class Slots {
    final SourceFile file;
    Object[] keys;
    Object[] values;

    Slots(SourceFile file, int size) {
      this.file = file;
      this.keys = new Object[size];
      this.values = new Object[size];
    }
  }

  /** Where each node of a numbered name is keyed: its own name, or null. */
  interface KeyName<K> {
    Name of(K node);
  }

  private final KeyName<K> keyName;
  private final Map<SourceFile, Slots> files;
  private final Map<K, V> others;
  /** For a worker, the table whose arrays it writes and whose other nodes it reads; null otherwise. */
  private final NodeTable<K, V> parent;
  /** The file last looked up or written: the next lookup is nearly always in it. */
  private volatile Slots last;

  /** A table whose nodes without a numbered name are expected to be about {@code others} (0: few). */
  NodeTable(KeyName<K> keyName, int others) {
    this(keyName, new IdentityHashMap<>(), others, null);
  }

  private NodeTable(KeyName<K> keyName, Map<SourceFile, Slots> files, int others, NodeTable<K, V> parent) {
    this.keyName = keyName;
    this.files = files;
    this.others = others > 0 ? new IdentityHashMap<>(others) : new IdentityHashMap<>();
    this.parent = parent;
  }

  /**
   * A table for one thread among several: it writes this table's arrays where they have the node's slot
   * and reads this table, and the rest of its writes stay its own until {@link #putAll} adds them here.
   * This table must not be written to (but by its workers) while the worker is in use.
   */
  NodeTable<K, V> worker(int others) {
    return new NodeTable<>(keyName, files, others, this);
  }

  void put(K node, V value) {
    Name name = keyName.of(node);
    int id = name == null ? -1 : name.id();
    SourceFile file = id < 0 ? null : name.file();
    if (file == null) {
      others.put(node, value);
      return;
    }
    Slots slots = slots(file);
    if (parent != null) {
      // a worker: in place in the shared arrays when the slot is there, else in its own map
      if (slots != null && id < slots.keys.length && (slots.keys[id] == null || slots.keys[id] == node)) {
        slots.keys[id] = node;
        slots.values[id] = value;
      } else {
        others.put(node, value);
      }
      return;
    }
    if (slots == null) {
      // Sized for the names a file of this length has (about one per 22 characters), grown when short.
      slots = new Slots(file, Math.max(id + 1, Math.max(16, file.text().length() / 24)));
      files.put(file, slots);
    } else if (id >= slots.keys.length) {
      int size = Math.max(id + 1, slots.keys.length * 2);
      slots.keys = Arrays.copyOf(slots.keys, size);
      slots.values = Arrays.copyOf(slots.values, size);
    }
    if (last != slots) { // a volatile write is a fence: only when the file changes
      last = slots;
    }
    Object there = slots.keys[id];
    if (there == null || there == node) {
      slots.keys[id] = node;
      slots.values[id] = value;
    } else {
      others.put(node, value);
    }
  }

  /**
   * Puts every entry of {@code other} (one node is in one place of a table, so the order does not matter):
   * for one of this table's workers, what it kept in its own map (the rest is in place already).
   */
  @SuppressWarnings("unchecked")
  void putAll(NodeTable<K, V> other) {
    for (Slots slots : other.parent == this ? List.<Slots>of() : other.files.values()) {
      Object[] keys = slots.keys;
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != null) {
          put((K) keys[i], (V) slots.values[i]);
        }
      }
    }
    for (Map.Entry<K, V> e : other.others.entrySet()) {
      put(e.getKey(), e.getValue());
    }
  }

  V get(K node) {
    Name name = keyName.of(node);
    int id = name == null ? -1 : name.id();
    if (id >= 0) {
      Slots slots = slots(name.file());
      if (slots != null) {
        Object[] keys = slots.keys;
        if (id < keys.length && keys[id] == node) {
          @SuppressWarnings("unchecked")
          V v = (V) slots.values[id];
          return v;
        }
      }
    }
    V v = others.isEmpty() ? null : others.get(node);
    return v != null || parent == null || parent.others.isEmpty() ? v : parent.others.get(node);
  }

  boolean containsKey(K node) {
    Name name = keyName.of(node);
    int id = name == null ? -1 : name.id();
    if (id >= 0) {
      Slots slots = slots(name.file());
      if (slots != null && id < slots.keys.length && slots.keys[id] == node) {
        return true;
      }
    }
    return !others.isEmpty() && others.containsKey(node)
        || parent != null && !parent.others.isEmpty() && parent.others.containsKey(node);
  }

  /** Makes the arrays of {@code file} at least {@code size} long, so that workers can write there instead of their own maps. */
  void reserve(SourceFile file, int size) {
    Slots slots = files.get(file);
    if (slots == null) {
      files.put(file, new Slots(file, size));
    } else if (slots.keys.length < size) {
      slots.keys = Arrays.copyOf(slots.keys, size);
      slots.values = Arrays.copyOf(slots.values, size);
    }
  }

  /** The arrays of {@code file}, or null when none of its nodes has been put. */
  private Slots slots(SourceFile file) {
    Slots slots = last;
    if (slots != null && slots.file == file) {
      return slots;
    }
    slots = files.get(file);
    if (slots != null) {
      last = slots;
    }
    return slots;
  }
}
