package dev.flow.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A language server running in this JVM, talked to over pipes by an LSP4J client, as an editor
 * would talk to {@code flowc lsp}: everything goes through JSON-RPC.
 */
final class Connection implements AutoCloseable {
  static final long TIMEOUT_S = 20;
  private static final int PIPE_SIZE = 1 << 20;

  final TestClient client = new TestClient();
  final LanguageServer server;
  final ByteArrayOutputStream serverLog = new ByteArrayOutputStream();
  private final ExecutorService serverThread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "test-server");
    t.setDaemon(true);
    return t;
  });
  private final Future<Integer> exitCode;
  private final Future<Void> listening;
  private final OutputStream toServer;
  private boolean closed;

  private Connection() throws IOException {
    PipedInputStream serverIn = new PipedInputStream(PIPE_SIZE);
    toServer = new PipedOutputStream(serverIn);
    PipedInputStream clientIn = new PipedInputStream(PIPE_SIZE);
    OutputStream serverOut = new PipedOutputStream(clientIn);
    PrintStream log = new PrintStream(serverLog, true, StandardCharsets.UTF_8);
    exitCode = serverThread.submit(() -> FlowLsp.run(serverIn, serverOut, log, "test"));
    Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, clientIn, toServer);
    server = launcher.getRemoteProxy();
    listening = launcher.startListening();
  }

  /** Starts a server on a workspace folder (or none) and initializes it. */
  static Connection start(Path root) throws Exception {
    return start(root, null);
  }

  /** Starts a server on a workspace folder with initialization options. */
  static Connection start(Path root, Object options) throws Exception {
    Connection c = new Connection();
    InitializeParams params = new InitializeParams();
    params.setInitializationOptions(options);
    if (root != null) {
      params.setWorkspaceFolders(List.of(new WorkspaceFolder(root.toUri().toString(), "test")));
    }
    ClientCapabilities caps = new ClientCapabilities();
    WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
    ws.setDidChangeWatchedFiles(new DidChangeWatchedFilesCapabilities(true));
    caps.setWorkspace(ws);
    params.setCapabilities(caps);
    InitializeResult result = c.server.initialize(params).get(TIMEOUT_S, TimeUnit.SECONDS);
    assertEquals("flowc", result.getServerInfo().getName());
    c.server.initialized(new InitializedParams());
    return c;
  }

  // ---- documents ----------------------------------------------------------------------------------

  void open(String uri, String text) {
    server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "flow", 1, text)));
  }

  void replace(String uri, int version, String text) {
    server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
        new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(text))));
  }

  void edit(String uri, int version, Range range, String text) {
    server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
        new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(range, text))));
  }

  void close(String uri) {
    server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
  }

  /** Waits until the diagnostics published for {@code uri} satisfy {@code test}; gives them. */
  PublishDiagnosticsParams diagnostics(String uri, Predicate<PublishDiagnosticsParams> test) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    synchronized (client) {
      while (true) {
        PublishDiagnosticsParams p = client.diagnostics.get(uri);
        if (p != null && test.test(p)) {
          return p;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          fail("no diagnostics as expected for " + uri + "; last: " + p + "\nserver log:\n" + serverLog()
              + "\nthreads:\n" + threads());
        }
        client.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
  }

  /** Every thread's stack, to see what waits when something times out. */
  static String threads() {
    StringBuilder out = new StringBuilder();
    for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
      out.append(t);
    }
    return out.toString();
  }

  String serverLog() {
    return serverLog.toString(StandardCharsets.UTF_8);
  }

  // ---- requests -----------------------------------------------------------------------------------

  <T> T get(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer; server log:\n" + serverLog() + "\nthreads:\n" + threads(), e);
    }
  }

  Hover hover(String uri, Position p) throws Exception {
    return get(server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), p)));
  }

  List<? extends Location> definition(String uri, Position p) throws Exception {
    return get(server.getTextDocumentService().definition(new DefinitionParams(new TextDocumentIdentifier(uri), p)))
        .getLeft();
  }

  List<? extends Location> references(String uri, Position p, boolean declaration) throws Exception {
    return get(server.getTextDocumentService().references(
        new ReferenceParams(new TextDocumentIdentifier(uri), p, new ReferenceContext(declaration))));
  }

  List<CompletionItem> completion(String uri, Position p) throws Exception {
    return get(server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri), p)))
        .getRight().getItems();
  }

  List<DocumentSymbol> symbols(String uri) throws Exception {
    return get(server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri))))
        .stream().map(e -> e.getRight()).toList();
  }

  List<? extends WorkspaceSymbol> workspaceSymbols(String query) throws Exception {
    return get(server.getWorkspaceService().symbol(new WorkspaceSymbolParams(query))).getRight();
  }

  /** Shuts the server down properly and checks that it exits with 0. */
  @Override
  public void close() throws IOException, ExecutionException, TimeoutException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.shutdown().get(TIMEOUT_S, TimeUnit.SECONDS);
      server.exit();
      assertEquals(0, exitCode.get(TIMEOUT_S, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing", e);
    } catch (TimeoutException e) {
      throw new AssertionError("the server did not shut down; its log:\n" + serverLog() + "\nthreads:\n" + threads(), e);
    } finally {
      listening.cancel(true);
      toServer.close();
      serverThread.shutdownNow();
    }
  }
}
