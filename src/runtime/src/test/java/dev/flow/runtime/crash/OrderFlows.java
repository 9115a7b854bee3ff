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
import java.util.List;
import java.util.function.BiFunction;

/**
 * The crash test's workload, written the way the compiler generates workflows: an order goes
 * through an action that fails its first attempt and is retried (with {@code compensate with}), a
 * task, a short wait, a correlated {@code receive}, a {@code call} of a child workflow, a
 * {@code parallel}, a {@code first} whose winner does not depend on timing (a
 * {@code receive} that always gets its event, against a day's wait and a {@code call} whose child
 * waits a day: that child is cancelled), and a {@code try} whose
 * body fails for some orders so that its compensation runs; some orders fail at the end, which
 * compensates everything not yet undone. Every outcome depends only on the order's number.
 */
final class OrderFlows {
  private OrderFlows() {}

  static final String CLERK = "crash.Clerk";
  static final String ORDER = "crash.Order";
  static final String SHIPPING = "crash.Shipping";
  static final String COURIER = "crash.Courier";

  record OrderIn(String order) {}

  record OrderOut(String summary) {}

  record ShipIn(String order) {}

  record ShipOut(String label) {}

  /** Published by the driver for every order that has not ended; the order's {@code receive} takes one. */
  record Paid(String order, String amount) {}

  /** Published by the driver too: it always wins the order's {@code first} against a day's wait. */
  record Confirmed(String order) {}

  /** The one system of the workload; every action's name is its method's, so a compensation can be called after a restart. */
  interface Warehouse {
    String reserve(String order) throws Exception;

    void release(String order) throws Exception;

    String label(String order) throws Exception;

    String invoice(String order) throws Exception;

    String charge(String order) throws Exception;

    void refund(String order) throws Exception;

    String audit(String order) throws Exception;
  }

  static final String SYSTEM = "crash.Warehouse";

  private static Action<Warehouse, String> produce(String name, Invoker invoker) {
    return Action.of(Warehouse.class, SYSTEM, name, List.of("order"), ValueType.of(String.class),
        (warehouse, args) -> invoker.call(warehouse, (String) args[0]));
  }

  private static Action<Warehouse, Void> undo(String name, Undoer undoer) {
    return Action.of(Warehouse.class, SYSTEM, name, List.of("order"), ValueType.NONE, (warehouse, args) -> {
      undoer.call(warehouse, (String) args[0]);
      return null;
    });
  }

  @FunctionalInterface
  private interface Invoker {
    String call(Warehouse warehouse, String order) throws Exception;
  }

  @FunctionalInterface
  private interface Undoer {
    void call(Warehouse warehouse, String order) throws Exception;
  }

  /** A retry 20 ms after a failed attempt. */
  private static final RetryPolicy QUICK_RETRY = RetryPolicy.of(2, Duration.ofMillis(20), 1);

  static final ActionStep<Warehouse, String> RESERVE = ActionStep.of("reserve", produce("reserve", Warehouse::reserve))
      .retry(QUICK_RETRY).compensateWith(undo("release", Warehouse::release));
  static final TaskStep<Void> PACK = TaskStep.of("pack", CLERK);
  static final ReceiveStep<Paid> PAID = ReceiveStep.of("paid", Paid.class).within(Duration.ofDays(1))
      .correlate("order", Paid::order);
  static final CallStep<ShipOut> SHIP = CallStep.of("ship", SHIPPING, ShipOut.class);
  static final ActionStep<Warehouse, String> INVOICE = ActionStep.of("invoice", produce("invoice", Warehouse::invoice));
  static final ReceiveStep<Confirmed> CONFIRMED = ReceiveStep.of("confirmed", Confirmed.class)
      .correlate("order", Confirmed::order);
  static final CallStep<ShipOut> DISPATCH = CallStep.of("dispatch", COURIER, ShipOut.class);
  static final ActionStep<Warehouse, String> CHARGE = ActionStep.of("charge", produce("charge", Warehouse::charge))
      .compensateWith(undo("refund", Warehouse::refund));
  static final ActionStep<Warehouse, String> AUDIT = ActionStep.of("audit", produce("audit", Warehouse::audit));
  static final ActionStep<Warehouse, String> LABEL = ActionStep.of("label", produce("label", Warehouse::label))
      .retry(QUICK_RETRY);

