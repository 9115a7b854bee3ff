package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A receive's {@code where} cut into its correlation ({@code ev.field == value} equalities whose
 * value does not read the event, on types whose values are equal exactly when their keys are)
 * and the rest, which stays in the predicate.
 */
class ReceiveCorrelationTest {
  private static final String MODEL = """
      package com.acme.pay
      role Clerk
      enum Plan { Basic, Pro }
      record Line { item: Text }
      event Paid { order: Text, amount: Decimal, count: Int, plan: Plan, lines: List<Line>, at: Timestamp, ref: Text? }

      workflow One {
        owner Clerk
        input order: Text
        receive paid: Paid where paid.order == order
      }

      workflow Several {
        owner Clerk
        input order: Text
        input amount: Decimal
        output got: Text
        receive paid: Paid where order == paid.order and paid.count > 2 and paid.plan == Plan.Pro and amount == paid.amount
        set got = "{paid.count} {paid.plan} {paid.amount}"
      }

      workflow NoKeys {
        owner Clerk
        input lines: List<Line>
        input n: Int
        receive byList: Paid where byList.lines == lines
        receive byWidening: Paid where byWidening.amount == n
        receive byItself: Paid where byItself.order == byItself.ref
        receive byClock: Paid where byClock.at == now()
        receive noWhere: Paid
      }

      workflow Guarded {
        owner Clerk
        input maybe: Text?
        input order: Text
        receive paid: Paid where paid.order == order and maybe != none and paid.ref == maybe
      }
      """;

  private static SortedMap<String, String> sources;
  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    sources = GeneratedCode.generate(MODEL);
    loader = GeneratedCode.compile(sources);
  }

  private static String source(String workflow) {
    return sources.get("com/acme/pay/" + workflow + ".java");
  }

  @Test
  void anEqualityWithTheEventIsACorrelation() {
    String java = source("One");
    assertTrue(java.contains("ReceiveStep.of(\"paid\", Paid.class)\n      .correlate(\"order\", Paid::order);"), java);
    assertTrue(java.contains("paid = ctx.receive(PAID, new Object[] {input.order()}, paid -> true);"), java);
  }

  @Test
  void everyConjunctThatIsOneIsTakenEitherWayRoundTheRestStays() {
    String java = source("Several");
    assertTrue(java.contains(".correlate(\"order\", Paid::order)\n      .correlate(\"plan\", Paid::plan)\n"
        + "      .correlate(\"amount\", Paid::amount);"), java);
    assertTrue(java.contains("paid = ctx.receive(PAID, new Object[] {input.order(), Plan.Pro, input.amount()},"
        + " paid -> paid.count() > 2L);"), java);
  }

  @Test
  void listsMixedTypesTheEventItselfAndTheClockStayInThePredicate() {
    String java = source("NoKeys");
    assertFalse(java.contains(".correlate("), java);
    assertFalse(java.contains("new Object[]"), java);
    assertTrue(java.contains("byList = ctx.receive(BY_LIST, byList -> Expressions.equal(byList.lines(), input.lines()));"),
        java);
    assertTrue(java.contains("noWhere = ctx.receive(NO_WHERE, noWhere -> true);"), java);
  }

  @Test
  void nothingAfterAConjunctThatMayGuardTheValue() {
    String java = source("Guarded");
    assertTrue(java.contains(".correlate(\"order\", Paid::order);"), java);
    assertTrue(java.contains("paid = ctx.receive(PAID, new Object[] {input.order()}, paid -> input.maybe() != null && "),
        java);
  }

  @Test
  void decimalsCorrelateByValueAndTheRestIsStillChecked() throws Exception {
    WorkflowDefinition<?, ?> several = definition("com.acme.pay.Several");
    Object input = Values.convert(Map.of("order", "o-1", "amount", "1.0"), several.inputType());
    FakeContext ctx = new FakeContext(loader)
        .event(paid("o-1", "1.0", 1, "Pro"))
        .event(paid("o-2", "1.0", 5, "Pro"))
        .event(paid("o-1", "1.00", 5, "Basic"))
        .event(paid("o-1", "1.00", 5, "Pro"));

    Object outputs = ctx.run(several, input);

    assertEquals(List.of("receive paid correlated on [order=o-1, plan=Pro, amount=1]", "receive paid"), ctx.log);
    assertEquals(Map.of("got", "5 Pro 1.00"), Running.fields(outputs));
  }

  private static WorkflowDefinition<?, ?> definition(String className) throws ReflectiveOperationException {
    return (WorkflowDefinition<?, ?>) Class.forName(className, true, loader).getField("DEFINITION").get(null);
  }

  private static Object paid(String order, String amount, int count, String plan) throws ClassNotFoundException {
    return Values.convert(Map.of("order", order, "amount", amount, "count", count, "plan", plan, "lines", List.of(),
        "at", "2026-03-02T09:00:00Z"), Class.forName("com.acme.pay.Paid", true, loader));
  }
}
