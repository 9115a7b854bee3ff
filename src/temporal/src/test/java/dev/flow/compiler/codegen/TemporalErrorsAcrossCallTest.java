package dev.flow.compiler.codegen;

/**
 * {@link ErrorsAcrossCallTest} (a called workflow's declared error reaches its caller's typed
 * {@code catch}) on Temporal's in-process test server: the child's end carries the error's type
 * and value to its parent as a child workflow's outcome.
 */
class TemporalErrorsAcrossCallTest extends ErrorsAcrossCallTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }
}
