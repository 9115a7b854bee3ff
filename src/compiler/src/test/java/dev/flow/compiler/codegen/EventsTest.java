package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.Engine;
import dev.flow.runtime.InstanceState;
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
 * Events that are not lost (issue 11) on generated code: an event published while its instance
 * is elsewhere (in a person's step) is kept and taken when the instance reaches its receive,
 * oldest first; also after a restart on the journal; never one published before the instance
 * started, nor one past the retention.
 */
class EventsTest {
  private Running run;

  @TempDir
  Path dir;

  @BeforeEach
  void compile() {
    run = Running.model("execution/events.flow");
  }

  private Object paid(String order, long amount) {
    return run.event("Paid", Map.of("order", order, "amount", amount));
  }

  @Test
  void anEventPublishedWhileTheInstanceIsInAPersonsStepIsTakenWhenItGetsToItsReceive() {
    String id = run.start("Collect", Map.of("order", "A-1"));
    assertEquals(List.of(), run.publish(paid("A-1", 40)).woken());
    assertEquals(InstanceState.WAITING, run.state(id));
    run.complete(id, "check", Map.of());
    assertEquals(Map.of("amount", 40L), run.output(id));
  }

  @Test
  void twoEarlyEventsAreTakenOldestFirstByALoop() {
    String id = run.start("CollectTwo", Map.of("order", "A-2"));
    run.publish(paid("B-9", 1));
    run.publish(paid("A-2", 10));
    run.publish(paid("A-2", 20));
    run.publish(paid("A-2", 30));
    run.complete(id, "check", Map.of());
    assertEquals(Map.of("amounts", List.of(10L, 20L)), run.output(id));
  }

  @Test
  void anEventPublishedBeforeTheInstanceStartedIsNotTaken() {
    run.publish(paid("A-3", 5));
    String id = run.start("Collect", Map.of("order", "A-3"));
    run.complete(id, "check", Map.of());
    assertEquals(InstanceState.WAITING, run.state(id));
    run.publish(paid("A-3", 6));
    assertEquals(Map.of("amount", 6L), run.output(id));
  }

  @Test
  void anEventPastTheRetentionIsGone() {
    String id = run.start("Collect", Map.of("order", "A-4"));
    run.publish(paid("A-4", 7));
    run.advance(Duration.ofDays(7).plusMinutes(1));
    run.complete(id, "check", Map.of());
    assertEquals(InstanceState.WAITING, run.state(id));
    run.publish(paid("A-4", 8));
    assertEquals(Map.of("amount", 8L), run.output(id));
  }

  @Test
  void theRetentionIsTheEnginesToSet() {
    Engine engine = engine(Engine.builder().clock(run.clock).eventRetention(Duration.ofHours(1)));
    String early = start(engine, "Collect", "A-5");
    String late = start(engine, "Collect", "A-6");
    engine.publish(paid("A-5", 1));
    run.clock.advance(Duration.ofMinutes(59));
    engine.publish(paid("A-6", 2));
    run.clock.advance(Duration.ofMinutes(2));
    complete(engine, early);
    complete(engine, late);
    assertEquals(InstanceState.WAITING, engine.instance(early).state());
    assertEquals(InstanceState.COMPLETED, engine.instance(late).state());
  }

  @Test
  void anEarlyEventIsStillTakenAfterARestartOnTheJournal() {
    Path journal = dir.resolve("journal");
    Engine first = engine(Engine.builder().clock(run.clock).journal(journal));
    String id = start(first, "Collect", "A-7");
    first.publish(paid("A-7", 70));
    first.close();
    Engine second = engine(Engine.builder().clock(run.clock).journal(journal));
    second.recover();
    complete(second, id);
    assertEquals(InstanceState.COMPLETED, second.instance(id).state());
    assertEquals(Map.of("amount", 70L), Running.fields(second.instance(id).output().orElseThrow()));
    second.close();
    Engine third = engine(Engine.builder().clock(run.clock).journal(journal));
    third.recover();
    assertEquals(Map.of("amount", 70L), Running.fields(third.instance(id).output().orElseThrow()));
    third.close();
  }

  private Engine engine(Engine.Builder builder) {
    run.modules.forEach(builder::module);
    return builder.build();
  }

  private String start(Engine engine, String workflow, String order) {
    WorkflowDefinition<?, ?> definition = run.workflow(workflow);
    return engine.start(definition.name(), Values.convert(Map.of("order", order), definition.inputType()));
  }

  private void complete(Engine engine, String id) {
    engine.inbox().complete(engine.inbox().task(id, "check").id(), run.everyone, Map.of());
  }
}
