package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Engine;
import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.WorkflowInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The patterns of {@code execution/patterns2.flow} that wait (for a person, a signal, a section, an
 * event, a timer or a called workflow), with the engine closed while they wait and a new one
 * recovered on the same file journal: each instance goes on where it stood, nothing done twice,
 * nothing offered twice, no timer lost or restarted.
 */
class WorkflowPatternsRestartTest {
  private Running run;
  private final List<String> performed = Collections.synchronizedList(new ArrayList<>());

  @TempDir
  Path dir;

  @BeforeEach
  void compile() {
    run = Running.model("execution/patterns2.flow");
  }

  private Engine engine() {
    Engine engine = run.journalEngine(dir.resolve("journal"), "desk", (method, args) -> {
      performed.add(method.getName() + "(" + (args == null ? "" : args[0]) + ")");
      return method.getReturnType() == String.class ? "did " + args[0] : null;
    });
    engine.recover();
    return engine;
  }

  private String start(Engine engine, String workflow, Map<String, ?> input) {
    WorkflowDefinition<?, ?> definition = run.workflow(workflow);
    return engine.start(definition.name(), Values.convert(input, definition.inputType()));
  }

  private static List<String> open(Engine engine, String id) {
    return engine.inbox().forInstance(id).stream().map(Task::step).sorted().toList();
  }

  private void complete(Engine engine, String id, String step, Map<String, ?> form) {
    engine.inbox().complete(engine.inbox().task(id, step).id(), run.everyone, form);
  }

  private static long count(Engine engine, String id, HistoryEvent.Type type) {
    return engine.instance(id).history().stream().filter(e -> e.type() == type).count();
  }

  private static String simple(String workflow) {
    return workflow.substring(workflow.lastIndexOf('.') + 1);
  }

  @Test
  void wcp18TheMilestoneHoldsAcrossARestartAndIsPassedAfterIt() {
    String id;
    try (Engine first = engine()) {
      id = start(first, "MilestoneByEvent", Map.of("order", "m1"));
      assertEquals(List.of("changeAddress"), open(first, id));
    }
    try (Engine second = engine()) {
      assertEquals(List.of("changeAddress"), open(second, id), "still offered, once");
      second.publish(run.event("Paid", Map.of("order", "m1")));
      assertEquals(InstanceState.COMPLETED, second.instance(id).state(), () -> String.valueOf(second.instance(id).error()));
      assertEquals(List.of(), open(second, id));
      assertEquals(1, count(second, id, HistoryEvent.Type.TASK_CREATED));
    }
    assertEquals(List.of("perform(confirm m1)", "perform(ship m1)"), performed);
  }

  @Test
  void wcp39TheSectionHeldBeforeARestartStaysHeldAndTheFeeWaitsItsTurn() {
    String id;
    try (Engine first = engine()) {
      id = start(first, "LedgerSection", Map.of());
      assertEquals(List.of("bookSale"), open(first, id));
      run.clock.advance(Duration.ofMinutes(30));
    }
    try (Engine second = engine()) {
      run.clock.advance(Duration.ofMinutes(30));
      assertEquals(List.of("bookSale"), open(second, id), "the fee's timer fired after the restart; the section is held");
      complete(second, id, "bookSale", Map.of("amount", 1));
    }
    try (Engine third = engine()) {
      assertEquals(List.of("bookRefund"), open(third, id));
      complete(third, id, "bookRefund", Map.of("amount", 1));
      assertEquals(InstanceState.COMPLETED, third.instance(id).state(), () -> String.valueOf(third.instance(id).error()));
      assertEquals(3, count(third, id, HistoryEvent.Type.EXCLUSIVE_ENTERED));
    }
    assertEquals(List.of("perform(post sale)", "perform(post refund)", "perform(post fee)", "perform(close)"), performed);
  }

