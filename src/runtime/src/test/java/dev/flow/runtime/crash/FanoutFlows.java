package dev.flow.runtime.crash;

import dev.flow.runtime.Action;
import dev.flow.runtime.ActionStep;
import dev.flow.runtime.Branch;
import dev.flow.runtime.CallStep;
import dev.flow.runtime.FlowContext;
import dev.flow.runtime.ReceiveStep;
import dev.flow.runtime.RetryPolicy;
import dev.flow.runtime.TaskStep;
import dev.flow.runtime.ValueType;
import dev.flow.runtime.Workflow;
import dev.flow.runtime.WorkflowDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The second crash test's workload ({@link FanoutCrashTest}), other constructs than {@link OrderFlows}: a batch
 * first races a {@code receive}, a task, a {@code call} whose child calls a grandchild that waits a day (both
 * cancelled when the branch loses; for every third batch the grandchild emits the event the receive takes) and a wait;
 * then a {@code for each … in parallel} over its items, each with an action that has a {@code compensate with}, a
 * task and a {@code call} of a part, whose child makes the part (with {@code compensate with}) and calls a stamp,
 * whose action opens an incident on its first attempt for some items ({@code then wait for operator}; the driver
 * retries incidents); then a task with a time limit that escalates to a supervisor (the driver completes only
 * escalated tasks of that step), and a {@code receive} of the event its connector published on the engine from inside
 * its first action; some batches fail at their end, which compensates every pick. Every outcome depends only on the
 * batch's number, never on timing.
 */
final class FanoutFlows {
  private FanoutFlows() {}

  static final String CLERK = "crash2.Clerk";
  static final String APPROVER = "crash2.Approver";
  static final String NOBODY = "crash2.Nobody";
  static final String SUPERVISOR = "crash2.Supervisor";
  static final String BATCH = "crash2.Batch";
  static final String PART = "crash2.Part";
  static final String STAMP = "crash2.Stamp";
  static final String LONG = "crash2.Long";
  static final String LONGER = "crash2.Longer";
  static final String SYSTEM = "crash2.Factory";

  record BatchIn(String batch) {}

  record BatchOut(String summary) {}

  record PartIn(String batch, String item) {}

  record PartOut(String made) {}

  /** Emitted by the grandchild of the batch's {@code linger} branch for every third batch: the receive wins. */
  record Go(String batch) {}

  /**
   * Published by the factory's {@code prepare} on the engine (a connector, inside the action, while the batch runs);
   * the batch receives it at its end (kept until then).
   */
  record Ready(String batch) {}

  /** The one system; every action's name is its method's. */
  interface Factory {
    String prepare(String batch, String item) throws Exception;

    String announce(String batch, String item) throws Exception;

    String pick(String batch, String item) throws Exception;

    void unpick(String batch, String item) throws Exception;

    String make(String batch, String item) throws Exception;

    void unmake(String batch, String item) throws Exception;

    String stamp(String batch, String item) throws Exception;
  }

  private static Action<Factory, String> produce(String name, Invoker invoker) {
    return Action.of(Factory.class, SYSTEM, name, List.of("batch", "item"), ValueType.of(String.class),
        (factory, args) -> invoker.call(factory, (String) args[0], (String) args[1]));
  }

  private static Action<Factory, Void> undo(String name, Undoer undoer) {
    return Action.of(Factory.class, SYSTEM, name, List.of("batch", "item"), ValueType.NONE, (factory, args) -> {
      undoer.call(factory, (String) args[0], (String) args[1]);
      return null;
    });
  }

  @FunctionalInterface
  private interface Invoker {
    String call(Factory factory, String batch, String item) throws Exception;
  }

  @FunctionalInterface
  private interface Undoer {
    void call(Factory factory, String batch, String item) throws Exception;
  }

