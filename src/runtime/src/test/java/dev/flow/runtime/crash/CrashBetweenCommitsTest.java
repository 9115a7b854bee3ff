package dev.flow.runtime.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.CallStep;
import dev.flow.runtime.Engine;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.ManualClock;
import dev.flow.runtime.Principal;
import dev.flow.runtime.TaskStep;
import dev.flow.runtime.Workflow;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.store.Commit;
import dev.flow.runtime.store.MemoryStore;
import dev.flow.runtime.store.Store;
import dev.flow.runtime.store.StoreException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Crashes at one chosen moment, deterministically: the engine's store stops accepting commits at
 * the first commit a condition picks (as if the process died just before it), the engine is
 * abandoned, and a second engine on the same store recovers. Each case is a moment the random
 * kills of {@link CrashSafetyTest} can hit only by chance.
 */
class CrashBetweenCommitsTest {
  private final ManualClock clock = ManualClock.at("2026-11-24T09:00:00Z");
  private static final String CLERK = "crash.Clerk";
  private static final Principal ALICE = Principal.of("alice", CLERK);

  record In(String name) {}

  record Out(String result) {}

  private static final WorkflowDefinition<In, Out> SUB = WorkflowDefinition.builder("crash.Sub", In.class, Out.class,
      () -> new Flow<>((ctx, in) -> {
        ctx.task(TaskStep.of("work", CLERK));
        return new Out("sub " + in.name());
      })).build();

  private static final WorkflowDefinition<In, Out> CALLER = WorkflowDefinition.builder("crash.Caller", In.class,
      Out.class, () -> new Flow<>((ctx, in) -> new Out("called " + ctx.call(CallStep.of("sub", "crash.Sub", Out.class),
          new In(in.name())).result()))).build();

  /** A declared error's value (a {@code fails Declined} of the called workflow). */
  record Declined(String reason) {}

  private static final WorkflowDefinition<In, Out> DECLINING = WorkflowDefinition.builder("crash.Declining", In.class,
      Out.class, () -> new Flow<>((ctx, in) -> {
        ctx.task(TaskStep.of("work", CLERK));
        throw ctx.rethrow(new dev.flow.runtime.FlowError("charge", "card declined", new Declined("stolen " + in.name())));
      })).build();

  private static final WorkflowDefinition<In, Out> TYPED_CALLER = WorkflowDefinition.builder("crash.TypedCaller",
      In.class, Out.class, () -> new Flow<>((ctx, in) -> {
        String[] outcome = {"paid"};
        ctx.attempt(() -> ctx.call(CallStep.of("sub", "crash.Declining", Out.class).fails(List.of(Declined.class)),
                new In(in.name())),
            error -> outcome[0] = error.error() instanceof Declined d
                ? "declined: " + d.reason() : "untyped: " + error.message());
        return new Out(outcome[0]);
      })).build();

  record Signal(String name) {}

  private static final WorkflowDefinition<In, Out> RACING = WorkflowDefinition.builder("crash.Racing", In.class,
      Out.class, () -> new Flow<>((ctx, in) -> new Out(ctx.first(
          dev.flow.runtime.Branch.of("slow", () -> ctx.call(CallStep.of("sub", "crash.Sub", Out.class), new In("slow"))),
          dev.flow.runtime.Branch.of("fast", () -> ctx.receive(dev.flow.runtime.ReceiveStep.of("signal", Signal.class),
              e -> true)))))).build();

  @Test
  void aChildGivenUpJustBeforeTheCrashIsCancelledAfterTheRestart() {
    MemoryStore store = new MemoryStore();
    String parent;
    String child;
    try (Engine first = Engine.builder().clock(clock).store(dyingAt(store,
        commit -> has(commit, HistoryEntry.CancelRequested.class))).workflow(SUB).workflow(RACING).build()) {
      parent = first.start(RACING, new In("x"));
      child = first.inbox().forRole(CLERK).get(0).instanceId();
      assertThrows(StoreException.class, () -> first.publish(new Signal("go")),
          "the process dies after the caller gave its child up (ChildCancelRequested), before the child's CancelRequested");
    }
    assertEquals(InstanceState.COMPLETED, store.instance(parent).orElseThrow().state());
    assertEquals(InstanceState.RUNNING, store.instance(child).orElseThrow().state());
    try (Engine second = Engine.builder().clock(clock).store(store).workflow(SUB).workflow(RACING).build()) {
      second.recover();
      assertEquals(InstanceState.CANCELLED, second.instance(child).state(),
          "a child its caller gave up must not run on after a restart: " + second.instance(child).waits());
      assertEquals(List.of(), second.inbox().open(), "the given-up child's task is withdrawn");
    }
  }

  /** A system whose interface is not public, like the tests' own (generated ones are). */
  interface Till {
    String take(String what) throws Exception;

    void giveBack(String what) throws Exception;
  }

  private static final dev.flow.runtime.Action<Till, Void> GIVE_BACK = dev.flow.runtime.Action.of(Till.class, "crash.Till",
      "giveBack", List.of("what"), dev.flow.runtime.ValueType.NONE, (till, args) -> {
        till.giveBack((String) args[0]);
        return null;
      });

