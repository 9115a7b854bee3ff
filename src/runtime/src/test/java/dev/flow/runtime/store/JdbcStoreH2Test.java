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

  @Test
  void twoStoresOnOneDatabaseRaceForEachSequence() throws Exception {
    JdbcRaces.twoStoresRaceForEachSequence(pool);
  }
}
