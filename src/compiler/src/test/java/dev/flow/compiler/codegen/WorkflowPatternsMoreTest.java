package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import dev.flow.runtime.WorkflowInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control-flow patterns of Russell, ter Hofstede, van der Aalst and Mulyar (2006) written a
 * second time, in the shapes a user of the guide would give them on an order desk (with called
 * workflows, events, timers and loops around them): workflows of {@code execution/patterns2.flow}
 * compiled to Java and run on the engine. {@link WorkflowPatternsTest} and the *PatternsTest
 * classes hold the first writing of each.
 */
class WorkflowPatternsMoreTest {
  Running run;

  @BeforeEach
  void compile() {
    run = Running.model("execution/patterns2.flow");
    run.answers.put("perform", args -> "did " + args[0]);
  }

  @AfterEach
  void close() {
    run.close();
  }

  /** Every open task of every instance, as {@code Workflow/step}, sorted. */
  private List<String> open() {
    return run.runtime().inbox().open().stream().map(t -> simple(t.workflow()) + "/" + t.step()).sorted().toList();
  }

  private static String simple(String workflow) {
    return workflow.substring(workflow.lastIndexOf('.') + 1);
  }

  /** The open task of a step of a called workflow whose label is {@code label}. */
  private Task nestedTask(String label) {
    for (Task task : run.runtime().inbox().open()) {
      if (simple(task.workflow()).equals("Nested") && run.instance(task.instanceId()).input().toString().contains(label)) {
        return task;
      }
    }
    throw new AssertionError("no open task for " + label + " in " + open());
  }

  private void completeNested(String label) {
    run.runtime().inbox().complete(nestedTask(label).id(), run.everyone, Map.of("note", label));
  }

  private List<WorkflowInstance> instancesOf(String workflow) {
    return run.instances().stream().filter(i -> simple(i.workflow()).equals(workflow)).toList();
  }

