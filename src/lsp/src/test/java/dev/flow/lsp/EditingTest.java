package dev.flow.lsp;

import static dev.flow.lsp.Models.FLOWS;
import static dev.flow.lsp.Models.MODEL;
import static dev.flow.lsp.Texts.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.format.Formatter;
import dev.flow.compiler.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentRangeFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Formatting, quick fixes and rename over JSON-RPC, requests without their parameters, and a file the compiler fails on. */
class EditingTest {
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

  private TextDocumentService documents() {
    return lsp.server.getTextDocumentService();
  }

  /** The text with the edits made (they do not overlap). */
  static String apply(String text, List<? extends TextEdit> edits) {
    LineIndex lines = new LineIndex(text);
    List<TextEdit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt((TextEdit e) -> lines.offset(e.getRange().getStart())).reversed());
    StringBuilder out = new StringBuilder(text);
    for (TextEdit e : sorted) {
      out.replace(lines.offset(e.getRange().getStart()), lines.offset(e.getRange().getEnd()), e.getNewText());
    }
    return out.toString();
  }

  @Test
  void theExampleModelIsFormatted() {
    assertEquals(FLOWS, Formatter.format(new SourceFile("f.flow", FLOWS), new Diagnostics()).orElseThrow());
  }

  @Test
  void formattingEditsOnlyTheLinesThatChange() throws Exception {
    String messy = FLOWS.replace("  step folder by Drive", "      step folder   by Drive")
        .replace("set count = count + 1", "set count=count+1");
    lsp.open(flowsUri, messy);
    List<? extends TextEdit> edits = lsp.get(documents().formatting(
        new DocumentFormattingParams(new TextDocumentIdentifier(flowsUri), new FormattingOptions(2, true))));
    assertEquals(2, edits.size(), edits::toString);
    assertEquals(FLOWS, apply(messy, edits));

    Position first = at(messy, "step folder", "step");
    List<? extends TextEdit> ranged = lsp.get(documents().rangeFormatting(new DocumentRangeFormattingParams(
        new TextDocumentIdentifier(flowsUri), new FormattingOptions(2, true), new Range(first, first))));
    assertEquals(1, ranged.size(), ranged::toString);
    assertEquals(messy.replace("      step folder   by Drive", "  step folder by Drive"), apply(messy, ranged));
  }

  @Test
  void aDocumentThatDoesNotParseIsNotFormatted() throws Exception {
    lsp.open(flowsUri, "workflow {\n");
    assertEquals(List.of(), lsp.get(documents().formatting(
        new DocumentFormattingParams(new TextDocumentIdentifier(flowsUri), new FormattingOptions(2, true)))));
  }

  @Test
  void quickFixReplacesAMisspelledName() throws Exception {
    String broken = FLOWS.replace("step check by Clerk", "step check by Clrek");
    lsp.open(flowsUri, broken);
    Position p = at(broken, "by Clrek", "Clrek");
    List<CodeAction> actions = lsp.get(documents().codeAction(new CodeActionParams(
        new TextDocumentIdentifier(flowsUri), new Range(p, p), new CodeActionContext(List.of()))))
        .stream().map(e -> e.getRight()).toList();
    assertEquals(1, actions.size(), actions::toString);
    CodeAction fix = actions.get(0);
    assertEquals("replace with `Clerk`", fix.getTitle());
    assertEquals("quickfix", fix.getKind());
    assertEquals("E100", fix.getDiagnostics().get(0).getCode().getLeft());
    assertEquals(FLOWS, apply(broken, fix.getEdit().getChanges().get(flowsUri)));

    Position elsewhere = at(broken, "workflow Review", "Review");
    assertEquals(List.of(), lsp.get(documents().codeAction(new CodeActionParams(
        new TextDocumentIdentifier(flowsUri), new Range(elsewhere, elsewhere), new CodeActionContext(List.of())))));
  }

  @Test
  void quickFixAddsTheMissingArm() throws Exception {
    String broken = FLOWS.replace("    Pro -> { go to check }\n", "");
    lsp.open(flowsUri, broken);
    Position p = at(broken, "match order.plan", "match");
    List<CodeAction> actions = lsp.get(documents().codeAction(new CodeActionParams(
        new TextDocumentIdentifier(flowsUri), new Range(p, p), new CodeActionContext(List.of()))))
        .stream().map(e -> e.getRight()).toList();
    assertEquals(List.of("add an arm for Pro", "add an `else` arm"), actions.stream().map(CodeAction::getTitle).toList());
    String fixed = apply(broken, actions.get(0).getEdit().getChanges().get(flowsUri));
    assertTrue(fixed.contains("    Basic -> { notify Clerk \"basic, {count} documents\" }\n    Pro -> {}\n  }\n"), fixed);
  }

  @Test
  void renameChangesTheDeclarationAndEveryUseInEveryFile() throws Exception {
    lsp.open(flowsUri, FLOWS);
    Position clerk = at(FLOWS, "step check by Clerk", "Clerk");
    assertEquals("Clerk", lsp.get(documents().prepareRename(
        new PrepareRenameParams(new TextDocumentIdentifier(flowsUri), clerk))).getSecond().getPlaceholder());
    WorkspaceEdit edit = lsp.get(documents().rename(new RenameParams(new TextDocumentIdentifier(flowsUri), clerk, "Keeper")));
    Map<String, List<TextEdit>> changes = edit.getChanges();
    assertEquals(7, changes.values().stream().mapToInt(List::size).sum(), changes::toString);
    assertEquals(MODEL.replace("role Clerk", "role Keeper").replace("owner Clerk", "owner Keeper"),
        apply(MODEL, changes.get(modelUri)));
    assertEquals(FLOWS.replace("Clerk", "Keeper"), apply(FLOWS, changes.get(flowsUri)));

    Position step = at(FLOWS, "step folder", "folder");
    WorkspaceEdit steps = lsp.get(documents().rename(new RenameParams(new TextDocumentIdentifier(flowsUri), step, "space")));
    assertEquals(FLOWS.replace("step folder", "step space").replace("folder: folder", "folder: space"),
        apply(FLOWS, steps.getChanges().get(flowsUri)));
  }

  private static final String CHAIN = """
      package com.acme.q

      workflow Prepare {
        owner Clerk
        output folderLink: Text
        step make by Drive.createFolder(client: "x")
        set folderLink = make
      }

      workflow Publish {
        owner Clerk
        starts after Prepare
        input folderLink: Text
        notify Clerk "published {folderLink}"
      }

      workflow Archive {
        owner Clerk
        starts after Prepare
        input folderLink: Text
        output kept: Text
        set kept = folderLink
      }

      workflow Unrelated {
        owner Clerk
        input folderLink: Text
        notify Clerk "{folderLink}"
      }
      """;

  @Test
  void renameOfAnOutputAlsoRenamesTheInputsItFeedsAndTheReverse() throws Exception {
    String chainUri = root.resolve("chain.flow").toUri().toString();
    lsp.open(chainUri, CHAIN);
    String renamed = CHAIN.replace("folderLink", "link")
        .replace("input link: Text\n  notify Clerk \"{link}\"", "input folderLink: Text\n  notify Clerk \"{folderLink}\"");
    assertTrue(renamed.contains("workflow Unrelated {\n  owner Clerk\n  input folderLink: Text\n"), renamed);

    Position output = at(CHAIN, "output folderLink", "folderLink");
    WorkspaceEdit fromOutput =
        lsp.get(documents().rename(new RenameParams(new TextDocumentIdentifier(chainUri), output, "link")));
    assertEquals(List.of(chainUri), List.copyOf(fromOutput.getChanges().keySet()));
    assertEquals(6, fromOutput.getChanges().get(chainUri).size(), fromOutput::toString);
    assertEquals(renamed, apply(CHAIN, fromOutput.getChanges().get(chainUri)));

    Position input = at(CHAIN, "published {folderLink}", "folderLink");
    WorkspaceEdit fromInput = lsp.get(documents().rename(new RenameParams(new TextDocumentIdentifier(chainUri), input, "link")));
    assertEquals(renamed, apply(CHAIN, fromInput.getChanges().get(chainUri)));

    Position unrelated = at(CHAIN, "\"{folderLink}\"", "folderLink");
    WorkspaceEdit alone = lsp.get(documents().rename(new RenameParams(new TextDocumentIdentifier(chainUri), unrelated, "link")));
    assertEquals(CHAIN.replace("input folderLink: Text\n  notify Clerk \"{folderLink}\"",
            "input link: Text\n  notify Clerk \"{link}\""),
        apply(CHAIN, alone.getChanges().get(chainUri)));
  }

  @Test
  void renameRefusesWhatIsNotANameAndKeywords() throws Exception {
    lsp.open(flowsUri, FLOWS);
    Position keyword = at(FLOWS, "workflow Review", "workflow");
    assertNull(lsp.get(documents().prepareRename(new PrepareRenameParams(new TextDocumentIdentifier(flowsUri), keyword))));
    assertNull(lsp.get(documents().rename(new RenameParams(new TextDocumentIdentifier(flowsUri), keyword, "x"))));
    Position clerk = at(FLOWS, "step check by Clerk", "Clerk");
    for (String bad : List.of("not", "2fast", "a-b", "")) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> lsp.get(documents().rename(new RenameParams(new TextDocumentIdentifier(flowsUri), clerk, bad))));
      assertTrue(e.getCause() instanceof ResponseErrorException, e::toString);
    }
  }

  @Test
  void requestsWithoutTheirParametersAreAnsweredWithNothing() throws Exception {
    lsp.open(flowsUri, FLOWS);
    assertNull(lsp.get(documents().hover(null)));
    assertNull(lsp.get(documents().hover(new HoverParams())));
    assertEquals(List.of(), lsp.get(documents().formatting(null)));
    assertEquals(List.of(), lsp.get(documents().formatting(new DocumentFormattingParams())));
    assertEquals(List.of(), lsp.get(documents().codeAction(new CodeActionParams())));
    assertNull(lsp.get(documents().rename(null)));
    assertEquals(List.of(), lsp.get(documents().references(null)));
    assertTrue(lsp.get(documents().completion(null)).getRight().getItems().isEmpty());
    assertEquals(List.of(), lsp.get(documents().documentSymbol(null)));
    assertTrue(lsp.get(lsp.server.getWorkspaceService().symbol(null)).getRight().size() > 0);
    documents().didOpen(null);
    documents().didChange(null);
    documents().didClose(null);
    assertTrue(!lsp.serverLog().contains("failed"), lsp.serverLog());
  }

  @Test
  void aFileTheCompilerFailsOnDoesNotStopTheOthers() throws Exception {
    int depth = 5000;
    String deep = "workflow Deep {\n" + "if true {\n".repeat(depth) + "}\n".repeat(depth) + "}\n";
    String deepUri = root.resolve("deep.flow").toUri().toString();
    lsp.open(deepUri, deep);
    String broken = FLOWS.replace("step check by Clerk", "step check by Clrek");
    lsp.open(flowsUri, broken);
    lsp.diagnostics(flowsUri, p -> p.getDiagnostics().stream().anyMatch(d -> "E100".equals(d.getCode().getLeft())));
    lsp.diagnostics(deepUri, p -> !p.getDiagnostics().isEmpty());
  }

  @Test
  void completionInAFileNestedDeeperThanTheLimitAnswersWithoutOverflowing() throws Exception {
    int depth = 5000;
    String deep = MODEL + "workflow Deep {\n  owner Clerk\n" + "if true {\n".repeat(depth) + "\n" + "}\n".repeat(depth) + "}\n";
    String deepUri = root.resolve("deep.flow").toUri().toString();
    lsp.open(deepUri, deep);
    Position inside = Texts.after(deep, "if true {\n".repeat(depth));
    assertEquals(List.of(), lsp.completion(deepUri, inside));
    Position header = Texts.after(deep, "workflow Deep {\n  owner Clerk\n");
    assertTrue(lsp.completion(deepUri, header).stream().anyMatch(c -> c.getLabel().equals("step")),
        "a caret before the deep part still completes");
    assertTrue(!lsp.serverLog().contains("StackOverflowError"), lsp.serverLog());
  }
}
