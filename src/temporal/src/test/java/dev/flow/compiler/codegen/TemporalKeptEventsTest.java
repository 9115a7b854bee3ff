package dev.flow.compiler.codegen;

/**
 * {@link KeptEventsTest} (events kept for a running instance's later receives, oldest first, for
 * 7 days) on Temporal's in-process test server: an instance shows {@code @receives|TYPE} in
 * {@code FlowWaitingFor} for its workflow's receives, is offered such an event and keeps it in its
 * workflow state; no assertion restated.
 */
class TemporalKeptEventsTest extends KeptEventsTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }
}
