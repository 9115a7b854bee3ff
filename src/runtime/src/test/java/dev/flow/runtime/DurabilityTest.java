package dev.flow.runtime;

import static dev.flow.runtime.Flows.ALICE;
import static dev.flow.runtime.Flows.CLERK;
import static dev.flow.runtime.Flows.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import dev.flow.runtime.store.StoreException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on the file journal: a restarted engine goes on where the first stopped. */
class DurabilityTest {
  private final ManualClock clock = ManualClock.at("2026-11-24T09:00:00Z");

  @TempDir
  Path journal;

  /** A system whose results are values a codec must give back with their declared types. */
  interface Ledger {
    Quote quote(String item) throws Exception;
  }

  enum Currency { EUR, USD }

  record Quote(String item, BigDecimal amount, Currency currency, List<Long> lines) {}

  static final Action<Ledger, Quote> QUOTE = Action.of(Ledger.class, "t.Ledger", "quote", List.of("item"),
      ValueType.of(Quote.class), (ledger, args) -> ledger.quote((String) args[0]));

  private final List<String> quoted = new ArrayList<>();
  private final Ledger ledger = item -> {
    quoted.add(item);
    return new Quote(item, new BigDecimal("12.50"), Currency.EUR, List.of(3L, 4L));
  };

  private static final TaskStep<Void> CHECK = TaskStep.of("check", CLERK);

  private WorkflowDefinition<In, Out> quoting(int version) {
    return workflow("Quoting", (ctx, in) -> {
      Quote quote = ctx.action(ActionStep.of("quote", QUOTE), in.name());
      ctx.task(CHECK);
      ctx.await(Duration.ofHours(1));
      return new Out(quote.amount().toPlainString() + " " + quote.currency() + " " + quote.lines());
    }).version(version).build();
  }

  private Engine engine(WorkflowDefinition<?, ?>... definitions) {
    Engine.Builder builder = Engine.builder().clock(clock).connector(Ledger.class, ledger).journal(journal);
    for (WorkflowDefinition<?, ?> definition : definitions) {
      builder.workflow(definition);
    }
    return builder.build();
  }

  @Test
  void aRestartedEngineGoesOnWithTheSameTypedValuesAndDoesNotRepeatDoneWork() {
    String id;
    try (Engine first = engine(quoting(1))) {
      id = first.start("t.Quoting", new In("desk"));
      assertEquals(InstanceState.WAITING, first.instance(id).state());
    }
    try (Engine second = engine(quoting(1))) {
      assertEquals(List.of(id), second.recover());
      second.inbox().complete(second.inbox().task(id, "check").id(), ALICE);
      clock.advance(Duration.ofHours(1));
      assertEquals(new Out("12.50 EUR [3, 4]"), second.instance(id).output(Out.class),
          "the quote read back from the journal is a Quote with a BigDecimal, an enum and a List<Long> again");
      assertEquals(List.of("desk"), quoted, "the action done before the restart is not done again");
    }
    try (Engine third = engine(quoting(1))) {
      assertEquals(InstanceState.COMPLETED, third.instance(id).state(), "an ended instance is read from the journal");
      assertTrue(third.recover().isEmpty());
    }
  }

  @Test
  void anInstanceWhoseVersionIsNotDeployedWaitsAsBlocked() {
    String id;
    try (Engine first = engine(quoting(1))) {
      id = first.start("t.Quoting", new In("desk"));
    }
    try (Engine newer = engine(quoting(2))) {
      assertTrue(newer.recover().isEmpty(), "version 1 is not deployed here: nothing to resume");
      WorkflowInstance blocked = newer.instance(id);
      assertEquals(InstanceState.WAITING, blocked.state(), "blocked, not failed");
      assertEquals("blocked: version 1 not deployed", blocked.waits().get(0).detail());
      clock.advance(Duration.ofDays(3));
      assertEquals(InstanceState.WAITING, newer.instance(id).state());
    }
    try (Engine both = engine(quoting(1), quoting(2))) {
      assertEquals(List.of(id), both.recover());
      both.inbox().complete(both.inbox().task(id, "check").id(), ALICE);
      clock.advance(Duration.ofHours(1));
      assertEquals(InstanceState.COMPLETED, both.instance(id).state());
      assertEquals(1, both.instance(id).version(), "it resumed on the version it started with");
    }
  }

  record Paid(String order) {}

  @Test
  void instancesEvictedFromMemoryAreReadBackWhenSomethingArrivesForThem() {
    ReceiveStep<Paid> paid = ReceiveStep.of("paid", Paid.class).correlate("order", Paid::order);
    WorkflowDefinition<In, Out> flow = workflow("Evicted", (ctx, in) -> {
      ctx.task(CHECK);
      Paid got = ctx.receive(paid, new Object[] {in.name()}, p -> true);
      ctx.await(Duration.ofHours(1));
      return new Out(got.order());
    }).build();
    try (Engine engine = Engine.builder().clock(clock).cacheSize(0).journal(journal).workflow(flow).build()) {
      String a = engine.start(flow, new In("a"));
      String b = engine.start(flow, new In("b"));
      engine.inbox().complete(engine.inbox().task(a, "check").id(), ALICE);
      engine.inbox().complete(engine.inbox().task(b, "check").id(), ALICE);
      assertEquals(List.of(b), engine.publish(new Paid("b")).woken());
      clock.advance(Duration.ofHours(1));
      assertEquals(new Out("b"), engine.instance(b).output(Out.class));
      assertEquals(InstanceState.WAITING, engine.instance(a).state());
      assertEquals(List.of(a), engine.publish(new Paid("a")).woken());
      clock.advance(Duration.ofHours(1));
      assertEquals(new Out("a"), engine.instance(a).output(Out.class));
    }
  }

  @Test
  void aSecondEngineOnTheSameJournalIsRefusedInWords() {
    try (Engine first = engine(quoting(1))) {
      StoreException refused = assertThrows(StoreException.class, () -> engine(quoting(1)));
      assertTrue(refused.getMessage().contains("in use by another engine"), refused.getMessage());
      assertEquals(InstanceState.WAITING, first.instance(first.start("t.Quoting", new In("x"))).state());
    }
  }

  @Test
  void aNotificationTheNotifierRefusedIsRecordedAndNotRepeatedAfterARestart() {
    List<Notification> sent = new ArrayList<>();
    WorkflowDefinition<In, Out> flow = workflow("Telling", (ctx, in) -> {
      ctx.notify(Recipient.role(CLERK), null, "hello " + in.name());
      ctx.task(CHECK);
      return new Out("told");
    }).build();
    String id;
    try (Engine first = Engine.builder().clock(clock).journal(journal).workflow(flow).notifier(n -> {
      throw new IllegalStateException("the mail server is down");
    }).build()) {
      id = first.start(flow, new In("a"));
      assertTrue(first.instance(id).entries().stream().anyMatch(r -> r.entry() instanceof
          dev.flow.runtime.history.HistoryEntry.Notified n && n.problem().contains("mail server")));
    }
    try (Engine second = Engine.builder().clock(clock).journal(journal).workflow(flow).notifier(sent::add).build()) {
      second.recover();
      second.inbox().complete(second.inbox().task(id, "check").id(), ALICE);
      assertEquals(InstanceState.COMPLETED, second.instance(id).state());
      assertTrue(sent.isEmpty(), "a notification the notifier took (and failed) is not sent again: it is recorded");
    }
  }
}
