package dev.flow.runtime.store;

import dev.flow.runtime.InstanceState;

/**
 * Which instances to list, newest first.
 *
 * @param workflow only this workflow's (qualified name), or {@code null} for all
 * @param state only those in this state (RUNNING: not ended), or {@code null} for all
 * @param offset how many to skip
 * @param limit how many at most
 */
public record InstanceQuery(String workflow, InstanceState state, int offset, int limit) {
  public InstanceQuery {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must not be negative");
    }
  }

  /** The newest {@code limit} instances. */
  public static InstanceQuery newest(int limit) {
    return new InstanceQuery(null, null, 0, limit);
  }
}