  @Test
  void wcp28TheBlockingDiscriminatorStillBlocksAfterARestart() {
    String id;
    try (Engine first = engine()) {
      id = start(first, "BlockingJoinByCall", Map.of("rounds", 2));
      completeNested(first, "a1");
      assertEquals(List.of("perform(after join 1)"), performed);
    }
    try (Engine second = engine()) {
      assertEquals(1, second.inbox().open().size(), "the second round waits for b1");
      completeNested(second, "b1");
      assertEquals(2, second.inbox().open().size(), "round two");
    }
    try (Engine third = engine()) {
      completeNested(third, "b2");
      assertEquals(List.of("perform(after join 1)", "perform(after join 2)"), performed, "the last round waits for a2");
    }
    try (Engine fourth = engine()) {
      completeNested(fourth, "a2");
      assertEquals(InstanceState.COMPLETED, fourth.instance(id).state(), () -> String.valueOf(fourth.instance(id).error()));
      assertEquals(4, fourth.instances().stream()
          .filter(i -> simple(i.workflow()).equals("Nested")).count(), "one call per branch per round, none repeated");
    }
    assertEquals(List.of("perform(after join 1)", "perform(after join 2)", "perform(done)"), performed);
  }

  private void completeNested(Engine engine, String label) {
    for (Task task : engine.inbox().open()) {
      WorkflowInstance instance = engine.instance(task.instanceId());
      if (simple(task.workflow()).equals("Nested") && instance.input().toString().contains(label)) {
        engine.inbox().complete(task.id(), run.everyone, Map.of("note", label));
        return;
      }
    }
    throw new AssertionError("no open task for " + label);
  }

  @Test
  void wcp22CancellingTheTopAfterARestartCancelsEveryLevel() {
    String id;
    try (Engine first = engine()) {
      id = start(first, "CountDown", Map.of("from", 2));
      complete(first, id, "level", Map.of("note", "2"));
    }
    try (Engine second = engine()) {
      Task next = second.inbox().open().stream().filter(t -> t.step().equals("level")).findFirst().orElseThrow();
      second.inbox().complete(next.id(), run.everyone, Map.of("note", "1"));
    }
    try (Engine third = engine()) {
      assertEquals(1, third.inbox().open().size(), "the deepest level's task, once");
      third.cancel(id, "withdrawn");
      assertEquals(List.of(), third.inbox().open());
      List<WorkflowInstance> levels = third.instances();
      assertEquals(3, levels.size());
      assertTrue(levels.stream().allMatch(i -> i.state() == InstanceState.CANCELLED),
          levels.stream().map(i -> i.state().toString()).toList().toString());
    }
  }

  @Test
  void wcp12EachFilingsTimerFiresOnceAcrossARestart() {
    String id;
    try (Engine first = engine()) {
      id = start(first, "FileEach", Map.of("documents", List.of("a", "b")));
      run.clock.advance(Duration.ofHours(12));
    }
    try (Engine second = engine()) {
      run.clock.advance(Duration.ofHours(12));
      assertEquals(InstanceState.COMPLETED, second.instance(id).state(), () -> String.valueOf(second.instance(id).error()));
    }
    assertEquals(List.of("perform(carry on)", "perform(file a)", "perform(file b)"), sortedAfterFirst(),
        "each filing once, a day after the start");
  }

  private List<String> sortedAfterFirst() {
    List<String> all = new ArrayList<>(performed.subList(0, 1));
    all.addAll(performed.subList(1, performed.size()).stream().sorted().toList());
    return all;
  }

  @Test
  void wcp08TheCourierTrackedBeforeARestartIsNotTrackedAgain() {
    String id;
    try (Engine first = engine()) {
      id = start(first, "MergeEachCarrier", Map.of());
      first.publish(run.event("Ping", Map.of("order", "courier")));
      assertEquals(List.of("perform(track courier)"), performed);
    }
    try (Engine second = engine()) {
      complete(second, id, "postPickup", Map.of("note", "p"));
      assertEquals(InstanceState.COMPLETED, second.instance(id).state(), () -> String.valueOf(second.instance(id).error()));
    }
    assertEquals(List.of("perform(track courier)", "perform(track post)", "perform(done)"), performed);
  }

  @Test
  void wrp28EscalationFallsDueAfterARestartOnTheOriginalClock() {
    String id;
    try (Engine first = engine()) {
      id = start(first, "Escalation", Map.of());
      run.clock.advance(Duration.ofHours(20));
    }
    try (Engine second = engine()) {
      assertTrue(!second.inbox().task(id, "handle").escalated());
      run.clock.advance(Duration.ofHours(4));
      assertTrue(second.inbox().task(id, "handle").escalated(), "a day after the start, not after the restart");
      assertEquals(1, second.breaches().size());
    }
    try (Engine third = engine()) {
      assertEquals(1, third.breaches().size(), "the breach is logged once");
      complete(third, id, "handle", Map.of("note", "n"));
      assertEquals(InstanceState.COMPLETED, third.instance(id).state());
    }
  }