  static final ActionStep<Factory, String> PREPARE = ActionStep.of("prepare", produce("prepare", Factory::prepare));
  static final ReceiveStep<Go> GO = ReceiveStep.of("go", Go.class).correlate("batch", Go::batch);
  static final ReceiveStep<Ready> READY = ReceiveStep.of("ready", Ready.class).correlate("batch", Ready::batch);
  static final ActionStep<Factory, String> ANNOUNCE = ActionStep.of("announce", produce("announce", Factory::announce));
  static final TaskStep<Void> APPROVE = TaskStep.of("approve", APPROVER);
  static final TaskStep<Void> HOLD = TaskStep.of("hold", NOBODY);
  static final CallStep<PartOut> LINGER = CallStep.of("linger", LONG, PartOut.class);
  static final CallStep<PartOut> LINGER_MORE = CallStep.of("lingerMore", LONGER, PartOut.class);
  static final CallStep<PartOut> LINGER_LEAF = CallStep.of("lingerLeaf", LONGER, PartOut.class);
  static final ActionStep<Factory, String> PICK = ActionStep.of("pick", produce("pick", Factory::pick))
      .retry(RetryPolicy.of(2, Duration.ofMillis(15), 1)).compensateWith(undo("unpick", Factory::unpick));
  static final TaskStep<Void> CHECK = TaskStep.of("check", CLERK);
  static final CallStep<PartOut> PART_CALL = CallStep.of("part", PART, PartOut.class);
  static final ActionStep<Factory, String> MAKE = ActionStep.of("make", produce("make", Factory::make))
      .compensateWith(undo("unmake", Factory::unmake));
  static final CallStep<PartOut> STAMP_CALL = CallStep.of("stamping", STAMP, PartOut.class);
  static final ActionStep<Factory, String> STAMP_ACTION = ActionStep.of("stamp", produce("stamp", Factory::stamp))
      .retry(RetryPolicy.NONE.thenWaitForOperator());
  static final TaskStep<Void> SIGN = TaskStep.of("sign", NOBODY).within(Duration.ofMillis(150)).escalateTo(SUPERVISOR);

  static int number(String batch) {
    return Integer.parseInt(batch.substring(1));
  }

  static String batch(int number) {
    return String.format("b%02d", number);
  }

  /**
   * How the batch's first is decided: 0 by the {@code Go} the grandchild of its {@code linger} branch emits, 1 by the
   * task (the driver completes it once that grandchild exists), 2 by the wait (its {@code linger} branch calls a
   * child that only waits). So whatever the branch started before it lost does not depend on timing, also after kills.
   */
  static int race(String batch) {
    return number(batch) % 3;
  }

