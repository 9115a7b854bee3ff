package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WCP 16, deferred choice, where a person decides by starting a task: {@code first to start}
 * (workflows of {@code execution/choices.flow}, compiled to Java and run on the engine; flow-temporal's
 * {@code TemporalDeferredChoicePatternsTest} runs the same on Temporal). Plain {@code first}, where
 * a wait that ends first withdraws a claimed task (WCP 19), is {@code WorkflowPatternsTest.pattern19CancelActivity}.
 */
class DeferredChoicePatternsTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/choices.flow", backend());
  }

  @AfterEach
  void close() {
    run.close();
  }

  /**
   * workflowpatterns.com's example: the contact is started by a clerk after a day; two days later
   * the escalation's time has passed, but the claim made the choice: the task stays, the timer
   * branch is withdrawn, and completing the task finishes the instance.
   */
  @Test
  void wcp16DeferredChoiceDecidedWhenAPersonStartsTheTask() {
    String id = run.start("ContactOrEscalate", Map.of());
    assertEquals(List.of("answer"), run.openSteps(id));
    assertEquals(0, run.count(id, HistoryEvent.Type.FIRST_DECIDED), "nothing has started yet");
    run.advance(Duration.ofDays(1));
    run.claim(id, "answer", "ann");
    assertEquals(1, run.count(id, HistoryEvent.Type.FIRST_DECIDED), "the claim decided, in its own commit");
    run.advance(Duration.ofDays(2));
    assertEquals(InstanceState.WAITING, run.state(id), "the escalation's time has passed; it no longer counts");
    assertEquals(List.of("answer"), run.openSteps(id), "the task stays open");
    Task answer = run.runtime().inbox().task(id, "answer");
    assertEquals("ann", answer.assignee(), "and claimed");
    assertEquals(0, run.count(id, HistoryEvent.Type.TIMER_FIRED), "the escalation never fired");
    run.completeAs(id, "answer", "ann", Map.of("reply", "called back"));
    assertEquals(Map.of("outcome", "called back"), run.output(id), "completing the task finishes the instance");
  }

  @Test
  void theTimerStillWinsIfNobodyStartsTheTask() {
    String id = run.start("ContactOrEscalate", Map.of());
    run.advance(Duration.ofDays(2));
    assertEquals(Map.of("outcome", "escalated"), run.output(id));
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(id, "answer"), "the task nobody started is withdrawn");
  }

  @Test
  void aCompletionWithoutAClaimDecidesToo() {
    String id = run.start("ContactOrEscalate", Map.of());
    run.complete(id, "answer", Map.of("reply", "done at once"));
    assertEquals(Map.of("outcome", "done at once"), run.output(id));
    assertEquals(1, run.count(id, HistoryEvent.Type.FIRST_DECIDED));
  }

  @Test
  void aReleaseAfterTheDecisionDoesNotUndoIt() {
    String id = run.start("ContactOrEscalate", Map.of());
    run.claim(id, "answer", "ann");
    run.release(id, "answer", "ann");
    run.advance(Duration.ofDays(3));
    assertEquals(InstanceState.WAITING, run.state(id), "the timer branch was withdrawn by the claim and stays so");
    assertEquals(List.of("answer"), run.openSteps(id), "the task is offered again, to anyone");
    run.completeAs(id, "answer", "bob", Map.of("reply", "bob answered"));
    assertEquals(Map.of("outcome", "bob answered"), run.output(id));
    assertEquals(1, run.count(id, HistoryEvent.Type.FIRST_DECIDED), "decided once");
  }

  @Test
  void theFirstClaimOfTwoPeoplesTasksWithdrawsTheOther() {
    String id = run.start("PhoneOrMail", Map.of());
    assertEquals(List.of("call", "write"), run.openSteps(id).stream().sorted().toList(), "both tasks are offered");
    run.claim(id, "write", "ann");
    assertEquals(List.of("write"), run.openSteps(id), "the claim of one withdrew the other");
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(id, "call"));
    String call = run.runtime().inbox().all().stream().filter(t -> t.instanceId().equals(id) && t.step().equals("call"))
        .findFirst().orElseThrow().id();
    TaskException refused = assertThrows(TaskException.class, () -> run.runtime().inbox().claim(call, run.as("bob")));
    assertTrue(refused.getMessage().contains("was withdrawn: branch `mail` of the same `first to start` was started"
        + " first"), refused.getMessage());
    run.advance(Duration.ofDays(3));
    assertEquals(InstanceState.WAITING, run.state(id), "the timer branch was withdrawn too");
    run.completeAs(id, "write", "ann", Map.of("note", "sent"));
    assertEquals(Map.of("outcome", "mail: sent"), run.output(id));
    assertEquals(1, run.count(id, HistoryEvent.Type.TASK_COMPLETED), "one task done");
  }

  @Test
  void aReceiveThatComesFirstDecidesAsItEnds() {
    String id = run.start("ReplyOrAnswer", Map.of("ticket", "t1"));
    run.publish(run.event("Replied", Map.of("ticket", "t1")));
    assertEquals(List.of("readReply"), run.openSteps(id), "the receive decided: the answer task is withdrawn at once");
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(id, "answer"));
    run.complete(id, "readReply", Map.of("note", "thanks"));
    assertEquals(Map.of("outcome", "read: thanks"), run.output(id));
    assertEquals(List.of("perform(close)"), run.calls);

    String claimed = run.start("ReplyOrAnswer", Map.of("ticket", "t2"));
    run.claim(claimed, "answer", "ann");
    run.publish(run.event("Replied", Map.of("ticket", "t2")));
    assertEquals(List.of("answer"), run.openSteps(claimed), "the claim decided first: the reply no longer counts");
    run.completeAs(claimed, "answer", "ann", Map.of("reply", "answered"));
    assertEquals(Map.of("outcome", "answered"), run.output(claimed));
  }
}
