package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The discriminators and partial joins of Russell, ter Hofstede, van der Aalst and Mulyar,
 * "Workflow Control-Flow Patterns: A Revised View" (2006), as {@code parallel join N} (which goes
 * on after N branches and lets the others run to their end) and {@code first N} (which cancels
 * them): each is a workflow of {@code execution/joins.flow}, compiled to Java and run on the engine.
 */
class PartialJoinPatternsTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/joins.flow", backend());
  }

  @AfterEach
  void close() {
    run.close();
  }

  @Test
  void wcp09StructuredDiscriminator() {
    String id = run.start("StructuredDiscriminator", Map.of());
    assertEquals(List.of("clerkReview", "managerReview"), run.openSteps(id), "both incoming branches are enabled");
    assertEquals(List.of(), run.calls, "the discriminator waits for the first branch");
    run.approve(id, "managerReview", true);
    assertEquals(List.of("perform(after)"), run.calls, "the first branch to end lets what follows run");
    assertEquals(List.of("clerkReview"), run.openSteps(id), "the other branch is not withdrawn: it runs on");
    assertEquals(InstanceState.WAITING, run.state(id), "the instance ends only when every branch has");
    run.approve(id, "clerkReview", true);
    assertEquals(List.of("perform(after)"), run.calls, "the later branch's completion is ignored: no second firing");
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(Task.Status.COMPLETED, run.taskStatus(id, "clerkReview"));
    assertEquals(2, run.count(id, HistoryEvent.Type.BRANCH_ENDED), "both branches ran to their end");
  }

  @Test
  void wcp28BlockingDiscriminator() {
    String id = run.start("BlockingDiscriminator", Map.of());
    run.approve(id, "clerkReview", true);
    assertEquals(List.of("perform(fired)"), run.calls, "the first branch fires the join");
    assertEquals(List.of("managerReview"), run.openSteps(id), "the next round is blocked until the other branch ends");
    run.approve(id, "managerReview", true);
    assertEquals(List.of("clerkReview", "managerReview"), run.openSteps(id), "once it has, the discriminator resets");
    assertEquals(true, run.history(id).contains("TASK_CREATED repeat[2]/byClerk/clerkReview"), "a new round");
    run.approve(id, "managerReview", true);
    assertEquals(List.of("perform(fired)", "perform(fired)"), run.calls, "each round fires once");
    run.approve(id, "clerkReview", true);
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(List.of("perform(fired)", "perform(fired)"), run.calls);
  }

  @Test
  void wcp29CancellingDiscriminator() {
    String id = run.start("CancellingDiscriminator", Map.of());
    assertEquals(List.of("clerkReview", "managerReview"), run.openSteps(id));
    run.approve(id, "managerReview", true);
    assertEquals(Map.of("decidedBy", "manager"), run.output(id), "the first branch to end decides, and at once");
    assertEquals(List.of(), run.openSteps(id));
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(id, "clerkReview"), "the other branch is cancelled");
  }

  @Test
  void wcp30StructuredPartialJoin() {
    String id = run.start("StructuredPartialJoin", Map.of());
    assertEquals(List.of("reviewA", "reviewB", "reviewC"), run.openSteps(id));
    run.approve(id, "reviewC", true);
    assertEquals(List.of(), run.calls, "one of the two needed has ended");
    run.approve(id, "reviewA", true);
    assertEquals(List.of("perform(after)"), run.calls, "the second branch to end fires the join");
    assertEquals(List.of("reviewB"), run.openSteps(id), "the third is not cancelled");
    assertEquals(InstanceState.WAITING, run.state(id));
    run.approve(id, "reviewB", true);
    assertEquals(List.of("perform(after)"), run.calls, "the third's completion does not fire it again");
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wcp31BlockingPartialJoin() {
    String id = run.start("BlockingPartialJoin", Map.of());
    run.approve(id, "reviewA", true);
    run.approve(id, "reviewB", true);
    assertEquals(List.of("perform(fired)"), run.calls);
    assertEquals(List.of("reviewC"), run.openSteps(id), "the next round is blocked until the remaining branch ends");
    run.approve(id, "reviewC", true);
    assertEquals(List.of("reviewA", "reviewB", "reviewC"), run.openSteps(id), "then the join resets");
    run.approve(id, "reviewC", true);
    run.approve(id, "reviewB", true);
    assertEquals(List.of("perform(fired)", "perform(fired)"), run.calls);
    run.approve(id, "reviewA", true);
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wcp32CancellingPartialJoin() {
    String id = run.start("CancellingPartialJoin", Map.of());
    run.approve(id, "reviewC", true);
    assertEquals(InstanceState.WAITING, run.state(id), "one of two");
    assertEquals(List.of("reviewA", "reviewB"), run.openSteps(id), "nothing is cancelled before the join fires");
    run.approve(id, "reviewA", true);
    assertEquals(Map.of("decided", "ca"), run.output(id), "the two that ended, in the order they did");
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(id, "reviewB"), "the remaining branch is cancelled");
    assertEquals(2, run.count(id, HistoryEvent.Type.BRANCH_ENDED));
  }

  private long created(String id, String stepId) {
    return run.history(id).stream().filter(("TASK_CREATED " + stepId)::equals).count();
  }

  private long withdrawn(String id) {
    return run.runtime().inbox().all().stream()
        .filter(t -> t.instanceId().equals(id) && t.status() == Task.Status.WITHDRAWN).count();
  }

  @Test
  void wcp34StaticPartialJoinForMultipleInstances() {
    String id = run.start("StaticPartialJoinForInstances", Map.of("reviewers", List.of("ann", "bo", "cy")));
    assertEquals(List.of("review", "review", "review"), run.openSteps(id), "one instance per reviewer, all at once");
    assertEquals(1, created(id, "reviewer[3]/review"));
    run.runtime().inbox().complete(run.runtime().inbox().forInstance(id).get(2).id(), run.everyone, Map.of("verdict", "c"));
    run.settle();
    assertEquals(List.of(), run.calls);
    run.runtime().inbox().complete(run.runtime().inbox().forInstance(id).get(0).id(), run.everyone, Map.of("verdict", "a"));
    run.settle();
    assertEquals(List.of("perform(after)"), run.calls, "two of three instances fire the join");
    assertEquals(List.of("review"), run.openSteps(id), "the remaining instance is not cancelled");
    assertEquals(InstanceState.WAITING, run.state(id));
    run.runtime().inbox().complete(run.runtime().inbox().forInstance(id).get(0).id(), run.everyone, Map.of("verdict", "b"));
    run.settle();
    assertEquals(InstanceState.COMPLETED, run.state(id), "it ends when every instance has");
    assertEquals(List.of("perform(after)"), run.calls);
  }

  @Test
  void wcp35CancellingPartialJoinForMultipleInstances() {
    String id = run.start("CancellingPartialJoinForInstances", Map.of("reviewers", List.of("ann", "bo", "cy", "di")));
    assertEquals(4, run.openSteps(id).size());
    run.runtime().inbox().complete(run.runtime().inbox().forInstance(id).get(3).id(), run.everyone, Map.of("verdict", "d"));
    run.settle();
    assertEquals(List.of(), run.calls, "one instance of the two needed has ended");
    assertEquals(3, run.openSteps(id).size(), "nothing is cancelled before the join fires");
    run.runtime().inbox().complete(run.runtime().inbox().forInstance(id).get(1).id(), run.everyone, Map.of("verdict", "b"));
    run.settle(); // on Temporal the join's action runs after the completion returns
    assertEquals(List.of("perform(after)"), run.calls, "two instances fire the join");
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(2, withdrawn(id), "the remaining instances are cancelled");
    assertEquals(2, run.count(id, HistoryEvent.Type.BRANCH_ENDED));
  }

  @Test
  void wcp26CancelMultipleInstanceActivity() {
    String id = run.start("CancelInstances", Map.of("items", List.of("x", "y", "z")));
    assertEquals(List.of("check", "check", "check", "stop"), run.openSteps(id));
    run.runtime().inbox().complete(run.runtime().inbox().forInstance(id).get(0).id(), run.everyone, Map.of("ok", true));
    run.settle();
    run.complete(id, "stop", Map.of("reason", "supplier gone"));
    assertEquals(Map.of("outcome", "cancelled: supplier gone"), run.output(id));
    assertEquals(2, withdrawn(id), "the instances not yet done are withdrawn");
    assertEquals(1, run.runtime().inbox().all().stream()
        .filter(t -> t.instanceId().equals(id) && t.step().equals("check") && t.status() == Task.Status.COMPLETED).count(),
        "the one done stays done");
  }

  @Test
  void wcp27CompleteMultipleInstanceActivity() {
    String id = run.start("CompleteInstances", Map.of("items", List.of("x", "y", "z")));
    run.runtime().inbox().complete(run.runtime().inbox().forInstance(id).get(1).id(), run.everyone, Map.of("ok", true));
    run.settle();
    assertEquals(List.of(), run.calls);
    run.approve(id, "completeNow", true);
    assertEquals(List.of("perform(after)"), run.calls, "the work goes on as if every instance had ended");
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(2, withdrawn(id), "the instances not yet done are withdrawn");
  }
}
