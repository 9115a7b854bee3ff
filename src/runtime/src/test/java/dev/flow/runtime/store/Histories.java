package dev.flow.runtime.store;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.TimerPurpose;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Short ways to write history entries and commits in store tests. */
final class Histories {
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  /** A record like those the compiler generates, for payload round trips. */
  record Order(String id, long quantity, BigDecimal amount, LocalDate due, Colour colour, List<Line> lines, Line gift) {}

  /** A nested record. */
  record Line(String sku, Long count, BigDecimal price, Instant at, Duration within, Boolean urgent, List<Long> lots) {}

  /** An enum like the generated ones. */
  enum Colour { RED, GREEN }

  private Histories() {}

  static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  static Order order(String id) {
    Line line = new Line("SKU-1", 3L, new BigDecimal("19.90"), T0, Duration.ofHours(36), true, List.of(1L, 2L));
    Line gift = new Line("GIFT", null, new BigDecimal("0.00"), null, null, null, List.of());
    return new Order(id, 2, new BigDecimal("123.4500"), LocalDate.of(2026, 4, 30), Colour.GREEN, List.of(line), gift);
  }

  static HistoryEntry started(String workflow) {
    return new HistoryEntry.InstanceStarted(workflow, 1, Payload.of(order("o-1")), null, null);
  }

  static HistoryEntry startedBy(String workflow, String parentId) {
    return new HistoryEntry.InstanceStarted(workflow, 2, Payload.NONE, parentId, "call1");
  }

  static HistoryEntry ended(InstanceState state) {
    return new HistoryEntry.InstanceEnded(state, Payload.of("done"), null, null);
  }

  static HistoryEntry task(String stepId, String role) {
    return new HistoryEntry.TaskCreated(stepId, stepId, "task", role, "managers", at(3600));
  }

  static HistoryEntry timer(String stepId, Instant due) {
    return new HistoryEntry.TimerSet(stepId, stepId, TimerPurpose.WAIT, due);
  }

  static HistoryEntry receive(String stepId, String type, List<String> correlation) {
    return new HistoryEntry.ReceiveWaiting(stepId, stepId, type, correlation, null);
  }

  static HistoryEntry scheduled(String stepId) {
    return new HistoryEntry.ActionScheduled(stepId, stepId, "acme.Billing", "charge", 1);
  }

  static Commit commit(long second, String instanceId, long expected, HistoryEntry... entries) {
    return Commit.of(at(second), instanceId, expected, List.of(entries));
  }

  static Commit start(String instanceId, HistoryEntry... more) {
    List<HistoryEntry> entries = new java.util.ArrayList<>();
    entries.add(started(prefixOf(instanceId)));
    entries.addAll(List.of(more));
    return Commit.of(T0, instanceId, 0, entries);
  }

  static Commit facts(Map<String, String> facts) {
    return new Commit(T0, List.of(), facts);
  }

  private static String prefixOf(String id) {
    int dash = id.lastIndexOf('-');
    return "acme." + (dash < 0 ? id : id.substring(0, dash));
  }

  /** One entry of every kind, with values of every kind. */
  static List<HistoryEntry> everyKind() {
    Payload order = Payload.of(order("o-9"));
    return List.of(
        new HistoryEntry.InstanceStarted("acme.Order", 3, order, "Parent-1", "call#2"),
        new HistoryEntry.CancelRequested("customer withdrew"),
        new HistoryEntry.ActionScheduled("a", "a", "acme.Billing", "charge", 1),
        new HistoryEntry.ActionCompleted("a", Payload.of(new BigDecimal("10.50")), 1),
        new HistoryEntry.AttemptFailed("b", 1, "timeout", at(30)),
        new HistoryEntry.AttemptFailed("b", 2, "timeout", null),
        new HistoryEntry.ActionFailed("b", "gave up"),
        new HistoryEntry.CompensationRegistered("a", "a", "acme.Billing", "refund",
            List.of(Payload.of("o-9"), Payload.of(42L), Payload.NONE, Payload.of(Colour.RED))),
        new HistoryEntry.CompensationScheduled("a", 1),
        new HistoryEntry.Compensated("a"),
        new HistoryEntry.CompensationFailed("c", "refund refused"),
        new HistoryEntry.TaskCreated("review", "review", "approval", "acme.Clerk", null, null),
        new HistoryEntry.TaskClaimed("review", "ann"),
        new HistoryEntry.TaskReleased("review", "ann"),
        new HistoryEntry.TaskAssigned("review", "bob", "ann"),
        new HistoryEntry.TaskCompleted("review", Payload.of(true), "bob"),
        new HistoryEntry.TaskWithdrawn("other", "its branch lost"),
        new HistoryEntry.Breached("review", "review", Duration.ofDays(2), "acme.Manager"),
        new HistoryEntry.TimerSet("wait1", "wait1", TimerPurpose.DEADLINE, at(99)),
        new HistoryEntry.TimerFired("wait1"),
        new HistoryEntry.TimerCancelled("wait2"),
        new HistoryEntry.ClockRead("now1", Payload.of(at(5))),
        new HistoryEntry.ClockRead("today1", Payload.of(LocalDate.of(2026, 3, 1))),
        new HistoryEntry.ReceiveWaiting("paid", "paid", "acme.Paid", List.of("orderId=o-9"), at(600)),
        new HistoryEntry.ReceiveWaiting("fresh", "fresh", "acme.Paid", List.of(), null, 17),
        new HistoryEntry.EventReceived("paid", order),
        new HistoryEntry.ReceiveTimedOut("paid2"),
        new HistoryEntry.ChildStarted("call1", "call1", "Ship-4", "acme.Ship", true),
        new HistoryEntry.ChildEnded("call1", InstanceState.COMPLETED, Payload.of(List.of("a", "b")), null),
        new HistoryEntry.ChildCancelRequested("call2", "Ship-5", "branch lost"),
        new HistoryEntry.ErrorRaised("call3", Order.class.getName(), Payload.of(order)),
        new HistoryEntry.NotifyRequested("n1", "acme.Clerk", null, "acme.Mail", "Please look"),
        new HistoryEntry.Notified("n1", null),
        new HistoryEntry.FirstDecided("first1", "fast"),
        new HistoryEntry.BranchEnded("@join", "fast"),
        new HistoryEntry.SignalRaised("@signal", "ready"),
        new HistoryEntry.SignalTaken("b/@waitfor", "ready"),
        new HistoryEntry.ExclusiveEntered("a/@exclusive", "ledger"),
        new HistoryEntry.ExclusiveLeft("a/@exclusive", "ledger"),
        new HistoryEntry.RegionEntered("a/@region", "audit"),
        new HistoryEntry.RegionEnded("a/@region", "audit", true),
        new HistoryEntry.RegionEnded("b/@region#2", "audit", false),
        new HistoryEntry.RegionCancelled("c/@cancelregion", "audit"),
        new HistoryEntry.IncidentOpened("b", "b", 3, "acme.Billing.charge failed: timeout"),
        new HistoryEntry.IncidentResolved("b", HistoryEntry.IncidentResolved.Resolution.RETRIED, "ann", null),
        new HistoryEntry.IncidentResolved("b", HistoryEntry.IncidentResolved.Resolution.FAILED, "ann", "wrong account"),
        new HistoryEntry.EventEmitted("e1", Order.class.getName(), order),
        new HistoryEntry.EventPublished("e1", 43),
        new HistoryEntry.EventReceived("paid3", order, 42),
        new HistoryEntry.InstanceEnded(InstanceState.FAILED, Payload.NONE, "b", "gave up"));
  }
}
