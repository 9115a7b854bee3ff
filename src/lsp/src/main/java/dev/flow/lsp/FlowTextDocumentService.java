package dev.flow.lsp;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The text document half of the protocol: keeps the workspace's open buffers in step with the
 * editor (full or incremental changes) and answers hover, definition, references, completion
 * and document symbols on the analysis thread. Every handler catches what goes wrong, logs it,
 * and answers with nothing rather than failing the connection.
 */
final class FlowTextDocumentService implements TextDocumentService {
  private final Workspace workspace;
  private final Analyzer analyzer;
  private final ServerLog log;

  FlowTextDocumentService(Workspace workspace, Analyzer analyzer, ServerLog log) {
    this.workspace = workspace;
    this.analyzer = analyzer;
    this.log = log;
  }

  // ---- synchronization --------------------------------------------------------------------------

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    guard("didOpen", () -> {
      var doc = params.getTextDocument();
      workspace.opened(doc.getUri(), doc.getText(), doc.getVersion());
      analyzer.now();
    });
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    guard("didChange", () -> {
      String uri = params.getTextDocument().getUri();
      Optional<String> before = workspace.openText(uri);
      if (before.isEmpty()) {
        log.info("change of a document that is not open: " + uri);
        return;
      }
      String text = before.get();
      for (TextDocumentContentChangeEvent change : params.getContentChanges()) {
        text = apply(text, change);
      }
      workspace.changed(uri, text, params.getTextDocument().getVersion());
      analyzer.changed();
    });
  }

  /** A change applied to a text: the whole new text, or a range (in UTF-16 positions) replaced. */
  static String apply(String text, TextDocumentContentChangeEvent change) {
    if (change.getRange() == null) {
      return change.getText();
    }
    LineIndex lines = new LineIndex(text);
    int start = lines.offset(change.getRange().getStart());
    int end = Math.max(start, lines.offset(change.getRange().getEnd()));
    return text.substring(0, start) + change.getText() + text.substring(end);
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    guard("didClose", () -> {
      workspace.closed(params.getTextDocument().getUri());
      analyzer.changed();
    });
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    // The open buffer is what counts while the document is open; nothing to do.
  }

  // ---- requests ---------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    return at("hover", params.getTextDocument().getUri(), params.getPosition(), null, Hovers::at);
  }

  @Override
  public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
      DefinitionParams params) {
    return at("definition", params.getTextDocument().getUri(), params.getPosition(), Either.forLeft(List.of()),
        place -> Either.forLeft(Navigation.definition(place)));
  }

  @Override
  public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
    boolean declaration = params.getContext() == null || params.getContext().isIncludeDeclaration();
    return at("references", params.getTextDocument().getUri(), params.getPosition(), List.of(),
        place -> Navigation.references(place, declaration));
  }

  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
    return at("completion", params.getTextDocument().getUri(), params.getPosition(),
        Either.forRight(new CompletionList(false, List.of())), place -> Either.forRight(Completions.at(place)));
  }

  @Override
  public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
    return at("documentSymbol", params.getTextDocument().getUri(), new Position(0, 0), List.of(),
        place -> Outline.document(place).stream().<Either<SymbolInformation, DocumentSymbol>>map(Either::forRight).toList());
  }

  /** Answers a request about a place, on the analysis thread; {@code fallback} when it fails or the document is unknown. */
  private <T> CompletableFuture<T> at(String what, String uri, Position position, T fallback, Function<Place, T> answer) {
    return analyzer.read(what, fallback, (current, good) ->
        Place.of(current, good, uri, position).map(answer).orElse(fallback));
  }

  private void guard(String what, Runnable handler) {
    try {
      handler.run();
    } catch (RuntimeException e) {
      log.error(what + " failed", e);
    }
  }
}
