package dev.flow.lsp;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Where the server reports what it does and what went wrong: the client's log
 * ({@code window/logMessage}) once a client is connected, and always stderr (never stdout,
 * which carries the protocol).
 */
final class ServerLog {
  private final PrintStream err;
  private volatile LanguageClient client;

  ServerLog(PrintStream err) {
    this.err = err;
  }

  void connect(LanguageClient c) {
    this.client = c;
  }

  void info(String message) {
    send(MessageType.Log, message);
  }

  /** A failure that the server survives: logged with its stack trace. */
  void error(String message, Throwable e) {
    StringWriter trace = new StringWriter();
    if (e != null) {
      e.printStackTrace(new PrintWriter(trace));
    }
    send(MessageType.Error, message + (e == null ? "" : ": " + e + "\n" + trace));
  }

  private void send(MessageType type, String message) {
    err.println("[flow-lsp] " + message);
    LanguageClient c = client;
    if (c != null) {
      try {
        c.logMessage(new MessageParams(type, message));
      } catch (RuntimeException e) {
        err.println("[flow-lsp] cannot log to the client: " + e);
      }
    }
  }
}
