package dev.flow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A keyed workflow's keys do not stay in the engine's memory after their instances end: an engine
 * that sees a new key per order must not grow with every key it ever saw (issue 10: "frees
 * nothing"). The key's next event after the end starts a new instance, as before.
 */
class KeyNotesTest {
  record Reading(String room, long value) {}

  private static final ReceiveStep<Reading> NEXT = ReceiveStep.of("next", Reading.class).correlate("room", Reading::room);

  /** One instance per room: its first reading starts it, it adds up that one and the room's next. */
  static final WorkflowDefinition<In, Out> ROOM = Flows.workflow("Room", (ctx, in) -> {
    String room = in.name().substring(0, in.name().indexOf('='));
    long total = Long.parseLong(in.name().substring(in.name().indexOf('=') + 1));
    total += ctx.receive(NEXT, new Object[] {room}, r -> true).value();
    return new Out(room + " " + total);
  }).startsOn(Reading.class, r -> new In(r.room() + "=" + r.value()), Reading::room).steps(NEXT).build();

  @Test
  void theEngineForgetsWhoHeldAKeyOnceItsInstanceEnded() throws ReflectiveOperationException {
    try (Engine engine = Engine.builder().clock(ManualClock.at("2026-12-07T09:00:00Z")).workflow(ROOM).build()) {
      for (int room = 0; room < 500; room++) {
        engine.publish(new Reading("r" + room, 1));
      }
      assertEquals(500, keyNotes(engine), "a running instance's key is noted");
      for (int room = 0; room < 500; room++) {
        assertEquals(List.of(), engine.publish(new Reading("r" + room, 2)).started());
      }
      assertEquals(0, keyNotes(engine), "every instance ended: no key is noted any more");
      List<String> again = engine.publish(new Reading("r7", 5)).started();
      assertEquals(1, again.size(), "the key's next event after the end starts a new instance");
      assertEquals(InstanceState.WAITING, engine.instance(again.get(0)).state());
      assertEquals(1, keyNotes(engine));
    }
  }

  /** How many keys the engine notes as held, in memory (the store keeps its own facts). */
  private static int keyNotes(Engine engine) throws ReflectiveOperationException {
    Field core = Engine.class.getDeclaredField("core");
    core.setAccessible(true);
    Object c = core.get(engine);
    Field holders = c.getClass().getDeclaredField("keyHolders");
    holders.setAccessible(true);
    return ((Map<?, ?>) holders.get(c)).size();
  }
}
