package dev.flow.bench.compiler;

import dev.flow.compiler.source.SourceFile;
import dev.flow.lsp.FlowLanguageServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.services.LanguageClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The language server on a workspace of {@code lines} lines ({@link Corpus}, written to a temporary
 * folder): from a {@code didChange} of one open document to the {@code publishDiagnostics} of its
 * new version, with the debounce set to 0 ({@code -Dflow.lsp.debounceMs=0}) so that only the
 * analysis and the publishing are measured. Each edit adds or removes an unused role (so the
 * diagnostics change each time). {@code check=incremental} is the server as shipped; the baseline
 * {@code check=full} is the same server compiling the whole workspace on every change
 * ({@code -Dflow.lsp.incremental=false}, what it did before).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dflow.lsp.debounceMs=0"})
@State(Scope.Benchmark)
public class LanguageServerLatency {
  /** Lines in the workspace. */
  @Param({"100000"})
  public int lines;

  /** {@code incremental}: the server as shipped; {@code full}: every change compiles the whole workspace. */
  @Param({"incremental", "full"})
  public String check;

  private Path folder;
  private FlowLanguageServer server;
  private final Client client = new Client();
  private String uri;
  private String text;
  private int version = 1;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    System.setProperty("flow.lsp.incremental", String.valueOf(check.equals("incremental")));
    System.setProperty("flow.lsp.debounceMs", "0");
    folder = Files.createTempDirectory("flow-lsp-bench");
    List<SourceFile> files = Corpus.ofLines(lines);
    for (SourceFile f : files) {
      Path to = folder.resolve(f.name());
      Files.createDirectories(to.getParent());
      Files.writeString(to, f.text(), StandardCharsets.UTF_8);
    }
    SourceFile edited = files.stream().filter(f -> f.name().contains("hiring")).findFirst().orElse(files.get(0));
    uri = folder.resolve(edited.name()).toUri().toString();
    text = edited.text();
    server = new FlowLanguageServer(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8), "bench");
    server.connect(client);
    InitializeParams params = new InitializeParams();
    params.setWorkspaceFolders(List.of(new WorkspaceFolder(folder.toUri().toString(), "bench")));
    server.initialize(params).get();
    server.initialized(new InitializedParams());
    server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "flow", version, text)));
    client.await(uri, version);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    server.shutdown().get(60, TimeUnit.SECONDS);
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** One edit, until its diagnostics are published. */
  @Benchmark
  public int didChangeToPublishDiagnostics() throws InterruptedException {
    version++;
    String now = version % 2 == 0 ? text + "\nrole Spare\n" : text;
    server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
        new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(now))));
    return client.await(uri, version);
  }

  /** Keeps the version last published for each document and wakes who waits for one. */
  static final class Client implements LanguageClient {
    private final java.util.Map<String, Integer> versions = new java.util.HashMap<>();
    private int diagnostics;

    synchronized int await(String uri, int version) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (!Integer.valueOf(version).equals(versions.get(uri))) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("no diagnostics for version " + version + " of " + uri);
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return diagnostics;
    }

    @Override
    public synchronized void publishDiagnostics(PublishDiagnosticsParams params) {
      if (params.getVersion() != null) {
        versions.put(params.getUri(), params.getVersion());
      }
      diagnostics = params.getDiagnostics().size();
      notifyAll();
    }

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public void showMessage(MessageParams params) {
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams params) {
    }
  }
}
