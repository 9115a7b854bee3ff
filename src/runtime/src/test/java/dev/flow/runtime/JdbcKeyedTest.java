package dev.flow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import dev.flow.runtime.store.InstanceQuery;
import dev.flow.runtime.store.InstanceRow;
import dev.flow.runtime.store.JdbcStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyed instances (issue 11) with two engines on one database: the database decides, so two
 * engines publishing one new key at once start one instance, and the other engine's event goes to
 * it. On an embedded H2 file database; on PostgreSQL instead when {@code -Dflow.pg.url} names one.
 */
class JdbcKeyedTest {
  private final ManualClock clock = ManualClock.at("2026-11-24T09:00:00Z");

  @TempDir
  Path dir;

  private HikariDataSource first;
  private HikariDataSource second;

  record Reading(String room, long value) {}

  private static final ReceiveStep<Reading> NEXT = ReceiveStep.of("next", Reading.class).correlate("room", Reading::room);
  private static final ReceiveStep<Reading> LAST = ReceiveStep.of("last", Reading.class).correlate("room", Reading::room);

  /** One instance per room: its first reading starts it, it adds up that one and the room's next two. */
  static final WorkflowDefinition<In, Out> ROOM = Flows.workflow("Room", (ctx, in) -> {
    String room = in.name().substring(0, in.name().indexOf('='));
    long total = Long.parseLong(in.name().substring(in.name().indexOf('=') + 1));
    total += ctx.receive(NEXT, new Object[] {room}, r -> true).value();
    total += ctx.receive(LAST, new Object[] {room}, r -> true).value();
    return new Out(room + " " + total);
  }).startsOn(Reading.class, r -> new In(r.room() + "=" + r.value()), Reading::room).steps(NEXT, LAST).build();

  private HikariDataSource pool() {
    HikariDataSource pool = new HikariDataSource();
    String postgres = System.getProperty("flow.pg.url");
    if (postgres != null && postgres.startsWith("jdbc:postgresql:")) {
      pool.setJdbcUrl(postgres);
      pool.setUsername(System.getProperty("flow.pg.user"));
      pool.setPassword(System.getProperty("flow.pg.password", ""));
    } else {
      pool.setJdbcUrl("jdbc:h2:file:" + dir.resolve("flow").toAbsolutePath());
    }
    pool.setMaximumPoolSize(4);
    return pool;
  }

  @BeforeEach
  void openDatabase() throws SQLException {
    first = pool();
    second = pool();
    if (System.getProperty("flow.pg.url", "").startsWith("jdbc:postgresql:")) {
      try (Connection connection = first.getConnection(); Statement statement = connection.createStatement()) {
        for (String table : List.of("flow_entries", "flow_instances", "flow_tasks", "flow_timers", "flow_subscriptions",
            "flow_incidents", "flow_events", "flow_task_roles", "flow_facts", "flow_numbers", "flow_keys", "flow_outbox",
            "flow_schema")) {
          statement.execute("DROP TABLE IF EXISTS " + table);
        }
      }
    }
  }

  @AfterEach
  void closeDatabase() {
    first.close();
    second.close();
  }

  private Engine engine(JdbcStore store) {
    return Engine.builder().clock(clock).store(store).workflow(ROOM).build();
  }

  @Test
  void twoEnginesPublishingOneNewKeyAtOnceStartOneInstanceThatTakesBothEvents() throws Exception {
    int keys = 20;
    try (JdbcStore one = JdbcStore.open(first); JdbcStore two = JdbcStore.open(second);
        Engine a = engine(one); Engine b = engine(two)) {
      ExecutorService threads = Executors.newFixedThreadPool(2);
      List<Future<List<String>>> started = new ArrayList<>();
      try {
        for (int k = 0; k < keys; k++) {
          String room = "room-" + k;
          CountDownLatch go = new CountDownLatch(1);
          started.add(threads.submit(() -> {
            go.await();
            return a.publish(new Reading(room, 1)).started();
          }));
          started.add(threads.submit(() -> {
            go.await();
            return b.publish(new Reading(room, 2)).started();
          }));
          go.countDown();
        }
        int count = 0;
        for (Future<List<String>> f : started) {
          count += f.get().size();
        }
        assertEquals(keys, count, "one instance per key, whichever engine started it");
      } finally {
        threads.shutdown();
      }
      assertEquals(keys, one.instances(InstanceQuery.newest(1000)).size());
      for (int k = 0; k < keys; k++) {
        (k % 2 == 0 ? a : b).publish(new Reading("room-" + k, 10));
      }
      List<InstanceRow> rooms = one.instances(InstanceQuery.newest(1000));
      assertEquals(keys, rooms.size());
      for (InstanceRow row : rooms) {
        WorkflowInstance instance = a.instance(row.id());
        assertEquals(InstanceState.COMPLETED, instance.state(), row.id() + " took both engines' readings and the third");
        String room = instance.output(Out.class).result().split(" ")[0];
        assertEquals(new Out(room + " 13"), instance.output(Out.class));
      }
    }
  }
}
