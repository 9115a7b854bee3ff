package dev.flow.runtime.engine;

import dev.flow.runtime.Notification;
import dev.flow.runtime.Notifier;
import dev.flow.runtime.Recipient;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.replay.StepRecord;
import dev.flow.runtime.replay.Words;
import java.util.List;

/**
 * Sends notifications: each was committed as requested first ({@code NotifyRequested}, the
 * outbox), and is marked sent ({@code Notified}) once the notifier took it, so after a crash the
 * ones not marked are sent again (at least once).
 */
public final class Outbox {
  private final Core core;
  private final Notifier notifier;

  public Outbox(Core core, Notifier notifier) {
    this.core = core;
    this.notifier = notifier;
  }

  /** Hands a committed request to the notifier and records how it went. Holds the instance's lock. */
  void send(Instance instance, HistoryEntry.NotifyRequested request) {
    core.beforeSideEffect(instance);
    Notification notification = notification(instance.id, instance.workflow(), request, core.now());
    core.observers.notification(notification);
    String problem = null;
    try {
      notifier.send(notification);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Exception | Error e) {
      problem = Words.failure(e);
    }
    core.commit(instance, List.of(new HistoryEntry.Notified(request.stepId(), problem)));
  }

  /** Sends what was requested and not sent before a restart. Holds the instance's lock. */
  void resend(Instance instance) {
    for (String id : List.copyOf(instance.history.entries().stream()
        .map(r -> r.entry()).filter(e -> e instanceof HistoryEntry.NotifyRequested).map(HistoryEntry::stepId).toList())) {
      StepRecord step = instance.history.step(id);
      if (step != null && !step.notified()) {
        send(instance, step.notification());
      }
    }
  }

  /** The notification a request stands for. */
  public static Notification notification(String instanceId, String workflow, HistoryEntry.NotifyRequested request,
      java.time.Instant at) {
    Recipient recipient = request.role() != null ? Recipient.role(request.role()) : Recipient.address(request.address());
    return new Notification(instanceId, workflow, recipient, request.via(), request.message(), at);
  }
}
