package dev.flow.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.flow.runtime.history.Recorded;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that appends to the JDBC store on an H2 file database with SIGKILL, several
 * times, and checks after each kill that every commit the child saw acknowledged is in the database,
 * with no gaps, and that a two-instance commit is all there or not at all.
 */
class JdbcCrashTest {
  /** A plain H2 file URL: the store itself has H2 write each commit before it returns (WRITE_DELAY 0). */
  static String h2Url(Path file) {
    return "jdbc:h2:file:" + file.toAbsolutePath();
  }

  @TempDir
  Path dir;

  @Test
  void everyAcknowledgedCommitSurvivesAKill() throws Exception {
    String url = h2Url(dir.resolve("flow"));
    Map<String, Long> acked = new ConcurrentHashMap<>();
    Random random = new Random(42);
    int kills = 3;
    long total = 0;
    for (int run = 1; run <= kills; run++) {
      AtomicInteger acks = new AtomicInteger();
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), JdbcCrashChild.class.getName(), url, Integer.toString(run))
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      Thread reader = new Thread(() -> readAcks(child, acked, acks));
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (acks.get() < 30 && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      if (!child.isAlive()) {
        fail("the child appending to the database ended by itself (exit " + child.exitValue() + ") after " + acks.get()
            + " acknowledged commits; its stderr is above");
      }
      Thread.sleep(50 + random.nextInt(300));
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
      reader.join(10_000);
      total += acks.get();
      JdbcConnectionPool pool = JdbcConnectionPool.create(url, "", "");
      try (JdbcStore store = JdbcStore.open(pool)) {
        for (Map.Entry<String, Long> ack : acked.entrySet()) {
          List<Recorded> history = store.read(ack.getKey());
          assertTrue(history.size() >= ack.getValue(), "after kill " + run + ": " + ack.getKey() + " was acknowledged at "
              + ack.getValue() + " entries but the database has " + history.size());
          for (int i = 0; i < history.size(); i++) {
            assertEquals(i + 1, history.get(i).sequence(), ack.getKey() + " has a gap");
          }
          assertEquals(history.size(), store.instance(ack.getKey()).orElseThrow().lastSequence(), ack.getKey());
        }
        String first = "Run" + run + "-0";
        assertEquals(store.read(first).size(), store.read(first + "b").size(), "the two instances of one commit");
      } finally {
        pool.dispose();
      }
    }
    System.out.printf("jdbc crash: %d kills, %d acknowledged commits, every one found after its kill%n", kills, total);
  }

  private static void readAcks(Process child, Map<String, Long> acked, AtomicInteger acks) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ack ")) {
          String[] parts = line.split(" ");
          acked.merge(parts[1], Long.parseLong(parts[2]), Math::max);
          acks.incrementAndGet();
        }
      }
    } catch (IOException e) {
      // the child was killed while we read
    }
  }
}
