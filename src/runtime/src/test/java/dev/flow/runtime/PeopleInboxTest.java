package dev.flow.runtime;

import static dev.flow.runtime.Flows.ALICE;
import static dev.flow.runtime.Flows.BOB;
import static dev.flow.runtime.Flows.CLERK;
import static dev.flow.runtime.Flows.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps for people in the inbox: several roles, a task given to a person, who completed a step
 * and when, and people excluded from a step (the four-eyes rule), also after a restart.
 */
class PeopleInboxTest {
  private static final String AUDIT = "t.Audit";
  private static final Principal CAROL = Principal.of("carol", CLERK);
  private static final Principal DAVE = Principal.of("dave", AUDIT);

  private final ManualClock clock = ManualClock.at("2026-11-24T09:00:00Z");

  @TempDir
  Path journal;

  /** The four-eyes rule: whoever approved may not pay; the payer is whoever else holds either role. */
  private static WorkflowDefinition<In, Out> fourEyes() {
    return workflow("FourEyes", (ctx, in) -> {
      Completed<Approval> approve = ctx.completedApproval(ApprovalStep.of("approve", CLERK).notBy(in.name()));
      Completed<Void> pay = ctx.completedTask(TaskStep.of("pay", CLERK).or(AUDIT)
          .notBy(approve.completedBy(), Arrays.asList(in.name(), null)));
      return new Out(approve.completedBy() + " then " + pay.completedBy() + " at " + pay.completedAt());
    }).build();
  }

  private Engine engine() {
    return Engine.builder().clock(clock).journal(journal).workflow(fourEyes()).build();
  }

  @Test
  void theExcludedPeopleHoldAfterARestartAndTheResultSaysWhoCompletedWhen() {
    String id;
    try (Engine first = engine()) {
      id = first.start("t.FourEyes", new In("carol"));
      Task approve = first.inbox().task(id, "approve");
      assertEquals(List.of("carol"), approve.excluded());
      assertEquals(List.of(), first.inbox().forPrincipal(CAROL), "the requester does not see it");
      assertThrows(TaskException.class, () -> first.inbox().approve(approve.id(), CAROL, null));
      first.inbox().approve(approve.id(), ALICE, null);
    }
    try (Engine second = engine()) {
      assertEquals(List.of(id), second.recover());
      Task pay = second.inbox().task(id, "pay");
      assertEquals(List.of("alice", "carol"), pay.excluded(), "recorded in the history, read back after the restart");
      assertEquals(List.of(CLERK, AUDIT), pay.roles());
      assertEquals(List.of(), second.inbox().forPrincipal(ALICE));
      assertEquals(List.of(pay.id()), second.inbox().forRole(AUDIT).stream().map(Task::id).toList());
      TaskException refused = assertThrows(TaskException.class, () -> second.inbox().claim(pay.id(), ALICE));
      assertTrue(refused.getMessage().contains("separation of duties"), refused.getMessage());
      assertThrows(TaskException.class, () -> second.inbox().reassign(pay.id(), BOB, ALICE));
      clock.advance(Duration.ofHours(2));
      second.inbox().complete(pay.id(), DAVE);
      assertEquals(new Out("alice then dave at " + Instant.parse("2026-11-24T11:00:00Z")),
          second.instance(id).output(Out.class));
    }
  }

  @Test
  void aTaskAssignedByTheWorkflowIsThePersonsAndAnExcludedAssigneeIsNotGivenIt() {
    WorkflowDefinition<In, Out> assigned = workflow("Assigned", (ctx, in) -> {
      Completed<Void> first = ctx.completedTask(TaskStep.of("first", CLERK).assignTo(in.name()));
      Completed<Void> second = ctx.completedTask(TaskStep.of("second", CLERK).assignTo(in.name()).notBy(in.name()));
      return new Out(first.completedBy() + ", " + second.completedBy());
    }).build();
    try (Engine engine = Engine.builder().clock(clock).workflow(assigned).build()) {
      String id = engine.start("t.Assigned", new In("bob"));
      Task first = engine.inbox().task(id, "first");
      assertEquals("bob", first.assignee());
      assertEquals(List.of(), engine.inbox().forPrincipal(ALICE), "given to bob");
      assertThrows(TaskException.class, () -> engine.inbox().complete(first.id(), ALICE));
      engine.inbox().complete(first.id(), BOB);
      Task second = engine.inbox().task(id, "second");
      assertEquals(null, second.assignee(), "bob is excluded, so the task stays with the role");
      engine.inbox().complete(second.id(), ALICE);
      assertEquals(new Out("bob, alice"), engine.instance(id).output(Out.class));
    }
  }
}