  private static final dev.flow.runtime.ActionStep<Till, String> TAKE = dev.flow.runtime.ActionStep.of("take",
      dev.flow.runtime.Action.of(Till.class, "crash.Till", "take", List.of("what"),
          dev.flow.runtime.ValueType.of(String.class), (till, args) -> till.take((String) args[0])))
      .compensateWith(GIVE_BACK);

  private static final WorkflowDefinition<In, Out> TAKING = WorkflowDefinition.builder("crash.Taking", In.class,
      Out.class, () -> new Flow<>((ctx, in) -> {
        ctx.actionWithUndo(TAKE, new Object[] {in.name()}, r -> new Object[] {in.name()});
        ctx.task(TaskStep.of("check", CLERK));
        throw ctx.fail("refused");
      })).steps(TAKE).build();

  @Test
  void aCompensationAfterARestartIsCalledAsInTheFirstRun() {
    List<String> calls = new java.util.ArrayList<>();
    Till till = new Till() {
      @Override
      public String take(String what) {
        calls.add("take " + what);
        return "took " + what;
      }

      @Override
      public void giveBack(String what) {
        calls.add("giveBack " + what);
      }
    };
    MemoryStore store = new MemoryStore();
    String id;
    try (Engine first = Engine.builder().clock(clock).store(store).workflow(TAKING).connector(Till.class, till).build()) {
      id = first.start(TAKING, new In("coin"));
    }
    try (Engine second = Engine.builder().clock(clock).store(store).workflow(TAKING).connector(Till.class, till).build()) {
      second.recover();
      second.inbox().complete(second.inbox().task(id, "check").id(), ALICE);
      assertEquals(InstanceState.FAILED, second.instance(id).state());
      assertEquals(List.of("take coin", "giveBack coin"), calls, "the restarted engine must undo `take` as the first "
          + "would have: " + second.instance(id).entries().stream().map(r -> r.entry().toString())
          .filter(e -> e.startsWith("Compensation")).toList());
    }
  }

  /** A hand-written workflow: its run is a function. */
  private record Flow<I, O>(java.util.function.BiFunction<dev.flow.runtime.FlowContext, I, O> body)
      implements Workflow<I, O> {
    @Override
    public WorkflowDefinition<I, O> definition() {
      throw new UnsupportedOperationException();
    }

    @Override
    public O run(dev.flow.runtime.FlowContext ctx, I input) {
      return body.apply(ctx, input);
    }
  }

  /** A store that refuses every commit from the first one {@code dies} picks on: the process is gone. */
  private static Store dyingAt(Store store, Predicate<Commit> dies) {
    return dyingAt(store, dies, false);
  }

