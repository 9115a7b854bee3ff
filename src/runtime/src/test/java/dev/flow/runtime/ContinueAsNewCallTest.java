package dev.flow.runtime;

import static dev.flow.runtime.Flows.ALICE;
import static dev.flow.runtime.Flows.CLERK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flow.runtime.Flows.Out;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.store.InstanceQuery;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continue-as-new of a workflow started by {@code call}: the caller waits for the chain's last
 * instance and gets its output, also when the journal restarts mid-chain; {@code current} finds
 * where a chain is now from any of its instances, without reading histories; a caller that gives
 * its child up cancels the chain's current instance.
 */
class ContinueAsNewCallTest {
  private final ManualClock clock = ManualClock.at("2026-11-24T09:00:00Z");
  private static final TaskStep<Void> WORK = TaskStep.of("work", CLERK);
  private static final int TOTAL = 12;
  private static final int PER_RUN = 4;

  record Count(String name, long done) {}

  record Ask(String name) {}

  /** A person's step a round; every PER_RUN rounds it continues as new. */
  static final WorkflowDefinition<Count, Out> COUNTER = WorkflowDefinition.builder("c.Counter", Count.class, Out.class,
      () -> new Flow<>((ctx, in) -> {
        long[] done = {in.done()};
        int[] rounds = {0};
        ctx.loop(() -> done[0] < TOTAL, () -> {
          ctx.task(WORK);
          done[0]++;
          rounds[0]++;
          if (rounds[0] == PER_RUN && done[0] < TOTAL) {
            throw ctx.continueAsNew(new Count(in.name(), done[0]));
          }
        });
        return new Out(in.name() + " counted " + done[0]);
      })).build();

  /** Calls the Counter and reports its answer. */
  static final WorkflowDefinition<Ask, Out> CALLER = WorkflowDefinition.builder("c.Caller", Ask.class, Out.class,
      () -> new Flow<>((ctx, in) -> new Out("got " + ctx.call(CallStep.of("count", "c.Counter", Out.class),
          new Count(in.name(), 0)).result()))).build();

  private static Engine engine(Engine.Builder builder) {
    return builder.workflow(COUNTER).workflow(CALLER).build();
  }

  private static void completeAll(Engine engine, int tasks) {
    for (int i = 0; i < tasks; i++) {
      engine.inbox().complete(engine.inbox().forRole(CLERK).get(0).id(), ALICE);
    }
  }

  private static String childOf(Engine engine, String caller) {
    return engine.instance(caller).entries().stream().map(Recorded::entry)
        .filter(HistoryEntry.ChildStarted.class::isInstance)
        .map(e -> ((HistoryEntry.ChildStarted) e).childId()).findFirst().orElseThrow();
  }

  @Test
  void aCallerGetsTheOutputOfTheChainsLastInstance() {
    try (Engine engine = engine(Engine.builder().clock(clock))) {
      String caller = engine.start(CALLER, new Ask("a"));
      String first = childOf(engine, caller);
      completeAll(engine, PER_RUN + 1);
      String middle = engine.current(first);
      assertNotEquals(first, middle, "the chain moved on");
      assertEquals(InstanceState.WAITING, engine.instance(middle).state());
      assertEquals(middle, engine.current(middle), "the current instance is its own");
      completeAll(engine, TOTAL - PER_RUN - 1);
      assertEquals(new Out("got a counted 12"), engine.instance(caller).output(Out.class));
      String last = engine.current(first);
      assertEquals(last, engine.current(middle), "any instance of the chain finds its current one");
      assertEquals(InstanceState.COMPLETED, engine.instance(last).state());
      HistoryEntry.InstanceStarted started = (HistoryEntry.InstanceStarted) engine.instance(last).entries().get(0).entry();
      assertEquals(caller, started.parentId(), "the chain's instances answer the caller");
      assertEquals(3, engine.instances(new InstanceQuery("c.Counter", null, 0, 100)).size());
      assertEquals(caller, engine.current(caller), "an instance that never continued is its own current one");
      assertThrows(IllegalArgumentException.class, () -> engine.current("c.Counter-999"));
    }
  }

  @Test
  void theCallerIsAnsweredAfterAJournalRestartMidChain(@TempDir Path journal) {
    String caller;
    String first;
    try (Engine engine = engine(Engine.builder().clock(clock).journal(journal))) {
      caller = engine.start(CALLER, new Ask("j"));
      first = childOf(engine, caller);
      completeAll(engine, 6);
    }
    try (Engine engine = engine(Engine.builder().clock(clock).journal(journal))) {
      engine.recover();
      assertEquals(InstanceState.WAITING, engine.instance(caller).state(),
          "the first instance's end (continued as new) does not answer the call");
      assertNotEquals(first, engine.current(first), "the chain's facts are read back from the journal");
      completeAll(engine, TOTAL - 6);
      assertEquals(new Out("got j counted 12"), engine.instance(caller).output(Out.class));
      long completed = engine.instances(new InstanceQuery("c.Counter", null, 0, 100)).stream()
          .mapToLong(i -> engine.instance(i.id()).entries().stream()
              .filter(e -> e.entry() instanceof HistoryEntry.TaskCompleted).count()).sum();
      assertEquals(TOTAL, completed, "each round's step completed once across the chain and the restart");
    }
  }

  @Test
  void aCallerEndedWhileTheChainRunsCancelsItsCurrentInstance() {
    try (Engine engine = engine(Engine.builder().clock(clock))) {
      String caller = engine.start(CALLER, new Ask("c"));
      String first = childOf(engine, caller);
      completeAll(engine, PER_RUN + 2);
      engine.cancel(caller, "no longer needed");
      String now = engine.current(first);
      assertEquals(InstanceState.CANCELLED, engine.instance(now).state(), "the chain's current instance is cancelled");
      assertEquals(List.of(), engine.inbox().open(), "nothing left open");
    }
  }

  /** A hand-written workflow: its run is a function. */
  private record Flow<I, O>(java.util.function.BiFunction<FlowContext, I, O> body) implements Workflow<I, O> {
    @Override
    public WorkflowDefinition<I, O> definition() {
      throw new UnsupportedOperationException();
    }

    @Override
    public O run(FlowContext ctx, I input) {
      return body.apply(ctx, input);
    }
  }
}
