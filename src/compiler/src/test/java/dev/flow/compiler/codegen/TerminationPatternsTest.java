package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The iteration, trigger and termination patterns of Russell, ter Hofstede, van der Aalst and
 * Mulyar (2006) that Flow's plain statements express: workflows of {@code execution/joins.flow}
 * run on the engine.
 */
class TerminationPatternsTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/joins.flow", backend());
  }

  @AfterEach
  void close() {
    run.close();
  }

  @Test
  void wcp21StructuredLoop() {
    String id = run.start("StructuredLoop", Map.of());
    run.approve(id, "recheck", false);
    run.approve(id, "recheck", false);
    assertEquals(InstanceState.WAITING, run.state(id), "the condition is tested before each round");
    run.approve(id, "recheck", true);
    assertEquals(Map.of("rounds", 3L), run.output(id), "three rounds, one exit");
  }

  @Test
  void wcp22Recursion() {
    List<dev.flow.compiler.diag.Diagnostic> warnings = dev.flow.compiler.Compiler.compile(List.of(
        new dev.flow.compiler.source.SourceFile("recursion.flow", resource("execution/recursion.flow"))),
        dev.flow.compiler.Compiler.Mode.CHECK).diagnostics();
    assertEquals(List.of("W007"), warnings.stream().map(d -> d.code().name()).toList(), "the self-call is a cycle of one");
    Running recursion = Running.model("execution/recursion.flow", backend());
    try {
      String id = recursion.start("Assemble", Map.of("depth", 2L));
      assertEquals(List.of("perform(build 2)", "perform(build 1)", "perform(build 0)"), recursion.calls,
          "each level invokes the next, down to the innermost");
      List<String> levels = recursion.instances().stream().map(i -> i.id()).toList();
      assertEquals(3, levels.size(), "one instance per level: " + levels);
      assertEquals(id, levels.get(0));
      for (int level = 0; level < 2; level++) {
        String outer = levels.get(level);
        assertEquals(InstanceState.WAITING, recursion.state(outer));
        assertTrue(recursion.runtime().inbox().all().stream().noneMatch(t -> t.instanceId().equals(outer)),
            "level " + level + " waits for the level it invoked before its own sign-off");
      }
      recursion.approve(levels.get(2), "signOff", true);
      assertEquals(Map.of("parts", 1L), recursion.output(levels.get(2)));
      recursion.approve(levels.get(1), "signOff", true);
      assertEquals(Map.of("parts", 2L), recursion.output(levels.get(1)));
      assertEquals(InstanceState.WAITING, recursion.state(id), "the outermost still has its sign-off to do");
      recursion.approve(id, "signOff", true);
      assertEquals(Map.of("parts", 3L), recursion.output(id), "the recursion ran to its end, every level counted");
    } finally {
      recursion.close();
    }
  }

  private static String resource(String name) {
    try (java.io.InputStream in = TerminationPatternsTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void wcp23TransientTrigger() {
    String id = run.start("TransientTrigger", Map.of());
    run.publish(run.event("Announced", Map.of("kind", "delivery", "at", run.clock.instant())));
    run.advance(java.time.Duration.ofMinutes(5));
    run.approve(id, "ready", true);
    assertEquals(InstanceState.WAITING, run.state(id), "the delivery announced before the wait is lost");
    assertEquals(List.of(), run.calls);
    run.advance(java.time.Duration.ofMinutes(5));
    // Announced an hour on: on Temporal, `now()` is the test server's clock, which time skipping may
    // have moved past the test's own; the receive compares the two.
    run.publish(run.event("Announced", Map.of("kind", "delivery", "at", run.clock.instant().plusSeconds(3600))));
    assertEquals(List.of("perform(store)"), run.calls, "one announced while it waits is taken");
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wcp23TransientTriggerByReceiveNew() {
    String id = run.start("TransientReceive", Map.of());
    run.publish(run.event("Arrived", Map.of("kind", "delivery")));
    run.approve(id, "ready", true);
    assertEquals(InstanceState.WAITING, run.state(id), "the delivery announced before the wait is lost to it");
    assertEquals(List.of(), run.calls, "the task did not fire on it");
    run.publish(run.event("Arrived", Map.of("kind", "delivery")));
    assertEquals(List.of("perform(store)", "perform(late)"), run.calls,
        "one announced while it waits triggers it exactly once; the earlier one stayed kept for the ordinary receive");
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wcp23TransientTriggerEachRoundWaitsAfresh() {
    String id = run.start("TransientRounds", Map.of());
    run.publish(run.event("Arrived", Map.of("kind", "ping")));
    assertEquals(List.of("perform(ping)"), run.calls, "the first round's wait takes a ping announced while it waits");
    run.publish(run.event("Arrived", Map.of("kind", "ping")));
    run.approve(id, "handled", true);
    assertEquals(InstanceState.WAITING, run.state(id), "a ping announced while the first round was busy is lost to the second");
    assertEquals(List.of("perform(ping)"), run.calls);
    run.publish(run.event("Arrived", Map.of("kind", "ping")));
    assertEquals(List.of("perform(ping)", "perform(ping)"), run.calls, "the second round fires once, on the new ping");
    run.approve(id, "handled", true);
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wcp23TransientTriggerInADeferredChoice() {
    String id = run.start("TransientChoice", Map.of());
    run.publish(run.event("Arrived", Map.of("kind", "ping")));
    run.approve(id, "ready", true);
    assertEquals(InstanceState.WAITING, run.state(id), "the ping announced before the choice does not decide it");
    assertEquals(List.of("decide"), run.openSteps(id));
    assertEquals(List.of(), run.calls);
    run.publish(run.event("Arrived", Map.of("kind", "ping")));
    assertEquals(List.of("perform(ping)"), run.calls, "one announced while it waits decides it, once");
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(id, "decide"), "the other branch's task is withdrawn");
  }

  @Test
  void wcp43ExplicitTermination() {
    String id = run.start("ExplicitTermination", Map.of());
    run.approve(id, "stopNow", true);
    assertEquals(InstanceState.COMPLETED, run.state(id), "the instance ends at once");
    assertEquals(List.of(), run.calls, "the rest of the other branch never runs");
    assertEquals(Task.Status.WITHDRAWN, run.runtime().inbox().all().stream()
        .filter(t -> t.instanceId().equals(id) && t.step().equals("longWork")).findFirst().orElseThrow().status(),
        "the work still going on is withdrawn");
    assertEquals(List.of(), run.openSteps(id), "nothing of the instance is left open");
  }
}
