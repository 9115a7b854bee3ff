package dev.flow.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.flow.runtime.InstanceState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a child JVM in the middle of deleting ended instances from an H2 file database,
 * the database engine with it (the child serves the file), and checks what is left: no history,
 * task, timer, receive, incident or key without its instance, every instance left whole, and the
 * deletion resumed to its end by the next store; the batches committed before the kill stay
 * deleted. Bounded: the child is killed once three batches are seen deleted, or after 60 s.
 */
class JdbcSweepCrashTest {
  private static final int ENDED = 600;
  private static final int RUNNING = 5;
  private static final int BATCH = 20;
  private static final List<String> OWNED = List.of("flow_entries", "flow_tasks", "flow_task_roles", "flow_timers",
      "flow_subscriptions", "flow_incidents", "flow_outbox");

  @TempDir
  Path dir;

  @Test
  void aKillInTheMiddleOfADeletionLeavesTheDatabaseWholeAndTheNextStoreFinishesIt() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("flow").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    fill(url);
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), JdbcSweepChild.class.getName(), url, Integer.toString(BATCH))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    long left;
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (java.io.IOException e) {
          return null;
        }
      });
      String line = first.get(60, TimeUnit.SECONDS);
      if (!"sweeping".equals(line)) {
        fail("the child did not open the store: " + line + "; its stderr is above");
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      left = ENDED + RUNNING;
      try (Connection watch = DriverManager.getConnection(url, "", "")) {
        while (System.nanoTime() < deadline && child.isAlive()) {
          // H2 shows a transaction's deletes to other connections a moment before its commit is on disk
          // (and returns to the child), so a batch seen deleted here may be back after the kill: this
          // tells that the sweep is under way, not what is durable. One sweeper deletes one batch at a time,
          // so once three are seen deleted, the first two were committed and acknowledged.
          left = count(watch, "SELECT COUNT(*) FROM flow_instances WHERE ended_ns IS NOT NULL") + RUNNING;
          if (left <= ENDED + RUNNING - 3 * BATCH) {
            break;
          }
          Thread.sleep(2);
        }
        child.destroyForcibly();
      }
      assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child was killed");
    } finally {
      child.destroyForcibly();
    }
    assertTrue(left < ENDED + RUNNING, "the child deleted something before it was killed: " + left);

    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "", "");
    try {
      long ended;
      try (JdbcStore store = JdbcStore.open(pool); Connection connection = pool.getConnection()) {
        ended = count(connection, "SELECT COUNT(*) FROM flow_instances WHERE ended_ns IS NOT NULL");
        assertTrue(ended > 0, "killed in the middle of the deletion: some ended instances are left (else the kill came"
            + " too late to tell)");
        assertTrue(ended <= ENDED - 2 * BATCH, "the batches the child committed before the kill stay deleted: " + ended);
        assertConsistent(connection);
        assertEquals(RUNNING, store.openInstances().size());
        assertEquals(ENDED + RUNNING, store.nextNumber("Order") - 1, "no number of a deleted instance is handed out again");
      }
      try (JdbcStore store = JdbcStore.open(pool, JdbcOptions.defaults().withRetainEnded(0).withSweepBatch(BATCH));
          Connection connection = pool.getConnection()) {
        store.compact();
        assertEquals(0, count(connection, "SELECT COUNT(*) FROM flow_instances WHERE ended_ns IS NOT NULL"),
            "the deletion resumes and ends");
        assertConsistent(connection);
        assertEquals(RUNNING, store.openInstances().size());
        for (InstanceRow row : store.openInstances()) {
          assertEquals(2, store.read(row.id()).size());
        }
        assertTrue(store.nextNumber("Order") > ENDED + RUNNING + 1);
      }
      System.out.printf("jdbc sweep crash: killed when %d of %d instances were seen left; after the kill %d ended are"
          + " left; the next store deleted the rest%n", left, ENDED + RUNNING, ended);
    } finally {
      pool.dispose();
    }
  }

  /** Ended instances with a task, a timer and a key each (the key's fact and row), and a few running ones. */
  private static void fill(String url) {
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "", "");
    try (JdbcStore store = JdbcStore.open(pool)) {
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      for (int i = 1; i <= ENDED + RUNNING; i++) {
        String id = "Order-" + i;
        Commit start = Histories.start(id, Histories.task("review", "clerk"));
        writes.add(store.appendAsync(new Commit(start.at(), start.appends(), Map.of("keyed:acme.Order:k" + i, id))));
        if (i <= ENDED) {
          writes.add(store.appendAsync(Histories.commit(i, id, 2, Histories.timer("late", Histories.at(99_999)),
              Histories.ended(InstanceState.COMPLETED))));
        }
      }
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
      try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
        statement.execute("INSERT INTO flow_keys (key_fact) SELECT fact_key FROM flow_facts WHERE fact_key LIKE 'keyed:%'");
        assertEquals(ENDED + RUNNING, count(connection, "SELECT COUNT(*) FROM flow_keys"));
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    } finally {
      pool.dispose();
    }
  }

  /** Nothing without its instance, and every instance whole (its entries 1..last). */
  private static void assertConsistent(Connection connection) throws SQLException {
    for (String table : OWNED) {
      assertEquals(0, count(connection, "SELECT COUNT(*) FROM " + table + " t WHERE NOT EXISTS"
          + " (SELECT 1 FROM flow_instances i WHERE i.instance_id = t.instance_id)"), "rows of " + table + " without instance");
    }
    assertEquals(0, count(connection, "SELECT COUNT(*) FROM flow_facts f WHERE f.fact_key LIKE 'keyed:%' AND NOT EXISTS"
        + " (SELECT 1 FROM flow_instances i WHERE i.instance_id = f.fact_value)"), "keys naming a deleted instance");
    assertEquals(0, count(connection, "SELECT COUNT(*) FROM flow_keys k WHERE NOT EXISTS"
        + " (SELECT 1 FROM flow_facts f WHERE f.fact_key = k.key_fact)"), "key rows whose instance was deleted");
    assertEquals(0, count(connection, "SELECT COUNT(*) FROM flow_instances i WHERE i.last_sequence <>"
        + " (SELECT COUNT(*) FROM flow_entries e WHERE e.instance_id = i.instance_id) OR i.last_sequence <>"
        + " (SELECT MAX(e.sequence) FROM flow_entries e WHERE e.instance_id = i.instance_id)"), "instances not whole");
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
