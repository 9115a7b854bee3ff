package dev.flow.temporal;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A workflow's {@code starts every} schedule on Temporal: one long-running Temporal workflow per
 * scheduled Flow workflow (id {@code flow-schedule:NAME}) that sleeps on a durable timer until
 * the next firing and starts an instance then; it continues as new every
 * {@value FlowScheduleImpl#FIRINGS_PER_RUN} firings, so its history stays small.
 */
@WorkflowInterface
public interface FlowSchedule {
  /** The Temporal workflow type of the schedules. */
  String TYPE = "FlowSchedule";

  /**
   * Starts the workflow on its schedule, for good.
   *
   * @param workflow the Flow workflow's qualified name (its newest version on the worker is started)
   * @param zone the zone of the schedule's times
   */
  @WorkflowMethod(name = TYPE)
  void run(String workflow, String zone);
}
