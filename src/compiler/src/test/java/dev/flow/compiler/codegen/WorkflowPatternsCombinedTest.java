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
 * Patterns inside one another, as a user who knows them writes them (a critical section across the
 * rounds of a parallel {@code for each}, interleaving in a loop, a cancel region around a call, a
 * deferred choice against a call, counted signals in loops, {@code start each} of calls, a deadline
 * on an event, a multi-merge with tasks, a cancelling partial join of calls): workflows of
 * {@code execution/patterns2.flow} compiled to Java and run on the engine.
 */
class WorkflowPatternsCombinedTest {
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

  private static String simple(String workflow) {
    return workflow.substring(workflow.lastIndexOf('.') + 1);
  }

  private List<WorkflowInstance> nested() {
    return run.instances().stream().filter(i -> simple(i.workflow()).equals("Nested")).toList();
  }

  private WorkflowInstance nested(String label) {
    return nested().stream().filter(i -> i.input().toString().contains("label=" + label)).findFirst()
        .orElseThrow(() -> new AssertionError("no Nested " + label + " among " + nested()));
  }

  private void completeNested(String label) {
    Task task = run.runtime().inbox().forInstance(nested(label).id()).get(0);
    run.runtime().inbox().complete(task.id(), run.everyone, Map.of("note", label));
  }

  private void completeFirst(String id, String step, Map<String, ?> form) {
    Task task = run.runtime().inbox().forInstance(id).stream().filter(t -> t.step().equals(step)).findFirst().orElseThrow();
    run.runtime().inbox().complete(task.id(), run.everyone, form);
  }

  @Test
  void wcp39TheRoundsOfAParallelForEachBookOneAtATime() {
    String id = run.start("LedgerRounds", Map.of("items", List.of("a", "b", "c")));
    assertEquals(3, run.calls.size(), "every round counts at once");
    assertEquals(List.of("book"), run.openSteps(id), "one round in the section");
    completeFirst(id, "book", Map.of("amount", 1));
    assertEquals(List.of("book"), run.openSteps(id), "the next round's turn");
    completeFirst(id, "book", Map.of("amount", 1));
    completeFirst(id, "book", Map.of("amount", 1));
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
    assertEquals(List.of("perform(post a)", "perform(post b)", "perform(post c)"),
        run.calls.stream().filter(c -> c.startsWith("perform(post")).sorted().toList());
    assertEquals("perform(close)", run.calls.get(run.calls.size() - 1));
    assertEquals(3, run.count(id, HistoryEvent.Type.EXCLUSIVE_ENTERED));
  }

  @Test
  void wcp17EachRoundOfALoopInterleavesAfresh() {
    String id = run.start("InterleavedRounds", Map.of("rounds", 2));
    for (int round = 1; round <= 2; round++) {
      assertEquals(List.of("auditStock", "countStock"), run.openSteps(id).stream().sorted().toList(), "round " + round);
      run.claim(id, "auditStock", "ann");
      int r = round;
      assertThrows(TaskException.class, () -> run.claim(id, "countStock", "bob"), "round " + r + ": one at a time");
      run.completeAs(id, "auditStock", "ann", Map.of("note", "a"));
      run.complete(id, "countStock", Map.of("note", "c"));
    }
    assertEquals(List.of("perform(done 2)"), run.calls);
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wcp25ACancelledRegionCancelsItsCalleeAndTheBranchGoesOn() {
    String id = run.start("RegionWithCall", Map.of());
    assertEquals(InstanceState.WAITING, nested("check").state());
    run.approve(id, "stopChecks", true);
    assertEquals(InstanceState.CANCELLED, nested("check").state(), "the region's call is cancelled");
    assertEquals(List.of(), run.runtime().inbox().open(), "its task withdrawn");
    assertEquals(List.of("perform(after checks)"), run.calls, "the branch goes on after the block, `checked` skipped");
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
  }

  @Test
  void wcp25ARegionNotCancelledRunsItsCallToTheEnd() {
    String id = run.start("RegionWithCall", Map.of());
    completeNested("check");
    run.approve(id, "stopChecks", true);
    assertEquals(List.of("perform(checked)", "perform(after checks)"), run.calls);
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
  }

  @Test
  void wcp16AClaimAgainstACallWithdrawsTheCall() {
    String id = run.start("ChoiceWithCall", Map.of());
    assertEquals(InstanceState.WAITING, nested("delegated").state());
    run.claim(id, "doIt", "ann");
    assertEquals(InstanceState.CANCELLED, nested("delegated").state(), "the claim decided: the call is cancelled");
    run.completeAs(id, "doIt", "ann", Map.of("note", "n"));
    assertEquals(Map.of("how", "self"), run.output(id));
  }

  @Test
  void wcp16ACallThatEndsFirstDecides() {
    String id = run.start("ChoiceWithCall", Map.of());
    completeNested("delegated");
    assertEquals(Map.of("how", "delegated"), run.output(id));
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(id, "doIt"));
  }

