package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Principal;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import dev.flow.runtime.TaskInbox;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Steps for people (issue 11, people) on generated code: {@code execution/people.flow} compiled to
 * Java, compiled in-process and run on the engine; people act through the inbox.
 */
class PeopleTest {
  private static final Principal SALES = Principal.of("sam", "test.people.Sales");
  private static final Principal ACCOUNTING = Principal.of("ann", "test.people.Accounting");
  private static final Principal LEAD = Principal.of("lea", "test.people.TeamLead");
  private static final Principal OTHER_LEAD = Principal.of("leo", "test.people.TeamLead");
  private static final Principal FINANCE_1 = Principal.of("fay", "test.people.Finance");
  private static final Principal FINANCE_2 = Principal.of("fred", "test.people.Finance");
  private static final Principal DIRECTOR = Principal.of("dora", "test.people.Director");

  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/people.flow", backend());
  }

  @AfterEach
  void close() {
    run.close();
  }

  private TaskInbox inbox() {
    return run.runtime().inbox();
  }

  private static Map<String, Object> request(String manager, String requester, String kind) {
    Map<String, Object> request = new HashMap<>();
    request.put("amount", "120.00");
    request.put("kind", kind);
    request.put("manager", manager);
    request.put("requester", requester);
    return Map.of("request", request);
  }

  @Test
  void aStepForEitherOfTwoRolesRecordsWhoCompletedItAndWhen() {
    String id = run.start("AnyOfTwo", Map.of());
    Task quote = inbox().task(id, "quote");
    assertEquals(List.of("test.people.Sales", "test.people.Accounting"), quote.roles());
    assertEquals(List.of(quote.id()), inbox().forPrincipal(SALES).stream().map(Task::id).toList());
    assertEquals(List.of(quote.id()), inbox().forPrincipal(ACCOUNTING).stream().map(Task::id).toList());
    assertEquals(List.of(quote.id()), inbox().forRole("test.people.Accounting").stream().map(Task::id).toList());
    assertThrows(TaskException.class, () -> inbox().complete(quote.id(), LEAD, Map.of("price", "10")));
    run.advance(Duration.ofHours(3));
    inbox().complete(quote.id(), ACCOUNTING, Map.of("price", "10"));
    assertEquals(InstanceState.WAITING, run.state(id));
    inbox().complete(inbox().task(id, "confirm").id(), SALES);
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals("sam", run.output(id).get("confirmedBy"), "a step without a form records who did it too");
    assertEquals("ann", run.output(id).get("who"));
    assertEquals(java.time.Instant.parse(Running.START).plus(Duration.ofHours(3)), run.output(id).get("at"));
  }

  @Test
  void anAssignedTaskIsThePersonsAndOthersHoldingTheRoleMayTakeItOver() {
    String id = run.start("Assigned", request("lea", "rob", "Travel"));
    Task approve = inbox().task(id, "approve");
    assertEquals("lea", approve.assignee());
    assertEquals(List.of(approve.id()), inbox().forPrincipal(LEAD).stream().map(Task::id).toList());
    assertEquals(List.of(), inbox().forPrincipal(OTHER_LEAD), "assigned to lea, not offered to leo");
    TaskException other = assertThrows(TaskException.class, () -> inbox().approve(approve.id(), OTHER_LEAD, null));
    assertTrue(other.getMessage().contains("claimed by lea"), other.getMessage());
    inbox().approve(approve.id(), LEAD, "fine");
    assertEquals(Map.of("approver", "lea", "comment", "fine"), run.output(id), "a copy of the result is the decision");

    String unassigned = run.start("Assigned", request(null, "rob", "Travel"));
    assertEquals(null, inbox().task(unassigned, "approve").assignee(), "no manager: the task goes to the role");
    inbox().approve(inbox().task(unassigned, "approve").id(), OTHER_LEAD, null);
    assertEquals(Map.of("approver", "leo", "comment", "no comment"), run.output(unassigned));
  }

  @Test
  void anAssigneeWithoutTheRoleCannotActAndAHolderOfTheRoleTakesItOver() {
    String id = run.start("Assigned", request("sam", "rob", "Travel"));
    Task approve = inbox().task(id, "approve");
    TaskException refused = assertThrows(TaskException.class, () -> inbox().approve(approve.id(), SALES, null));
    assertTrue(refused.getMessage().contains("needs the role Team lead"), refused.getMessage());
    inbox().reassign(approve.id(), LEAD, LEAD);
    inbox().approve(approve.id(), LEAD, null);
    assertEquals(Map.of("approver", "lea", "comment", "no comment"), run.output(id));
  }

  @Test
  void theFourEyesRuleKeepsTheApproverAndTheRequesterFromPaying() {
    String id = run.start("FourEyes", request(null, "fred", "Other"));
    Task approve = inbox().task(id, "approve");
    assertEquals(List.of("fred"), approve.excluded());
    assertEquals(List.of(), inbox().forPrincipal(FINANCE_2), "the requester does not see the approval");
    TaskException self = assertThrows(TaskException.class, () -> inbox().approve(approve.id(), FINANCE_2, null));
    assertTrue(self.getMessage().contains("excludes them"), self.getMessage());
    inbox().approve(approve.id(), FINANCE_1, null);

    Task pay = inbox().task(id, "pay");
    assertEquals(List.of("fay", "fred"), pay.excluded());
    assertEquals(List.of(), inbox().forPrincipal(FINANCE_1), "the approver does not see the payment");
    TaskException again = assertThrows(TaskException.class, () -> inbox().claim(pay.id(), FINANCE_1));
    assertTrue(again.getMessage().contains("separation of duties"), again.getMessage());
    assertThrows(TaskException.class, () -> inbox().reassign(pay.id(), DIRECTOR, FINANCE_1));
    assertThrows(TaskException.class, () -> inbox().complete(pay.id(), FINANCE_2, Map.of()));
    Principal third = Principal.of("fin", "test.people.Finance");
    assertEquals(List.of(pay.id()), inbox().forPrincipal(third).stream().map(Task::id).toList());
    inbox().complete(pay.id(), third, Map.of());
    assertEquals(Map.of("approver", "fay", "payer", "fin"), run.output(id));
    assertTrue(run.history(id).contains("TASK_COMPLETED pay"), run.history(id)::toString);
  }

  @Test
  void theRoleIsDecidedFromTheRequest() {
    String travel = run.start("Decided", request(null, "rob", "Travel"));
    assertEquals(List.of("test.people.TeamLead"), inbox().task(travel, "approve").roles());
    String hardware = run.start("Decided", request(null, "rob", "Hardware"));
    assertEquals(List.of("test.people.Finance", "test.people.Director"), inbox().task(hardware, "approve").roles());
    String other = run.start("Decided", request(null, "rob", "Other"));
    assertEquals(List.of("test.people.Director"), inbox().task(other, "approve").roles());
    assertThrows(TaskException.class, () -> inbox().approve(inbox().task(travel, "approve").id(), DIRECTOR, null));
    inbox().approve(inbox().task(hardware, "approve").id(), DIRECTOR, null);
    assertEquals(InstanceState.COMPLETED, run.state(hardware));
  }
}
