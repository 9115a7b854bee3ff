package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.Engine;
import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.WorkflowInstance;
import dev.flow.runtime.store.InstanceQuery;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code emit} (issue 11) on generated code: the event starts the workflows that start on it and
 * wakes the receives waiting for it, once; not again on replay, nor after a restart.
 */
class EmitTest {
  Running run;

  @TempDir
  Path dir;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/emit.flow", backend());
  }

  @AfterEach
  void close() {
    run.close();
  }

  private static List<String> notices(Engine engine) {
    return engine.instances(new InstanceQuery(null, null, 0, 100)).stream().map(WorkflowInstance::id)
        .filter(id -> id.startsWith("Notice-")).toList();
  }

  List<String> notices() {
    return run.instances().stream().map(WorkflowInstance::id).filter(id -> id.startsWith("Notice-")).toList();
  }

  @Test
  void anEmittedEventStartsAndWakesWorkflowsOnce() {
    String track = run.start("Track", Map.of("order", "A-1"));
    String other = run.start("Track", Map.of("order", "B-2"));
    String ship = run.start("Ship", Map.of("order", "A-1"));
    run.advance(Duration.ofMinutes(5));
    run.complete(ship, "pack", Map.of());
    Instant shipped = Instant.parse(Running.START).plus(Duration.ofMinutes(5));
    assertShippedAt(shipped, (Instant) run.output(track).get("at"));
    assertEquals(InstanceState.WAITING, run.state(other));
    List<String> notices = notices();
    assertEquals(1, notices.size());
    assertEquals(Map.of("text", "shipped A-1"), run.output(notices.get(0)));
    assertEquals(1, run.count(ship, HistoryEvent.Type.EVENT_EMITTED));
    assertEquals(1, run.count(ship, HistoryEvent.Type.EVENT_PUBLISHED));
    run.complete(ship, "confirm", Map.of());
    assertEquals(InstanceState.COMPLETED, run.state(ship));
    assertEquals(1, notices().size(), "a replay does not emit again");
    assertEquals(1, run.count(ship, HistoryEvent.Type.EVENT_EMITTED));
  }

  /** When the emitted event says the order shipped: the instant the clock stood at. */
  void assertShippedAt(Instant expected, Instant at) {
    assertEquals(expected, at);
  }

  @Test
  void anEmittedEventIsNotPublishedAgainAfterARestart() {
    Path journal = dir.resolve("journal");
    Engine first = engine(journal);
    String ship = start(first, "Ship", "A-7");
    first.inbox().complete(first.inbox().task(ship, "pack").id(), run.everyone, Map.of());
    assertEquals(1, notices(first).size());
    first.close();
    Engine second = engine(journal);
    second.recover();
    second.inbox().complete(second.inbox().task(ship, "confirm").id(), run.everyone, Map.of());
    assertEquals(InstanceState.COMPLETED, second.instance(ship).state());
    assertEquals(1, notices(second).size());
    assertEquals(1, second.instance(ship).history().stream().filter(e -> e.type() == HistoryEvent.Type.EVENT_PUBLISHED)
        .count());
    second.close();
  }

  private Engine engine(Path journal) {
    Engine.Builder builder = Engine.builder().clock(run.clock).journal(journal);
    run.modules.forEach(builder::module);
    return builder.build();
  }

  private String start(Engine engine, String workflow, String order) {
    WorkflowDefinition<?, ?> definition = run.workflow(workflow);
    return engine.start(definition.name(), Values.convert(Map.of("order", order), definition.inputType()));
  }
}
