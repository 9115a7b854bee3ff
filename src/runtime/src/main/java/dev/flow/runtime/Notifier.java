package dev.flow.runtime;

/**
 * Delivers notifications (e-mail, chat, SMS…). The engine calls it once per {@code notify}; a
 * failure is recorded in the history and does not stop the workflow.
 */
@FunctionalInterface
public interface Notifier {
  /** A notifier that delivers nothing (the engine still keeps every notification in its outbox). */
  Notifier NONE = notification -> { };

  void send(Notification notification) throws Exception;
}
