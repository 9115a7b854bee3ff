package dev.flow.runtime;

import static dev.flow.runtime.Flows.ALICE;
import static dev.flow.runtime.Flows.CLERK;
import static dev.flow.runtime.Flows.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial joins ({@code first N}, {@code parallel join N}) and in-case signals ({@code signal},
 * {@code wait for}) on the file journal: what a run decided is in the history, so an engine
 * started again on the same journal goes on exactly where the first one stopped.
 */
class JoinsAndSignalsTest {
  private final ManualClock clock = ManualClock.at("2026-11-24T09:00:00Z");

  @TempDir
  Path journal;

  private static final TaskStep<Void> A = TaskStep.of("a", CLERK);
  private static final TaskStep<Void> B = TaskStep.of("b", CLERK);
  private static final TaskStep<Void> C = TaskStep.of("c", CLERK);
  private static final TaskStep<Void> AFTER = TaskStep.of("after", CLERK);

  private Engine engine(WorkflowDefinition<?, ?> definition) {
    return Engine.builder().clock(clock).journal(journal).workflow(definition).build();
  }

  private static void complete(Engine engine, String id, String step) {
    engine.inbox().complete(engine.inbox().task(id, step).id(), ALICE);
  }

  private static List<String> open(Engine engine, String id) {
    return engine.inbox().forInstance(id).stream().map(Task::step).toList();
  }

  @Test
  void aFirstTwoDecidedBeforeARestartKeepsItsWinnersInTheOrderTheyEnded() {
    List<String> seen = new ArrayList<>();
    WorkflowDefinition<In, Out> flow = workflow("FirstTwo", (ctx, in) -> {
      List<String> winners = ctx.first(2,
          Branch.of("x", () -> ctx.task(A)), Branch.of("y", () -> ctx.task(B)), Branch.of("z", () -> ctx.task(C)));
      seen.add(String.join(",", winners));
      return new Out(String.join(",", winners));
    }).build();
    String id;
    try (Engine first = engine(flow)) {
      id = first.start(flow, new In("n"));
      complete(first, id, "c");
      assertEquals(List.of("a", "b"), open(first, id));
    }
    try (Engine second = engine(flow)) {
      assertEquals(List.of(id), second.recover());
      complete(second, id, "a");
      assertEquals(new Out("z,x"), second.instance(id).output(Out.class), "the two that ended, in that order");
      assertEquals(Task.Status.WITHDRAWN, second.inbox().all().stream()
          .filter(t -> t.step().equals("b")).findFirst().orElseThrow().status(), "the third is withdrawn");
    }
    try (Engine third = engine(flow)) {
      assertEquals(InstanceState.COMPLETED, third.instance(id).state());
    }
    assertTrue(seen.stream().allMatch("z,x"::equals), seen.toString());
  }

  @Test
  void aJoinThatWentOnBeforeARestartLetsItsLastBranchEndTheInstanceAfterIt() {
    WorkflowDefinition<In, Out> flow = workflow("JoinOne", (ctx, in) -> {
      ctx.parallelJoin(1, Branch.of("x", () -> ctx.task(A)), Branch.of("y", () -> ctx.task(B)));
      ctx.task(AFTER);
      return new Out("done");
    }).build();
    String id;
    try (Engine first = engine(flow)) {
      id = first.start(flow, new In("n"));
      complete(first, id, "b");
      assertEquals(List.of("a", "after"), open(first, id), "it went on; the other branch runs on");
    }
    try (Engine second = engine(flow)) {
      assertEquals(List.of(id), second.recover());
      assertEquals(List.of("a", "after"), open(second, id));
      complete(second, id, "after");
      assertEquals(InstanceState.WAITING, second.instance(id).state(), "it ends only when the other branch has");
      complete(second, id, "a");
      assertEquals(new Out("done"), second.instance(id).output(Out.class));
    }
  }

  @Test
  void aSignalKeptBeforeARestartIsTakenAfterIt() {
    WorkflowDefinition<In, Out> flow = workflow("Signals", (ctx, in) -> {
      ctx.parallel(
          Branch.of("sender", () -> {
            ctx.signal("ready");
            ctx.task(A);
            ctx.signal("ready");
          }),
          Branch.of("receiver", () -> {
            ctx.task(B);
            ctx.waitFor("ready");
            ctx.waitFor("ready");
            ctx.task(C);
          }));
      return new Out("done");
    }).build();
    String id;
    try (Engine first = engine(flow)) {
      id = first.start(flow, new In("n"));
      complete(first, id, "b");
      assertEquals(List.of("a"), open(first, id), "one signal kept and taken; the second wait waits");
    }
    try (Engine second = engine(flow)) {
      assertEquals(List.of(id), second.recover());
      complete(second, id, "a");
      assertEquals(List.of("c"), open(second, id), "the second signal lets the second wait go on");
      complete(second, id, "c");
      assertEquals(InstanceState.COMPLETED, second.instance(id).state());
      assertEquals(2, second.instance(id).history().stream()
          .filter(e -> e.type() == HistoryEvent.Type.SIGNAL_TAKEN).count());
      assertEquals(2, second.instance(id).history().stream()
          .filter(e -> e.type() == HistoryEvent.Type.SIGNAL_RAISED).count());
    }
  }

