package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Breach;
import dev.flow.runtime.FormException;
import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Notification;
import dev.flow.runtime.Recipient;
import dev.flow.runtime.WorkflowInstance;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every statement kind of LANGUAGE.md §4 (and every trigger), compiled from
 * {@code execution/statements.flow} to Java, compiled in-process and run on the engine with a
 * manual clock.
 */
class StatementKindsTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/statements.flow", backend());
  }

  @AfterEach
  void close() {
    run.close();
  }

  private static Map<String, Object> line(String item, String amount) {
    return Map.of("item", item, "amount", amount);
  }

  @Test
  void humanStepAndApproval() {
    String id = run.start("HumanSteps", Map.of());
    assertThrows(FormException.class, () -> run.complete(id, "fill", Map.of("name", "x", "count", "many")));
    run.complete(id, "fill", Map.of("name", "forms", "count", 3));
    assertEquals(InstanceState.WAITING, run.state(id));
    String approval = run.runtime().inbox().task(id, "check").id();
    run.runtime().inbox().approve(approval, run.everyone, "fine");
    run.settle();
    assertEquals(Map.of("summary", "forms x3 - true fine"), run.output(id));
  }

  @Test
  void humanStepPastItsTimeLimitIsEscalated() {
    String id = run.start("HumanSteps", Map.of());
    run.advance(Duration.ofDays(1));
    List<Breach> breaches = run.runtime().breaches();
    assertEquals(1, breaches.size());
    assertEquals("fill", breaches.get(0).step());
    assertEquals("test.statements.Manager", breaches.get(0).escalatedTo());
    assertTrue(run.runtime().inbox().task(id, "fill").escalated());
    assertEquals(1, run.runtime().inbox().forRole("test.statements.Manager").size());
  }

  @Test
  void systemStepRetriesWithTheSystemsPolicyAndReadsTheResult() {
    int[] failures = {2};
    run.answers.put("fileAll", args -> {
      if (failures[0]-- > 0) {
        throw new IllegalStateException("desk busy");
      }
      return ((List<?>) args[0]).size() * 10L;
    });
    run.answers.put("file", args -> "filed " + args[0]);
    String id = run.start("SystemSteps", Map.of("lines", List.of(line("a", "1"), line("b", "2"))));
    assertEquals(InstanceState.WAITING, run.state(id), "the first attempt failed: a retry waits 10s");
    run.advance(Duration.ofSeconds(10));
    assertEquals(InstanceState.WAITING, run.state(id), "the second failed too: the next waits 20s (backoff 2)");
    run.advance(Duration.ofSeconds(20));
    assertEquals(Map.of("count", 20L, "label", "filed label"), run.output(id));
    assertEquals(2, run.count(id, HistoryEvent.Type.ATTEMPT_FAILED));
  }

  @Test
  void notifyARoleAndAnAddress() {
    String id = run.start("Notifications", Map.of("email", "ann@example.com"));
    assertEquals(InstanceState.COMPLETED, run.state(id));
    List<Notification> sent = run.runtime().notifications();
    assertEquals(List.of(Recipient.role("test.statements.Clerk"), Recipient.address("ann@example.com")),
        sent.stream().map(Notification::recipient).toList());
    assertEquals("Hello ann@example.com", sent.get(0).message());
    assertEquals("Welcome, ANN@EXAMPLE.COM!", sent.get(1).message());
    assertEquals("test.statements.Email", sent.get(1).via());
  }

  @Test
  void waitForADurationATimestampAndADate() {
    String id = run.start("Waits", Map.of("until", "2026-11-27T12:00:00Z", "day", "2026-11-30"));
    run.advance(Duration.ofDays(2).minusMinutes(1));
    assertEquals(InstanceState.WAITING, run.state(id));
    run.advance(Duration.ofDays(10));
    assertEquals(Map.of("woke", Instant.parse("2026-11-30T00:00:00Z")), run.output(id));
  }

  @Test
  void receiveTheMatchingEventOrTimeOut() {
    String paid = run.start("Receives", Map.of("order", "o-1"));
    String silent = run.start("Receives", Map.of("order", "o-2"));
    run.publish(run.event("Paid", Map.of("order", "o-1", "amount", "99.90")));
    assertEquals(Map.of("outcome", "paid 99.90"), run.output(paid));
    assertEquals(InstanceState.WAITING, run.state(silent));
    run.advance(Duration.ofDays(3));
    assertEquals(Map.of("outcome", "paid: no Paid arrived within 3d"), run.output(silent));
  }

  @Test
  void callWaitsForTheChildStartDoesNot() {
    String id = run.start("Calls", Map.of("value", 21));
    List<String> children = run.instances().stream().map(WorkflowInstance::id)
        .filter(i -> i.startsWith("Child")).toList();
    assertEquals(2, children.size(), "one started, one called");
    for (String child : children) {
      run.complete(child, "confirm", Map.of());
    }
    assertEquals(Map.of("doubled", 42L), run.output(id));
  }

  @Test
  void letSetAndExpressions() {
    String id = run.start("Data", Map.of("lines", List.of(line("a", "10.50"), line("b", "2"), line("c", "0.25")),
        "start", "2026-11-24"));
    Map<String, Object> out = run.output(id);
    assertEquals(0, new BigDecimal("12.75").compareTo((BigDecimal) out.get("total")));
    assertEquals(0, new BigDecimal("4.25").compareTo((BigDecimal) out.get("average")));
    assertEquals(LocalDate.parse("2026-12-08"), out.get("due"));
    assertEquals("3 lines, padded, abc, 1d12h, 3d", out.get("text"));
  }

  @Test
  void ifElseAndMatch() {
    Map<String, Object> input = new HashMap<>(Map.of("plan", "Pro", "country", "AT", "amount", 500));
    assertEquals(Map.of("route", "medium paid dach"), run.output(run.start("Choices", input)));
    input.putAll(Map.of("plan", "Basic", "country", "FR", "amount", 20_000));
    assertEquals(Map.of("route", "large basic world"), run.output(run.start("Choices", input)));
  }

  @Test
  void parallelRunsTheBranchesWhoseConditionHolds() {
    String legal = run.start("Parallels", Map.of("legal", true));
    assertEquals(InstanceState.WAITING, run.state(legal));
    run.approve(legal, "legalReview", true);
    assertEquals(Map.of("reviews", "file done"), run.output(legal));
    String plain = run.start("Parallels", Map.of("legal", false));
    assertEquals(Map.of("reviews", "file done"), run.output(plain));
  }

  @Test
  void firstCancelsTheLosers() {
    String paid = run.start("Firsts", Map.of("order", "o-1"));
    run.publish(run.event("Paid", Map.of("order", "o-1", "amount", "1")));
    assertEquals(Map.of("outcome", "paid"), run.output(paid));
    assertEquals(List.of(), run.runtime().inbox().forInstance(paid), "the reminder task is withdrawn");

    String silent = run.start("Firsts", Map.of("order", "o-2"));
    run.advance(Duration.ofDays(14));
    assertEquals(InstanceState.CANCELLED, run.state(silent));
    assertEquals("no answer in two weeks", run.instance(silent).cancelReason().orElseThrow());
  }

  @Test
  void forEachRepeatAndWhile() {
    run.answers.put("file", args -> "f:" + args[0]);
    String id = run.start("Loops", Map.of("items", List.of("a", "b")));
    assertEquals(2, run.runtime().inbox().forInstance(id).size(), "the parallel for each waits for both at once");
    run.approve(id, "itemCheck", true);
    run.approve(id, "itemCheck", true);
    run.approve(id, "review", false);
    run.approve(id, "review", true);
    assertEquals(Map.of("trail", "f:a;f:b;"), run.output(id));
    assertEquals(List.of("file(a)", "file(b)", "file(left 2)", "file(left 1)"), run.calls);
    List<String> reviews = run.instance(id).historyOf("review").stream()
        .filter(e -> e.type() == HistoryEvent.Type.TASK_COMPLETED).map(HistoryEvent::stepId).toList();
    assertEquals(List.of("repeat[1]/review", "repeat[2]/review"), reviews);
  }

  @Test
  void goToReworksAnEarlierStep() {
    String id = run.start("Rework", Map.of());
    run.complete(id, "draft", Map.of("text", "v1"));
    run.approve(id, "review", false);
    run.complete(id, "draft", Map.of("text", "v2"));
    run.approve(id, "review", true);
    assertEquals(Map.of("rounds", 2L), run.output(id));
  }

  @Test
  void tryCatchCompensatesInReverseOrder() {
    run.answers.put("file", args -> {
      if (args[0].equals("ship")) {
        throw new IllegalStateException("no truck");
      }
      return (String) args[0];
    });
    String id = run.start("Compensation", Map.of());
    run.advance(Duration.ofMinutes(5));
    assertEquals(Map.of("outcome", "caught ship"), run.output(id));
    assertEquals(List.of("file(reserve)", "file(charge)", "file(ship)", "file(ship)", "file(ship)", "unfile(charge)",
        "unfile(reserve)"), run.calls);
    assertEquals("failed at ship", run.runtime().notifications().get(0).message());
  }

  @Test
  void eachOccurrenceOfAStepInALoopIsCompensatedWithItsOwnResult() {
    run.answers.put("file", args -> "f:" + args[0]);
    String id = run.start("LoopCompensation", Map.of("items", List.of("a", "b", "c")));
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(List.of("file(a)", "file(b)", "file(c)", "unfile(f:c)", "unfile(f:b)", "unfile(f:a)"), run.calls);
  }

  @Test
  void failCompleteAndCancel() {
    String failed = run.start("Endings", Map.of("how", "fail"));
    assertEquals(InstanceState.FAILED, run.state(failed));
    assertEquals("asked to fail", run.instance(failed).error().orElseThrow().message());
    String cancelled = run.start("Endings", Map.of("how", "cancel"));
    assertEquals(InstanceState.CANCELLED, run.state(cancelled));
    assertEquals(Map.of("reached", "early"), run.output(run.start("Endings", Map.of("how", "complete"))));
    assertEquals(Map.of("reached", "end"), run.output(run.start("Endings", Map.of("how", "other"))));
  }

  @Test
  void startsOnAnEventThenAfterIt() {
    run.publish(run.event("Ordered", Map.of("order", "o-7", "plan", "Enterprise")));
    List<WorkflowInstance> all = run.instances();
    assertEquals(List.of("test.statements.OnEvent", "test.statements.AfterOnEvent"),
        all.stream().map(WorkflowInstance::workflow).toList());
    assertEquals(Map.of("seen", "o-7 Enterprise"), run.output(all.get(1).id()));
  }

  @Test
  void startsEveryWeekdayAtNine() {
    run.runtime();
    run.advance(Duration.ofDays(7));
    List<Instant> started = run.instances().stream().filter(i -> i.workflow().endsWith("Nightly"))
        .map(WorkflowInstance::started).toList();
    assertEquals(List.of(Instant.parse("2026-11-25T09:00:00Z"), Instant.parse("2026-11-26T09:00:00Z"),
        Instant.parse("2026-11-27T09:00:00Z"), Instant.parse("2026-11-30T09:00:00Z"),
        Instant.parse("2026-12-01T09:00:00Z")), started);
    assertTrue(run.calls.stream().allMatch(c -> c.equals("file(tick)")), run.calls.toString());
  }

  @Test
  void aDeadlineIsBreachedAndEscalated() {
    String id = run.start("Deadlines", Map.of());
    run.advance(Duration.ofDays(3));
    assertEquals(InstanceState.WAITING, run.state(id), "a deadline does not stop the workflow");
    Breach breach = run.runtime().breaches().get(0);
    assertTrue(breach.isDeadline());
    assertEquals(Instant.parse("2026-11-26T09:00:00Z"), breach.due());
    assertEquals(Recipient.role("test.statements.Manager"), run.runtime().notifications().get(0).recipient());
  }
}
