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
 * A collecting loop's list survives a restart: the engine is closed while some rounds of a
 * parallel collecting loop have ended and others wait, and a new engine on the same journal
 * finishes it. The list is in item order, and no round's step runs again.
 */
class CollectRestartTest {
  private Running run;
  private final List<String> scored = Collections.synchronizedList(new ArrayList<>());

  @TempDir
  Path dir;

  @BeforeEach
  void compile() {
    run = Running.model("execution/collect.flow");
  }

  @Test
  void theListIsInItemOrderAfterARestartMidway() {
    Path journal = dir.resolve("journal");
    Engine first = engine(journal);
    WorkflowDefinition<?, ?> definition = run.workflow("ParallelAnswers");
    String id = first.start(definition.name(),
        Values.convert(Map.of("items", List.of("a", "bb", "ccc", "dddd")), definition.inputType()));
    first.publish(run.event("Answered", Map.of("item", "dddd", "verdict", "four")));
    first.publish(run.event("Answered", Map.of("item", "bb", "verdict", "two")));
    assertEquals(InstanceState.WAITING, first.instance(id).state());
    first.close();

    Engine second = engine(journal);
    second.recover();
    second.publish(run.event("Answered", Map.of("item", "ccc", "verdict", "three")));
    assertEquals(InstanceState.WAITING, second.instance(id).state());
    second.publish(run.event("Answered", Map.of("item", "a", "verdict", "one")));
    assertEquals(InstanceState.COMPLETED, second.instance(id).state(), () -> String.valueOf(second.instance(id).error()));
    assertEquals(Map.of("verdicts", List.of("a: one (1)", "bb: two (2)", "ccc: three (3)", "dddd: four (4)")),
        Running.fields(second.instance(id).output().orElseThrow()));
    assertEquals(List.of("a", "bb", "ccc", "dddd"), scored, "each round's step ran once, before the restart");
    second.close();
  }

  private Engine engine(Path journal) {
    return run.journalEngine(journal, "scoring", (method, args) -> {
      scored.add(args[0].toString());
      return (long) args[0].toString().length();
    });
  }
}
