package dev.flow.runtime;

import static dev.flow.runtime.Flows.ALICE;
import static dev.flow.runtime.Flows.BOB;
import static dev.flow.runtime.Flows.CLERK;
import static dev.flow.runtime.Flows.MANAGER;
import static dev.flow.runtime.Flows.MARY;
import static dev.flow.runtime.Flows.fileStep;
import static dev.flow.runtime.Flows.undo;
import static dev.flow.runtime.Flows.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Flows.Desk;
import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import dev.flow.runtime.history.HistoryEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The engine's semantics, on hand-written workflows and a manual clock. */
class EngineTest {
  private final ManualClock clock = ManualClock.at("2026-11-24T09:00:00Z");
  private final RecordingDesk desk = new RecordingDesk();

  private Engine engine(WorkflowDefinition<?, ?>... definitions) {
    Engine.Builder builder = Engine.builder().clock(clock).connector(Desk.class, desk);
    for (WorkflowDefinition<?, ?> definition : definitions) {
      builder.workflow(definition);
    }
    return builder.build();
  }

  private static WorkflowDefinition<In, Out> define(String name, BiFunction<FlowContext, In, Out> body) {
    return workflow(name, body).build();
  }

  private static List<String> types(WorkflowInstance instance) {
    return instance.history().stream().map(e -> e.type() + " " + e.stepId()).toList();
  }

  // ---- actions -----------------------------------------------------------------------------

  @Test
  void actionRunsOnceAndIsAnsweredFromHistoryOnReplay() {
    TaskStep<Void> check = TaskStep.of("check", CLERK);
    WorkflowDefinition<In, Out> flow = define("Filing", (ctx, in) -> {
      String filed = ctx.action(fileStep("fileIt"), in.name());
      ctx.task(check);
      return new Out(filed);
    });
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    assertEquals(InstanceState.WAITING, engine.instance(id).state());
    engine.inbox().complete(engine.inbox().task(id, "check").id(), ALICE);
    WorkflowInstance done = engine.instance(id);
    assertEquals(InstanceState.COMPLETED, done.state());
    assertEquals(new Out("filed a"), done.output(Out.class));
    assertEquals(List.of("file a"), desk.calls, "replay must not call the connector again");
    assertEquals(List.of(id + "/fileIt"), desk.keys);
  }

  @Test
  void anActionThatTakesTimeIsRecordedAsStartedAndCompletedWhenItWasOnAMemoryStoreToo() {
    desk.during = () -> clock.set(clock.instant().plus(Duration.ofMinutes(2)));
    WorkflowDefinition<In, Out> flow = define("Slow", (ctx, in) -> new Out(ctx.action(fileStep("fileIt"), in.name())));
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    List<LogEntry> rows = engine.eventLog().entries(id).stream().filter(e -> e.activity().equals("fileIt")).toList();
    assertEquals(List.of("start 2026-11-24T09:00:00Z", "complete 2026-11-24T09:02:00Z"),
        rows.stream().map(e -> e.lifecycle() + " " + e.timestamp()).toList());
    assertEquals(Instant.parse("2026-11-24T09:02:00Z"), engine.instance(id).ended().orElseThrow());
  }

  @Test
  void aClockThatMovesOnEveryReadingStillGivesEachEntryItsTime() {
    java.time.Clock ticking = new java.time.Clock() {
      private Instant now = Instant.parse("2026-11-24T09:00:00Z");

      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public synchronized Instant instant() {
        now = now.plusMillis(1);
        return now;
      }
    };
    WorkflowDefinition<In, Out> flow = define("Ticking", (ctx, in) -> {
      String filed = ctx.action(fileStep("fileIt"), in.name());
      ctx.task(TaskStep.of("check", CLERK));
      return new Out(filed);
    });
    Engine engine = Engine.builder().clock(ticking).connector(Desk.class, desk).workflow(flow).build();
    String id = engine.start(flow, new In("a"));
    engine.inbox().complete(engine.inbox().task(id, "check").id(), ALICE);
    WorkflowInstance done = engine.instance(id);
    assertEquals(InstanceState.COMPLETED, done.state());
    List<Instant> times = engine.history(id).stream().map(dev.flow.runtime.history.Recorded::at).toList();
    for (int i = 1; i < times.size(); i++) {
      assertFalse(times.get(i).isBefore(times.get(i - 1)), "entries in time order: " + times);
    }
  }

