package dev.flow.runtime.api;

import dev.flow.runtime.Breach;
import dev.flow.runtime.EventLog;
import dev.flow.runtime.Notification;
import dev.flow.runtime.TaskInbox;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.WorkflowInstance;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.store.InstanceQuery;
import java.util.List;

/**
 * What an application, the command line, the web server and the tests program against: a
 * backend that runs generated workflows durably. The embedded engine ({@link dev.flow.runtime.Engine})
 * is one; the Temporal backend is another.
 */
public interface FlowRuntime extends AutoCloseable {
  /**
   * Starts an instance of a registered workflow version.
   *
   * @return the new instance's id
   */
  <I> String start(WorkflowDefinition<I, ?> workflow, I input);

  /** Starts an instance of the newest registered version of a workflow, by qualified name. */
  String start(String workflow, Object input);

  /**
   * Publishes an event: it wakes the waiting instances whose {@code receive} it matches (one
   * receive per instance) and starts every workflow that {@code starts on} it.
   */
  Delivery publish(Object event);

  /** Cancels an instance that has not ended: its open work is withdrawn, its completed steps compensated. */
  void cancel(String instanceId, String reason);

  /**
   * An instance as it is now, ended or not.
   *
   * @throws IllegalArgumentException when there is no such instance
   */
  WorkflowInstance instance(String instanceId);

  /**
   * Where an instance stands, without reading its history: what a status check or a wait for
   * an instance's end asks for.
   *
   * @throws IllegalArgumentException when there is no such instance
   */
  default dev.flow.runtime.InstanceState state(String instanceId) {
    return instance(instanceId).state();
  }

  /**
   * The instance a continue-as-new chain is at now, given any instance of it (its first, the id
   * {@code start} returned, most often): the one that has not continued as new, ended or not. An
   * instance that never continued as new is its own. This default follows each ended instance's
   * {@code continued as new as ID}; the engine answers from the chain's facts, without histories.
   * An instance the store's retention dropped is unknown here too; any instance of a chain still
   * kept finds the chain's current instance while that one is kept.
   *
   * @throws IllegalArgumentException when there is no such instance (or no longer), or the chain's
   *     current instance is no longer kept
   */
  default String current(String instanceId) {
    String id = instanceId;
    while (true) {
      WorkflowInstance instance = instance(id);
      String next = instance.state() != dev.flow.runtime.InstanceState.COMPLETED ? null
          : instance.entries().stream().map(Recorded::entry)
              .filter(dev.flow.runtime.history.HistoryEntry.InstanceEnded.class::isInstance)
              .map(e -> ((dev.flow.runtime.history.HistoryEntry.InstanceEnded) e).message())
              .filter(m -> m != null && m.startsWith(CONTINUED_AS_NEW))
              .map(m -> m.substring(CONTINUED_AS_NEW.length())).findFirst().orElse(null);
      if (next == null || next.equals(id)) {
        return id;
      }
      id = next;
    }
  }

  /** How an instance that continued as new ends: this, then the new instance's id. */
  String CONTINUED_AS_NEW = "continued as new as ";

  /** Instances, newest first, as a page. */
  List<WorkflowInstance> instances(InstanceQuery query);

  /** An instance's history as typed entries, oldest first. */
  List<Recorded> history(String instanceId);

  /** The human tasks: listed by role and person, claimed, completed. */
  TaskInbox inbox();

  /**
   * The open incidents, oldest first: action steps whose retries are exhausted and that wait for
   * an operator ({@code then wait for operator}). Read from the store's index, not the histories.
   */
  List<dev.flow.runtime.Incident> incidents();

  /**
   * An operator retries an incident: its step's action runs again, with a fresh attempt budget.
   * Recorded in the history with who did it.
   *
   * @param incidentId the incident's {@link dev.flow.runtime.Incident#id()}
   * @param by the operator's name
   * @throws dev.flow.runtime.IncidentException when there is no such open incident
   */
  void retryIncident(String incidentId, String by);

  /**
   * An operator fails an incident: its step fails as if its retries had run out, so a {@code try}
   * around it catches the failure, else the instance fails and its completed steps are compensated.
   * Recorded in the history with who did it and why.
   *
   * @param reason why, in words (may be empty)
   * @throws dev.flow.runtime.IncidentException when there is no such open incident
   */
  void failIncident(String incidentId, String by, String reason);

  /** Every step start and completion: the event log, a projection of the histories. */
  EventLog eventLog();

  /** Every time limit that passed. */
  List<Breach> breaches();

  /** Every notification requested, oldest first. */
  List<Notification> notifications();

  @Override
  void close();
}
