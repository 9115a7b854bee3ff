package dev.flow.runtime.crash;

import dev.flow.runtime.Engine;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Principal;
import dev.flow.runtime.Task;
import dev.flow.runtime.WorkflowInstance;
import dev.flow.runtime.crash.OrderFlows.Confirmed;
import dev.flow.runtime.crash.OrderFlows.OrderIn;
import dev.flow.runtime.crash.OrderFlows.Paid;
import dev.flow.runtime.store.InstanceQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The child JVM of {@link CrashSafetyTest}: opens the engine on the file journal (real clock),
 * says {@code running}, recovers, and lets a driver thread work through the orders
 * {@code o01..oN}: it starts the next orders that have no instance yet (at most a few at a time),
 * completes the open tasks of the inbox, and publishes {@code Paid} and {@code Confirmed} for
 * every order that has not ended, a round every few hundred milliseconds (a pause first, so a short life
 * makes little progress and the workload outlives many kills). Once every order has ended and
 * no instance is open it says {@code done} and exits; the test may kill it at any moment before.
 *
 * <p>Arguments: journal directory, call log file, number of orders, orders in flight, round in ms, and the
 * highest order number this life may start (the test paces the crashed run with it, so that the workload cannot
 * end before the test has killed it often enough, however fast the machine).
 */
public final class CrashChild {
  private CrashChild() {}

  static final Principal PACKER = Principal.of("packer", OrderFlows.CLERK);

  public static void main(String[] args) throws Exception {
    Path journal = Path.of(args[0]);
    Path log = Path.of(args[1]);
    int orders = Integer.parseInt(args[2]);
    int inFlight = Integer.parseInt(args[3]);
    long round = Long.parseLong(args[4]);
    int permitted = Math.min(orders, Integer.parseInt(args[5]));
    AtomicReference<Throwable> failed = new AtomicReference<>();
    try (LoggingWarehouse warehouse = new LoggingWarehouse(log);
        Engine engine = Engine.builder().journal(journal).withoutSchedules()
            .workflow(OrderFlows.ORDER_FLOW).workflow(OrderFlows.SHIPPING_FLOW).workflow(OrderFlows.COURIER_FLOW)
            .connector(OrderFlows.Warehouse.class, warehouse).build()) {
      say("running");
      List<String> resumed = engine.recover();
      say("recovered " + resumed.size());
      Thread driver = new Thread(() -> {
        try {
          drive(engine, orders, inFlight, round, permitted);
        } catch (Throwable t) {
          failed.set(t);
        }
      }, "crash-driver");
      driver.start();
      driver.join();
    }
    if (failed.get() != null) {
      failed.get().printStackTrace();
      System.exit(2);
    }
    say("done");
  }

  private static void drive(Engine engine, int orders, int inFlight, long round, int permitted) throws InterruptedException {
    Map<String, String> ids = new LinkedHashMap<>();
    for (WorkflowInstance instance : engine.instances(new InstanceQuery(OrderFlows.ORDER, null, 0, Integer.MAX_VALUE))) {
      String order = ((OrderIn) instance.input()).order();
      String twice = ids.put(order, instance.id());
      if (twice != null) {
        throw new IllegalStateException("order " + order + " has two instances: " + twice + " and " + instance.id());
      }
    }
    Set<String> ended = new HashSet<>();
    int next = 1;
    while (true) {
      Thread.sleep(round);
      List<String> running = new ArrayList<>();
      for (Map.Entry<String, String> started : ids.entrySet()) {
        if (!ended.contains(started.getKey())) {
          if (engine.instance(started.getValue()).state().isTerminal()) {
            ended.add(started.getKey());
          } else {
            running.add(started.getKey());
          }
        }
      }
      while (running.size() < inFlight && next <= permitted) {
        String order = OrderFlows.order(next++);
        if (!ids.containsKey(order)) {
          ids.put(order, engine.start(OrderFlows.ORDER_FLOW, new OrderIn(order)));
          running.add(order);
        }
      }
      for (Task task : engine.inbox().forRole(OrderFlows.CLERK)) {
        try {
          engine.inbox().complete(task.id(), PACKER);
        } catch (RuntimeException e) {
          System.err.println("driver: completing " + task.id() + ": " + e);
        }
      }
      for (String order : running) {
        engine.publish(new Paid(order, "EUR " + OrderFlows.number(order) * 10));
        engine.publish(new Confirmed(order));
      }
      if (next > orders && running.isEmpty()
          && engine.instances(new InstanceQuery(null, InstanceState.RUNNING, 0, 1)).isEmpty()) {
        return;
      }
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
