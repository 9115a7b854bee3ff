package dev.flow.runtime;

import java.util.Optional;

/**
 * How the next item of a growing parallel {@code for each} arrives ({@link FlowContext#forEachArriving}):
 * its steps (a {@code receive} of the item's event, or the closing event) wait until one comes;
 * it returns the item, or nothing once no more will come.
 *
 * @param <T> the type of the items
 */
@FunctionalInterface
public interface Arrival<T> {
  Optional<T> next();
}
