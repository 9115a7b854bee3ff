package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
import dev.flow.runtime.WorkflowInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workflow control-flow patterns 1–20 of van der Aalst, ter Hofstede, Kiepuszewski and
 * Barros, "Workflow Patterns" (2003), that Flow expresses, and the cancelling discriminator (29)
 * that the project once tested as pattern 9: each is a workflow of
 * {@code execution/patterns.flow}, compiled to Java and run on the engine with a manual clock.
 * Pattern 15 (multiple instances without a priori run-time knowledge) is in
 * {@link ArrivingPatternsTest}; 17, 18 and the partial joins are in {@link SignalPatternsTest} and
 * {@link PartialJoinPatternsTest}, 8, 12, 41 and 42 in one case in {@link ThreadPatternsTest};
 * see docs/language.md §9.
 */
class WorkflowPatternsTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/patterns.flow", backend());
    run.answers.put("perform", args -> "did " + args[0]);
  }

  @AfterEach
  void close() {
    run.close();
  }

  @Test
  void pattern01Sequence() {
    String id = run.start("Sequence", Map.of());
    assertEquals(Map.of("trail", "did a did b did c"), run.output(id));
    assertEquals(List.of("perform(a)", "perform(b)", "perform(c)"), run.calls);
  }

  @Test
  void pattern02ParallelSplit() {
    String id = run.start("ParallelSplit", Map.of());
    List<Task> open = run.runtime().inbox().forInstance(id);
    assertEquals(List.of("leftTask", "rightTask"), open.stream().map(Task::step).toList(), "both branches start at once");
  }

  @Test
  void pattern03Synchronization() {
    String id = run.start("ParallelSplit", Map.of());
    run.complete(id, "rightTask", Map.of("note", "R"));
    assertEquals(List.of(), run.calls, "the join waits for the other branch");
    run.complete(id, "leftTask", Map.of("note", "L"));
    assertEquals(Map.of("trail", "did L+R"), run.output(id));
    assertEquals(List.of("perform(L+R)"), run.calls, "once both have ended, what follows runs once");
  }

  @Test
  void pattern04ExclusiveChoice() {
    String big = run.start("ExclusiveChoice", Map.of("amount", 5000));
    assertEquals(List.of("bigSpend"), run.runtime().inbox().forInstance(big).stream().map(Task::step).toList());
    assertEquals(List.of(), run.calls, "the other path does not run");
    String small = run.start("ExclusiveChoice", Map.of("amount", 10));
    assertEquals(Map.of("path", "did small / did merged"), run.output(small));
    assertEquals(List.of(), run.runtime().inbox().all().stream().filter(t -> t.instanceId().equals(small)).toList(),
        "the manager's path is not taken: no task of it");
    assertEquals(List.of("perform(small)", "perform(merged)"), run.calls);
  }

  @Test
  void pattern05SimpleMerge() {
    String big = run.start("ExclusiveChoice", Map.of("amount", 5000));
    run.approve(big, "bigSpend", true);
    assertEquals(Map.of("path", "manager true / did merged"), run.output(big));
    assertEquals(List.of("perform(merged)"), run.calls, "the merge runs once, after either path");
  }

  @Test
  void pattern06MultiChoice() {
    String both = run.start("MultiChoice", Map.of("legal", true, "finance", true));
    assertEquals(List.of("legalReview", "financeReview"),
        run.runtime().inbox().forInstance(both).stream().map(Task::step).toList());
    String one = run.start("MultiChoice", Map.of("legal", false, "finance", true));
    assertEquals(List.of("financeReview"), run.runtime().inbox().forInstance(one).stream().map(Task::step).toList());
  }

  @Test
  void pattern07SynchronizingMerge() {
    String one = run.start("MultiChoice", Map.of("legal", false, "finance", true));
    assertEquals(InstanceState.WAITING, run.state(one));
    run.approve(one, "financeReview", true);
    assertEquals(Map.of("done", "did joined"), run.output(one), "the join waits only for the branches that started");
    String none = run.start("MultiChoice", Map.of("legal", false, "finance", false));
    assertEquals(Map.of("done", "did joined"), run.output(none));
  }

  @Test
  void pattern07SynchronizingMergeWaitsForEveryBranchThatStarted() {
    String both = run.start("MultiChoice", Map.of("legal", true, "finance", true));
    assertEquals(List.of("perform(prepare)"), run.calls);
    run.approve(both, "legalReview", true);
    assertEquals(InstanceState.WAITING, run.state(both), "one of the two chosen branches has ended: the merge waits");
    assertEquals(List.of("perform(prepare)"), run.calls, "what follows the merge has not run");
    run.approve(both, "financeReview", true);
    assertEquals(Map.of("done", "did joined"), run.output(both));
    assertEquals(List.of("perform(prepare)", "perform(joined)"), run.calls, "the merge fires once, after both");
  }

  @Test
  void pattern08MultiMerge() {
    String id = run.start("MultiMerge", Map.of());
    assertEquals(InstanceState.COMPLETED, run.state(id));
    List<String> merged = run.instances().stream().filter(i -> i.workflow().endsWith("MergeTarget"))
        .map(WorkflowInstance::id).toList();
    assertEquals(2, merged.size(), "what follows the merge runs once per incoming branch");
    assertTrue(run.calls.containsAll(List.of("perform(after did one)", "perform(after did two)")), run.calls.toString());
  }

  @Test
  void pattern09Discriminator() {
    String id = run.start("Discriminator", Map.of());
    assertEquals(2, run.runtime().inbox().forInstance(id).size());
    run.approve(id, "managerReview", true);
    assertEquals(List.of("perform(after)"), run.calls, "the first branch to finish lets the work go on");
    assertEquals(List.of("clerkReview"), run.runtime().inbox().forInstance(id).stream().map(Task::step).toList(),
        "the other review is not withdrawn: it runs on");
    assertEquals(InstanceState.WAITING, run.state(id), "the instance ends when every branch has");
    run.approve(id, "clerkReview", true);
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(List.of("perform(after)"), run.calls, "the later branch's completion is ignored");
  }

  @Test
  void pattern29CancellingDiscriminator() {
    String id = run.start("CancellingDiscriminator", Map.of());
    assertEquals(2, run.runtime().inbox().forInstance(id).size());
    run.approve(id, "managerReview", true);
    assertEquals(Map.of("decidedBy", "manager"), run.output(id));
    assertEquals(List.of(), run.runtime().inbox().forInstance(id), "the other review is withdrawn");
  }

  @Test
  void pattern10ArbitraryCycles() {
    String id = run.start("ArbitraryCycles", Map.of());
    run.approve(id, "review", false);
    run.approve(id, "review", false);
    run.approve(id, "review", true);
    assertEquals(Map.of("drafts", 3L), run.output(id));
    assertEquals(List.of("perform(draft)", "perform(draft)", "perform(draft)"), run.calls);
  }

  @Test
  void pattern10ArbitraryCyclesWithTwoEntriesAndTwoExits() {
    String id = run.start("ArbitraryCyclesTwoEntries", Map.of("skipDraft", true));
    assertEquals(List.of("review"), run.openSteps(id), "the first cycle entered at `review`, past `draft`");
    assertEquals(List.of(), run.calls);
    run.approve(id, "review", false);
    assertEquals(List.of("perform(draft)"), run.calls, "back round the first cycle");
    run.approve(id, "review", true);
    assertEquals(List.of("perform(draft)", "perform(publish)"), run.calls, "left the first cycle at `review`");
    run.approve(id, "check", false);
    assertEquals(List.of("review"), run.openSteps(id), "back round the second cycle, to `review`, not to `draft`");
    assertEquals(List.of("perform(draft)", "perform(publish)"), run.calls);
    run.approve(id, "review", true);
    run.approve(id, "check", true);
    assertEquals(List.of("perform(draft)", "perform(publish)", "perform(publish)", "perform(done)"), run.calls,
        "left the second cycle at `check`");
    assertEquals(InstanceState.COMPLETED, run.state(id));

    run.calls.clear();
    String drafted = run.start("ArbitraryCyclesTwoEntries", Map.of("skipDraft", false));
    assertEquals(List.of("perform(draft)"), run.calls, "the other entry: at `draft`");
    run.approve(drafted, "review", true);
    run.approve(drafted, "check", true);
    assertEquals(List.of("perform(draft)", "perform(publish)", "perform(done)"), run.calls);
    assertEquals(InstanceState.COMPLETED, run.state(drafted));
  }

  @Test
  void pattern11ImplicitTermination() {
    String id = run.start("ImplicitTermination", Map.of());
    assertEquals(InstanceState.WAITING, run.state(id), "one branch still has work");
    run.advance(Duration.ofDays(2));
    assertEquals(InstanceState.COMPLETED, run.state(id), "nothing left to do: the instance ends");
  }

  @Test
  void pattern12MultipleInstancesWithoutSynchronization() {
    String id = run.start("MultipleInstancesWithoutSync", Map.of("documents", List.of("a", "b", "c")));
    assertEquals(InstanceState.COMPLETED, run.state(id));
    long started = run.instances().stream().filter(i -> i.workflow().endsWith("MergeTarget")).count();
    assertEquals(3, started);
  }

  @Test
  void pattern13MultipleInstancesWithDesignTimeKnowledge() {
    String id = run.start("MultipleInstancesDesignTime", Map.of());
    List<Task> reviews = run.runtime().inbox().forInstance(id);
    assertEquals(3, reviews.size());
    for (Task review : reviews) {
      assertEquals(InstanceState.WAITING, run.state(id));
      run.runtime().inbox().approve(review.id(), run.everyone, null);
      run.settle();
    }
    assertEquals(Map.of("approvals", 3L), run.output(id));
  }

  @Test
  void pattern14MultipleInstancesWithRunTimeKnowledge() {
    String id = run.start("MultipleInstancesRunTime", Map.of("lines", List.of("x", "y", "z", "w")));
    assertEquals(Map.of("checked", 4L), run.output(id));
    assertEquals(4, run.calls.size());
    assertEquals(List.of("line[1]/check", "line[2]/check", "line[3]/check", "line[4]/check"),
        run.instance(id).historyOf("check").stream().map(HistoryEvent::stepId).toList(),
        "each iteration is its own occurrence in the history");
  }

  @Test
  void pattern14InstancesRunAtOnceAndTheJoinWaitsForEveryOne() {
    String id = run.start("MultipleInstancesRunTimeTasks", Map.of("lines", List.of("x", "y", "z", "w")));
    assertEquals(List.of("lineReview", "lineReview", "lineReview", "lineReview"), run.openSteps(id),
        "as many instances as the input has at run time, all at once");
    assertEquals(List.of("line[1]/lineReview", "line[2]/lineReview", "line[3]/lineReview", "line[4]/lineReview"),
        run.instance(id).historyOf("lineReview").stream().filter(e -> e.type() == HistoryEvent.Type.TASK_CREATED)
            .map(HistoryEvent::stepId).sorted().toList());
    for (int i = 0; i < 3; i++) {
      run.runtime().inbox().complete(run.runtime().inbox().forInstance(id).get(0).id(), run.everyone,
          Map.of("note", "ok"));
      run.settle();
      assertEquals(List.of(), run.calls, "the join waits for every instance");
      assertEquals(InstanceState.WAITING, run.state(id));
    }
    run.complete(id, "lineReview", Map.of("note", "ok"));
    assertEquals(List.of("perform(after)"), run.calls, "then what follows runs once");
    assertEquals(InstanceState.COMPLETED, run.state(id));
    String two = run.start("MultipleInstancesRunTimeTasks", Map.of("lines", List.of("p", "q")));
    assertEquals(2, run.openSteps(two).size(), "the count is decided by the input");
  }

  @Test
  void pattern16DeferredChoice() {
    String signed = run.start("DeferredChoice", Map.of("client", "acme"));
    String declined = run.start("DeferredChoice", Map.of("client", "globex"));
    assertEquals(InstanceState.WAITING, run.state(signed), "before anything happens, both alternatives are open");
    assertEquals(2, run.count(signed, HistoryEvent.Type.RECEIVE_WAITING));
    run.publish(run.event("Declined", Map.of("client", "globex")));
    run.publish(run.event("Signed", Map.of("client", "acme")));
    assertEquals(Map.of("outcome", "signed"), run.output(signed), "the environment chose: the first event decides");
    assertEquals(Map.of("outcome", "declined"), run.output(declined));
    assertEquals(1, run.count(signed, HistoryEvent.Type.EVENT_RECEIVED), "only the chosen alternative ran");
    run.publish(run.event("Declined", Map.of("client", "acme")));
    assertEquals(Map.of("outcome", "signed"), run.output(signed), "a later event for the other alternative changes nothing");
    assertEquals(1, run.count(signed, HistoryEvent.Type.EVENT_RECEIVED));
  }

  @Test
  void pattern19CancelActivity() {
    String answered = run.start("CancelActivity", Map.of());
    run.complete(answered, "answer", Map.of("reply", "yes"));
    assertEquals(Map.of("outcome", "yes"), run.output(answered));
    String late = run.start("CancelActivity", Map.of());
    run.advance(Duration.ofDays(2));
    assertEquals(Map.of("outcome", "withdrawn"), run.output(late));
    assertEquals(Task.Status.WITHDRAWN, run.runtime().inbox().all().stream()
        .filter(t -> t.instanceId().equals(late)).findFirst().orElseThrow().status());
  }

  @Test
  void pattern20CancelCase() {
    String id = run.start("CancelCase", Map.of());
    run.approve(id, "go", false);
    WorkflowInstance instance = run.instance(id);
    assertEquals(InstanceState.CANCELLED, instance.state());
    assertEquals("rejected by no", instance.cancelReason().orElseThrow());
    assertEquals(List.of("perform(reserve)", "undo(did reserve)"), run.calls, "the completed work is undone");
  }

  @Test
  void pattern21StructuredLoopTestedAfterEachRound() {
    String id = run.start("StructuredLoopTestedAfter", Map.of());
    assertEquals(List.of("perform(attempt)"), run.calls, "the body runs once before the condition is tested");
    run.approve(id, "check", false);
    run.approve(id, "check", false);
    assertEquals(InstanceState.WAITING, run.state(id));
    assertEquals(3, run.calls.size(), "a round for each failed check");
    run.approve(id, "check", true);
    assertEquals(Map.of("rounds", 3L), run.output(id), "three rounds, one exit");
    assertEquals(List.of("perform(attempt)", "perform(attempt)", "perform(attempt)"), run.calls);
  }

  @Test
  void pattern20CancelCaseWithdrawsTheRunningWorkAndTheSubProcess() {
    String id = run.start("CancelCaseWhileWorkRuns", Map.of());
    assertEquals(List.of("go", "longWork"), run.openSteps(id).stream().sorted().toList());
    WorkflowInstance child = run.instances().stream().filter(i -> i.workflow().endsWith("CancelCaseChild")).findFirst()
        .orElseThrow();
    assertEquals(List.of("childTask"), run.openSteps(child.id()), "the sub-process runs");
    run.approve(id, "go", false);
    assertEquals(InstanceState.CANCELLED, run.state(id), "the case ends unsuccessfully");
    assertEquals("rejected", run.instance(id).cancelReason().orElseThrow());
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(id, "longWork"), "the task under way in another branch is withdrawn");
    assertEquals(InstanceState.CANCELLED, run.state(child.id()), "the sub-process is cancelled with the case");
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(child.id(), "childTask"));
    assertEquals(List.of(), run.calls, "nothing after the cancelled work runs");
  }
}
