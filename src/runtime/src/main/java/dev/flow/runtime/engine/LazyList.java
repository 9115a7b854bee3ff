package dev.flow.runtime.engine;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Supplier;

/**
 * An unmodifiable list made when first read: what a snapshot offers but few callers read (the
 * worded history of an instance), so that asking an instance for its state does not word its
 * whole history. Internal to the runtime.
 *
 * @param <T> the elements
 */
public final class LazyList<T> extends AbstractList<T> implements RandomAccess {
  private Supplier<List<T>> source;
  private volatile List<T> made;

  LazyList(Supplier<List<T>> source) {
    this.source = source;
  }

  private List<T> list() {
    List<T> list = made;
    if (list == null) {
      synchronized (this) {
        list = made;
        if (list == null) {
          list = List.copyOf(source.get());
          made = list;
          source = null;
        }
      }
    }
    return list;
  }

  @Override
  public T get(int index) {
    return list().get(index);
  }

  @Override
  public int size() {
    return list().size();
  }
}
