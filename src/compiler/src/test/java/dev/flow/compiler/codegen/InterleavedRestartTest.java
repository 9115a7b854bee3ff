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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The section of an {@code interleaved} block that a claim took survives a restart: an engine on
 * the same journal still holds the other branches' tasks back, a release read back from the journal
 * gives the section back, and each task is offered and done once (WCP 40).
 */
class InterleavedRestartTest {
  private Running run;
  private final List<String> performed = Collections.synchronizedList(new ArrayList<>());

  @TempDir
  Path dir;

  @BeforeEach
  void compile() {
    run = Running.model("execution/joins.flow");
  }

  @Test
  void aClaimedSectionIsHeldAcrossRestarts() {
    Path journal = dir.resolve("journal");
    WorkflowDefinition<?, ?> definition = run.workflow("InterleavedRouting");
    String id;
    try (Engine first = engine(journal)) {
      id = first.start(definition.name(), Values.convert(Map.of(), definition.inputType()));
      assertEquals(List.of("checkA", "checkB", "checkC"), open(first, id), "every leading task is offered at once");
      first.inbox().claim(taskId(first, id, "checkC"), as("ann"));
    }
    try (Engine second = engine(journal)) {
      second.recover();
      TaskException held = assertThrows(TaskException.class, () -> second.inbox().claim(taskId(second, id, "checkA"), as("bob")));
      assertTrue(held.getMessage().contains("branch `c`"), held.getMessage());
      second.inbox().complete(taskId(second, id, "checkC"), as("ann"), Map.of("note", "c"));
      second.inbox().claim(taskId(second, id, "checkB"), as("bob"));
    }
    try (Engine third = engine(journal)) {
      third.recover();
      assertThrows(TaskException.class, () -> third.inbox().claim(taskId(third, id, "checkA"), as("carl")),
          "b took the section before the restart");
      third.inbox().release(taskId(third, id, "checkB"), as("bob"));
    }
    try (Engine fourth = engine(journal)) {
      fourth.recover();
      fourth.inbox().claim(taskId(fourth, id, "checkA"), as("carl"));
      fourth.inbox().complete(taskId(fourth, id, "checkA"), as("carl"), Map.of("note", "a"));
      assertEquals(List.of(), performed, "the work after waits for every branch");
      fourth.inbox().complete(taskId(fourth, id, "checkB"), as("dora"), Map.of("note", "b"));
      assertEquals(InstanceState.COMPLETED, fourth.instance(id).state(), () -> String.valueOf(fourth.instance(id).error()));
      assertEquals(List.of("after"), performed, "the work after ran once");
      List<HistoryEvent> history = fourth.instance(id).history();
      assertEquals(3, count(history, HistoryEvent.Type.TASK_CREATED), "each task was offered once");
      assertEquals(3, count(history, HistoryEvent.Type.TASK_COMPLETED), "and done once");
      assertEquals(4, count(history, HistoryEvent.Type.EXCLUSIVE_ENTERED), "c, b (released), a, b");
      assertEquals(4, count(history, HistoryEvent.Type.EXCLUSIVE_LEFT));
    }
  }

  @Test
  void anEvictedInstanceStillHoldsTheOtherBranchesBack() {
    WorkflowDefinition<?, ?> definition = run.workflow("InterleavedRouting");
    try (Engine engine = run.engine(Engine.builder().clock(run.clock).cacheSize(0), "work", (method, args) -> {
      performed.add(args[0].toString());
      return args[0].toString();
    })) {
      String id = engine.start(definition.name(), Values.convert(Map.of(), definition.inputType()));
      engine.inbox().claim(taskId(engine, id, "checkC"), as("ann"));
      TaskException held = assertThrows(TaskException.class, () -> engine.inbox().claim(taskId(engine, id, "checkA"), as("bob")),
          "the instance left the cache after the claim; read back, it still knows c holds the section");
      assertTrue(held.getMessage().contains("branch `c`"), held.getMessage());
      engine.inbox().release(taskId(engine, id, "checkC"), as("ann"));
      engine.inbox().claim(taskId(engine, id, "checkA"), as("bob"));
      assertThrows(TaskException.class, () -> engine.inbox().claim(taskId(engine, id, "checkC"), as("ann")),
          "a took the section once c gave it back");
    }
  }

  private static long count(List<HistoryEvent> history, HistoryEvent.Type type) {
    return history.stream().filter(e -> e.type() == type).count();
  }

  private List<String> open(Engine engine, String id) {
    return engine.inbox().forInstance(id).stream().map(Task::step).sorted().toList();
  }

  private static String taskId(Engine engine, String id, String step) {
    return engine.inbox().task(id, step).id();
  }

  private Principal as(String who) {
    return run.as(who);
  }

  private Engine engine(Path journal) {
    return run.journalEngine(journal, "work", (method, args) -> {
      performed.add(args[0].toString());
      return args[0].toString();
    });
  }
}
