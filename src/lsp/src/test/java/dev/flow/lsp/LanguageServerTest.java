package dev.flow.lsp;

import static dev.flow.lsp.Models.FLOWS;
import static dev.flow.lsp.Models.MODEL;
import static dev.flow.lsp.Texts.after;
import static dev.flow.lsp.Texts.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The language server as an editor sees it: over JSON-RPC, on a workspace folder with two files. */
class LanguageServerTest {
  @TempDir
  Path root;
  private Connection lsp;
  private String modelUri;
  private String flowsUri;

  @BeforeEach
  void start() throws Exception {
    Files.writeString(root.resolve("model.flow"), MODEL, StandardCharsets.UTF_8);
    Files.writeString(root.resolve("flows.flow"), FLOWS, StandardCharsets.UTF_8);
    modelUri = root.resolve("model.flow").toUri().toString();
    flowsUri = root.resolve("flows.flow").toUri().toString();
    lsp = Connection.start(root);
  }

  @AfterEach
  void stop() throws Exception {
    lsp.close();
  }

  private static Range range(int line, int start, int end) {
    return new Range(new Position(line, start), new Position(line, end));
  }

  private static Set<String> labels(List<CompletionItem> items) {
    return items.stream().map(CompletionItem::getLabel).collect(Collectors.toSet());
  }

  private static Set<String> labels(List<CompletionItem> items, CompletionItemKind kind) {
    return items.stream().filter(i -> i.getKind() == kind).map(CompletionItem::getLabel).collect(Collectors.toSet());
  }

  private static String text(Hover h) {
    return h.getContents().getRight().getValue();
  }

  // ---- diagnostics ------------------------------------------------------------------------------

  @Test
  void anErrorIsReportedWithItsCodeAndRangeAndClearedWhenFixed() throws Exception {
    String broken = FLOWS.replace("step check by Clerk", "step check by Clrek");
    lsp.open(flowsUri, broken);
    PublishDiagnosticsParams p = lsp.diagnostics(flowsUri, d -> !d.getDiagnostics().isEmpty());
    assertEquals(1, p.getDiagnostics().size(), () -> p.getDiagnostics().toString());
    Diagnostic d = p.getDiagnostics().get(0);
    assertEquals("E100", d.getCode().getLeft());
    assertEquals(DiagnosticSeverity.Error, d.getSeverity());
    assertEquals("flow", d.getSource());
    Position start = at(broken, "by Clrek", "Clrek");
    assertEquals(new Range(start, new Position(start.getLine(), start.getCharacter() + 5)), d.getRange());
    assertTrue(d.getMessage().getLeft().startsWith("unknown role `Clrek`"), d.getMessage().getLeft());
    assertTrue(d.getMessage().getLeft().contains("help: did you mean `Clerk`?"), d.getMessage().getLeft());
    assertEquals(1, p.getVersion());

    lsp.replace(flowsUri, 2, FLOWS);
    PublishDiagnosticsParams fixed = lsp.diagnostics(flowsUri, x -> x.getVersion() != null && x.getVersion() == 2);
    assertEquals(List.of(), fixed.getDiagnostics());
  }

