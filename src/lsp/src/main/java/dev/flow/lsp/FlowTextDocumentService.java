package dev.flow.lsp;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentRangeFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The text document half of the protocol: keeps the workspace's open buffers in step with the
 * editor (full or incremental changes) and answers hover, definition, references, completion
 * document symbols, formatting, quick fixes and rename on the analysis thread (hover and completion
 * about a document as last analysed without waiting behind an analysis: {@link Analyzer#peek}).
 * A request without its document or position (a client's bug) is answered with nothing. Every
 * handler catches what goes wrong, logs it, and answers with nothing rather than failing the connection.
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
      if (params == null || params.getTextDocument() == null || params.getTextDocument().getUri() == null) {
        return;
      }
      var doc = params.getTextDocument();
      workspace.opened(doc.getUri(), doc.getText(), doc.getVersion());
      analyzer.now();
    });
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    guard("didChange", () -> {
      if (params == null || params.getTextDocument() == null || params.getTextDocument().getUri() == null
          || params.getContentChanges() == null) {
        return;
      }
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
      if (params == null || params.getTextDocument() == null || params.getTextDocument().getUri() == null) {
        return;
      }
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
    return params == null ? done(null)
        : at(true, "hover", params.getTextDocument(), params.getPosition(), null, Hovers::at, true);
  }

  @Override
  public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
      DefinitionParams params) {
    Either<List<? extends Location>, List<? extends LocationLink>> none = Either.forLeft(List.of());
    return params == null ? done(none) : at("definition", params.getTextDocument(), params.getPosition(), none,
        place -> Either.forLeft(Navigation.definition(place)));
  }

  @Override
  public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
    if (params == null) {
      return done(List.of());
    }
    boolean declaration = params.getContext() == null || params.getContext().isIncludeDeclaration();
    return at("references", params.getTextDocument(), params.getPosition(), List.of(),
        place -> Navigation.references(place, declaration));
  }

  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
    Either<List<CompletionItem>, CompletionList> none = Either.forRight(new CompletionList(false, List.of()));
    return params == null ? done(none)
        : at(true, "completion", params.getTextDocument(), params.getPosition(), none,
            place -> Either.forRight(Completions.at(place)), false);
  }

  @Override
  public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
    return params == null ? done(List.of()) : at("documentSymbol", params.getTextDocument(), new Position(0, 0), List.of(),
        place -> Outline.document(place).stream().<Either<SymbolInformation, DocumentSymbol>>map(Either::forRight).toList());
  }

  @Override
  public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
    return params == null ? done(List.of())
        : document("formatting", params.getTextDocument(), List.of(), (current, doc) -> Formatting.document(doc));
  }

  @Override
  public CompletableFuture<List<? extends TextEdit>> rangeFormatting(DocumentRangeFormattingParams params) {
    return params == null ? done(List.of())
        : document("rangeFormatting", params.getTextDocument(), List.of(),
            (current, doc) -> Formatting.range(doc, params.getRange()));
  }

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    return params == null ? done(List.of()) : document("codeAction", params.getTextDocument(), List.of(),
        (current, doc) -> CodeActions.at(current, doc, params.getRange()).stream()
            .<Either<Command, CodeAction>>map(Either::forRight).toList());
  }

  @Override
  public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(
      PrepareRenameParams params) {
    return params == null ? done(null) : at("prepareRename", params.getTextDocument(), params.getPosition(), null,
        place -> {
          PrepareRenameResult r = Rename.prepare(place);
          return r == null ? null : Either3.forSecond(r);
        });
  }

  @Override
  public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
    if (params == null) {
      return done(null);
    }
    Optional<String> invalid = Rename.invalid(params.getNewName());
    if (invalid.isPresent()) {
      CompletableFuture<WorkspaceEdit> refused = new CompletableFuture<>();
      refused.completeExceptionally(new ResponseErrorException(
          new ResponseError(ResponseErrorCode.InvalidParams, invalid.get(), null)));
      return refused;
    }
    return at("rename", params.getTextDocument(), params.getPosition(), null, place -> Rename.rename(place, params.getNewName()));
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  /**
   * Answers a request about a place, on the analysis thread; {@code fallback} when it fails, the
   * document is unknown or the client left out the document or the position.
   */
  private <T> CompletableFuture<T> at(
      String what, TextDocumentIdentifier document, Position position, T fallback, Function<Place, T> answer) {
    return at(false, what, document, position, fallback, answer, false);
  }

  /** As above; when {@code peek}, not waiting behind an analysis ({@link Analyzer#peek}). */
  private <T> CompletableFuture<T> at(boolean peek, String what, TextDocumentIdentifier document, Position position,
      T fallback, Function<Place, T> answer, boolean quick) {
    if (document == null || document.getUri() == null || position == null) {
      return done(fallback);
    }
    String uri = document.getUri();
    BiFunction<Snapshot, Snapshot, T> onSnapshot = (current, good) ->
        Place.of(current, good, uri, position).map(answer).orElse(fallback);
    return peek
        ? analyzer.peek(Workspace.keyOf(uri), what, fallback, onSnapshot, quick)
        : analyzer.read(what, fallback, onSnapshot);
  }

  /** Answers a request about a whole document of the current analysis; {@code fallback} as for {@link #at}. */
  private <T> CompletableFuture<T> document(
      String what, TextDocumentIdentifier document, T fallback, BiFunction<Snapshot, Snapshot.Doc, T> answer) {
    if (document == null || document.getUri() == null) {
      return done(fallback);
    }
    String key = Workspace.keyOf(document.getUri());
    return analyzer.read(what, fallback, (current, good) ->
        current.doc(key).map(doc -> answer.apply(current, doc)).orElse(fallback));
  }

  private void guard(String what, Runnable handler) {
    try {
      handler.run();
    } catch (RuntimeException e) {
      log.error(what + " failed", e);
    }
  }
}
