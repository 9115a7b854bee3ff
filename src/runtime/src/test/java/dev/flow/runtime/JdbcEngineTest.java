package dev.flow.runtime;

import static dev.flow.runtime.Flows.ALICE;
import static dev.flow.runtime.Flows.CLERK;
import static dev.flow.runtime.Flows.MANAGER;
import static dev.flow.runtime.Flows.MARY;
import static dev.flow.runtime.Flows.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import dev.flow.runtime.store.JdbcStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on the JDBC store: an engine restarted on the same database goes on where the first
 * stopped (waiting instances, their tasks by role, timers, receives). On an embedded H2 file
 * database; on PostgreSQL instead when {@code -Dflow.pg.url} names one ({@code .ci/postgres-check}).
 */
class JdbcEngineTest {
  private final ManualClock clock = ManualClock.at("2026-11-24T09:00:00Z");

  @TempDir
  Path dir;

  private HikariDataSource pool;

  @BeforeEach
  void openDatabase() throws SQLException {
    pool = new HikariDataSource();
    String postgres = System.getProperty("flow.pg.url");
    if (postgres != null && postgres.startsWith("jdbc:postgresql:")) {
      pool.setJdbcUrl(postgres);
      pool.setUsername(System.getProperty("flow.pg.user"));
      pool.setPassword(System.getProperty("flow.pg.password", ""));
      try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
        for (String table : List.of("flow_entries", "flow_instances", "flow_tasks", "flow_timers", "flow_subscriptions",
            "flow_incidents", "flow_events", "flow_task_roles", "flow_facts", "flow_numbers", "flow_keys", "flow_outbox",
            "flow_schema")) {
          statement.execute("DROP TABLE IF EXISTS " + table);
        }
      }
    } else {
      pool.setJdbcUrl("jdbc:h2:file:" + dir.resolve("flow").toAbsolutePath());
    }
  }

  @AfterEach
  void closeDatabase() {
    pool.close();
  }

  interface Ledger {
    Quote quote(String item) throws Exception;
  }

  enum Currency { EUR, USD }

  record Quote(String item, BigDecimal amount, Currency currency, List<Long> lines) {}

  static final Action<Ledger, Quote> QUOTE = Action.of(Ledger.class, "t.Ledger", "quote", List.of("item"),
      ValueType.of(Quote.class), (ledger, args) -> ledger.quote((String) args[0]));

  private final List<String> quoted = new ArrayList<>();
  private final Ledger ledger = item -> {
    quoted.add(item);
    return new Quote(item, new BigDecimal("12.50"), Currency.EUR, List.of(3L, 4L));
  };

  private static final TaskStep<Void> CHECK = TaskStep.of("check", CLERK).within(Duration.ofDays(1)).escalateTo(MANAGER);

  private static final WorkflowDefinition<In, Out> QUOTING = workflow("Quoting", (ctx, in) -> {
    Quote quote = ctx.action(ActionStep.of("quote", QUOTE), in.name());
    ctx.task(CHECK);
    ctx.await(Duration.ofHours(1));
    return new Out(quote.amount().toPlainString() + " " + quote.currency() + " " + quote.lines());
  }).build();

  record Paid(String order) {}

  private static final ReceiveStep<Paid> PAID = ReceiveStep.of("paid", Paid.class).correlate("order", Paid::order);

  private static final WorkflowDefinition<In, Out> PAYING = workflow("Paying", (ctx, in) -> {
    Paid got = ctx.receive(PAID, new Object[] {in.name()}, p -> true);
    return new Out("paid " + got.order());
  }).build();

  private Engine engine(JdbcStore store) {
    return Engine.builder().clock(clock).store(store).connector(Ledger.class, ledger)
        .workflow(QUOTING).workflow(PAYING).build();
  }

  @Test
  void anEvictedLoopResumesFromItsCheckpointReadingOnlyWhatItNeedsFromTheDatabase() {
    LoopCheckpointsTest.CountingStore store = new LoopCheckpointsTest.CountingStore(JdbcStore.open(pool));
    try (Engine engine = Engine.builder().clock(clock).connector(Flows.Desk.class, new RecordingDesk())
        .workflow(LoopCheckpointsTest.DEFINITION).store(store).cacheSize(0).keptRuns(0).build()) {
      String id = engine.start(LoopCheckpointsTest.DEFINITION, new In("a"));
      for (int round = 0; round < LoopCheckpointsTest.Rounds.ROUNDS; round++) {
        if (round == 250) {
          store.largest.set(0);
        }
        engine.inbox().complete(engine.inbox().task(id, "work").id(), ALICE);
      }
      int largestRead = store.largest.get();
      assertEquals(new Out("filed filed a 300 after 300"), engine.instance(id).output(Out.class));
      int whole = engine.instance(id).entries().size();
      assertTrue(largestRead <= 2 * 100 + 10, "a resume late in the loop reads the entries before the loop and"
          + " from its latest checkpoint on, not the " + whole + " of the whole history: " + largestRead);
    } finally {
      store.close();
    }
  }

  @Test
  void theEnginesRetentionByAgeDeletesEndedInstancesFromTheDatabaseOnTheEnginesClock() {
    try (JdbcStore store = JdbcStore.open(pool);
        Engine engine = Engine.builder().clock(clock).store(store).connector(Ledger.class, ledger).workflow(PAYING)
            .retention(dev.flow.runtime.store.Retention.age(Duration.ofDays(30))).build()) {
      List<String> old = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        old.add(engine.start(PAYING, new In("o-" + i)));
        engine.publish(new Paid("o-" + i));
      }
      clock.advance(Duration.ofDays(29));
      String recent = engine.start(PAYING, new In("o-4"));
      engine.publish(new Paid("o-4"));
      store.compact();
      assertEquals(4, engine.instances(dev.flow.runtime.store.InstanceQuery.newest(100)).size(), "none is 30 days old yet");
      clock.advance(Duration.ofDays(2));
      String waiting = engine.start(PAYING, new In("o-5"));
      store.compact();
      for (String id : old) {
        assertTrue(store.instance(id).isEmpty(), id + " ended 31 days ago on the engine's clock");
      }
      assertEquals(InstanceState.COMPLETED, store.instance(recent).orElseThrow().state());
      assertEquals(InstanceState.WAITING, engine.instance(waiting).state());
    }
  }

  @Test
  void aRestartedEngineResumesWaitingInstancesTheirTasksTimersAndReceives() {
    String quoting;
    String paying;
    String other;
    try (JdbcStore store = JdbcStore.open(pool); Engine first = engine(store)) {
      quoting = first.start(QUOTING, new In("desk"));
      paying = first.start(PAYING, new In("o-1"));
      other = first.start(PAYING, new In("o-2"));
      assertEquals(InstanceState.WAITING, first.instance(quoting).state());
      assertEquals(List.of(quoting), first.inbox().forRole(CLERK).stream().map(Task::instanceId).toList());
    }
    try (JdbcStore store = JdbcStore.open(pool); Engine second = engine(store)) {
      assertEquals(List.of(quoting, paying, other), second.recover());
      assertEquals(List.of(paying), second.publish(new Paid("o-1")).woken(), "the receive found by its correlation key");
      assertEquals(new Out("paid o-1"), second.instance(paying).output(Out.class));
      assertEquals(InstanceState.WAITING, second.instance(other).state());

      clock.advance(Duration.ofDays(1).plusMinutes(1));
      Task check = second.inbox().task(quoting, "check");
      assertTrue(check.escalated(), "the time limit passed: the task is escalated");
      assertEquals(List.of(quoting), second.inbox().forRole(MANAGER).stream().map(Task::instanceId).toList());
      second.inbox().complete(check.id(), MARY);
      assertEquals(InstanceState.WAITING, second.instance(quoting).state(), "waiting an hour");
    }
    try (JdbcStore store = JdbcStore.open(pool); Engine third = engine(store)) {
      third.recover();
      assertEquals(List.of(), third.inbox().open());
      assertEquals(clock.instant().plus(Duration.ofHours(1)), third.nextTimer().orElseThrow());
      clock.advance(Duration.ofHours(1));
      assertEquals(new Out("12.50 EUR [3, 4]"), third.instance(quoting).output(Out.class),
          "the quote read back from the database is a Quote with a BigDecimal, an enum and a List<Long> again");
      assertEquals(List.of("desk"), quoted, "the action done before the restart is not done again");
      assertEquals(InstanceState.COMPLETED, third.instance(paying).state(), "an ended instance is read from the database");
      assertEquals(List.of(other), third.instances().stream().filter(i -> i.state() == InstanceState.WAITING)
          .map(WorkflowInstance::id).toList());
    }
  }

  @Test
  void instancesEvictedFromMemoryAreFoundByTheirReceivesInTheDatabase() {
    try (JdbcStore store = JdbcStore.open(pool);
        Engine engine = Engine.builder().clock(clock).cacheSize(0).store(store).workflow(PAYING).build()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ids.add(engine.start(PAYING, new In("o-" + i)));
      }
      assertEquals(List.of(ids.get(7)), engine.publish(new Paid("o-7")).woken());
      assertEquals(new Out("paid o-7"), engine.instance(ids.get(7)).output(Out.class));
      assertEquals(List.of(), engine.publish(new Paid("o-7")).woken(), "its receive is gone");
      assertEquals(19, store.openInstances().size());
    }
  }

  @Test
  void twoEnginesOnOneDatabaseCompleteATaskOnce() {
    try (JdbcStore one = JdbcStore.open(pool); JdbcStore two = JdbcStore.open(pool); Engine first = engine(one);
        Engine second = engine(two)) {
      String id = first.start(QUOTING, new In("desk"));
      Task check = second.inbox().task(id, "check");
      second.inbox().complete(check.id(), ALICE);
      RuntimeException late = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
          () -> first.inbox().complete(check.id(), MARY));
      assertTrue(late.getMessage().contains("already completed by alice"), late.getMessage());
      assertEquals(1, first.history(id).stream().filter(r -> r.entry()
          instanceof dev.flow.runtime.history.HistoryEntry.TaskCompleted).count());
      String other = second.start(QUOTING, new In("desk"));
      assertTrue(!other.equals(id), other);
    }
  }

  @Test
  void instanceIdsAreNotHandedOutTwiceAcrossRestarts() {
    List<String> ids = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      try (JdbcStore store = JdbcStore.open(pool); Engine engine = engine(store)) {
        ids.add(engine.start(PAYING, new In("x" + round)));
        ids.add(engine.start(PAYING, new In("y" + round)));
      }
    }
    assertEquals(6, ids.stream().distinct().count(), ids.toString());
  }

  @Test
  void aTaskCompletedTwiceIsCompletedOnce() {
    try (JdbcStore store = JdbcStore.open(pool); Engine engine = engine(store)) {
      String id = engine.start(QUOTING, new In("desk"));
      Task check = engine.inbox().task(id, "check");
      engine.inbox().complete(check.id(), ALICE);
      RuntimeException again = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
          () -> engine.inbox().complete(check.id(), ALICE));
      assertTrue(again.getMessage().contains("check"), again.getMessage());
      assertEquals(1, engine.history(id).stream().filter(r -> r.entry()
          instanceof dev.flow.runtime.history.HistoryEntry.TaskCompleted).count());
    }
  }
}
