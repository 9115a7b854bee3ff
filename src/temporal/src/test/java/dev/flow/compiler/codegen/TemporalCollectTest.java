package dev.flow.compiler.codegen;

/**
 * {@link CollectTest} (collecting loops: the rounds' values in item order whatever order they
 * end in), on Temporal's in-process test server: the runtime's interpreter runs there, so the
 * list is made the same way on every replay of the workflow task.
 */
class TemporalCollectTest extends CollectTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }
}
