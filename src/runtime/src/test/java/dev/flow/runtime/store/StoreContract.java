package dev.flow.runtime.store;

import static dev.flow.runtime.store.Histories.at;
import static dev.flow.runtime.store.Histories.commit;
import static dev.flow.runtime.store.Histories.ended;
import static dev.flow.runtime.store.Histories.receive;
import static dev.flow.runtime.store.Histories.scheduled;
import static dev.flow.runtime.store.Histories.started;
import static dev.flow.runtime.store.Histories.start;
import static dev.flow.runtime.store.Histories.task;
import static dev.flow.runtime.store.Histories.timer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.Recorded;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store TCK: what every {@link Store} does. A store's test extends this and says how to open a
 * fresh store and, for a durable one, how to close and open it again.
 */
abstract class StoreContract {
  protected Store store;

  /** A fresh, empty store. */
  protected abstract Store open();

  /** The same store after a restart: a durable store closes and opens again; a memory store is itself. */
  protected abstract Store reopen(Store store);

  /**
   * A fresh, empty store that keeps only the {@code retainEnded} most recently ended instances (the
   * store of the test's {@link #open} is closed already).
   */
  protected abstract Store openRetaining(int retainEnded);

  /**
   * Has a store opened by {@link #openRetaining} finish dropping what is beyond its retention (a
   * journal compacts, a database store deletes); the memory store drops at once.
   */
  protected void settleRetention(Store retaining) {}