  /** The order's number: {@code o07} is 7. */
  static int number(String order) {
    return Integer.parseInt(order.substring(1));
  }

  static String order(int number) {
    return String.format("o%02d", number);
  }

  /** Whether the order's audit (in the {@code try}) is refused: its charge is refunded. */
  static boolean auditRefused(String order) {
    return number(order) % 4 == 0;
  }

  /** Whether the order fails at its end: everything it did is compensated. */
  static boolean onHold(String order) {
    return number(order) % 9 == 0;
  }

  /** Whether the child's label fails its first attempt. */
  static boolean labelFlaky(String order) {
    return number(order) % 2 == 1;
  }

  static final WorkflowDefinition<OrderIn, OrderOut> ORDER_FLOW = define(ORDER, OrderIn.class, OrderOut.class,
      OrderFlows::order)
      .steps(RESERVE, PACK, PAID, SHIP, INVOICE, CONFIRMED, DISPATCH, CHARGE, AUDIT).build();

  static final WorkflowDefinition<ShipIn, ShipOut> SHIPPING_FLOW = define(SHIPPING, ShipIn.class, ShipOut.class,
      OrderFlows::shipping)
      .steps(LABEL).build();

  private static OrderOut order(FlowContext ctx, OrderIn in) {
    String o = in.order();
    String reserved = ctx.actionWithUndo(RESERVE, new Object[] {o}, r -> new Object[] {o});
    ctx.task(PACK);
    ctx.await(Duration.ofMillis(30 + (number(o) * 7) % 70));
    Paid paid = ctx.receive(PAID, new Object[] {o}, e -> true);
    ShipOut shipped = ctx.call(SHIP, new ShipIn(o));
    String[] parts = {"", ""};
    ctx.parallel(
        Branch.of("bill", () -> parts[0] = ctx.action(INVOICE, o)),
        Branch.of("cool", () -> {
          ctx.await(Duration.ofMillis(40));
          parts[1] = "cooled";
        }));
    String winner = ctx.first(
        Branch.of("confirmed", () -> ctx.receive(CONFIRMED, new Object[] {o}, e -> true)),
        Branch.of("silence", () -> ctx.await(Duration.ofDays(1))),
        Branch.of("courier", () -> ctx.call(DISPATCH, new ShipIn(o))));
    String[] settled = {"settled"};
    ctx.attempt(() -> {
      ctx.actionWithUndo(CHARGE, new Object[] {o}, r -> new Object[] {o});
      ctx.action(AUDIT, o);
    }, error -> settled[0] = "refunded after " + error.step() + ": " + error.message());
    if (onHold(o)) {
      throw ctx.fail("order " + o + " is on hold");
    }
    return new OrderOut(String.join(" | ", reserved, paid.amount(), shipped.label(), parts[0], parts[1], winner,
        settled[0]));
  }

  /** Called by a branch of the order's {@code first} that always loses: cancelled once {@code Confirmed} wins. */
  static final WorkflowDefinition<ShipIn, ShipOut> COURIER_FLOW = define(COURIER, ShipIn.class, ShipOut.class,
      (ctx, in) -> {
        ctx.await(Duration.ofDays(1));
        return new ShipOut("couriered " + in.order());
      }).build();

  private static ShipOut shipping(FlowContext ctx, ShipIn in) {
    String label = ctx.action(LABEL, in.order());
    ctx.await(Duration.ofMillis(30));
    return new ShipOut(label);
  }

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
