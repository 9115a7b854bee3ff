package dev.flow.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that appends to the journal (fsync on) with SIGKILL, several times, and checks
 * after each kill that every commit the child saw acknowledged is in the journal, with no gaps.
 */
class JournalCrashTest {
  @TempDir
  Path dir;

  @Test
  void everyAcknowledgedCommitSurvivesAKill() throws Exception {
    Path journal = dir.resolve("journal");
    Map<String, Long> acked = new ConcurrentHashMap<>();
    Random random = new Random(42);
    int kills = 5;
    long total = 0;
    for (int run = 1; run <= kills; run++) {
      AtomicInteger acks = new AtomicInteger();
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), JournalCrashChild.class.getName(), journal.toString(),
          Integer.toString(run))
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      Thread reader = new Thread(() -> readAcks(child, acked, acks));
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (acks.get() < 30 && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      if (!child.isAlive()) {
        fail("the child appending to the journal ended by itself (exit " + child.exitValue() + ") after " + acks.get()
            + " acknowledged commits; its stderr is above");
      }
      if (run == 1) {
        StoreException busy = assertThrows(StoreException.class, () -> JournalStore.open(journal));
        assertTrue(busy.getMessage().contains("in use by another engine (process " + child.pid() + ")"),
            busy.getMessage());
      }
      Thread.sleep(50 + random.nextInt(300));
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
      reader.join(10_000);
      total += acks.get();
      try (JournalStore store = JournalStore.open(journal, JournalOptions.defaults().withFsync(false))) {
        for (Map.Entry<String, Long> ack : acked.entrySet()) {
          List<Recorded> history = store.read(ack.getKey());
          assertTrue(history.size() >= ack.getValue(), "after kill " + run + ": " + ack.getKey() + " was acknowledged at "
              + ack.getValue() + " entries but the journal has " + history.size());
          for (int i = 0; i < history.size(); i++) {
            assertEquals(i + 1, history.get(i).sequence(), ack.getKey() + " has a gap");
          }
        }
        // a pair commit is atomic: both instances of it have the same length
        String first = "Run" + run + "-0";
        assertEquals(store.read(first).size(), store.read(first + "b").size(), "the two instances of one commit");
      }
    }
    System.out.printf("crash: %d kills, %d acknowledged commits, every one found after its kill%n", kills, total);
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
