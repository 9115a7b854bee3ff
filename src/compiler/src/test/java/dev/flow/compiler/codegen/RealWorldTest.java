package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Notification;
import dev.flow.runtime.Principal;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Real workflows from other projects' published examples (Serverless Workflow, Temporal samples,
 * Camunda, Conductor, AWS Step Functions), written as Flow models under
 * {@code execution/realworld/} (its README names each one's source) and driven on the engine as
 * their users would: people of the right role complete tasks, events arrive while instances run,
 * the manual clock moves timers on, connectors fail and are retried, instances are cancelled.
 * Each test asserts what the language guide says happens. {@link RealWorldRestartTest} restarts
 * some of them on the file journal in the middle.
 */
class RealWorldTest {
  private static final String JOB_STATUS = "test.realworld.jobs.JobStatus";
  private static final String BOOK_STATUS = "test.realworld.library.BookStatus";

  private static Running model(String name) {
    return Running.model("execution/realworld/" + name + ".flow");
  }

  private static List<String> open(Running run, String id) {
    return run.runtime().inbox().forInstance(id).stream().filter(Task::isOpen).map(Task::step).toList();
  }

  private static Task openTask(Running run, String id, String step) {
    return run.runtime().inbox().forInstance(id).stream().filter(t -> t.isOpen() && t.step().equals(step))
        .findFirst().orElseThrow(() -> new AssertionError("no open task " + step + " in " + open(run, id)));
  }

  private static String simple(String role) {
    return role.substring(role.lastIndexOf('.') + 1);
  }

  private static List<String> messages(Running run, String id) {
    return run.runtime().notifications().stream().filter(n -> n.instanceId().equals(id)).map(Notification::message).toList();
  }

  private static long calls(Running run, String prefix) {
    return run.calls.stream().filter(c -> c.startsWith(prefix)).count();
  }

  // Serverless Workflow: applicant request decision

  @Test
  void anApplicantOfAgeStartsAnApplicationAndAMinorIsRejected() {
    Running run = model("applicant-request");
    run.answers.put("startApplication", args -> "APP-" + args[0]);
    run.answers.put("rejectApplication", args -> "REJ-" + args[0] + " " + args[1]);
    String adult = run.start("ApplicantRequestDecision",
        Map.of("applicant", Map.of("id", "a1", "name", "Ada", "age", 34, "email", "ada@example.com")));
    assertEquals(Map.of("decision", "APP-a1"), run.output(adult));
    String minor = run.start("ApplicantRequestDecision",
        Map.of("applicant", Map.of("id", "m1", "name", "Tim", "age", 16, "email", "tim@example.com")));
    assertEquals(Map.of("decision", "REJ-m1 under 18"), run.output(minor));
    assertEquals(List.of("startApplication(a1)", "rejectApplication(m1, under 18)"), run.calls);
    assertEquals(4, run.instances().size(), "two decisions and one subflow each");
    assertTrue(run.runtime().notifications().stream().anyMatch(n -> n.message().equals(
        "Dear Tim, we cannot accept your application: under 18")), run.runtime().notifications()::toString);
  }

  // Serverless Workflow: provision orders

  @Test
  void eachProvisioningErrorGoesToItsOwnHandlerWorkflow() {
    Running run = model("provision-orders");
    run.answers.put("provisionOrder", args -> {
      if (args[0].equals("")) {
        throw run.raise("test.realworld.provisioning.MissingOrderId", "no id");
      } else if (args[1].equals("")) {
        throw run.raise("test.realworld.provisioning.MissingOrderItem", "no item");
      } else if ((Long) args[2] == 0L) {
        throw run.raise("test.realworld.provisioning.MissingOrderQuantity", "no quantity");
      }
      return "provisioned " + args[0];
    });
    run.answers.put("applyOrder", args -> "applied " + args[0]);
    run.answers.put("handleMissingId", args -> "fixed id: " + args[0]);
    run.answers.put("handleMissingItem", args -> "fixed item: " + args[0]);
    run.answers.put("handleMissingQuantity", args -> "fixed quantity: " + args[0]);
    assertEquals(Map.of("outcome", "applied provisioned o1"), run.output(run.start("ProvisionOrder",
        Map.of("order", Map.of("id", "o1", "item", "laptop", "quantity", 2)))));
    assertEquals(Map.of("outcome", "fixed id: no id"), run.output(run.start("ProvisionOrder",
        Map.of("order", Map.of("item", "laptop", "quantity", 2)))));
    assertEquals(Map.of("outcome", "fixed item: no item"), run.output(run.start("ProvisionOrder",
        Map.of("order", Map.of("id", "o3", "quantity", 2)))));
    assertEquals(Map.of("outcome", "fixed quantity: no quantity"), run.output(run.start("ProvisionOrder",
        Map.of("order", Map.of("id", "o4", "item", "mouse")))));
    assertEquals(4, calls(run, "provisionOrder"), "a declared error is an answer: never retried");
  }

  // Serverless Workflow: event-based greeting

  @Test
  void aGreetingEventStartsAGreeting() {
    Running run = model("event-greeting");
    run.answers.put("greet", args -> (args[1].equals("de") ? "Hallo " : "Hello ") + args[0]);
    run.publish(run.event("GreetingEvent", Map.of("name", "Grete", "language", "de")));
    run.publish(run.event("GreetingEvent", Map.of("name", "John", "language", "en")));
    assertEquals(2, run.instances().size());
    assertEquals(Map.of("message", "Hallo Grete"), run.output(run.instances().get(0).id()));
    assertEquals(Map.of("message", "Hello John"), run.output(run.instances().get(1).id()));
  }

  // Serverless Workflow: job monitoring

  @Test
  void aJobIsPolledEveryFiveSecondsUntilItSucceeds() {
    Running run = model("job-monitoring");
    AtomicInteger polls = new AtomicInteger();
    run.answers.put("submitJob", args -> "job-1");
    run.answers.put("getJobStatus", args -> run.constant(JOB_STATUS, polls.incrementAndGet() < 4 ? "Running" : "Succeeded"));
    run.answers.put("getJobResult", args -> "result of " + args[0]);
    String id = run.start("JobMonitoring", Map.of("job", "nightly"));
    assertEquals(InstanceState.WAITING, run.state(id));
    run.advance(Duration.ofSeconds(5));
    run.advance(Duration.ofSeconds(5));
    assertEquals(2, polls.get(), "one poll per five seconds");
    run.advance(Duration.ofSeconds(10));
    assertEquals(Map.of("result", "result of job-1", "polls", 4L), run.output(id));
  }

  @Test
  void aFailedJobIsReportedAndFailsTheWorkflowAndAFlakyStatusCallIsRetried() {
    Running run = model("job-monitoring");
    AtomicInteger polls = new AtomicInteger();
    run.answers.put("submitJob", args -> "job-2");
    run.answers.put("getJobStatus", args -> {
      int n = polls.incrementAndGet();
      if (n == 2) {
        throw new IllegalStateException("status service unavailable");
      }
      return run.constant(JOB_STATUS, n < 3 ? "Running" : "Failed");
    });
    run.answers.put("reportJobFailed", args -> "reported");
    String id = run.start("JobMonitoring", Map.of("job", "weekly"));
    run.advance(Duration.ofSeconds(5));
    run.advance(Duration.ofSeconds(5));
    run.advance(Duration.ofSeconds(1));
    assertEquals(InstanceState.FAILED, run.state(id));
    assertEquals("job job-2 failed: reported", run.instance(id).error().orElseThrow().message());
    assertEquals(3, polls.get(), "the failed status call was retried once");
  }

  // Serverless Workflow: purchase order deadline

  @Test
  void anOrderConfirmedAndShippedInTimeCompletes() {
    Running run = model("purchase-order");
    run.publish(run.event("OrderCreated", Map.of("order", "po-1", "amount", 120)));
    String id = run.instances().get(0).id();
    run.advance(Duration.ofDays(3));
    run.publish(run.event("OrderConfirmed", Map.of("order", "po-1")));
    run.publish(run.event("ShipmentSent", Map.of("order", "po-2", "tracking", "other")));
    assertEquals(InstanceState.WAITING, run.state(id), "another order's shipment is not this one's");
    run.publish(run.event("ShipmentSent", Map.of("order", "po-1", "tracking", "TRK-1")));
    assertEquals(Map.of("tracking", "TRK-1"), run.output(id));
    assertEquals(0, calls(run, "cancelOrder"));
  }

  @Test
  void anOrderNotShippedWithin30DaysIsCancelledAndUndone() {
    Running run = model("purchase-order");
    run.publish(run.event("OrderCreated", Map.of("order", "po-9", "amount", 80)));
    String id = run.instances().get(0).id();
    run.publish(run.event("OrderConfirmed", Map.of("order", "po-9")));
    run.advance(Duration.ofDays(29));
    assertEquals(InstanceState.WAITING, run.state(id));
    run.advance(Duration.ofDays(1));
    assertEquals(InstanceState.CANCELLED, run.state(id));
    assertEquals(List.of("logNewOrder(po-9)", "logConfirmed(po-9)", "cancelOrder(po-9)"), run.calls);
    run.publish(run.event("ShipmentSent", Map.of("order", "po-9", "tracking", "late")));
    assertEquals(InstanceState.CANCELLED, run.state(id), "a late shipment changes nothing");
  }

  // Serverless Workflow: patient vital signs

  @Test
  void eachAlarmingVitalSignIsActedOnUntilTheMonitoringStops() {
    Running run = model("patient-vitals");
    run.publish(run.event("MonitoringStarted", Map.of("patient", "p1", "room", "12")));
    run.publish(run.event("MonitoringStarted", Map.of("patient", "p2", "room", "14")));
    String p1 = run.instances().get(0).id();
    String p2 = run.instances().get(1).id();
    run.publish(run.event("HighBodyTemperature", Map.of("patient", "p1", "celsius", "39.5")));
    run.publish(run.event("HighBloodPressure", Map.of("patient", "p2", "systolic", 180)));
    run.publish(run.event("HighRespirationRate", Map.of("patient", "p1", "perMinute", 30)));
    run.publish(run.event("HighBloodPressure", Map.of("patient", "p1", "systolic", 170)));
    run.publish(run.event("MonitoringStopped", Map.of("patient", "p1")));
    assertEquals(Map.of("alarms", 3L), run.output(p1));
    assertEquals(InstanceState.WAITING, run.state(p2));
    assertEquals(List.of("tylenolOrder(p1)", "callNurse(p2, 14)", "callPulmonologist(p1)", "callNurse(p1, 12)"), run.calls);
    run.publish(run.event("MonitoringStarted", Map.of("patient", "p2", "room", "99")));
    assertEquals(2, run.instances().size(), "a second start for a monitored patient starts nothing");
    run.publish(run.event("MonitoringStopped", Map.of("patient", "p2")));
    assertEquals(InstanceState.COMPLETED, run.state(p2));
  }

  // Serverless Workflow: car vitals

  @Test
  void aRunningCarIsCheckedEverySecondUntilItIsTurnedOff() {
    Running run = model("car-vitals");
    run.answers.put("checkTirePressure", args -> 32L);
    run.answers.put("checkOilPressure", args -> 40L);
    run.answers.put("checkCoolantLevel", args -> 8L);
    run.answers.put("checkBattery", args -> 12L);
    run.publish(run.event("CarTurnedOn", Map.of("car", "K-123")));
    String id = run.instances().get(0).id();
    run.advance(Duration.ofSeconds(1));
    run.advance(Duration.ofSeconds(1));
    assertEquals(3, calls(run, "checkBattery"), "a round at once and one per second");
    run.publish(run.event("CarTurnedOff", Map.of("car", "K-123")));
    assertEquals(Map.of("checks", 3L), run.output(id));
    run.advance(Duration.ofSeconds(5));
    assertEquals(3, calls(run, "checkBattery"), "no check once the car is off");
    assertTrue(run.instances().stream().allMatch(i -> i.state() == InstanceState.COMPLETED),
        () -> run.instances().stream().map(i -> i.workflow() + " " + i.state()).toList().toString());
  }

  // Serverless Workflow: book lending

  @Test
  void anAvailableBookIsCheckedOutAtOnce() {
    Running run = model("book-lending");
    run.answers.put("getBookStatus", args -> run.constant(BOOK_STATUS, "Available"));
    run.answers.put("checkOut", args -> "loan of " + args[0] + " to " + args[1]);
    String id = run.start("LendBook", Map.of("book", "Dune", "lender", "lee"));
    assertEquals(Map.of("loan", "loan of Dune to lee"), run.output(id));
  }

  @Test
  void aLenderWhoWaitsGetsTheBookWhenItIsReturned() {
    Running run = model("book-lending");
    run.answers.put("getBookStatus", args -> run.constant(BOOK_STATUS, "OnLoan"));
    run.answers.put("checkOut", args -> "loan of " + args[0] + " to " + args[1]);
    String id = run.start("LendBook", Map.of("book", "Emma", "lender", "lee"));
    Task hold = openTask(run, id, "holdRequest");
    assertEquals("lee", hold.assignee(), "the hold request is the lender's own");
    assertEquals(List.of("Emma is on loan: do you want to wait for it?"), messages(run, id));
    run.completeAs(id, "holdRequest", "lee", Map.of("wait", true));
    run.advance(Duration.ofDays(3));
    run.publish(run.event("BookReturned", Map.of("book", "Other")));
    assertEquals(InstanceState.WAITING, run.state(id));
    run.publish(run.event("BookReturned", Map.of("book", "Emma")));
    assertEquals(Map.of("loan", "loan of Emma to lee"), run.output(id));
  }

  @Test
  void aLenderWhoWillNotWaitCancelsAndABookNotReturnedInTwoWeeksFails() {
    Running run = model("book-lending");
    run.answers.put("getBookStatus", args -> run.constant(BOOK_STATUS, "OnLoan"));
    String refused = run.start("LendBook", Map.of("book", "Ulysses", "lender", "kim"));
    run.completeAs(refused, "holdRequest", "kim", Map.of("wait", false));
    assertEquals(InstanceState.CANCELLED, run.state(refused));
    assertEquals("kim does not want to wait for Ulysses", run.instance(refused).cancelReason().orElseThrow());
    String waited = run.start("LendBook", Map.of("book", "Ulysses", "lender", "max"));
    run.completeAs(waited, "holdRequest", "max", Map.of("wait", true));
    run.advance(Duration.ofDays(14));
    assertEquals(InstanceState.FAILED, run.state(waited));
    assertEquals(List.of("cancelRequest(Ulysses, kim)", "cancelRequest(Ulysses, max)"),
        run.calls.stream().filter(c -> c.startsWith("cancelRequest")).toList());
  }

  // Temporal: money transfer

  @Test
  void aTransferWithdrawsAndDepositsOnceEachAfterAFlakyDeposit() {
    Running run = model("money-transfer");
    AtomicInteger deposits = new AtomicInteger();
    run.answers.put("withdraw", args -> "W-" + args[2]);
    run.answers.put("deposit", args -> {
      if (deposits.incrementAndGet() < 3) {
        throw new IllegalStateException("bank busy");
      }
      return "D-" + args[2];
    });
    String id = run.start("MoneyTransfer",
        Map.of("transfer", Map.of("reference", "t-1", "from", "alice", "to", "bob", "amount", "50.00")));
    run.advance(Duration.ofSeconds(1));
    run.advance(Duration.ofSeconds(2));
    assertEquals(Map.of("confirmation", "W-t-1 / D-t-1"), run.output(id));
    assertEquals(1, calls(run, "withdraw"));
    assertEquals(3, calls(run, "deposit"));
    assertEquals(0, calls(run, "refund"));
  }

  @Test
  void aDepositThatKeepsFailingRefundsTheWithdrawal() {
    Running run = model("money-transfer");
    run.answers.put("withdraw", args -> "W-" + args[2]);
    run.answers.put("deposit", args -> {
      throw new IllegalStateException("account closed");
    });
    String id = run.start("MoneyTransfer",
        Map.of("transfer", Map.of("reference", "t-2", "from", "alice", "to", "bob", "amount", "75.00")));
    run.advance(Duration.ofSeconds(10));
    assertEquals(InstanceState.FAILED, run.state(id));
    assertEquals(4, calls(run, "deposit"), "the first attempt and three retries");
    assertEquals(List.of("refund(alice, 75.00, t-2)"), run.calls.stream().filter(c -> c.startsWith("refund")).toList(),
        "refunded once: the catch's compensation, not again when the instance fails");
    assertTrue(run.instance(id).error().orElseThrow().message().startsWith("transfer t-2 refunded:"),
        run.instance(id).error()::toString);
  }

  // Temporal: booking saga

  @Test
  void aFailedFlightCancelsTheHotelThenTheCar() {
    Running run = model("trip-booking");
    run.answers.put("reserveCar", args -> "car-1");
    run.answers.put("bookHotel", args -> "hotel-1");
    run.answers.put("bookFlight", args -> {
      throw new IllegalStateException("flight full");
    });
    String id = run.start("BookTrip", Map.of("name", "Ann"));
    run.approve(id, "confirmTrip", true);
    assertEquals(InstanceState.FAILED, run.state(id));
    assertEquals(List.of("reserveCar(Ann)", "bookHotel(Ann)", "bookFlight(Ann)", "cancelHotel(hotel-1, Ann)",
        "cancelCar(car-1, Ann)"), run.calls, "newest first, the flight that failed is not undone");
  }

  @Test
  void aTripTheAgentTurnsDownOrCancelledMidFlightIsUndone() {
    Running run = model("trip-booking");
    run.answers.put("reserveCar", args -> "car-" + args[0]);
    run.answers.put("bookHotel", args -> "hotel-" + args[0]);
    run.answers.put("bookFlight", args -> "flight-" + args[0]);
    String refused = run.start("BookTrip", Map.of("name", "Bo"));
    run.approve(refused, "confirmTrip", false);
    assertEquals(InstanceState.FAILED, run.state(refused));
    String cancelled = run.start("BookTrip", Map.of("name", "Cy"));
    run.runtime().cancel(cancelled, "the traveller changed plans");
    assertEquals(InstanceState.CANCELLED, run.state(cancelled));
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(cancelled, "confirmTrip"));
    String booked = run.start("BookTrip", Map.of("name", "Di"));
    run.approve(booked, "confirmTrip", true);
    assertEquals(Map.of("itinerary", "car-Di, hotel-Di, flight-Di"), run.output(booked));
    assertEquals(List.of("cancelHotel(hotel-Bo, Bo)", "cancelCar(car-Bo, Bo)", "cancelHotel(hotel-Cy, Cy)",
        "cancelCar(car-Cy, Cy)"), run.calls.stream().filter(c -> c.startsWith("cancel")).toList());
  }

  // Temporal: subscription

  @Test
  void aSubscriptionIsChargedOncePerPeriodAfterItsTrial() {
    Running run = model("subscription");
    run.answers.put("chargeCustomer", args -> "charged " + args[2]);
    String id = run.start("Subscription", Map.of("customer",
        Map.of("id", "c1", "email", "c1@example.com", "periods", 3, "charge", "9.99")));
    run.advance(Duration.ofDays(29));
    assertEquals(0, calls(run, "chargeCustomer"), "nothing during the trial");
    run.advance(Duration.ofDays(1));
    assertEquals(List.of("chargeCustomer(c1, 9.99, 1)"), run.calls);
    run.advance(Duration.ofDays(60));
    assertEquals(3, calls(run, "chargeCustomer"));
    assertEquals(InstanceState.WAITING, run.state(id), "the last period runs to its end");
    run.advance(Duration.ofDays(30));
    assertEquals(Map.of("charged", 3L), run.output(id));
    assertEquals(List.of("Welcome, your trial has started", "Your trial is over", "Your subscription has ended"),
        messages(run, id));
  }

  @Test
  void aCancellationMidSubscriptionStopsTheCharges() {
    Running run = model("subscription");
    String id = run.start("Subscription", Map.of("customer",
        Map.of("id", "c2", "email", "c2@example.com", "periods", 12, "charge", "5")));
    run.advance(Duration.ofDays(65));
    run.publish(run.event("SubscriptionCancelled", Map.of("customer", "c9")));
    assertEquals(InstanceState.WAITING, run.state(id), "another customer's cancellation");
    run.publish(run.event("SubscriptionCancelled", Map.of("customer", "c2")));
    assertEquals(Map.of("charged", 2L), run.output(id), "a cancelled branch keeps the writes it made");
    run.advance(Duration.ofDays(90));
    assertEquals(2, calls(run, "chargeCustomer"));
    assertEquals("Sorry to see you go", messages(run, id).get(messages(run, id).size() - 1));
  }

  @Test
  void aSubscriptionCancelledByTheRuntimeEndsCancelledWithNoMoreCharges() {
    Running run = model("subscription");
    String id = run.start("Subscription", Map.of("customer",
        Map.of("id", "c3", "email", "c3@example.com", "periods", 12, "charge", "5")));
    run.advance(Duration.ofDays(31));
    run.runtime().cancel(id, "account closed");
    assertEquals(InstanceState.CANCELLED, run.state(id));
    run.advance(Duration.ofDays(90));
    assertEquals(1, calls(run, "chargeCustomer"));
  }

  // Temporal: human in the loop with a timeout

  @Test
  void theManagerDecidesInTimeAndTheExpenseIsPaid() {
    Running run = model("approval-timeout");
    run.answers.put("pay", args -> "P-" + args[0]);
    String id = run.start("ApproveExpense", Map.of("expense", Map.of("id", "e1", "employee", "eve", "amount", 40)));
    Task task = openTask(run, id, "managerDecision");
    assertEquals("Manager", simple(task.role()));
    assertEquals(List.of("eve"), task.excluded());
    Principal eve = new Principal("eve", run.everyone.roles());
    assertThrows(TaskException.class, () -> run.runtime().inbox().approve(task.id(), eve, "self"),
        "nobody approves their own expense");
    run.advance(Duration.ofDays(2));
    run.runtime().inbox().approve(task.id(), run.as("mona"), "fine");
    assertEquals(Map.of("status", "paid P-e1"), run.output(id));
  }

  @Test
  void withoutADecisionTheDirectorIsAskedThenTheRequestExpires() {
    Running run = model("approval-timeout");
    String escalated = run.start("ApproveExpense",
        Map.of("expense", Map.of("id", "e2", "employee", "eve", "amount", 400)));
    run.advance(Duration.ofDays(3));
    assertEquals(List.of("directorDecision"), open(run, escalated));
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(escalated, "managerDecision"));
    assertEquals("Director", simple(openTask(run, escalated, "directorDecision").role()));
    run.approve(escalated, "directorDecision", false);
    assertEquals(Map.of("status", "rejected"), run.output(escalated));
    String expired = run.start("ApproveExpense", Map.of("expense", Map.of("id", "e3", "employee", "eve", "amount", 9)));
    run.advance(Duration.ofDays(3));
    run.advance(Duration.ofDays(2));
    assertEquals(Map.of("status", "expired"), run.output(expired));
    assertEquals(List.of(), open(run, expired));
  }

  // Camunda 7: invoice

  @Test
  void theApproverGroupFollowsTheAmountAndAnApprovedInvoiceIsArchived() {
    Running run = model("invoice");
    run.answers.put("archiveInvoice", args -> "archived " + args[0]);
    String small = run.start("ReceiveInvoice", invoice("i-1", 100, "Misc"));
    String middle = run.start("ReceiveInvoice", invoice("i-2", 800, "Travel"));
    String large = run.start("ReceiveInvoice", invoice("i-3", 5000, "Software"));
    assertEquals("Accounting", simple(openTask(run, small, "approveInvoice").role()));
    assertEquals(List.of(), openTask(run, small, "approveInvoice").otherRoles());
    assertEquals(List.of("Sales"),
        openTask(run, middle, "approveInvoice").otherRoles().stream().map(RealWorldTest::simple).toList());
    assertEquals("Management", simple(openTask(run, large, "approveInvoice").role()));
    Principal sam = new Principal("sam", Set.of("test.realworld.invoice.Sales"));
    assertEquals(List.of(middle), run.runtime().inbox().forPrincipal(sam).stream().map(Task::instanceId).toList());
    run.runtime().inbox().approve(openTask(run, middle, "approveInvoice").id(), sam, "ok");
    assertEquals("Accounting", simple(openTask(run, middle, "prepareBankTransfer").role()));
    run.complete(middle, "prepareBankTransfer", Map.of("reference", "BT-2"));
    assertEquals(Map.of("archived", "archived i-2 (BT-2)"), run.output(middle));
  }

  @Test
  void aRejectedInvoiceIsReviewedAndAClarifiedOneComesBackToApproval() {
    Running run = model("invoice");
    run.answers.put("archiveInvoice", args -> "archived " + args[0]);
    String id = run.start("ReceiveInvoice", invoice("i-4", 300, "Misc"));
    run.approve(id, "approveInvoice", false);
    String review = run.instances().get(1).id();
    run.complete(review, "assignReviewer", Map.of("reviewer", "rita"));
    Task reviewTask = openTask(run, review, "reviewInvoice");
    assertEquals("Reviewer", simple(reviewTask.role()));
    assertEquals("rita", reviewTask.assignee());
    run.completeAs(review, "reviewInvoice", "rita", Map.of("clarified", true));
    assertEquals(List.of("approveInvoice"), open(run, id), "back to approval");
    run.approve(id, "approveInvoice", false);
    String second = run.instances().get(2).id();
    run.complete(second, "assignReviewer", Map.of("reviewer", "rita"));
    run.completeAs(second, "reviewInvoice", "rita", Map.of("clarified", false));
    assertEquals(InstanceState.CANCELLED, run.state(id));
    assertEquals("invoice i-4 not clarified", run.instance(id).cancelReason().orElseThrow());
  }

  static Map<String, Object> invoice(String number, int amount, String category) {
    return Map.of("invoice", Map.of("number", number, "creditor", "Great Pizza", "amount", amount, "category", category));
  }

  // Camunda 8: order process with message correlation and timers

  @Test
  void aPaymentAnsweredFromInsideThePaymentCallIsNotLost() {
    Running run = model("order-fulfillment");
    run.answers.put("initiatePayment", args -> {
      run.runtime().publish(run.event("PaymentReceived", Map.of("orderId", args[0], "amount", args[1])));
      return "pay-" + args[0];
    });
    run.answers.put("fetchItem", args -> "fetched " + args[1]);
    run.answers.put("shipParcel", args -> "parcel " + args[0] + " " + args[1]);
    String id = run.start("FulfilOrder", order("o-1"));
    assertEquals(Map.of("parcel", "parcel o-1 [fetched book, fetched pen]"), run.output(id));
  }

  @Test
  void aLatePaymentAfterTheReminderShipsAndNoPaymentCancelsAfterAWeek() {
    Running run = model("order-fulfillment");
    run.answers.put("fetchItem", args -> "fetched " + args[1]);
    run.answers.put("shipParcel", args -> "parcel " + args[0]);
    String late = run.start("FulfilOrder", order("o-2"));
    String never = run.start("FulfilOrder", order("o-3"));
    run.advance(Duration.ofDays(2));
    assertEquals(List.of("Order o-2 waits for your payment"), messages(run, late));
    run.publish(run.event("PaymentReceived", Map.of("orderId", "o-2", "amount", "10")));
    assertEquals(InstanceState.WAITING, run.state(late), "too little is not a payment of the order");
    run.publish(run.event("PaymentReceived", Map.of("orderId", "o-2", "amount", "30.00")));
    assertEquals(Map.of("parcel", "parcel o-2"), run.output(late));
    run.advance(Duration.ofDays(5));
    assertEquals(InstanceState.CANCELLED, run.state(never));
    assertEquals(0, calls(run, "fetchItem(o-3"));
  }

  static Map<String, Object> order(String id) {
    return Map.of("order", Map.of("id", id, "customer", "c@example.com", "items", List.of("book", "pen"), "total", "30"));
  }

  // Camunda: loan approval with a decision table

  @Test
  void theCreditScoreDecidesAndTheAmountPicksTheReviewer() {
    Running run = model("loan-approval");
    run.answers.put("creditScore", args -> switch ((String) args[0]) {
      case "good" -> 750L;
      case "poor" -> 420L;
      default -> 600L;
    });
    run.answers.put("payOut", args -> "paid " + args[1]);
    assertEquals(Map.of("decision", "approved: paid 5000"), run.output(run.start("ApproveLoan", loan("good", 5000))));
    assertEquals(Map.of("decision", "rejected"), run.output(run.start("ApproveLoan", loan("poor", 5000))));
    String small = run.start("ApproveLoan", loan("fair", 5000));
    String large = run.start("ApproveLoan", loan("fair", 50_000));
    assertEquals("LoanClerk", simple(openTask(run, small, "review").role()));
    assertEquals("SeniorClerk", simple(openTask(run, large, "review").role()));
    run.approve(small, "review", true);
    run.approve(large, "review", false);
    assertEquals(Map.of("decision", "approved: paid 5000"), run.output(small));
    assertEquals(Map.of("decision", "rejected"), run.output(large));
    run.advance(Duration.ofDays(3));
    assertEquals(0, run.runtime().breaches().size(), "decided reviews breach nothing");
  }

  static Map<String, Object> loan(String applicant, int amount) {
    return Map.of("application", Map.of("applicant", applicant, "amount", amount));
  }

  // Conductor: kitchensink

  @Test
  void theKitchenSinkRunsEveryKindOfTask() {
    Running run = model("kitchensink");
    run.answers.put("task1", args -> 7L);
    run.answers.put("smsTask", args -> "sms to " + args[0]);
    run.answers.put("search", args -> "found " + args[0]);
    run.answers.put("task10", args -> "round " + args[0]);
    String id = run.start("KitchenSink", Map.of("mod", 3, "oddEven", 1, "kind", "Sms", "to", "+49", "loops", 2,
        "terminate", false));
    assertEquals(List.of("check"), open(run, id), "the fork waits for its human branch");
    run.complete(id, "check", Map.of("note", "looked"));
    assertEquals(Map.of("summary", "sms to +49 (odd) | found +49 | round 7 | looked | 2 rounds"), run.output(id));
    String terminated = run.start("KitchenSink", Map.of("mod", 3, "oddEven", 0, "kind", "Push", "to", "app",
        "loops", 1, "terminate", true));
    run.complete(terminated, "check", Map.of("note", "ok"));
    assertEquals(Map.of("summary", "terminated after 1 rounds"), run.output(terminated));
  }

  // AWS Step Functions: Map state with retry and catch

  @Test
  void eachLineIsCheckedRetriedAndCaughtOnItsOwnInTheLinesOrder() {
    Running run = model("map-state");
    Map<String, AtomicInteger> attempts = new java.util.concurrent.ConcurrentHashMap<>();
    run.answers.put("checkAvailability", args -> {
      int n = attempts.computeIfAbsent((String) args[0], k -> new AtomicInteger()).incrementAndGet();
      if (args[0].equals("gone") || (args[0].equals("flaky") && n < 3)) {
        throw new IllegalStateException("stock service error");
      }
      return args[0] + " x" + args[1];
    });
    String id = run.start("CheckShipment", Map.of("lines", List.of(Map.of("sku", "flaky", "quantity", 2),
        Map.of("sku", "gone", "quantity", 1), Map.of("sku", "fine", "quantity", 5))));
    run.advance(Duration.ofSeconds(1));
    run.advance(Duration.ofSeconds(2));
    assertEquals(Map.of("results", List.of("flaky x2", "gone unavailable", "fine x5")), run.output(id));
    assertEquals(3, attempts.get("flaky").get());
    assertEquals(3, attempts.get("gone").get(), "the first attempt and two retries");
    assertEquals(1, attempts.get("fine").get());
  }

  // AWS Step Functions: callback with a task token

  @Test
  void theCallbackWithTheTokenCompletesTheOrder() {
    Running run = model("callback-order");
    run.answers.put("charge", args -> "ch-" + args[0]);
    String id = run.start("ProcessOrder", Map.of("order", "A7", "amount", "12.00"));
    assertEquals(List.of("charge(A7, 12.00)", "sendMessage(A7, token-A7)"), run.calls);
    run.publish(run.event("TaskSucceeded", Map.of("token", "token-B1", "output", "wrong")));
    run.publish(run.event("TaskSucceeded", Map.of("token", "token-A7", "output", "shipped A7")));
    assertEquals(Map.of("shipped", "shipped A7"), run.output(id));
  }

  @Test
  void aCallbackThatComesBeforeTheWorkflowWaitsForItIsKeptForIt() {
    Running run = model("callback-order");
    run.answers.put("sendMessage", args -> {
      run.runtime().publish(run.event("TaskSucceeded", Map.of("token", args[1], "output", "fast " + args[0])));
      return "queued";
    });
    String id = run.start("ProcessOrder", Map.of("order", "Q1", "amount", 1));
    assertEquals(Map.of("shipped", "fast Q1"), run.output(id));
  }

  @Test
  void aMissingCallbackOrAFailingPaymentIsCaughtAndPublished() {
    Running run = model("callback-order");
    String silent = run.start("ProcessOrder", Map.of("order", "B2", "amount", 3));
    run.advance(Duration.ofHours(1));
    assertEquals(InstanceState.FAILED, run.state(silent));
    assertEquals("order B2 failed at callback", run.instance(silent).error().orElseThrow().message());
    run.answers.put("charge", args -> {
      throw new IllegalStateException("card service down");
    });
    String unpaid = run.start("ProcessOrder", Map.of("order", "C3", "amount", 3));
    run.advance(Duration.ofSeconds(3));
    assertEquals(InstanceState.FAILED, run.state(unpaid));
    assertEquals("order C3 failed at charge", run.instance(unpaid).error().orElseThrow().message());
    assertEquals(3, calls(run, "charge(C3"), "Retry: the first attempt and two more");
    assertEquals(0, calls(run, "sendMessage(C3"));
    assertEquals(2, calls(run, "publishFailure"));
  }

  // Serverless Workflow / Temporal: cron

  @Test
  void theInboxIsCheckedEveryFifteenMinutes() {
    Running run = model("inbox-check");
    AtomicInteger looks = new AtomicInteger();
    run.answers.put("checkInbox", args -> looks.incrementAndGet() == 2 ? List.of("hi", "meeting at 3") : List.of());
    run.runtime();
    run.advance(Duration.ofMinutes(45));
    assertEquals(3, run.instances().size(), () -> run.instances().toString());
    assertTrue(run.instances().stream().allMatch(i -> i.state() == InstanceState.COMPLETED));
    assertEquals(List.of("sendText(hi)", "sendText(meeting at 3)"),
        run.calls.stream().filter(c -> c.startsWith("sendText")).toList());
    assertEquals(Map.of("sent", 2L), run.output(run.instances().get(1).id()));
  }
}
