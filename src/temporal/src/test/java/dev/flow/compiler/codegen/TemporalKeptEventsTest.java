package dev.flow.compiler.codegen;

/**
 * {@link KeptEventsTest} (events kept for a running instance's later receives, oldest first, for
 * 7 days) on Temporal's in-process test server: an instance shows {@code @receives|TYPE} in
 * {@code FlowWaitingFor} for its workflow's receives, is offered such an event and keeps it in its
 * workflow state; no assertion restated. An event of another key that arrives while a receive
 * waits is kept when two or more receive steps take its type (the suite's Relay); one receive step
 * reached again in a loop with another key would not find it, unlike on the engine, because such an
 * event is offered only to the instances whose key matches (docs/architecture.md, "Flow on Temporal").
 */
class TemporalKeptEventsTest extends KeptEventsTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }
}