  @Test
  void aDeadlinePassingWhileTheEngineIsClosedFiresOnRecovery() {
    String id;
    try (Engine first = engine()) {
      id = start(first, "Deadline", Map.of());
      first.inbox().claim(first.inbox().task(id, "handle").id(), run.as("cat"));
    }
    run.clock.advance(Duration.ofDays(3));
    try (Engine second = engine()) {
      assertEquals(List.of("handle"), open(second, id), "a manual clock fires timers as it advances, not on recovery");
      second.fireDueTimers(); // what a real clock's timer thread does at once
      assertEquals(List.of("takeOver"), open(second, id), "the deadline passed while closed: the clerk's task is withdrawn");
      TaskException gone = assertThrows(TaskException.class,
          () -> second.inbox().complete(id + "/clerk/handle", run.as("cat"), Map.of("note", "late")));
      assertTrue(gone.getMessage().length() > 0);
      complete(second, id, "takeOver", Map.of("note", "n"));
      assertEquals(InstanceState.COMPLETED, second.instance(id).state());
    }
  }

  @Test
  void anExternalTriggerAfterARestartUndoesTheReservationOnce() {
    String id;
    try (Engine first = engine()) {
      id = start(first, "ExternalTrigger", Map.of("order", "x1"));
      first.inbox().claim(first.inbox().task(id, "pack").id(), run.as("cat"));
    }
    try (Engine second = engine()) {
      second.publish(run.event("Cancelled", Map.of("order", "x1")));
      assertEquals(InstanceState.FAILED, second.instance(id).state());
      assertEquals(List.of(), open(second, id));
    }
    try (Engine third = engine()) {
      assertEquals(InstanceState.FAILED, third.instance(id).state());
    }
    assertEquals(List.of("perform(reserve x1)", "undo(reserve x1)"), performed);
  }

  @Test
  void wcp39TheRoundInTheSectionKeepsItAcrossARestart() {
    String id;
    try (Engine first = engine()) {
      id = start(first, "LedgerRounds", Map.of("items", List.of("a", "b")));
      assertEquals(List.of("book"), open(first, id));
    }
    try (Engine second = engine()) {
      assertEquals(List.of("book"), open(second, id), "still one round in the section, its task offered once");
      complete(second, id, "book", Map.of("amount", 1));
    }
    try (Engine third = engine()) {
      assertEquals(List.of("book"), open(third, id), "the other round's turn");
      complete(third, id, "book", Map.of("amount", 1));
      assertEquals(InstanceState.COMPLETED, third.instance(id).state(), () -> String.valueOf(third.instance(id).error()));
      assertEquals(2, count(third, id, HistoryEvent.Type.TASK_CREATED));
    }
    assertEquals(List.of("perform(count a)", "perform(count b)", "perform(post a)", "perform(post b)", "perform(close)"),
        sorted(performed.subList(0, performed.size() - 1), performed.get(performed.size() - 1)));
  }

  private static List<String> sorted(List<String> head, String last) {
    List<String> all = new ArrayList<>(head.stream().sorted().toList());
    all.add(last);
    return all;
  }

  @Test
  void wcp17TheSecondRoundsTurnIsHeldAcrossARestart() {
    String id;
    try (Engine first = engine()) {
      id = start(first, "InterleavedRounds", Map.of("rounds", 2));
      complete(first, id, "countStock", Map.of("note", "c"));
      complete(first, id, "auditStock", Map.of("note", "a"));
      first.inbox().claim(first.inbox().task(id, "auditStock").id(), run.as("ann"));
    }
    try (Engine second = engine()) {
      assertThrows(TaskException.class,
          () -> second.inbox().claim(second.inbox().task(id, "countStock").id(), run.as("bob")), "round two: audit holds it");
      second.inbox().complete(second.inbox().task(id, "auditStock").id(), run.as("ann"), Map.of("note", "a"));
      complete(second, id, "countStock", Map.of("note", "c"));
      assertEquals(InstanceState.COMPLETED, second.instance(id).state(), () -> String.valueOf(second.instance(id).error()));
      assertEquals(4, count(second, id, HistoryEvent.Type.TASK_CREATED));
    }
    assertEquals(List.of("perform(done 2)"), performed);
  }

