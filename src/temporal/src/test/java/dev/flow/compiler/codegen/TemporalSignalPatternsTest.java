package dev.flow.compiler.codegen;

/** {@link SignalPatternsTest}, every pattern, on Temporal's in-process test server. */
class TemporalSignalPatternsTest extends SignalPatternsTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }
}
