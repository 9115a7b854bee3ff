package dev.flow.compiler.codegen;

import dev.flow.runtime.FlowModule;
import dev.flow.runtime.ManualClock;
import dev.flow.runtime.api.FlowRuntime;
import dev.flow.temporal.Catalog;
import dev.flow.temporal.FlowSearchAttributes;
import dev.flow.temporal.FlowWorker;
import dev.flow.temporal.TemporalFlowRuntime;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The behaviour suites' backend on Temporal: an in-process test server (no network) with time
 * skipping, its clock starting at {@link Running#START}, one worker running the generated
 * workflows and the recording connectors, and a {@link TemporalFlowRuntime} as the client.
 */
final class TemporalBackend implements Running.Backend {
  static final String QUEUE = "flow";
  private TestWorkflowEnvironment environment;
  private TemporalFlowRuntime runtime;
  private Catalog catalog;
  private Map<Class<?>, Object> connectors;
  /** What the tests set on the worker beyond the connectors (e.g. the kept-events retention). */
  private final java.util.function.UnaryOperator<FlowWorker.Builder> configure;

  TemporalBackend() {
    this(worker -> worker);
  }

  /** A backend whose worker is also configured by {@code configure}. */
  TemporalBackend(java.util.function.UnaryOperator<FlowWorker.Builder> configure) {
    this.configure = configure;
  }

  @Override
  public FlowRuntime build(List<FlowModule> modules, Map<Class<?>, Object> connectors, ManualClock clock) {
    environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setInitialTime(Instant.parse(Running.START))
        .build());
    FlowSearchAttributes.register(environment.getOperatorServiceStubs(), environment.getNamespace());
    catalog = new Catalog();
    modules.forEach(catalog::module);
    this.connectors = connectors;
    FlowWorker.Builder worker = FlowWorker.builder(catalog);
    connectors.forEach((type, connector) -> connect(worker, type, connector));
    Worker temporalWorker = environment.newWorker(QUEUE);
    configure.apply(worker).build().register(temporalWorker);
    environment.start();
    runtime = new TemporalFlowRuntime(environment.getWorkflowClient(), catalog, QUEUE, ZoneOffset.UTC);
    // As the embedded engine plans the `starts every` schedules when it is built.
    runtime.startSchedules();
    return runtime;
  }

  /** Another client of the same service: one that knows nothing but what Temporal keeps (a restarted process). */
  TemporalFlowRuntime freshClient() {
    return new TemporalFlowRuntime(environment.getWorkflowClient(), catalog, QUEUE, ZoneOffset.UTC);
  }

  /**
   * Replays an instance's Temporal history on a worker that never ran it (a restarted worker
   * process); fails on non-determinism.
   */
  void replayOnFreshWorker(String id) throws Exception {
    try (TestWorkflowEnvironment fresh = TestWorkflowEnvironment.newInstance()) {
      Worker replayer = fresh.newWorker(QUEUE);
      FlowWorker.Builder worker = FlowWorker.builder(catalog);
      connectors.forEach((type, connector) -> connect(worker, type, connector));
      worker.build().register(replayer);
      io.temporal.testing.WorkflowReplayer.replayWorkflowExecution(environment.getWorkflowClient().fetchHistory(id),
          replayer);
    }
  }

  /** Whether the instance's latest Temporal run continued an earlier one (continue-as-new). */
  boolean continuedAsNew(String id) {
    return !environment.getWorkflowClient().fetchHistory(id).getEvents().get(0).getWorkflowExecutionStartedEventAttributes()
        .getContinuedExecutionRunId().isEmpty();
  }

  private static <S> void connect(FlowWorker.Builder worker, Class<S> type, Object connector) {
    worker.connector(type, type.cast(connector));
  }

  @Override
  public void advance(Duration duration) {
    environment.sleep(duration);
  }

  @Override
  public void settle() {
    runtime.awaitQuiet(Duration.ofSeconds(60));
  }

  @Override
  public void close() {
    if (environment != null) {
      environment.close();
    }
  }
}
