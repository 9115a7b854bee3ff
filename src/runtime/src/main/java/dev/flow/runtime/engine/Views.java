package dev.flow.runtime.engine;

import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.HistoryEvent.Type;
import dev.flow.runtime.LogEntry;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.history.TimerPurpose;
import dev.flow.runtime.replay.Words;
import java.util.ArrayList;
import java.util.List;

/**
 * Projections of typed history entries: the event log's rows (the data process mining runs on)
 * and the worded {@link HistoryEvent}s of the first runtime's API. Both are computed from the
 * history, never kept as a second record.
 */
public final class Views {
  private Views() {}

  /** The step's name in a step occurrence id: {@code doc[2]/fileDoc#3} is {@code fileDoc}, {@code @notify#2} {@code notify}. */
  public static String stepName(String stepId) {
    String last = stepId.substring(stepId.lastIndexOf('/') + 1);
    int tilde = last.indexOf('~');
    if (tilde >= 0) {
      last = last.substring(0, tilde);
    }
    int hash = last.indexOf('#');
    if (hash >= 0) {
      last = last.substring(0, hash);
    }
    return last.startsWith("@") ? last.substring(1) : last;
  }

  /**
   * The event-log rows an entry makes.
   *
   * @param instanceId the case
   * @param workflow the workflow's qualified name
   * @param simpleName the workflow's simple name (the activity of the instance's own rows)
   */
  public static List<LogEntry> rows(String instanceId, String workflow, String simpleName, Recorded recorded,
      java.util.function.Function<String, String> systemOf) {
    List<LogEntry> rows = new ArrayList<>(2);
    HistoryEntry entry = recorded.entry();
    String step = stepName(entry.stepId());
    if (entry instanceof HistoryEntry.InstanceStarted) {
      rows.add(row(instanceId, workflow, simpleName, "start", recorded, ""));
    } else if (entry instanceof HistoryEntry.InstanceEnded) {
      rows.add(row(instanceId, workflow, simpleName, "complete", recorded, ""));
    } else if (entry instanceof HistoryEntry.ActionScheduled e && e.attempt() == 1) {
      rows.add(row(instanceId, workflow, e.step(), "start", recorded, e.system()));
    } else if (entry instanceof HistoryEntry.ActionCompleted || entry instanceof HistoryEntry.ActionFailed
        || entry instanceof HistoryEntry.ActionRaised) {
      rows.add(row(instanceId, workflow, step, "complete", recorded, systemOf.apply(entry.stepId())));
    } else if (entry instanceof HistoryEntry.TaskCreated e) {
      rows.add(row(instanceId, workflow, e.step(), "start", recorded, e.role()));
    } else if (entry instanceof HistoryEntry.TaskCompleted e) {
      rows.add(row(instanceId, workflow, step, "complete", recorded, e.by()));
    } else if (entry instanceof HistoryEntry.TaskWithdrawn) {
      rows.add(row(instanceId, workflow, step, "withdraw", recorded, ""));
    } else if (entry instanceof HistoryEntry.TaskClaimed e) {
      rows.add(row(instanceId, workflow, step, "claim", recorded, e.principal()));
    } else if (entry instanceof HistoryEntry.TaskAssigned e) {
      rows.add(row(instanceId, workflow, step, "assign", recorded, e.assignee()));
    } else if (entry instanceof HistoryEntry.TimerSet e && e.purpose() == TimerPurpose.WAIT) {
      rows.add(row(instanceId, workflow, "wait", "start", recorded, ""));
    } else if (entry instanceof HistoryEntry.TimerFired && !entry.stepId().contains("~")
        && !entry.stepId().startsWith("@deadline")) {
      rows.add(row(instanceId, workflow, "wait", "complete", recorded, ""));
    } else if (entry instanceof HistoryEntry.ReceiveWaiting e) {
      rows.add(row(instanceId, workflow, e.step(), "start", recorded, ""));
    } else if (entry instanceof HistoryEntry.EventReceived || entry instanceof HistoryEntry.ReceiveTimedOut) {
      rows.add(row(instanceId, workflow, step, "complete", recorded, ""));
    } else if (entry instanceof HistoryEntry.ReceiveCancelled) {
      rows.add(row(instanceId, workflow, step, "withdraw", recorded, ""));
    } else if (entry instanceof HistoryEntry.ChildStarted e) {
      rows.add(row(instanceId, workflow, e.step(), "start", recorded, simple(e.workflow())));
      if (!e.awaited()) {
        rows.add(row(instanceId, workflow, e.step(), "complete", recorded, simple(e.workflow())));
      }
    } else if (entry instanceof HistoryEntry.ChildEnded) {
      rows.add(row(instanceId, workflow, step, "complete", recorded, ""));
    } else if (entry instanceof HistoryEntry.ChildCancelRequested) {
      rows.add(row(instanceId, workflow, step, "withdraw", recorded, ""));
    } else if (entry instanceof HistoryEntry.NotifyRequested e && !e.stepId().contains("~")) {
      String via = e.via() == null ? "" : e.via();
      rows.add(row(instanceId, workflow, "notify", "start", recorded, via));
      rows.add(row(instanceId, workflow, "notify", "complete", recorded, via));
    } else if (entry instanceof HistoryEntry.EventEmitted e) {
      Object event = e.event().value();
      rows.add(row(instanceId, workflow, "emit", "complete", recorded, event == null ? "" : event.getClass().getSimpleName()));
    } else if (entry instanceof HistoryEntry.Breached e) {
      rows.add(row(instanceId, workflow, e.step(), "breach", recorded, e.escalateTo() == null ? "" : e.escalateTo()));
    } else if (entry instanceof HistoryEntry.CompensationScheduled) {
      rows.add(row(instanceId, workflow, "compensate " + step, "start", recorded, ""));
    } else if (entry instanceof HistoryEntry.Compensated || entry instanceof HistoryEntry.CompensationFailed) {
      rows.add(row(instanceId, workflow, "compensate " + step, "complete", recorded, ""));
    } else if (entry instanceof HistoryEntry.IncidentOpened) {
      rows.add(row(instanceId, workflow, step, "suspend", recorded, ""));
    } else if (entry instanceof HistoryEntry.IncidentResolved e
        && e.resolution() == HistoryEntry.IncidentResolved.Resolution.RETRIED) {
      rows.add(row(instanceId, workflow, step, "resume", recorded, e.by()));
    }
    return rows;
  }