  /**
   * As {@link #dyingAt(Store, Predicate)}; with {@code durable}, the store says it outlives the process, so the
   * engine commits as it does on the journal (before each side effect), and a crash is what it is there.
   */
  private static Store dyingAt(Store store, Predicate<Commit> dies, boolean durable) {
    boolean[] dead = {false};
    return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
        (proxy, method, args) -> {
          if (durable && method.getName().equals("outlivesProcess")) {
            return true;
          }
          if (method.getName().startsWith("append") && (dead[0] || dies.test((Commit) args[0]))) {
            dead[0] = true;
            throw new StoreException("simulated crash before this commit: " + args[0], null);
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /**
   * {@code first { wait 120 ms | call Sub }}, the wait written first, and the clock's millisecond turning between the
   * two branches (as on a slow or busy machine; the test turns it from the run itself).
   */
  private WorkflowDefinition<In, Out> waitingFirst() {
    return WorkflowDefinition.builder("crash.WaitFirst", In.class, Out.class, () -> new Flow<>((ctx, in) -> new Out(
        ctx.first(
            dev.flow.runtime.Branch.of("wait", () -> ctx.await(java.time.Duration.ofMillis(120))),
            dev.flow.runtime.Branch.of("call", () -> {
              clock.advance(java.time.Duration.ofMillis(1));
              ctx.call(CallStep.of("sub", "crash.Sub", Out.class), new In("slow"));
            }))))).build();
  }

  /**
   * Finding 1 of the crash harness: a run's entries reached a durable store in more than one commit (one per
   * millisecond, and the caller's entries before its child's start), so a crash after the wait's {@code TimerSet} and
   * before the {@code call}'s child start, with the 120 ms passing while the engine was down, let recovery end the
   * wait before the call branch started: the crash-free run has a child started and then cancelled, the crashed run
   * none. Now what a run decides up to its first side effect is one commit, the child's start included: the crash
   * falls after it (before the child's own first commit), and the restarted engine ends as the crash-free one.
   */
  @Test
  void aCrashAfterAWaitIsCommittedDoesNotLoseTheChildALaterBranchStartedInTheSameRun() {
    WorkflowDefinition<In, Out> flow = waitingFirst();
    java.util.Map<String, InstanceState> crashFree = new java.util.TreeMap<>();
    try (Engine engine = Engine.builder().clock(clock).store(dyingAt(new MemoryStore(), commit -> false, true))
        .workflow(SUB).workflow(flow).build()) {
      String id = engine.start(flow, new In("x"));
      clock.advance(java.time.Duration.ofMillis(200));
      assertEquals(new Out("wait"), engine.instance(id).output(Out.class));
      assertEquals(id, engine.instances().get(0).id(), "instances are listed in the order they started: the caller first, "
          + "though its own start went to the store in its child's commit");
      engine.instances().forEach(i -> crashFree.put(i.id(), i.state()));
    }
    assertEquals(2, crashFree.size(), "the crash-free run starts the child, then cancels it: " + crashFree);

    MemoryStore store = new MemoryStore();
    List<Commit> seen = new java.util.ArrayList<>();
    Predicate<Commit> afterTheTimer = commit -> {
      boolean dies = seen.stream().anyMatch(c -> has(c, HistoryEntry.TimerSet.class));
      seen.add(commit);
      return dies;
    };
    String parent;
    try (Engine first = Engine.builder().clock(clock).store(dyingAt(store, afterTheTimer, true))
        .workflow(SUB).workflow(flow).build()) {
      try {
        first.start(flow, new In("x"));
      } catch (StoreException crash) {
        // the process dies at the commit after the wait's TimerSet (the child's first run's)
      }
      parent = seen.get(0).appends().stream().filter(a -> a.entries().get(0) instanceof HistoryEntry.InstanceStarted s
          && s.parentId() == null).findFirst().orElseThrow().instanceId();
    }
    clock.advance(java.time.Duration.ofMillis(200)); // the wait's time passes while the engine is down
    try (Engine second = Engine.builder().clock(clock).store(store).workflow(SUB).workflow(flow).build()) {
      second.recover();
      clock.advance(java.time.Duration.ofMillis(1));
      assertEquals(new Out("wait"), second.instance(parent).output(Out.class));
      java.util.Map<String, InstanceState> crashed = new java.util.TreeMap<>();
      second.instances().forEach(i -> crashed.put(i.id(), i.state()));
      assertEquals(crashFree, crashed, "the same instances in the same states as without the crash");
    }
    assertTrue(has(seen.get(0), HistoryEntry.TimerSet.class) && has(seen.get(0), HistoryEntry.ChildStarted.class),
        "the wait's timer and the call's child start are one commit: " + seen.get(0));
  }

  private static boolean has(Commit commit, Class<? extends HistoryEntry> type) {
    return commit.appends().stream().flatMap(a -> a.entries().stream()).anyMatch(type::isInstance);
  }

  private Engine engine(Store store) {
    return Engine.builder().clock(clock).store(store).workflow(SUB).workflow(CALLER).build();
  }

  @Test
  void aCallerWhoseChildFailedWithADeclaredErrorJustBeforeTheCrashGetsTheErrorAfterTheRestart() {
    MemoryStore store = new MemoryStore();
    String parent;
    String child;
    try (Engine first = Engine.builder().clock(clock).workflow(DECLINING).workflow(TYPED_CALLER)
        .store(dyingAt(store, commit -> has(commit, HistoryEntry.ChildEnded.class))).build()) {
      parent = first.start(TYPED_CALLER, new In("card"));
      child = first.inbox().forRole(CLERK).get(0).instanceId();
      String task = first.inbox().forRole(CLERK).get(0).id();
      assertThrows(StoreException.class, () -> first.inbox().complete(task, ALICE),
          "the process dies after the child's failure is committed, before its caller's ChildEnded");
    }
    assertEquals(InstanceState.FAILED, store.instance(child).orElseThrow().state());
    try (Engine second = Engine.builder().clock(clock).workflow(DECLINING).workflow(TYPED_CALLER).store(store).build()) {
      second.recover();
      assertEquals(InstanceState.COMPLETED, second.instance(parent).state(), () -> String.valueOf(second.instance(parent)));
      assertEquals(new Out("declined: stolen card"), second.instance(parent).output(Out.class),
          "Recovery rebuilds the declared error with the ChildEnded it rebuilds");
    }
  }

  @Test
  void aCallerWhoseChildEndedJustBeforeTheCrashIsToldAfterTheRestart() {
    MemoryStore store = new MemoryStore();
    String parent;
    String child;
    try (Engine first = engine(dyingAt(store, commit -> has(commit, HistoryEntry.ChildEnded.class)))) {
      parent = first.start(CALLER, new In("x"));
      child = first.inbox().forRole(CLERK).get(0).instanceId();
      String task = first.inbox().forRole(CLERK).get(0).id();
      assertThrows(StoreException.class, () -> first.inbox().complete(task, ALICE),
          "the process dies after the child's end is committed, before its caller's ChildEnded");
    }
    assertEquals(InstanceState.COMPLETED, store.instance(child).orElseThrow().state());
    assertTrue(store.instance(parent).orElseThrow().state() == InstanceState.RUNNING);
    try (Engine second = engine(store)) {
      second.recover();
      assertEquals(InstanceState.COMPLETED, second.instance(parent).state(),
          "the caller must learn that its child ended: " + second.instance(parent).waits());
      assertEquals(new Out("called sub x"), second.instance(parent).output(Out.class));
    }
  }
}