  @BeforeEach
  void openStore() {
    store = open();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private void restart() {
    store = reopen(store);
  }

  private static List<String> kinds(List<Recorded> history) {
    return history.stream().map(r -> r.entry().getClass().getSimpleName()).toList();
  }

  private static List<Long> sequences(List<Recorded> history) {
    return history.stream().map(Recorded::sequence).toList();
  }

  // ---- appends -------------------------------------------------------------------------------

  @Test
  void appendsGetSequencesFromOneAndTheCommitTime() {
    store.append(start("Order-1", scheduled("charge")));
    store.append(commit(10, "Order-1", 2, new HistoryEntry.TimerFired("w"), new HistoryEntry.Compensated("c")));
    List<Recorded> history = store.read("Order-1");
    assertEquals(List.of(1L, 2L, 3L, 4L), sequences(history));
    assertEquals(List.of("InstanceStarted", "ActionScheduled", "TimerFired", "Compensated"), kinds(history));
    assertEquals(Histories.T0, history.get(1).at());
    assertEquals(at(10), history.get(3).at());
    assertEquals(scheduled("charge"), history.get(1).entry());
    assertEquals(List.of(3L, 4L), sequences(store.readAfter("Order-1", 2)));
    assertEquals(List.of(), store.readAfter("Order-1", 4));
    assertEquals(List.of(), store.read("Nobody-1"));
  }

  @Test
  void aHistoryIsReadUpToASequenceAndKnowsItsLatestLoopCheckpointIfTheStoreTracksThem() {
    store.append(start("Order-1", scheduled("charge")));
    HistoryEntry.LoopCheckpoint checkpoint = new HistoryEntry.LoopCheckpoint("@loop", 3, 2, List.of("round"),
        List.of(dev.flow.runtime.history.Payload.of(2L)));
    store.append(commit(10, "Order-1", 2, new HistoryEntry.TimerFired("w"), checkpoint, scheduled("while[3]/charge")));
    assertEquals(List.of(1L, 2L), sequences(store.readUpTo("Order-1", 2)));
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), sequences(store.readUpTo("Order-1", 9)));
    assertEquals(List.of(), store.readUpTo("Nobody-1", 3));
    restart();
    long latest = store.lastCheckpoint("Order-1");
    assertEquals(4, latest, "every store keeps the sequence of an instance's latest checkpoint");
    HistoryEntry.LoopCheckpoint read = (HistoryEntry.LoopCheckpoint) store.readAfter("Order-1", 3).get(0).entry();
    assertEquals(3, read.round());
    assertEquals(2L, read.values().get(0).as(long.class));
    assertEquals(0, store.lastCheckpoint("Nobody-1"));
    assertEquals(0, store.lastCheckpoint("Order-1") - latest);
    store.append(commit(11, "Order-1", 5, new HistoryEntry.TimerFired("x"),
        new HistoryEntry.LoopCheckpoint("@loop", 4, 2, List.of("round"), List.of(dev.flow.runtime.history.Payload.of(3L)))));
    store.append(commit(12, "Order-1", 7, new HistoryEntry.TimerFired("y")));
    restart();
    assertEquals(7, store.lastCheckpoint("Order-1"), "the latest checkpoint, not a later entry");
    assertEquals(List.of(1L, 2L), sequences(store.readUpTo("Order-1", 2)));
    assertEquals(List.of(8L), sequences(store.readAfter("Order-1", 7)));
  }

  @Test
  void payloadsComeBackAsTheDeclaredTypes() {
    store.append(start("Order-1"));
    restart();
    HistoryEntry.InstanceStarted started = (HistoryEntry.InstanceStarted) store.read("Order-1").get(0).entry();
    assertEquals(Histories.order("o-1"), started.input().as(Histories.Order.class));
  }

  @Test
  void aConflictingAppendWritesNothing() {
    store.append(start("Order-1"));
    AppendConflict conflict = assertThrows(AppendConflict.class,
        () -> store.append(start("Order-1", task("review", "clerk"))));
    assertEquals(0, conflict.expected());
    assertEquals(1, conflict.actual());
    assertThrows(IllegalArgumentException.class, () -> commit(1, "Order-1", 0, task("review", "clerk")));
    assertThrows(AppendConflict.class, () -> store.append(commit(1, "Order-1", 5, task("review", "clerk"))));
    assertEquals(1, store.read("Order-1").size());
    assertEquals(List.of(), store.tasksForRole("clerk"));
    assertEquals(1, store.instance("Order-1").orElseThrow().lastSequence());
    restart();
    assertEquals(1, store.read("Order-1").size());
  }

  @Test
  void aMultiInstanceCommitIsAllOrNothing() {
    store.append(start("Order-1"));
    Commit both = new Commit(at(1), List.of(
        new Commit.Append("Order-1", 1, List.of(new HistoryEntry.ChildStarted("c", "c", "Ship-1", "acme.Ship", true))),
        new Commit.Append("Ship-1", 0, List.of(Histories.startedBy("acme.Ship", "Order-1")))), Map.of("k", "v"));
    store.append(both);
    assertEquals(2, store.read("Order-1").size());
    assertEquals("Order-1", store.instance("Ship-1").orElseThrow().parentId());
    Commit badSecond = new Commit(at(2), List.of(
        new Commit.Append("Order-1", 2, List.of(task("review", "clerk"))),
        new Commit.Append("Ship-1", 7, List.of(task("pack", "packer")))), Map.of("k", "changed"));
    assertThrows(AppendConflict.class, () -> store.append(badSecond));
    restart();
    assertEquals(2, store.read("Order-1").size());
    assertEquals(1, store.read("Ship-1").size());
    assertEquals(List.of(), store.openTasks());
    assertEquals(Optional.of("v"), store.fact("k"));
  }

  @Test
  void asyncAppendsLandInOrderAndConflictsFailAtOnce() {
    java.util.concurrent.CompletableFuture<Void> first = store.appendAsync(start("Order-1"));
    java.util.concurrent.CompletableFuture<Void> second = store.appendAsync(commit(1, "Order-1", 1, scheduled("a")));
    java.util.concurrent.CompletableFuture<Void> clash = store.appendAsync(commit(1, "Order-1", 1, scheduled("b")));
    assertTrue(clash.isCompletedExceptionally());
    java.util.concurrent.CompletionException failed = assertThrows(java.util.concurrent.CompletionException.class,
        clash::join);
    assertInstanceOf(AppendConflict.class, failed.getCause());
    first.join();
    second.join();
    restart();
    assertEquals(List.of("InstanceStarted", "ActionScheduled"), kinds(store.read("Order-1")));
    assertEquals(scheduled("a"), store.read("Order-1").get(1).entry());
  }

  // ---- indexes -------------------------------------------------------------------------------

  @Test
  void instanceRowsAndOpenInstances() {
    store.append(start("Order-1"));
    store.append(start("Order-2"));
    store.append(start("Invoice-1"));
    store.append(commit(20, "Order-1", 1, ended(InstanceState.COMPLETED)));
    restart();
    InstanceRow row = store.instance("Order-1").orElseThrow();
    assertEquals(InstanceState.COMPLETED, row.state());
    assertEquals(at(20), row.ended());
    assertEquals("acme.Order", row.workflow());
    assertEquals(1, row.version());
    assertEquals(2, row.lastSequence());
    InstanceRow open = store.instance("Order-2").orElseThrow();
    assertEquals(InstanceState.RUNNING, open.state());
    assertNull(open.ended());
    assertEquals(List.of("Order-2", "Invoice-1"), store.openInstances().stream().map(InstanceRow::id).toList());
    assertEquals(Optional.empty(), store.instance("Order-9"));
  }

  @Test
  void instanceQueriesAreNewestFirstPages() {
    for (int i = 1; i <= 5; i++) {
      store.append(start("Order-" + i));
    }
    store.append(start("Invoice-1"));
    store.append(commit(1, "Order-2", 1, ended(InstanceState.FAILED)));
    restart();
    assertEquals(List.of("Invoice-1", "Order-5", "Order-4"), ids(store.instances(InstanceQuery.newest(3))));
    assertEquals(List.of("Order-4", "Order-3"), ids(store.instances(new InstanceQuery("acme.Order", null, 1, 2))));
    assertEquals(List.of("Order-2"), ids(store.instances(new InstanceQuery(null, InstanceState.FAILED, 0, 9))));
    assertEquals(List.of(), ids(store.instances(new InstanceQuery(null, InstanceState.COMPLETED, 0, 9))));
    assertEquals(List.of("Order-5", "Order-4", "Order-3", "Order-1"),
        ids(store.instances(new InstanceQuery("acme.Order", InstanceState.RUNNING, 0, 9))));
  }

  private static List<String> ids(List<InstanceRow> rows) {
    return rows.stream().map(InstanceRow::id).toList();
  }

  @Test
  void tasksByRoleAssigneeAndInstance() {
    store.append(start("Order-1", task("review", "clerk"), task("check", "auditor")));
    store.append(start("Order-2", task("review", "clerk")));
    store.append(commit(5, "Order-1", 3, new HistoryEntry.TaskClaimed("review", "ann")));
    store.append(commit(6, "Order-2", 2, new HistoryEntry.TaskAssigned("review", "ann", "boss")));
    restart();
    assertEquals(List.of("Order-1/review", "Order-2/review"), taskIds(store.tasksForRole("clerk")));
    assertEquals(List.of("Order-1/review", "Order-2/review"), taskIds(store.tasksForAssignee("ann")));
    assertEquals(List.of("Order-1/review", "Order-1/check"), taskIds(store.tasksOf("Order-1")));
    assertEquals(List.of("Order-1/review", "Order-1/check", "Order-2/review"), taskIds(store.openTasks()));
    TaskRow review = store.tasksOf("Order-2").get(0);
    assertEquals("ann", review.assignee());
    assertEquals("task", review.kind());
    assertEquals("managers", review.escalateTo());
    assertEquals(at(3600), review.due());
    assertEquals(Histories.T0, review.created());

    store.append(commit(7, "Order-1", 4, new HistoryEntry.TaskReleased("review", "ann"),
        new HistoryEntry.Breached("check", "check", java.time.Duration.ofHours(1), "managers")));
    store.append(commit(8, "Order-2", 3, new HistoryEntry.TaskCompleted("review", dev.flow.runtime.history.Payload.NONE,
        "ann")));
    restart();
    assertEquals(List.of(), taskIds(store.tasksForAssignee("ann")));
    assertNull(store.tasksOf("Order-1").get(0).assignee());
    assertTrue(store.tasksOf("Order-1").get(1).escalated());
    assertFalse(store.tasksOf("Order-1").get(0).escalated());
    assertEquals(List.of("Order-1/review"), taskIds(store.tasksForRole("clerk")));
    assertEquals(List.of(), store.tasksOf("Order-2"));
    assertEquals(List.of("Order-1/check"), taskIds(store.tasksForRole("managers")), "escalated: offered to managers too");
    assertEquals(List.of("Order-1/check"), taskIds(store.tasksForRole("auditor")));

    store.append(commit(9, "Order-1", 6, new HistoryEntry.TaskWithdrawn("check", "branch lost")));
    assertEquals(List.of("Order-1/review"), taskIds(store.openTasks()));
    assertEquals(List.of(), store.tasksForRole("auditor"));
    assertEquals(List.of(), store.tasksForRole("managers"));
  }

  @Test
  void aTaskForSeveralRolesIsListedUnderEachAndKeepsWhomItExcludes() {
    store.append(start("Order-1", new HistoryEntry.TaskCreated("pay", "pay", "task", "finance", null, null,
        List.of("accounting", "treasury"), List.of("ann", "bob"))));
    store.append(start("Order-2", task("review", "accounting")));
    restart();
    assertEquals(List.of("Order-1/pay"), taskIds(store.tasksForRole("finance")));
    assertEquals(List.of("Order-1/pay", "Order-2/review"), taskIds(store.tasksForRole("accounting")));
    assertEquals(List.of("Order-1/pay"), taskIds(store.tasksForRole("treasury")));
    TaskRow pay = store.tasksOf("Order-1").get(0);
    assertEquals(List.of("accounting", "treasury"), pay.otherRoles());
    assertEquals(List.of("ann", "bob"), pay.excluded());
    assertEquals(List.of(), store.tasksOf("Order-2").get(0).otherRoles());

    store.append(commit(5, "Order-1", 2, new HistoryEntry.TaskCompleted("pay", dev.flow.runtime.history.Payload.NONE,
        "cy")));
    restart();
    assertEquals(List.of(), store.tasksForRole("treasury"));
    assertEquals(List.of("Order-2/review"), taskIds(store.tasksForRole("accounting")));
  }

  private static List<String> taskIds(List<TaskRow> rows) {
    return rows.stream().map(TaskRow::id).toList();
  }

  @Test
  void timersByDueTime() {
    store.append(start("Order-1", timer("late", at(300)), timer("soon", at(100))));
    store.append(start("Order-2", timer("mid", at(200))));
    restart();
    assertEquals(Optional.of(at(100)), store.nextDue());
    assertEquals(List.of("soon", "mid"), timerIds(store.dueTimers(at(250), 10)));
    assertEquals(List.of("soon"), timerIds(store.dueTimers(at(999), 1)));
    store.append(commit(100, "Order-1", 3, new HistoryEntry.TimerFired("soon")));
    store.append(commit(101, "Order-2", 2, new HistoryEntry.TimerCancelled("mid")));
    restart();
    assertEquals(Optional.of(at(300)), store.nextDue());
    assertEquals(List.of("late"), timerIds(store.dueTimers(at(999), 10)));
    assertEquals("Order-1", store.dueTimers(at(999), 10).get(0).instanceId());
  }

  private static List<String> timerIds(List<TimerRow> rows) {
    return rows.stream().map(TimerRow::timerId).toList();
  }

  @Test
  void subscriptionsByTypeAndCorrelation() {
    store.append(start("Order-1", receive("paid", "acme.Paid", List.of("orderId=1"))));
    store.append(start("Order-2", receive("paid", "acme.Paid", List.of("orderId=2"))));
    store.append(start("Audit-1", receive("any", "acme.Paid", List.of())));
    store.append(start("Order-3", receive("shipped", "acme.Shipped", List.of("orderId=1"))));
    restart();
    assertEquals(List.of("Order-1", "Audit-1"),
        subIds(store.subscriptions("acme.Paid", List.of(List.of("orderId=1")))));
    assertEquals(List.of("Audit-1"), subIds(store.subscriptions("acme.Paid", List.of(List.of("orderId=9")))));
    assertEquals(List.of(), store.subscriptions("acme.Other", List.of(List.of("orderId=1"))));
    store.append(commit(1, "Order-1", 2, new HistoryEntry.EventReceived("paid", dev.flow.runtime.history.Payload.NONE)));
    store.append(commit(1, "Audit-1", 2, new HistoryEntry.ReceiveTimedOut("any")));
    restart();
    assertEquals(List.of(), store.subscriptions("acme.Paid", List.of(List.of("orderId=1"))));
    assertEquals(List.of("Order-2"), subIds(store.subscriptions("acme.Paid", List.of(List.of("orderId=2")))));
    assertEquals(List.of("orderId=2"), store.subscriptions("acme.Paid", List.of(List.of("orderId=2"))).get(0)
        .correlation());
  }

  private static List<String> subIds(List<SubscriptionRow> rows) {
    return rows.stream().map(SubscriptionRow::instanceId).toList();
  }

  // ---- kept events ---------------------------------------------------------------------------

  /** An event as the engine publishes it. */
  record Paid(String orderId, java.math.BigDecimal amount) {}

  private static List<Long> eventSequences(List<EventRow> rows) {
    return rows.stream().map(EventRow::sequence).toList();
  }

  @Test
  void keptEventsAreFoundByTypeCorrelationAndSequenceOldestFirst() {
    assertEquals(0, store.lastEventSequence());
    long first = store.publish("acme.Paid", List.of(List.of("orderId=1")), at(1),
        new Paid("1", new java.math.BigDecimal("9.50")));
    long other = store.publish("acme.Shipped", List.of(List.of("orderId=1")), at(2), new Paid("1", java.math.BigDecimal.ONE));
    long second = store.publish("acme.Paid", List.of(List.of("orderId=2")), at(3), new Paid("2", java.math.BigDecimal.TEN));
    long third = store.publish("acme.Paid", List.of(List.of("orderId=1"), List.of("customer=c")), at(4),
        new Paid("1", java.math.BigDecimal.ONE));
    assertTrue(first < other && other < second && second < third, "sequences grow in publishing order");
    assertEquals(third, store.lastEventSequence());
    restart();
    assertEquals(List.of(first, second, third), eventSequences(store.events("acme.Paid", List.of(), 0, 10)));
    assertEquals(List.of(first, third), eventSequences(store.events("acme.Paid", List.of("orderId=1"), 0, 10)));
    assertEquals(List.of(third), eventSequences(store.events("acme.Paid", List.of("customer=c"), 0, 10)));
    assertEquals(List.of(third), eventSequences(store.events("acme.Paid", List.of("orderId=1"), first, 10)));
    assertEquals(List.of(first, second), eventSequences(store.events("acme.Paid", List.of(), 0, 2)));
    assertEquals(List.of(), store.events("acme.Paid", List.of("orderId=9"), 0, 10));
    EventRow kept = store.events("acme.Paid", List.of(), 0, 1).get(0);
    assertEquals("acme.Paid", kept.eventType());
    assertEquals(at(1), kept.at());
    assertEquals(List.of(List.of("orderId=1")), kept.keys());
    assertEquals(new Paid("1", new java.math.BigDecimal("9.50")), kept.event().as(Paid.class));
    assertEquals(third, store.lastEventSequence());
    assertTrue(store.publish("acme.Paid", List.of(), at(5), new Paid("3", java.math.BigDecimal.ONE)) > third,
        "a sequence is never handed out twice, also after a restart");
  }

  @Test
  void keptEventsAreForgottenOldestFirstUpToTheFirstNewerOne() {
    long first = store.publish("acme.Paid", List.of(), at(0), new Paid("1", java.math.BigDecimal.ONE));
    store.publish("acme.Paid", List.of(), at(10), new Paid("2", java.math.BigDecimal.ONE));
    long third = store.publish("acme.Paid", List.of(), at(20), new Paid("3", java.math.BigDecimal.ONE));
    long fourth = store.publish("acme.Other", List.of(), at(30), new Paid("4", java.math.BigDecimal.ONE));
    assertEquals(0, store.pruneEvents(at(0)));
    assertEquals(2, store.pruneEvents(at(15)));
    assertEquals(List.of(third), eventSequences(store.events("acme.Paid", List.of(), 0, 10)));
    restart();
    assertEquals(List.of(third), eventSequences(store.events("acme.Paid", List.of(), first, 10)));
    assertEquals(List.of(fourth), eventSequences(store.events("acme.Other", List.of(), 0, 10)));
    assertEquals(2, store.pruneEvents(at(60)));
    restart();
    assertEquals(List.of(), store.events("acme.Paid", List.of(), 0, 10));
    assertEquals(List.of(), store.events("acme.Other", List.of(), 0, 10));
    assertTrue(store.publish("acme.Paid", List.of(), at(61), new Paid("5", java.math.BigDecimal.ONE)) > fourth,
        "a sequence is never handed out twice, also after every event was forgotten");
  }

  @Test
  void anEventTakenIsRecordedWithItsSequence() {
    long sequence = store.publish("acme.Paid", List.of(List.of("orderId=1")), at(1),
        new Paid("1", java.math.BigDecimal.ONE));
    store.append(start("Order-1", receive("paid", "acme.Paid", List.of("orderId=1"))));
    store.append(commit(1, "Order-1", 2, new HistoryEntry.EventReceived("paid",
        store.events("acme.Paid", List.of("orderId=1"), 0, 1).get(0).event(), sequence)));
    restart();
    HistoryEntry.EventReceived received = (HistoryEntry.EventReceived) store.read("Order-1").get(2).entry();
    assertEquals(sequence, received.sequence());
    assertEquals(new Paid("1", java.math.BigDecimal.ONE), received.event().as(Paid.class));
  }

  @Test
  void anEndedInstanceClosesItsTasksTimersAndSubscriptions() {
    store.append(start("Order-1", task("review", "clerk"), timer("w", at(50)),
        receive("paid", "acme.Paid", List.of())));
    store.append(commit(2, "Order-1", 4, new HistoryEntry.TaskClaimed("review", "ann"),
        ended(InstanceState.CANCELLED)));
    restart();
    assertEquals(List.of(), store.openTasks());
    assertEquals(List.of(), store.tasksForAssignee("ann"));
    assertEquals(Optional.empty(), store.nextDue());
    assertEquals(List.of(), store.subscriptions("acme.Paid", List.of()));
    assertEquals(List.of(), store.openInstances());
    assertEquals(6, store.read("Order-1").size());
  }

  // ---- retention of ended instances ---------------------------------------------------------

  @Test
  void aRetentionSetOnTheOpenStoreDropsEndedInstancesByAgeAndByCount() {
    store.retain(new Retention(10, java.time.Duration.ofHours(1)));
    for (int i = 1; i <= 3; i++) {
      store.append(start("Order-" + i, task("review", "clerk")));
      store.append(commit(10 * i, "Order-" + i, 2, ended(InstanceState.COMPLETED)));
    }
    store.append(start("Order-4", timer("t", at(99_999))));
    store.append(commit(3625, "Order-4", 2, new HistoryEntry.TimerFired("t")));
    settleRetention(store);
    assertEquals(Optional.empty(), store.instance("Order-1"), "ended at 10 s, an hour before the latest commit at 3625 s");
    assertEquals(List.of(), store.read("Order-2"), "ended at 20 s");
    assertEquals(3, store.read("Order-3").size(), "ended at 30 s: not an hour old at 3625 s");
    store.retain(Retention.count(0));
    store.append(commit(3626, "Order-4", 3, timer("u", at(99_999))));
    settleRetention(store);
    assertEquals(Optional.empty(), store.instance("Order-3"), "none ended is kept");
    assertEquals(List.of("Order-4"), store.openInstances().stream().map(InstanceRow::id).toList(), "running ones always are");
    assertEquals(5, store.nextNumber("Order"), "the numbers of dropped instances are not handed out again");
  }

  @Test
  void endedInstancesBeyondTheRetentionAreDroppedWithEverythingTheyHeld() {
    store.close();
    store = openRetaining(2);
    for (int i = 1; i <= 5; i++) {
      store.append(start("Order-" + i, task("review", "clerk"), timer("late", at(500 + i)),
          receive("paid", "acme.Paid", List.of("orderId=" + i))));
    }
    store.append(start("Order-9", incident("charge")));
    store.append(Histories.facts(Map.of("keyed:acme.Order:1", "Order-1", "keyed:acme.Order:5", "Order-5",
        "schedule:acme.Order", "Order-1")));
    for (int i = 1; i <= 4; i++) {
      store.append(commit(10 + i, "Order-" + i, 4, ended(InstanceState.COMPLETED)));
    }
    settleRetention(store);
    for (int round = 0; round < 2; round++) {
      assertEquals(Optional.empty(), store.fact("keyed:acme.Order:1"), "a dropped instance's key is free");
      assertEquals(Optional.of("Order-5"), store.fact("keyed:acme.Order:5"), "a running instance keeps its key");
      assertEquals(Optional.of("Order-1"), store.fact("schedule:acme.Order"), "only keys go with their instance");
      assertEquals(List.of(), store.read("Order-1"));
      assertEquals(List.of(), store.read("Order-2"));
      assertEquals(Optional.empty(), store.instance("Order-1"));
      assertEquals(Optional.empty(), store.instance("Order-2"));
      assertEquals(5, store.read("Order-3").size(), "the two most recently ended keep their histories");
      assertEquals(InstanceState.COMPLETED, store.instance("Order-4").orElseThrow().state());
      assertEquals(List.of("Order-5", "Order-9"), store.openInstances().stream().map(InstanceRow::id).toList());
      assertEquals(List.of("Order-5/review"), taskIds(store.tasksForRole("clerk")));
      assertEquals(List.of("Order-5"), store.dueTimers(at(999), 10).stream().map(TimerRow::instanceId).toList());
      assertEquals(List.of("Order-9/charge"), store.openIncidents().stream().map(IncidentRow::id).toList());
      assertEquals(List.of(), store.subscriptions("acme.Paid", List.of(List.of("orderId=1"))));
      assertEquals(List.of("Order-4", "Order-3"),
          ids(store.instances(new InstanceQuery(null, InstanceState.COMPLETED, 0, 10))));
      restart();
    }
    assertTrue(store.nextNumber("Order") > 9, "the numbers of dropped instances are not handed out again");
  }

  /**
   * The commit of a continue-as-new, as the engine writes it: {@code from} ends and {@code to}
   * starts, the chain's facts name {@code to} the current instance of the chain {@code first} began.
   */
  private static Commit continued(long second, String from, long expected, String to, String first) {
    Map<String, String> facts = new java.util.HashMap<>(Map.of("chain:" + first, to, "chained:" + to, first));
    if (from.equals(first)) {
      facts.put("chained:" + first, first);
    }
    return new Commit(at(second), List.of(
        new Commit.Append(from, expected, List.of(new HistoryEntry.InstanceEnded(InstanceState.COMPLETED, Payload.NONE,
            null, "continued as new as " + to))),
        new Commit.Append(to, 0, List.of(started("acme.Tally")))), facts);
  }

  @Test
  void theChainFactsOfAContinueAsNewGoWithTheRetentionAndTheCurrentInstanceStaysFindable() {
    store.close();
    store = openRetaining(1);
    store.append(start("Tally-1"));
    store.append(start("Tally-7"));
    store.append(Histories.facts(Map.of("schedule:acme.Tally", "Tally-1")));
    store.append(continued(10, "Tally-1", 1, "Tally-2", "Tally-1"));
    store.append(continued(11, "Tally-7", 1, "Tally-8", "Tally-7"));
    store.append(continued(12, "Tally-2", 1, "Tally-3", "Tally-1"));
    store.append(commit(13, "Tally-8", 1, ended(InstanceState.COMPLETED)));
    settleRetention(store);
    for (int round = 0; round < 2; round++) {
      assertEquals(Optional.empty(), store.instance("Tally-1"), "only the last ended one is kept");
      assertEquals(Optional.empty(), store.instance("Tally-2"));
      assertEquals(Optional.empty(), store.instance("Tally-7"));
      assertEquals(Optional.empty(), store.fact("chained:Tally-1"), "a dropped instance's chain fact goes with it");
      assertEquals(Optional.empty(), store.fact("chained:Tally-2"));
      assertEquals(Optional.empty(), store.fact("chained:Tally-7"));
      assertEquals(Optional.of("Tally-3"), store.fact("chain:Tally-1"), "the running current instance stays findable");
      assertEquals(Optional.of("Tally-1"), store.fact("chained:Tally-3"));
      assertEquals(Optional.of("Tally-8"), store.fact("chain:Tally-7"), "the kept last instance of an ended chain");
      assertEquals(Optional.of("Tally-7"), store.fact("chained:Tally-8"));
      assertEquals(Optional.of("Tally-1"), store.fact("schedule:acme.Tally"), "other facts stay");
      restart();
    }
    store.retain(Retention.count(1)); // a reopened store has the default retention
    store.append(commit(20, "Tally-3", 1, ended(InstanceState.COMPLETED)));
    settleRetention(store);
    assertEquals(Optional.empty(), store.instance("Tally-8"));
    assertEquals(Optional.empty(), store.fact("chain:Tally-7"), "a chain whose instances all went leaves no fact");
    assertEquals(Optional.empty(), store.fact("chained:Tally-8"));
    assertEquals(Optional.of("Tally-3"), store.fact("chain:Tally-1"), "its current instance is kept, ended");
    store.append(start("Tally-9"));
    store.append(commit(21, "Tally-9", 1, ended(InstanceState.COMPLETED)));
    settleRetention(store);
    restart();
    assertEquals(Optional.empty(), store.instance("Tally-3"));
    assertEquals(Optional.empty(), store.fact("chain:Tally-1"));
    assertEquals(Optional.empty(), store.fact("chained:Tally-3"));
    assertEquals(Optional.of("Tally-1"), store.fact("schedule:acme.Tally"));
  }

  private static HistoryEntry emitted(String stepId) {
    return new HistoryEntry.EventEmitted(stepId, "acme.Shipped", Payload.of("A-1"));
  }

  /** The commit of an emit's {@code EventPublished}, as the engine writes it: it clears the emit's facts. */
  private static Commit published(long second, String instanceId, long expected, String stepId, long sequence,
      String... facts) {
    Map<String, String> cleared = new java.util.HashMap<>();
    for (String fact : facts) {
      cleared.put(fact, null);
    }
    return new Commit(at(second), List.of(new Commit.Append(instanceId, expected,
        List.of(new HistoryEntry.EventPublished(stepId, sequence)))), cleared);
  }

  @Test
  void anEndedInstanceThatOwesAnEmitIsKeptBeyondTheRetentionUntilItsEventIsPublished() {
    store.close();
    store = openRetaining(1);
    String fact = "emitted:Order-1/@e:acme.Ship#1";
    for (int i = 1; i <= 3; i++) {
      store.append(start("Order-" + i));
    }
    // Order-1 emits and ends; its event is kept, and starts Ship-1 (named by the emit's fact); then the
    // engine stops before it records the EventPublished.
    store.append(commit(10, "Order-1", 1, emitted("@e"), ended(InstanceState.COMPLETED)));
    long sequence = store.publish("acme.Shipped", List.of(), at(11), "A-1", "Order-1/@e");
    store.append(new Commit(at(11), List.of(new Commit.Append("Ship-1", 0, List.of(started("acme.Ship")))),
        Map.of(fact, "Ship-1")));
    store.append(commit(12, "Order-2", 1, ended(InstanceState.COMPLETED)));
    store.append(commit(13, "Order-3", 1, ended(InstanceState.COMPLETED)));
    settleRetention(store);
    for (int round = 0; round < 2; round++) {
      assertEquals(Optional.empty(), store.instance("Order-2"), "beyond the retention");
      assertEquals(3, store.read("Order-1").size(), "it owes its emit: kept with its history");
      assertEquals(InstanceState.COMPLETED, store.instance("Order-1").orElseThrow().state());
      assertEquals(List.of("Order-1"), store.unpublishedEmitters(), "a restarted engine publishes it from there");
      assertEquals(Optional.of("Ship-1"), store.fact(fact), "and finds the instance the emit started");
      assertEquals(sequence, store.publish("acme.Shipped", List.of(), at(14), "A-1", "Order-1/@e"),
          "published again: the event of that origin is kept already");
      assertEquals(1, store.events("acme.Shipped", List.of(), 0, 10).size());
      assertTrue(store.instance("Order-3").isPresent(), "the most recently ended");
      restart();
      store.retain(Retention.count(1)); // a reopened store has the default retention
    }
    store.append(published(20, "Order-1", 3, "@e", sequence, fact));
    settleRetention(store);
    for (int round = 0; round < 2; round++) {
      assertEquals(Optional.empty(), store.instance("Order-1"), "published: the retention drops it now");
      assertEquals(List.of(), store.read("Order-1"));
      assertEquals(List.of(), store.unpublishedEmitters());
      assertEquals(Optional.empty(), store.fact(fact), "cleared with the EventPublished");
      assertTrue(store.instance("Order-3").isPresent(), "the most recently ended is kept");
      assertEquals(List.of("Ship-1"), store.openInstances().stream().map(InstanceRow::id).toList());
      restart();
    }
  }

  @Test
  void anEndedInstanceThatOwesAnEmitOutlivesTheAgeLimitAndTakesItsEventPublishedAfterItsEnd() {
    store.retain(new Retention(10, java.time.Duration.ofHours(1)));
    store.append(start("Order-1"));
    store.append(start("Order-2"));
    store.append(start("Tick-1"));
    store.append(commit(10, "Order-1", 1, emitted("@a"), emitted("@b"), ended(InstanceState.FAILED)));
    store.append(commit(20, "Order-2", 1, ended(InstanceState.COMPLETED)));
    store.append(commit(30, "Order-1", 4, new HistoryEntry.EventPublished("@a", 1)));
    store.append(commit(5000, "Tick-1", 1, new HistoryEntry.TimerFired("t")));
    settleRetention(store);
    assertEquals(Optional.empty(), store.instance("Order-2"), "ended more than an hour before the latest commit");
    InstanceRow owing = store.instance("Order-1").orElseThrow();
    assertEquals(InstanceState.FAILED, owing.state(), "an entry after its end leaves it ended");
    assertEquals(at(10), owing.ended());
    assertEquals(5, owing.lastSequence());
    assertEquals(List.of("Order-1"), store.unpublishedEmitters(), "@b is not published yet");
    restart();
    store.retain(new Retention(10, java.time.Duration.ofHours(1)));
    assertEquals(List.of("Order-1"), store.unpublishedEmitters());
    assertEquals(5, store.read("Order-1").size());
    store.append(commit(5001, "Order-1", 5, new HistoryEntry.EventPublished("@b", 2)));
    settleRetention(store);
    assertEquals(Optional.empty(), store.instance("Order-1"), "too old, and owes nothing now");
    assertEquals(List.of(), store.unpublishedEmitters());
    assertEquals(List.of("Tick-1"), store.openInstances().stream().map(InstanceRow::id).toList());
  }

  @Test
  void anAppendToAnInstanceTheStoreDoesNotHoldIsRefusedAndLeavesNothingBehind() {
    AppendConflict unknown = assertThrows(AppendConflict.class,
        () -> store.append(commit(1, "Nobody-1", 3, scheduled("a"))));
    assertEquals("Nobody-1", unknown.instanceId());
    assertEquals(3, unknown.expected());
    assertEquals(0, unknown.actual());
    assertTrue(unknown.getMessage().contains("instance Nobody-1 is not in the store"), unknown.getMessage());
    assertInstanceOf(AppendConflict.class, assertThrows(java.util.concurrent.CompletionException.class,
        () -> store.appendAsync(commit(1, "Nobody-1", 3, scheduled("a"))).join()).getCause());
    store.append(start("Order-1"));
    assertThrows(AppendConflict.class, () -> store.append(new Commit(at(2), List.of(
        new Commit.Append("Order-1", 1, List.of(task("review", "clerk"))),
        new Commit.Append("Nobody-1", 3, List.of(scheduled("a")))), Map.of("schedule:acme.Order", "x"))));
    // A new instance in a refused commit is not started.
    assertThrows(AppendConflict.class, () -> store.append(new Commit(at(3), List.of(
        new Commit.Append("Order-2", 0, List.of(started("acme.Order"))),
        new Commit.Append("Order-1", 7, List.of(scheduled("b")))), Map.of())));
    for (int round = 0; round < 2; round++) {
      assertEquals(List.of(), store.read("Nobody-1"));
      assertEquals(List.of(), store.readAfter("Nobody-1", 0));
      assertEquals(Optional.empty(), store.instance("Nobody-1"));
      assertEquals(Optional.empty(), store.instance("Order-2"));
      assertEquals(List.of(), store.read("Order-2"));
      assertEquals(1, store.read("Order-1").size());
      assertEquals(List.of(), store.openTasks());
      assertEquals(Optional.empty(), store.fact("schedule:acme.Order"));
      assertEquals(List.of("Order-1"), ids(store.instances(InstanceQuery.newest(10))));
      restart();
    }
    store.append(start("Order-2"));
    assertEquals(List.of("Order-1", "Order-2"), store.openInstances().stream().map(InstanceRow::id).toList(),
        "a refused start leaves its id free");
  }

  @Test
  void anAppendToAnInstanceTheRetentionDroppedIsRefused() {
    store.close();
    store = openRetaining(0);
    store.append(start("Order-1"));
    store.append(commit(1, "Order-1", 1, ended(InstanceState.COMPLETED)));
    settleRetention(store);
    AppendConflict dropped = assertThrows(AppendConflict.class,
        () -> store.append(commit(2, "Order-1", 2, new HistoryEntry.Notified("n1", null))));
    assertEquals(0, dropped.actual());
    restart();
    assertThrows(AppendConflict.class, () -> store.append(commit(2, "Order-1", 2, new HistoryEntry.Notified("n1", null))));
    assertEquals(List.of(), store.read("Order-1"));
    assertEquals(Optional.empty(), store.instance("Order-1"));
  }

  @Test
  void anEmittedEventIsKeptOncePerOriginAlsoAfterARestart() {
    long first = store.publish("acme.Shipped", List.of(List.of("orderId=1")), at(1), "A-1", "Order-1/@e");
    long other = store.publish("acme.Shipped", List.of(List.of("orderId=1")), at(1), "A-1", "Order-1/@f");
    long plain = store.publish("acme.Shipped", List.of(List.of("orderId=1")), at(1), "A-1");
    assertEquals(first, store.publish("acme.Shipped", List.of(List.of("orderId=1")), at(2), "A-1", "Order-1/@e"));
    restart();
    assertEquals(first, store.publish("acme.Shipped", List.of(List.of("orderId=1")), at(3), "A-1", "Order-1/@e"));
    assertTrue(first < other && other < plain);
    List<EventRow> kept = store.events("acme.Shipped", List.of("orderId=1"), 0, 10);
    assertEquals(List.of(first, other, plain), eventSequences(kept));
    assertEquals("Order-1/@e", kept.get(0).origin());
    assertEquals("Order-1/@f", kept.get(1).origin());
    assertNull(kept.get(2).origin(), "an event published from outside has no origin");
    assertEquals(plain, store.lastEventSequence());
  }

  @Test
  void aSubscriptionIsFoundByAnyOfTheEventsCandidateKeyLists() {
    store.append(start("Order-1", receive("paid", "acme.Paid", List.of("customer=c", "orderId=1"))));
    store.append(start("Order-2", receive("paid", "acme.Paid", List.of("orderId=1"))));
    restart();
    List<List<String>> candidates = List.of(List.of("orderId=1"), List.of("customer=c", "orderId=1"));
    assertEquals(List.of("Order-1", "Order-2"), subIds(store.subscriptions("acme.Paid", candidates)));
    assertEquals(List.of("Order-1"), subIds(store.subscriptions("acme.Paid", List.of(List.of("customer=c", "orderId=1")))));
    assertEquals(List.of(), store.subscriptions("acme.Paid", List.of(List.of("customer=c"))),
        "a key list is matched whole, not field by field");
  }

  @Test
  void theEmittersOwingAnEmitAreListedInTheOrderTheyStarted() {
    store.append(start("Order-1"));
    store.append(start("Order-2"));
    store.append(start("Order-3"));
    store.append(commit(1, "Order-3", 1, emitted("@e")));
    store.append(commit(2, "Order-2", 1, emitted("@e"), emitted("@f")));
    store.append(commit(3, "Order-1", 1, emitted("@e"), ended(InstanceState.COMPLETED)));
    store.append(commit(4, "Order-3", 2, new HistoryEntry.EventPublished("@e", 1)));
    store.append(commit(5, "Order-2", 3, new HistoryEntry.EventPublished("@e", 2)));
    store.append(commit(6, "Order-3", 3, emitted("@g")));
    for (int round = 0; round < 2; round++) {
      assertEquals(List.of("Order-1", "Order-2", "Order-3"), store.unpublishedEmitters(),
          "oldest first: the order the instances started, whatever the order of their emits");
      restart();
    }
    store.append(commit(7, "Order-2", 4, new HistoryEntry.EventPublished("@f", 3)));
    assertEquals(List.of("Order-1", "Order-3"), store.unpublishedEmitters());
  }

  @Test
  void anAssigneesTasksAreOldestFirstByCreationAlsoWhenCreatedTogether() {
    store.append(start("Order-1", task("a", "clerk"), task("b", "clerk"), task("c", "clerk")));
    store.append(commit(5, "Order-1", 4, new HistoryEntry.TaskClaimed("c", "ann"), new HistoryEntry.TaskClaimed("b", "ann"),
        new HistoryEntry.TaskAssigned("a", "ann", "boss")));
    store.append(start("Order-2", task("d", "clerk")));
    store.append(commit(6, "Order-2", 2, new HistoryEntry.TaskClaimed("d", "ann")));
    for (int round = 0; round < 2; round++) {
      assertEquals(List.of("Order-1/a", "Order-1/b", "Order-1/c", "Order-2/d"), taskIds(store.tasksForAssignee("ann")),
          "by creation, not by when they were claimed");
      restart();
    }
  }

  @Test
  void aRolesOwnAndEscalatedTasksAreOldestFirstTogether() {
    store.append(start("Order-1", task("check", "auditor")));
    store.append(start("Order-2"));
    store.append(commit(5, "Order-2", 1, task("own", "managers")));
    store.append(commit(9, "Order-1", 2, new HistoryEntry.Breached("check", "check", java.time.Duration.ofHours(1),
        "managers")));
    store.append(commit(10, "Order-2", 2, task("later", "managers")));
    // Created at one instant: an escalated one and an own one, in the order they were created.
    store.append(start("Order-3", task("first", "auditor"), task("second", "managers")));
    store.append(commit(11, "Order-3", 3, new HistoryEntry.Breached("first", "first", java.time.Duration.ofHours(1),
        "managers")));
    restart();
    assertEquals(List.of("Order-1/check", "Order-3/first", "Order-3/second", "Order-2/own", "Order-2/later"),
        taskIds(store.tasksForRole("managers")));
  }

  @Test
  void theCommitsOfAHoldingKeysBodyAreWrittenWhenItReturns() {
    String fact = "keyed:acme.Room:kitchen";
    store.holdingKeys(List.of(fact), () -> {
      if (store.fact(fact).isEmpty()) {
        store.append(new Commit(at(1), start("Room-1").appends(), Map.of(fact, "Room-1")));
      }
    });
    store.holdingKeys(List.of(fact), () -> {
      if (store.fact(fact).isEmpty()) {
        store.append(new Commit(at(2), start("Room-2").appends(), Map.of(fact, "Room-2")));
      }
    });
    restart();
    assertEquals(Optional.of("Room-1"), store.fact(fact));
    assertEquals(List.of("Room-1"), store.openInstances().stream().map(InstanceRow::id).toList());
  }

  private static HistoryEntry incident(String stepId) {
    return new HistoryEntry.IncidentOpened(stepId, stepId, 4, "acme.Billing.charge failed: timeout");
  }

  @Test
  void openIncidentsAreIndexedUntilResolvedOrTheirInstanceEnds() {
    store.append(start("Order-1", scheduled("charge"), incident("charge")));
    store.append(start("Order-2", scheduled("ship")));
    store.append(commit(5, "Order-2", 2, incident("ship")));
    store.append(start("Order-3", scheduled("charge"), incident("charge")));
    restart();
    List<IncidentRow> open = store.openIncidents();
    assertEquals(List.of("Order-1/charge", "Order-2/ship", "Order-3/charge"), open.stream().map(IncidentRow::id).toList());
    IncidentRow second = open.get(1);
    assertEquals("acme.Order", second.workflow());
    assertEquals("ship", second.step());
    assertEquals(4, second.attempts());
    assertEquals("acme.Billing.charge failed: timeout", second.message());
    assertEquals(at(5), second.opened());
    store.append(commit(6, "Order-1", 3, new HistoryEntry.IncidentResolved("charge",
        HistoryEntry.IncidentResolved.Resolution.RETRIED, "ann", null)));
    store.append(commit(7, "Order-3", 3, ended(InstanceState.CANCELLED)));
    restart();
    assertEquals(List.of("Order-2/ship"), store.openIncidents().stream().map(IncidentRow::id).toList());
    store.append(commit(8, "Order-1", 4, incident("charge")));
    store.append(commit(9, "Order-2", 3, new HistoryEntry.IncidentResolved("ship",
        HistoryEntry.IncidentResolved.Resolution.FAILED, "ann", "wrong address"), new HistoryEntry.ActionFailed("ship", "x")));
    restart();
    assertEquals(List.of("Order-1/charge"), store.openIncidents().stream().map(IncidentRow::id).toList());
    assertEquals(at(8), store.openIncidents().get(0).opened(), "an incident opened again is the new one");
  }

  @Test
  void factsAreSetReplacedAndRemoved() {
    store.append(Histories.facts(Map.of("schedule:a", "2026-03-02T00:00:00Z", "schedule:b", "x")));
    java.util.Map<String, String> change = new java.util.HashMap<>();
    change.put("schedule:a", "2026-03-03T00:00:00Z");
    change.put("schedule:b", null);
    store.append(new Commit(at(1), List.of(), change));
    restart();
    assertEquals(Optional.of("2026-03-03T00:00:00Z"), store.fact("schedule:a"));
    assertEquals(Optional.empty(), store.fact("schedule:b"));
  }

  @Test
  void numbersAreLargerThanAnyIdSeenAlsoAfterARestart() {
    store.append(start("Order-7"));
    assertEquals(8, store.nextNumber("Order"));
    assertEquals(9, store.nextNumber("Order"));
    assertEquals(1, store.nextNumber("Invoice"));
    store.append(start("Order-41"));
    restart();
    assertTrue(store.nextNumber("Order") > 41);
    assertTrue(store.nextNumber("Invoice") >= 1);
  }

  // ---- concurrency ---------------------------------------------------------------------------

  @Test
  void concurrentAppendsToOneInstanceHaveOneWinnerPerSequence() throws Exception {
    store.append(start("Order-1"));
    int threads = 4;
    int rounds = 150;
    Map<Long, String> winners = new ConcurrentHashMap<>();
    AtomicInteger wins = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String name = "t" + t;
        done.add(pool.submit(() -> {
          go.await();
          for (long expected = 1; expected <= rounds; expected++) {
            try {
              store.append(commit(expected, "Order-1", expected, new HistoryEntry.TimerFired(name + "@" + expected)));
              wins.incrementAndGet();
              assertNull(winners.put(expected + 1, name + "@" + expected), "two winners for one sequence");
            } catch (AppendConflict conflict) {
              // another thread appended first: expected
            }
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    List<Recorded> history = store.read("Order-1");
    assertEquals(rounds + 1, history.size());
    assertEquals(rounds, wins.get());
    for (Recorded r : history.subList(1, history.size())) {
      assertEquals(winners.get(r.sequence()), r.entry().stepId(), "the entry at " + r.sequence());
    }
    assertEquals(rounds + 1, store.instance("Order-1").orElseThrow().lastSequence());
  }

  @Test
  void concurrentAppendsToManyInstancesAllLand() throws Exception {
    int threads = 4;
    int each = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * each;
        done.add(pool.submit(() -> {
          for (int i = 1; i <= each; i++) {
            String id = "Order-" + (base + i);
            store.append(start(id, task("review", "clerk")));
            store.append(commit(1, id, 2, ended(InstanceState.COMPLETED)));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    restart();
    assertEquals(threads * each, store.instances(InstanceQuery.newest(10_000)).size());
    assertEquals(List.of(), store.openTasks());
    assertInstanceOf(HistoryEntry.InstanceEnded.class, store.read("Order-77").get(2).entry());
  }
}