  private static String simple(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }

  private static LogEntry row(String instanceId, String workflow, String activity, String lifecycle, Recorded recorded,
      String resource) {
    return new LogEntry(instanceId, workflow, activity, lifecycle, recorded.at(), resource == null ? "" : resource);
  }

  /**
   * The worded view of an entry, as the first runtime's history showed it; {@code null} for the
   * entries it did not have (commands such as {@code ActionScheduled}): read the typed entries for those.
   */
  public static HistoryEvent legacy(Recorded recorded) {
    HistoryEvent event = event(recorded);
    return switch (event.type()) {
      case ACTION_SCHEDULED, COMPENSATION_REGISTERED, COMPENSATION_SCHEDULED, TASK_ASSIGNED, TASK_WITHDRAWN,
          TIMER_CANCELLED, RECEIVE_CANCELLED, CHILD_CANCEL_REQUESTED, NOTIFY_REQUESTED, CANCEL_REQUESTED,
          LOOP_CHECKPOINT -> null;
      default -> event;
    };
  }

  /** The worded view of an entry. */
  public static HistoryEvent event(Recorded recorded) {
    HistoryEntry entry = recorded.entry();
    String id = entry.stepId();
    String stepId = id.isEmpty() ? "@instance" : id;
    String step = stepName(id);
    Type type;
    Object value = null;
    String detail = "";
    if (entry instanceof HistoryEntry.InstanceStarted e) {
      type = Type.INSTANCE_STARTED;
      value = e.input().value();
      detail = e.workflow() + " v" + e.version();
      step = simple(e.workflow());
    } else if (entry instanceof HistoryEntry.InstanceEnded e) {
      type = Type.INSTANCE_ENDED;
      value = e.output().value();
      detail = switch (e.state()) {
        case COMPLETED -> "completed";
        case FAILED -> "failed at " + e.failedStep() + ": " + e.message();
        default -> "cancelled: " + e.message();
      };
    } else if (entry instanceof HistoryEntry.CancelRequested e) {
      type = Type.CANCEL_REQUESTED;
      detail = e.reason();
    } else if (entry instanceof HistoryEntry.ActionScheduled e) {
      type = Type.ACTION_SCHEDULED;
      detail = "attempt " + e.attempt() + " of " + e.system() + "." + e.action();
    } else if (entry instanceof HistoryEntry.ActionCompleted e) {
      type = Type.ACTION_COMPLETED;
      value = e.result().value();
      detail = "attempt " + e.attempt();
    } else if (entry instanceof HistoryEntry.AttemptFailed e) {
      type = Type.ATTEMPT_FAILED;
      detail = e.message();
    } else if (entry instanceof HistoryEntry.ActionFailed e) {
      type = Type.ACTION_FAILED;
      detail = e.message();
    } else if (entry instanceof HistoryEntry.ActionRaised e) {
      type = Type.ACTION_FAILED; // a declared error: the step failed with a business outcome
      value = e.error().value();
      detail = e.message();
    } else if (entry instanceof HistoryEntry.CompensationRegistered e) {
      type = Type.COMPENSATION_REGISTERED;
      detail = e.system() + "." + e.action();
    } else if (entry instanceof HistoryEntry.CompensationScheduled) {
      type = Type.COMPENSATION_SCHEDULED;
      stepId = "compensate:" + id;
    } else if (entry instanceof HistoryEntry.Compensated) {
      type = Type.COMPENSATED;
      stepId = "compensate:" + id;
    } else if (entry instanceof HistoryEntry.CompensationFailed e) {
      type = Type.COMPENSATION_FAILED;
      stepId = "compensate:" + id;
      detail = e.message();
    } else if (entry instanceof HistoryEntry.TaskCreated e) {
      type = Type.TASK_CREATED;
      detail = e.kind() + " by " + String.join(" or ", roles(e));
    } else if (entry instanceof HistoryEntry.TaskClaimed e) {
      type = Type.TASK_ASSIGNED;
      detail = "claimed by " + e.principal();
    } else if (entry instanceof HistoryEntry.TaskReleased e) {
      type = Type.TASK_ASSIGNED;
      detail = "released by " + e.by();
    } else if (entry instanceof HistoryEntry.TaskAssigned e) {
      type = Type.TASK_ASSIGNED;
      detail = "given to " + e.assignee() + " by " + e.by();
    } else if (entry instanceof HistoryEntry.TaskCompleted e) {
      type = Type.TASK_COMPLETED;
      value = e.form().value();
      detail = e.by();
    } else if (entry instanceof HistoryEntry.TaskWithdrawn e) {
      type = Type.TASK_WITHDRAWN;
      detail = e.reason();
    } else if (entry instanceof HistoryEntry.Breached e) {
      type = Type.BREACHED;
      stepId = id.isEmpty() ? "@deadline" : id;
      detail = (id.isEmpty() ? "deadline of " : "time limit of ") + Words.duration(e.limit()) + " passed"
          + (e.escalateTo() == null ? "" : "; escalated to " + e.escalateTo());
    } else if (entry instanceof HistoryEntry.TimerSet e) {
      type = Type.TIMER_SET;
      value = e.due();
      detail = "until " + e.due();
    } else if (entry instanceof HistoryEntry.TimerFired) {
      type = Type.TIMER_FIRED;
    } else if (entry instanceof HistoryEntry.TimerCancelled) {
      type = Type.TIMER_CANCELLED;
    } else if (entry instanceof HistoryEntry.ClockRead e) {
      type = Type.CLOCK_READ;
      value = e.value().value();
      detail = String.valueOf(value);
    } else if (entry instanceof HistoryEntry.ReceiveWaiting e) {
      type = Type.RECEIVE_WAITING;
      value = e.due();
      detail = simple(e.eventType()) + (e.due() == null ? "" : " until " + e.due());
    } else if (entry instanceof HistoryEntry.EventReceived e) {
      type = Type.EVENT_RECEIVED;
      value = e.event().value();
      detail = value == null ? "" : value.getClass().getSimpleName();
    } else if (entry instanceof HistoryEntry.ReceiveTimedOut) {
      type = Type.RECEIVE_TIMED_OUT;
      detail = "no event in time";
    } else if (entry instanceof HistoryEntry.ReceiveCancelled) {
      type = Type.RECEIVE_CANCELLED;
    } else if (entry instanceof HistoryEntry.ChildStarted e) {
      type = Type.CHILD_STARTED;
      detail = e.childId();
    } else if (entry instanceof HistoryEntry.ChildEnded e) {
      type = e.state() == dev.flow.runtime.InstanceState.COMPLETED ? Type.CHILD_COMPLETED : Type.CHILD_FAILED;
      value = e.output().value();
      detail = e.message() == null ? "" : e.message();
    } else if (entry instanceof HistoryEntry.ChildCancelRequested e) {
      type = Type.CHILD_CANCEL_REQUESTED;
      detail = e.childId();
    } else if (entry instanceof HistoryEntry.NotifyRequested e) {
      type = Type.NOTIFY_REQUESTED;
      detail = e.role() != null ? "role " + e.role() : e.address();
    } else if (entry instanceof HistoryEntry.Notified e) {
      type = Type.NOTIFIED;
      detail = e.problem() == null ? "" : "not delivered: " + e.problem();
    } else if (entry instanceof HistoryEntry.FirstDecided e) {
      type = Type.FIRST_DECIDED;
      detail = e.winner();
    } else if (entry instanceof HistoryEntry.LoopCheckpoint e) {
      type = Type.LOOP_CHECKPOINT;
      detail = "round " + e.round();
    } else if (entry instanceof HistoryEntry.BranchEnded e) {
      type = Type.BRANCH_ENDED;
      detail = e.branch();
    } else if (entry instanceof HistoryEntry.SignalRaised e) {
      type = Type.SIGNAL_RAISED;
      detail = e.signal();
    } else if (entry instanceof HistoryEntry.SignalTaken e) {
      type = Type.SIGNAL_TAKEN;
      detail = e.signal();
    } else if (entry instanceof HistoryEntry.ExclusiveEntered e) {
      type = Type.EXCLUSIVE_ENTERED;
      detail = e.name();
    } else if (entry instanceof HistoryEntry.ExclusiveLeft e) {
      type = Type.EXCLUSIVE_LEFT;
      detail = e.name();
    } else if (entry instanceof HistoryEntry.RegionEntered e) {
      type = Type.REGION_ENTERED;
      detail = e.region();
    } else if (entry instanceof HistoryEntry.RegionEnded e) {
      type = Type.REGION_ENDED;
      detail = e.cancelled() ? e.region() + " cancelled" : e.region();
    } else if (entry instanceof HistoryEntry.RegionCancelled e) {
      type = Type.REGION_CANCELLED;
      detail = e.region();
    } else if (entry instanceof HistoryEntry.IncidentOpened e) {
      type = Type.INCIDENT_OPENED;
      detail = "waits for an operator after " + e.attempts() + (e.attempts() == 1 ? " attempt: " : " attempts: ")
          + e.message();
    } else if (entry instanceof HistoryEntry.IncidentResolved e) {
      type = Type.INCIDENT_RESOLVED;
      detail = incident(e);
    } else if (entry instanceof HistoryEntry.EventEmitted e) {
      type = Type.EVENT_EMITTED;
      value = e.event().value();
      detail = value == null ? "" : value.getClass().getSimpleName();
    } else if (entry instanceof HistoryEntry.EventPublished e) {
      type = Type.EVENT_PUBLISHED;
      detail = "event " + e.sequence();
    } else if (entry instanceof HistoryEntry.ErrorRaised e) {
      type = Type.ERROR_RAISED;
      value = e.error().value();
      detail = simple(e.errorType().replace('$', '.'));
    } else {
      throw new IllegalStateException("no view of " + entry);
    }
    return new HistoryEvent(recorded.sequence(), recorded.at(), stepId, step, type, value, detail);
  }

  /** How an incident was resolved, in words: {@code retried by ann}, {@code failed by ann: wrong account}. */
  public static String incident(HistoryEntry.IncidentResolved e) {
    String how = switch (e.resolution()) {
      case RETRIED -> "retried by " + e.by();
      case FAILED -> "failed by " + e.by();
      case WITHDRAWN -> "withdrawn";
    };
    return e.reason() == null || e.reason().isBlank() ? how : how + ": " + e.reason();
  }

  /** A task's role and its other roles ({@code by Sales or Accounting}), in order. */
  private static List<String> roles(HistoryEntry.TaskCreated e) {
    List<String> roles = new ArrayList<>();
    roles.add(e.role());
    roles.addAll(e.otherRoles());
    return roles;
  }
}
