package dev.flow.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Runs the language server over a pair of streams (stdin and stdout for {@code flowc lsp}) until the client leaves. */
public final class FlowLsp {
  private FlowLsp() {}

  /**
   * Serves one client on {@code in}/{@code out} until the {@code exit} notification or the end of
   * {@code in}; {@code log} gets the server's own messages and never the protocol.
   *
   * @return the exit code: 0 after {@code shutdown} then {@code exit}, else 1 (LSP 3.17, "exit")
   */
  public static int run(InputStream in, OutputStream out, PrintStream log, String version) {
    FlowLanguageServer server = new FlowLanguageServer(log, version);
    Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
    server.connect(launcher.getRemoteProxy());
    AtomicInteger code = new AtomicInteger(-1);
    Future<Void> listening = launcher.startListening();
    server.onExit(c -> {
      code.set(c);
      listening.cancel(true);
    });
    try {
      listening.get();
    } catch (CancellationException e) {
      // exit: the server stopped listening
    } catch (ExecutionException e) {
      log.println("[flow-lsp] the connection failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.analyzer().close();
    }
    return code.get() >= 0 ? code.get() : server.shutdownRequested() ? 0 : 1;
  }
}
