package dev.flow.compiler.codegen;

/** {@link ThreadPatternsTest}, every pattern, on Temporal's in-process test server. */
class TemporalThreadPatternsTest extends ThreadPatternsTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }
}
