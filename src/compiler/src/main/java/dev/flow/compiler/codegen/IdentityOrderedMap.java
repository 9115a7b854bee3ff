package dev.flow.compiler.codegen;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A map whose keys are compared by identity and iterated in the order they were first put: for
 * AST nodes as keys, whose {@code equals} and {@code hashCode} (records) walk their whole subtree,
 * where a {@code LinkedHashMap} would hash a step with everything nested in it on every lookup.
 * Entries are never removed.
 */
final class IdentityOrderedMap<K, V> extends AbstractMap<K, V> {
  private final Map<K, SimpleEntry<K, V>> index = new IdentityHashMap<>();
  private final List<Map.Entry<K, V>> entries = new ArrayList<>();
  private final Set<Map.Entry<K, V>> entrySet = new AbstractSet<>() {
    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
      return Collections.unmodifiableList(entries).iterator();
    }

    @Override
    public int size() {
      return entries.size();
    }
  };

  @Override
  public V get(Object key) {
    SimpleEntry<K, V> e = index.get(key);
    return e == null ? null : e.getValue();
  }

  @Override
  public boolean containsKey(Object key) {
    return index.containsKey(key);
  }

  @Override
  public V put(K key, V value) {
    SimpleEntry<K, V> e = index.get(key);
    if (e != null) {
      return e.setValue(value);
    }
    e = new SimpleEntry<>(key, value);
    index.put(key, e);
    entries.add(e);
    return null;
  }

  @Override
  public int size() {
    return entries.size();
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return entrySet;
  }
}
