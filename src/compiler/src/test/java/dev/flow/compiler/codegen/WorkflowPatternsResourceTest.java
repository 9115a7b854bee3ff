package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Principal;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A selection of the workflow resource patterns of Russell, van der Aalst, ter Hofstede and Edmond
 * (2005, workflowpatterns.com), those the language expresses (docs/language.md §9, "Resource and
 * exception patterns"): workflows of {@code execution/patterns2.flow} compiled to Java and run on
 * the engine, with people who hold only some roles.
 */
class WorkflowPatternsResourceTest {
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

  /** Someone who holds exactly these roles (simple names). */
  private Principal person(String name, String... roles) {
    Set<String> wanted = Set.of(roles);
    return new Principal(name, run.everyone.roles().stream()
        .filter(r -> wanted.contains(r.substring(r.lastIndexOf('.') + 1))).collect(Collectors.toSet()));
  }

  private Task task(String id, String step) {
    return run.runtime().inbox().task(id, step);
  }

  @Test
  void wrp02RoleBasedDistributionOffersTheTaskToEitherRoleOnly() {
    String id = run.start("RoleBased", Map.of());
    Task handle = task(id, "handle");
    assertEquals(2, handle.roles().size(), handle.roles().toString());
    assertTrue(run.runtime().inbox().forPrincipal(person("cat", "Clerk")).contains(handle));
    assertTrue(run.runtime().inbox().forPrincipal(person("max", "Manager")).contains(handle));
    assertFalse(run.runtime().inbox().forPrincipal(person("aud", "Auditor")).contains(handle), "not offered to an auditor");
    assertThrows(TaskException.class, () -> run.runtime().inbox().claim(handle.id(), person("aud", "Auditor")));
    run.runtime().inbox().complete(handle.id(), person("max", "Manager"), Map.of("note", "done"));
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wrp01DirectDistributionGivesTheTaskToThePersonNamed() {
    String id = run.start("DirectAllocation", Map.of("person", "dan"));
    Task handle = task(id, "handle");
    assertEquals("dan", handle.assignee());
    TaskException other = assertThrows(TaskException.class,
        () -> run.runtime().inbox().complete(handle.id(), person("eve", "Clerk"), Map.of("note", "x")));
    assertTrue(other.getMessage().contains("dan"), other.getMessage());
    run.runtime().inbox().complete(handle.id(), person("dan", "Clerk"), Map.of("note", "x"));
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wrp03DeferredDistributionGivesTheTaskToWhomAnEarlierStepChose() {
    String id = run.start("DeferredAllocation", Map.of());
    run.runtime().inbox().complete(task(id, "choose").id(), person("max", "Manager"), Map.of("person", "fay"));
    assertEquals("fay", task(id, "handle").assignee());
    String none = run.start("DeferredAllocation", Map.of());
    run.runtime().inbox().complete(task(none, "choose").id(), person("max", "Manager"), Map.of());
    assertNull(task(none, "handle").assignee(), "nobody chosen: the task stays with its role");
  }

  @Test
  void wrp07RetainFamiliarGivesTheFollowUpToWhoeverDidTheIntake() {
    String id = run.start("RetainFamiliar", Map.of());
    run.runtime().inbox().complete(task(id, "intake").id(), person("gil", "Clerk"), Map.of("note", "n"));
    assertEquals("gil", task(id, "followUp").assignee());
    run.runtime().inbox().complete(task(id, "followUp").id(), person("gil", "Clerk"), Map.of("note", "n"));
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wrp05SeparationOfDutiesKeepsThePreparerAndTheRequesterAway() {
    String id = run.start("FourEyes", Map.of("requester", "ann"));
    Task prepare = task(id, "prepare");
    TaskException own = assertThrows(TaskException.class,
        () -> run.runtime().inbox().claim(prepare.id(), person("ann", "Clerk", "Manager")));
    assertTrue(own.getMessage().contains("not by"), own.getMessage());
    run.runtime().inbox().complete(prepare.id(), person("bob", "Manager"), Map.of("amount", 10));
    Task release = task(id, "release");
    assertEquals(List.of("ann", "bob"), release.excluded().stream().sorted().toList());
    assertFalse(run.runtime().inbox().forPrincipal(person("bob", "Manager")).contains(release), "four eyes");
    assertThrows(TaskException.class, () -> run.runtime().inbox().approve(release.id(), person("bob", "Manager"), null));
    assertThrows(TaskException.class, () -> run.runtime().inbox().approve(release.id(), person("ann", "Manager"), null));
    run.runtime().inbox().approve(release.id(), person("cat", "Manager"), null);
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wrp08CapabilityBasedDistributionByAmount() {
    for (Object[] row : new Object[][] {{500, "Clerk"}, {5000, "Manager"}, {50_000, "Auditor"}}) {
      String id = run.start("ByAmount", Map.of("amount", row[0]));
      Task approve = task(id, "approve");
      assertEquals(List.of(row[1]), approve.roles().stream().map(r -> r.substring(r.lastIndexOf('.') + 1)).toList(),
          Arrays.toString(row));
      run.runtime().inbox().approve(approve.id(), person("p", (String) row[1]), null);
      assertEquals(InstanceState.COMPLETED, run.state(id));
    }
  }

  @Test
  void wrp28EscalationOffersTheOverdueTaskToAManager() {
    String id = run.start("Escalation", Map.of());
    Principal manager = person("max", "Manager");
    assertThrows(TaskException.class, () -> run.runtime().inbox().claim(task(id, "handle").id(), manager),
        "not the manager's yet");
    run.advance(Duration.ofHours(23));
    assertFalse(task(id, "handle").escalated());
    run.advance(Duration.ofHours(1));
    assertTrue(task(id, "handle").escalated(), "a day has passed");
    assertEquals(1, run.runtime().breaches().size());
    assertTrue(run.runtime().notifications().stream().anyMatch(n -> n.instanceId().equals(id)), "the manager is told");
    run.runtime().inbox().complete(task(id, "handle").id(), manager, Map.of("note", "n"));
    assertEquals(List.of("perform(after max)"), run.calls);
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wrp27DelegationHandsAClaimedTaskToAnotherClerk() {
    String id = run.start("RoleBased", Map.of());
    Principal cat = person("cat", "Clerk");
    run.runtime().inbox().claim(task(id, "handle").id(), cat);
    run.runtime().inbox().reassign(task(id, "handle").id(), cat, person("dan", "Clerk"));
    assertEquals("dan", task(id, "handle").assignee());
    assertThrows(TaskException.class, () -> run.runtime().inbox().complete(task(id, "handle").id(), cat, Map.of("note", "x")),
        "delegated: no longer cat's");
    TaskException auditor = assertThrows(TaskException.class,
        () -> run.runtime().inbox().reassign(task(id, "handle").id(), person("dan", "Clerk"), person("aud", "Auditor")));
    assertTrue(auditor.getMessage().contains("aud"), auditor.getMessage());
    run.runtime().inbox().complete(task(id, "handle").id(), person("dan", "Clerk"), Map.of("note", "x"));
    assertEquals("dan", run.runtime().inbox().all().stream().filter(t -> t.instanceId().equals(id)).findFirst()
        .orElseThrow().completedBy());
  }
}
