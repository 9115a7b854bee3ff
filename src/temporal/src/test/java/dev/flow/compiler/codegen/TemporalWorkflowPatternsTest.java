package dev.flow.compiler.codegen;

/** {@link WorkflowPatternsTest}, every pattern, on Temporal's in-process test server. */
class TemporalWorkflowPatternsTest extends WorkflowPatternsTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }
}
