package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Incident;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A selection of the exception-handling patterns of Russell, van der Aalst and ter Hofstede
 * (2006, workflowpatterns.com): work item failure (retried, compensated, the case cancelled, left
 * to an operator), deadline, external trigger and constraint violation, each with the handling the
 * language gives it: workflows of {@code execution/patterns2.flow} compiled to Java and run on the engine.
 */
class WorkflowPatternsExceptionTest {
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

  /** Makes {@code Flaky.book} fail its next {@code failures} calls, then answer. */
  private void bookFails(int failures) {
    AtomicInteger left = new AtomicInteger(failures);
    run.answers.put("book", args -> {
      if (left.getAndDecrement() > 0) {
        throw new IllegalStateException("down");
      }
      return "booked " + args[0];
    });
  }

  private long bookCalls() {
    return run.calls.stream().filter(c -> c.startsWith("book")).count();
  }

  @Test
  void workItemFailureRetriedAndTheCaseGoesOn() {
    bookFails(2);
    String id = run.start("RetryThenGoOn", Map.of());
    assertEquals(1, bookCalls());
    run.advance(Duration.ofMinutes(1));
    assertEquals(2, bookCalls(), "the first retry, a minute later");
    run.advance(Duration.ofMinutes(1));
    assertEquals(Map.of("booking", "booked hotel"), run.output(id));
    assertEquals(3, bookCalls());
  }

  @Test
  void workItemFailureCompensatedNewestFirstThenHandled() {
    bookFails(99);
    String id = run.start("CompensateOnFailure", Map.of());
    run.advance(Duration.ofMinutes(2));
    assertEquals(Map.of("outcome", "failed at ship"), run.output(id));
    assertEquals(List.of("perform(reserve)", "perform(charge)", "book(ship)", "book(ship)", "book(ship)", "undo(charge)",
        "undo(reserve)"), run.calls);
  }

  @Test
  void workItemFailureCancelsTheCaseAndUndoesWhatWasDone() {
    bookFails(99);
    String id = run.start("CancelCaseOnFailure", Map.of());
    run.advance(Duration.ofMinutes(2));
    assertEquals(InstanceState.CANCELLED, run.state(id), () -> String.valueOf(run.instance(id).error()));
    assertEquals("shipping is not possible", run.instance(id).cancelReason().orElseThrow());
    assertEquals(List.of("perform(reserve)", "book(ship)", "book(ship)", "book(ship)", "undo(reserve)"), run.calls);
  }

  @Test
  void workItemFailureLeftToAnOperatorWhoRetries() {
    bookFails(2);
    String id = run.start("OperatorDecides", Map.of());
    run.advance(Duration.ofMinutes(1));
    List<Incident> open = run.runtime().incidents();
    assertEquals(List.of("book"), open.stream().map(Incident::step).toList());
    assertEquals(InstanceState.WAITING, run.state(id));
    run.runtime().retryIncident(open.get(0).id(), "olga");
    assertEquals(Map.of("booking", "booked ledger"), run.output(id));
    assertEquals(3, bookCalls());
  }

  @Test
  void workItemFailureLeftToAnOperatorWhoFailsIt() {
    bookFails(99);
    String id = run.start("OperatorDecides", Map.of());
    run.advance(Duration.ofMinutes(1));
    run.runtime().failIncident(run.runtime().incidents().get(0).id(), "olga", "ledger gone");
    assertEquals(InstanceState.FAILED, run.state(id));
    assertTrue(run.instance(id).error().orElseThrow().message().contains("ledger gone"));
  }

  @Test
  void deadlineWithdrawsTheClerksTaskAndAManagerTakesOver() {
    String id = run.start("Deadline", Map.of());
    run.claim(id, "handle", "cat");
    run.advance(Duration.ofDays(2));
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(id, "handle"), "withdrawn although claimed");
    assertEquals(List.of("takeOver"), run.openSteps(id));
    run.complete(id, "takeOver", Map.of("note", "n"));
    assertEquals(Map.of("handledBy", "manager"), run.output(id));
  }

  @Test
  void aDeadlineBranchThatGoesOnOffersTheManagersTaskBesideTheClerks() {
    String id = run.start("DeadlineAddsAManager", Map.of());
    run.claim(id, "handle", "cat");
    run.advance(Duration.ofDays(2));
    assertEquals(List.of("handle", "takeOver"), run.openSteps(id).stream().sorted().toList(),
        "a plain `first` is decided when a branch ends: the late branch has not ended yet");
    run.completeAs(id, "handle", "cat", Map.of("note", "n"));
    assertEquals(Map.of("handledBy", "clerk"), run.output(id));
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(id, "takeOver"));
  }

  @Test
  void workDoneBeforeTheDeadlineStopsTheTimer() {
    String id = run.start("Deadline", Map.of());
    run.complete(id, "handle", Map.of("note", "n"));
    assertEquals(Map.of("handledBy", "clerk"), run.output(id));
    run.advance(Duration.ofDays(3));
    assertEquals(List.of(), run.openSteps(id), "nothing is offered after the deadline");
  }

  @Test
  void externalTriggerStopsTheWorkFailsTheCaseAndUndoesTheReservation() {
    String id = run.start("ExternalTrigger", Map.of("order", "e1"));
    run.claim(id, "pack", "cat");
    run.publish(run.event("Cancelled", Map.of("order", "other")));
    assertEquals(List.of("pack"), run.openSteps(id), "another order's cancellation is not this one's");
    run.publish(run.event("Cancelled", Map.of("order", "e1")));
    assertEquals(InstanceState.FAILED, run.state(id));
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(id, "pack"));
    assertEquals(List.of("perform(reserve e1)", "undo(reserve e1)"), run.calls);
  }

  @Test
  void constraintViolationIsHandledWhereItIsChecked() {
    assertEquals(Map.of("outcome", "the amount -5 is negative"), run.output(run.start("ConstraintViolation",
        Map.of("amount", -5))));
    assertEquals(List.of(), run.calls, "nothing booked");
    assertEquals(Map.of("outcome", "did book 5"), run.output(run.start("ConstraintViolation", Map.of("amount", 5))));
  }
}
