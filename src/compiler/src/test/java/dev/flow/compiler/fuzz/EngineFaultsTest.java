package dev.flow.compiler.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.compiler.codegen.GeneratedCode;
import dev.flow.runtime.Engine;
import dev.flow.runtime.FlowModule;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Principal;
import dev.flow.runtime.Task;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Faults {@link EngineDifferentialTest} found, each reduced to a small model run on the engine. */
class EngineFaultsTest {
  /**
   * Seed 40246: an {@code exclusive} block in a {@code parallel} branch, waiting inside the section, is cancelled when
   * a sibling branch fails and a {@code try} around the {@code parallel} catches it; it must leave the section
   * (docs/language.md §5.10: a block leaves it when it "ends, fails, is cancelled or jumps out"). It kept it, and the
   * next block of the section waited for ever.
   */
  @Test
  void anExclusiveBlockCancelledByASiblingsCaughtFailureLeavesTheSection() {
    String text = """
        package fz.faults

        role Clerk
        workflow Main {
          owner Clerk
          starts manually
          input key: Text
          output out: Text
          try {
            parallel {
              branch a {
                step hold by Clerk { v: Int }
                fail "no {key}"
              }
              branch b {
                exclusive desk { step inside by Clerk { v: Int } }
              }
            }
          } catch {
            notify Clerk "caught"
          }
          exclusive desk { step after by Clerk { v: Int } }
          set out = "after {after.v}"
        }
        """;
    SortedMap<String, String> sources = GeneratedCode.generate(text);
    FlowModule module = EngineDifferentialTest.module(GeneratedCode.compile(sources), sources, 0, "fz/faults/");
    Principal clerk = new Principal("clerk", module.roles().stream().map(r -> r.name()).collect(Collectors.toSet()));
    try (Engine engine = Engine.builder().module(module).build()) {
      WorkflowDefinition<?, ?> main = module.workflows().get(0);
      String id = engine.start(main.name(), Values.convert(Map.of("key", "k1"), main.inputType()));
      assertEquals(List.of("hold", "inside"), open(engine));
      engine.inbox().complete(task(engine, "hold").id(), clerk, Map.of("v", 1));
      assertEquals(List.of("after"), open(engine), "the cancelled block left the section: the next one entered it");
      engine.inbox().complete(task(engine, "after").id(), clerk, Map.of("v", 2));
      assertEquals(InstanceState.COMPLETED, engine.instance(id).state());
    }
  }

  private static List<String> open(Engine engine) {
    return engine.inbox().open().stream().map(Task::step).sorted().toList();
  }

  private static Task task(Engine engine, String step) {
    return engine.inbox().open().stream().filter(t -> t.step().equals(step)).findFirst().orElseThrow();
  }
}
