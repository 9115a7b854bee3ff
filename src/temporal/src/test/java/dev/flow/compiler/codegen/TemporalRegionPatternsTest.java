package dev.flow.compiler.codegen;

/** {@link RegionPatternsTest}, every case, on Temporal's in-process test server. */
class TemporalRegionPatternsTest extends RegionPatternsTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }
}