  @Test
  void retriesWaitWithBackoffOnTheClockThenSucceed() {
    desk.failures = 2;
    ActionStep<Desk, String> step = fileStep("fileIt").retry(RetryPolicy.of(3, Duration.ofSeconds(10), 2));
    WorkflowDefinition<In, Out> flow = define("Retrying", (ctx, in) -> new Out(ctx.action(step, "x")));
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    assertEquals(InstanceState.WAITING, engine.instance(id).state());
    assertEquals(1, desk.calls.size());
    clock.advance(Duration.ofSeconds(9));
    assertEquals(1, desk.calls.size(), "the first retry waits 10s");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(2, desk.calls.size());
    clock.advance(Duration.ofSeconds(19));
    assertEquals(2, desk.calls.size(), "the second retry waits 20s (backoff 2)");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(InstanceState.COMPLETED, engine.instance(id).state());
    assertEquals(3, desk.calls.size());
    assertEquals(1, desk.keys.stream().distinct().count(), "every attempt carries the same idempotency key");
  }

  @Test
  void anActionThatFailsEveryAttemptFailsTheInstance() {
    desk.failures = 10;
    ActionStep<Desk, String> step = fileStep("fileIt").retry(RetryPolicy.of(1, Duration.ofSeconds(5), 1));
    WorkflowDefinition<In, Out> flow = define("Failing", (ctx, in) -> new Out(ctx.action(step, "x")));
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    clock.advance(Duration.ofMinutes(1));
    WorkflowInstance instance = engine.instance(id);
    assertEquals(InstanceState.FAILED, instance.state());
    assertEquals("fileIt", instance.error().orElseThrow().step());
    assertEquals("t.Desk.file failed: desk unreachable", instance.error().orElseThrow().message());
    assertEquals(2, desk.calls.size());
  }