  @Test
  void quickChangesAreAnalysedTogetherOnceTheyPause() throws Exception {
    lsp.open(flowsUri, FLOWS);
    lsp.diagnostics(flowsUri, p -> p.getVersion() != null && p.getVersion() == 1);
    int before = analyses();
    for (int version = 2; version <= 6; version++) {
      lsp.replace(flowsUri, version, FLOWS + "\n// edit " + version + "\n");
    }
    lsp.diagnostics(flowsUri, p -> p.getVersion() != null && p.getVersion() == 6);
    // The server logs an analysis as it publishes; the log message may reach us a little later.
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (analyses() == before && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    int analysed = analyses() - before;
    assertTrue(analysed >= 1 && analysed < 5, () -> analysed + " analyses for 5 quick changes");
  }

  /** How many analyses the server has logged. */
  private int analyses() {
    return lsp.serverLog().split("\\] analysed ", -1).length - 1;
  }

  @Test
  void rangesCountUtf16CodeUnitsAfterAnEmoji() throws Exception {
    String text = FLOWS.replace("notify Clerk \"{d.name}: {r.verdict}\"", "notify Clerk \"\uD83D\uDE00 {d.nme}\"");
    lsp.open(flowsUri, text);
    Diagnostic d = lsp.diagnostics(flowsUri, p -> !p.getDiagnostics().isEmpty()).getDiagnostics().get(0);
    assertEquals("E201", d.getCode().getLeft());
    Position nme = at(text, "{d.nme}", "nme");
    // The emoji is one code point but two UTF-16 code units: the range counts it as two.
    String line = text.split("\n")[nme.getLine()];
    int codePoints = line.codePointCount(0, nme.getCharacter());
    assertEquals(codePoints + 1, nme.getCharacter());
    assertEquals(new Range(nme, new Position(nme.getLine(), nme.getCharacter() + 3)), d.getRange());
    // And a position after the emoji finds the right name.
    Hover h = lsp.hover(flowsUri, at(text, "{d.nme}", "d."));
    assertTrue(text(h).contains("for each d: Doc"), text(h));
  }

  @Test
  void aSyntaxErrorIsReportedAndCompletionStillWorksThere() throws Exception {
    String broken = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n  step x by \n");
    lsp.open(flowsUri, broken);
    PublishDiagnosticsParams p = lsp.diagnostics(flowsUri, d -> !d.getDiagnostics().isEmpty());
    assertEquals("E001", p.getDiagnostics().get(0).getCode().getLeft());
    List<CompletionItem> items = lsp.completion(flowsUri, after(broken, "step x by "));
    assertEquals(Set.of("Clerk", "Legal", "Drive", "Email", "match"), labels(items));
  }

  @Test
  void filesOnDiskAreCheckedWithoutBeingOpened() throws Exception {
    Files.writeString(root.resolve("extra.flow"), "package com.acme.q\nrole Unused\n", StandardCharsets.UTF_8);
    try (Connection other = Connection.start(root)) {
      String uri = root.resolve("extra.flow").toUri().toString();
      Diagnostic d = other.diagnostics(uri, p -> !p.getDiagnostics().isEmpty()).getDiagnostics().get(0);
      assertEquals("W002", d.getCode().getLeft());
      assertEquals(DiagnosticSeverity.Warning, d.getSeverity());
      assertEquals(range(1, 5, 11), d.getRange());
    }
  }

  @Test
  void initializationOptionsCanNarrowTheModelToSomeFolders() throws Exception {
    Files.createDirectories(root.resolve("fixtures"));
    Files.writeString(root.resolve("fixtures/broken.flow"), "workflow {", StandardCharsets.UTF_8);
    Files.createDirectories(root.resolve("flows"));
    Files.writeString(root.resolve("flows/x.flow"), "package p\nrole Lonely\n", StandardCharsets.UTF_8);
    com.google.gson.JsonObject options = new com.google.gson.JsonObject();
    com.google.gson.JsonArray roots = new com.google.gson.JsonArray();
    roots.add("flows");
    options.add("roots", roots);
    try (Connection narrow = Connection.start(root, options)) {
      String uri = root.resolve("flows/x.flow").toUri().toString();
      Diagnostic d = narrow.diagnostics(uri, p -> !p.getDiagnostics().isEmpty()).getDiagnostics().get(0);
      assertEquals("W002", d.getCode().getLeft(), "checked without the broken fixture, so names resolve");
      assertEquals(List.of("Lonely"), narrow.workspaceSymbols("").stream().map(WorkspaceSymbol::getName).toList());
    }
  }

  @Test
  void aNoteThatNamesAPlaceBecomesRelatedInformation() throws Exception {
    String dup = "package com.acme.q\nrole Clerk\n";
    String uri = root.resolve("zz.flow").toUri().toString();
    lsp.open(uri, dup);
    Diagnostic d = lsp.diagnostics(uri, p -> !p.getDiagnostics().isEmpty()).getDiagnostics().get(0);
    assertEquals("E101", d.getCode().getLeft());
    assertEquals(1, d.getRelatedInformation().size());
    Location first = d.getRelatedInformation().get(0).getLocation();
    assertEquals(modelUri, first.getUri());
    assertEquals(new Position(3, 5), first.getRange().getStart());
    String message = d.getMessage().getLeft();
    assertTrue(message.contains("note: the first `Clerk` is declared at model.flow:4:6"), message);
  }

  // ---- hover ----------------------------------------------------------------------------------------

  @Test
  void hoverShowsDocsOwnersTimeLimitsAndTypes() throws Exception {
    lsp.open(flowsUri, FLOWS);
    Hover role = lsp.hover(flowsUri, at(FLOWS, "step check by Clerk", "Clerk"));
    assertTrue(text(role).contains("role Clerk \"Clerk\""), text(role));
    assertTrue(text(role).contains("Owns the client relationship."), text(role));
    assertEquals(at(FLOWS, "step check by Clerk", "Clerk"), role.getRange().getStart());

    Hover step = lsp.hover(flowsUri, at(FLOWS, "go to check", "check"));
    assertTrue(text(step).contains("owner: role `Clerk`"), text(step));
    assertTrue(text(step).contains("time limit: 2d, then escalated to `Legal`"), text(step));
    assertTrue(text(step).contains("result: `{ missing: Int }`"), text(step));

    Hover system = lsp.hover(flowsUri, at(FLOWS, "step folder", "folder"));
    assertTrue(text(system).contains("One folder per client."), text(system));
    assertTrue(text(system).contains("owner: system `Drive`"), text(system));
    assertTrue(text(system).contains("timeout 30s (the system's default)"), text(system));

    Hover expr = lsp.hover(flowsUri, at(FLOWS, "count + 1", "+"));
    assertTrue(text(expr).contains("count + 1: Int"), text(expr));

    Hover field = lsp.hover(flowsUri, at(FLOWS, "order.client)", "client"));
    assertTrue(text(field).contains("field Ordered.client: Text"), text(field));

    assertNull(lsp.hover(flowsUri, new Position(1, 0)));
  }

  @Test
  void theItemOfAForEachUntilIsAReceivedStepForHoverAndCompletion() throws Exception {
    String text = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n"
        + "  for each more: Ordered where more.client == order.client in parallel\n"
        + "    until stop: Ordered where stop.plan == order.plan {\n"
        + "    notify Clerk \"{more.email}\"\n  }\n");
    lsp.open(flowsUri, text);
    Hover item = lsp.hover(flowsUri, at(text, "{more.email}", "more"));
    assertTrue(text(item).contains("Ordered"), text(item));
    Hover close = lsp.hover(flowsUri, at(text, "stop.plan", "stop"));
    assertTrue(text(close).contains("Ordered"), text(close));
    String typed = text.replace("{more.email}", "{more.}");
    lsp.replace(flowsUri, 2, typed);
    assertTrue(labels(lsp.completion(flowsUri, after(typed, "{more."))).contains("email"), "the item's fields are offered");
  }

