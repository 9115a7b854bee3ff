package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.Engine;
import dev.flow.runtime.InstanceState;
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
 * WCP 23 on the file journal: a {@code receive new}'s cut-off is recorded when it starts waiting, so
 * an event announced before it stays lost to it after the engine is closed and a new one recovers
 * the instance from the journal (which looks at the kept events again).
 */
class TransientTriggerRestartTest {
  private Running run;
  private final List<String> performed = Collections.synchronizedList(new ArrayList<>());

  @TempDir
  Path dir;

  @BeforeEach
  void compile() {
    run = Running.model("execution/joins.flow");
  }

  @Test
  void theCutOffHoldsAfterARestart() {
    Path journal = dir.resolve("journal");
    Engine first = engine(journal);
    WorkflowDefinition<?, ?> definition = run.workflow("TransientReceive");
    String id = first.start(definition.name(), Values.convert(Map.of(), definition.inputType()));
    first.publish(run.event("Arrived", Map.of("kind", "delivery")));
    first.inbox().approve(first.inbox().task(id, "ready").id(), run.everyone, null);
    assertEquals(InstanceState.WAITING, first.instance(id).state());
    assertEquals(List.of(), performed, "the delivery announced before the wait is lost to it");
    first.close();

    Engine second = engine(journal);
    second.recover();
    assertEquals(InstanceState.WAITING, second.instance(id).state(), "recovered, it still does not take the earlier one");
    assertEquals(List.of(), performed);
    second.publish(run.event("Arrived", Map.of("kind", "delivery")));
    assertEquals(List.of("store", "late"), performed,
        "the one announced after the restart, while it waits, triggers it once; the earlier one is kept for the next receive");
    assertEquals(InstanceState.COMPLETED, second.instance(id).state(), () -> String.valueOf(second.instance(id).error()));
    second.close();
  }

  private Engine engine(Path journal) {
    return run.journalEngine(journal, "work", (method, args) -> {
      performed.add(args[0].toString());
      return "done";
    });
  }
}
