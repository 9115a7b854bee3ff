package dev.flow.runtime;

import static dev.flow.runtime.Flows.ALICE;
import static dev.flow.runtime.Flows.CLERK;
import static dev.flow.runtime.Flows.fileStep;
import static dev.flow.runtime.Flows.undo;
import static dev.flow.runtime.Flows.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Kept runs: a waiting instance's run parked at its wait goes on from there when something
 * arrives, instead of being replayed from the top. Each test checks the outcome is the one a
 * replay gives (with {@code keptRuns(0)}), and how often the workflow code started.
 */
class KeptRunsTest {
  private final ManualClock clock = ManualClock.at("2026-11-24T09:00:00Z");
  private final RecordingDesk desk = new RecordingDesk();
  private final AtomicInteger starts = new AtomicInteger();
  private final TaskStep<Void> work = TaskStep.of("work", CLERK);

  private Engine.Builder builder(WorkflowDefinition<?, ?> definition) {
    return Engine.builder().clock(clock).connector(Flows.Desk.class, desk).workflow(definition);
  }

  /** A loop with a task per round; counts how often its code starts from the top. */
  private WorkflowDefinition<In, Out> rounds(int rounds) {
    return workflow("Rounds", (ctx, in) -> {
      starts.incrementAndGet();
      int[] done = {0};
      ctx.loop(() -> done[0] < rounds, () -> {
        ctx.task(work);
        done[0]++;
      });
      return new Out(in.name() + " " + done[0]);
    }).build();
  }

  private static void completeAll(Engine engine, String id) {
    while (!engine.instance(id).state().isTerminal()) {
      engine.inbox().complete(engine.inbox().task(id, "work").id(), ALICE);
    }
  }

  @Test
  void aLoopGoesOnFromItsWaitInsteadOfReplayingEveryRound() {
    WorkflowDefinition<In, Out> flow = rounds(40);
    try (Engine engine = builder(flow).build()) {
      String id = engine.start(flow, new In("kept"));
      completeAll(engine, id);
      assertEquals(new Out("kept 40"), engine.instance(id).output(Out.class));
      assertEquals(2, starts.get(), "the start, then one replay that is kept from the first resume on");
    }
    starts.set(0);
    try (Engine engine = builder(flow).keptRuns(0).build()) {
      String id = engine.start(flow, new In("replayed"));
      completeAll(engine, id);
      assertEquals(new Out("replayed 40"), engine.instance(id).output(Out.class));
      assertEquals(41, starts.get(), "without kept runs every resume replays from the top");
    }
  }

