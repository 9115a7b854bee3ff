package dev.flow.runtime.crash;

import com.zaxxer.hikari.HikariDataSource;
import dev.flow.runtime.store.JdbcStore;
import dev.flow.runtime.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash windows of {@code emit} ({@link EmitCrashTest}) on the JDBC store: an embedded H2
 * database in a file, or PostgreSQL when {@code -Dflow.pg.url} names one ({@code .ci/postgres-check};
 * each store then begins by dropping Flow's tables there). The event's origin is a unique column of
 * {@code flow_events} and the outbox of emits a table, so the republish after a crash keeps nothing
 * twice, also across a store opened again on the database.
 */
class JdbcEmitCrashTest extends EmitCrashTest {
  private static final List<String> TABLES = List.of("flow_entries", "flow_instances", "flow_tasks", "flow_timers",
      "flow_subscriptions", "flow_incidents", "flow_events", "flow_task_roles", "flow_facts", "flow_numbers",
      "flow_keys", "flow_outbox", "flow_schema");

  @TempDir
  Path tmp;

  private final List<HikariDataSource> pools = new ArrayList<>();
  private final List<Store> stores = new ArrayList<>();
  private final java.util.Map<Store, HikariDataSource> poolOf = new java.util.IdentityHashMap<>();
  /** The database of this test (PostgreSQL's is emptied once, by the first store of the test). */
  private boolean emptied;

  private static boolean onPostgres() {
    String url = System.getProperty("flow.pg.url");
    return url != null && url.startsWith("jdbc:postgresql:");
  }

  private Store open(Path file) {
    HikariDataSource pool = new HikariDataSource();
    pools.add(pool);
    pool.setMaximumPoolSize(6);
    if (onPostgres()) {
      pool.setJdbcUrl(System.getProperty("flow.pg.url"));
      pool.setUsername(System.getProperty("flow.pg.user"));
      pool.setPassword(System.getProperty("flow.pg.password", ""));
      if (!emptied) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
          for (String table : TABLES) {
            statement.execute("DROP TABLE IF EXISTS " + table);
          }
        } catch (SQLException e) {
          throw new IllegalStateException("cannot empty the test database: " + e.getMessage(), e);
        }
        emptied = true;
      }
    } else {
      pool.setJdbcUrl("jdbc:h2:file:" + file.toAbsolutePath());
    }
    Store store = JdbcStore.open(pool);
    stores.add(store);
    poolOf.put(store, pool);
    return store;
  }

  /** The JDBC store closed (what its writer had queued is written) and opened again on its database. */
  @Override
  protected Store restarted(Store store) {
    store.close();
    HikariDataSource pool = poolOf.get(store);
    Store again = JdbcStore.open(pool);
    stores.add(again);
    poolOf.put(again, pool);
    return again;
  }

  @Override
  protected Store newStore() {
    return open(tmp.resolve("flow"));
  }

  @Override
  protected Store openDurable(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return open(dir.resolve("durable"));
  }

  @AfterEach
  void closeDatabases() {
    for (Store store : stores) {
      store.close();
    }
    for (HikariDataSource pool : pools) {
      pool.close();
    }
  }
}
