package dev.flow.runtime;

/** A block of a workflow: a branch, a loop body, a {@code try} or a segment of a block. */
@FunctionalInterface
public interface Body {
  void run();
}
