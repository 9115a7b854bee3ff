package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Engine;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
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
 * WCP 25 on the file journal: a cancelled region stays cancelled after the engine is closed and a
 * new one recovers the instance from the journal: its withdrawn blocks stay withdrawn, and a block
 * reached after the restart is skipped.
 */
class RegionRestartTest {
  private Running run;
  private final List<String> performed = Collections.synchronizedList(new ArrayList<>());

  @TempDir
  Path dir;

  @BeforeEach
  void compile() {
    run = Running.model("execution/regions.flow");
  }

  @Test
  void aCancelledRegionStaysCancelledAfterARestart() {
    Path journal = dir.resolve("journal");
    Engine first = engine(journal);
    WorkflowDefinition<?, ?> definition = run.workflow("CancelRegionAnywhere");
    String id = first.start(definition.name(), Values.convert(Map.of(), definition.inputType()));
    first.inbox().reject(first.inbox().task(id, "goOn").id(), run.everyone, "stop the audit");
    assertEquals(List.of("lateStart"), steps(first, id), "the region's tasks are withdrawn");
    assertEquals(InstanceState.WAITING, first.instance(id).state());
    first.close();

    Engine second = engine(journal);
    second.recover();
    assertEquals(List.of("lateStart"), steps(second, id), "recovered, the region's blocks stay withdrawn");
    second.inbox().complete(second.inbox().task(id, "lateStart").id(), run.everyone, Map.of("note", "late"));
    assertTrue(second.inbox().all().stream().noneMatch(t -> t.step().equals("lateAudit")),
        "the block reached after the restart is skipped: the cancel is in the journal");
    assertEquals(InstanceState.COMPLETED, second.instance(id).state(), () -> String.valueOf(second.instance(id).error()));
    assertEquals("finished", performed.get(performed.size() - 1));
    assertTrue(!performed.contains("form audited") && !performed.contains("payment audited"), performed::toString);
    second.close();
  }

  private static List<String> steps(Engine engine, String id) {
    return engine.inbox().forInstance(id).stream().filter(t -> t.status() != Task.Status.WITHDRAWN)
        .map(Task::step).toList();
  }

  private Engine engine(Path journal) {
    return run.journalEngine(journal, "work", (method, args) -> {
      performed.add(args[0].toString());
      return "done";
    });
  }
}
