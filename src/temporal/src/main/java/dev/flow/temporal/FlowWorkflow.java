package dev.flow.temporal;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import java.util.List;

/**
 * What a Flow instance, a Temporal workflow whose type is the Flow workflow's qualified name
 * ({@link FlowInstanceWorkflow}), answers to. What arrives from
 * outside is a signal ({@code cancel}) or an update, which Temporal serialises per workflow and
 * whose validator can refuse it without a trace in the history ({@code act} on a task,
 * {@code offer} of a published event); what the instance shows is a query.
 */
@WorkflowInterface
public interface FlowWorkflow {
  /** Cancels the instance: its open work is withdrawn, its completed steps compensated. */
  @SignalMethod
  void cancel(String reason);

  /** Claims, releases, reassigns or completes one of the instance's tasks; refused by {@link #validateAct}. */
  @UpdateMethod
  String act(Messages.TaskAct act);

  /** Refuses an act on an unknown or closed task, one claimed by another or not the principal's, or an unfitting form. */
  @UpdateValidatorMethod(updateName = "act")
  void validateAct(Messages.TaskAct act);

  /** Offers a published event: taken by a waiting receive it matches, or kept for the run in progress. */
  @UpdateMethod
  String offer(Messages.Event event);

  /** Refuses an event that no receive of the instance waits for while it is not running. */
  @UpdateValidatorMethod(updateName = "offer")
  void validateOffer(Messages.Event event);

  /**
   * Hands an event of its key to the instance of a key ({@code starts on E keyed by …}): taken by
   * a waiting receive it matches, else kept for its next receive.
   */
  @UpdateMethod
  String hold(Messages.Event event);

  /** Refuses an event once the instance has ended. */
  @UpdateValidatorMethod(updateName = "hold")
  void validateHold(Messages.Event event);

  /** The instance's Flow history as JSON ({@link dev.flow.runtime.store.JsonCodec#toJson(List)}). */
  @QueryMethod
  String history();

  /** Where the instance stands, and whether it is quiet (waiting, nothing in flight). */
  @QueryMethod
  Messages.Status status();
}
