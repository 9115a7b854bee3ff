package dev.flow.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.PositionEncodingKind;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.WorkspaceFoldersOptions;
import org.eclipse.lsp4j.WorkspaceServerCapabilities;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The Flow language server: diagnostics, hover, definition, references, completion, document and
 * workspace symbols, formatting, quick fixes and rename for {@code .flow} files, built on the compiler's front end. Every
 * {@code .flow} file under the workspace folders, with the editor's open buffers in place of the
 * files on disk, is compiled as one model, as {@code flowc check} would.
 */
public final class FlowLanguageServer implements LanguageServer, LanguageClientAware {
  private final ServerLog log;
  private final Workspace workspace;
  private final Analyzer analyzer;
  private final FlowTextDocumentService documents;
  private final FlowWorkspaceService workspaceService;
  private final String version;
  private volatile LanguageClient client;
  private volatile boolean shutdownRequested;
  private volatile IntConsumer onExit = code -> { };
  private ClientCapabilities capabilities = new ClientCapabilities();

  /**
   * @param log where the server's own messages go besides the client's log (stderr for {@code flowc lsp})
   * @param version what the server reports as its version
   */
  public FlowLanguageServer(java.io.PrintStream log, String version) {
    this.log = new ServerLog(log);
    this.workspace = new Workspace(this.log);
    this.analyzer = new Analyzer(workspace, this.log);
    this.documents = new FlowTextDocumentService(workspace, analyzer, this.log);
    this.workspaceService = new FlowWorkspaceService(workspace, analyzer, this.log);
    this.version = version;
  }

  @Override
  public void connect(LanguageClient languageClient) {
    this.client = languageClient;
    log.connect(languageClient);
    analyzer.connect(languageClient);
  }

  /** What to do on the {@code exit} notification: given 0 after a {@code shutdown} request, else 1. */
  public void onExit(IntConsumer action) {
    this.onExit = action;
  }

  /** Whether a {@code shutdown} request came. */
  public boolean shutdownRequested() {
    return shutdownRequested;
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    try {
      if (params.getCapabilities() != null) {
        capabilities = params.getCapabilities();
      }
      List<Path> roots = roots(params);
      workspace.setRoots(roots);
    } catch (RuntimeException e) {
      log.error("initialize: cannot read the workspace folders", e);
    }
    return CompletableFuture.completedFuture(new InitializeResult(capabilities(), new ServerInfo("flowc", version)));
  }

  /**
   * The folders whose {@code .flow} files make the model: the workspace folders, or, when the
   * client gives {@code "roots"} in its initialization options, those folders (each relative to
   * every workspace folder, or absolute), so that a repository can leave out test fixtures.
   */
  @SuppressWarnings("deprecation") // rootUri and rootPath: older clients send no workspace folders
  static List<Path> roots(InitializeParams params) {
    List<Path> folders = new ArrayList<>();
    if (params.getWorkspaceFolders() != null && !params.getWorkspaceFolders().isEmpty()) {
      for (WorkspaceFolder f : params.getWorkspaceFolders()) {
        Workspace.pathOf(f.getUri()).ifPresent(folders::add);
      }
    } else if (params.getRootUri() != null) {
      Workspace.pathOf(params.getRootUri()).ifPresent(folders::add);
    } else if (params.getRootPath() != null) {
      folders.add(Path.of(params.getRootPath()).toAbsolutePath().normalize());
    }
    List<String> chosen = chosenRoots(params.getInitializationOptions());
    if (chosen.isEmpty()) {
      return folders;
    }
    List<Path> roots = new ArrayList<>();
    for (String r : chosen) {
      Path p = Path.of(r);
      if (p.isAbsolute()) {
        roots.add(p.normalize());
      } else {
        folders.forEach(f -> roots.add(f.resolve(p).normalize()));
      }
    }
    return roots;
  }

  /** The {@code "roots"} of the initialization options ({@code {"roots": ["examples"]}}), when given. */
  private static List<String> chosenRoots(Object options) {
    List<String> out = new ArrayList<>();
    if (options instanceof JsonObject o && o.get("roots") instanceof JsonArray roots) {
      for (JsonElement e : roots) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
          out.add(e.getAsString());
        }
      }
    }
    return out;
  }

  static ServerCapabilities capabilities() {
    ServerCapabilities c = new ServerCapabilities();
    c.setPositionEncoding(PositionEncodingKind.UTF16);
    TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
    sync.setOpenClose(true);
    sync.setChange(TextDocumentSyncKind.Incremental);
    sync.setSave(new SaveOptions(false));
    c.setTextDocumentSync(sync);
    c.setHoverProvider(true);
    c.setDefinitionProvider(true);
    c.setReferencesProvider(true);
    c.setCompletionProvider(new CompletionOptions(false, List.of(".", "(", ",", ":")));
    c.setDocumentSymbolProvider(true);
    c.setWorkspaceSymbolProvider(true);
    c.setDocumentFormattingProvider(true);
    c.setDocumentRangeFormattingProvider(true);
    c.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
    c.setRenameProvider(new RenameOptions(true));
    WorkspaceFoldersOptions folders = new WorkspaceFoldersOptions();
    folders.setSupported(true);
    folders.setChangeNotifications(true);
    c.setWorkspace(new WorkspaceServerCapabilities(folders));
    return c;
  }

  @Override
  public void initialized(InitializedParams params) {
    analyzer.now();
    watchFlowFiles();
  }

  /** Asks the client to report changes to {@code .flow} files on disk, when it can. */
  private void watchFlowFiles() {
    LanguageClient c = client;
    boolean dynamic = capabilities.getWorkspace() != null
        && capabilities.getWorkspace().getDidChangeWatchedFiles() != null
        && Boolean.TRUE.equals(capabilities.getWorkspace().getDidChangeWatchedFiles().getDynamicRegistration());
    if (c == null || !dynamic) {
      return;
    }
    try {
      DidChangeWatchedFilesRegistrationOptions options = new DidChangeWatchedFilesRegistrationOptions(
          List.of(new FileSystemWatcher(Either.forLeft("**/*.flow"))));
      c.registerCapability(new RegistrationParams(List.of(
          new Registration("flow-watch-files", "workspace/didChangeWatchedFiles", options))))
          .exceptionally(e -> {
            log.error("the client did not register the file watcher", e);
            return null;
          });
    } catch (RuntimeException e) {
      log.error("cannot register the file watcher", e);
    }
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdownRequested = true;
    // Answered after every request before it, then the analysis thread takes no more work.
    return analyzer.drained().thenApply(done -> {
      analyzer.shutdown();
      return null;
    });
  }

  @Override
  public void exit() {
    analyzer.shutdown();
    onExit.accept(shutdownRequested ? 0 : 1);
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return documents;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return workspaceService;
  }

  /** The analyzer, for tests in this package. */
  Analyzer analyzer() {
    return analyzer;
  }
}
