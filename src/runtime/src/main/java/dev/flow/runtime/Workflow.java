package dev.flow.runtime;

/**
 * A workflow, as the compiler generates it: its metadata and a {@code run} method that calls the
 * {@link FlowContext} for every step. The engine creates a fresh instance for every run, so a
 * workflow object may keep the state of one run in its fields; {@code run} must be deterministic
 * apart from what it asks the context for.
 *
 * @param <I> the record of its inputs
 * @param <O> the record of its outputs
 */
public interface Workflow<I, O> {
  /** What the engine needs to know about this workflow. */
  WorkflowDefinition<I, O> definition();

  /**
   * Runs the workflow from the top. On a resumed instance the context answers every step that
   * already has an outcome from the instance's history.
   */
  O run(FlowContext ctx, I input);
}
