package dev.flow.runtime.store;

import static dev.flow.runtime.store.Histories.commit;
import static dev.flow.runtime.store.Histories.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.flow.runtime.history.HistoryEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The store TCK on the JDBC store over PostgreSQL. Runs only when {@code -Dflow.pg.url=jdbc:postgresql://…}
 * names a database it may empty ({@code .ci/postgres-check} starts one); each test begins by dropping
 * Flow's tables there.
 */
@EnabledIfSystemProperty(named = "flow.pg.url", matches = "jdbc:postgresql:.+")
class JdbcStorePostgresTest extends StoreContract {
  private static final String[] TABLES = {"flow_entries", "flow_instances", "flow_tasks", "flow_timers",
      "flow_subscriptions", "flow_incidents", "flow_events", "flow_task_roles", "flow_facts", "flow_numbers", "flow_keys",
      "flow_outbox", "flow_schema"};

  private HikariDataSource pool;
  private boolean emptied;

  private static HikariDataSource postgres() {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(System.getProperty("flow.pg.url"));
    String user = System.getProperty("flow.pg.user");
    if (user != null) {
      pool.setUsername(user);
      pool.setPassword(System.getProperty("flow.pg.password", ""));
    }
    pool.setMaximumPoolSize(8);
    return pool;
  }

  @Override
  protected Store open() {
    pool = postgres();
    if (!emptied) {
      dropTables();
      emptied = true;
    }
    return JdbcStore.open(pool);
  }

  private void dropTables() {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        statement.execute("DROP TABLE IF EXISTS " + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the test database: " + e.getMessage(), e);
    }
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
    pool = postgres();
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
  void runsOnPostgresql() {
    assertTrue(((JdbcStore) store).database().startsWith("PostgreSQL "), ((JdbcStore) store).database());
  }

  @Test
  void aSecondWriterWithTheSameExpectedSequenceConflictsInTheDatabase() {
    store.append(start("Order-1"));
    try (JdbcStore second = JdbcStore.open(pool)) {
      second.append(commit(1, "Order-1", 1, new HistoryEntry.TimerFired("a")));
      AppendConflict conflict = assertThrows(AppendConflict.class,
          () -> store.append(commit(2, "Order-1", 1, new HistoryEntry.TimerFired("b"))));
      assertEquals(2, conflict.actual());
    }
    assertEquals(2, store.read("Order-1").size());
  }

  @Test
  void aDatabaseOfTheFourthVersionLosesTheChainFactsItKeptOfDeletedInstances() throws SQLException {
    store.close();
    dropTables();
    OldChainFacts.anOldDatabaseIsSweptOnOpen(pool);
    store = JdbcStore.open(pool);
  }

  @Test
  void twoStoresOnOneDatabaseRaceForEachSequence() throws Exception {
    JdbcRaces.twoStoresRaceForEachSequence(pool);
  }
}