  @Test
  void aNameInTheTimeLimitsOfAForEachUntilIsAReference() throws Exception {
    String text = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n"
        + "  for each more: Ordered where more.client == order.client within count * 1h in parallel\n"
        + "    until within (count + 2) * 1d {\n"
        + "    notify Clerk \"{more.email}\"\n  }\n");
    lsp.open(flowsUri, text);
    List<? extends Location> quiet = lsp.definition(flowsUri, at(text, "count * 1h", "count"));
    assertEquals(at(text, "let count", "count"), quiet.get(0).getRange().getStart());
    List<? extends Location> limit = lsp.definition(flowsUri, at(text, "count + 2", "count"));
    assertEquals(at(text, "let count", "count"), limit.get(0).getRange().getStart());
  }

  @Test
  void hoverOverASignalSaysWhereItIsSentAndWaitedFor() throws Exception {
    String text = FLOWS.replace("branch tell { notify", "branch tell { signal told  notify")
        .replace("branch file { step archive", "branch file { wait for told  step archive");
    lsp.open(flowsUri, text);
    Hover sent = lsp.hover(flowsUri, at(text, "signal told", "told"));
    assertTrue(text(sent).contains("signal told"), text(sent));
    assertTrue(text(sent).contains("each `signal told` lets one `wait for told` go on"), text(sent));
    assertTrue(text(sent).contains("Sent on line 28; waited for on line 29."), text(sent));
    assertEquals(at(text, "signal told", "told"), sent.getRange().getStart());
    Hover awaited = lsp.hover(flowsUri, at(text, "wait for told", "told"));
    assertEquals(text(sent), text(awaited));
  }

  @Test
  void hoverOverARegionSaysWhereItsBlocksAreAndWhereItIsCancelled() throws Exception {
    String text = FLOWS.replace("branch tell { notify", "branch tell { cancel region audit  notify")
        .replace("branch file { step archive by Drive.share(folder: folder, email: order.email) }",
            "branch file { region audit { step archive by Drive.share(folder: folder, email: order.email) } }");
    lsp.open(flowsUri, text);
    Hover block = lsp.hover(flowsUri, at(text, "region audit {", "audit"));
    assertTrue(text(block).contains("region audit"), text(block));
    assertTrue(text(block).contains("`cancel region audit` withdraws every running `region audit` block"), text(block));
    assertTrue(text(block).contains("Blocks on line 29; cancelled on line 28."), text(block));
    assertEquals(at(text, "region audit {", "audit"), block.getRange().getStart());
    Hover cancel = lsp.hover(flowsUri, at(text, "cancel region audit", "audit"));
    assertEquals(text(block), text(cancel));
  }

  @Test
  void completionOffersRegionAtAStatementStartAndAfterCancel() throws Exception {
    String text = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n  \n");
    lsp.open(flowsUri, text);
    Set<String> keywords = labels(lsp.completion(flowsUri, after(text, "  let count: Int = 0\n  ")), CompletionItemKind.Keyword);
    assertTrue(keywords.contains("region"), keywords::toString);
    String cancel = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n  cancel \n");
    lsp.replace(flowsUri, 2, cancel);
    Set<String> afterCancel = labels(lsp.completion(flowsUri, after(cancel, "  cancel ")), CompletionItemKind.Keyword);
    assertTrue(afterCancel.contains("region"), afterCancel::toString);
  }

  @Test
  void hoverOverContinueAsNewSaysWhatItDoesAndItsArgumentsAreTheWorkflowsInputs() throws Exception {
    String text = FLOWS.replace("  set verdict = decide.comment ?? \"no comment\"\n",
        "  set verdict = decide.comment ?? \"no comment\"\n  if not decide.approved {\n"
            + "    continue as new with (doc: doc)\n  }\n");
    assertTrue(text.contains("continue as new"), text);
    lsp.open(flowsUri, text);
    Hover words = lsp.hover(flowsUri, at(text, "continue as new", "as"));
    assertTrue(text(words).contains("continue as new with (doc: doc)"), text(words));
    assertTrue(text(words).contains("starts `Review` over as a new instance with this input"), text(words));
    assertEquals(at(text, "continue as new", "continue"), words.getRange().getStart());
    Hover input = lsp.hover(flowsUri, at(text, "with (doc: doc)", "doc"));
    assertTrue(text(input).contains("doc: Doc"), text(input));
  }

  @Test
  void receiveNewIsCompletedAndHovered() throws Exception {
    String typed = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n  receive \n");
    lsp.open(flowsUri, typed);
    assertTrue(labels(lsp.completion(flowsUri, after(typed, "  receive ")), CompletionItemKind.Keyword).contains("new"),
        "`new` may follow `receive`");
    String text = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n"
        + "  receive new again: Ordered where again.client == order.client\n");
    lsp.replace(flowsUri, 2, text);
    Hover words = lsp.hover(flowsUri, at(text, "receive new again", "new"));
    assertTrue(text(words).contains("receive new again: Ordered"), text(words));
    assertTrue(text(words).contains("Takes only an event published once it waits"), text(words));
    Hover step = lsp.hover(flowsUri, at(text, "receive new again", "again"));
    assertTrue(text(step).contains("receive new again: Ordered where again.client == order.client"), text(step));
  }

  @Test
  void threadsAreCompletedAndHovered() throws Exception {
    String typed = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n  parallel count + 2 \n");
    lsp.open(flowsUri, typed);
    assertTrue(labels(lsp.completion(flowsUri, after(typed, "parallel count + 2 ")), CompletionItemKind.Keyword)
        .contains("times"), "`times` follows the count");
    String text = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n"
        + "  parallel count + 2 times { step pick by Clerk { note: Text } }\n");
    lsp.replace(flowsUri, 2, text);
    Hover keyword = lsp.hover(flowsUri, at(text, "parallel count + 2 times", "parallel"));
    assertTrue(text(keyword).contains("parallel count + 2 times { … }"), text(keyword));
    assertTrue(text(keyword).contains("Runs the block count + 2 times at once"), text(keyword));
    assertEquals(text(keyword), text(lsp.hover(flowsUri, at(text, "+ 2 times", "times"))));
    Hover count = lsp.hover(flowsUri, at(text, "parallel count + 2", "count"));
    assertTrue(text(count).contains("count: Int"), text(count));
    Hover step = lsp.hover(flowsUri, at(text, "step pick by", "pick"));
    assertTrue(text(step).contains("pick"), text(step));
  }

  @Test
  void aThreadNumberIsCompletedAndHovered() throws Exception {
    String typed = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n  parallel count + 2 times \n");
    lsp.open(flowsUri, typed);
    assertTrue(labels(lsp.completion(flowsUri, after(typed, "parallel count + 2 times ")), CompletionItemKind.Keyword)
        .contains("as"), "`as` may follow `times`");
    String text = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n"
        + "  parallel count + 2 times as picker { notify Clerk \"thread {picker}\" }\n");
    lsp.replace(flowsUri, 2, text);
    Hover keyword = lsp.hover(flowsUri, at(text, "parallel count + 2 times", "parallel"));
    assertTrue(text(keyword).contains("parallel count + 2 times as picker { … }"), text(keyword));
    assertTrue(text(keyword).contains("Each thread reads its number, 1 to count + 2, as `picker`"), text(keyword));
    Hover use = lsp.hover(flowsUri, at(text, "thread {picker}", "picker"));
    assertTrue(text(use).contains("parallel count + 2 times as picker: Int"), text(use));
    Hover declared = lsp.hover(flowsUri, at(text, "as picker", "picker"));
    assertEquals(text(use), text(declared));
    List<? extends Location> definition = lsp.definition(flowsUri, at(text, "thread {picker}", "picker"));
    assertEquals(at(text, "as picker", "picker"), definition.get(0).getRange().getStart());
  }

  @Test
  void afterEachBranchAndStartEachAreCompletedAndHovered() throws Exception {
    String typed = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n"
        + "  parallel { branch a { step one by Clerk { note: Text } } } \n");
    lsp.open(flowsUri, typed);
    assertTrue(labels(lsp.completion(flowsUri, after(typed, "Text } } } ")), CompletionItemKind.Keyword)
        .contains("after each branch"), "`after each branch` may follow a parallel, offered as one phrase");
    String text = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n"
        + "  parallel { branch a { step one by Clerk { note: Text } } } after each branch { step two by Clerk { note: Text } }\n"
        + "  start each n in [1, 2] { step three by Clerk { note: Text } }\n");
    lsp.replace(flowsUri, 2, text);
    Hover merge = lsp.hover(flowsUri, at(text, "after each branch {", "each"));
    assertTrue(text(merge).contains("Runs the block once for each branch, as soon as that branch has ended"), text(merge));
    Hover started = lsp.hover(flowsUri, at(text, "start each n", "start"));
    assertTrue(text(started).contains("start each n in [1, 2] { … }"), text(started));
    assertTrue(text(started).contains("goes on at once"), text(started));
    Hover step = lsp.hover(flowsUri, at(text, "step two by", "two"));
    assertTrue(text(step).contains("two"), text(step));
  }

  @Test
  void firstToStartIsHovered() throws Exception {
    String text = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n"
        + "  first to start { branch a { step one by Clerk { note: Text } } branch b { wait 2d } }\n");
    lsp.open(flowsUri, text);
    Hover words = lsp.hover(flowsUri, at(text, "first to start {", "start"));
    assertTrue(text(words).contains("The first branch to *start* wins"), text(words));
    assertTrue(text(words).contains("does not undo the choice"), text(words));
    Hover step = lsp.hover(flowsUri, at(text, "step one by", "one"));
    assertTrue(text(step).contains("one"), text(step));
  }

  // ---- definition and references ------------------------------------------------------------------

  @Test
  void definitionGoesAcrossFiles() throws Exception {
    lsp.open(flowsUri, FLOWS);
    List<? extends Location> clerk = lsp.definition(flowsUri, at(FLOWS, "step check by Clerk", "Clerk"));
    assertEquals(List.of(new Location(modelUri, range(3, 5, 10))), clerk);
    List<? extends Location> action = lsp.definition(flowsUri, at(FLOWS, "Drive.createFolder", "createFolder"));
    assertEquals(List.of(new Location(modelUri, range(8, 9, 21))), action);
    List<? extends Location> field = lsp.definition(flowsUri, at(FLOWS, "d.name", "name"));
    assertEquals(List.of(new Location(modelUri, range(14, 13, 17))), field);
    List<? extends Location> step = lsp.definition(flowsUri, at(FLOWS, "go to check", "check"));
    assertEquals(List.of(new Location(flowsUri, new Range(at(FLOWS, "step check", "check"),
        after(FLOWS, "step check")))), step);
    List<? extends Location> variable = lsp.definition(flowsUri, at(FLOWS, "count + 1", "count"));
    assertEquals(at(FLOWS, "let count", "count"), variable.get(0).getRange().getStart());
    List<? extends Location> event = lsp.definition(flowsUri, at(FLOWS, "starts on Ordered", "Ordered"));
    assertEquals(List.of(new Location(modelUri, range(16, 6, 13))), event);
    List<? extends Location> workflow = lsp.definition(modelUri, at(MODEL, "workflows Intake", "Intake"));
    assertEquals(flowsUri, workflow.get(0).getUri());
    assertEquals(List.of(), lsp.definition(flowsUri, at(FLOWS, "decide.comment", "comment")));
  }

  @Test
  void referencesAreFoundInEveryFile() throws Exception {
    lsp.open(flowsUri, FLOWS);
    List<? extends Location> all = lsp.references(flowsUri, at(FLOWS, "step check by Clerk", "Clerk"), true);
    assertEquals(7, all.size(), all::toString);
    assertEquals(2, all.stream().filter(l -> l.getUri().equals(modelUri)).count());
    List<? extends Location> uses = lsp.references(flowsUri, at(FLOWS, "step check by Clerk", "Clerk"), false);
    assertEquals(6, uses.size());
    assertFalse(uses.contains(new Location(modelUri, range(3, 5, 10))));
    List<? extends Location> folder = lsp.references(flowsUri, at(FLOWS, "step folder", "folder"), true);
    assertEquals(2, folder.size(), folder::toString);
  }

  // ---- completion -----------------------------------------------------------------------------------

  @Test
  void completionAfterByOffersRolesAndSystems() throws Exception {
    String text = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n  step x by C\n");
    lsp.open(flowsUri, text);
    List<CompletionItem> items = lsp.completion(flowsUri, after(text, "step x by C"));
    assertEquals(Set.of("Clerk", "Legal", "Drive", "Email", "match"), labels(items), "`match`: a role decided from data");
    CompletionItem clerk = items.stream().filter(i -> i.getLabel().equals("Clerk")).findFirst().orElseThrow();
    assertEquals(CompletionItemKind.Interface, clerk.getKind());
    Position c = at(text, "step x by C", "C");
    assertEquals(new Range(c, new Position(c.getLine(), c.getCharacter() + 1)), clerk.getTextEdit().getLeft().getRange());
    assertTrue(clerk.getDocumentation().getRight().getValue().contains("Owns the client relationship."));
  }

  @Test
  void completionAfterASystemOffersItsActions() throws Exception {
    String text = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n  step x by Drive.\n");
    lsp.open(flowsUri, text);
    List<CompletionItem> items = lsp.completion(flowsUri, after(text, "step x by Drive."));
    assertEquals(Set.of("createFolder", "share"), labels(items));
    CompletionItem create = items.stream().filter(i -> i.getLabel().equals("createFolder")).findFirst().orElseThrow();
    assertEquals("Drive.createFolder(client: Text): Text", create.getDetail());
    assertEquals(CompletionItemKind.Method, create.getKind());
  }

  @Test
  void completionAfterADotOffersTheFieldsOfARecordTypedValue() throws Exception {
    String text = FLOWS.replace("    set count = count + 1\n", "    set count = count + 1\n    notify d.\n");
    lsp.open(flowsUri, text);
    assertEquals(Set.of("name", "url"), labels(lsp.completion(flowsUri, after(text, "notify d."))));
    String order = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n  if order.\n");
    lsp.replace(flowsUri, 2, order);
    assertEquals(Set.of("client", "plan", "docs", "email"), labels(lsp.completion(flowsUri, after(order, "if order."))));
    String form = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n  if check.\n");
    lsp.replace(flowsUri, 3, form);
    assertEquals(Set.of("missing"), labels(lsp.completion(flowsUri, after(form, "if check."))));
    String constant = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n  let p = Plan.\n");
    lsp.replace(flowsUri, 4, constant);
    assertEquals(Set.of("Basic", "Pro"), labels(lsp.completion(flowsUri, after(constant, "let p = Plan."))));
  }

  @Test
  void completionInsideAnActionCallOffersItsArguments() throws Exception {
    String text = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n  step x by Drive.share(folder: folder, )\n");
    lsp.open(flowsUri, text);
    List<CompletionItem> items = lsp.completion(flowsUri, after(text, "share(folder: folder, "));
    assertEquals(Set.of("email"), labels(items));
    assertEquals("email: ", items.get(0).getTextEdit().getLeft().getNewText());
    List<CompletionItem> first = lsp.completion(flowsUri, after(text, "Drive.share("));
    assertEquals(Set.of("email"), labels(first), "`folder` is given already");
    String call = FLOWS.replace("call r: Review(doc: d)", "call r: Review()");
    lsp.replace(flowsUri, 2, call);
    assertEquals(Set.of("doc"), labels(lsp.completion(flowsUri, after(call, "Review("))));
  }

  @Test
  void completionInsideARecordBeingBuiltOffersItsFieldsAndHoverShowsThem() throws Exception {
    String text = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n  let made = Doc(name: \"x\", )\n");
    lsp.open(flowsUri, text);
    List<CompletionItem> items = lsp.completion(flowsUri, after(text, "Doc(name: \"x\", "));
    assertTrue(labels(items).contains("url"), labels(items)::toString);
    assertFalse(labels(items).contains("name"), "`name` is given already");
    assertEquals("url: ", items.stream().filter(i -> i.getLabel().equals("url")).findFirst().orElseThrow()
        .getTextEdit().getLeft().getNewText());
    String whole = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n  let made = Doc(name: \"x\", url: none)\n"
        + "  notify Clerk made.name\n");
    lsp.replace(flowsUri, 2, whole);
    Hover field = lsp.hover(flowsUri, at(whole, "url: none", "url"));
    assertTrue(text(field).contains("field Doc.url: Text?"), text(field));
    String value = whole.replace("  notify Clerk made.name\n", "  notify Clerk made.name\n  let y = \n");
    lsp.replace(flowsUri, 3, value);
    assertTrue(labels(lsp.completion(flowsUri, after(value, "let y = "))).containsAll(Set.of("Doc", "Ordered")),
        "records and events can be built in an expression");
  }

  @Test
  void aWorkflowsDeclaredErrorIsOfferedAfterFailItsFieldsCompletedAndHovered() throws Exception {
    lsp.open(modelUri, MODEL.replace("record Doc {", "error Rejected { reason: Text }\nrecord Doc {"));
    String text = FLOWS.replace("  owner Clerk\n  input doc: Doc\n", "  owner Clerk\n  fails Rejected\n  input doc: Doc\n")
        .replace("  approval decide by Legal within 1d\n", "  approval decide by Legal within 1d\n  if not decide.approved {\n"
            + "    fail Rejected(reason: \"no\")\n  }\n");
    lsp.open(flowsUri, text);
    lsp.diagnostics(flowsUri, p -> p.getVersion() != null && p.getVersion() == 1
        && p.getDiagnostics().stream().noneMatch(d -> d.getSeverity() == DiagnosticSeverity.Error));
    Hover field = lsp.hover(flowsUri, at(text, "reason: \"no\"", "reason"));
    assertTrue(text(field).contains("Rejected.reason: Text"), text(field));
    String typing = text.replace("    fail Rejected(reason: \"no\")\n", "    fail \n");
    lsp.replace(flowsUri, 2, typing);
    Set<String> offered = labels(lsp.completion(flowsUri, after(typing, "    fail ")));
    assertTrue(offered.contains("Rejected"), () -> "the workflow's declared error is offered: " + offered);
    String building = text.replace("    fail Rejected(reason: \"no\")\n", "    fail Rejected()\n");
    lsp.replace(flowsUri, 3, building);
    Set<String> fields = labels(lsp.completion(flowsUri, after(building, "fail Rejected(")));
    assertTrue(fields.contains("reason"), () -> "the error's fields are offered: " + fields);
  }

  @Test
  void emitIsCompletedAsAStatementItsEventAsAValueAndItsFieldsAreHovered() throws Exception {
    String text = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n  \n");
    lsp.open(flowsUri, text);
    assertTrue(labels(lsp.completion(flowsUri, after(text, "  let count: Int = 0\n  ")), CompletionItemKind.Keyword)
        .contains("emit"), "`emit` begins a statement");
    String typed = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n  emit \n");
    lsp.replace(flowsUri, 2, typed);
    assertTrue(labels(lsp.completion(flowsUri, after(typed, "  emit "))).contains("Ordered"), "events are offered");
    String whole = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n"
        + "  emit Ordered(client: \"c\", plan: order.plan, docs: [], email: \"e\")\n");
    lsp.replace(flowsUri, 3, whole);
    Hover field = lsp.hover(flowsUri, at(whole, "email: \"e\"", "email"));
    assertTrue(text(field).contains("Ordered.email: Text"), text(field));
  }

  @Test
  void completionAtAStatementStartOffersStatementKeywords() throws Exception {
    String text = FLOWS.replace("  let count: Int = 0\n", "  let count: Int = 0\n  \n");
    lsp.open(flowsUri, text);
    List<CompletionItem> items = lsp.completion(flowsUri, after(text, "  let count: Int = 0\n  "));
    Set<String> keywords = labels(items, CompletionItemKind.Keyword);
    assertTrue(keywords.containsAll(Set.of("step", "approval", "notify", "wait", "receive", "call", "start", "let", "set",
        "if", "match", "parallel", "first", "for each", "repeat at most", "while", "go to", "try", "fail", "complete",
        "cancel", "signal", "continue as new")), keywords::toString);
    assertFalse(keywords.contains("input"), "no header clause after the first statement");
    assertFalse(keywords.contains("role"));
    List<CompletionItem> header = lsp.completion(flowsUri, after(text, "  starts on Ordered\n"));
    assertTrue(labels(header, CompletionItemKind.Keyword).containsAll(Set.of("input", "output", "deadline", "step")));
  }

  @Test
  void completionOffersValuesInScopeInExpressions() throws Exception {
    String text = FLOWS.replace("    set count = count + 1\n", "    set count = count + 1\n    let y = \n");
    lsp.open(flowsUri, text);
    Set<String> labels = labels(lsp.completion(flowsUri, after(text, "let y = ")));
    assertTrue(labels.containsAll(Set.of("d", "count", "order", "folder", "check", "r", "Plan", "now", "true", "none")),
        labels::toString);
    assertFalse(labels.contains("Clerk"), "roles are values only for notify");
  }

  @Test
  void completionOffersErrorsAfterFailsAndInATypedCatch() throws Exception {
    String model = MODEL.replace("record Doc", "error Declined { reason: Text }\nerror Lost { since: Date }\nrecord Doc")
        .replace("action share(folder: Text, email: Text)", "action share(folder: Text, email: Text) fails Declined, ");
    String good = model.replace("fails Declined, ", "fails Declined");
    lsp.open(modelUri, good);
    lsp.replace(modelUri, 2, model);
    assertEquals(Set.of("Declined", "Lost"), labels(lsp.completion(modelUri, after(model, "fails Declined, "))));
    lsp.replace(modelUri, 3, good);
    String text = FLOWS.replace("branch file { step archive by Drive.share(folder: folder, email: order.email) }",
        "branch file {\n      try { step archive by Drive.share(folder: folder, email: order.email) } catch d:  { }\n    }");
    lsp.open(flowsUri, text);
    assertEquals(Set.of("Declined", "Lost"), labels(lsp.completion(flowsUri, after(text, "catch d: "))));
    String typed = text.replace("catch d:  { }", "catch d: Declined { notify Clerk d.reason }");
    lsp.replace(flowsUri, 2, typed);
    Hover error = lsp.hover(flowsUri, at(typed, "d: Declined", "Declined"));
    assertTrue(text(error).contains("error Declined"), text(error));
  }

  @Test
  void completionOffersYieldInALoopAndHoverShowsTheCollectedListsType() throws Exception {
    String text = FLOWS.replace("  for each d in order.docs {\n",
        "  let verdicts = for each d in order.docs in parallel {\n    call v: Review(doc: d)\n    y\n  }\n"
            + "  for each d in order.docs {\n");
    lsp.open(flowsUri, text);
    assertTrue(labels(lsp.completion(flowsUri, after(text, "call v: Review(doc: d)\n    y"))).contains("yield"),
        "a statement may be a `yield`");
    String good = text.replace("    y\n", "    yield v.verdict\n")
        .replace("notify Clerk \"basic, {count} documents\"", "notify Clerk \"basic, {count} documents: {verdicts}\"");
    lsp.replace(flowsUri, 2, good);
    Hover list = lsp.hover(flowsUri, at(good, "let verdicts", "verdicts"));
    assertTrue(text(list).contains("let verdicts: List<Text>"), text(list));
  }

  @Test
  void completionOffersThenWaitForOperatorAfterARetryPolicyAndHoverShowsIt() throws Exception {
    String text = FLOWS.replace("step folder by Drive.createFolder(client: order.client)",
        "step folder by Drive.createFolder(client: order.client)\n    retry 3 times every 1m ");
    lsp.open(flowsUri, text);
    Set<String> offered = labels(lsp.completion(flowsUri, after(text, "retry 3 times every 1m ")));
    assertTrue(offered.contains("then wait for operator"), "the last part of a retry policy is offered: " + offered);
    String good = text.replace("retry 3 times every 1m ", "retry 3 times every 1m then wait for operator");
    lsp.replace(flowsUri, 2, good);
    Hover step = lsp.hover(flowsUri, at(good, "step folder", "folder"));
    assertTrue(text(step).contains("retries: retry 3 times every 1m then wait for operator"), text(step));
  }

  @Test
  void completionOffersRolesInWhoDoesAStepAndHoverShowsItAndTheCompletionFields() throws Exception {
    String text = FLOWS.replace("approval decide by Legal within 1d", "approval decide by Legal or  within 1d")
        .replace("step check by Clerk within 2d", "step check by match order.plan { Basic -> Clerk, Pro ->  } within 2d");
    lsp.open(flowsUri, text);
    assertEquals(Set.of("Clerk", "Legal"), labels(lsp.completion(flowsUri, after(text, "by Legal or "))));
    assertEquals(Set.of("Clerk", "Legal"), labels(lsp.completion(flowsUri, after(text, "Pro -> "))));
    String good = text.replace("by Legal or  within", "by Legal or Clerk not by doc.name within")
        .replace("Pro ->  }", "Pro -> Legal or Clerk } assign to order.email")
        .replace("set verdict = decide.comment ?? \"no comment\"", "set verdict = decide.completedBy");
    lsp.replace(flowsUri, 2, good);
    assertTrue(labels(lsp.completion(flowsUri, after(good, "{ Basic"))).contains("Basic"));
    Hover step = lsp.hover(flowsUri, at(good, "approval decide", "decide"));
    assertTrue(text(step).contains("approval decide by Legal or Clerk not by doc.name"), text(step));
    Hover check = lsp.hover(flowsUri, at(good, "step check", "check"));
    assertTrue(text(check).contains("match order.plan { Basic -> Clerk, Pro -> Legal or Clerk } assign to order.email"),
        text(check));
    assertTrue(text(check).contains("roles `Clerk` or `Legal` (decided from data)"), text(check));
    Hover role = lsp.hover(flowsUri, at(good, "Pro -> Legal", "Legal"));
    assertTrue(text(role).contains("role Legal"), text(role));
  }

  @Test
  void completionOffersEventsWorkflowsAndTypes() throws Exception {
    String text = FLOWS.replace("  starts on Ordered\n", "  starts on Ordered\n  starts after \n  input extra: \n");
    lsp.open(flowsUri, text);
    assertEquals(Set.of("Review", "Intake"), labels(lsp.completion(flowsUri, after(text, "starts after "))));
    Set<String> types = labels(lsp.completion(flowsUri, after(text, "input extra: ")));
    assertTrue(types.containsAll(Set.of("Text", "Int", "Doc", "Ordered", "Plan", "List")), types::toString);
    assertFalse(types.contains("Clerk"));
  }

  // ---- symbols --------------------------------------------------------------------------------------

  @Test
  void documentSymbolsOutlineWorkflowsAndSteps() throws Exception {
    lsp.open(flowsUri, FLOWS);
    List<DocumentSymbol> symbols = lsp.symbols(flowsUri);
    assertEquals(List.of("Review", "Intake"), symbols.stream().map(DocumentSymbol::getName).toList());
    DocumentSymbol intake = symbols.get(1);
    assertEquals(SymbolKind.Class, intake.getKind());
    assertEquals(List.of("order", "folder", "check", "r", "tell", "file"),
        intake.getChildren().stream().map(DocumentSymbol::getName).toList());
    DocumentSymbol file = intake.getChildren().get(5);
    assertEquals(SymbolKind.Namespace, file.getKind());
    assertEquals(List.of("archive"), file.getChildren().stream().map(DocumentSymbol::getName).toList());
    assertEquals("step by Drive.share", file.getChildren().get(0).getDetail());
    assertEquals(at(FLOWS, "workflow Intake", "Intake"), intake.getSelectionRange().getStart());

    List<DocumentSymbol> model = lsp.symbols(modelUri);
    DocumentSymbol drive = model.stream().filter(s -> s.getName().equals("Drive")).findFirst().orElseThrow();
    assertEquals(List.of("createFolder", "share"), drive.getChildren().stream().map(DocumentSymbol::getName).toList());
  }

  @Test
  void documentSymbolsSurviveASyntaxError() throws Exception {
    lsp.open(flowsUri, FLOWS);
    lsp.symbols(flowsUri);
    String broken = FLOWS.replace("workflow Review {", "workflow Review {\n  step (");
    lsp.replace(flowsUri, 2, broken);
    List<DocumentSymbol> symbols = lsp.symbols(flowsUri);
    assertEquals(List.of("Review", "Intake"), symbols.stream().map(DocumentSymbol::getName).toList());
    assertEquals(at(broken, "workflow Intake", "Intake"), symbols.get(1).getSelectionRange().getStart());
  }

  @Test
  void workspaceSymbolsMatchTheQuery() throws Exception {
    List<? extends WorkspaceSymbol> found = lsp.workspaceSymbols("chk");
    assertTrue(found.stream().anyMatch(s -> s.getName().equals("check") && "Intake".equals(s.getContainerName())),
        found::toString);
    List<? extends WorkspaceSymbol> drive = lsp.workspaceSymbols("Drive");
    assertEquals(modelUri, drive.get(0).getLocation().getLeft().getUri());
    assertTrue(lsp.workspaceSymbols("").size() > 20);
  }

  // ---- answers on stale text ------------------------------------------------------------------------

  @Test
  void answersFollowTheTextWhileItDoesNotParse() throws Exception {
    lsp.open(flowsUri, FLOWS);
    assertNotNull(lsp.hover(flowsUri, at(FLOWS, "go to check", "check")));
    // Three new lines at the top that do not parse: the last good analysis is shifted onto them.
    String broken = "// added\n// lines\nstep (\n" + FLOWS;
    lsp.replace(flowsUri, 2, broken);
    lsp.diagnostics(flowsUri, p -> p.getVersion() == 2 && !p.getDiagnostics().isEmpty());
    Hover h = lsp.hover(flowsUri, at(broken, "go to check", "check"));
    assertTrue(text(h).contains("owner: role `Clerk`"), text(h));
    assertEquals(at(broken, "go to check", "check"), h.getRange().getStart());
    List<? extends Location> def = lsp.definition(flowsUri, at(broken, "go to check", "check"));
    assertEquals(at(broken, "step check", "check"), def.get(0).getRange().getStart());
  }
}
