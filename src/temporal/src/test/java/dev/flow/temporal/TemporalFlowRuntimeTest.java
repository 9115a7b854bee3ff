package dev.flow.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.codegen.GeneratedCode;
import dev.flow.runtime.FlowModule;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Principal;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.store.InstanceQuery;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link TemporalFlowRuntime} adds to the behaviour suites: the inbox's rules across two
 * worker processes (two worker factories on one task queue) and two clients, cancelling,
 * publishing, and clear errors for unknown instances. On Temporal's in-process test server.
 */
class TemporalFlowRuntimeTest {
  private static final String QUEUE = "inbox";
  private static final int CONTINUE_AS_NEW_AFTER = 150;
  private static final Principal ANN = Principal.of("ann", "test.temporal.Clerk");
  private static final Principal BOB = Principal.of("bob", "test.temporal.Clerk");
  private static final Principal MAX = Principal.of("max", "test.temporal.Manager");
  private static FlowModule module;

  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private TestWorkflowEnvironment environment;
  private TemporalFlowRuntime runtime;
  private TemporalFlowRuntime other;

  @BeforeEach
  void start() throws Exception {
    if (module == null) {
      module = compile();
    }
    environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setInitialTime(Instant.parse("2026-11-24T09:00:00Z")).build());
    assertEquals(List.of("FlowWorkflow", "FlowState", "FlowWaitingFor", "FlowTaskRoles", "FlowMarks"),
        FlowSearchAttributes.register(environment.getOperatorServiceStubs(), environment.getNamespace()));
    Catalog catalog = new Catalog().module(module);
    // Two worker processes: Temporal hands each workflow task and activity to either.
    worker(catalog).register(environment.newWorker(QUEUE));
    WorkerFactory second = WorkerFactory.newInstance(environment.getWorkflowClient());
    worker(catalog).register(second.newWorker(QUEUE));
    environment.start();
    second.start();
    runtime = new TemporalFlowRuntime(environment.getWorkflowClient(), catalog, QUEUE, ZoneOffset.UTC);
    other = new TemporalFlowRuntime(environment.getWorkflowClient(), new Catalog().module(module), QUEUE, ZoneOffset.UTC);
  }

  @AfterEach
  void stop() {
    environment.close();
  }

  private static FlowModule compile() throws Exception {
    String text;
    try (InputStream in = TemporalFlowRuntimeTest.class.getResourceAsStream("/temporal/inbox.flow")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    SortedMap<String, String> sources = GeneratedCode.generate(text);
    ClassLoader loader = GeneratedCode.compile(sources);
    return (FlowModule) loader.loadClass("test.temporal.TemporalModule").getField("INSTANCE").get(null);
  }

  private FlowWorker worker(Catalog catalog) throws ClassNotFoundException {
    Class<?> desk = module.systems().stream().filter(s -> s.name().endsWith(".Desk")).findFirst().orElseThrow().type();
    // A low limit, so that a loop of some hundred rounds continues as new several times.
    return connect(FlowWorker.builder(catalog), desk).continueAsNewAfter(CONTINUE_AS_NEW_AFTER).build();
  }

  private <S> FlowWorker.Builder connect(FlowWorker.Builder builder, Class<S> type) {
    Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.getName().equals("toString") ? "desk" : null;
      }
      calls.add(method.getName() + "(" + args[0] + ")");
      return method.getReturnType() == String.class ? method.getName() + " " + args[0] : null;
    });
    return builder.connector(type, type.cast(proxy));
  }

  private String start(String workflow, Map<String, ?> input) {
    WorkflowDefinition<?, ?> definition = new Catalog().module(module).latest(workflow);
    String id = runtime.start(definition.name(), Values.convert(input, definition.inputType()));
    quiet();
    return id;
  }

  private void quiet() {
    runtime.awaitQuiet(Duration.ofSeconds(30));
  }

  @Test
  void ofTwoConcurrentCompletionsFromTwoClientsExactlyOneWins() throws Exception {
    String id = start("Review", Map.of());
    String task = runtime.inbox().task(id, "check").id();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<String>> both = List.of(
          () -> complete(runtime, task, ANN, "from ann"),
          () -> complete(other, task, BOB, "from bob"));
      List<String> outcomes = new ArrayList<>();
      for (Future<String> outcome : pool.invokeAll(both)) {
        outcomes.add(outcome.get());
      }
      assertEquals(1, outcomes.stream().filter("won"::equals).count(), outcomes.toString());
      String lost = outcomes.stream().filter(o -> !o.equals("won")).findFirst().orElseThrow();
      assertTrue(lost.matches("task " + task + " was already completed by (ann|bob)"), lost);
    } finally {
      pool.shutdown();
    }
    quiet();
    long completions = runtime.history(id).stream().filter(r -> r.entry() instanceof HistoryEntry.TaskCompleted).count();
    assertEquals(1, completions);
    assertEquals(InstanceState.COMPLETED, runtime.state(id));
  }

  private static String complete(TemporalFlowRuntime client, String task, Principal who, String note) {
    try {
      client.inbox().complete(task, who, Map.of("note", note));
      return "won";
    } catch (TaskException refused) {
      return refused.getMessage();
    }
  }

  @Test
  void aClaimIsRoleGatedAndHoldsUntilReleasedOrReassigned() throws Exception {
    String id = start("Review", Map.of());
    String task = runtime.inbox().task(id, "check").id();
    assertEquals(List.of(task), runtime.inbox().forRole("test.temporal.Clerk").stream().map(Task::id).toList());
    assertEquals(List.of(), runtime.inbox().forRole("test.temporal.Manager"));
    TaskException notClerk = assertThrows(TaskException.class, () -> runtime.inbox().claim(task, MAX));
    assertEquals("max may not act on task " + task + ": it needs the role Clerk", notClerk.getMessage());

    assertEquals("ann", runtime.inbox().claim(task, ANN).assignee());
    TaskException claimed = assertThrows(TaskException.class,
        () -> runtime.inbox().complete(task, BOB, Map.of("note", "x")));
    assertEquals("task " + task + " is claimed by ann: only they may complete it (or reassign it)", claimed.getMessage());
    assertEquals("bob", runtime.inbox().reassign(task, ANN, BOB).assignee());
    runtime.inbox().complete(task, BOB, Map.of("note", "done"));
    quiet();
    assertEquals(Map.of("note", "file done"), fields(runtime.instance(id).output().orElseThrow()));
    assertEquals(List.of("file(room)", "file(done)"), calls);
  }

  @Test
  void aCancelledInstanceWithdrawsItsTaskAndUndoesItsSteps() {
    String id = start("Review", Map.of());
    runtime.cancel(id, "no longer needed");
    quiet();
    assertEquals(InstanceState.CANCELLED, runtime.state(id));
    assertEquals("no longer needed", runtime.instance(id).cancelReason().orElseThrow());
    assertEquals(List.of("file(room)", "unfile(file room)"), calls);
    assertEquals(Task.Status.WITHDRAWN, runtime.inbox().all().get(0).status());
    IllegalStateException again = assertThrows(IllegalStateException.class, () -> runtime.cancel(id, "twice"));
    assertEquals("instance " + id + " has already ended (CANCELLED)", again.getMessage());
  }

  @Test
  void anEventWakesOnlyTheInstanceItCorrelatesWith() throws Exception {
    String first = start("Contract", Map.of("order", "A-1"));
    String second = start("Contract", Map.of("order", "B-2"));
    Class<?> signed = module.getClass().getClassLoader().loadClass("test.temporal.Signed");
    assertEquals(List.of(second), runtime.publish(Values.convert(Map.of("order", "B-2"), signed)).woken());
    quiet();
    assertEquals(InstanceState.WAITING, runtime.state(first));
    assertEquals(Map.of("outcome", "signed B-2"), fields(runtime.instance(second).output().orElseThrow()));
  }

  @Test
  void aFailedOrCancelledInstanceIsAFailedOrCancelledTemporalWorkflowOfItsFlowWorkflowsType() throws Exception {
    String caller = start("Caller", Map.of());
    String refused = runtime.instances().stream().filter(i -> i.workflow().endsWith(".Refuse")).findFirst()
        .orElseThrow().id();
    assertEquals(InstanceState.FAILED, runtime.state(refused));
    assertEquals(Map.of("outcome", "caught Refuse failed: refused: no budget"),
        fields(runtime.instance(caller).output().orElseThrow()));
    assertEquals(List.of("file(no budget)", "unfile(file no budget)"), calls);
    WorkflowExecutionInfo failed = describe(refused);
    assertEquals("test.temporal.Refuse", failed.getType().getName());
    assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED, failed.getStatus());
    WorkflowFailedException failure = assertThrows(WorkflowFailedException.class,
        () -> environment.getWorkflowClient().newUntypedWorkflowStub(refused).getResult(Messages.Ended.class));
    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertEquals(FlowWorkflowImpl.FAILED, cause.getType());
    assertTrue(cause.getOriginalMessage().endsWith("refused: no budget"), cause.getOriginalMessage());
    assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED, describe(caller).getStatus());
    assertEquals("test.temporal.Caller", describe(caller).getType().getName());

    String cancelled = start("Review", Map.of());
    runtime.cancel(cancelled, "no longer needed");
    quiet();
    assertEquals(InstanceState.CANCELLED, runtime.state(cancelled));
    assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED, describe(cancelled).getStatus());
    assertEquals("no longer needed", runtime.instance(cancelled).cancelReason().orElseThrow());
  }

  @Test
  void searchAttributesTellWhatAnInstanceWaitsForAndWhoMayActOnItsTasks() {
    String review = start("Review", Map.of());
    String contract = start("Contract", Map.of("order", "A-1"));
    io.temporal.common.SearchAttributes shown = attributes(review);
    assertEquals("test.temporal.Review", shown.get(FlowSearchAttributes.WORKFLOW));
    assertEquals("WAITING", shown.get(FlowSearchAttributes.STATE));
    assertEquals(List.of("@any", "test.temporal.Clerk"), shown.get(FlowSearchAttributes.TASK_ROLES));
    assertTrue(!shown.containsKey(FlowSearchAttributes.WAITING_FOR), shown::toString);
    assertEquals(List.of("test.temporal.Signed|order=A-1"), attributes(contract).get(FlowSearchAttributes.WAITING_FOR));

    runtime.inbox().complete(runtime.inbox().task(review, "check").id(), ANN, Map.of("note", "ok"));
    quiet();
    shown = attributes(review);
    assertEquals("COMPLETED", shown.get(FlowSearchAttributes.STATE));
    assertTrue(!shown.containsKey(FlowSearchAttributes.TASK_ROLES), shown::toString);
  }

  @Test
  void publishAndTheInboxAskOnlyTheInstancesTheirSearchAttributesSelect() throws Exception {
    List<String> contracts = new ArrayList<>();
    for (String order : List.of("A-1", "B-2", "C-3")) {
      contracts.add(start("Contract", Map.of("order", order)));
    }
    String review = start("Review", Map.of());
    Class<?> signed = module.getClass().getClassLoader().loadClass("test.temporal.Signed");
    Object event = Values.convert(Map.of("order", "B-2"), signed);
    assertEquals(List.of("test.temporal.Signed|order=B-2", "test.temporal.Signed", "@receives|test.temporal.Signed", "@busy"),
        runtime.waitedFor(event));
    assertEquals("FlowWaitingFor IN ('test.temporal.Signed|order=B-2', 'test.temporal.Signed', '@receives|test.temporal.Signed',"
        + " '@busy') AND ExecutionStatus = 'Running'", Visibility.query(FlowSearchAttributes.WAITING_FOR,
        runtime.waitedFor(event)));
    assertEquals("'it\\'s a \\\\ path'", Visibility.quoted("it's a \\ path"));

    long before = runtime.asked();
    assertEquals(List.of(contracts.get(1)), runtime.publish(event).woken());
    assertEquals(1, runtime.asked() - before, "only the instance waiting for order B-2 is offered the event");
    assertTrue(runtime.visibility().scanning(), "the test server cannot answer list queries: attributes matched here");

    before = runtime.asked();
    assertEquals(List.of(), runtime.inbox().forRole("test.temporal.Manager"));
    assertEquals(0, runtime.asked() - before, "no instance has a task for a manager");
    assertEquals(List.of(review + "/check"), runtime.inbox().forRole("test.temporal.Clerk").stream().map(Task::id).toList());
    assertEquals(1, runtime.asked() - before, "only the instance with a clerk's task is read");
  }

  @Test
  void listingSelectsAndPagesByVisibilityAndReadsOnlyThePagesInstances() {
    String waiting = start("Review", Map.of());
    String contract = start("Contract", Map.of("order", "A-1"));
    String completed = start("Review", Map.of());
    runtime.inbox().complete(runtime.inbox().task(completed, "check").id(), ANN, Map.of("note", "ok"));
    quiet();
    long before = runtime.asked();
    assertEquals(List.of(completed), ids(new InstanceQuery(null, null, 0, 1)));
    assertEquals(1, runtime.asked() - before, "only the page's instance is read (an ended one: its history)");
    before = runtime.asked();
    assertEquals(List.of(waiting), ids(new InstanceQuery("test.temporal.Review", InstanceState.WAITING, 0, 10)));
    assertEquals(2, runtime.asked() - before, "only the selected instance is read (a waiting one: its history and status)");
    assertEquals(List.of(completed), ids(new InstanceQuery(null, InstanceState.COMPLETED, 0, 10)));
    assertEquals(List.of(contract, waiting), ids(new InstanceQuery(null, InstanceState.RUNNING, 0, 10)));
    assertEquals(List.of(contract), ids(new InstanceQuery("test.temporal.Contract", null, 0, 10)));
    assertEquals(List.of(contract, waiting), ids(new InstanceQuery(null, null, 1, 10)));
    assertEquals(List.of(), ids(new InstanceQuery("test.temporal.Refuse", null, 0, 10)));
    // On a cluster the same selection is one list query (the test server answers none).
    assertEquals("FlowWorkflow = 'test.temporal.Review' AND FlowState = 'WAITING'",
        Visibility.selection("test.temporal.Review", InstanceState.WAITING));
    assertEquals("FlowWorkflow IS NOT NULL AND ExecutionStatus = 'Running' AND (FlowState IS NULL OR FlowState != 'COMPLETED')",
        Visibility.selection(null, InstanceState.RUNNING));
    assertTrue(runtime.visibility().scanning());
  }

  @Test
  void breachesNotificationsAllTasksAndTheEventLogReadOnlyTheInstancesTheyConcern() throws Exception {
    String first = start("Contract", Map.of("order", "A-1"));
    String second = start("Contract", Map.of("order", "B-2"));
    String overdue = start("Rounds", Map.of("rounds", 1));
    String done = start("Review", Map.of());
    runtime.inbox().complete(runtime.inbox().task(done, "check").id(), ANN, Map.of("note", "ok"));
    quiet();
    environment.sleep(Duration.ofDays(2)); // The Rounds task's 1d limit: breached, escalated to a manager (notified).
    quiet();
    long before = runtime.asked();
    assertEquals(List.of(overdue), runtime.breaches().stream().map(dev.flow.runtime.Breach::instanceId).toList());
    assertEquals(1, runtime.asked() - before, "only the instance marked with a breach is read");
    before = runtime.asked();
    List<dev.flow.runtime.Notification> sent = runtime.notifications();
    assertEquals(java.util.Set.of(overdue), sent.stream().map(dev.flow.runtime.Notification::instanceId)
        .collect(java.util.stream.Collectors.toSet()));
    assertEquals(1, runtime.asked() - before, "only the instance marked with a notification is read");
    before = runtime.asked();
    assertEquals(java.util.Set.of(overdue, done), runtime.inbox().all().stream().map(Task::instanceId)
        .collect(java.util.stream.Collectors.toSet()));
    assertEquals(2, runtime.asked() - before, "only the instances marked with a task are read");
    assertEquals(List.of("@marks"), environment.getWorkflowClient().newUntypedWorkflowStub(first).describe()
        .getTypedSearchAttributes().get(FlowSearchAttributes.MARKS));
    // The event log is every instance's: an ended one is read once, then kept.
    before = runtime.asked();
    assertEquals(java.util.Set.of(first, second, overdue, done), runtime.eventLog().cases().stream()
        .map(dev.flow.runtime.LogCase::caseId).collect(java.util.stream.Collectors.toSet()));
    assertEquals(4, runtime.asked() - before);
    before = runtime.asked();
    assertEquals(4, runtime.eventLog().cases().size());
    assertEquals(3, runtime.asked() - before, "the ended instance's history is not read again");
    // On a cluster each is one list query (the test server answers none).
    assertEquals("(FlowMarks = 'breach' OR FlowMarks IS NULL)", Visibility.marking(FlowSearchAttributes.BREACH));
  }

  private List<String> ids(InstanceQuery query) {
    return runtime.instances(query).stream().map(dev.flow.runtime.WorkflowInstance::id).toList();
  }

  @Test
  void aLongLoopContinuesAsNewWithItsStateAndOpenWaits() throws Exception {
    int rounds = 120;
    String id = start("Rounds", Map.of("rounds", rounds));
    List<WorkflowExecutionInfo> runs = new ArrayList<>();
    for (WorkflowExecutionInfo closed : environment.getWorkflowClient().getWorkflowServiceStubs().blockingStub()
        .listClosedWorkflowExecutions(io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest.newBuilder()
            .setNamespace(environment.getNamespace()).build()).getExecutionsList()) {
      if (closed.getExecution().getWorkflowId().equals(id)) {
        assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW, closed.getStatus());
        assertTrue(closed.getHistoryLength() < CONTINUE_AS_NEW_AFTER + 20, () -> "a run of " + closed.getHistoryLength());
        runs.add(closed);
      }
    }
    assertTrue(runs.size() >= 3, () -> runs.size() + " runs continued as new");
    assertEquals(rounds, calls.size());
    assertEquals("file(round " + rounds + ")", calls.get(0));
    assertEquals("file(round 1)", calls.get(rounds - 1));
    // One Flow instance, one Flow history over all the runs, waiting for its task.
    assertEquals(List.of(id), runtime.instances().stream().map(i -> i.id()).toList());
    assertEquals(rounds, runtime.history(id).stream().filter(r -> r.entry() instanceof HistoryEntry.ActionCompleted).count());
    assertEquals(InstanceState.WAITING, runtime.state(id));
    // The run waits for the task with its time limit armed. (Whether a timer set in an earlier run falls due in a
    // later one is not asserted here: the test server's time skipping does not go on after a continue-as-new,
    // temporalio/sdk-java#1540 and #2670, so environment.sleep would hang.)
    assertTrue(runtime.history(id).stream().anyMatch(r -> r.entry() instanceof HistoryEntry.TimerSet set
        && set.stepId().equals("check~limit")));
    Task task = runtime.inbox().task(id, "check");
    assertEquals(List.of(task.id()), runtime.inbox().forRole("test.temporal.Clerk").stream().map(Task::id).toList());
    runtime.inbox().complete(task.id(), ANN, Map.of("note", "done"));
    quiet();
    assertEquals(Map.of("last", "file round 1 done"), fields(runtime.instance(id).output().orElseThrow()));
    assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED, describe(id).getStatus());
  }

  /**
   * A timer set in one run falls due in a later one: the workflow's deadline (3 s) is set when it
   * starts, its rounds make it continue as new, and the new runs re-arm the timer from the Flow
   * history. The test server's time skipping does not go on after a continue-as-new
   * (temporalio/sdk-java#1540, #2670), so the deadline is of seconds and falls due in real time.
   */
  @Test
  void aTimerSetBeforeAContinueAsNewFallsDueInALaterRun() throws Exception {
    String id = start("Timed", Map.of("rounds", 60));
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (runtime.history(id).stream().noneMatch(r -> r.entry() instanceof HistoryEntry.Breached)
        && System.nanoTime() < until) {
      Thread.sleep(100);
    }
    quiet();
    List<dev.flow.runtime.history.Recorded> flow = runtime.history(id);
    Instant set = flow.stream().filter(r -> r.entry() instanceof HistoryEntry.TimerSet timer
        && timer.stepId().equals("@deadline")).findFirst().orElseThrow().at();
    assertTrue(flow.stream().anyMatch(r -> r.entry() instanceof HistoryEntry.Breached breached
        && breached.stepId().isEmpty()), "the deadline passed");
    assertEquals(60, calls.size());
    // It fell due in a run that began by continuing as new after the timer was set, and it fired there.
    io.temporal.common.WorkflowExecutionHistory run = environment.getWorkflowClient().fetchHistory(id);
    io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes began =
        run.getEvents().get(0).getWorkflowExecutionStartedEventAttributes();
    assertTrue(!began.getContinuedExecutionRunId().isEmpty(), "the run that holds the task continued an earlier one");
    Instant runStarted = Instant.ofEpochSecond(run.getEvents().get(0).getEventTime().getSeconds(),
        run.getEvents().get(0).getEventTime().getNanos());
    assertTrue(set.isBefore(runStarted), () -> "the deadline was set at " + set + ", before this run began at " + runStarted);
    Instant breachedAt = flow.stream().filter(r -> r.entry() instanceof HistoryEntry.Breached).findFirst().orElseThrow().at();
    assertTrue(!breachedAt.isBefore(set.plusSeconds(3)), () -> "breached at " + breachedAt + ", set at " + set);
    Instant firstRunClosed = Instant.MAX;
    for (WorkflowExecutionInfo closed : environment.getWorkflowClient().getWorkflowServiceStubs().blockingStub()
        .listClosedWorkflowExecutions(io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest.newBuilder()
            .setNamespace(environment.getNamespace()).build()).getExecutionsList()) {
      if (closed.getExecution().getWorkflowId().equals(id)) {
        Instant at = Instant.ofEpochSecond(closed.getCloseTime().getSeconds(), closed.getCloseTime().getNanos());
        firstRunClosed = at.isBefore(firstRunClosed) ? at : firstRunClosed;
      }
    }
    Instant closedAt = firstRunClosed;
    assertTrue(closedAt.isBefore(breachedAt), () -> "the run that set the timer continued as new at " + closedAt
        + ", before the deadline passed at " + breachedAt);
    assertEquals(List.of(id), runtime.breaches().stream().map(dev.flow.runtime.Breach::instanceId).toList());
    // It goes on: its task, then its end.
    runtime.inbox().complete(runtime.inbox().task(id, "check").id(), ANN, Map.of("note", "late"));
    quiet();
    assertEquals(Map.of("note", "late"), fields(runtime.instance(id).output().orElseThrow()));
  }

  @Test
  void anInstanceWhoseVersionNoWorkerHasWaitsBlockedUntilOneDoes() throws Exception {
    String queue = "versions";
    Catalog without = new Catalog();
    for (WorkflowDefinition<?, ?> definition : module.workflows()) {
      if (!definition.name().endsWith(".Review")) {
        without.workflow(definition);
      }
    }
    WorkerFactory old = WorkerFactory.newInstance(environment.getWorkflowClient());
    worker(without).register(old.newWorker(queue));
    old.start();
    Catalog full = new Catalog().module(module);
    TemporalFlowRuntime client = new TemporalFlowRuntime(environment.getWorkflowClient(), full, queue, ZoneOffset.UTC);
    String id = client.start(full.latest("Review").name(), Values.convert(Map.of(), full.latest("Review").inputType()));
    // The worker without the version fails the workflow task, and Temporal retries it: blocked, not failed.
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String failure = blockedFailure(id);
    while (failure == null && System.nanoTime() < until) {
      Thread.sleep(50);
      failure = blockedFailure(id);
    }
    assertTrue(failure != null && failure.contains("blocked: version 1 of test.temporal.Review is not deployed"),
        String.valueOf(failure));
    assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, describe(id).getStatus());
    // Shown as the embedded engine shows a blocked instance: waiting, blocked until its version is deployed.
    long asking = System.nanoTime();
    dev.flow.runtime.WorkflowInstance blocked = client.instance(id);
    assertEquals(InstanceState.WAITING, blocked.state());
    assertEquals("test.temporal.Review", blocked.workflow());
    assertEquals(List.of(new dev.flow.runtime.WorkflowInstance.Wait("blocked", "", "", "blocked: version 1 not deployed",
        java.util.Optional.empty())), blocked.waits());
    assertEquals(InstanceState.WAITING, client.state(id));
    System.out.println("blocked instance shown in " + (System.nanoTime() - asking) / 1_000_000 + " ms");
    // The version is deployed (a worker that has it), the old worker goes: the instance goes on where it began.
    old.shutdownNow();
    WorkerFactory deployed = WorkerFactory.newInstance(environment.getWorkflowClient());
    worker(full).register(deployed.newWorker(queue));
    deployed.start();
    client.awaitQuiet(Duration.ofSeconds(60));
    assertEquals(InstanceState.WAITING, client.state(id));
    assertEquals(List.of("file(room)"), calls);
    deployed.shutdownNow();
  }

  @Test
  void anInstanceBlockedAfterItRanShowsWhatItRan() throws Exception {
    String queue = "redeployed";
    Catalog full = new Catalog().module(module);
    WorkerFactory first = WorkerFactory.newInstance(environment.getWorkflowClient());
    // Not sticky: the test server never hands a sticky task back to the task queue once its worker is gone.
    worker(full).register(first.newWorker(queue, io.temporal.worker.WorkerOptions.newBuilder()
        .setStickyQueueScheduleToStartTimeout(Duration.ZERO).build()));
    first.start();
    TemporalFlowRuntime client = new TemporalFlowRuntime(environment.getWorkflowClient(), full, queue, ZoneOffset.UTC);
    String id = client.start(full.latest("Rounds").name(), Values.convert(Map.of("rounds", 2),
        full.latest("Rounds").inputType()));
    client.awaitQuiet(Duration.ofSeconds(60));
    List<Recorded> ran = client.history(id);
    // The workers are redeployed without Rounds; its task's 1d time limit falls due: the workflow task fails, blocked.
    first.shutdownNow();
    Catalog without = new Catalog();
    for (WorkflowDefinition<?, ?> definition : module.workflows()) {
      if (!definition.name().endsWith(".Rounds")) {
        without.workflow(definition);
      }
    }
    WorkerFactory redeployed = WorkerFactory.newInstance(environment.getWorkflowClient());
    worker(without).register(redeployed.newWorker(queue));
    redeployed.start();
    // Just past the limit: once the timer has fired, the failing workflow task stops time skipping.
    environment.sleep(Duration.ofDays(1).plusSeconds(1));
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (blockedFailure(id) == null && System.nanoTime() < until) {
      Thread.sleep(100);
    }
    assertTrue(blockedFailure(id) != null && blockedFailure(id).contains("blocked: version 1 of test.temporal.Rounds"),
        String.valueOf(blockedFailure(id)));
    dev.flow.runtime.WorkflowInstance blocked = client.instance(id);
    assertEquals(InstanceState.WAITING, blocked.state());
    assertEquals("blocked", blocked.waits().get(0).kind());
    // What it ran before it was blocked, entry for entry: the two rounds' actions and the task.
    assertEquals(ran, blocked.entries());
    assertEquals(2, blocked.entries().stream().filter(r -> r.entry() instanceof HistoryEntry.ActionCompleted).count());
    assertTrue(blocked.entries().stream().anyMatch(r -> r.entry() instanceof HistoryEntry.TaskCreated));
    redeployed.shutdownNow();
  }

  /** The messages (with their causes') of the first failed workflow task in the instance's Temporal history, or {@code null}. */
  private String blockedFailure(String id) {
    for (io.temporal.api.history.v1.HistoryEvent event : environment.getWorkflowClient().fetchHistory(id).getEvents()) {
      if (event.hasWorkflowTaskFailedEventAttributes()) {
        StringBuilder messages = new StringBuilder();
        io.temporal.api.failure.v1.Failure failure = event.getWorkflowTaskFailedEventAttributes().getFailure();
        for (; failure != null; failure = failure.hasCause() ? failure.getCause() : null) {
          messages.append(failure.getMessage()).append(" / ");
        }
        return messages.toString();
      }
    }
    return null;
  }

  private io.temporal.common.SearchAttributes attributes(String id) {
    return environment.getWorkflowClient().newUntypedWorkflowStub(id).describe().getTypedSearchAttributes();
  }

  private WorkflowExecutionInfo describe(String id) {
    return environment.getWorkflowClient().getWorkflowServiceStubs().blockingStub()
        .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(environment.getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id).build()).build())
        .getWorkflowExecutionInfo();
  }

  @Test
  void aFreshWorkerReplaysTheHistoriesTheSameWay() throws Exception {
    String completed = start("Review", Map.of());
    runtime.inbox().complete(runtime.inbox().task(completed, "check").id(), ANN, Map.of("note", "ok"));
    String cancelled = start("Review", Map.of());
    runtime.cancel(cancelled, "stop");
    quiet();
    // A worker that never ran these instances (a restarted process) replays their Temporal
    // histories: it must issue the same commands, or Temporal reports non-determinism.
    try (TestWorkflowEnvironment fresh = TestWorkflowEnvironment.newInstance()) {
      io.temporal.worker.Worker replayer = fresh.newWorker(QUEUE);
      worker(new Catalog().module(module)).register(replayer);
      for (String id : List.of(completed, cancelled)) {
        WorkflowReplayer.replayWorkflowExecution(environment.getWorkflowClient().fetchHistory(id), replayer);
      }
    }
    assertEquals(InstanceState.COMPLETED, runtime.state(completed));
    assertEquals(InstanceState.CANCELLED, runtime.state(cancelled));
  }

  @Test
  void unknownInstancesAndTasksAreClearErrors() {
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> runtime.instance("Review-nope"));
    assertEquals("no instance Review-nope", none.getMessage());
    TaskException task = assertThrows(TaskException.class, () -> runtime.inbox().complete("Review-nope/check", ANN, Map.of()));
    assertEquals("no task Review-nope/check", task.getMessage());
  }

  private static Map<String, Object> fields(Object record) throws Exception {
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    for (java.lang.reflect.RecordComponent component : record.getClass().getRecordComponents()) {
      fields.put(component.getName(), component.getAccessor().invoke(record));
    }
    return fields;
  }
}
