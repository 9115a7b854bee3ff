package dev.flow.compiler.codegen;

/**
 * {@link KeptEventsTest} (events kept for a running instance's later receives, oldest first, for
 * 7 days) on Temporal's in-process test server: an instance shows {@code @receives|TYPE} in
 * {@code FlowWaitingFor} for its workflow's receives, is offered such an event and keeps it in its
 * workflow state; no assertion restated. An event of another key that arrives while a receive
 * waits is kept, as on the engine, when two or more receive steps take its type (the suite's Relay)
 * and when the waiting step is reached again (in a loop, the suite's Survey; by a {@code go to},
 * Recheck), which the generated code says ({@code ReceiveStep.repeated()}): the instance shows
 * {@code @receives|TYPE} also while such a step waits. A receive step reached once stays targeted
 * (no later receive could take such an event): TemporalFlowRuntimeTest asserts that a publish asks
 * only the instance whose key matches (docs/architecture.md, "Flow on Temporal").
 */
class TemporalKeptEventsTest extends KeptEventsTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }
}
