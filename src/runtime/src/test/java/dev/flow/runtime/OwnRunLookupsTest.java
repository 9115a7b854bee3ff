package dev.flow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * An instance started by hand runs in {@code start} before the engine lists it among the instances it holds (it is
 * listed once its first commit goes to the store, or before its run involves another thread; one that ends in that
 * run never is). Meanwhile it is found as before: a connector called in its run sees it RUNNING (on the starting
 * thread, where a snapshot of it shows it RUNNING too, and on the helper thread of a step with a time limit); after
 * the start it is ended, and found so by every thread.
 */
class OwnRunLookupsTest {
  /** What a connector saw of its own instance while it ran. */
  static final class Looking implements Flows.Desk {
    final AtomicReference<Engine> engine = new AtomicReference<>();
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String file(String what) {
      Engine e = engine.get();
      String id = ActionContext.current().instanceId();
      // A snapshot waits for the instance's lock, which the starting thread holds during a limited call: not there.
      boolean helper = Thread.currentThread().getName().startsWith("flow-action");
      seen.add(what + " " + e.state(id) + " " + (helper ? "helper" : e.instance(id).state()));
      return what;
    }

    @Override
    public void undo(String what) {}
  }

  private static WorkflowDefinition<In, Out> flow() {
    return Flows.workflow("OwnRun", (ctx, in) -> {
      String a = ctx.action(ActionStep.of("inline", Flows.FILE), in.name());
      String b = ctx.action(ActionStep.of("limited", Flows.FILE).timeout(Duration.ofSeconds(30)), a + "1");
      return new Out(ctx.action(ActionStep.of("after", Flows.FILE), b + "2"));
    }).build();
  }

  @Test
  void aConnectorSeesItsInstanceRunningOnTheStartingThreadAndOnAHelperThread() {
    Looking desk = new Looking();
    WorkflowDefinition<In, Out> flow = flow();
    try (Engine engine = Engine.builder().withoutSchedules().connector(Flows.Desk.class, desk).workflow(flow).build()) {
      desk.engine.set(engine);
      String id = engine.start(flow, new In("x"));
      assertEquals(InstanceState.COMPLETED, engine.state(id), () -> engine.instance(id).error().toString());
      assertEquals(new Out("x12"), engine.instance(id).output(Out.class));
      // The inline call sees it from this thread's run; the limited call from its helper thread, once it is listed
      // (before that call), as the call after it does.
      assertEquals(List.of("x RUNNING RUNNING", "x1 RUNNING helper", "x12 RUNNING RUNNING"),
          desk.seen);
    }
  }

  @Test
  void manyInstancesStartedOnTwoThreadsEachEndOnce() throws Exception {
    Looking desk = new Looking();
    WorkflowDefinition<In, Out> flow = Flows.workflow("Plain", (ctx, in) ->
        new Out(ctx.action(ActionStep.of("only", Flows.FILE), in.name()))).build();
    try (Engine engine = Engine.builder().withoutSchedules().connector(Flows.Desk.class, desk).workflow(flow).build()) {
      desk.engine.set(engine);
      List<String> ids = Collections.synchronizedList(new ArrayList<>());
      Runnable starts = () -> {
        for (int i = 0; i < 200; i++) {
          ids.add(engine.start(flow, new In("n")));
        }
      };
      Thread other = new Thread(starts);
      other.start();
      starts.run();
      other.join();
      assertEquals(400, ids.size());
      assertEquals(400, new java.util.HashSet<>(ids).size());
      for (String id : ids) {
        assertEquals(InstanceState.COMPLETED, engine.state(id));
        assertEquals(4, engine.history(id).size(), id);
      }
      assertTrue(desk.seen.stream().allMatch(s -> s.equals("n RUNNING RUNNING")), desk.seen.toString());
    }
  }

  /** A connector that starts another workflow's instance from its call and looks at it at once. */
  static final class Starting implements Flows.Desk {
    final AtomicReference<Engine> engine = new AtomicReference<>();
    final AtomicReference<WorkflowDefinition<In, Out>> other = new AtomicReference<>();
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String file(String what) {
      if (!what.equals("outer")) {
        return what;
      }
      Engine e = engine.get();
      String started = e.start(other.get(), new In("inner"));
      // Its run comes after this one (this thread is in a run already); meanwhile every thread must find it.
      seen.add(e.state(started) + " " + e.instance(started).state());
      return started;
    }

    @Override
    public void undo(String what) {}
  }

  @Test
  void anInstanceStartedFromAConnectorIsFoundBeforeItRuns() {
    Starting desk = new Starting();
    WorkflowDefinition<In, Out> inner = Flows.workflow("Inner", (ctx, in) ->
        new Out(ctx.action(ActionStep.of("only", Flows.FILE), in.name()))).build();
    WorkflowDefinition<In, Out> outer = Flows.workflow("Outer", (ctx, in) ->
        new Out(ctx.action(ActionStep.of("starts", Flows.FILE), in.name()))).build();
    try (Engine engine = Engine.builder().withoutSchedules().connector(Flows.Desk.class, desk).workflow(inner)
        .workflow(outer).build()) {
      desk.engine.set(engine);
      desk.other.set(inner);
      String id = engine.start(outer, new In("outer"));
      assertEquals(InstanceState.COMPLETED, engine.state(id), () -> engine.instance(id).error().toString());
      String started = engine.instance(id).output(Out.class).result();
      assertEquals(List.of("RUNNING RUNNING"), desk.seen);
      assertEquals(InstanceState.COMPLETED, engine.state(started));
      assertEquals(new Out("inner"), engine.instance(started).output(Out.class));
    }
  }
}