  static List<String> items(String batch) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < 2 + number(batch) % 3; i++) {
      items.add(String.valueOf((char) ('a' + i)));
    }
    return items;
  }

  /** Whether the stamp of an item fails its first attempt (an incident the driver retries). */
  static boolean stampJams(String batch, String item) {
    return (number(batch) + item.charAt(0)) % 2 == 0;
  }

  /** Whether the batch's {@code first} has its wait before its call (set once, before the engine starts). */
  static volatile boolean waitFirst;

  /** Whether a pick fails its first attempt (retried 15 ms later). */
  static boolean pickFlaky(String batch, String item) {
    return item.equals("b");
  }

  /** Whether the batch fails at its end: every pick is compensated. */
  static boolean scrapped(String batch) {
    return number(batch) % 5 == 0;
  }

  private static BatchOut batchFlow(FlowContext ctx, BatchIn in) {
    String b = in.batch();
    int race = race(b);
    String prepared = ctx.action(PREPARE, b, "-");
    Branch linger = Branch.of("linger", () -> ctx.call(race == 2 ? LINGER_LEAF : LINGER, new PartIn(b, "-")));
    Branch wait = Branch.of("wait", () -> ctx.await(race == 2 ? Duration.ofMillis(120) : Duration.ofDays(1)));
    // With the wait first, a kill between the wait's TimerSet and the later branch's ChildStarted (once two commits
    // of one run: crash finding 1) would let the wait, its time passed while the engine was down, win on recovery
    // before the call branch started, and the crashed run would lack the cancelled child the crash-free run has.
    String winner = ctx.first(
        Branch.of("go", () -> ctx.receive(GO, new Object[] {b}, e -> true)),
        Branch.of("task", () -> ctx.task(race == 1 ? APPROVE : HOLD)),
        waitFirst ? wait : linger,
        waitFirst ? linger : wait);
    List<String> items = items(b);
    String[] made = new String[items.size()];
    ctx.forEachInParallel("item", items, item -> {
      String picked = ctx.actionWithUndo(PICK, new Object[] {b, item}, r -> new Object[] {b, item});
      ctx.task(CHECK);
      PartOut part = ctx.call(PART_CALL, new PartIn(b, item));
      made[item.charAt(0) - 'a'] = picked + "/" + part.made();
    });
    ctx.task(SIGN);
    ctx.receive(READY, new Object[] {b}, e -> true);
    if (scrapped(b)) {
      throw ctx.fail("batch " + b + " is scrapped");
    }
    return new BatchOut(String.join(" | ", prepared, winner, String.join(",", made)));
  }

  private static PartOut partFlow(FlowContext ctx, PartIn in) {
    String made = ctx.actionWithUndo(MAKE, new Object[] {in.batch(), in.item()}, r -> new Object[] {in.batch(), in.item()});
    PartOut stamped = ctx.call(STAMP_CALL, in);
    return new PartOut(made + "+" + stamped.made());
  }

  private static PartOut stampFlow(FlowContext ctx, PartIn in) {
    String stamp = ctx.action(STAMP_ACTION, in.batch(), in.item());
    ctx.await(Duration.ofMillis(20));
    return new PartOut(stamp);
  }

  static final WorkflowDefinition<BatchIn, BatchOut> BATCH_FLOW = define(BATCH, BatchIn.class, BatchOut.class,
      FanoutFlows::batchFlow).steps(PREPARE, GO, APPROVE, HOLD, LINGER, LINGER_LEAF, PICK, CHECK, PART_CALL, SIGN, READY)
      .build();
  static final WorkflowDefinition<PartIn, PartOut> PART_FLOW = define(PART, PartIn.class, PartOut.class,
      FanoutFlows::partFlow).steps(MAKE, STAMP_CALL).build();
  static final WorkflowDefinition<PartIn, PartOut> STAMP_FLOW = define(STAMP, PartIn.class, PartOut.class,
      FanoutFlows::stampFlow).steps(STAMP_ACTION).build();
  /**
   * Called by a branch of the batch's first that always loses; it calls a grandchild that waits a day (for every third
   * batch after an action and emitting {@code Go}, which decides the first).
   */
  static final WorkflowDefinition<PartIn, PartOut> LONG_FLOW = define(LONG, PartIn.class, PartOut.class,
      (ctx, in) -> ctx.call(LINGER_MORE, in)).steps(LINGER_MORE).build();
  static final WorkflowDefinition<PartIn, PartOut> LONGER_FLOW = define(LONGER, PartIn.class, PartOut.class,
      (ctx, in) -> {
        if (race(in.batch()) == 0) {
          ctx.action(ANNOUNCE, in.batch(), in.item());
          ctx.emit(new Go(in.batch()));
        }
        ctx.await(Duration.ofDays(1));
        return new PartOut("lingered " + in.batch());
      }).steps(ANNOUNCE).build();

  static final List<WorkflowDefinition<?, ?>> ALL = List.of(BATCH_FLOW, PART_FLOW, STAMP_FLOW, LONG_FLOW, LONGER_FLOW);

  private static <I, O> WorkflowDefinition.Builder<I, O> define(String name, Class<I> in, Class<O> out,
      BiFunction<FlowContext, I, O> body) {
    return WorkflowDefinition.builder(name, in, out, () -> new Workflow<I, O>() {
      @Override
      public WorkflowDefinition<I, O> definition() {
        throw new UnsupportedOperationException("not needed by the engine");
      }

      @Override
      public O run(FlowContext ctx, I input) {
        return body.apply(ctx, input);
      }
    });
  }
}
