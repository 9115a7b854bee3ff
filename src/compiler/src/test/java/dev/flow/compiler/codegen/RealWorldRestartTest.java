package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.Engine;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real workflows of {@link RealWorldTest} with the engine closed in the middle and a new one
 * opened on the same file journal: each instance must continue exactly where it stood (no action
 * performed twice that had completed, no timer lost or restarted, no task lost or doubled).
 */
class RealWorldRestartTest {
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  @TempDir
  Path dir;

  private interface Answers {
    Object answer(String action, Object[] args) throws Throwable;
  }

  private Engine engine(Running run, Answers answers) {
    return run.journalEngine(dir.resolve("journal"), "connector", (Method method, Object[] args) -> {
      Object[] arguments = args == null ? new Object[0] : args;
      calls.add(method.getName() + Running.render(arguments));
      Object answer = answers.answer(method.getName(), arguments);
      if (answer instanceof String name && method.getReturnType().isEnum()) {
        for (Object constant : method.getReturnType().getEnumConstants()) {
          if (((Enum<?>) constant).name().equals(name)) {
            return constant;
          }
        }
      }
      return answer;
    });
  }

  private long count(String prefix) {
    return calls.stream().filter(c -> c.startsWith(prefix)).count();
  }

  @Test
  void aPolledJobContinuesItsPollsAfterARestart() {
    Running run = Running.model("execution/realworld/job-monitoring.flow");
    AtomicInteger polls = new AtomicInteger();
    Answers answers = (action, args) -> switch (action) {
      case "submitJob" -> "job-7";
      case "getJobStatus" -> polls.incrementAndGet() < 5 ? "Running" : "Succeeded";
      default -> "result";
    };
    Engine first = engine(run, answers);
    String id = run.start(first, "JobMonitoring", Map.of("job", "export"));
    run.clock.advance(Duration.ofSeconds(5));
    run.clock.advance(Duration.ofSeconds(5));
    run.clock.advance(Duration.ofSeconds(3));
    first.close();

    Engine second = engine(run, answers);
    second.recover();
    assertEquals(2, polls.get(), "recovery polls nothing that had been polled");
    run.clock.advance(Duration.ofSeconds(2));
    assertEquals(3, polls.get(), "the third poll five seconds after the second, not after the restart");
    run.clock.advance(Duration.ofSeconds(10));
    assertEquals(Map.of("result", "result", "polls", 5L), Running.output(second, id));
    assertEquals(1, count("submitJob"));
    second.close();
  }

  @Test
  void aTransferInItsRetriesContinuesAfterARestartWithItsKey() {
    Running run = Running.model("execution/realworld/money-transfer.flow");
    AtomicInteger deposits = new AtomicInteger();
    Answers answers = (action, args) -> {
      if (action.equals("deposit") && deposits.incrementAndGet() < 3) {
        throw new IllegalStateException("bank busy");
      }
      return action + " " + args[2];
    };
    Engine first = engine(run, answers);
    String id = run.start(first, "MoneyTransfer",
        Map.of("transfer", Map.of("reference", "t-9", "from", "a", "to", "b", "amount", "10")));
    run.clock.advance(Duration.ofSeconds(1));
    assertEquals(2, deposits.get());
    first.close();

    Engine second = engine(run, answers);
    second.recover();
    run.clock.advance(Duration.ofSeconds(2));
    assertEquals(Map.of("confirmation", "withdraw t-9 / deposit t-9"), Running.output(second, id));
    assertEquals(1, count("withdraw"), "the withdrawal is not made again");
    assertEquals(3, count("deposit(b, 10, t-9)"), "every deposit attempt carries the transfer's reference");
    assertEquals(0, count("refund"));
    second.close();
  }

  @Test
  void anInvoiceInApprovalAndReviewContinuesAfterRestarts() {
    Running run = Running.model("execution/realworld/invoice.flow");
    Answers answers = (action, args) -> "archived " + args[0];
    Engine first = engine(run, answers);
    String id = run.start(first, "ReceiveInvoice", RealWorldTest.invoice("i-7", 700, "Misc"));
    first.inbox().reject(Running.open(first, id).get(0).id(), run.everyone, "wrong amount");
    String review = first.instances().stream().filter(i -> i.workflow().endsWith("ReviewInvoice")).findFirst()
        .orElseThrow().id();
    first.inbox().complete(Running.open(first, review).get(0).id(), run.everyone, Map.of("reviewer", "rita"));
    first.close();

    Engine second = engine(run, answers);
    second.recover();
    List<Task> reviewing = Running.open(second, review);
    assertEquals(List.of("reviewInvoice"), reviewing.stream().map(Task::step).toList());
    assertEquals("rita", reviewing.get(0).assignee());
    second.inbox().complete(reviewing.get(0).id(), run.as("rita"), Map.of("clarified", true));
    assertEquals(List.of("approveInvoice"), Running.open(second, id).stream().map(Task::step).toList());
    second.close();

    Engine third = engine(run, answers);
    third.recover();
    List<Task> approving = Running.open(third, id);
    assertEquals(1, approving.size(), "one approval task, not one per restart");
    third.inbox().approve(approving.get(0).id(), run.everyone, "clarified");
    third.inbox().complete(Running.open(third, id).get(0).id(), run.everyone, Map.of("reference", "BT-7"));
    assertEquals(Map.of("archived", "archived i-7 (BT-7)"), Running.output(third, id));
    assertEquals(List.of("archiveInvoice(i-7)"), calls);
    third.close();
  }

