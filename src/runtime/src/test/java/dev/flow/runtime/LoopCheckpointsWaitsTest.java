package dev.flow.runtime;

import static dev.flow.runtime.Flows.ALICE;
import static dev.flow.runtime.Flows.CLERK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.store.MemoryStore;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loop checkpoints of a loop with {@code receive}, {@code signal} and {@code wait for}: replaying
 * the rounds a checkpoint leaves out would rebuild which kept events the instance took and how
 * many signals it keeps, so the checkpoint carries both. An instance read back from a checkpoint
 * takes no event twice and keeps the same signals as one never evicted.
 */
class LoopCheckpointsWaitsTest {
  private final ManualClock clock = ManualClock.at("2026-11-24T09:00:00Z");
  private static final TaskStep<Void> WORK = TaskStep.of("work", CLERK);
  private static final ReceiveStep<Reading> READING = ReceiveStep.of("reading", Reading.class);
  private static final int ROUNDS = 300;
  /** The sum of the readings 1 … ROUNDS: each taken once, none twice. */
  private static final long TOTAL = ROUNDS * (ROUNDS + 1L) / 2;

  record Reading(int value) {}

  /**
   * Each round: a person's step, then the oldest reading not taken yet, then two {@code tick}s
   * raised and one taken; after the loop, three more {@code wait for tick}, which go on only if the
   * ticks the rounds kept are still known. State in fields, as generated code keeps it.
   */
  static final class Watch implements Workflow<In, Out> {
    private long round;
    private long total;
    private int lastValue;

    @Override
    public WorkflowDefinition<In, Out> definition() {
      return DEFINITION;
    }

    @Override
    public Out run(FlowContext ctx, In input) {
      round = 0;
      total = 0;
      ctx.loop(() -> round < ROUNDS, () -> {
        ctx.task(WORK);
        Reading reading = ctx.receive(READING, e -> true);
        total = total + reading.value();
        lastValue = reading.value();
        ctx.signal("tick");
        ctx.signal("tick");
        ctx.waitFor("tick");
        round = round + 1;
      });
      ctx.waitFor("tick");
      ctx.waitFor("tick");
      ctx.waitFor("tick");
      return new Out(input.name() + " " + total + " last " + lastValue + " after " + round);
    }
  }

  static final WorkflowDefinition<In, Out> DEFINITION = WorkflowDefinition.builder("t.Watch", In.class, Out.class,
      Watch::new).loopCheckpoints().build();

  private Engine.Builder builder() {
    return Engine.builder().clock(clock).workflow(DEFINITION);
  }

  private static Out expected(String name) {
    return new Out(name + " " + TOTAL + " last " + ROUNDS + " after " + ROUNDS);
  }

  /** Starts one, then publishes every reading: kept while it works, taken one a round, oldest first. */
  private static String start(Engine engine, String name) {
    String id = engine.start(DEFINITION, new In(name));
    for (int value = 1; value <= ROUNDS; value++) {
      engine.publish(new Reading(value));
    }
    return id;
  }

  /** Completes the next rounds' person's steps (without looking at the instance, which reads its whole history). */
  private static void complete(Engine engine, String id, int rounds) {
    for (int round = 0; round < rounds; round++) {
      engine.inbox().complete(engine.inbox().task(id, "work").id(), ALICE);
    }
  }

  private static List<HistoryEntry> entries(Engine engine, String id) {
    return engine.instance(id).entries().stream().map(Recorded::entry).toList();
  }

  private static long checkpoints(List<HistoryEntry> entries) {
    return entries.stream().filter(HistoryEntry.LoopCheckpoint.class::isInstance).count();
  }

  /** Each round's receive took a different kept event, in order. */
  private static void eachEventTakenOnce(List<HistoryEntry> entries) {
    List<Long> taken = entries.stream().filter(HistoryEntry.EventReceived.class::isInstance)
        .map(e -> ((HistoryEntry.EventReceived) e).sequence()).toList();
    assertEquals(ROUNDS, taken.size());
    assertEquals(ROUNDS, taken.stream().collect(Collectors.toSet()).size(), "no kept event taken twice");
  }

  @Test
  void anEvictedInstanceTakesNoEventTwiceAndKeepsItsSignals() {
    List<HistoryEntry> kept;
    try (Engine engine = builder().build()) {
      String id = start(engine, "a");
      complete(engine, id, ROUNDS);
      assertEquals(expected("a"), engine.instance(id).output(Out.class));
      kept = entries(engine, id);
    }
    assertTrue(checkpoints(kept) >= 5, "a checkpoint about every hundred entries: " + checkpoints(kept));
    eachEventTakenOnce(kept);

    LoopCheckpointsTest.CountingStore store = new LoopCheckpointsTest.CountingStore(new MemoryStore());
    try (Engine engine = builder().store(store).cacheSize(0).keptRuns(0).build()) {
      String id = start(engine, "a");
      complete(engine, id, 250);
      store.largest.set(0);
      complete(engine, id, ROUNDS - 250);
      int largestRead = store.largest.get();
      assertEquals(InstanceState.COMPLETED, engine.instance(id).state(), "the three waits after the loop find the "
          + "ticks the rounds kept: " + engine.instance(id).waits());
      assertEquals(expected("a"), engine.instance(id).output(Out.class));
      List<HistoryEntry> evicted = entries(engine, id);
      assertEquals(kept, evicted, "the same history as the instance that stayed in memory");
      assertTrue(largestRead <= 2 * 100 + 20, "a resume late in the loop reads only the entries from its "
          + "checkpoint on, not the " + kept.size() + " of the whole history: " + largestRead);
    }
  }

  @Test
  void aLoopThatTakesEventsResumesAtItsCheckpointAfterARestartOnTheJournal(@TempDir Path journal) {
    String id;
    try (Engine engine = builder().journal(journal).build()) {
      id = start(engine, "b");
      complete(engine, id, 260);
      assertTrue(checkpoints(entries(engine, id)) >= 4);
    }
    try (Engine engine = builder().journal(journal).build()) {
      complete(engine, id, ROUNDS - 260);
      assertEquals(expected("b"), engine.instance(id).output(Out.class));
      List<HistoryEntry> entries = entries(engine, id);
      eachEventTakenOnce(entries);
      for (int round = 1; round <= ROUNDS; round++) {
        String step = "while[" + round + "]/work";
        assertEquals(1, entries.stream().filter(e -> e instanceof HistoryEntry.TaskCompleted c
            && c.stepId().equals(step)).count(), step + " completed once");
      }
    }
  }
}
