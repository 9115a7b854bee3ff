package com.acme.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.Engine;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.ManualClock;
import dev.flow.runtime.Principal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriageTest {
  @Test
  void aFiledTicketIsOpenedLookedAtAndClosedADayLater() {
    ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");
    Tickets tickets = title -> "T-1 " + title;
    Engine engine = Engine.builder().clock(clock).module(DeskModule.INSTANCE).connector(Tickets.class, tickets).build();
    String id = engine.publish(new TicketFiled("printer on fire", true)).started().get(0);
    engine.inbox().complete(engine.inbox().task(id, "look").id(), Principal.of("ann", DeskModule.CLERK), Map.of("priority", 1));
    assertEquals(InstanceState.WAITING, engine.instance(id).state());
    clock.advance(Duration.ofDays(1));
    assertEquals(InstanceState.COMPLETED, engine.instance(id).state());
    assertEquals(new Triage.Output("T-1 printer on fire", 1), engine.instance(id).output(Triage.Output.class));
  }
}
