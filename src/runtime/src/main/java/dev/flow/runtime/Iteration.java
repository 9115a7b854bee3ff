package dev.flow.runtime;

/**
 * The body of a {@code for each}, given one item of the list.
 *
 * @param <T> the type of the items
 */
@FunctionalInterface
public interface Iteration<T> {
  void run(T item);
}
