package dev.flow.runtime;

/** Hears everything the engine does, e.g. to print a trace or feed a monitoring system. */
public interface EngineListener {
  /** An entry was appended to an instance's history. */
  default void onHistory(String instanceId, HistoryEvent event) {}

  /** A row was added to the event log. */
  default void onLog(LogEntry entry) {}

  /** A notification was sent. */
  default void onNotification(Notification notification) {}

  /** An instance changed state. */
  default void onStateChange(String instanceId, InstanceState state) {}
}
