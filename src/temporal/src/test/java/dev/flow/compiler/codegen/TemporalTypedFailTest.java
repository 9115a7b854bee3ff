package dev.flow.compiler.codegen;

/**
 * {@link TypedFailTest} (a workflow's typed {@code fail} reaches a typed {@code catch} of its own
 * or, across {@code call}, of its caller) on Temporal's in-process test server.
 */
class TemporalTypedFailTest extends TypedFailTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }
}
