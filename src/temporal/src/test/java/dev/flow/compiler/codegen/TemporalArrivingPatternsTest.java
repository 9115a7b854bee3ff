package dev.flow.compiler.codegen;

/** {@link ArrivingPatternsTest}, WCP 15 and 36, on Temporal's in-process test server. */
class TemporalArrivingPatternsTest extends ArrivingPatternsTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }
}
