package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Engine;
import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Principal;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The choice a claim made in a {@code first to start} survives a restart: an engine on the same
 * journal keeps the claimed task, never fires the withdrawn branch's timer, refuses the withdrawn
 * task with its reason, and a release read back from the journal does not undo the choice (WCP 16).
 */
class FirstToStartRestartTest {
  private Running run;

  @TempDir
  Path dir;

  @BeforeEach
  void compile() {
    run = Running.model("execution/choices.flow");
  }

  @Test
  void aClaimsChoiceIsKeptAcrossRestarts() {
    Path journal = dir.resolve("journal");
    WorkflowDefinition<?, ?> definition = run.workflow("PhoneOrMail");
    String id;
    try (Engine first = engine(journal)) {
      id = first.start(definition.name(), Values.convert(Map.of(), definition.inputType()));
      assertEquals(List.of("call", "write"), open(first, id), "both tasks are offered");
      run.clock.advance(Duration.ofDays(1));
      first.inbox().claim(taskId(first, id, "write"), as("ann"));
    }
    try (Engine second = engine(journal)) {
      second.recover();
      assertEquals(List.of("write"), open(second, id), "read back, the other task stays withdrawn");
      TaskException refused = assertThrows(TaskException.class,
          () -> second.inbox().claim(withdrawnId(second, id, "call"), as("bob")));
      assertTrue(refused.getMessage().contains("branch `mail` of the same `first to start` was started first"),
          refused.getMessage());
      second.inbox().release(taskId(second, id, "write"), as("ann"));
    }
    try (Engine third = engine(journal)) {
      third.recover();
      run.clock.advance(Duration.ofDays(2));
      assertEquals(InstanceState.WAITING, third.instance(id).state(), "the silence branch's time has passed; it was withdrawn");
      assertEquals(List.of("write"), open(third, id), "the release after the choice did not undo it");
      third.inbox().complete(taskId(third, id, "write"), as("bob"), Map.of("note", "sent"));
      assertEquals(InstanceState.COMPLETED, third.instance(id).state(), () -> String.valueOf(third.instance(id).error()));
      List<HistoryEvent> history = third.instance(id).history();
      assertEquals(1, count(history, HistoryEvent.Type.FIRST_DECIDED), "decided once, by the claim");
      assertEquals(0, count(history, HistoryEvent.Type.TIMER_FIRED), "the silence branch's timer never fired");
      assertEquals(2, count(history, HistoryEvent.Type.TASK_CREATED), "each task was offered once");
      assertEquals(1, count(history, HistoryEvent.Type.TASK_COMPLETED));
    }
  }

  @Test
  void anEvictedInstanceStillKnowsWhichTaskLeadsTheChoice() {
    WorkflowDefinition<?, ?> definition = run.workflow("PhoneOrMail");
    try (Engine engine = run.engine(Engine.builder().clock(run.clock).cacheSize(0), "work", (method, args) -> args[0])) {
      String id = engine.start(definition.name(), Values.convert(Map.of(), definition.inputType()));
      engine.inbox().claim(taskId(engine, id, "call"), as("ann"));
      assertEquals(List.of("call"), open(engine, id),
          "the instance left the cache before the claim; read back, the claim decided");
      assertThrows(TaskException.class, () -> engine.inbox().claim(withdrawnId(engine, id, "write"), as("bob")));
      engine.inbox().complete(taskId(engine, id, "call"), as("ann"), Map.of("note", "rang"));
      assertEquals(InstanceState.COMPLETED, engine.instance(id).state(), () -> String.valueOf(engine.instance(id).error()));
    }
  }

  private static long count(List<HistoryEvent> history, HistoryEvent.Type type) {
    return history.stream().filter(e -> e.type() == type).count();
  }

  private static List<String> open(Engine engine, String id) {
    return engine.inbox().forInstance(id).stream().map(Task::step).sorted().toList();
  }

  private static String taskId(Engine engine, String id, String step) {
    return engine.inbox().task(id, step).id();
  }

  private static String withdrawnId(Engine engine, String id, String step) {
    return engine.inbox().all().stream().filter(t -> t.instanceId().equals(id) && t.step().equals(step))
        .findFirst().orElseThrow().id();
  }

  private Principal as(String who) {
    return run.as(who);
  }

  private Engine engine(Path journal) {
    return run.journalEngine(journal, "work", (method, args) -> args[0]);
  }
}