  @Test
  void aWaitForASignalShowsAsASignalWait() {
    WorkflowDefinition<In, Out> flow = workflow("Waits", (ctx, in) -> {
      ctx.parallel(Branch.of("r", () -> ctx.waitFor("go")), Branch.of("s", () -> {
        ctx.task(A);
        ctx.signal("go");
      }));
      return new Out("done");
    }).build();
    try (Engine engine = engine(flow)) {
      String id = engine.start(flow, new In("n"));
      WorkflowInstance instance = engine.instance(id);
      assertTrue(instance.waits().stream().anyMatch(w -> w.kind().equals("signal") && w.detail().equals("go")),
          instance.waits().toString());
      complete(engine, id, "a");
      assertEquals(new Out("done"), engine.instance(id).output(Out.class));
    }
  }

  @Test
  void aBranchThatFailsAfterItsJoinWentOnFailsTheInstancePastAnyTry() {
    List<String> handled = new ArrayList<>();
    WorkflowDefinition<In, Out> flow = workflow("LateFailure", (ctx, in) -> {
      ctx.attempt(() -> {
        ctx.parallelJoin(1, Branch.of("x", () -> ctx.task(A)), Branch.of("y", () -> {
          ctx.task(B);
          throw ctx.fail("too late");
        }));
        ctx.task(AFTER);
      }, error -> handled.add(error.message()));
      return new Out("done");
    }).build();
    try (Engine engine = engine(flow)) {
      String id = engine.start(flow, new In("n"));
      complete(engine, id, "a");
      assertEquals(List.of("b", "after"), open(engine, id));
      complete(engine, id, "b");
      WorkflowInstance failed = engine.instance(id);
      assertEquals(InstanceState.FAILED, failed.state());
      assertEquals("too late", failed.error().orElseThrow().message());
      assertEquals(List.of(), handled, "the work after the join had gone on: no try catches it");
      assertEquals(List.of(), open(engine, id), "the task after the join is withdrawn");
    }
  }

  @Test
  void aBranchThatFailsBeforeItsJoinWentOnIsCaughtAndStopsTheOthers() {
    List<String> handled = new ArrayList<>();
    WorkflowDefinition<In, Out> flow = workflow("EarlyFailure", (ctx, in) -> {
      ctx.attempt(() -> ctx.parallelJoin(1, Branch.of("x", () -> ctx.task(A)), Branch.of("y", () -> {
        ctx.task(B);
        throw ctx.fail("no");
      })), error -> handled.add(error.message()));
      return new Out("handled");
    }).build();
    try (Engine engine = engine(flow)) {
      String id = engine.start(flow, new In("n"));
      complete(engine, id, "b");
      assertEquals(new Out("handled"), engine.instance(id).output(Out.class));
      assertEquals(List.of("no"), handled.stream().distinct().toList());
      assertEquals(List.of(), open(engine, id), "the other branch is withdrawn");
    }
  }

  @Test
  void aCriticalSectionTakenBeforeARestartIsStillTakenAfterIt() {
    WorkflowDefinition<In, Out> flow = workflow("Section", (ctx, in) -> {
      ctx.parallel(
          Branch.of("x", () -> ctx.exclusive("ledger", () -> ctx.task(A))),
          Branch.of("y", () -> ctx.exclusive("ledger", () -> ctx.task(B))));
      return new Out("done");
    }).build();
    String id;
    try (Engine first = engine(flow)) {
      id = first.start(flow, new In("n"));
      assertEquals(List.of("a"), open(first, id), "the second block waits for the section");
      assertTrue(first.instance(id).waits().stream().anyMatch(w -> w.kind().equals("exclusive")),
          first.instance(id).waits().toString());
    }
    try (Engine second = engine(flow)) {
      assertEquals(List.of(id), second.recover());
      assertEquals(List.of("a"), open(second, id), "still taken after the restart");
      complete(second, id, "a");
      assertEquals(List.of("b"), open(second, id), "left: the other block enters");
      complete(second, id, "b");
      assertEquals(new Out("done"), second.instance(id).output(Out.class));
    }
  }
}
