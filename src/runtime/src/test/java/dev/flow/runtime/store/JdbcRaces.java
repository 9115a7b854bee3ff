package dev.flow.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/** Races between two JDBC stores on one database, as two engines on one database would run them. */
final class JdbcRaces {
  private JdbcRaces() {}

  /**
   * Two stores on one database, three threads each, append to the same two instances with the
   * sequences they expect: the database lets exactly one commit win each sequence, a conflict
   * found in a group commit fails only its own commit, and both histories are whole.
   */
  static void twoStoresRaceForEachSequence(DataSource dataSource) throws Exception {
    int rounds = 60;
    try (JdbcStore one = JdbcStore.open(dataSource); JdbcStore two = JdbcStore.open(dataSource)) {
      one.append(Histories.start("Race-1"));
      one.append(Histories.start("Race-2"));
      Map<String, String> winners = new ConcurrentHashMap<>();
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(6);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
          JdbcStore store = t % 2 == 0 ? one : two;
          String name = "t" + t;
          String instance = t < 3 ? "Race-1" : "Race-2";
          done.add(pool.submit(() -> {
            go.await();
            for (int round = 0; round < rounds; round++) {
              long expected = store.instance(instance).orElseThrow().lastSequence();
              try {
                store.append(Histories.commit(round, instance, expected,
                    new HistoryEntry.TimerFired(name + "@" + expected)));
                String before = winners.put(instance + "#" + (expected + 1), name + "@" + expected);
                assertEquals(null, before, "two winners for " + instance + " at " + (expected + 1));
              } catch (AppendConflict conflict) {
                // the other writer was first: expected
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
      for (String instance : List.of("Race-1", "Race-2")) {
        List<Recorded> history = one.read(instance);
        assertEquals(history.size(), two.instance(instance).orElseThrow().lastSequence(), instance);
        for (int i = 1; i < history.size(); i++) {
          assertEquals(i + 1, history.get(i).sequence(), instance + " has a gap");
          assertEquals(winners.get(instance + "#" + (i + 1)), history.get(i).entry().stepId(), instance + " at " + (i + 1));
        }
        assertEquals(history.size() - 1, winners.keySet().stream().filter(k -> k.startsWith(instance + "#")).count());
      }
    }
  }
}
