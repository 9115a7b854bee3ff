package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Approval;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs generated workflows on a {@link FakeContext}: what their {@code run} methods do, and what
 * their expressions compute (decimal division, equality by value, dates, interpolation, {@code ??},
 * {@code match}, loops, {@code go to}, {@code try} with compensation).
 */
class CodegenBehaviourTest {
  /** Compiled Java of a model, with helpers to reach its workflows. */
  private record Compiled(ClassLoader loader) {
    static Compiled of(String... flow) {
      return new Compiled(GeneratedCode.compile(GeneratedCode.generate(flow)));
    }

    static Compiled of(List<Path> files) throws IOException {
      return new Compiled(GeneratedCode.compile(GeneratedCode.generateFrom(files)));
    }

    WorkflowDefinition<?, ?> workflow(String className) throws ReflectiveOperationException {
      return (WorkflowDefinition<?, ?>) Class.forName(className, true, loader).getField("DEFINITION").get(null);
    }

    static Object input(WorkflowDefinition<?, ?> workflow, Map<String, ?> values) {
      return Values.convert(values, workflow.inputType());
    }
  }

  private static Object field(Object record, String name) throws ReflectiveOperationException {
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        return c.getAccessor().invoke(record);
      }
    }
    throw new AssertionError(record + " has no " + name);
  }

  private static String text(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  @Test
  void documentCollectionRunsItsStepsInOrder() throws Exception {
    Compiled java = Compiled.of(FlowModels.flowFiles(FlowModels.EXAMPLES.resolve("onboarding")));
    WorkflowDefinition<?, ?> workflow = java.workflow("com.acme.onboarding.DocumentCollection");
    Map<String, Object> attached = new HashMap<>(Map.of("name", "contract.pdf", "url", "https://up/1", "pages", 3));
    Map<String, Object> promised = new HashMap<>(Map.of("name", "id.pdf", "pages", 1));
    promised.put("url", null);
    Object input = Compiled.input(workflow, Map.of("intake", Map.of("client", "Acme", "contactName", "Ann",
        "email", "ann@acme.example", "tier", "Growth", "needsNda", true, "documents", List.of(attached, promised))));
    FakeContext ctx = new FakeContext(java.loader())
        .action("createFolder", args -> "https://drive/acme")
        .action("copyInto", args -> "https://drive/acme/contract.pdf")
        .action("schedule", args -> Instant.parse("2026-03-05T10:00:00Z"))
        .approval("ndaReview", Approval.approve(null))
        .form("assignChecklist", Map.of("checklist", "https://drive/acme/checklist", "missingItems", 2));

    Object outputs = ctx.run(workflow, input);

    assertEquals(List.of(
        "action createFolder[Acme]",
        "approval ndaReview",
        "action share[https://drive/acme, ann@acme.example]",
        "action copyInto[https://drive/acme, https://up/1, contract.pdf]",
        "task assignChecklist",
        "notify ann@acme.example via com.acme.onboarding.Email: Hi Ann, we still need 3 items from you."
            + " Please upload them to https://drive/acme.",
        "notify ann@acme.example via com.acme.onboarding.Email: Welcome aboard, Ann! Everything we share with you"
            + " lives in https://drive/acme.",
        "notify role com.acme.onboarding.AccountManager: Acme is set up. Checklist: https://drive/acme/checklist",
        "action schedule[ann@acme.example, Kickoff: Acme and Acme, PT120H]"), ctx.log);
    assertEquals("https://drive/acme", field(outputs, "folder"));
    assertEquals("Growth", field(outputs, "tier").toString());
    assertEquals(Instant.parse("2026-03-05T10:00:00Z"), field(outputs, "kickoffAt"));
  }

  @Test
  void aRejectedDraftGoesBackToTheStepItNames() throws Exception {
    Compiled java = Compiled.of(FlowModels.flowFiles(FlowModels.EXAMPLES.resolve("onboarding")));
    WorkflowDefinition<?, ?> workflow = java.workflow("com.acme.onboarding.FirstDeliverable");
    Object input = Compiled.input(workflow, Map.of("client", "Acme", "contactEmail", "ann@acme.example",
        "firstDeliverable", "the audit", "dueDate", "2026-03-01"));
    FakeContext ctx = new FakeContext(java.loader())
        .form("draftDeliverable", Map.of("link", "v1", "summary", "first"))
        .form("draftDeliverable", Map.of("link", "v2", "summary", "second"))
        .approval("qualityReview", Approval.reject(null))
        .approval("qualityReview", Approval.approve("fine"));

    ctx.run(workflow, input);

    assertEquals(List.of(
        "task draftDeliverable",
        "approval qualityReview",
        "notify role com.acme.onboarding.ProjectLead: Please rework the audit: see the review notes",
        "go to draftDeliverable",
        "task draftDeliverable",
        "approval qualityReview",
        "notify role com.acme.onboarding.AccountManager: the audit for Acme is late (it was due on 2026-03-01);"
            + " please call them",
        "notify ann@acme.example via com.acme.onboarding.Email: Your first deliverable, the audit, is ready: v2\n\nsecond",
        "task confirmReceipt"), ctx.log);
  }

  @Test
  void expressionsComputeWhatFlowSays() throws Exception {
    Compiled java = Compiled.of(text(
        "package test.expr",
        "role Clerk",
        "enum Color { Red, Green }",
        "record Item { name: Text, price: Decimal, qty: Int? }",
        "process P { category support goal \"g\" owner Clerk workflows E }",
        "workflow E {",
        "  owner Clerk",
        "  input items: List<Item>",
        "  input day: Date",
        "  input maybe: Int?",
        "  output summary: Text",
        "  let total: Decimal = 0",
        "  for each item in items {",
        "    set total = total + item.price * (item.qty ?? 1)",
        "  }",
        "  let third: Decimal = total / 3",
        "  let exact: Bool = 12.50 == 12.5",
        "  let mixed: Bool = 2 == 2.0",
        "  let later: Date = day + 1w",
        "  let gap: Duration = later - day",
        "  let long: Duration = 1d12h",
        "  let listed: List<Int?> = [1, none, 3]",
        "  let member: Bool = 12.5 in [12.50, 1.0]",
        "  let color: Color = Color.Green",
        "  let fallback: Int = maybe ?? size(items) * 10",
        "  match upper(\"ab\") {",
        "    \"AB\" -> { notify Clerk \"matched {color}\" }",
        "    else -> { notify Clerk \"no\" }",
        "  }",
        "  match fallback {",
        "    20, -1 -> { notify Clerk \"twenty\" }",
        "    else -> { notify Clerk \"other {fallback}\" }",
        "  }",
        "  let n: Int = 0",
        "  while n < 3 { set n = n + 1 }",
        "  repeat at most 5 times { set n = n + 1 } until n >= 6",
        "  if maybe == none and not (Color.Red == color) and total > 26 and later > day {",
        "    notify Clerk \"conditions\"",
        "  }",
        "  set summary = \"{total} {third} {exact} {mixed} {later} {gap} {long} {listed} {member} {fallback} {maybe} {n}\"",
        "}"));
    WorkflowDefinition<?, ?> workflow = java.workflow("test.expr.E");
    Map<String, Object> cheap = new HashMap<>(Map.of("name", "b", "price", "1.5"));
    cheap.put("qty", null);
    Map<String, Object> input = new HashMap<>(Map.of("items", List.of(Map.of("name", "a", "price", "12.50", "qty", 2), cheap),
        "day", "2026-02-26"));
    input.put("maybe", null);
    FakeContext ctx = new FakeContext(java.loader());

    Object outputs = ctx.run(workflow, Compiled.input(workflow, input));

    assertEquals(List.of("notify role test.expr.Clerk: matched Green", "notify role test.expr.Clerk: twenty",
        "notify role test.expr.Clerk: conditions"), ctx.log);
    assertEquals("26.50 8.833333333333333333333333333333333 true true 2026-03-05 7d 1d12h [1, none, 3] true 20 none 6",
        field(outputs, "summary"));
  }

  @Test
  void aCaughtFailureCompensatesTheStepsOfTheTryAndRunsTheCatch() throws Exception {
    Compiled java = Compiled.of(text(
        "package test.comp",
        "role Clerk",
        "system Sys {",
        "  action make(x: Text): Text",
        "  action undo(x: Text)",
        "  action boom(x: Text)",
        "}",
        "process P { category support goal \"g\" owner Clerk workflows T }",
        "workflow T {",
        "  owner Clerk",
        "  output result: Text",
        "  try {",
        "    step a by Sys.make(x: \"a\") compensate with Sys.undo(x: a)",
        "    step b by Sys.boom(x: \"b\")",
        "  } catch error {",
        "    set result = \"{error.step}: {error.message}\"",
        "    complete",
        "  }",
        "  set result = \"no error\"",
        "}"));
    WorkflowDefinition<?, ?> workflow = java.workflow("test.comp.T");
    FakeContext ctx = new FakeContext(java.loader())
        .action("make", args -> "made-" + args[0])
        .action("boom", args -> {
          throw new IllegalStateException("the service is down");
        });

    Object outputs = ctx.run(workflow, Compiled.input(workflow, Map.of()));

    assertEquals(List.of("action make[a]", "action boom[b]", "action undo[made-a]"), ctx.log);
    assertEquals("b: the service is down", field(outputs, "result"));
  }

  @Test
  void receiveWaitsForTheEventItsWhereAccepts() throws Exception {
    Compiled java = Compiled.of(FlowModels.flowFiles(FlowModels.EXAMPLES.resolve("sales")));
    WorkflowDefinition<?, ?> workflow = java.workflow("com.acme.sales.Contract");
    Class<?> signed = Class.forName("com.acme.sales.ContractSigned", true, java.loader());
    FakeContext ctx = new FakeContext(java.loader())
        .action("sendEnvelope", args -> "envelope-1")
        .event(Values.convert(Map.of("deal", "other", "signedBy", "Bob", "signedOn", "2026-03-01"), signed))
        .event(Values.convert(Map.of("deal", "d-1", "signedBy", "Ann", "signedOn", "2026-03-02"), signed))
        .firstWinner("signed");

    Object outputs = ctx.run(workflow, Compiled.input(workflow, Map.of("deal", "d-1", "company", "Acme",
        "email", "ann@acme.example", "proposalUrl", "https://p")));

    assertTrue(ctx.log.contains("notify role com.acme.sales.SalesDirector: Acme signed on 2026-03-02 (Ann)"), ctx.log::toString);
    assertEquals(LocalDate.of(2026, 3, 2), field(outputs, "signedOn"));
  }

  @Test
  void aFailureEndsTheRunAndCompensatesEveryCompletedStep() throws Exception {
    Compiled java = Compiled.of(FlowModels.flowFiles(FlowModels.EXAMPLES.resolve("sales")));
    WorkflowDefinition<?, ?> workflow = java.workflow("com.acme.sales.Contract");
    Class<?> declined = Class.forName("com.acme.sales.ContractDeclined", true, java.loader());
    FakeContext ctx = new FakeContext(java.loader())
        .action("sendEnvelope", args -> "envelope-1")
        .event(Values.convert(Map.of("deal", "d-1", "reason", "too expensive"), declined))
        .firstWinner("declined");

    Object outcome = ctx.run(workflow, Compiled.input(workflow, Map.of("deal", "d-1", "company", "Acme",
        "email", "ann@acme.example", "proposalUrl", "https://p")));

    assertInstanceOf(FakeContext.Failure.class, outcome);
    assertEquals("Acme declined the contract", ((FakeContext.Failure) outcome).getMessage());
    assertEquals("action voidEnvelope[envelope-1, contract withdrawn]", ctx.log.get(ctx.log.size() - 1));
  }

  @Test
  void namesThatClashWithJavaStillMeanWhatTheModelSays() throws Exception {
    Compiled java = Compiled.of(List.of(CodegenEscapingTest.HOSTILE.resolve("keywords.flow")));
    WorkflowDefinition<?, ?> workflow = java.workflow("hostile.class_.new_.Workflow");
    Class<?> event = Class.forName("hostile.class_.new_.Output", true, java.loader());
    // Values reads records and enum constants by their Flow names (FlowName marks the renamed ones).
    Map<String, Object> record = new HashMap<>(Map.of("hashCode", "h", "getClass", 1, "class", true,
        "wait", List.of("w1", "w2"), "FORM", "f", "_", "u"));
    record.put("toString", null);
    record.put("finalize", List.of());
    Object ctxEvent = Values.convert(Map.of("for", "client", "default", "class", "this", record), event);
    Object input = Compiled.input(workflow, Map.of("ctx", ctxEvent));
    FakeContext ctx = new FakeContext(java.loader())
        .form("run", Map.of("DEFINITION", "d", "FORM", "f", "hashCode", 5, "values", "v"))
        .action("hashCode_", args -> "hashed")
        .action("createFolder", args -> "folder-of-" + args[0])
        .action("toString_", args -> "text");

    Object outputs = ctx.run(workflow, input);

    assertTrue(ctx.log.contains("action share[w1, folder-of-folder-of-x]"), ctx.log::toString);
    assertEquals(11L, field(outputs, "run"));
    assertEquals("this 11 none class", field(outputs, "input"));
    assertEquals("new", field(outputs, "DEFINITION").toString());
  }

  @Test
  void smartCastOptionalsUnboxAndFormsWithTheSameFieldsConvert() throws Exception {
    Compiled java = Compiled.of(text(
        "package test.casts",
        "role Clerk",
        "process P { category support goal \"g\" owner Clerk workflows C }",
        "workflow C {",
        "  owner Clerk",
        "  input count: Int?",
        "  input other: Int?",
        "  input ok: Bool?",
        "  output result: Text",
        "  step first by Clerk within 1d { n: Int }",
        "  step second by Clerk within 1d { n: Int }",
        "  let chosen = first",
        "  set chosen = second",
        "  let total: Int = 0",
        "  if count != none and other != none and ok != none {",
        "    set total = count + 1",
        "    let same: Bool = count == other",
        "    match count {",
        "      5 -> { set total = total + 10 }",
        "      else -> { }",
        "    }",
        "    repeat at most count times { set total = total + 1 }",
        "    if ok and same { set total = total + 100 }",
        "  }",
        "  set result = \"{total} {chosen.n} {chosen}\"",
        "}"));
    WorkflowDefinition<?, ?> workflow = java.workflow("test.casts.C");
    FakeContext ctx = new FakeContext(java.loader())
        .form("first", Map.of("n", 1))
        .form("second", Map.of("n", 2));

    Object outputs = ctx.run(workflow, Compiled.input(workflow, Map.of("count", 5, "other", 5, "ok", true)));

    assertEquals("121 2 FirstForm(n=2)", field(outputs, "result"));
  }
}
