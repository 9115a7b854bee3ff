package dev.flow.compiler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.parse.Expectations.Expected;
import dev.flow.compiler.parse.Expectations.Slot;
import dev.flow.compiler.parse.Expectations.SlotKind;
import dev.flow.compiler.source.SourceFile;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpectationsTest {
  private static final String HEAD = """
      package p
      role R
      system Drive { action createFolder(client: Text): Text }
      event E { client: Text }
      """;

  /** What is expected where {@code |} stands in {@code text} (the bar itself is taken out). */
  private static Expected at(String text) {
    int caret = text.indexOf('|');
    assertTrue(caret >= 0, "no caret in the text");
    String source = text.substring(0, caret) + text.substring(caret + 1);
    return Expectations.at(new SourceFile("x.flow", source), caret);
  }

  private static Expected inWorkflow(String body) {
    return at(HEAD + "workflow W {\n" + body + "\n}\n");
  }

  private static List<Slot> slots(Expected e) {
    return e.slots();
  }

  @Test
  void topLevelDeclarations() {
    Expected e = at(HEAD + "|");
    assertEquals(List.of("enum", "error", "event", "process", "record", "role", "system", "workflow"), e.keywords());
    assertTrue(e.slots().isEmpty());
    assertTrue(at("|").keywords().containsAll(List.of("package", "import", "workflow")));
  }

  @Test
  void headerAndStatementKeywordsInAWorkflow() {
    Expected e = inWorkflow("  owner R\n  |");
    assertTrue(e.keywords().containsAll(List.of("input", "output", "starts on", "starts after", "deadline", "version")));
    assertTrue(e.keywords().containsAll(List.of("step", "approval", "notify", "go to", "for each", "repeat at most")));
    assertFalse(e.keywords().contains("category"));
  }

  @Test
  void continuationsOfAStatement() {
    assertTrue(inWorkflow("  step a by R |").keywords().containsAll(List.of("within", "escalate to", "step")));
    assertTrue(inWorkflow("  step a by Drive.createFolder(client: \"x\") |").keywords()
        .containsAll(List.of("retry", "timeout", "compensate with")));
    assertEquals(List.of("after", "every", "manually", "on"), inWorkflow("  starts |").keywords());
    assertEquals(List.of("to"), inWorkflow("  go |").keywords());
    assertTrue(inWorkflow("  if true {\n  } |").keywords().contains("else"));
    assertTrue(inWorkflow("  for each d in x |").keywords().contains("in parallel"));
  }

  @Test
  void processClauses() {
    assertEquals(List.of("category", "goal", "measure", "owner", "stakeholders", "workflows"),
        at(HEAD + "process P {\n  |\n}").keywords());
    assertEquals(List.of("management", "operational", "support"), at(HEAD + "process P {\n  category |\n}").keywords());
  }

  @Test
  void namesAfterKeywords() {
    assertEquals(List.of(Slot.of(SlotKind.ROLE_OR_SYSTEM)), slots(inWorkflow("  step x by |")));
    assertEquals(List.of(Slot.of(SlotKind.ROLE)), slots(inWorkflow("  approval x by |")));
    assertEquals(List.of(Slot.of(SlotKind.ROLE)), slots(inWorkflow("  step x by R within 1d escalate to |")));
    assertEquals(List.of(Slot.of(SlotKind.EVENT)), slots(inWorkflow("  starts on |")));
    assertEquals(List.of(Slot.of(SlotKind.EVENT)), slots(inWorkflow("  receive x: |")));
    assertEquals(List.of(Slot.of(SlotKind.WORKFLOW)), slots(inWorkflow("  starts after |")));
    assertEquals(List.of(Slot.of(SlotKind.WORKFLOW)), slots(inWorkflow("  call x: |")));
    assertEquals(List.of(Slot.of(SlotKind.WORKFLOW)), slots(inWorkflow("  start |")));
    assertEquals(List.of(Slot.of(SlotKind.SYSTEM)), slots(inWorkflow("  notify R via |")));
    assertEquals(List.of(Slot.of(SlotKind.TYPE)), slots(inWorkflow("  input x: |")));
    assertEquals(List.of(Slot.of(SlotKind.TYPE)), slots(inWorkflow("  input x: List<|")));
    assertEquals(List.of(Slot.of(SlotKind.SET_TARGET)), slots(inWorkflow("  set |")));
    assertEquals(List.of(Slot.of(SlotKind.STEP)), slots(inWorkflow("  go to |")));
    assertEquals(List.of(Slot.of(SlotKind.NOTIFY_TARGET)), slots(inWorkflow("  notify |")));
    assertEquals(List.of(Slot.of(SlotKind.WORKFLOW)), slots(at(HEAD + "process P {\n  workflows A, |\n}")));
    assertEquals(List.of(Slot.of(SlotKind.ROLE)), slots(at(HEAD + "process P {\n  stakeholders R, |\n}")));
    assertEquals(List.of(Slot.of(SlotKind.MILESTONE_POINT, "W")), slots(at(HEAD + "process P {\n  measure m from W.|\n}")));
  }

  @Test
  void aNewNameIsNothingToComplete() {
    assertTrue(inWorkflow("  step |").isEmpty());
    assertTrue(inWorkflow("  let |").isEmpty());
    assertTrue(at("role |").isEmpty());
  }

  @Test
  void membersAfterADot() {
    assertEquals(List.of(Slot.of(SlotKind.ACTION, "Drive")), slots(inWorkflow("  step x by Drive.|")));
    assertEquals(List.of(Slot.of(SlotKind.ACTION, "Drive")),
        slots(inWorkflow("  step x by Drive.createFolder(client: \"a\") compensate with Drive.|")));
    assertEquals(List.of(Slot.of(SlotKind.FIELD, "intake", "documents")), slots(inWorkflow("  if intake.documents.|")));
    assertEquals(List.of(Slot.of(SlotKind.FIELD, "Plan")), slots(inWorkflow("  let p = Plan.|")));
  }

  @Test
  void argumentsOfAnActionOrAWorkflow() {
    assertEquals(List.of(Slot.of(SlotKind.ARGUMENT, "Drive", "createFolder")),
        slots(inWorkflow("  step x by Drive.createFolder(|")));
    Slot s = slots(inWorkflow("  step x by Drive.share(folder: \"a\", |)")).get(0);
    assertEquals(new Slot(SlotKind.ARGUMENT, List.of("Drive", "share"), Set.of("folder")), s);
    Slot after = slots(inWorkflow("  step x by Drive.share(|, email: \"b\")\n  step y by R")).get(0);
    assertEquals(new Slot(SlotKind.ARGUMENT, List.of("Drive", "share"), Set.of("email")), after);
    assertEquals(List.of(Slot.of(SlotKind.ARGUMENT, "Review")), slots(inWorkflow("  call r: Review(|")));
    assertEquals(List.of(Slot.of(SlotKind.ARGUMENT, "Review")), slots(inWorkflow("  start Review(|")));
    assertEquals(List.of(Slot.of(SlotKind.VALUE)), slots(inWorkflow("  start Review(doc: |")));
  }

  @Test
  void patternsOfAMatch() {
    assertEquals(List.of(Slot.of(SlotKind.ENUM_CONSTANT, "intake", "plan")),
        slots(inWorkflow("  match intake.plan {\n    |\n  }")));
    assertTrue(inWorkflow("  match intake.plan {\n    |\n  }").keywords().contains("else"));
  }

  @Test
  void theWordBeingTypedIsThePrefix() {
    Expected e = inWorkflow("  step x by Drive.cre|");
    assertEquals("cre", e.prefix());
    assertEquals(List.of(Slot.of(SlotKind.ACTION, "Drive")), e.slots());
    Expected k = inWorkflow("  ste|");
    assertEquals("ste", k.prefix());
    assertTrue(k.keywords().contains("step"));
  }

  @Test
  void aSyntaxErrorBeforeTheCaretIsSteppedOver() {
    assertEquals(List.of(Slot.of(SlotKind.ROLE_OR_SYSTEM)), slots(inWorkflow("  step x by by R\n  step y by |")));
    assertTrue(inWorkflow("  step x by (\n  notify R \"a\"\n  |").keywords().contains("step"));
    assertEquals(List.of(Slot.of(SlotKind.TYPE)), slots(inWorkflow("  starts after\n  input extra: |")));
    assertEquals(new Slot(SlotKind.ARGUMENT, List.of("Drive", "share"), Set.of("folder")),
        slots(inWorkflow("  step x by Drive.share(|folder: \"a\", )")).get(0));
  }

  @Test
  void nothingInCommentsAndStrings() {
    assertTrue(inWorkflow("  // a comment |").isEmpty());
    assertTrue(inWorkflow("  /// a doc comment |").isEmpty());
    assertTrue(inWorkflow("  notify R \"hel|lo\"").isEmpty());
    assertTrue(inWorkflow("  notify R \"hello |").isEmpty());
    assertEquals(List.of(Slot.of(SlotKind.VALUE)), slots(inWorkflow("  notify R \"hello {|}\"")));
    assertEquals(List.of(Slot.of(SlotKind.ROLE_OR_SYSTEM)), slots(inWorkflow("  /* done */ step x by |")));
  }

  @Test
  void importsNameAPackagePath() {
    assertEquals(List.of(new Slot(SlotKind.IMPORT, List.of("com", "acme"), Set.of())), slots(at("package p\nimport com.acme.|")));
  }

  @Test
  void offsetsAreCharsAfterCharactersOutsideTheBasicPlane() {
    Expected e = inWorkflow("  notify R \"\uD83D\uDE00 {x}\"\n  step y by R\n  step z by |");
    assertEquals(List.of(Slot.of(SlotKind.ROLE_OR_SYSTEM)), e.slots());
    Expected p = inWorkflow("  notify R \"\uD83D\uDE00\"\n  ste|");
    assertEquals("ste", p.prefix());
  }

  /** Completion walks the grammar recursively, so it goes through the nesting limit (E003) first. */
  @Test
  void aCaretNestedDeeperThanTheLimitExpectsNothingAndDoesNotOverflow() {
    int depth = 5_000;
    List<String> shapes = List.of(
        "  if true {\n".repeat(depth) + "  |",
        "  let x: Int = " + "(".repeat(depth) + "|",
        "  let x: List<Int> = " + "[".repeat(depth) + "|",
        "  let x: Int = 1" + " + 1".repeat(depth) + " + |",
        "  notify R \"" + "{\"".repeat(depth) + "|");
    for (String shape : shapes) {
      Expected e = inWorkflow(shape);
      assertTrue(e.keywords().isEmpty() && e.slots().isEmpty(), () -> e + " for " + shape.substring(0, 40));
    }
  }

  @Test
  void deepNestingAfterTheCaretOrWithinTheLimitStillCompletes() {
    String deepAfter = inWorkflowText("  owner R\n  |\n" + "  if true {\n".repeat(5_000));
    assertTrue(at(deepAfter).keywords().contains("step"), () -> at(deepAfter).toString());
    int within = NestingLimit.MAX_DEPTH - 2;
    Expected e = inWorkflow("  if true {\n".repeat(within) + "  |");
    assertTrue(e.keywords().containsAll(List.of("step", "notify")), e::toString);
  }

  private static String inWorkflowText(String body) {
    return HEAD + "workflow W {\n" + body + "\n}\n";
  }

  @Test
  void errorsAfterFailsAndInATypedCatch() {
    assertEquals(List.of(Slot.of(SlotKind.ERROR)),
        at("package p\nsystem S {\n  action a(): Text fails |\n}\n").slots());
    assertEquals(List.of(Slot.of(SlotKind.ERROR)),
        at("package p\nsystem S {\n  action a(): Text fails A, |\n  timeout 30s\n}\n").slots());
    assertEquals(List.of(Slot.of(SlotKind.ERROR)), slots(inWorkflow("  try { } catch d: | { }")));
  }

  @Test
  void errorsAfterAWorkflowsFails() {
    assertEquals(List.of(Slot.of(SlotKind.ERROR)),
        at("package p\nworkflow W {\n  owner R\n  fails |\n  input a: Text\n}\n").slots());
    assertEquals(List.of(Slot.of(SlotKind.ERROR)),
        at("package p\nworkflow W {\n  fails A, |\n  input a: Text\n}\n").slots());
  }
}
