package dev.flow.runtime;

/**
 * The body of a collecting {@code for each} ({@code let NAME = for each … { …; yield VALUE }}),
 * given one item of the list; returns the value its {@code yield} adds to the result.
 *
 * @param <T> the type of the items
 * @param <R> the type of the values
 */
@FunctionalInterface
public interface Yielding<T, R> {
  R run(T item);
}