  @Test
  void instancesThatLeaveMemoryLetGoOfTheirRunAndAreReplayedWhenNeeded() {
    WorkflowDefinition<In, Out> flow = rounds(6);
    try (Engine engine = builder(flow).cacheSize(2).build()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ids.add(engine.start(flow, new In("n" + i)));
      }
      for (int round = 0; round < 6; round++) {
        for (String id : ids) {
          engine.inbox().complete(engine.inbox().task(id, "work").id(), ALICE);
        }
      }
      for (int i = 0; i < ids.size(); i++) {
        WorkflowInstance instance = engine.instance(ids.get(i));
        assertEquals(InstanceState.COMPLETED, instance.state());
        assertEquals(new Out("n" + i + " 6"), instance.output(Out.class));
      }
      assertTrue(starts.get() > 8 * 2, "evicted instances were replayed: " + starts.get());
    }
  }

  record Filed(String what) {}

  @Test
  void aConnectorOfAKeptRunMayPublishTheEventItsInstanceWaitsFor() {
    AtomicReference<Engine> engineRef = new AtomicReference<>();
    Flows.Desk publishing = new Flows.Desk() {
      @Override
      public String file(String what) {
        engineRef.get().publish(new Filed(what));
        return "filed " + what;
      }

      @Override
      public void undo(String what) {
        // nothing to undo
      }
    };
    ReceiveStep<Filed> filed = ReceiveStep.of("filed", Filed.class).within(Duration.ofDays(1));
    WorkflowDefinition<In, Out> flow = workflow("Publishing", (ctx, in) -> {
      ctx.task(work);
      ctx.action(ActionStep.of("fileIt", Flows.FILE), in.name());
      Filed event = ctx.receive(filed, e -> e.what().equals(in.name()));
      return new Out("got " + event.what());
    }).build();
    try (Engine engine = Engine.builder().clock(clock).connector(Flows.Desk.class, publishing).workflow(flow).build()) {
      engineRef.set(engine);
      String id = engine.start(flow, new In("deed"));
      engine.inbox().complete(engine.inbox().task(id, "work").id(), ALICE);
      assertEquals(new Out("got deed"), engine.instance(id).output(Out.class));
    }
  }

  @Test
  void cancellingAnInstanceWithAKeptRunUndoesItsStepsOnce() {
    WorkflowDefinition<In, Out> flow = workflow("Undone", (ctx, in) -> {
      starts.incrementAndGet();
      ctx.task(work);
      ctx.actionWithUndo(fileStep("fileIt"), new Object[] {in.name()}, filed -> undo(in.name()));
      ctx.task(work);
      ctx.task(work);
      return new Out("done");
    }).build();
    try (Engine engine = builder(flow).build()) {
      String id = engine.start(flow, new In("deed"));
      engine.inbox().complete(engine.inbox().task(id, "work").id(), ALICE);
      engine.inbox().complete(engine.inbox().task(id, "work").id(), ALICE);
      engine.cancel(id, "the client withdrew");
      WorkflowInstance cancelled = engine.instance(id);
      assertEquals(InstanceState.CANCELLED, cancelled.state());
      assertEquals(List.of("file deed", "undo deed"), desk.calls);
      assertEquals(List.of(), engine.inbox().open(), "its open task is withdrawn");
      assertEquals(2, starts.get());
    }
  }

  @Test
  void aStepThatFailsInAKeptRunFailsTheInstanceAfterUndoingWhatCameBefore() {
    desk.failOn = "second";
    WorkflowDefinition<In, Out> flow = workflow("Failing", (ctx, in) -> {
      ctx.task(work);
      ctx.actionWithUndo(fileStep("first"), new Object[] {"first"}, filed -> undo("first"));
      ctx.task(work);
      ctx.action(fileStep("second"), "second");
      return new Out("done");
    }).build();
    try (Engine engine = builder(flow).build()) {
      String id = engine.start(flow, new In("x"));
      completeAll(engine, id);
      WorkflowInstance failed = engine.instance(id);
      assertEquals(InstanceState.FAILED, failed.state());
      assertEquals("second", failed.error().orElseThrow().step());
      assertEquals(List.of("file first", "file second", "undo first"), desk.calls);
    }
  }

  @Test
  void timersWakeAKeptRun() {
    WorkflowDefinition<In, Out> flow = workflow("Sleeper", (ctx, in) -> {
      starts.incrementAndGet();
      for (int day = 0; day < 5; day++) {
        ctx.await(Duration.ofDays(1));
      }
      return new Out("rested");
    }).build();
    try (Engine engine = builder(flow).build()) {
      String id = engine.start(flow, new In("x"));
      for (int day = 0; day < 5; day++) {
        clock.advance(Duration.ofDays(1));
      }
      assertEquals(new Out("rested"), engine.instance(id).output(Out.class));
      assertEquals(2, starts.get());
    }
  }

  @Test
  void closingTheEngineLetsGoOfItsKeptRuns() throws InterruptedException {
    WorkflowDefinition<In, Out> flow = rounds(100);
    Engine engine = builder(flow).build();
    for (int i = 0; i < 20; i++) {
      String id = engine.start(flow, new In("n" + i));
      engine.inbox().complete(engine.inbox().task(id, "work").id(), ALICE);
    }
    engine.close();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (keptRunThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, keptRunThreads(), "every kept run unwound once the engine closed");
  }

  /** Live platform threads that carry kept runs (virtual threads are not listed, and need no check). */
  private static long keptRunThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("flow-run-") && t.getState() != Thread.State.TERMINATED)
        .filter(t -> java.util.Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().endsWith("Continuation")))
        .count();
  }

  @Test
  void stateIsKnownWithoutReadingTheHistoryHeldOrNot() {
    WorkflowDefinition<In, Out> flow = rounds(2);
    for (int cache : new int[] {10, 0}) {
      try (Engine engine = builder(flow).cacheSize(cache).build()) {
        String id = engine.start(flow, new In("x"));
        assertEquals(InstanceState.WAITING, engine.state(id), "cache " + cache);
        assertEquals(engine.instance(id).state(), engine.state(id));
        completeAll(engine, id);
        assertEquals(InstanceState.COMPLETED, engine.state(id));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> engine.state("Rounds-999"));
      }
    }
  }
}
