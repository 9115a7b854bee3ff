package dev.flow.compiler.codegen;

/** {@link PartialJoinPatternsTest}, every pattern, on Temporal's in-process test server. */
class TemporalPartialJoinPatternsTest extends PartialJoinPatternsTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }
}
