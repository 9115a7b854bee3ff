package dev.flow.lsp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The workspace half of the protocol: workspace symbols, and files and folders that change outside the editor. */
final class FlowWorkspaceService implements WorkspaceService {
  /** At most this many workspace symbols in one answer. */
  static final int SYMBOL_LIMIT = 500;

  private final Workspace workspace;
  private final Analyzer analyzer;
  private final ServerLog log;

  FlowWorkspaceService(Workspace workspace, Analyzer analyzer, ServerLog log) {
    this.workspace = workspace;
    this.analyzer = analyzer;
    this.log = log;
  }

  @Override
  public CompletableFuture<Either<List<? extends SymbolInformation>, List<? extends WorkspaceSymbol>>> symbol(
      WorkspaceSymbolParams params) {
    String query = params == null || params.getQuery() == null ? "" : params.getQuery();
    return analyzer.read("workspace symbols", Either.forRight(List.of()),
        (current, good) -> Either.forRight(Outline.workspace(current, good, query, SYMBOL_LIMIT)));
  }

  @Override
  public void didChangeConfiguration(DidChangeConfigurationParams params) {
    // The server has no settings.
  }

  @Override
  public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    if (params == null || params.getChanges() == null) {
      return;
    }
    try {
      for (FileEvent e : params.getChanges()) {
        workspace.diskChanged(e.getUri());
      }
      analyzer.changed();
    } catch (RuntimeException e) {
      log.error("didChangeWatchedFiles failed", e);
    }
  }

  @Override
  public void didChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams params) {
    if (params == null || params.getEvent() == null || params.getEvent().getRemoved() == null
        || params.getEvent().getAdded() == null) {
      return;
    }
    try {
      List<java.nio.file.Path> roots = new java.util.ArrayList<>(workspace.roots());
      for (WorkspaceFolder removed : params.getEvent().getRemoved()) {
        Workspace.pathOf(removed.getUri()).ifPresent(roots::remove);
      }
      for (WorkspaceFolder added : params.getEvent().getAdded()) {
        Workspace.pathOf(added.getUri()).ifPresent(roots::add);
      }
      workspace.setRoots(roots);
      analyzer.changed();
    } catch (RuntimeException e) {
      log.error("didChangeWorkspaceFolders failed", e);
    }
  }
}
