package dev.flow.runtime.engine;

import dev.flow.runtime.Incident;
import dev.flow.runtime.IncidentException;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.HistoryEntry.IncidentResolved.Resolution;
import dev.flow.runtime.replay.StepRecord;
import dev.flow.runtime.store.IncidentRow;
import java.util.List;
import java.util.Objects;

/**
 * The operator's side of incidents: lists the open ones (from the store's index) and resolves
 * one. A retry commits {@code IncidentResolved(RETRIED)} and runs the instance again, so the action
 * is attempted with a fresh budget of its retry policy; a fail commits {@code IncidentResolved(FAILED)}
 * with the step's {@code ActionFailed}, so the step fails as if its retries had run out (a
 * {@code try} around it catches it, else the instance fails and is compensated).
 */
public final class IncidentDesk {
  private final Core core;

  public IncidentDesk(Core core) {
    this.core = core;
  }

  /** The open incidents, oldest first. */
  public List<Incident> open() {
    return core.store().openIncidents().stream().map(IncidentDesk::incident).toList();
  }

  private static Incident incident(IncidentRow row) {
    return new Incident(row.id(), row.instanceId(), row.workflow(), row.stepId(), row.step(), row.attempts(), row.message(),
        row.opened());
  }

  /** Runs the step's action again, with a fresh attempt budget. */
  public void retry(String incidentId, String by) {
    resolve(incidentId, by, null, false);
  }

  /** Fails the step as if its retries had run out. */
  public void fail(String incidentId, String by, String reason) {
    resolve(incidentId, by, reason, true);
  }

  private void resolve(String incidentId, String by, String reason, boolean fail) {
    Objects.requireNonNull(incidentId, "incidentId");
    if (by == null || by.isBlank()) {
      throw new IncidentException("say who resolves incident " + incidentId + " (the operator's name is empty)");
    }
    int slash = incidentId.indexOf('/');
    String instanceId = slash <= 0 ? null : incidentId.substring(0, slash);
    String stepId = slash <= 0 ? null : incidentId.substring(slash + 1);
    if (instanceId == null || stepId.isEmpty() || core.store().instance(instanceId).isEmpty()) {
      throw new IncidentException("no incident " + incidentId);
    }
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    core.with(instanceId, instance -> {
      StepRecord step = instance.history.step(stepId);
      if (instance.ended() || step == null || !step.incidentOpen()) {
        boolean ever = instance.history.entries().stream().anyMatch(r -> r.entry() instanceof HistoryEntry.IncidentOpened
            && r.entry().stepId().equals(stepId));
        throw new IncidentException(ever
            ? "incident " + incidentId + " is not open: it was resolved already, or its instance ended"
            : "no incident " + incidentId);
      }
      HistoryEntry.IncidentOpened opened = step.incident();
      if (fail) {
        String message = opened.message() + " (failed by " + by + (why == null ? "" : ": " + why) + ")";
        core.commit(instance, List.of(new HistoryEntry.IncidentResolved(stepId, Resolution.FAILED, by, why),
            new HistoryEntry.ActionFailed(stepId, message)));
      } else {
        core.commit(instance, List.of(new HistoryEntry.IncidentResolved(stepId, Resolution.RETRIED, by, why)));
      }
      core.resume(instance);
      return null;
    });
  }
}
