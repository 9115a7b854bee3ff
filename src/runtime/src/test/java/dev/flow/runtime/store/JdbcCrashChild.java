package dev.flow.runtime.store;

import dev.flow.runtime.history.HistoryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The child process of {@link JdbcCrashTest}: opens the JDBC store on a database URL, and from three
 * threads appends until it is killed, printing {@code ack INSTANCE SEQUENCE} once each append has
 * returned. One thread commits to two instances at once.
 */
public final class JdbcCrashChild {
  private JdbcCrashChild() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String run = args[1];
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "", "");
    JdbcStore store = JdbcStore.open(pool);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      String id = "Run" + run + "-" + t;
      boolean pairs = t == 0;
      Thread thread = new Thread(() -> appendForever(store, id, pairs));
      threads.add(thread);
      thread.start();
    }
    System.out.println("started");
    System.out.flush();
    for (Thread thread : threads) {
      thread.join();
    }
  }

  private static void appendForever(JdbcStore store, String id, boolean pairs) {
    store.append(Histories.start(id));
    ack(id, 1);
    String partner = id + "b";
    if (pairs) {
      store.append(Histories.start(partner));
      ack(partner, 1);
    }
    for (long sequence = 1; ; sequence++) {
      HistoryEntry entry = new HistoryEntry.TimerFired("tick" + sequence);
      if (pairs) {
        store.append(new Commit(Histories.at(sequence), List.of(
            new Commit.Append(id, sequence, List.of(entry)),
            new Commit.Append(partner, sequence, List.of(entry))), Map.of()));
        ack(id, sequence + 1);
        ack(partner, sequence + 1);
      } else {
        store.append(Histories.commit(sequence, id, sequence, entry));
        ack(id, sequence + 1);
      }
    }
  }

  private static synchronized void ack(String id, long sequence) {
    System.out.println("ack " + id + " " + sequence);
    System.out.flush();
  }
}
