package dev.flow.compiler.codegen;

/** {@link DeferredChoicePatternsTest}, every test, on Temporal's in-process test server. */
class TemporalDeferredChoicePatternsTest extends DeferredChoicePatternsTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }
}
