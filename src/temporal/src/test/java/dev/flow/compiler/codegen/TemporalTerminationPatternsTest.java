package dev.flow.compiler.codegen;

/** {@link TerminationPatternsTest}, every pattern, on Temporal's in-process test server. */
class TemporalTerminationPatternsTest extends TerminationPatternsTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }
}