  @Test
  void aSubscriptionKeepsItsPeriodsAndItsCancellationAcrossARestart() {
    Running run = Running.model("execution/realworld/subscription.flow");
    Answers answers = (action, args) -> "charged " + args[2];
    Engine first = engine(run, answers);
    String id = run.start(first, "Subscription", Map.of("customer",
        Map.of("id", "c5", "email", "c5@example.com", "periods", 6, "charge", "4")));
    run.clock.advance(Duration.ofDays(45));
    assertEquals(1, count("chargeCustomer"));
    first.close();

    Engine second = engine(run, answers);
    second.recover();
    assertEquals(1, count("chargeCustomer"), "recovery charges nobody again");
    run.clock.advance(Duration.ofDays(15));
    assertEquals(2, count("chargeCustomer"), "the second period on day 60, as before the restart");
    second.publish(run.event("SubscriptionCancelled", Map.of("customer", "c5")));
    assertEquals(Map.of("charged", 2L), Running.output(second, id));
    run.clock.advance(Duration.ofDays(60));
    assertEquals(2, count("chargeCustomer"));
    second.close();
  }

  @Test
  void aMonitoredPatientKeepsItsKeyAndItsAlarmsAcrossARestart() {
    Running run = Running.model("execution/realworld/patient-vitals.flow");
    Answers answers = (action, args) -> action + " done";
    Engine first = engine(run, answers);
    first.publish(run.event("MonitoringStarted", Map.of("patient", "p7", "room", "3")));
    first.publish(run.event("HighBodyTemperature", Map.of("patient", "p7", "celsius", "39")));
    String id = first.instances().get(0).id();
    first.close();

    Engine second = engine(run, answers);
    second.recover();
    second.publish(run.event("MonitoringStarted", Map.of("patient", "p7", "room", "4")));
    assertEquals(1, second.instances().size(), "the key still belongs to the running instance");
    second.publish(run.event("HighBloodPressure", Map.of("patient", "p7", "systolic", 190)));
    second.publish(run.event("MonitoringStopped", Map.of("patient", "p7")));
    assertEquals(Map.of("alarms", 2L), Running.output(second, id));
    assertEquals(List.of("tylenolOrder(p7)", "callNurse(p7, 3)"), calls);
    second.close();
  }

  @Test
  void aRunningCarIsCheckedOnAfterARestartUntilItIsTurnedOff() {
    Running run = Running.model("execution/realworld/car-vitals.flow");
    Answers answers = (action, args) -> 1L;
    Engine first = engine(run, answers);
    first.publish(run.event("CarTurnedOn", Map.of("car", "B-7")));
    String id = first.instances().stream().filter(i -> i.workflow().endsWith("VitalsCheck")).findFirst().orElseThrow().id();
    run.clock.advance(Duration.ofSeconds(1));
    first.close();

    Engine second = engine(run, answers);
    second.recover();
    assertEquals(2, count("checkBattery"), "recovery repeats no round");
    run.clock.advance(Duration.ofSeconds(1));
    assertEquals(3, count("checkBattery"));
    second.publish(run.event("CarTurnedOff", Map.of("car", "B-7")));
    assertEquals(Map.of("checks", 3L), Running.output(second, id));
    second.close();
  }

  @Test
  void aPurchaseOrderDeadlineFiresAfterARestartAtItsOriginalTime() {
    Running run = Running.model("execution/realworld/purchase-order.flow");
    Answers answers = (action, args) -> action + " done";
    Engine first = engine(run, answers);
    first.publish(run.event("OrderCreated", Map.of("order", "po-5", "amount", 10)));
    String id = first.instances().get(0).id();
    run.clock.advance(Duration.ofDays(20));
    first.publish(run.event("OrderConfirmed", Map.of("order", "po-5")));
    first.close();

    Engine second = engine(run, answers);
    second.recover();
    run.clock.advance(Duration.ofDays(9));
    assertEquals(InstanceState.WAITING, second.instance(id).state());
    run.clock.advance(Duration.ofDays(1));
    assertEquals(InstanceState.CANCELLED, second.instance(id).state(), "30 days after the start, not after the restart");
    assertEquals(List.of("logNewOrder(po-5)", "logConfirmed(po-5)", "cancelOrder(po-5)"), calls);
    second.close();
  }

