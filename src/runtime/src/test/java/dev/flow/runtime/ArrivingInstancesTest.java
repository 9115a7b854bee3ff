package dev.flow.runtime;

import static dev.flow.runtime.Flows.ALICE;
import static dev.flow.runtime.Flows.CLERK;
import static dev.flow.runtime.Flows.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parallel {@code for each} whose items arrive while it runs ({@link FlowContext#forEachArriving}):
 * WCP 15 (instances added while the others run, the join waits for all) and WCP 36 (the join goes
 * on after N, and no more are added), on the file journal with engine restarts.
 */
class ArrivingInstancesTest {
  private final ManualClock clock = ManualClock.at("2026-11-24T09:00:00Z");

  @TempDir
  Path journal;

  private static final TaskStep<Void> ADD = TaskStep.of("add", CLERK);
  private static final TaskStep<Void> CLOSE = TaskStep.of("close", CLERK);
  private static final TaskStep<Void> WORK = TaskStep.of("work", CLERK);
  private static final TaskStep<Void> AFTER = TaskStep.of("after", CLERK);

  /** Rounds whose work is done, by item, across every run of the workflow. */
  private final Set<String> done = new ConcurrentSkipListSet<>();

  /** Each arrival offers `add` (one more item) and `close` (no more), as a deferred choice. */
  private WorkflowDefinition<In, Out> flow(String name, int count) {
    return workflow(name, (ctx, in) -> {
      int[] arrived = {0};
      ctx.forEachArriving("item", count, () -> {
        String winner = ctx.first(Branch.of("more", () -> ctx.task(ADD)), Branch.of("closed", () -> ctx.task(CLOSE)));
        return winner.equals("more") ? Optional.of("i" + ++arrived[0]) : Optional.<String>empty();
      }, item -> {
        ctx.task(WORK);
        done.add(item);
      });
      ctx.task(AFTER);
      return new Out("done");
    }).build();
  }

  private Engine engine(WorkflowDefinition<?, ?> definition) {
    return Engine.builder().clock(clock).journal(journal).workflow(definition).build();
  }

  private static void complete(Engine engine, String id, String step, int index) {
    List<Task> tasks = engine.inbox().forInstance(id).stream().filter(t -> t.step().equals(step)).toList();
    engine.inbox().complete(tasks.get(index).id(), ALICE);
  }

  private static List<String> open(Engine engine, String id) {
    return engine.inbox().forInstance(id).stream().map(Task::step).sorted().toList();
  }

  @Test
  void instancesAddedWhileOthersRunAreAllJoined() {
    WorkflowDefinition<In, Out> flow = flow("Growing", 0);
    String id;
    try (Engine first = engine(flow)) {
      id = first.start(flow, new In("n"));
      assertEquals(List.of("add", "close"), open(first, id), "nothing yet: the first item may come");
      complete(first, id, "add", 0);
      assertEquals(List.of("add", "close", "work"), open(first, id), "one round runs, another item may come");
      complete(first, id, "add", 0);
      assertEquals(List.of("add", "close", "work", "work"), open(first, id), "added while the first runs");
      complete(first, id, "work", 0);
      assertEquals(Set.of("i1"), done);
      assertEquals(InstanceState.WAITING, first.instance(id).state(), "more may still come: no join yet");
    }
    try (Engine second = engine(flow)) {
      assertEquals(List.of(id), second.recover());
      assertEquals(List.of("add", "close", "work"), open(second, id), "the same after a restart");
      complete(second, id, "add", 0);
      complete(second, id, "close", 0);
      assertEquals(List.of("work", "work"), open(second, id), "closed: no more are offered");
      complete(second, id, "work", 1);
      assertEquals(List.of("work"), open(second, id), "the join waits for every round");
      complete(second, id, "work", 0);
      assertEquals(Set.of("i1", "i2", "i3"), done);
      assertEquals(List.of("after"), open(second, id), "every round ended: the join fires once");
      complete(second, id, "after", 0);
      assertEquals(new Out("done"), second.instance(id).output(Out.class));
    }
  }

  @Test
  void closingBeforeAnyItemGoesOnAtOnce() {
    WorkflowDefinition<In, Out> flow = flow("Empty", 0);
    try (Engine engine = engine(flow)) {
      String id = engine.start(flow, new In("n"));
      complete(engine, id, "close", 0);
      assertEquals(List.of("after"), open(engine, id));
    }
  }

  @Test
  void aDynamicPartialJoinGoesOnAfterNAndTakesNoMore() {
    WorkflowDefinition<In, Out> flow = flow("Partial", 2);
    String id;
    try (Engine first = engine(flow)) {
      id = first.start(flow, new In("n"));
      complete(first, id, "add", 0);
      complete(first, id, "add", 0);
      complete(first, id, "add", 0);
      assertEquals(List.of("add", "close", "work", "work", "work"), open(first, id));
      complete(first, id, "work", 2);
      assertEquals(InstanceState.WAITING, first.instance(id).state());
      assertTrue(open(first, id).contains("add"), "one round ended: more may still come");
    }
    try (Engine second = engine(flow)) {
      assertEquals(List.of(id), second.recover());
      complete(second, id, "work", 0);
      assertEquals(List.of("after", "work"), open(second, id),
          "two rounds ended: the join went on, no more are offered, the third runs on");
      assertEquals(2, done.size());
      complete(second, id, "after", 0);
      assertEquals(InstanceState.WAITING, second.instance(id).state(), "the instance ends only when the last round has");
      complete(second, id, "work", 0);
      assertEquals(new Out("done"), second.instance(id).output(Out.class));
      assertEquals(3, done.size());
    }
  }

  @Test
  void aDynamicPartialJoinClosedWithFewerItemsWaitsForThoseThatCame() {
    WorkflowDefinition<In, Out> flow = flow("Few", 3);
    try (Engine engine = engine(flow)) {
      String id = engine.start(flow, new In("n"));
      complete(engine, id, "add", 0);
      complete(engine, id, "close", 0);
      assertEquals(List.of("work"), open(engine, id));
      complete(engine, id, "work", 0);
      assertEquals(List.of("after"), open(engine, id), "closed with one item: the join goes on when it has ended");
    }
  }
}