  @Test
  void wcp25ARegionCancelledAfterARestartCancelsTheCallee() {
    String id;
    try (Engine first = engine()) {
      id = start(first, "RegionWithCall", Map.of());
    }
    try (Engine second = engine()) {
      second.inbox().approve(second.inbox().task(id, "stopChecks").id(), run.everyone, null);
      assertEquals(InstanceState.COMPLETED, second.instance(id).state(), () -> String.valueOf(second.instance(id).error()));
      assertEquals(List.of(), second.inbox().open());
      assertTrue(second.instances().stream().filter(i -> simple(i.workflow()).equals("Nested"))
          .allMatch(i -> i.state() == InstanceState.CANCELLED));
    }
    assertEquals(List.of("perform(after checks)"), performed);
  }

  @Test
  void wcp16AClaimBeforeARestartKeepsTheCallCancelled() {
    String id;
    try (Engine first = engine()) {
      id = start(first, "ChoiceWithCall", Map.of());
      first.inbox().claim(first.inbox().task(id, "doIt").id(), run.as("ann"));
    }
    try (Engine second = engine()) {
      assertEquals(List.of(), second.inbox().open().stream().filter(t -> simple(t.workflow()).equals("Nested")).toList());
      second.inbox().complete(second.inbox().task(id, "doIt").id(), run.as("ann"), Map.of("note", "n"));
      assertEquals(InstanceState.COMPLETED, second.instance(id).state(), () -> String.valueOf(second.instance(id).error()));
      assertEquals(1, second.instances().stream().filter(i -> simple(i.workflow()).equals("Nested")).count(),
          "the call is not made again");
    }
  }

  @Test
  void countedSignalsSurviveARestart() {
    String id;
    try (Engine first = engine()) {
      id = start(first, "SignalRounds", Map.of("count", 3));
      complete(first, id, "deliver", Map.of("note", "1"));
    }
    try (Engine second = engine()) {
      complete(second, id, "deliver", Map.of("note", "2"));
    }
    try (Engine third = engine()) {
      complete(third, id, "deliver", Map.of("note", "3"));
      assertEquals(InstanceState.COMPLETED, third.instance(id).state(), () -> String.valueOf(third.instance(id).error()));
    }
    assertEquals(List.of("perform(invoice 1)", "perform(invoice 2)", "perform(invoice 3)"), performed);
  }

  @Test
  void wcp43CompleteAfterARestartCancelsTheCallsOfStartEach() {
    String id;
    try (Engine first = engine()) {
      id = start(first, "CallEach", Map.of("documents", List.of("d1", "d2")));
    }
    try (Engine second = engine()) {
      assertEquals(2, second.instances().stream().filter(i -> simple(i.workflow()).equals("Nested")).count());
      completeNested(second, "d1");
    }
    try (Engine third = engine()) {
      third.inbox().approve(third.inbox().task(id, "close").id(), run.everyone, null);
      assertEquals(InstanceState.COMPLETED, third.instance(id).state(), () -> String.valueOf(third.instance(id).error()));
      assertEquals(List.of(), third.inbox().open());
      assertEquals(List.of(InstanceState.COMPLETED, InstanceState.CANCELLED), third.instances().stream()
          .filter(i -> simple(i.workflow()).equals("Nested")).map(WorkflowInstance::state).sorted().toList());
    }
    assertEquals(List.of("perform(recorded d1: d1)"), performed);
  }

  @Test
  void anEventDeadlineAndItsReminderKeepTheirTimesAcrossRestarts() {
    String id;
    try (Engine first = engine()) {
      id = start(first, "PaymentReminder", Map.of("order", "r9"));
      run.clock.advance(Duration.ofHours(20));
    }
    try (Engine second = engine()) {
      run.clock.advance(Duration.ofHours(4));
      assertEquals(List.of("perform(remind r9)"), performed, "a day after the start");
      assertEquals(InstanceState.WAITING, second.instance(id).state(), "the second wait, of two days");
    }
    try (Engine third = engine()) {
      run.clock.advance(Duration.ofDays(1));
      assertEquals(InstanceState.WAITING, third.instance(id).state());
      third.publish(run.event("Paid", Map.of("order", "r9")));
      assertEquals(InstanceState.COMPLETED, third.instance(id).state(), () -> String.valueOf(third.instance(id).error()));
    }
    assertEquals(List.of("perform(remind r9)"), performed, "reminded once");
  }
}
