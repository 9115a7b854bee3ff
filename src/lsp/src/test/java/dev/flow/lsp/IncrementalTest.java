package dev.flow.lsp;

import static dev.flow.lsp.Texts.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.Compiler;
import dev.flow.compiler.source.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server re-checks only what an edit reaches, and publishes what a full check would; hover and
 * completion are answered while an analysis runs. The server runs in this JVM, called directly.
 */
class IncrementalTest {
  @TempDir
  Path root;
  private FlowLanguageServer server;
  private final TestClient client = new TestClient();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @AfterEach
  void stop() {
    if (server != null) {
      server.analyzer().close();
    }
  }

  private void start() throws Exception {
    server = new FlowLanguageServer(new PrintStream(log, true, StandardCharsets.UTF_8), "test");
    server.connect(client);
    InitializeParams params = new InitializeParams();
    params.setWorkspaceFolders(List.of(new WorkspaceFolder(root.toUri().toString(), "test")));
    server.initialize(params).get(Connection.TIMEOUT_S, TimeUnit.SECONDS);
    server.initialized(new InitializedParams());
    drain();
  }

  private void drain() throws Exception {
    server.analyzer().drained().get(Connection.TIMEOUT_S, TimeUnit.SECONDS);
  }

  private void open(String uri, String text) {
    server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "flow", 1, text)));
  }

  private void replace(String uri, int version, String text) {
    server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
        new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(text))));
  }

  @Test
  void randomEditsPublishWhatAFullCheckFinds() throws Exception {
    List<Path> files = new ArrayList<>();
    Path examples = checkout().resolve("examples");
    for (int c = 0; c < 2; c++) {
      try (Stream<Path> walk = Files.walk(examples)) {
        for (Path p : walk.filter(f -> f.toString().endsWith(".flow")).sorted().toList()) {
          Path to = root.resolve("c" + c).resolve(examples.relativize(p).toString());
          Files.createDirectories(to.getParent());
          Files.writeString(to, Files.readString(p).replace("com.acme.", "com.acme.c" + c + "."));
          files.add(to);
        }
      }
    }
    start();
    assertFullCheck();
    Random random = new Random(7);
    List<String> uris = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    int edits = 24;
    for (int edit = 0; edit < edits; edit++) {
      int i = random.nextInt(files.size());
      String uri = files.get(i).toUri().toString();
      int at = uris.indexOf(uri);
      if (at < 0) {
        uris.add(uri);
        texts.add(Files.readString(files.get(i)));
        at = uris.size() - 1;
        open(uri, texts.get(at));
      }
      String text = texts.get(at);
      String edited = switch (random.nextInt(5)) {
        case 0 -> text + "\nrole Spare" + random.nextInt(2) + "\n";
        case 1 -> text.replaceFirst("\"", "\"x");
        case 2 -> text.replaceFirst("(?m)^package com\\.acme\\.c\\d\\.", "package com.acme.c" + random.nextInt(2) + ".");
        case 3 -> text.replaceFirst("\\{", "{ x");
        default -> Files.readString(files.get(i));
      };
      texts.set(at, edited);
      replace(uri, edit + 2, edited);
      drain();
      assertFullCheck();
    }
    String analysed = log.toString(StandardCharsets.UTF_8);
    assertTrue(analysed.matches("(?s).*analysed " + files.size() + " files in \\d+ ms \\([1-9]\\d? re-checked\\).*"),
        "some analyses re-checked only a few files:\n" + analysed);
  }

  /** What the client has for every document is what a full check of the same texts gives. */
  private void assertFullCheck() throws Exception {
    Snapshot now = server.analyzer().read("test", null, (current, good) -> current)
        .get(Connection.TIMEOUT_S, TimeUnit.SECONDS);
    List<SourceFile> files = new ArrayList<>(now.docs().stream().map(Snapshot.Doc::file).toList());
    files.sort((a, b) -> a.name().compareTo(b.name()));
    Snapshot full = new Snapshot(now.generation(), now.docs(), Compiler.compile(files, Compiler.Mode.CHECK));
    Map<String, List<Diagnostic>> want = Diagnostics.of(full);
    for (Snapshot.Doc doc : now.docs()) {
      PublishDiagnosticsParams got = client.diagnostics.get(doc.uri());
      assertEquals(want.get(doc.key()), got == null ? List.of() : got.getDiagnostics(), doc.file().name());
    }
  }

  @Test
  void hoverAndCompletionAreAnsweredWhileAnAnalysisRuns() throws Exception {
    Files.writeString(root.resolve("model.flow"), Models.MODEL, StandardCharsets.UTF_8);
    Files.writeString(root.resolve("flows.flow"), Models.FLOWS, StandardCharsets.UTF_8);
    String flowsUri = root.resolve("flows.flow").toUri().toString();
    String modelUri = root.resolve("model.flow").toUri().toString();
    start();
    open(flowsUri, Models.FLOWS);
    open(modelUri, Models.MODEL);
    drain();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    server.analyzer().beforeEachAnalysis(() -> {
      entered.countDown();
      try {
        release.await(Connection.TIMEOUT_S, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    String edited = Models.MODEL.replace("/// Owns the client relationship.", "/// Owns the client.");
    replace(modelUri, 2, edited);
    assertTrue(entered.await(Connection.TIMEOUT_S, TimeUnit.SECONDS), "the analysis of the change started");
    CompletableFuture<Hover> inChanged;
    try {
      TextDocumentIdentifier flows = new TextDocumentIdentifier(flowsUri);
      Position clerk = at(Models.FLOWS, "step check by Clerk", "Clerk");
      CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition =
          server.getTextDocumentService().definition(new DefinitionParams(flows, clerk));
      inChanged = server.getTextDocumentService().hover(
          new HoverParams(new TextDocumentIdentifier(modelUri), at(edited, "role Clerk", "Clerk")));
      Hover role = server.getTextDocumentService().hover(new HoverParams(flows, clerk)).get(10, TimeUnit.SECONDS);
      assertNotNull(role, "hovered from the last complete analysis");
      String shown = role.getContents().getRight().getValue();
      assertTrue(shown.contains("Owns the client relationship."), "the analysis before the change: " + shown);
      assertEquals(clerk, role.getRange().getStart());
      Either<List<CompletionItem>, CompletionList> items = server.getTextDocumentService()
          .completion(new CompletionParams(flows, Texts.after(Models.FLOWS, "step check by ")))
          .get(10, TimeUnit.SECONDS);
      assertTrue(items.getRight().getItems().stream().anyMatch(i -> i.getLabel().equals("Legal")),
          items.getRight().getItems()::toString);
      // A hover in the changed document does not wait for its analysis either: it reads the new text.
      Hover quick = inChanged.get(10, TimeUnit.SECONDS);
      String fresh = quick.getContents().getRight().getValue();
      assertTrue(fresh.contains("Owns the client.") && !fresh.contains("relationship"), fresh);
      assertEquals(at(edited, "role Clerk", "Clerk"), quick.getRange().getStart());
      assertFalse(definition.isDone(), "other requests wait for the analysis");
    } finally {
      release.countDown();
    }
    Hover after = server.getTextDocumentService().hover(
        new HoverParams(new TextDocumentIdentifier(modelUri), at(edited, "role Clerk", "Clerk")))
        .get(Connection.TIMEOUT_S, TimeUnit.SECONDS);
    assertTrue(after.getContents().getRight().getValue().contains("Owns the client."), after::toString);
    server.analyzer().beforeEachAnalysis(() -> { });
  }

  private static Path checkout() {
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("examples")) && Files.isDirectory(p.resolve("src/compiler"))) {
        return p;
      }
    }
    throw new IllegalStateException("not inside the checkout");
  }
}
