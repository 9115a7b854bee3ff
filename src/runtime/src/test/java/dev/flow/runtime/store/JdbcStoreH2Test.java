package dev.flow.runtime.store;

import static dev.flow.runtime.store.Histories.commit;
import static dev.flow.runtime.store.Histories.start;
import static dev.flow.runtime.store.Histories.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.flow.runtime.history.HistoryEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store TCK on the JDBC store over an embedded H2 database in a file, and what only a database store does. */
class JdbcStoreH2Test extends StoreContract {
  @TempDir
  Path dir;

  private HikariDataSource pool;

  static HikariDataSource h2(Path file) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl("jdbc:h2:file:" + file.toAbsolutePath());
    pool.setMaximumPoolSize(8);
    return pool;
  }

  @Override
  protected Store open() {
    pool = h2(dir.resolve("flow"));
    return JdbcStore.open(pool);
  }

  @Override
  protected Store reopen(Store store) {
    store.close();
    pool.close();
    return open();
  }

  @Override
  protected Store openRetaining(int retainEnded) {
    pool.close();
    pool = h2(dir.resolve("flow"));
    return JdbcStore.open(pool, JdbcOptions.defaults().withRetainEnded(retainEnded));
  }

  @Override
  protected void settleRetention(Store retaining) {
    ((JdbcStore) retaining).compact();
  }

  @AfterEach
  void closePool() {
    pool.close();
  }

  @Test
  void aSecondWriterWithTheSameExpectedSequenceConflictsInTheDatabase() throws SQLException {
    store.append(start("Order-1"));
    try (JdbcStore second = JdbcStore.open(pool)) {
      second.append(commit(1, "Order-1", 1, new HistoryEntry.TimerFired("a")));
      AppendConflict conflict = assertThrows(AppendConflict.class,
          () -> store.append(commit(2, "Order-1", 1, new HistoryEntry.TimerFired("b"))));
      assertEquals(2, conflict.actual());
    }
    assertEquals(2, store.read("Order-1").size());
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM flow_entries WHERE instance_id = 'Order-1'")) {
      rows.next();
      assertEquals(2, rows.getInt(1), "one row per sequence");
    }
  }

  @Test
  void theTablesAreVersionedAndANewerVersionIsRefusedInWords() throws SQLException {
    store.append(start("Order-1", task("review", "clerk")));
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      try (ResultSet rows = statement.executeQuery("SELECT version FROM flow_schema")) {
        assertTrue(rows.next());
        assertEquals(JdbcSchema.VERSION, rows.getInt(1));
      }
      statement.executeUpdate("UPDATE flow_schema SET version = 99");
    }
    StoreException newer = assertThrows(StoreException.class, () -> JdbcStore.open(pool));
    assertTrue(newer.getMessage().contains("of version 99, written by a newer Flow"), newer.getMessage());
  }

  @Test
  void aClosedStoreTakesNoMoreCalls() {
    store.append(start("Order-1"));
    store.close();
    StoreException closed = assertThrows(StoreException.class, () -> store.read("Order-1"));
    assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    store = JdbcStore.open(pool);
    assertEquals(List.of("Order-1"), store.openInstances().stream().map(InstanceRow::id).toList());
  }

  @Test
  void instantsComeBackToTheNanosecond() {
    java.time.Instant due = java.time.Instant.parse("2026-03-01T09:00:00.123456789Z");
    store.append(start("Order-1", Histories.timer("t", due)));
    assertEquals(List.of(due), store.dueTimers(due, 5).stream().map(TimerRow::due).toList());
    assertEquals(List.of(), store.dueTimers(due.minusNanos(1), 5));
  }

  private static long count(HikariDataSource pool, String sql) throws SQLException {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void theSweeperDeletesEndedInstancesBeyondTheRetentionByItselfInBatches() throws Exception {
    store.close();
    store = JdbcStore.open(pool, JdbcOptions.defaults().withRetainEnded(5).withSweepBatch(10));
    for (int i = 1; i <= 60; i++) {
      store.append(start("Order-" + i, task("review", "clerk"), Histories.timer("t", Histories.at(900))));
      store.append(commit(i, "Order-" + i, 3, Histories.ended(dev.flow.runtime.InstanceState.COMPLETED)));
    }
    store.append(start("Order-61", task("review", "clerk")));
    // The sweeper is asked after every 10 ends; the run asked by the 60th leaves the 5 retained. Wait for that
    // state rather than look while it deletes (counts taken mid-sweep disagree with each other).
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (count(pool, "SELECT COUNT(*) FROM flow_instances WHERE ended_ns IS NOT NULL") > 5
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(5, count(pool, "SELECT COUNT(*) FROM flow_instances WHERE ended_ns IS NOT NULL"),
        "the sweeper, by itself, left the 5 retained");
    assertEquals(List.of("Order-61"), store.openInstances().stream().map(InstanceRow::id).toList());
    assertEquals(4, store.read("Order-60").size());
    assertEquals(List.of(), store.read("Order-1"));
    assertEquals(5 * 4 + 2, count(pool, "SELECT COUNT(*) FROM flow_entries"), "no entry of a deleted instance is left");
    assertEquals(1, count(pool, "SELECT COUNT(*) FROM flow_tasks"));
    assertEquals(0, count(pool, "SELECT COUNT(*) FROM flow_timers"));
    assertEquals(0, ((JdbcStore) store).compact(), "nothing is beyond the retention once the sweeper is done");
    assertEquals(62, store.nextNumber("Order"));
  }

  @Test
  void aDatabaseOfTheFirstVersionOpensWithEverythingInItAndIsBroughtUpToDate() throws SQLException {
    store.close();
    pool.close();
    pool = h2(dir.resolve("first"));
    // The tables exactly as the first release made them, and what it wrote: a loop checkpoint in a history.
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      for (String sql : JdbcSchema.CREATE) {
        statement.execute(sql);
      }
      statement.execute("INSERT INTO flow_schema (version) VALUES (1)");
      statement.execute("INSERT INTO flow_instances (instance_id, workflow, version, state, started_ns, last_sequence,"
          + " id_prefix, id_number) VALUES ('Order-3', 'acme.Order', 1, 'RUNNING', 0, 3, 'Order', 3)");
      String[] kinds = {"InstanceStarted", "LoopCheckpoint", "TimerFired"};
      List<HistoryEntry> entries = List.of(start("Order-3").appends().get(0).entries().get(0),
          new HistoryEntry.LoopCheckpoint("@loop", 2, 1, List.of("round"), List.of(dev.flow.runtime.history.Payload.of(1L))),
          new HistoryEntry.TimerFired("w"));
      JsonCodec codec = new JsonCodec();
      for (int i = 0; i < 3; i++) {
        try (java.sql.PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO flow_entries (instance_id, sequence, at_ns, kind, entry) VALUES ('Order-3', ?, 0, ?, ?)")) {
          insert.setLong(1, i + 1);
          insert.setString(2, kinds[i]);
          insert.setString(3, codec.encodeEntry(entries.get(i)));
          insert.executeUpdate();
        }
      }
    }
    store = JdbcStore.open(pool);
    assertEquals(JdbcSchema.VERSION, count(pool, "SELECT MAX(version) FROM flow_schema"));
    assertEquals(1, count(pool, "SELECT COUNT(*) FROM flow_schema"));
    assertEquals(2, store.lastCheckpoint("Order-3"), "the checkpoint written by the first release is found");
    assertEquals(3, store.read("Order-3").size());
    store.append(commit(5, "Order-3", 3, new HistoryEntry.TimerFired("x")));
    assertEquals(4, store.instance("Order-3").orElseThrow().lastSequence());
    store.close();
    store = JdbcStore.open(pool);
    assertEquals(1, count(pool, "SELECT COUNT(*) FROM flow_schema"), "opened again: nothing to bring up to date");
    assertEquals(4, store.read("Order-3").size());
  }

  @Test
  void aDatabaseOfTheThirdVersionOpensWithItsEmitsOwedAndKeepsEachEmitOnce() throws SQLException {
    store.close();
    pool.close();
    pool = h2(dir.resolve("third"));
    // The tables exactly as the previous release made them (version 3), and what it wrote: an instance
    // that ended right after its emit, before the event was published; one whose emit was published;
    // a kept event, without an origin.
    JsonCodec codec = new JsonCodec();
    HistoryEntry emitted = new HistoryEntry.EventEmitted("@emit1", "acme.Shipped",
        dev.flow.runtime.history.Payload.of("A-1"));
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      for (String sql : JdbcSchema.CREATE) {
        statement.execute(sql);
      }
      for (String sql : JdbcSchema.VERSION_2) {
        statement.execute(sql);
      }
      for (String sql : JdbcSchema.VERSION_3) {
        statement.execute(sql);
      }
      statement.execute("INSERT INTO flow_schema (version) VALUES (3)");
      statement.execute("INSERT INTO flow_instances (instance_id, workflow, version, state, started_ns, ended_ns,"
          + " last_sequence, id_prefix, id_number) VALUES ('Last-1', 'acme.Last', 1, 'COMPLETED', 0, 5, 3, 'Last', 1)");
      statement.execute("INSERT INTO flow_instances (instance_id, workflow, version, state, started_ns, last_sequence,"
          + " id_prefix, id_number) VALUES ('Ship-1', 'acme.Ship', 1, 'RUNNING', 0, 3, 'Ship', 1)");
      List<List<HistoryEntry>> histories = List.of(
          List.of(Histories.started("acme.Last"), emitted, Histories.ended(dev.flow.runtime.InstanceState.COMPLETED)),
          List.of(Histories.started("acme.Ship"), emitted, new HistoryEntry.EventPublished("@emit1", 1)));
      List<String> ids = List.of("Last-1", "Ship-1");
      for (int h = 0; h < 2; h++) {
        for (int i = 0; i < 3; i++) {
          try (java.sql.PreparedStatement insert = connection.prepareStatement(
              "INSERT INTO flow_entries (instance_id, sequence, at_ns, kind, entry) VALUES (?, ?, 0, ?, ?)")) {
            insert.setString(1, ids.get(h));
            insert.setLong(2, i + 1);
            insert.setString(3, histories.get(h).get(i).getClass().getSimpleName());
            insert.setString(4, codec.encodeEntry(histories.get(h).get(i)));
            insert.executeUpdate();
          }
        }
      }
      statement.execute("INSERT INTO flow_events (event_type, published_ns, event_keys, event)"
          + " VALUES ('acme.Shipped', 0, '[]', '" + codec.toJson(dev.flow.runtime.history.Payload.of("B-1")) + "')");
    }
    store = JdbcStore.open(pool);
    assertEquals(5, JdbcSchema.VERSION);
    assertEquals(5, count(pool, "SELECT MAX(version) FROM flow_schema"));
    assertEquals(List.of("Last-1"), store.unpublishedEmitters(), "filled from the histories: the ended instance owes its emit");
    List<EventRow> kept = store.events("acme.Shipped", List.of(), 0, 10);
    assertEquals(1, kept.size());
    assertEquals(null, kept.get(0).origin(), "an event kept by the previous release has no origin");
    long first = store.publish("acme.Shipped", List.of(), Histories.at(1), "A-1", "Last-1/@emit1");
    assertEquals(first, store.publish("acme.Shipped", List.of(), Histories.at(2), "A-1", "Last-1/@emit1"),
        "kept again after a crash: the event of that origin is there already");
    assertEquals(2, store.events("acme.Shipped", List.of(), 0, 10).size());
    assertEquals("Last-1/@emit1", store.events("acme.Shipped", List.of(), 0, 10).get(1).origin());
    store.append(commit(3, "Last-1", 3, new HistoryEntry.EventPublished("@emit1", first)));
    assertEquals(List.of(), store.unpublishedEmitters());
    store.close();
    store = JdbcStore.open(pool);
    assertEquals(1, count(pool, "SELECT COUNT(*) FROM flow_schema"), "opened again: nothing to bring up to date");
    assertEquals(first, store.publish("acme.Shipped", List.of(), Histories.at(4), "A-1", "Last-1/@emit1"));
    assertEquals(List.of(), store.unpublishedEmitters());
  }

  @Test
  void aDatabaseOfTheFourthVersionLosesTheChainFactsItKeptOfDeletedInstances() throws SQLException {
    store.close();
    pool.close();
    pool = h2(dir.resolve("fourth"));
    OldChainFacts.anOldDatabaseIsSweptOnOpen(pool);
    store = JdbcStore.open(pool);
  }

  @Test
  void endedInstancesOlderThanTheAgeLimitAreDeletedWhateverTheCountAndThoseOwingAnEmitWait() throws Exception {
    store.close();
    store = JdbcStore.open(pool, JdbcOptions.defaults().withRetainEndedFor(java.time.Duration.ofHours(1)));
    // Ended at 10 s, 20 s, 30 s; Order-3 ended owing an emit.
    for (int i = 1; i <= 3; i++) {
      store.append(start("Order-" + i, task("review", "clerk")));
    }
    store.append(commit(10, "Order-1", 2, Histories.ended(dev.flow.runtime.InstanceState.COMPLETED)));
    store.append(commit(20, "Order-2", 2, Histories.ended(dev.flow.runtime.InstanceState.COMPLETED)));
    store.append(commit(30, "Order-3", 2, new HistoryEntry.EventEmitted("@e", "acme.Shipped",
        dev.flow.runtime.history.Payload.of("x")), Histories.ended(dev.flow.runtime.InstanceState.COMPLETED)));
    assertEquals(0, ((JdbcStore) store).compact(), "none is an hour old yet");
    store.append(start("Order-4"));
    store.append(commit(3611, "Order-4", 1, new HistoryEntry.TimerFired("t")));
    ((JdbcStore) store).compact();
    assertEquals(java.util.Optional.empty(), store.instance("Order-1"), "an hour after 10 s, Order-1 is too old");
    assertTrue(store.instance("Order-2").isPresent());
    // The sweeper runs by itself as the commits' clock moves on.
    store.append(commit(7200, "Order-4", 2, new HistoryEntry.TimerFired("u")));
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (store.instance("Order-2").isPresent() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(java.util.Optional.empty(), store.instance("Order-2"), "deleted by the sweeper without compact()");
    assertEquals(4, store.read("Order-3").size(), "Order-3 owes an emit: kept until it is published");
    store.append(commit(7201, "Order-3", 4, new HistoryEntry.EventPublished("@e", 1)));
    ((JdbcStore) store).compact();
    assertEquals(java.util.Optional.empty(), store.instance("Order-3"));
    assertEquals(List.of("Order-4"), store.openInstances().stream().map(InstanceRow::id).toList());
    assertEquals(5, store.nextNumber("Order"));
  }

  @Test
  void aRetentionSetOnTheOpenStoreAppliesAtOnce() throws Exception {
    for (int i = 1; i <= 4; i++) {
      store.append(start("Order-" + i));
      store.append(commit(i, "Order-" + i, 1, Histories.ended(dev.flow.runtime.InstanceState.COMPLETED)));
    }
    store.retain(Retention.count(1));
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (count(pool, "SELECT COUNT(*) FROM flow_instances") > 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(1, count(pool, "SELECT COUNT(*) FROM flow_instances"));
    assertTrue(store.instance("Order-4").isPresent(), "the most recently ended is kept");
  }

  @Test
  void theKeysOfDeletedInstancesGoWithThemAndAKeyIsDecidedAgainAfterwards() throws Exception {
    store.close();
    store = JdbcStore.open(pool, JdbcOptions.defaults().withRetainEnded(0));
    String fact = "keyed:acme.Room:kitchen";
    store.holdingKeys(List.of(fact), () -> store.append(new Commit(Histories.at(1),
        start("Room-1").appends(), java.util.Map.of(fact, "Room-1"))));
    store.holdingKeys(List.of("keyed:acme.Room:hall"), () -> store.append(new Commit(Histories.at(1),
        start("Room-2").appends(), java.util.Map.of("keyed:acme.Room:hall", "Room-2"))));
    assertEquals(2, count(pool, "SELECT COUNT(*) FROM flow_keys"));
    store.append(commit(2, "Room-1", 1, Histories.ended(dev.flow.runtime.InstanceState.COMPLETED)));
    ((JdbcStore) store).compact();
    assertEquals(java.util.Optional.empty(), store.instance("Room-1"));
    assertEquals(java.util.Optional.empty(), store.fact(fact), "the key's fact went with its instance");
    assertEquals(1, count(pool, "SELECT COUNT(*) FROM flow_keys"), "and its row");
    assertEquals(java.util.Optional.of("Room-2"), store.fact("keyed:acme.Room:hall"), "a running instance keeps its key");
    // The key is held and decided again: a new instance for it.
    store.holdingKeys(List.of(fact), () -> store.append(new Commit(Histories.at(3),
        start("Room-3").appends(), java.util.Map.of(fact, "Room-3"))));
    assertEquals(java.util.Optional.of("Room-3"), store.fact(fact));
    assertEquals(2, count(pool, "SELECT COUNT(*) FROM flow_keys"));
    // A key whose fact names a newer instance than the deleted one stays.
    store.append(commit(4, "Room-3", 1, Histories.ended(dev.flow.runtime.InstanceState.COMPLETED)));
    store.holdingKeys(List.of(fact), () -> store.append(new Commit(Histories.at(5),
        start("Room-4").appends(), java.util.Map.of(fact, "Room-4"))));
    ((JdbcStore) store).compact();
    assertEquals(java.util.Optional.empty(), store.instance("Room-3"));
    assertEquals(java.util.Optional.of("Room-4"), store.fact(fact));
    assertEquals(2, count(pool, "SELECT COUNT(*) FROM flow_keys"));
  }

  @Test
  void twoStoresOnOneDatabaseRaceForEachSequence() throws Exception {
    JdbcRaces.twoStoresRaceForEachSequence(pool);
  }
}
