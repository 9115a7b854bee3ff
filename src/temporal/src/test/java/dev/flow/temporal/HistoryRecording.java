package dev.flow.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Principal;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Records the Temporal histories that {@link ReplayPreviousReleaseTest} replays: run it on a
 * release (not part of the suite: its name is not a test's), and commit what it writes to
 * {@code src/temporal/src/test/resources/temporal/histories}, so that the next releases are
 * checked against the histories this one left behind:
 *
 * <pre>
 * mvn -B -o -q -pl src/temporal -am -Dtest=HistoryRecording#recordRelease2 -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dflow.histories=$PWD/src/temporal/src/test/resources/temporal/histories verify
 * </pre>
 *
 * <p>{@code record} wrote the first model's histories (release.flow, on 0a8cccd), {@code recordRelease2}
 * the second model's (release2.flow: emit, keyed start, typed error across call, on 5cfedc8), {@code recordRelease3*}
 * the third's, {@code recordRelease4*} the fourth's (release4.flow: a receive in a loop, reached again with another key); a
 * next release adds its own method and files rather than writing over these.
 */
class HistoryRecording {
  private static final Principal ANN = Principal.of("ann", "test.release.Clerk");

  @Test
  void record() throws Exception {
    Path into = Path.of(System.getProperty("flow.histories", "target/histories"));
    Files.createDirectories(into);
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setInitialTime(Instant.parse("2026-11-24T09:00:00Z")).build())) {
      FlowSearchAttributes.register(environment.getOperatorServiceStubs(), environment.getNamespace());
      Catalog catalog = new Catalog().module(ReleaseModel.module());
      ReleaseModel.worker(calls, 150).register(environment.newWorker(ReleaseModel.QUEUE));
      environment.start();
      TemporalFlowRuntime runtime = new TemporalFlowRuntime(environment.getWorkflowClient(), catalog, ReleaseModel.QUEUE,
          ZoneOffset.UTC);
      Map<String, String> ids = new LinkedHashMap<>();
      ids.put("review-completed", start(runtime, catalog, "Review", Map.of()));
      runtime.inbox().complete(runtime.inbox().task(ids.get("review-completed"), "check").id(), ANN, Map.of("note", "ok"));
      ids.put("review-cancelled", start(runtime, catalog, "Review", Map.of()));
      runtime.cancel(ids.get("review-cancelled"), "no longer needed");
      ids.put("contract-signed", start(runtime, catalog, "Contract", Map.of("order", "A-1")));
      runtime.publish(Values.convert(Map.of("order", "A-1"),
          catalog.latest("Contract").inputType().getClassLoader().loadClass("test.release.Signed")));
      ids.put("caller-caught-refuse", start(runtime, catalog, "Caller", Map.of()));
      runtime.awaitQuiet(Duration.ofSeconds(60));
      ids.put("refuse-failed", runtime.instances().stream().filter(i -> i.workflow().endsWith(".Refuse")).findFirst()
          .orElseThrow().id());
      String rounds = start(runtime, catalog, "Rounds", Map.of("rounds", 60));
      runtime.awaitQuiet(Duration.ofSeconds(60));
      runtime.inbox().complete(runtime.inbox().task(rounds, "check").id(), ANN, Map.of("note", "done"));
      runtime.awaitQuiet(Duration.ofSeconds(60));
      for (String id : ids.values()) {
        assertTrue(runtime.state(id).isTerminal(), id);
      }
      assertEquals(InstanceState.COMPLETED, runtime.state(rounds));
      WorkflowClient client = environment.getWorkflowClient();
      for (Map.Entry<String, String> recorded : ids.entrySet()) {
        Files.writeString(into.resolve(recorded.getKey() + ".json"), client.fetchHistory(recorded.getValue()).toJson(true));
      }
      // The instance of many rounds continued as new: its first run and its last.
      List<WorkflowExecutionInfo> runs = new ArrayList<>();
      for (WorkflowExecutionInfo info : client.getWorkflowServiceStubs().blockingStub().listClosedWorkflowExecutions(
          ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace(environment.getNamespace()).build())
          .getExecutionsList()) {
        if (info.getExecution().getWorkflowId().equals(rounds)) {
          runs.add(info);
        }
      }
      runs.sort(Comparator.comparing((WorkflowExecutionInfo i) -> i.getStartTime().getSeconds())
          .thenComparing(i -> i.getStartTime().getNanos()));
      assertTrue(runs.size() >= 2, () -> runs.size() + " runs");
      assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW, runs.get(0).getStatus());
      assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED, runs.get(runs.size() - 1).getStatus());
      Files.writeString(into.resolve("rounds-continued-first-run.json"),
          client.fetchHistory(rounds, runs.get(0).getExecution().getRunId()).toJson(true));
      Files.writeString(into.resolve("rounds-continued-last-run.json"),
          client.fetchHistory(rounds, runs.get(runs.size() - 1).getExecution().getRunId()).toJson(true));
    }
  }

  @Test
  void recordRelease2() throws Exception {
    Path into = Path.of(System.getProperty("flow.histories", "target/histories"));
    Files.createDirectories(into);
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setInitialTime(Instant.parse("2026-12-06T09:00:00Z")).build())) {
      FlowSearchAttributes.register(environment.getOperatorServiceStubs(), environment.getNamespace());
      Catalog catalog = new Catalog().module(ReleaseModel.module2());
      ReleaseModel.worker(calls, 150).register(environment.newWorker(ReleaseModel.QUEUE));
      environment.start();
      TemporalFlowRuntime runtime = new TemporalFlowRuntime(environment.getWorkflowClient(), catalog, ReleaseModel.QUEUE,
          ZoneOffset.UTC);
      ClassLoader loader = catalog.latest("Ship").inputType().getClassLoader();
      Map<String, String> ids = new LinkedHashMap<>();
      ids.put("release2-ship-emitted", start(runtime, catalog, "Ship", Map.of("order", "A-1")));
      runtime.awaitQuiet(Duration.ofSeconds(60));
      ids.put("release2-notice-started-by-emit", only(runtime, ".Notice"));
      runtime.publish(Values.convert(Map.of("room", "kitchen", "value", 2), loader.loadClass("test.release2.Reading")));
      runtime.awaitQuiet(Duration.ofSeconds(60));
      runtime.publish(Values.convert(Map.of("room", "kitchen", "value", 3), loader.loadClass("test.release2.Reading")));
      runtime.awaitQuiet(Duration.ofSeconds(60));
      ids.put("release2-room-keyed", only(runtime, ".Room"));
      ids.put("release2-pay-caught-declined", start(runtime, catalog, "Pay", Map.of("what", "declined")));
      runtime.awaitQuiet(Duration.ofSeconds(60));
      ids.put("release2-charge-declined", only(runtime, ".Charge"));
      assertOutput(runtime, ids.get("release2-notice-started-by-emit"), "text=shipped A-1");
      assertOutput(runtime, ids.get("release2-room-keyed"), "total=5");
      assertOutput(runtime, ids.get("release2-pay-caught-declined"), "outcome=declined: card expired");
      assertEquals(InstanceState.FAILED, runtime.state(ids.get("release2-charge-declined")));
      for (String id : ids.values()) {
        assertTrue(runtime.state(id).isTerminal(), id);
      }
      WorkflowClient client = environment.getWorkflowClient();
      for (Map.Entry<String, String> recorded : ids.entrySet()) {
        Files.writeString(into.resolve(recorded.getKey() + ".json"), client.fetchHistory(recorded.getValue()).toJson(true));
      }
    }
  }

  /**
   * The third model on main's code before branch {@code temporal5} (bfceb7f): a called workflow that continues as
   * new fails there ("cannot continue as new on the Temporal backend yet"), and so does its caller.
   */
  @Test
  void recordRelease3Before() throws Exception {
    recordRelease3(true);
  }

  /** The third model on branch {@code temporal5}: the caller gets what the chain's last instance gave. */
  @Test
  void recordRelease3() throws Exception {
    recordRelease3(false);
  }

  private static void recordRelease3(boolean before) throws Exception {
    Path into = Path.of(System.getProperty("flow.histories", "target/histories"));
    Files.createDirectories(into);
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setInitialTime(Instant.parse("2026-12-06T09:00:00Z")).build())) {
      FlowSearchAttributes.register(environment.getOperatorServiceStubs(), environment.getNamespace());
      Catalog catalog = new Catalog().module(ReleaseModel.module3());
      ReleaseModel.worker(calls, 150).register(environment.newWorker(ReleaseModel.QUEUE));
      environment.start();
      TemporalFlowRuntime runtime = new TemporalFlowRuntime(environment.getWorkflowClient(), catalog, ReleaseModel.QUEUE,
          ZoneOffset.UTC);
      String caller = start(runtime, catalog, "Batches", Map.of("what", "box"));
      String first = runtime.history(caller).stream().map(dev.flow.runtime.history.Recorded::entry)
          .filter(dev.flow.runtime.history.HistoryEntry.ChildStarted.class::isInstance)
          .map(e -> ((dev.flow.runtime.history.HistoryEntry.ChildStarted) e).childId()).findFirst().orElseThrow();
      Map<String, String> ids = new LinkedHashMap<>();
      if (before) {
        assertEquals(InstanceState.FAILED, runtime.state(caller));
        assertEquals(InstanceState.FAILED, runtime.state(first));
        ids.put("release3-before-batches-failed", caller);
        ids.put("release3-before-batch-failed", first);
      } else {
        assertOutput(runtime, caller, "filed=file box 2");
        String last = runtime.current(first);
        assertTrue(!last.equals(first), last);
        ids.put("release3-batches-completed", caller);
        ids.put("release3-batch-continued", first);
        ids.put("release3-batch-last", last);
      }
      for (String id : ids.values()) {
        assertTrue(runtime.state(id).isTerminal(), id);
      }
      WorkflowClient client = environment.getWorkflowClient();
      for (Map.Entry<String, String> recorded : ids.entrySet()) {
        Files.writeString(into.resolve(recorded.getKey() + ".json"), client.fetchHistory(recorded.getValue()).toJson(true));
      }
    }
  }

  /**
   * The fourth model on main's code before branch {@code tempkey} (00af376): the one receive step of a loop waits
   * for its room while a reading of the next room arrives, which is not offered to the instance, so its next round
   * waits for another one (digits 13).
   */
  @Test
  void recordRelease4Before() throws Exception {
    recordRelease4(true);
  }

  /** The fourth model on branch {@code tempkey} ({@code flow-kept-repeated-receive}): the next round takes the kept reading. */
  @Test
  void recordRelease4() throws Exception {
    recordRelease4(false);
  }

  private static void recordRelease4(boolean before) throws Exception {
    Path into = Path.of(System.getProperty("flow.histories", "target/histories"));
    Files.createDirectories(into);
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setInitialTime(Instant.parse("2026-12-07T09:00:00Z")).build())) {
      FlowSearchAttributes.register(environment.getOperatorServiceStubs(), environment.getNamespace());
      Catalog catalog = new Catalog().module(ReleaseModel.module4());
      ReleaseModel.worker(calls, 150).register(environment.newWorker(ReleaseModel.QUEUE));
      environment.start();
      TemporalFlowRuntime runtime = new TemporalFlowRuntime(environment.getWorkflowClient(), catalog, ReleaseModel.QUEUE,
          ZoneOffset.UTC);
      Class<?> reading = catalog.latest("Survey").inputType().getClassLoader().loadClass("test.release4.Reading");
      String survey = start(runtime, catalog, "Survey", Map.of("room", "hall", "next", "yard"));
      runtime.publish(Values.convert(Map.of("room", "yard", "value", 2), reading));
      runtime.awaitQuiet(Duration.ofSeconds(60));
      runtime.publish(Values.convert(Map.of("room", "hall", "value", 1), reading));
      runtime.awaitQuiet(Duration.ofSeconds(60));
      if (before) {
        assertEquals(InstanceState.WAITING, runtime.state(survey), "the reading of the yard was not kept");
        runtime.publish(Values.convert(Map.of("room", "yard", "value", 3), reading));
        runtime.awaitQuiet(Duration.ofSeconds(60));
        assertOutput(runtime, survey, "digits=13");
      } else {
        assertOutput(runtime, survey, "digits=12");
      }
      assertTrue(runtime.state(survey).isTerminal(), survey);
      Files.writeString(into.resolve(before ? "release4-before-survey-completed.json" : "release4-survey-completed.json"),
          environment.getWorkflowClient().fetchHistory(survey).toJson(true));
    }
  }

  private static void assertOutput(TemporalFlowRuntime runtime, String id, String field) {
    String output = String.valueOf(runtime.instance(id).output().orElse(null));
    assertTrue(output.contains(field), () -> id + ": " + output);
  }

  private static String only(TemporalFlowRuntime runtime, String workflowSuffix) {
    List<String> found = runtime.instances().stream().filter(i -> i.workflow().endsWith(workflowSuffix))
        .map(dev.flow.runtime.WorkflowInstance::id).toList();
    assertEquals(1, found.size(), () -> workflowSuffix + ": " + found);
    return found.get(0);
  }

  private static String start(TemporalFlowRuntime runtime, Catalog catalog, String workflow, Map<String, ?> input) {
    WorkflowDefinition<?, ?> definition = catalog.latest(workflow);
    String id = runtime.start(definition.name(), Values.convert(input, definition.inputType()));
    runtime.awaitQuiet(Duration.ofSeconds(60));
    return id;
  }
}
