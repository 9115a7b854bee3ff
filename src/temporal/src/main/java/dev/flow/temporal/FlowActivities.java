package dev.flow.temporal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The activities every Flow instance uses: an action step's attempt, a compensation, a
 * notification. An action call is data (the step and its arguments as JSON), so one activity
 * type runs every action of every system with the connectors the worker was given.
 */
@ActivityInterface(namePrefix = "Flow")
public interface FlowActivities {
  /** One attempt of an action step; returns its result as JSON. A declared error fails it without retries. */
  @ActivityMethod
  String perform(Messages.ActionCall call);

  /** Runs a registered compensation once. */
  @ActivityMethod
  void compensate(Messages.CompensationCall call);

  /** Hands a notification to the worker's notifier; returns the problem, or {@code null} when it was taken. */
  @ActivityMethod
  String tell(Messages.NotifyCall call);

  /**
   * Publishes what an instance emitted ({@code emit}), as {@link TemporalFlowRuntime#publish}
   * publishes an event, with ids derived from the emit, so that a retried attempt neither starts
   * nor hands over anything twice.
   */
  @ActivityMethod
  void publish(Messages.Emitted emitted);
}