  @Test
  void aCallOnAnotherThreadIsAwaitedAndItsTimeoutIsAFailedAttempt() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Flows.Desk slow = new Flows.Desk() {
        @Override
        public String file(String what) throws Exception {
          if (what.equals("slow")) {
            Thread.sleep(5_000);
          }
          return "ok " + what;
        }

        @Override
        public void undo(String what) {}
      };
      ActionStep<Desk, String> quick = fileStep("quick");
      ActionStep<Desk, String> limited = fileStep("limited").timeout(Duration.ofMillis(200));
      WorkflowDefinition<In, Out> flow = define("Threads", (ctx, in) -> {
        String a = ctx.action(quick, "fast");
        String b = ctx.action(limited, "slow");
        return new Out(a + b);
      });
      Engine engine = Engine.builder().clock(clock).connector(Desk.class, slow).executor(pool).workflow(flow).build();
      String id = engine.start(flow, new In("a"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!engine.instance(id).state().isTerminal() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      WorkflowInstance instance = engine.instance(id);
      assertEquals(InstanceState.FAILED, instance.state());
      assertEquals("t.Desk.file took longer than its time limit of 0.2s", instance.error().orElseThrow().message());
      assertTrue(types(instance).contains("ACTION_COMPLETED quick"));
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- tasks -------------------------------------------------------------------------------

  record Expense(String purpose, java.math.BigDecimal amount, Long receipts) {}

  private static final Form<Expense> EXPENSE_FORM = Form.of(Expense.class,
      List.of(FormField.required("purpose", String.class), FormField.required("amount", java.math.BigDecimal.class),
          FormField.optional("receipts", Long.class)),
      v -> new Expense(v.text("purpose"), v.decimal("amount"), v.value("receipts", Long.class)));

  @Test
  void aTaskIsDoneOnlyByItsRoleWithAValidFormAndOnlyOnce() {
    TaskStep<Expense> claim = TaskStep.of("claim", CLERK, EXPENSE_FORM);
    WorkflowDefinition<In, Out> flow = define("Expenses", (ctx, in) -> {
      Expense expense = ctx.task(claim);
      return new Out(expense.purpose() + " " + expense.amount() + " " + expense.receipts());
    });
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    Task task = engine.inbox().task(id, "claim");
    assertEquals(List.of(task), engine.inbox().forRole(CLERK));
    assertEquals(List.of(task), engine.inbox().forPrincipal(ALICE));
    assertEquals(List.of(), engine.inbox().forPrincipal(MARY));

    TaskException notAllowed = assertThrows(TaskException.class,
        () -> engine.inbox().complete(task.id(), MARY, Map.of("purpose", "x", "amount", "1")));
    assertEquals("mary may not act on task " + task.id() + ": it needs the role t.Clerk", notAllowed.getMessage());

    FormException bad = assertThrows(FormException.class,
        () -> engine.inbox().complete(task.id(), ALICE, Map.of("amount", "twelve", "colour", "red")));
    assertEquals(List.of("`colour` is not a field of this form", "`purpose` is required (Text)",
        "`amount` must be a Decimal, not \"twelve\""), bad.problems());
    assertEquals(InstanceState.WAITING, engine.instance(id).state());
    assertTrue(engine.inbox().task(task.id()).orElseThrow().isOpen(), "a rejected form changes nothing");

    engine.inbox().complete(task.id(), ALICE, Map.of("purpose", "train", "amount", "12.50"));
    TaskException twice = assertThrows(TaskException.class,
        () -> engine.inbox().complete(task.id(), BOB, Map.of("purpose", "bus", "amount", 3)));
    assertEquals("task " + task.id() + " was already completed by alice", twice.getMessage());
    assertEquals(new Out("train 12.50 null"), engine.instance(id).output(Out.class));
  }

  @Test
  void twoThreadsCompletingOneTaskExactlyOneWins() throws Exception {
    WorkflowDefinition<In, Out> flow = define("Race", (ctx, in) -> {
      ctx.task(TaskStep.of("pick", CLERK));
      return new Out("done");
    });
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    String taskId = engine.inbox().task(id, "pick").id();
    List<Throwable> refused = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (Principal who : List.of(ALICE, BOB)) {
      Thread thread = new Thread(() -> {
        try {
          engine.inbox().complete(taskId, who);
        } catch (TaskException e) {
          refused.add(e);
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(1, refused.size());
    assertEquals(1, engine.instance(id).historyOf("pick").stream()
        .filter(e -> e.type() == HistoryEvent.Type.TASK_COMPLETED).count());
  }

  @Test
  void claimReleaseAndReassign() {
    WorkflowDefinition<In, Out> flow = define("Claims", (ctx, in) -> {
      ctx.task(TaskStep.of("pick", CLERK));
      return new Out("done");
    });
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    String taskId = engine.inbox().task(id, "pick").id();
    assertEquals("alice", engine.inbox().claim(taskId, ALICE).assignee());
    assertThrows(TaskException.class, () -> engine.inbox().claim(taskId, BOB));
    assertThrows(TaskException.class, () -> engine.inbox().complete(taskId, BOB));
    assertEquals(List.of(), engine.inbox().forPrincipal(BOB));
    assertThrows(TaskException.class, () -> engine.inbox().reassign(taskId, ALICE, MARY));
    assertEquals("bob", engine.inbox().reassign(taskId, ALICE, BOB).assignee());
    engine.inbox().release(taskId, BOB);
    engine.inbox().complete(taskId, ALICE);
    assertEquals(InstanceState.COMPLETED, engine.instance(id).state());
  }

  @Test
  void aTaskPastItsTimeLimitIsBreachedEscalatedAndOfferedToTheEscalationRole() {
    ApprovalStep review = ApprovalStep.of("review", CLERK).within(Duration.ofDays(1)).escalateTo(MANAGER);
    WorkflowDefinition<In, Out> flow = define("Escalation", (ctx, in) -> {
      Approval decision = ctx.approval(review);
      return new Out(decision.approved() + " " + decision.comment());
    });
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    String taskId = engine.inbox().task(id, "review").id();
    assertThrows(TaskException.class, () -> engine.inbox().approve(taskId, MARY, "early"));
    clock.advance(Duration.ofHours(25));
    assertEquals(1, engine.breaches().size());
    Breach breach = engine.breaches().get(0);
    assertEquals("review", breach.step());
    assertEquals(Instant.parse("2026-11-25T09:00:00Z"), breach.due());
    assertEquals(MANAGER, breach.escalatedTo());
    assertEquals(List.of(Recipient.role(MANAGER)), engine.notifications().stream().map(Notification::recipient).toList());
    assertTrue(engine.inbox().task(taskId).orElseThrow().escalated());
    assertEquals(1, engine.inbox().forRole(MANAGER).size());
    engine.inbox().reject(taskId, MARY, "too late");
    assertEquals(new Out("false too late"), engine.instance(id).output(Out.class));
  }

  @Test
  void aComputedTimeLimitOfAnInstanceNotHeldInMemoryIsBreachedAndEscalatedToo() {
    WorkflowDefinition<In, Out> flow = define("Evicted", (ctx, in) -> {
      Approval decision = ctx.approval(ApprovalStep.of("review", CLERK).within(Duration.ofHours(in.name().length()))
          .escalateTo(MANAGER));
      return new Out(decision.approved() + " " + decision.comment());
    });
    Engine engine = Engine.builder().clock(clock).connector(Desk.class, desk).workflow(flow).cacheSize(0).build();
    String id = engine.start(flow, new In("abc"));
    String taskId = engine.inbox().task(id, "review").id();
    clock.advance(Duration.ofHours(4));
    assertEquals(1, engine.breaches().size(), "a limit of 3 hours, known only to the run that made the task");
    Breach breach = engine.breaches().get(0);
    assertEquals(Instant.parse("2026-11-24T12:00:00Z"), breach.due());
    assertEquals(MANAGER, breach.escalatedTo());
    assertEquals(List.of(Recipient.role(MANAGER)), engine.notifications().stream().map(Notification::recipient).toList());
    assertTrue(engine.notifications().get(0).message().contains("time limit 3h"), engine.notifications().get(0).message());
    assertTrue(engine.inbox().task(taskId).orElseThrow().escalated());
    engine.inbox().approve(taskId, MARY, "late");
    assertEquals(new Out("true late"), engine.instance(id).output(Out.class));
  }

  @Test
  void aDeadlineThatPassesIsABreachAndTheInstanceGoesOn() {
    WorkflowDefinition<In, Out> flow = workflow("Deadline", (ctx, in) -> {
      ctx.await(Duration.ofDays(3));
      return new Out("late");
    }).deadline(Duration.ofDays(2), MANAGER).build();
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    clock.advance(Duration.ofDays(3));
    assertEquals(InstanceState.COMPLETED, engine.instance(id).state());
    assertEquals(1, engine.breaches().size());
    assertTrue(engine.breaches().get(0).isDeadline());
    assertEquals(1, engine.notifications().size());
  }

  // ---- time and events ---------------------------------------------------------------------

  @Test
  void waitsFireOnTheClock() {
    WorkflowDefinition<In, Out> flow = define("Waiting", (ctx, in) -> {
      ctx.await(Duration.ofDays(2));
      ctx.awaitUntil(Instant.parse("2026-12-01T00:00:00Z"));
      ctx.awaitUntil(java.time.LocalDate.parse("2026-01-01"));
      return new Out(ctx.now().toString());
    });
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    clock.advance(Duration.ofDays(1));
    assertEquals(InstanceState.WAITING, engine.instance(id).state());
    clock.advance(Duration.ofDays(10));
    assertEquals(new Out("2026-12-01T00:00:00Z"), engine.instance(id).output(Out.class));
  }

  record Signed(String client) {}

  @Test
  void receiveTakesTheMatchingEventOnly() {
    ReceiveStep<Signed> signed = ReceiveStep.of("signed", Signed.class).within(Duration.ofDays(14));
    WorkflowDefinition<In, Out> flow = define("Contract", (ctx, in) -> {
      Signed s = ctx.receive(signed, e -> e.client().equals(in.name()));
      return new Out(s.client());
    });
    Engine engine = engine(flow);
    String acme = engine.start(flow, new In("acme"));
    String globex = engine.start(flow, new In("globex"));
    Engine.Delivery delivery = engine.publish(new Signed("globex"));
    assertEquals(List.of(globex), delivery.woken());
    assertEquals(InstanceState.WAITING, engine.instance(acme).state());
    assertEquals(InstanceState.COMPLETED, engine.instance(globex).state());
    assertEquals(List.of(), engine.publish(new Signed("globex")).woken(), "an event nobody waits for is dropped");
  }

  @Test
  void receiveTimesOutIntoTheCatch() {
    ReceiveStep<Signed> signed = ReceiveStep.of("signed", Signed.class).within(Duration.ofDays(14));
    WorkflowDefinition<In, Out> flow = define("Timeout", (ctx, in) -> {
      String[] result = {"signed"};
      ctx.attempt(() -> ctx.receive(signed, e -> true), error -> result[0] = error.step() + ": " + error.message());
      return new Out(result[0]);
    });
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    clock.advance(Duration.ofDays(14));
    assertEquals(new Out("signed: no Signed arrived within 14d"), engine.instance(id).output(Out.class));
    assertEquals(List.of(), engine.publish(new Signed("a")).woken());
  }

  @Test
  void startsOnAfterAndEvery() {
    WorkflowDefinition<In, Out> first = workflow("First", (ctx, in) -> new Out("from " + in.name()))
        .startsOn(Signed.class, s -> new In(s.client())).build();
    WorkflowDefinition<In, Out> second = workflow("Second", (ctx, in) -> new Out("after " + in.name()))
        .startsAfter("t.First", Out.class, o -> new In(o.result())).build();
    Schedule nineOnWeekdays = Schedule.cron("0 9 * * 1-5", new int[] {0}, new int[] {9},
        java.util.stream.IntStream.rangeClosed(1, 31).toArray(), java.util.stream.IntStream.rangeClosed(1, 12).toArray(),
        new int[] {1, 2, 3, 4, 5}, true, false);
    WorkflowDefinition<In, Out> daily = workflow("Daily", (ctx, in) -> new Out("tick"))
        .startsEvery(nineOnWeekdays, () -> new In(null)).build();
    Engine engine = engine(first, second, daily);
    Engine.Delivery delivery = engine.publish(new Signed("acme"));
    assertEquals(1, delivery.started().size());
    List<WorkflowInstance> all = engine.instances();
    assertEquals(List.of("t.First", "t.Second"), all.stream().map(WorkflowInstance::workflow).toList());
    assertEquals(new Out("after from acme"), all.get(1).output(Out.class));
    assertEquals(all.get(0).id(), all.get(1).parentId(), "the instance that ended started its successor");
    assertEquals(null, all.get(0).parentId());
    // 2026-11-24 is a Tuesday, 09:00: the next runs are Wed, Thu, Fri 09:00, then Mon.
    clock.advance(Duration.ofDays(7));
    List<Instant> ticks = engine.instances().stream().filter(i -> i.workflow().equals("t.Daily"))
        .map(WorkflowInstance::started).toList();
    assertEquals(List.of(Instant.parse("2026-11-25T09:00:00Z"), Instant.parse("2026-11-26T09:00:00Z"),
        Instant.parse("2026-11-27T09:00:00Z"), Instant.parse("2026-11-30T09:00:00Z"),
        Instant.parse("2026-12-01T09:00:00Z")), ticks);
  }

  // ---- other workflows ---------------------------------------------------------------------

  @Test
  void callWaitsForTheChildAndStartDoesNot() {
    WorkflowDefinition<In, Out> child = define("Child", (ctx, in) -> {
      ctx.task(TaskStep.of("work", CLERK));
      if (in.name().equals("bad")) {
        throw ctx.fail("bad child");
      }
      return new Out("child " + in.name());
    });
    CallStep<Out> call = CallStep.of("sub", "t.Child", Out.class);
    WorkflowDefinition<In, Out> parent = define("Parent", (ctx, in) -> {
      ctx.start("t.Child", new In("side"));
      String[] result = {""};
      ctx.attempt(() -> result[0] = ctx.call(call, new In(in.name())).result(), e -> result[0] = e.message());
      return new Out(result[0]);
    });
    Engine engine = engine(child, parent);
    String good = engine.start(parent, new In("good"));
    String bad = engine.start(parent, new In("bad"));
    assertEquals(4, engine.inbox().open().size());
    for (Task task : engine.inbox().open()) {
      engine.inbox().complete(task.id(), ALICE);
    }
    assertEquals(new Out("child good"), engine.instance(good).output(Out.class));
    assertEquals(new Out("Child failed: bad child"), engine.instance(bad).output(Out.class));
  }

  // ---- concurrency -------------------------------------------------------------------------

  @Test
  void parallelRunsEnabledBranchesAndJoins() {
    WorkflowDefinition<In, Out> flow = define("Parallel", (ctx, in) -> {
      List<String> done = new ArrayList<>();
      ctx.parallel(
          Branch.of("legal", () -> done.add("legal " + ctx.approval(ApprovalStep.of("legalReview", CLERK)).approved())),
          Branch.when("finance", false, () -> done.add("finance")),
          Branch.of("prep", () -> done.add("prep " + ctx.action(fileStep("prepare"), "p"))));
      return new Out(String.join(", ", done));
    });
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    assertEquals(List.of("file p"), desk.calls, "the second branch ran while the first waited");
    engine.inbox().approve(engine.inbox().task(id, "legalReview").id(), ALICE, null);
    assertEquals(new Out("legal true, prep filed p"), engine.instance(id).output(Out.class));
  }

  @Test
  void aFailingBranchCancelsTheOthers() {
    desk.failOn = "boom";
    WorkflowDefinition<In, Out> flow = define("ParallelFailure", (ctx, in) -> {
      ctx.parallel(
          Branch.of("wait", () -> ctx.task(TaskStep.of("slow", CLERK))),
          Branch.of("fail", () -> {
            ctx.task(TaskStep.of("quick", CLERK));
            ctx.action(fileStep("explode"), "boom");
          }));
      return new Out("never");
    });
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    assertEquals(2, engine.inbox().forInstance(id).size());
    engine.inbox().complete(engine.inbox().task(id, "quick").id(), ALICE);
    WorkflowInstance instance = engine.instance(id);
    assertEquals(InstanceState.FAILED, instance.state());
    assertEquals(List.of(), engine.inbox().forInstance(id));
    assertEquals(Task.Status.WITHDRAWN, engine.inbox().all().get(0).status());
  }

  @Test
  void firstEndsWithTheWinnerAndCancelsTheLosers() {
    ReceiveStep<Signed> signed = ReceiveStep.of("signed", Signed.class);
    WorkflowDefinition<In, Out> flow = define("First", (ctx, in) -> {
      String[] touched = {"-"};
      String winner = ctx.first(
          Branch.of("human", () -> {
            touched[0] = "human started";
            ctx.task(TaskStep.of("chase", CLERK));
          }),
          Branch.of("event", () -> ctx.receive(signed, e -> true)),
          Branch.of("silence", () -> {
            ctx.await(Duration.ofDays(14));
            throw ctx.cancel("no answer in two weeks");
          }));
      return new Out(winner + " / " + touched[0]);
    });
    Engine engine = engine(flow);
    String won = engine.start(flow, new In("a"));
    engine.publish(new Signed("x"));
    assertEquals(new Out("event / human started"), engine.instance(won).output(Out.class),
        "a cancelled branch keeps what it did before it was cancelled");
    assertEquals(List.of(), engine.inbox().open(), "the loser's task is withdrawn");
    assertTrue(engine.nextTimer().isEmpty(), "the loser's timer is dropped");

    String silent = engine.start(flow, new In("b"));
    clock.advance(Duration.ofDays(14));
    WorkflowInstance cancelled = engine.instance(silent);
    assertEquals(InstanceState.CANCELLED, cancelled.state());
    assertEquals("no answer in two weeks", cancelled.cancelReason().orElseThrow());
    assertEquals(List.of(), engine.inbox().open());
  }

  @Test
  void forEachNamesEachIterationInTheHistory() {
    WorkflowDefinition<In, Out> flow = define("Loops", (ctx, in) -> {
      List<String> seen = new ArrayList<>();
      ctx.forEach("doc", List.of("a", "b"), doc -> seen.add(ctx.action(fileStep("fileDoc"), doc)));
      ctx.forEachInParallel("doc", List.of("c", "d"), doc -> seen.add(ctx.task(TaskStep.of("check", CLERK)) + doc));
      return new Out(String.join(",", seen));
    });
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    assertEquals(2, engine.inbox().forInstance(id).size(), "parallel iterations wait at once");
    for (Task task : engine.inbox().forInstance(id)) {
      engine.inbox().complete(task.id(), ALICE);
    }
    WorkflowInstance instance = engine.instance(id);
    assertEquals(new Out("filed a,filed b,nullc,nulld"), instance.output(Out.class));
    assertEquals(List.of("doc[1]/fileDoc", "doc[2]/fileDoc"), instance.historyOf("fileDoc").stream()
        .map(HistoryEvent::stepId).toList());
  }

  @Test
  void repeatWhileAndGoTo() {
    WorkflowDefinition<In, Out> flow = define("Rework", (ctx, in) -> {
      int[] rounds = {0, 0};
      Approval[] review = {null};
      ctx.repeat(3, () -> {
        rounds[0]++;
        review[0] = ctx.approval(ApprovalStep.of("review", CLERK));
      }, () -> review[0].approved());
      ctx.loop(() -> rounds[1] < 2, () -> rounds[1]++);
      boolean[] reworked = {false};
      ctx.block(
          Segment.start(() -> { }),
          Segment.at("draft", () -> ctx.action(fileStep("draft"), "draft")),
          Segment.start(() -> {
            if (!reworked[0]) {
              reworked[0] = true;
              throw ctx.goTo("draft");
            }
          }));
      return new Out(rounds[0] + " " + rounds[1]);
    });
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    engine.inbox().reject(engine.inbox().task(id, "review").id(), ALICE, "again");
    engine.inbox().approve(engine.inbox().task(id, "review").id(), ALICE, "fine");
    WorkflowInstance instance = engine.instance(id);
    assertEquals(new Out("2 2"), instance.output(Out.class));
    assertEquals(List.of("file draft", "file draft"), desk.calls, "go to ran the step again, as a new occurrence");
    assertEquals(List.of("draft", "draft#2"), instance.historyOf("draft").stream()
        .filter(e -> e.type() == HistoryEvent.Type.ACTION_COMPLETED).map(HistoryEvent::stepId).toList());
    assertEquals(List.of("repeat[1]/review", "repeat[2]/review"), instance.historyOf("review").stream()
        .filter(e -> e.type() == HistoryEvent.Type.TASK_COMPLETED).map(HistoryEvent::stepId).toList());
  }

  // ---- failure and compensation ------------------------------------------------------------

  @Test
  void aCaughtFailureCompensatesTheTryInReverseOrder() {
    desk.failOn = "third";
    WorkflowDefinition<In, Out> flow = define("Saga", (ctx, in) -> {
      ctx.actionWithUndo(fileStep("zero"), new Object[] {"zero"}, r -> undo("zero"));
      String[] caught = {""};
      ctx.attempt(() -> {
        ctx.actionWithUndo(fileStep("first"), new Object[] {"first"}, r -> undo("first"));
        ctx.actionWithUndo(fileStep("second"), new Object[] {"second"}, r -> undo("second"));
        ctx.actionWithUndo(fileStep("third"), new Object[] {"third"}, r -> undo("third"));
      }, error -> caught[0] = error.step() + ": " + error.message());
      ctx.task(TaskStep.of("pause", CLERK));
      return new Out(caught[0]);
    });
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    engine.inbox().complete(engine.inbox().task(id, "pause").id(), ALICE);
    assertEquals(new Out("third: t.Desk.file failed: cannot file third"), engine.instance(id).output(Out.class));
    assertEquals(List.of("file zero", "file first", "file second", "file third", "undo second", "undo first"), desk.calls,
        "compensations run once, newest first, and only for the try's steps");
  }

  @Test
  void aFailedInstanceCompensatesEverythingNotYetCompensated() {
    WorkflowDefinition<In, Out> flow = define("FailAll", (ctx, in) -> {
      ctx.actionWithUndo(fileStep("one"), new Object[] {"one"}, r -> undo("one"));
      ctx.actionWithUndo(fileStep("two"), new Object[] {"two"}, r -> undo("two"));
      throw ctx.fail("stop");
    });
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    WorkflowInstance instance = engine.instance(id);
    assertEquals(InstanceState.FAILED, instance.state());
    assertEquals(new FlowError("fail", "stop"), instance.error().orElseThrow());
    assertEquals(List.of("file one", "file two", "undo two", "undo one"), desk.calls);
  }

  @Test
  void cancelFromOutsideWithdrawsTasksAndCompensates() {
    WorkflowDefinition<In, Out> flow = define("Cancelled", (ctx, in) -> {
      ctx.actionWithUndo(fileStep("one"), new Object[] {"one"}, r -> undo("one"));
      ctx.task(TaskStep.of("wait", CLERK));
      return new Out("x");
    });
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    engine.cancel(id, "client left");
    assertEquals(InstanceState.CANCELLED, engine.instance(id).state());
    assertEquals(List.of(), engine.inbox().open());
    assertEquals(List.of("file one", "undo one"), desk.calls);
    assertThrows(IllegalStateException.class, () -> engine.cancel(id, "again"));
  }

  @Test
  void aCompensationThatHangsFailsAtItsTimeLimitAndTheCancelGoesOn() {
    Flows.Desk hanging = new Flows.Desk() {
      @Override
      public String file(String what) {
        return "filed " + what;
      }

      @Override
      public void undo(String what) throws InterruptedException {
        Thread.sleep(60_000);
      }
    };
    WorkflowDefinition<In, Out> flow = define("Hanging", (ctx, in) -> {
      ctx.actionWithUndo(fileStep("one"), new Object[] {"one"}, r -> undo("one"));
      ctx.task(TaskStep.of("wait", CLERK));
      return new Out("x");
    });
    Engine engine = Engine.builder().clock(clock).connector(Desk.class, hanging).compensationTimeout(Duration.ofSeconds(1))
        .workflow(flow).build();
    String id = engine.start(flow, new In("a"));
    long started = System.nanoTime();
    engine.cancel(id, "client left");
    assertTrue(System.nanoTime() - started < Duration.ofSeconds(30).toNanos(), "the cancel did not wait for the hanging undo");
    WorkflowInstance cancelled = engine.instance(id);
    assertEquals(InstanceState.CANCELLED, cancelled.state());
    assertTrue(cancelled.entries().stream().anyMatch(r -> r.entry() instanceof HistoryEntry.CompensationFailed f
        && f.message().equals("t.Desk.undo took longer than its time limit of 1s")), cancelled.entries().toString());
    assertThrows(IllegalArgumentException.class, () -> Engine.builder().compensationTimeout(Duration.ZERO));
  }

  @Test
  void completeEndsTheInstanceFromInsideABranch() {
    WorkflowDefinition<In, Out> flow = define("EarlyEnd", (ctx, in) -> {
      ctx.parallel(Branch.of("a", () -> ctx.task(TaskStep.of("slow", CLERK))), Branch.of("b", () -> {
        throw ctx.complete(new Out("early"));
      }));
      return new Out("late");
    });
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    assertEquals(new Out("early"), engine.instance(id).output(Out.class));
    assertEquals(List.of(), engine.inbox().open());
  }

  // ---- replay --------------------------------------------------------------------------------

  @Test
  void aChangedWorkflowStopsItsInstancesWithANonDeterminismError() {
    boolean[] changed = {false};
    WorkflowDefinition<In, Out> flow = define("Changing", (ctx, in) -> {
      ctx.task(TaskStep.of(changed[0] ? "renamed" : "original", CLERK));
      ctx.task(TaskStep.of("second", CLERK));
      return new Out("x");
    });
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    changed[0] = true;
    engine.inbox().complete(engine.inbox().task(id, "original").id(), ALICE);
    WorkflowInstance instance = engine.instance(id);
    assertEquals(InstanceState.FAILED, instance.state());
    assertTrue(instance.error().orElseThrow().message().contains(
        "replay reached the task `renamed` where the history has the task `original`"), instance.error().toString());
  }

  @Test
  void anotherEngineOnTheSameStoreResumesTheInstances() {
    dev.flow.runtime.store.Store store = new dev.flow.runtime.store.MemoryStore();
    TaskStep<Void> check = TaskStep.of("check", CLERK);
    WorkflowDefinition<In, Out> flow = define("Durable", (ctx, in) -> {
      String filed = ctx.action(fileStep("fileIt"), in.name());
      ctx.task(check);
      ctx.await(Duration.ofDays(1));
      return new Out(filed);
    });
    Engine before = Engine.builder().clock(clock).connector(Desk.class, desk).store(store).workflow(flow).build();
    String id = before.start(flow, new In("a"));
    Engine after = Engine.builder().clock(clock).connector(Desk.class, desk).store(store).workflow(flow).build();
    assertEquals(List.of(id), after.recover());
    engine(flow);
    after.inbox().complete(after.inbox().task(id, "check").id(), ALICE);
    clock.advance(Duration.ofDays(1));
    assertEquals(new Out("filed a"), after.instance(id).output(Out.class));
    assertEquals(List.of("file a"), desk.calls);
    assertFalse(store.read(id).isEmpty());
    assertEquals(InstanceState.COMPLETED, store.instance(id).orElseThrow().state());
  }

  @Test
  void theEventLogHasAStartAndCompleteForEveryStepAndExportsCsv() {
    WorkflowDefinition<In, Out> flow = define("Logged", (ctx, in) -> {
      ctx.action(fileStep("fileIt"), "a,b");
      ctx.task(TaskStep.of("check", CLERK));
      ctx.notify(Recipient.role(MANAGER), null, "done");
      return new Out("x");
    });
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    clock.advance(Duration.ofHours(2));
    engine.inbox().complete(engine.inbox().task(id, "check").id(), ALICE);
    List<String> rows = engine.eventLog().entries(id).stream()
        .map(e -> e.activity() + " " + e.lifecycle() + " " + e.resource()).toList();
    assertEquals(List.of("Logged start ", "fileIt start t.Desk", "fileIt complete t.Desk", "check start t.Clerk",
        "check complete alice", "notify start ", "notify complete ", "Logged complete "), rows);
    String csv = engine.eventLog().toCsv();
    assertTrue(csv.startsWith("case_id,workflow,activity,lifecycle,timestamp,resource\r\n"), csv);
    assertTrue(csv.contains("Logged-1,t.Logged,check,complete,2026-11-24T11:00:00Z,alice\r\n"), csv);
  }

  @Test
  void aMissingConnectorIsReportedWhenTheEngineIsBuilt() {
    FlowModule module = new FlowModule() {
      @Override
      public String packageName() {
        return "t";
      }

      @Override
      public List<WorkflowDefinition<?, ?>> workflows() {
        return List.of();
      }

      @Override
      public List<ProcessDefinition> processes() {
        return List.of();
      }

      @Override
      public List<RoleDefinition> roles() {
        return List.of();
      }

      @Override
      public List<SystemDefinition> systems() {
        return List.of(new SystemDefinition("t.Desk", "Desk", Desk.class, List.of("file"), ""),
            new SystemDefinition("t.Email", "Email", Runnable.class, List.of(), ""));
      }
    };
    IllegalStateException missing = assertThrows(IllegalStateException.class, () -> Engine.builder().module(module).build());
    assertEquals("no connector for t.Desk (implement dev.flow.runtime.Flows$Desk): register each with "
        + "Engine.builder().connector(Interface.class, implementation)", missing.getMessage());
  }

  @Test
  void badInputToThePublicApiIsRefusedInWords() {
    TaskStep<Expense> claim = TaskStep.of("claim", CLERK, EXPENSE_FORM);
    WorkflowDefinition<In, Out> flow = define("Claiming", (ctx, in) -> {
      ctx.task(claim);
      return new Out("x");
    });
    Engine engine = engine(flow);
    String id = engine.start(flow, new In("a"));
    String task = engine.inbox().task(id, "claim").id();
    IllegalArgumentException notAnEvent = assertThrows(IllegalArgumentException.class, () -> engine.publish(new Object()));
    assertTrue(notAnEvent.getMessage().startsWith("publish takes an event"), notAnEvent.getMessage());
    TaskException nobody = assertThrows(TaskException.class, () -> engine.inbox().complete(task, null, Map.of()));
    assertTrue(nobody.getMessage().contains("the principal is null"), nobody.getMessage());
    Map<String, Object> unnamed = new java.util.HashMap<>();
    unnamed.put(null, "x");
    assertThrows(FormException.class, () -> engine.inbox().complete(task, ALICE, unnamed));
    FormException huge = assertThrows(FormException.class, () -> engine.inbox().complete(task, ALICE,
        Map.of("purpose", "taxi", "amount", "1e999999999")));
    assertEquals(List.of("`amount` is too large a Decimal: at most 1000 digits before and after the point"),
        huge.problems());
    assertEquals(InstanceState.WAITING, engine.instance(id).state(), "nothing changed");
  }
}
