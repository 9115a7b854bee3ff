package dev.flow.compiler.codegen;

/** {@link TriggersTest} (every trigger filling its own input), every case, on Temporal's in-process test server. */
class TemporalTriggersTest extends TriggersTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }
}
