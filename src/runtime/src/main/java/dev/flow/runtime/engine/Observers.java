package dev.flow.runtime.engine;

import dev.flow.runtime.EngineListener;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.LogEntry;
import dev.flow.runtime.Notification;
import dev.flow.runtime.history.Recorded;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tells the engine's listeners what happened. A listener that throws is reported and ignored: it
 * never changes what happens to an instance.
 */
public final class Observers {
  private static final System.Logger LOG = System.getLogger("dev.flow.runtime");

  private final List<EngineListener> listeners;

  public Observers(List<EngineListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /** Whether any listener is registered (else nothing need be made to tell them). */
  boolean listening() {
    return !listeners.isEmpty();
  }

  void state(String instanceId, InstanceState state) {
    if (listeners.isEmpty()) {
      return;
    }
    each(l -> l.onStateChange(instanceId, state));
  }

  void history(Instance instance, Recorded recorded) {
    if (listeners.isEmpty()) {
      return;
    }
    dev.flow.runtime.HistoryEvent event = Views.legacy(recorded);
    if (event != null) {
      each(l -> l.onHistory(instance.id, event));
    }
    for (LogEntry row : Views.rows(instance.id, instance.workflow(), instance.definition.simpleName(), recorded,
        id -> instance.history.step(id).system())) {
      each(l -> l.onLog(row));
    }
  }

  void notification(Notification notification) {
    each(l -> l.onNotification(notification));
  }

  private void each(Consumer<EngineListener> call) {
    for (EngineListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "an engine listener failed; the engine goes on", e);
      }
    }
  }
}
