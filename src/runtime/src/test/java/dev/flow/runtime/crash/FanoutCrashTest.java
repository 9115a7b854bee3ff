package dev.flow.runtime.crash;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.flow.runtime.history.Payload;
import dev.flow.runtime.store.JdbcStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety, a second workload ({@link FanoutFlows}: {@code for each … in parallel} with an action, a task and a
 * nested {@code call} per item, a {@code first} racing a receive, a task, a wait and a call of a child that calls a
 * grandchild, an event published by a connector from inside an action, incidents retried by an operator, a task that
 * escalates past its time limit, compensation; many batches in flight at once, connector calls on a worker pool). Its
 * child JVM ({@link FanoutChild}) compacts the journal every {@value #COMPACT_MILLIS} ms and uses 16 KiB segments, so
 * kills land in compactions and segment rolls; about one life in four is killed within
 * {@value #EARLY_KILL_MILLIS} ms of starting, while it opens the journal or recovers (several such kills in a row kill
 * a recovery that a killed recovery left). The checks are {@link CrashSafetyTest}'s: the same instances, the same
 * outcomes each committed once, the same final states, every connector call of the crash-free run made, every
 * repeat with its step occurrence's idempotency key. A second test runs the workload on the JDBC store (H2 in a file)
 * with half the kills.
 *
 * <p>Tagged {@code crash} (about two minutes): it runs in {@code .ci/crash-check}. The kill moments come from a seed,
 * printed; {@code -Dflow.crash.seed=N} repeats them.
 */
@Tag("crash")
class FanoutCrashTest {
  /** The kills of the run on the journal at least and at most (the run on H2 has half). */
  static final int MIN_KILLS = 40;
  private static final int MAX_KILLS = 60;
  private static final long BUDGET_MILLIS = 240_000;
  static final long COMPACT_MILLIS = 150;
  static final long EARLY_KILL_MILLIS = 150;
  static final int BATCHES = Integer.getInteger("flow.crash2.batches", 30);
  private static final int IN_FLIGHT = Integer.getInteger("flow.crash2.inFlight", 12);
  private static final long ROUND_MILLIS = Long.getLong("flow.crash2.round", 300);

  /** Kept when the test fails, to read its journals and logs (the path is in the failure). */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void killedAtRandomAlsoInCompactionsAndRecoveriesTheFanoutWorkloadEndsExactlyAsWithoutKills() throws Exception {
    run("journal", name -> dir.resolve(name).toString(), MIN_KILLS, MAX_KILLS);
  }

  /** The same on the JDBC store, H2 in a file (no compactions there); fewer kills, as each life costs more. */
  @Test
  void onTheJdbcStoreInAnH2FileTheFanoutWorkloadEndsExactlyAsWithoutKills() throws Exception {
    run("h2", name -> "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath(), MIN_KILLS / 2, MAX_KILLS / 2);
  }

  /**
   * The workload with each batch's wait written before its call (crash finding 1, fixed): a run's commands up to its
   * first side effect are one commit, so no kill falls between the wait's timer and the call's child start.
   */
  @Test
  void withTheWaitBeforeTheCallTheFanoutWorkloadEndsExactlyAsWithoutKills() throws Exception {
    order = "wait-first";
    run("journal", name -> dir.resolve(name).toString(), MIN_KILLS, MAX_KILLS);
  }

  /** The order of each batch's {@code first}: the call before the wait, or {@code wait-first}. */
  private String order = "call-first";

  private void run(String store, Function<String, String> location, int minKills, int maxKills) throws Exception {
    long seed = Long.getLong("flow.crash.seed", System.nanoTime());
    System.out.println("crash2 (" + store + "): seed " + seed + " (repeat with -Dflow.crash.seed=" + seed + ")");
    long begun = System.nanoTime();
    long deadline = begun + TimeUnit.MILLISECONDS.toNanos(BUDGET_MILLIS);
    String referenceStore = location.apply("reference");
    Path referenceLog = dir.resolve("reference.log");
    ChildLife reference = life(referenceStore, referenceLog, dir.resolve("reference.err"), BATCHES);
    try {
      run(store, seed, begun, deadline, reference, referenceStore, referenceLog, location.apply("crashed"), minKills,
          maxKills);
    } finally {
      reference.stop();
    }
  }

  private ChildLife life(String store, Path log, Path stderr, int permitted) throws java.io.IOException {
    return ChildLife.start(stderr, FanoutChild.class, store, log.toString(), Integer.toString(BATCHES),
        Integer.toString(IN_FLIGHT), Long.toString(ROUND_MILLIS), Integer.toString(permitted),
        Long.toString(COMPACT_MILLIS), order);
  }

  private void run(String store, long seed, long begun, long deadline, ChildLife reference, String referenceStore,
      Path referenceLog, String journal, int minKills, int maxKills) throws Exception {
    Path log = dir.resolve("crashed.log");
    Path stderr = dir.resolve("crashed.err");
    Random random = new Random(seed);
    int kills = 0;
    int early = 0;
    int lives = 0;
    while (true) {
      if (System.nanoTime() > deadline) {
        fail("the crashed run did not finish within " + BUDGET_MILLIS / 1000 + "s (" + kills + " kills); what is open:\n"
            + CrashSafetyTest.open(view(journal)));
      }
      lives++;
      ChildLife life = life(journal, log, stderr, permitted(kills, minKills));
      if (!life.awaitRunning(60_000)) {
        life.awaitExit(10_000);
        fail("life " + lives + " ended before it was running (" + life.exit() + "); its stderr:\n" + life.stderrTail());
      }
      long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      boolean soon = kills < maxKills && random.nextInt(4) == 0;
      long delay = kills >= maxKills ? remaining
          : soon ? random.nextInt((int) EARLY_KILL_MILLIS + 1)
          : kills < minKills ? 300 + random.nextInt(701) : 300 + random.nextInt(1201);
      if (life.awaitExit(delay)) {
        if (life.finished()) {
          break;
        }
        fail("life " + lives + " ended by itself without finishing (" + life.exit() + "); its stderr:\n"
            + life.stderrTail());
      }
      life.kill();
      if (kills < maxKills) {
        kills++;
        early += soon ? 1 : 0;
      }
    }
    long crashedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
    if (!reference.awaitExit(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())))
        || !reference.finished()) {
      fail("the crash-free run did not finish (" + reference.exit() + "); its stderr:\n" + reference.stderrTail());
    }
    RunView expected = view(referenceStore);
    RunView crashed = view(journal);
    List<String> problems = new ArrayList<>();
    expected.problems.forEach(p -> problems.add("crash-free run: " + p));
    crashed.problems.forEach(p -> problems.add("crashed run: " + p));
    List<String> batches = new ArrayList<>();
    for (int n = 1; n <= BATCHES; n++) {
      batches.add("batch " + FanoutFlows.batch(n));
    }
    CrashSafetyTest.compareInstances(expected, crashed, batches, problems);
    CrashSafetyTest.Calls referenceCalls = CrashSafetyTest.calls(expected, CallLog.read(referenceLog), "crash-free run",
        problems);
    CrashSafetyTest.Calls crashedCalls = CrashSafetyTest.calls(crashed, CallLog.read(log), "crashed run", problems);
    int duplicates = CrashSafetyTest.compareCalls(referenceCalls, crashedCalls, problems);
    // A journal opened after a kill in a compaction or a segment roll deletes the segment no manifest names, and says so.
    long cutShort = Files.exists(stderr) ? Files.readAllLines(stderr, StandardCharsets.UTF_8).stream()
        .filter(line -> line.contains("which the journal's MANIFEST does not name")).count() : 0;
    System.out.println(String.format("crash2 (%s): seed %d; %d batches, %d instances; %d kills (%d within %d ms of a "
        + "start), %d restarts (%d after a kill in a compaction or segment roll); connector calls: %d crash-free, "
        + "%d crashed (%d duplicates); crashed run %.1fs; %d problems",
        store, seed, BATCHES, crashed.ids.size(), kills, early, EARLY_KILL_MILLIS, lives - 1, cutShort,
        referenceCalls.total, crashedCalls.total, duplicates, crashedMillis / 1000.0, problems.size()));
    if (!problems.isEmpty()) {
      fail(problems.size() + " problems (the journals and logs are in " + dir + "):\n"
          + String.join("\n", problems.subList(0, Math.min(40, problems.size()))));
    }
    assertTrue(kills >= minKills, "the workload ended after only " + kills + " kills: make it longer");
  }

  private static RunView view(String location) {
    Function<Payload, String> name = input -> "batch " + input.as(FanoutFlows.BatchIn.class).batch();
    if (!location.startsWith("jdbc:")) {
      return RunView.read(Path.of(location), FanoutFlows.BATCH, name);
    }
    JdbcConnectionPool pool = JdbcConnectionPool.create(location, "", "");
    try (JdbcStore store = JdbcStore.open(pool)) {
      return RunView.read(store, FanoutFlows.BATCH, name);
    } finally {
      pool.dispose();
    }
  }

  /** The highest batch a life may start after {@code kills} kills: spread over the first {@code minKills} lives. */
  static int permitted(int kills, int minKills) {
    return kills >= minKills ? BATCHES : BATCHES * (kills + 2) / (minKills + 2);
  }
}