  @Test
  void aMapStateInItsRetriesContinuesAfterARestart() {
    Running run = Running.model("execution/realworld/map-state.flow");
    Map<String, AtomicInteger> attempts = new java.util.concurrent.ConcurrentHashMap<>();
    Answers answers = (action, args) -> {
      int n = attempts.computeIfAbsent((String) args[0], k -> new AtomicInteger()).incrementAndGet();
      if (args[0].equals("gone") || (args[0].equals("flaky") && n < 3)) {
        throw new IllegalStateException("stock service error");
      }
      return args[0] + " x" + args[1];
    };
    Engine first = engine(run, answers);
    String id = run.start(first, "CheckShipment", Map.of("lines", List.of(Map.of("sku", "flaky", "quantity", 2),
        Map.of("sku", "gone", "quantity", 1), Map.of("sku", "fine", "quantity", 5))));
    run.clock.advance(Duration.ofSeconds(1));
    first.close();

    Engine second = engine(run, answers);
    second.recover();
    run.clock.advance(Duration.ofSeconds(2));
    assertEquals(Map.of("results", List.of("flaky x2", "gone unavailable", "fine x5")), Running.output(second, id));
    assertEquals(3, attempts.get("flaky").get(), "no attempt repeated or lost across the restart");
    assertEquals(3, attempts.get("gone").get());
    assertEquals(1, attempts.get("fine").get());
    second.close();
  }

  @Test
  void aFoodOrderCancelledAfterARestartCallsItsDeliveryOff() {
    Running run = Running.model("execution/realworld/food-ordering.flow");
    Answers answers = (action, args) -> action.equals("charge") ? "ch-" + args[0] : action + " done";
    Engine first = engine(run, answers);
    first.publish(run.event("FoodOrderPlaced", Map.of("order", "f9", "customer", "f9@example.com", "total", "9",
        "dishes", List.of(Map.of("name", "soup", "quantity", 1)))));
    first.publish(run.event("OrderReady", Map.of("order", "f9")));
    String id = first.instances().stream().filter(i -> i.workflow().endsWith("OrderFood")).findFirst().orElseThrow().id();
    String delivery = first.instances().stream().filter(i -> i.workflow().endsWith("DeliverOrder")).findFirst()
        .orElseThrow().id();
    first.close();

    Engine second = engine(run, answers);
    second.recover();
    assertEquals(List.of("pickUp"), Running.open(second, delivery).stream().map(Task::step).toList());
    second.publish(run.event("OrderCancelled", Map.of("order", "f9")));
    assertEquals(InstanceState.CANCELLED, second.instance(id).state());
    assertEquals(InstanceState.CANCELLED, second.instance(delivery).state());
    assertEquals(List.of(), Running.open(second, delivery));
    assertEquals(1, count("refund(ch-f9)"));
    assertEquals(1, count("prepareDish"));
    second.close();
  }

  @Test
  void theInboxScheduleFiresOncePerQuarterHourAcrossARestart() {
    Running run = Running.model("execution/realworld/inbox-check.flow");
    Answers answers = (action, args) -> action.equals("checkInbox") ? List.of("mail") : "sent";
    Engine first = engine(run, answers);
    run.clock.advance(Duration.ofMinutes(15));
    assertEquals(1, first.instances().size());
    first.close();

    Engine second = engine(run, answers);
    second.recover();
    assertEquals(1, second.instances().size(), "recovery fires nothing that had fired");
    run.clock.advance(Duration.ofMinutes(15));
    assertEquals(2, second.instances().size(), "the next quarter hour fires once");
    assertEquals(2, count("checkInbox"));
    assertEquals(2, count("sendText(mail)"));
    second.close();
  }

  @Test
  void aPollThatRanOutOfRetriesWaitsForTheOperatorAcrossARestart() {
    Running run = Running.model("execution/realworld/polling.flow");
    java.util.concurrent.atomic.AtomicBoolean ready = new java.util.concurrent.atomic.AtomicBoolean();
    Answers answers = (action, args) -> {
      if (action.equals("fetchReport") && !ready.get()) {
        throw new IllegalStateException("report not ready");
      }
      return action.equals("requestReport") ? "T-1" : "report body";
    };
    Engine first = engine(run, answers);
    String id = run.start(first, "FetchReport", Map.of("name", "sales", "recipient", "ops@example.com"));
    run.clock.advance(Duration.ofMinutes(10));
    assertEquals(6, count("fetchReport"), "the first poll and five retries, a minute apart");
    assertEquals(1, first.incidents().size());
    assertEquals(InstanceState.WAITING, first.instance(id).state());
    first.close();

    Engine second = engine(run, answers);
    second.recover();
    assertEquals(1, second.incidents().size(), "the incident is still there after the restart");
    assertEquals(6, count("fetchReport"), "recovery polls nothing more");
    ready.set(true);
    second.retryIncident(second.incidents().get(0).id(), "olga");
    assertEquals(Map.of("report", "report body"), Running.output(second, id));
    assertEquals(0, second.incidents().size());
    assertEquals(1, count("requestReport"));
    second.close();
  }
}
