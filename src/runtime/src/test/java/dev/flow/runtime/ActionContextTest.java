package dev.flow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The engine enters each connector call's context without making it ({@link ActionContext#enter});
 * a connector that asks gets the same value a made context has, one object per call, and a call
 * made inside another (a connector that starts an instance that runs inline) puts the outer one
 * back after.
 */
class ActionContextTest {
  @Test
  void anEnteredCallIsMadeWhenAskedAndPutBackAfter() {
    assertThrows(IllegalStateException.class, ActionContext::current);
    ActionContext outside = ActionContext.enter("Order-1", "acme.Order", "charge", 2, "charge#2");
    assertNull(outside);
    ActionContext outer = ActionContext.current();
    assertEquals(ActionContext.of("Order-1", "acme.Order", "charge", 2, "charge#2"), outer);
    assertEquals("Order-1/charge#2", outer.idempotencyKey());
    assertSame(outer, ActionContext.current());

    ActionContext previous = ActionContext.enter("Ship-7", "acme.Ship", "book", 1, "book");
    assertEquals(outer, previous);
    assertEquals("Ship-7/book", ActionContext.current().idempotencyKey());
    ActionContext.leave(previous);
    assertEquals(outer, ActionContext.current());

    assertEquals(outer, ActionContext.swap(null));
    assertThrows(IllegalStateException.class, ActionContext::current);
  }

  @Test
  void anOuterCallNeverAskedForIsStillPutBack() {
    ActionContext.enter("Order-2", "acme.Order", "reserve", 1, "reserve");
    ActionContext previous = ActionContext.enter("Order-3", "acme.Order", "reserve", 1, "reserve");
    ActionContext.leave(previous);
    assertEquals("Order-2/reserve", ActionContext.current().idempotencyKey());
    ActionContext.leave(null);
    assertThrows(IllegalStateException.class, ActionContext::current);
  }

  @Test
  void aThreadsCallsHeldAcrossACallAreTheStaticOnes() {
    ActionContext.Calls calls = ActionContext.calls();
    assertSame(calls, ActionContext.calls());
    ActionContext outside = calls.enter("Order-5", "acme.Order", "charge", 1, "charge");
    assertNull(outside);
    assertEquals(ActionContext.of("Order-5", "acme.Order", "charge", 1, "charge"), ActionContext.current());
    ActionContext outer = ActionContext.current();
    ActionContext previous = ActionContext.enter("Ship-8", "acme.Ship", "book", 1, "book");
    assertSame(outer, previous);
    ActionContext.leave(previous);
    assertSame(outer, ActionContext.current());
    calls.leave(outside);
    assertThrows(IllegalStateException.class, ActionContext::current);
  }

  @Test
  void aSwappedContextIsCurrent() {
    ActionContext given = new ActionContext("Order-4", "acme.Order", "pay", 1, "key-4");
    assertNull(ActionContext.swap(given));
    assertSame(given, ActionContext.current());
    assertSame(given, ActionContext.swap(null));
  }
}
