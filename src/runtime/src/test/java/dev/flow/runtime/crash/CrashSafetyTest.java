package dev.flow.runtime.crash;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: the {@link OrderFlows} workload runs in a child JVM on the file journal and is
 * killed with SIGKILL at random moments (0.2 to 1.5 s after each start), at least
 * {@value #MIN_KILLS} times, restarted each time until every order has ended; a crash-free run of
 * the same workload (another child, a fresh journal, no kills) runs beside it. Then:
 *
 * <ul>
 *   <li>no instance is lost or doubled: every order has exactly one instance, and the two runs have
 *       the same instances (orders, and the children their calls started);
 *   <li>every instance ended in the same state with the same outputs;
 *   <li>no committed transition is lost or duplicated: each outcome (ActionCompleted, ActionFailed,
 *       TaskCompleted, TimerFired, EventReceived, ChildEnded, FirstDecided, CompensationRegistered,
 *       Compensated, InstanceEnded) is committed at most once per step occurrence, and the outcomes
 *       with their values are those of the crash-free run;
 *   <li>every connector call of the crash-free run was made in the crashed run too, every call was
 *       scheduled in the history before it was made, and every call of one step occurrence (repeats
 *       after a restart included) carried the same idempotency key, {@code instanceId/stepOccurrence}.
 * </ul>
 *
 * <p>Tagged {@code crash}: about two minutes, so it runs in {@code .ci/crash-check}, not in
 * {@code mvn verify}. The kill moments come from a seed, printed; {@code -Dflow.crash.seed=N}
 * repeats them.
 */
@Tag("crash")
class CrashSafetyTest {
  static final int MIN_KILLS = 50;
  private static final int MAX_KILLS = 70;
  private static final long BUDGET_MILLIS = 230_000;

  /**
   * The workload's size.
   *
   * @param orders how many orders
   * @param inFlight how many run at once at most
   * @param roundMillis the driver's pause between rounds
   */
  record Workload(int orders, int inFlight, long roundMillis) {}

  /**
   * 40 orders, two at a time, a driver round every 350 ms: about 40 s without kills. A life makes
   * one to two rounds of progress (it costs one to two seconds: starting a child JVM on a 2-core
   * machine); after {@link #MAX_KILLS} the last life runs to the end. Timing alone cannot promise
   * {@link #MIN_KILLS} kills (a fast machine finished after 49, twice), so the crashed run is also
   * paced: see {@link #permitted}.
   */
  static final Workload WORKLOAD = new Workload(Integer.getInteger("flow.crash.orders", 40),
      Integer.getInteger("flow.crash.inFlight", 2), Long.getLong("flow.crash.round", 350));

  @TempDir
  Path dir;

  @Test
  void killedAtRandomTheWorkloadEndsExactlyAsWithoutKills() throws Exception {
    long seed = Long.getLong("flow.crash.seed", System.nanoTime());
    System.out.println("crash: seed " + seed + " (repeat with -Dflow.crash.seed=" + seed + ")");
    long begun = System.nanoTime();
    long deadline = begun + TimeUnit.MILLISECONDS.toNanos(BUDGET_MILLIS);

    Path referenceJournal = dir.resolve("reference");
    Path referenceLog = dir.resolve("reference.log");
    ChildLife reference = ChildLife.start(referenceJournal, referenceLog, dir.resolve("reference.err"), WORKLOAD,
        WORKLOAD.orders());
    try {
      run(seed, begun, deadline, reference, referenceJournal, referenceLog);
    } finally {
      reference.stop();
    }
  }

  private void run(long seed, long begun, long deadline, ChildLife reference, Path referenceJournal, Path referenceLog)
      throws Exception {

    Path journal = dir.resolve("crashed");
    Path log = dir.resolve("crashed.log");
    Path stderr = dir.resolve("crashed.err");
    Random random = new Random(seed);
    int kills = 0;
    int lives = 0;
    long referenceMillis = -1;
    while (true) {
      if (System.nanoTime() > deadline) {
        RunView sofar = RunView.read(journal);
        fail("the crashed run did not finish within " + BUDGET_MILLIS / 1000 + "s (" + kills + " kills, "
            + sofar.ids.size() + " instances); what is open:\n" + open(sofar));
      }
      lives++;
      ChildLife life = ChildLife.start(journal, log, stderr, WORKLOAD, permitted(kills));
      if (!life.awaitRunning(60_000)) {
        life.awaitExit(10_000);
        fail("life " + lives + " ended before it was running (" + life.exit() + "); its stderr:\n" + life.stderrTail());
      }
      long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      // Until the first MIN_KILLS kills a life gets at most 0.9 s (some 25 s of running in all, less
      // than the workload needs even on a fast machine), so the workload cannot end first; then up to 1.5 s.
      long delay = kills >= MAX_KILLS ? remaining
          : kills < MIN_KILLS ? 200 + random.nextInt(701) : 200 + random.nextInt(1301);
      if (life.awaitExit(delay)) {
        if (life.finished()) {
          break;
        }
        fail("life " + lives + " ended by itself without finishing (" + life.exit() + "); its stderr:\n"
            + life.stderrTail());
      }
      if (kills >= MAX_KILLS) {
        life.kill();
        continue; // the budget check above reports it
      }
      life.kill();
      kills++;
      if (referenceMillis < 0 && reference.awaitExit(0)) {
        referenceMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
      }
    }
    long crashedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
    if (!reference.awaitExit(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())))
        || !reference.finished()) {
      fail("the crash-free run did not finish (" + reference.exit() + "); its stderr:\n" + reference.stderrTail());
    }
    if (referenceMillis < 0) {
      referenceMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
    }

    RunView expected = RunView.read(referenceJournal);
    RunView crashed = RunView.read(journal);
    List<String> problems = new ArrayList<>();
    expected.problems.forEach(p -> problems.add("crash-free run: " + p));
    crashed.problems.forEach(p -> problems.add("crashed run: " + p));
    List<String> orders = new ArrayList<>();
    for (int n = 1; n <= WORKLOAD.orders(); n++) {
      orders.add("order " + OrderFlows.order(n));
    }
    compareInstances(expected, crashed, orders, problems);
    Calls referenceCalls = calls(expected, CallLog.read(referenceLog), "crash-free run", problems);
    Calls crashedCalls = calls(crashed, CallLog.read(log), "crashed run", problems);
    int duplicates = compareCalls(referenceCalls, crashedCalls, problems);

    long totalMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
    String summary = String.format("crash: seed %d; %d orders, %d instances; %d kills, %d restarts; "
        + "connector calls: %d crash-free, %d crashed (%d duplicates, each with its step's idempotency key); "
        + "crash-free run %.1fs, crashed run %.1fs, test %.1fs; %d problems",
        seed, WORKLOAD.orders(), crashed.ids.size(), kills, lives - 1, referenceCalls.total, crashedCalls.total, duplicates,
        referenceMillis / 1000.0, crashedMillis / 1000.0, totalMillis / 1000.0, problems.size());
    System.out.println(summary);
    if (!problems.isEmpty()) {
      fail(problems.size() + " problems:\n" + String.join("\n", problems.subList(0, Math.min(40, problems.size()))));
    }
    assertTrue(kills >= MIN_KILLS, "the workload ended after only " + kills + " kills: make it longer");
  }

  /**
   * The highest order number a life of the crashed run may start after {@code kills} kills: the orders spread
   * evenly over the first {@link #MIN_KILLS} lives, the last one only after the last of those kills, so the
   * workload cannot end before it, however fast the machine; then all of them.
   */
  static int permitted(int kills) {
    int orders = WORKLOAD.orders();
    return kills >= MIN_KILLS ? orders : orders * (kills + 2) / (MIN_KILLS + 2);
  }

  /** The same instances (each of {@code roots} among them), each ended the same way with the same outcomes. */
  static void compareInstances(RunView expected, RunView crashed, List<String> roots, List<String> problems) {
    for (String order : roots) {
      if (!crashed.ids.containsKey(order)) {
        problems.add("crashed run: " + order + " has no instance (lost)");
      }
      if (!expected.ids.containsKey(order)) {
        problems.add("crash-free run: " + order + " has no instance");
      }
    }
    Set<String> missing = new TreeSet<>(expected.ids.keySet());
    missing.removeAll(crashed.ids.keySet());
    Set<String> extra = new TreeSet<>(crashed.ids.keySet());
    extra.removeAll(expected.ids.keySet());
    if (!missing.isEmpty() || !extra.isEmpty()) {
      problems.add("the instances differ: missing after crashes " + missing + ", extra " + extra);
    }
    for (String name : expected.ids.keySet()) {
      if (expected.end(name).equals("open")) {
        problems.add("crash-free run: " + name + " did not end: " + expected.tail(name));
      }
      if (!crashed.ids.containsKey(name)) {
        continue;
      }
      if (!expected.end(name).equals(crashed.end(name))) {
        problems.add(name + " ended " + crashed.end(name) + " after crashes, " + expected.end(name) + " without: "
            + crashed.tail(name));
      }
      Map<String, String> want = expected.outcomes.get(name);
      Map<String, String> got = crashed.outcomes.get(name);
      for (Map.Entry<String, String> outcome : want.entrySet()) {
        String value = got.get(outcome.getKey());
        if (value == null) {
          problems.add(name + ": " + outcome.getKey() + " is missing after crashes (lost); crash-free: "
              + outcome.getValue());
        } else if (!value.equals(outcome.getValue())) {
          problems.add(name + ": " + outcome.getKey() + " is " + value + " after crashes, " + outcome.getValue()
              + " without");
        }
      }
      for (String key : got.keySet()) {
        if (!want.containsKey(key)) {
          problems.add(name + ": " + key + " = " + got.get(key) + " only after crashes");
        }
      }
    }
  }

  /** A run's connector calls, counted per (instance, step occurrence, method, attempt). */
  static final class Calls {
    final Map<String, Integer> counts = new TreeMap<>();
    int total;
  }

  /** Counts a run's calls; each must be for an instance of the run, scheduled first, with its step occurrence's key. */
  static Calls calls(RunView view, List<CallLog.Call> log, String run, List<String> problems) {
    Calls calls = new Calls();
    Map<String, Set<String>> keys = new TreeMap<>();
    for (CallLog.Call call : log) {
      calls.total++;
      String name = view.names.get(call.instanceId());
      if (name == null) {
        problems.add(run + ": a call for an instance the journal does not have: " + call.format());
        continue;
      }
      String occurrence = view.occurrence(name, call);
      if (occurrence == null) {
        problems.add(run + ": a call the history of " + name + " does not show: " + call.format());
        continue;
      }
      String key = call.instanceId() + "/" + (call.undoes() ? "compensate:" : "") + occurrence;
      if (!key.equals(call.key())) {
        problems.add(run + ": " + name + " " + occurrence + " was called with the idempotency key " + call.key()
            + ", not " + key);
      }
      if (!view.scheduled(name, occurrence, call)) {
        problems.add(run + ": " + name + " " + call.method() + " attempt " + call.attempt()
            + " was performed but its history never scheduled it");
      }
      String step = name + " " + occurrence + " " + call.method();
      keys.computeIfAbsent(step, k -> new HashSet<>()).add(call.key());
      calls.counts.merge(step + " attempt " + call.attempt(), 1, Integer::sum);
    }
    keys.forEach((step, used) -> {
      if (used.size() != 1) {
        problems.add(run + ": the calls of " + step + " carried different idempotency keys " + used);
      }
    });
    return calls;
  }

  /** Every crash-free call made after crashes too, none made only there; returns the number of repeated calls. */
  static int compareCalls(Calls expected, Calls crashed, List<String> problems) {
    int duplicates = 0;
    for (Map.Entry<String, Integer> call : expected.counts.entrySet()) {
      if (call.getValue() != 1) {
        problems.add("crash-free run: " + call.getKey() + " was called " + call.getValue() + " times");
      }
      if (!crashed.counts.containsKey(call.getKey())) {
        problems.add("crashed run: " + call.getKey() + " was never performed");
      }
    }
    for (Map.Entry<String, Integer> call : crashed.counts.entrySet()) {
      if (!expected.counts.containsKey(call.getKey())) {
        problems.add("crashed run: " + call.getKey() + " was performed, but not in the crash-free run");
      }
      duplicates += call.getValue() - 1;
    }
    return duplicates;
  }

  static String open(RunView view) {
    StringBuilder open = new StringBuilder();
    for (String name : view.ids.keySet()) {
      if (view.end(name).equals("open")) {
        open.append(name).append(" (").append(view.ids.get(name)).append("): ").append(view.tail(name)).append('\n');
      }
    }
    view.problems.forEach(p -> open.append(p).append('\n'));
    return open.toString();
  }
}
