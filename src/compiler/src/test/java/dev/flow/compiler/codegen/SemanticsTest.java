package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.FlowError;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.LogEntry;
import dev.flow.runtime.WorkflowInstance;
import dev.flow.runtime.history.HistoryEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cancellation and compensation cases the first runtime got wrong (issue 10), each on
 * generated code: {@code execution/semantics.flow} compiled to Java, compiled in-process and run
 * on the engine with a manual clock.
 */
class SemanticsTest {
  private Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/semantics.flow", backend());
  }

  @AfterEach
  void close() {
    run.close();
  }

  private List<WorkflowInstance> instancesOf(String workflow) {
    return run.instances().stream().filter(i -> i.workflow().endsWith("." + workflow)).toList();
  }

  private List<String> lifecycles(String id, String activity) {
    return run.runtime().eventLog().entries(id).stream().filter(e -> e.activity().equals(activity))
        .map(LogEntry::lifecycle).toList();
  }

  @Test
  void aFailingParallelBranchUndoesWhatASiblingBranchCompleted() {
    run.answers.put("file", args -> {
      if (args[0].equals("boom")) {
        throw new IllegalStateException("the desk is on fire");
      }
      return "booked " + args[0];
    });
    String id = run.start("ParallelUndo", Map.of());
    assertEquals(List.of("file(room)"), run.calls, "the booking branch reserved; the failing branch waits for its check");
    run.complete(id, "check", Map.of());
    assertEquals(InstanceState.FAILED, run.state(id));
    assertEquals("Desk.file failed: the desk is on fire", run.instance(id).error().orElseThrow().message()
        .replace("test.semantics.", ""));
    assertEquals(List.of("file(room)", "file(boom)", "unfile(booked room)"), run.calls,
        "the completed reservation is undone, though its branch was not replayed before the failure");
  }

  @Test
  void theWinnersWritesComeLastInAFirst() {
    String id = run.start("FirstWrites", Map.of());
    run.advance(Duration.ofHours(1));
    assertEquals(Map.of("who", "fast"), run.output(id), "the losing branch wrote before the winner did");
    assertTrue(run.runtime().inbox().forInstance(id).isEmpty(), "the loser's task is withdrawn");
    assertEquals(List.of("start", "withdraw"), lifecycles(id, "approve"));
  }

  @Test
  void aCallInALosingBranchIsCancelledAndThatIsNoFailure() {
    String id = run.start("FirstCall", Map.of());
    WorkflowInstance sub = instancesOf("Sub").get(0);
    assertEquals(InstanceState.WAITING, sub.state());
    run.advance(Duration.ofHours(1));
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(Map.of("outcome", "timed out"), run.output(id));
    WorkflowInstance cancelled = run.instance(sub.id());
    assertEquals(InstanceState.CANCELLED, cancelled.state());
    assertEquals("its caller " + id + " no longer needs it", cancelled.cancelReason().orElseThrow());
    assertTrue(run.runtime().inbox().open().isEmpty(), "the callee's task is withdrawn");
  }

  @Test
  void whatABranchStartedInTheRunThatItLostIsWithdrawn() {
    String id = run.start("FirstSameRun", Map.of());
    assertEquals(Map.of("outcome", "quick file done"), run.output(id));
    assertEquals(List.of("start", "withdraw"), lifecycles(id, "look"), "the slow branch's task is withdrawn");
    assertTrue(run.runtime().inbox().open().isEmpty());
    assertTrue(instancesOf("Sub").isEmpty(), "the slow branch never got to its call");
  }

  @Test
  void aFailingParallelBranchCancelsTheChildOfItsSibling() {
    run.answers.put("file", args -> {
      throw new IllegalStateException("no");
    });
    String id = run.start("ParallelFailureCancelsChild", Map.of());
    assertEquals(Map.of("outcome", "caught explode"), run.output(id));
    WorkflowInstance sub = instancesOf("Sub").get(0);
    assertEquals(InstanceState.CANCELLED, sub.state(), "the sibling's child is cancelled, not left waiting");
    assertTrue(run.runtime().inbox().open().isEmpty(), "and its task withdrawn");
    assertTrue(run.instance(id).entries().stream().anyMatch(r -> r.entry() instanceof HistoryEntry.ChildCancelRequested),
        "the caller recorded that it gave the child up");
  }

  @Test
  void anEventPublishedByTheActionItAnswersIsNotLost() {
    run.answers.put("file", args -> {
      // Inside the connector: published while the instance runs (no settling: the action itself is in flight).
      run.runtime().publish(run.event("Paid", Map.of("order", args[0])));
      return "sent";
    });
    String id = run.start("AnswerDuringAction", Map.of("order", "A-1"));
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(Map.of("outcome", "paid A-1"), run.output(id));
  }

  @Test
  void anEventForAnotherOrderDoesNotWakeTheInstance() {
    String id = run.start("AnswerDuringAction", Map.of("order", "A-1"));
    assertEquals(List.of(), run.publish(run.event("Paid", Map.of("order", "B-2"))).woken());
    assertEquals(InstanceState.WAITING, run.state(id));
    assertEquals(List.of(id), run.publish(run.event("Paid", Map.of("order", "A-1"))).woken());
    assertEquals(Map.of("outcome", "paid A-1"), run.output(id));
  }

  @Test
  void nothingIsAValueOfAnOptionalResultAndAFailureOfTheStepForAnyOther() {
    run.answers.put("lookup", args -> null);
    run.answers.put("file", args -> "filed " + args[0]);
    String found = run.start("MissingResult", Map.of());
    assertEquals(Map.of("found", "filed nothing"), run.output(found));

    run.answers.put("file", args -> null);
    String missing = run.start("MissingResult", Map.of());
    assertEquals(InstanceState.FAILED, run.state(missing));
    FlowError error = run.instance(missing).error().orElseThrow();
    assertEquals("filed", error.step(), "the step whose connector returned nothing fails, not a later one");
    assertEquals("Desk.file failed: it returned null, but its result (String) is not optional",
        error.message().replace("test.semantics.", ""));
  }
}
