package dev.flow.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Engine;
import dev.flow.runtime.ManualClock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The continue-as-new chain facts (and key facts) as a store written before they went with the
 * retention left them, and what opening it leaves of them. Four chains, every kept instance ended:
 *
 * <ul>
 *   <li>Tally-1 → 2 → 3: the first two dropped, the current one kept;
 *   <li>Tally-7 → 8: all dropped (the old store kept both facts forever);
 *   <li>Tally-11 → 12: both kept, but no {@code chained:Tally-11} (the old store never wrote it);
 *   <li>Tally-21 → 22: the current one dropped, the first kept past its turn (as a database keeps
 *       one that owes an emit).
 * </ul>
 *
 * The key of a dropped instance (as a store of before keys went with the retention kept it) goes;
 * a kept instance's key, and a schedule fact naming a dropped instance, stay.
 */
final class OldChainFacts {
  /** The instances the old store still holds, each started and ended. */
  static final List<String> KEPT = List.of("Tally-3", "Tally-11", "Tally-12", "Tally-21");

  /** Every fact the old store holds. */
  static final Map<String, String> OLD = facts(
      "chain:Tally-1", "Tally-3", "chained:Tally-2", "Tally-1", "chained:Tally-3", "Tally-1",
      "chain:Tally-7", "Tally-8", "chained:Tally-8", "Tally-7",
      "chain:Tally-11", "Tally-12", "chained:Tally-12", "Tally-11",
      "chain:Tally-21", "Tally-22", "chained:Tally-22", "Tally-21",
      "schedule:acme.Tally", "Tally-1", "keyed:acme.Tally:k-1", "Tally-12", "keyed:acme.Tally:k-2", "Tally-8");

  /** The facts once the store has opened: the old rule's leftovers gone, the first instances' facts there. */
  static final Map<String, String> SWEPT = facts(
      "chain:Tally-1", "Tally-3", "chained:Tally-3", "Tally-1",
      "chain:Tally-11", "Tally-12", "chained:Tally-11", "Tally-11", "chained:Tally-12", "Tally-11",
      "chained:Tally-21", "Tally-21",
      "schedule:acme.Tally", "Tally-1", "keyed:acme.Tally:k-1", "Tally-12");

  private OldChainFacts() {}

  private static Map<String, String> facts(String... pairs) {
    Map<String, String> facts = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      facts.put(pairs[i], pairs[i + 1]);
    }
    return facts;
  }

  /**
   * Makes the tables exactly as the previous release did (version 4) in an empty database, with the
   * rows it left: the kept instances, ended, and every fact of {@link #OLD}.
   */
  static void writeVersion4(javax.sql.DataSource pool) throws java.sql.SQLException {
    try (java.sql.Connection connection = pool.getConnection();
        java.sql.Statement statement = connection.createStatement()) {
      for (String sql : JdbcSchema.CREATE) {
        statement.execute(sql);
      }
      for (List<String> step : JdbcSchema.STEPS.subList(0, 3)) {
        for (String sql : step) {
          statement.execute(sql);
        }
      }
      statement.execute("INSERT INTO flow_schema (version) VALUES (4)");
      for (String id : KEPT) {
        try (java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO flow_instances (instance_id,"
            + " workflow, version, state, started_ns, ended_ns, last_sequence, id_prefix, id_number)"
            + " VALUES (?, 'acme.Tally', 1, 'COMPLETED', 0, 5, 2, 'Tally', ?)")) {
          insert.setString(1, id);
          insert.setLong(2, Long.parseLong(id.substring("Tally-".length())));
          insert.executeUpdate();
        }
      }
      statement.execute("INSERT INTO flow_keys (key_fact) VALUES ('keyed:acme.Tally:k-1')");
      statement.execute("INSERT INTO flow_keys (key_fact) VALUES ('keyed:acme.Tally:k-2')");
      for (Map.Entry<String, String> fact : OLD.entrySet()) {
        try (java.sql.PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO flow_facts (fact_key, fact_value) VALUES (?, ?)")) {
          insert.setString(1, fact.getKey());
          insert.setString(2, fact.getValue());
          insert.executeUpdate();
        }
      }
    }
  }

  /**
   * A database of version 4 with the old chain facts opens at version 5 with them swept, an engine
   * on it answers {@code current}, and opening it again changes nothing.
   */
  static void anOldDatabaseIsSweptOnOpen(javax.sql.DataSource pool) throws java.sql.SQLException {
    writeVersion4(pool);
    try (JdbcStore store = JdbcStore.open(pool)) {
      assertEquals(5, JdbcSchema.VERSION);
      assertEquals(List.of(5L), count(pool, "SELECT version FROM flow_schema"));
      assertSwept(store);
      assertEquals(List.of(1L), count(pool, "SELECT COUNT(*) FROM flow_keys WHERE key_fact = 'keyed:acme.Tally:k-1'"));
      assertEquals(List.of(0L), count(pool, "SELECT COUNT(*) FROM flow_keys WHERE key_fact = 'keyed:acme.Tally:k-2'"),
          "the row of the freed key goes with its fact");
      assertCurrent(store);
    }
    try (JdbcStore store = JdbcStore.open(pool)) {
      assertEquals(List.of(5L), count(pool, "SELECT version FROM flow_schema"), "opened again: nothing to bring up to date");
      assertSwept(store);
      assertEquals(List.of((long) SWEPT.size()), count(pool, "SELECT COUNT(*) FROM flow_facts"));
    }
  }

  private static List<Long> count(javax.sql.DataSource pool, String sql) throws java.sql.SQLException {
    List<Long> values = new java.util.ArrayList<>();
    try (java.sql.Connection connection = pool.getConnection();
        java.sql.Statement statement = connection.createStatement();
        java.sql.ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getLong(1));
      }
    }
    return values;
  }

  /** Every fact the old store held or the sweep may have written is now as {@link #SWEPT} says. */
  static void assertSwept(Store store) {
    TreeSet<String> keys = new TreeSet<>(OLD.keySet());
    keys.addAll(SWEPT.keySet());
    keys.add("chained:Tally-1");
    keys.add("chained:Tally-7");
    for (String key : keys) {
      assertEquals(Optional.ofNullable(SWEPT.get(key)), store.fact(key), key);
    }
    for (String id : KEPT) {
      assertTrue(store.instance(id).isPresent(), id + " is kept");
    }
  }

  /** An engine on the swept store finds each kept id's chain's current instance, and knows no dropped id. */
  static void assertCurrent(Store store) {
    try (Engine engine = Engine.builder().clock(ManualClock.at("2026-11-24T09:00:00Z")).store(store).build()) {
      assertEquals("Tally-3", engine.current("Tally-3"), "the current instance of a chain whose first went");
      assertEquals("Tally-12", engine.current("Tally-11"), "from a kept first instance");
      assertEquals("Tally-12", engine.current("Tally-12"));
      for (String dropped : List.of("Tally-1", "Tally-2", "Tally-7", "Tally-8", "Tally-22")) {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> engine.current(dropped));
        assertTrue(unknown.getMessage().contains(dropped), unknown.getMessage());
      }
      IllegalArgumentException gone = assertThrows(IllegalArgumentException.class, () -> engine.current("Tally-21"));
      assertTrue(gone.getMessage().contains("no longer keeps its chain's current instance"), gone.getMessage());
    }
  }
}