  @Test
  void signalsAreCountedAcrossTheRoundsOfTwoLoops() {
    String id = run.start("SignalRounds", Map.of("count", 3));
    run.complete(id, "deliver", Map.of("note", "1"));
    run.complete(id, "deliver", Map.of("note", "2"));
    assertEquals(List.of("perform(invoice 1)", "perform(invoice 2)"), run.calls, "one invoice per delivery");
    run.complete(id, "deliver", Map.of("note", "3"));
    assertEquals(List.of("perform(invoice 1)", "perform(invoice 2)", "perform(invoice 3)"), run.calls);
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
  }

  @Test
  void wcp12StartEachOfCallsRunsThemOnTheirOwn() {
    String id = run.start("CallEach", Map.of("documents", List.of("d1", "d2")));
    assertEquals(2, nested().size());
    completeNested("d1");
    assertEquals(List.of("perform(recorded d1: d1)"), run.calls);
    run.approve(id, "close", false);
    assertEquals(InstanceState.WAITING, run.state(id), "the case waits for the other round (WCP 11)");
    completeNested("d2");
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
  }

  @Test
  void wcp43CompleteCancelsTheCallsStartEachStarted() {
    String id = run.start("CallEach", Map.of("documents", List.of("d1", "d2")));
    completeNested("d1");
    run.approve(id, "close", true);
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
    assertEquals(InstanceState.CANCELLED, nested("d2").state(), "the round still running is cancelled, its call too");
    assertEquals(List.of(), run.runtime().inbox().open());
  }

  @Test
  void aPaymentWithinTheDayNeedsNoReminder() {
    String id = run.start("PaymentReminder", Map.of("order", "r1"));
    run.advance(Duration.ofHours(23));
    run.publish(run.event("Paid", Map.of("order", "r1")));
    assertEquals(Map.of("reminded", false), run.output(id));
    assertEquals(List.of(), run.calls);
  }

  @Test
  void aLatePaymentGetsOneReminderAndThenCounts() {
    String id = run.start("PaymentReminder", Map.of("order", "r2"));
    run.advance(Duration.ofDays(1));
    assertEquals(List.of("perform(remind r2)"), run.calls);
    run.publish(run.event("Paid", Map.of("order", "r2")));
    assertEquals(Map.of("reminded", true), run.output(id));
  }

  @Test
  void noPaymentAfterTheReminderFailsTheCase() {
    String id = run.start("PaymentReminder", Map.of("order", "r3"));
    run.advance(Duration.ofDays(3));
    assertEquals(InstanceState.FAILED, run.state(id));
    assertEquals(List.of("perform(remind r3)"), run.calls, "reminded once");
  }

