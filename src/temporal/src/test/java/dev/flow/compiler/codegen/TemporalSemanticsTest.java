package dev.flow.compiler.codegen;

/** {@link SemanticsTest}, every case, on Temporal's in-process test server. */
class TemporalSemanticsTest extends SemanticsTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }
}
