package dev.flow.lsp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.services.LanguageClient;

/** The client side of a test connection: it keeps what the server sends. */
final class TestClient implements LanguageClient {
  /** The last diagnostics published for each URI. */
  final Map<String, PublishDiagnosticsParams> diagnostics = new ConcurrentHashMap<>();
  /** Every publication, in order. */
  final List<PublishDiagnosticsParams> publications = new CopyOnWriteArrayList<>();
  final List<MessageParams> logs = new CopyOnWriteArrayList<>();
  final List<RegistrationParams> registrations = new CopyOnWriteArrayList<>();

  @Override
  public void telemetryEvent(Object object) {
  }

  @Override
  public void publishDiagnostics(PublishDiagnosticsParams params) {
    synchronized (this) {
      diagnostics.put(params.getUri(), params);
      publications.add(params);
      notifyAll();
    }
  }

  @Override
  public void showMessage(MessageParams params) {
    logs.add(params);
  }

  @Override
  public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void logMessage(MessageParams params) {
    logs.add(params);
  }

  @Override
  public CompletableFuture<Void> registerCapability(RegistrationParams params) {
    registrations.add(params);
    return CompletableFuture.completedFuture(null);
  }
}