  @Test
  void wcp08TheMergeOpensATaskPerBranchThatRan() {
    String id = run.start("MergeWithTasks", Map.of("express", true));
    assertEquals(List.of("confirm", "confirm"), run.openSteps(id));
    completeFirst(id, "confirm", Map.of("note", "1"));
    assertEquals(List.of("perform(fast)", "perform(standard)"), run.calls.stream().sorted().toList(),
        "nothing after the merge yet");
    completeFirst(id, "confirm", Map.of("note", "2"));
    assertEquals("perform(done)", run.calls.get(run.calls.size() - 1));
    assertEquals(InstanceState.COMPLETED, run.state(id));
    String plain = run.start("MergeWithTasks", Map.of("express", false));
    assertEquals(List.of("confirm"), run.openSteps(plain), "the branch whose `when` does not hold merges nothing");
  }

  @Test
  void wcp35TwoReviewersWorkflowsDecideAndTheThirdIsCancelled() {
    String id = run.start("ReviewersFirstTwo", Map.of("reviewers", List.of("ann", "bob", "cat")));
    assertEquals(3, nested().size());
    completeNested("cat");
    completeNested("ann");
    assertEquals(List.of("perform(decide)"), run.calls);
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
    assertEquals(InstanceState.CANCELLED, nested("bob").state());
    assertTrue(run.runtime().inbox().open().isEmpty());
  }

  @Test
  void aBranchFailingAfterTheJoinWentOnFailsTheCaseAndUndoesWhatFollowed() {
    run.answers.put("book", args -> {
      throw new IllegalStateException("down");
    });
    String id = run.start("LateFailure", Map.of());
    assertEquals(List.of("perform(quick)", "perform(after)"), run.calls, "the join went on after the fast branch");
    run.complete(id, "slowTask", Map.of("note", "n"));
    run.advance(Duration.ofMinutes(2));
    assertEquals(InstanceState.FAILED, run.state(id));
    assertEquals("undo(after)", run.calls.get(run.calls.size() - 1), "what followed the join is undone");
  }

  @Test
  void runtimeCancelOfStartEachCancelsEveryCall() {
    String id = run.start("CallEach", Map.of("documents", List.of("d1", "d2")));
    run.runtime().cancel(id, "withdrawn");
    assertEquals(InstanceState.CANCELLED, run.state(id));
    assertTrue(nested().stream().allMatch(i -> i.state() == InstanceState.CANCELLED));
    assertEquals(List.of(), run.runtime().inbox().open());
  }

  @Test
  void runtimeCancelWhileRoundsWaitForTheSection() {
    String id = run.start("LedgerRounds", Map.of("items", List.of("a", "b", "c")));
    run.runtime().cancel(id, "withdrawn");
    assertEquals(InstanceState.CANCELLED, run.state(id));
    assertEquals(List.of(), run.runtime().inbox().open());
  }

  @Test
  void aRegionsBlockWaitingForTheSectionIsWithdrawnWithoutEnteringIt() {
    String id = run.start("RegionWaitsForSection", Map.of());
    assertEquals(List.of("hold", "stop"), run.openSteps(id).stream().sorted().toList(), "the holder took the section first");
    run.approve(id, "stop", true);
    assertEquals(List.of("perform(after queue)"), run.calls);
    run.complete(id, "hold", Map.of("note", "n"));
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
    assertEquals(1, run.count(id, HistoryEvent.Type.EXCLUSIVE_ENTERED), "the queued block never entered");
    assertEquals(List.of("perform(after queue)", "perform(done)"), run.calls);
  }

  @Test
  void aRegionsBlockInsideTheSectionLeavesItWhenCancelled() {
    String id = run.start("RegionWaitsForSection", Map.of());
    run.complete(id, "hold", Map.of("note", "n"));
    assertEquals(List.of("queued", "stop"), run.openSteps(id).stream().sorted().toList());
    run.approve(id, "stop", true);
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(id, "queued"));
    assertEquals(InstanceState.COMPLETED, run.state(id), () -> String.valueOf(run.instance(id).error()));
    assertEquals(run.count(id, HistoryEvent.Type.EXCLUSIVE_ENTERED), run.count(id, HistoryEvent.Type.EXCLUSIVE_LEFT));
  }
}
