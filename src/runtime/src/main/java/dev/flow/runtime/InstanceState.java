package dev.flow.runtime;

/** Where a workflow instance is in its life. */
public enum InstanceState {
  /** Being run now. */
  RUNNING,
  /** Waiting for a person, a timer, an event or another workflow. */
  WAITING,
  /** Ended successfully, with its outputs. */
  COMPLETED,
  /** Ended by a failure nothing caught. */
  FAILED,
  /** Ended by {@code cancel} or by {@link Engine#cancel}. */
  CANCELLED;

  /** Whether the instance has ended. */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
