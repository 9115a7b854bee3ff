package dev.flow.compiler.query;

import static dev.flow.compiler.query.QueryTesting.MODEL;
import static dev.flow.compiler.query.QueryTesting.WORKFLOWS;
import static dev.flow.compiler.query.QueryTesting.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.source.SourceFile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SymbolIndexTest {
  private static Compilation compilation;
  private static SymbolIndex index;
  private static SourceFile model;
  private static SourceFile flows;

  @BeforeAll
  static void build() {
    compilation = QueryTesting.compile();
    index = SymbolIndex.of(QueryTesting.model(compilation));
    model = QueryTesting.unit(compilation, "model.flow").file();
    flows = QueryTesting.unit(compilation, "flows.flow").file();
  }

  /** What the name at {@code word} inside {@code context} of the workflows file stands for. */
  private static Entity inFlows(String context, String word) {
    Optional<SymbolIndex.Occurrence> o = index.at(flows, at(WORKFLOWS, context, word));
    assertTrue(o.isPresent(), () -> "nothing at `" + word + "` in `" + context + "`");
    assertEquals(word, o.get().name().text());
    return o.get().entity();
  }

  private static String where(Entity e) {
    Name n = e.name();
    return n.span().fileName() + ":" + n.span().line() + ":" + n.span().column() + " " + e.kind() + " " + n.text();
  }

  @Test
  void declarationNamesAcrossFiles() {
    assertEquals("model.flow:4:6 role Clerk", where(inFlows("step check by Clerk", "Clerk")));
    assertEquals("model.flow:4:6 role Clerk", where(inFlows("notify Clerk \"{d.name}", "Clerk")));
    assertEquals("model.flow:16:7 event Ordered", where(inFlows("starts on Ordered", "Ordered")));
    assertEquals("model.flow:16:7 event Ordered", where(inFlows("order: Ordered", "Ordered")));
    assertEquals("model.flow:5:6 role Legal", where(inFlows("escalate to Legal", "Legal")));
    assertEquals("model.flow:12:8 system Email", where(inFlows("via Email", "Email")));
    assertEquals("flows.flow:3:10 workflow Review", where(inFlows("call r: Review", "Review")));
  }

  @Test
  void theErrorsAfterAWorkflowsFailsAreReferences() {
    String text = "package p\nrole Clerk\nerror Declined { reason: Text }\n"
        + "workflow W {\n  owner Clerk\n  fails Declined\n  step s by Clerk\n}\n";
    SourceFile file = new SourceFile("w.flow", text);
    Compilation c = dev.flow.compiler.Compiler.check(List.of(file));
    assertFalse(c.hasErrors(), c.diagnostics()::toString);
    Optional<SymbolIndex.Occurrence> o = SymbolIndex.of(QueryTesting.model(c)).at(file, at(text, "fails Declined", "Declined"));
    assertTrue(o.isPresent(), "the name after `fails` is a reference");
    assertEquals("w.flow:3:7 error Declined", where(o.get().entity()));
  }

  @Test
  void membersOfSystemsRecordsAndEnums() {
    assertEquals("model.flow:9:10 action createFolder", where(inFlows("Drive.createFolder(", "createFolder")));
    assertEquals("model.flow:9:23 parameter client", where(inFlows("createFolder(client:", "client")));
    assertEquals("model.flow:16:17 field client", where(inFlows("order.client", "client")));
    assertEquals("model.flow:14:14 field name", where(inFlows("d.name", "name")));
    assertEquals("model.flow:13:13 enum constant Basic", where(inFlows("Basic ->", "Basic")));
    assertEquals("model.flow:10:16 parameter folder", where(inFlows("share(folder: folder", "folder")));
  }

  @Test
  void namesOfWorkflows() {
    assertEquals("flows.flow:15:8 step folder", where(inFlows(": folder,", "folder")));
    assertEquals("flows.flow:14:9 input order", where(inFlows("order.docs", "order")));
    assertEquals("flows.flow:20:7 variable count", where(inFlows("count + 1", "count")));
    assertEquals("flows.flow:20:7 variable count", where(inFlows("set count", "count")));
    assertEquals("flows.flow:21:12 variable d", where(inFlows(": d)", "d")));
    assertEquals("flows.flow:5:9 input doc", where(inFlows("Review(doc: d)", "doc")));
    assertEquals("flows.flow:16:8 step check", where(inFlows("go to check", "check")));
    assertEquals("flows.flow:18:5 form field missing", where(inFlows("check.missing", "missing")));
    assertEquals("flows.flow:6:10 output verdict", where(inFlows("r.verdict", "verdict")));
    assertEquals("flows.flow:32:11 variable error", where(inFlows("error.step", "error")));
    assertEquals("flows.flow:22:10 step r", where(inFlows("{r.verdict", "r")));
  }

  @Test
  void milestonesNameStepsOfOtherFiles() {
    Entity check = index.at(model, at(MODEL, "Intake.check", "check")).orElseThrow().entity();
    assertEquals("flows.flow:16:8 step check", where(check));
    Entity intake = index.at(model, at(MODEL, "to Intake", "Intake")).orElseThrow().entity();
    assertEquals("flows.flow:11:10 workflow Intake", where(intake));
    assertTrue(index.at(model, at(MODEL, "Intake.start", "start")).isEmpty());
  }

  @Test
  void builtInMembersStandForNothing() {
    assertTrue(index.at(flows, at(WORKFLOWS, "decide.comment", "comment")).isEmpty());
    assertTrue(index.at(flows, at(WORKFLOWS, "error.step", "step")).isEmpty());
    assertTrue(index.at(flows, at(WORKFLOWS, "count: Int", "Int")).isEmpty());
  }

  @Test
  void aCaretJustAfterANameFindsIt() {
    int end = at(WORKFLOWS, "starts on Ordered", "Ordered") + "Ordered".length();
    assertEquals("Ordered", index.at(flows, end).orElseThrow().name().text());
    int space = at(WORKFLOWS, "starts on Ordered", " on");
    assertTrue(index.at(flows, space).isEmpty());
  }

  @Test
  void occurrencesListDeclarationAndEveryUseInOrder() {
    Entity clerk = inFlows("step check by Clerk", "Clerk");
    List<String> places = index.occurrences(clerk).stream()
        .map(o -> o.name().span() + (o.declaration() ? " (declaration)" : ""))
        .toList();
    assertEquals(List.of(
        "flows.flow:4:9", "flows.flow:12:9", "flows.flow:16:17", "flows.flow:23:12", "flows.flow:27:23",
        "model.flow:4:6 (declaration)", "model.flow:21:9"), places);
    Entity count = inFlows("set count", "count");
    assertEquals(4, index.occurrences(count).size());
    assertTrue(index.occurrences(count).get(0).declaration());
  }

  @Test
  void everyDeclaredEntityIsListed() {
    List<String> kinds = index.entities().stream().map(Entity::kind).distinct().sorted().toList();
    assertEquals(List.of("action", "enum", "enum constant", "event", "field", "form field", "input", "measure",
        "output", "parameter", "process", "record", "role", "step", "system", "variable", "workflow"), kinds);
    assertFalse(index.entities().isEmpty());
    assertInstanceOf(Entity.Declaration.class, index.entities().iterator().next());
  }
}
