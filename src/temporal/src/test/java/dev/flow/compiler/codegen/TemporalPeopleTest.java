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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link PeopleTest} (tasks for several roles, {@code not by}, who completed a step and when),
 * on Temporal's in-process test server. One case is restated with a tolerance on the time the
 * completion is recorded at, as the exact-instant cases of {@link TemporalStatementKindsTest}:
 * the test server's clock runs in real time between its jumps, so "three hours after the start"
 * is three hours and some milliseconds.
 */
class TemporalPeopleTest extends PeopleTest {
  private static final Principal SALES = Principal.of("sam", "test.people.Sales");
  private static final Principal ACCOUNTING = Principal.of("ann", "test.people.Accounting");
  private static final Principal LEAD = Principal.of("lea", "test.people.TeamLead");

  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }

  private TaskInbox inbox() {
    return run.runtime().inbox();
  }

  @Test
  @Override
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
    Instant at = (Instant) run.output(id).get("at");
    Instant expected = Instant.parse(Running.START).plus(Duration.ofHours(3));
    assertTrue(!at.isBefore(expected) && at.isBefore(expected.plusSeconds(5)), () -> at + " is not just after " + expected);
  }
}
