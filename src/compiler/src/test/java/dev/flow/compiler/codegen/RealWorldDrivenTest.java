package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Principal;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import dev.flow.runtime.WorkflowInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real workflows of {@link RealWorldTest} driven harder: a customer's cancellation while a
 * called workflow is under way, people completing tasks from several threads at once, events
 * published from several threads, escalations that open a task to another role.
 */
class RealWorldDrivenTest {
  private static Running model(String name) {
    return Running.model("execution/realworld/" + name + ".flow");
  }

  private static WorkflowInstance only(Running run, String workflow) {
    List<WorkflowInstance> found = run.instances().stream().filter(i -> i.workflow().endsWith("." + workflow)
        || i.workflow().equals(workflow)).toList();
    assertEquals(1, found.size(), () -> workflow + " in " + run.instances());
    return found.get(0);
  }

  private static List<String> open(Running run, String id) {
    return run.runtime().inbox().forInstance(id).stream().filter(Task::isOpen).map(Task::step).toList();
  }

  private static Object placed(Running run, String order) {
    return run.event("FoodOrderPlaced", Map.of("order", order, "customer", order + "@example.com", "total", "23.50",
        "dishes", List.of(Map.of("name", "pizza", "quantity", 2), Map.of("name", "salad", "quantity", 1))));
  }

  private static Running food() {
    Running run = model("food-ordering");
    run.answers.put("charge", args -> "ch-" + args[0]);
    run.answers.put("prepareDish", args -> args[2] + " " + args[1]);
    return run;
  }

  @Test
  void aFoodOrderIsPreparedReadiedAndDelivered() {
    Running run = food();
    run.publish(placed(run, "f1"));
    String id = only(run, "OrderFood").id();
    assertEquals(List.of("charge(f1, 23.50)", "submitOrder(f1)"), run.calls.subList(0, 2));
    assertEquals(Set.of("prepareDish(f1, pizza, 2)", "prepareDish(f1, salad, 1)"), Set.copyOf(run.calls.subList(2, 4)));
    run.advance(Duration.ofMinutes(40));
    run.publish(run.event("OrderReady", Map.of("order", "f1")));
    String delivery = only(run, "DeliverOrder").id();
    assertEquals(List.of("pickUp"), open(run, delivery));
    assertTrue(run.runtime().inbox().task(delivery, "pickUp").role().endsWith("Courier"));
    run.complete(delivery, "pickUp", Map.of("bag", "B1"));
    run.publish(run.event("OrderDelivered", Map.of("order", "f1", "courier", "carla")));
    assertEquals(Map.of("deliveredBy", "carla"), run.output(id));
    assertEquals(0, run.calls.stream().filter(c -> c.startsWith("refund")).count());
  }