  @Test
  void wcp18MilestoneReachedByAnEventWithdrawsTheChange() {
    String id = run.start("MilestoneByEvent", Map.of("order", "o2"));
    assertEquals(List.of("changeAddress"), run.openSteps(id), "the milestone is reached once the order is confirmed");
    run.publish(run.event("Paid", Map.of("order", "o2")));
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(id, "changeAddress"), "paid: the milestone is past");
    assertEquals(List.of("perform(confirm o2)", "perform(ship o2)"), run.calls);
  }

  @Test
  void wcp18MilestoneChangeMadeWhileItHolds() {
    String id = run.start("MilestoneByEvent", Map.of("order", "o1"));
    run.complete(id, "changeAddress", Map.of("address", "Elm St"));
    assertEquals(List.of("perform(confirm o1)", "perform(change to Elm St)"), run.calls, "the ship waits for the payment");
    run.publish(run.event("Paid", Map.of("order", "o1")));
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
    assertEquals(List.of("perform(confirm o1)", "perform(change to Elm St)", "perform(ship o1)"), run.calls);
  }

  @Test
  void wcp22RecursionCallsItselfDownToZero() {
    String id = run.start("CountDown", Map.of("from", 2));
    run.complete(id, "level", Map.of("note", "2"));
    assertEquals(2, instancesOf("CountDown").size(), "the first level called the next");
    for (int round = 0; round < 2; round++) {
      Task next = run.runtime().inbox().open().stream().filter(t -> t.step().equals("level")).findFirst().orElseThrow();
      run.runtime().inbox().complete(next.id(), run.everyone, Map.of("note", "x"));
    }
    assertEquals(Map.of("trail", "2 1 0"), run.output(id));
    assertEquals(3, instancesOf("CountDown").size());
    assertTrue(instancesOf("CountDown").stream().allMatch(i -> i.state() == InstanceState.COMPLETED));
  }

  @Test
  void wcp22CancellingTheTopLevelCancelsEveryLevelBelow() {
    String id = run.start("CountDown", Map.of("from", 2));
    run.complete(id, "level", Map.of("note", "2"));
    Task second = run.runtime().inbox().open().stream().filter(t -> t.step().equals("level")).findFirst().orElseThrow();
    run.runtime().inbox().complete(second.id(), run.everyone, Map.of("note", "1"));
    assertEquals(3, instancesOf("CountDown").size());
    run.runtime().cancel(id, "the customer withdrew");
    assertEquals(List.of(), open(), "the deepest level's task is withdrawn");
    assertTrue(instancesOf("CountDown").stream().allMatch(i -> i.state() == InstanceState.CANCELLED),
        () -> instancesOf("CountDown").stream().map(i -> i.state().toString()).toList().toString());
  }

  @Test
  void wcp28BlockingDiscriminatorWithCalls() {
    String id = run.start("BlockingJoinByCall", Map.of("rounds", 2));
    assertEquals(List.of("Nested/work", "Nested/work"), open());
    completeNested("a1");
    assertEquals(List.of("perform(after join 1)"), run.calls, "the first call to end lets the round go on");
    assertEquals(List.of("Nested/work"), open(), "the next round waits for the other call of this one");
    completeNested("b1");
    assertEquals(List.of("Nested/work", "Nested/work"), open(), "the second round has started");
    completeNested("b2");
    assertEquals(List.of("perform(after join 1)", "perform(after join 2)"), run.calls,
        "the loop's last round, and so what follows the loop, ends only when the late call has");
    assertEquals(InstanceState.WAITING, run.state(id));
    completeNested("a2");
    assertEquals(List.of("perform(after join 1)", "perform(after join 2)", "perform(done)"), run.calls);
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
    assertEquals(4, instancesOf("Nested").size(), "one call per branch per round");
    assertTrue(instancesOf("Nested").stream().allMatch(i -> i.state() == InstanceState.COMPLETED));
  }

  @Test
  void wcp32CancellingPartialJoinCancelsTheThirdCallee() {
    String id = run.start("CancellingJoinWithCalls", Map.of());
    assertEquals(List.of("CancellingJoinWithCalls/eastQuote", "Nested/work", "Nested/work"), open());
    completeNested("south");
    run.complete(id, "eastQuote", Map.of("note", "east"));
    assertEquals(Map.of("count", 2L), run.output(id));
    assertEquals(List.of("perform(decide 2)"), run.calls);
    assertEquals(List.of(), open(), "the north call's task is withdrawn");
    WorkflowInstance north = instancesOf("Nested").stream().filter(i -> i.input().toString().contains("north"))
        .findFirst().orElseThrow();
    assertEquals(InstanceState.CANCELLED, north.state(), "the losing branch's callee is cancelled");
  }

  @Test
  void wcp15And36PacksArriveUntilPaidAndTheDispatchGoesOnAfterTwo() {
    String id = run.start("Shipment", Map.of("order", "s1"));
    assertEquals(List.of(), run.openSteps(id), "no item yet, no packing");
    run.publish(run.event("Ping", Map.of("order", "s1")));
    run.publish(run.event("Ping", Map.of("order", "other")));
    assertEquals(List.of("pack"), run.openSteps(id), "one packing per item of this order");
    run.publish(run.event("Ping", Map.of("order", "s1")));
    assertEquals(List.of("pack", "pack"), run.openSteps(id));
    completeFirst(id, "pack");
    assertEquals(List.of(), run.calls, "one packing is not yet enough");
    run.publish(run.event("Ping", Map.of("order", "s1")));
    assertEquals(3, run.openSteps(id).size() + 1, "a third item, while the second is packed");
    completeFirst(id, "pack");
    assertEquals(List.of("perform(dispatch s1)"), run.calls, "two packings let the dispatch go");
    run.publish(run.event("Ping", Map.of("order", "s1")));
    assertEquals(1, run.openSteps(id).size(), "after the join, no more items are taken");
    completeFirst(id, "pack");
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
    assertEquals(List.of("perform(dispatch s1)"), run.calls);
  }

  private void completeFirst(String id, String step) {
    Task task = run.runtime().inbox().forInstance(id).stream().filter(t -> t.step().equals(step)).findFirst().orElseThrow();
    run.runtime().inbox().complete(task.id(), run.everyone, Map.of("note", "n"));
  }

  @Test
  void wcp39CriticalSectionOverThreeBranchesOneAfterATimer() {
    String id = run.start("LedgerSection", Map.of());
    assertEquals(List.of("bookSale"), run.openSteps(id), "the sale entered the section first (source order)");
    run.advance(Duration.ofHours(1));
    assertEquals(List.of("bookSale"), run.openSteps(id), "the fee waits for the section");
    run.complete(id, "bookSale", Map.of("amount", 5));
    assertEquals(List.of("perform(post sale)"), run.calls);
    assertEquals(List.of("bookRefund"), run.openSteps(id), "the refund asked before the fee did");
    run.complete(id, "bookRefund", Map.of("amount", 2));
    assertEquals(List.of("perform(post sale)", "perform(post refund)", "perform(post fee)", "perform(close)"), run.calls);
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(3, run.count(id, HistoryEvent.Type.EXCLUSIVE_ENTERED));
    assertEquals(3, run.count(id, HistoryEvent.Type.EXCLUSIVE_LEFT));
  }

  @Test
  void wcp17InterleavedBranchesTakeTurnsAndKeepTheirOrder() {
    String id = run.start("OrderSteps", Map.of());
    assertEquals(List.of("pick"), run.openSteps(id));
    run.claim(id, "pick", "ann");
    run.advance(Duration.ofHours(2));
    assertEquals(List.of(), run.calls, "the papers wait for the goods to finish their turn");
    run.completeAs(id, "pick", "ann", Map.of("note", "p"));
    assertEquals(List.of("perform(pack)", "perform(print)"), run.calls, "pack, then the papers' turn");
    assertEquals(List.of("sign"), run.openSteps(id));
    run.complete(id, "sign", Map.of("note", "s"));
    assertEquals(List.of("perform(pack)", "perform(print)", "perform(send)"), run.calls);
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wcp17TheTimerBranchTakesItsTurnFirstWhenNobodyHasClaimed() {
    String id = run.start("OrderSteps", Map.of());
    run.advance(Duration.ofHours(2));
    assertEquals(List.of("perform(print)"), run.calls, "the timer ended first: the papers took the turn");
    TaskException held = assertThrows(TaskException.class, () -> run.claim(id, "pick", "ann"));
    assertTrue(held.getMessage().contains("held back"), held.getMessage());
    run.complete(id, "sign", Map.of("note", "s"));
    run.complete(id, "pick", Map.of("note", "p"));
    assertEquals(List.of("perform(print)", "perform(pack)", "perform(send)"), run.calls);
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wcp40InterleavedReviewsWithACall() {
    String id = run.start("InterleavedReviews", Map.of());
    assertEquals(List.of("InterleavedReviews/legalReview", "InterleavedReviews/taxReview", "Nested/work"), open(),
        "the reviews are offered at once; the branch that begins with a call takes its turn at once");
    assertThrows(TaskException.class, () -> run.claim(id, "legalReview", "ann"), "the call's branch holds the turn");
    completeNested("tech");
    run.claim(id, "legalReview", "ann");
    assertThrows(TaskException.class, () -> run.claim(id, "taxReview", "bob"), "one review at a time");
    run.runtime().inbox().approve(run.runtime().inbox().task(id, "legalReview").id(), run.as("ann"), null);
    run.approve(id, "taxReview", true);
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
    assertEquals(List.of("perform(after)"), run.calls);
  }

  @Test
  void wcp43CompleteFromALoopEndsTheCaseAndCancelsTheCallee() {
    String id = run.start("StopAnyTime", Map.of("order", "stop"));
    assertEquals(List.of("Nested/work", "StopAnyTime/check"), open());
    run.publish(run.event("Ping", Map.of("order", "stop")));
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
    assertEquals(List.of(), open(), "the review and the called workflow's task are withdrawn");
    assertEquals(InstanceState.CANCELLED, instancesOf("Nested").get(0).state());
    assertEquals(List.of(), run.calls);
  }

  @Test
  void wcp26CancelPickingWithdrawsEveryOpenPickAndTakesTheCancelledPath() {
    String id = run.start("CancelPicking", Map.of("order", "c1", "items", List.of("x", "y", "z")));
    assertEquals(List.of("pickItem", "pickItem", "pickItem"), run.openSteps(id));
    completeFirst(id, "pickItem");
    assertEquals(1, run.calls.size(), "one item labelled");
    run.publish(run.event("Cancelled", Map.of("order", "c1")));
    assertEquals(Map.of("outcome", "cancelled"), run.output(id));
    assertEquals(List.of(), run.openSteps(id), "the other picks are withdrawn");
    assertEquals(2, run.runtime().inbox().all().stream()
        .filter(t -> t.instanceId().equals(id) && t.status() == Task.Status.WITHDRAWN).count());
    assertEquals("perform(refund c1)", run.calls.get(run.calls.size() - 1));
  }

  @Test
  void wcp26PickingDoneBeforeACancellationGoesOn() {
    String id = run.start("CancelPicking", Map.of("order", "c2", "items", List.of("x", "y")));
    completeFirst(id, "pickItem");
    completeFirst(id, "pickItem");
    assertEquals(Map.of("outcome", "picked"), run.output(id));
    assertEquals(List.of("perform(label x)", "perform(label y)"), run.calls.stream().sorted().toList());
  }

  @Test
  void wcp42ThreadsNumberedFromAForm() {
    String id = run.start("PickThreads", Map.of());
    run.complete(id, "plan", Map.of("pickers", 3));
    assertEquals(List.of("pick", "pick", "pick"), run.openSteps(id));
    for (int i = 0; i < 3; i++) {
      completeFirst(id, "pick");
    }
    assertEquals(List.of("perform(label 1)", "perform(label 2)", "perform(label 3)"),
        run.calls.subList(0, 3).stream().sorted().toList(), "each thread has its own number");
    assertEquals(List.of("perform(pack)"), run.calls.subList(3, run.calls.size()), "the merge: pack once, after all");
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wcp42NoThreadsGoesOnAtOnce() {
    String id = run.start("PickThreads", Map.of());
    run.complete(id, "plan", Map.of("pickers", 0));
    assertEquals(List.of("perform(pack)"), run.calls);
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void wcp08TrackingRunsOncePerCarrierAsItPicksUp() {
    String id = run.start("MergeEachCarrier", Map.of());
    run.publish(run.event("Ping", Map.of("order", "courier")));
    assertEquals(List.of("perform(track courier)"), run.calls, "the courier's tracking does not wait for the post");
    run.complete(id, "postPickup", Map.of("note", "p"));
    assertEquals(List.of("perform(track courier)", "perform(track post)", "perform(done)"), run.calls);
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wcp12FilingsWaitOnTheirOwnAndTheCaseEndsAfterThem() {
    String id = run.start("FileEach", Map.of("documents", List.of("a", "b")));
    assertEquals(List.of("perform(carry on)"), run.calls, "the workflow went on at once");
    assertEquals(InstanceState.WAITING, run.state(id));
    run.advance(Duration.ofDays(1));
    assertEquals(List.of("perform(carry on)", "perform(file a)", "perform(file b)"),
        concat(run.calls.subList(0, 1), run.calls.subList(1, run.calls.size()).stream().sorted().toList()));
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wcp23TransientPingOnlyCountsWhenTheRoundWaits() {
    String id = run.start("TransientPing", Map.of("order", "t1"));
    run.publish(run.event("Ping", Map.of("order", "t1")));
    run.complete(id, "ready", Map.of("note", "1"));
    run.advance(Duration.ofHours(1));
    assertEquals(List.of("ready"), run.openSteps(id), "the ping before the round waited was lost: the hour passed");
    run.complete(id, "ready", Map.of("note", "2"));
    run.publish(run.event("Ping", Map.of("order", "t1")));
    run.complete(id, "ready", Map.of("note", "3"));
    run.publish(run.event("Ping", Map.of("order", "t1")));
    assertEquals(Map.of("pings", 2L), run.output(id));
  }

  @Test
  void wcp24PaymentBeforeTheReceiveIsKept() {
    String id = run.start("PersistentPaid", Map.of("order", "p1"));
    run.publish(run.event("Paid", Map.of("order", "p1")));
    assertEquals(List.of(), run.calls);
    run.complete(id, "prepare", Map.of("note", "n"));
    assertEquals(List.of("perform(ship p1)"), run.calls);
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }
}