  @Test
  void aCancellationDuringTheDeliveryRefundsAndCallsTheCourierOff() {
    Running run = food();
    run.publish(placed(run, "f2"));
    String id = only(run, "OrderFood").id();
    run.publish(run.event("OrderReady", Map.of("order", "f2")));
    String delivery = only(run, "DeliverOrder").id();
    run.claim(delivery, "pickUp", "carla");
    run.publish(run.event("OrderCancelled", Map.of("order", "f2")));
    assertEquals(InstanceState.CANCELLED, run.state(id));
    assertEquals("the customer cancelled order f2", run.instance(id).cancelReason().orElseThrow());
    assertEquals(InstanceState.CANCELLED, run.state(delivery), "the courier's delivery is called off");
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(delivery, "pickUp"));
    assertEquals(List.of("refund(ch-f2)"), run.calls.stream().filter(c -> c.startsWith("refund")).toList());
    run.publish(run.event("OrderDelivered", Map.of("order", "f2", "courier", "carla")));
    assertEquals(InstanceState.CANCELLED, run.state(delivery));
  }

  @Test
  void aRestaurantThatIsNotReadyInAnHourFailsTheOrderAndRefundsIt() {
    Running run = food();
    run.publish(placed(run, "f3"));
    String id = only(run, "OrderFood").id();
    run.advance(Duration.ofHours(1));
    assertEquals(InstanceState.FAILED, run.state(id));
    assertEquals(List.of("refund(ch-f3)"), run.calls.stream().filter(c -> c.startsWith("refund")).toList());
    run.publish(run.event("OrderCancelled", Map.of("order", "f3")));
    assertEquals(InstanceState.FAILED, run.state(id));
    assertEquals(1, run.calls.stream().filter(c -> c.startsWith("refund")).count());
  }

  @Test
  void aCancelledInvoiceCancelsItsReviewAndWithdrawsItsTasks() {
    Running run = model("invoice");
    String id = run.start("ReceiveInvoice", RealWorldTest.invoice("i-8", 90, "Misc"));
    run.approve(id, "approveInvoice", false);
    String review = only(run, "ReviewInvoice").id();
    run.complete(review, "assignReviewer", Map.of("reviewer", "rita"));
    run.runtime().cancel(id, "the creditor withdrew the invoice");
    assertEquals(InstanceState.CANCELLED, run.state(id));
    assertEquals(InstanceState.CANCELLED, run.state(review));
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(review, "reviewInvoice"));
    assertEquals(List.of(), run.runtime().inbox().open().stream().map(Task::step).toList());
  }

  @Test
  void anOverdueInvoiceApprovalIsOpenedToManagement() {
    Running run = model("invoice");
    String id = run.start("ReceiveInvoice", RealWorldTest.invoice("i-9", 100, "Misc"));
    Principal manager = new Principal("mia", Set.of("test.realworld.invoice.Management"));
    String task = run.runtime().inbox().task(id, "approveInvoice").id();
    assertThrows(TaskException.class, () -> run.runtime().inbox().approve(task, manager, "early"),
        "not Management's before the time limit");
    run.advance(Duration.ofDays(7));
    assertEquals(1, run.runtime().breaches().size());
    assertTrue(run.runtime().inbox().forPrincipal(manager).stream().anyMatch(t -> t.id().equals(task)));
    run.runtime().inbox().approve(task, manager, "overdue, approved");
    assertEquals(List.of("prepareBankTransfer"), open(run, id));
  }

  @Test
  void invoicesApprovedFromSeveralThreadsAtOnceEachCompleteOnce() throws Exception {
    Running run = model("invoice");
    run.answers.put("archiveInvoice", args -> "archived " + args[0]);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      ids.add(run.start("ReceiveInvoice", RealWorldTest.invoice("n-" + i, 100 + i, "Misc")));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (String id : ids) {
        done.add(pool.submit(() -> {
          Principal clerk = run.as("clerk-" + Thread.currentThread().getId());
          run.runtime().inbox().approve(run.runtime().inbox().task(id, "approveInvoice").id(), clerk, "ok");
          run.runtime().inbox().complete(run.runtime().inbox().task(id, "prepareBankTransfer").id(), clerk,
              Map.of("reference", "BT-" + id));
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdown();
    }
    for (int i = 0; i < ids.size(); i++) {
      assertEquals(Map.of("archived", "archived n-" + i + " (BT-" + ids.get(i) + ")"), run.output(ids.get(i)));
    }
    assertEquals(ids.size(), run.calls.size(), "one archive call per invoice");
  }

  @Test
  void vitalsPublishedFromSeveralThreadsReachTheirPatients() throws Exception {
    Running run = model("patient-vitals");
    int patients = 12;
    for (int p = 0; p < patients; p++) {
      run.publish(run.event("MonitoringStarted", Map.of("patient", "p" + p, "room", "r" + p)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < patients; p++) {
        String patient = "p" + p;
        done.add(pool.submit(() -> {
          run.runtime().publish(run.event("HighBodyTemperature", Map.of("patient", patient, "celsius", "39")));
          run.runtime().publish(run.event("HighRespirationRate", Map.of("patient", patient, "perMinute", 28)));
          run.runtime().publish(run.event("MonitoringStopped", Map.of("patient", patient)));
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(patients, run.instances().size());
    for (WorkflowInstance instance : run.instances()) {
      assertEquals(Map.of("alarms", 2L), run.output(instance.id()), instance::toString);
    }
    assertEquals(patients * 2, run.calls.size());
  }

  @Test
  void aCompensationThatFailsIsRecordedAndTheOthersStillRun() {
    Running run = model("trip-booking");
    run.answers.put("reserveCar", args -> "car-1");
    run.answers.put("bookHotel", args -> "hotel-1");
    run.answers.put("bookFlight", args -> {
      throw new IllegalStateException("flight full");
    });
    run.answers.put("cancelHotel", args -> {
      throw new IllegalStateException("hotel system down");
    });
    String id = run.start("BookTrip", Map.of("name", "Eve"));
    run.approve(id, "confirmTrip", true);
    assertEquals(InstanceState.FAILED, run.state(id));
    assertEquals(List.of("cancelHotel(hotel-1, Eve)", "cancelCar(car-1, Eve)"),
        run.calls.stream().filter(c -> c.startsWith("cancel")).toList());
    assertEquals(1, run.instance(id).entries().stream()
        .filter(r -> r.entry().getClass().getSimpleName().equals("CompensationFailed")).count());
  }

  /**
   * The runtime's cancel waits for the run under way (one thread at a time per instance): a
   * cancel asked for while the last booking's action runs comes after that run, which completed
   * the trip, so it is refused and nothing is undone. Nothing hangs, and nothing is booked twice.
   */
  @Test
  void aCancelAskedForWhileTheLastBookingRunsComesAfterThatRun() throws Exception {
    Running run = model("trip-booking");
    java.util.concurrent.CountDownLatch calling = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
    run.answers.put("reserveCar", args -> "car-2");
    run.answers.put("bookHotel", args -> "hotel-2");
    run.answers.put("bookFlight", args -> {
      calling.countDown();
      try {
        answer.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "flight-2";
    });
    String id = run.start("BookTrip", Map.of("name", "Fay"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Future<?> cancelling;
    try {
      Future<?> approving = pool.submit(() -> run.approve(id, "confirmTrip", true));
      assertTrue(calling.await(30, TimeUnit.SECONDS), "the flight is being booked");
      cancelling = pool.submit(() -> run.runtime().cancel(id, "the traveller fell ill"));
      Thread.sleep(200);
      assertTrue(!cancelling.isDone(), "the cancel waits for the run under way");
      answer.countDown();
      approving.get(30, TimeUnit.SECONDS);
      java.util.concurrent.ExecutionException refused = assertThrows(java.util.concurrent.ExecutionException.class,
          () -> cancelling.get(30, TimeUnit.SECONDS));
      assertTrue(refused.getCause() instanceof IllegalStateException, refused::toString);
    } finally {
      answer.countDown();
      pool.shutdown();
    }
    assertEquals(Map.of("itinerary", "car-2, hotel-2, flight-2"), run.output(id));
    assertEquals(List.of("reserveCar(Fay)", "bookHotel(Fay)", "bookFlight(Fay)"), run.calls);
  }

  /**
   * The ward's system reports a high blood pressure while the Tylenol order for the same patient
   * is being placed: the event comes while the instance runs, and the pressure loop, waiting,
   * takes it and calls the nurse in the same run.
   */
  @Test
  void aVitalSignReportedWhileAnotherAlarmIsHandledIsActedOnInTheNextRound() {
    Running run = model("patient-vitals");
    run.answers.put("tylenolOrder", args -> {
      run.runtime().publish(run.event("HighBloodPressure", Map.of("patient", args[0], "systolic", 175)));
      return "ordered";
    });
    run.publish(run.event("MonitoringStarted", Map.of("patient", "p5", "room", "8")));
    String id = run.instances().get(0).id();
    run.publish(run.event("HighBodyTemperature", Map.of("patient", "p5", "celsius", "39.1")));
    assertEquals(List.of("tylenolOrder(p5)", "callNurse(p5, 8)"), run.calls);
    run.publish(run.event("MonitoringStopped", Map.of("patient", "p5")));
    assertEquals(Map.of("alarms", 2L), run.output(id));
  }

  /**
   * Managers approve expenses from one thread while the clock reaches their three-day limit in
   * another: each expense ends up decided once, either paid (the approval came first) or with the
   * director's task open and the manager's withdrawn (the timer came first); never both, never
   * neither, and a manager who was too late is told so.
   */
  @Test
  void approvalsRacingTheirTimeLimitAreDecidedOnceEach() throws Exception {
    Running run = model("approval-timeout");
    run.answers.put("pay", args -> "P-" + args[0]);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(run.start("ApproveExpense", Map.of("expense", Map.of("id", "x" + i, "employee", "eve", "amount", 10))));
    }
    run.advance(Duration.ofDays(3).minusMillis(1));
    List<String> tooLate = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> approving = pool.submit(() -> {
        for (String id : ids) {
          try {
            run.runtime().inbox().approve(run.runtime().inbox().task(id, "managerDecision").id(), run.as("mona"), "ok");
          } catch (TaskException | IllegalStateException | IllegalArgumentException e) {
            tooLate.add(id);
          }
        }
      });
      Future<?> ticking = pool.submit(() -> run.advance(Duration.ofMillis(1)));
      approving.get(60, TimeUnit.SECONDS);
      ticking.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdown();
    }
    int paid = 0;
    for (String id : ids) {
      if (run.state(id) == InstanceState.COMPLETED) {
        assertEquals(Map.of("status", "paid P-x" + ids.indexOf(id)), run.output(id));
        assertTrue(!tooLate.contains(id), id);
        paid++;
      } else {
        assertEquals(InstanceState.WAITING, run.state(id));
        assertEquals(List.of("directorDecision"), open(run, id), id);
        assertEquals(Task.Status.WITHDRAWN, run.taskStatus(id, "managerDecision"));
        assertTrue(tooLate.contains(id), id);
      }
    }
    assertEquals(paid, run.calls.size(), "one payment per approved expense");
    assertEquals(ids.size(), paid + tooLate.size());
  }
}
