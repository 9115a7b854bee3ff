package dev.flow.temporal;

import io.temporal.common.converter.EncodedValues;
import io.temporal.workflow.DynamicWorkflow;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Every Flow workflow as a Temporal workflow type of its own: the type is the Flow workflow's
 * qualified name ({@code onboarding.DocumentCollection}), so Temporal's UI, CLI and visibility
 * queries show and filter Flow instances by workflow. One dynamic workflow implementation
 * serves them all (the SDK cannot register one class under several type names otherwise); it
 * runs a {@link FlowWorkflowImpl}, whose signal, update and query handlers it registers.
 */
final class FlowInstanceWorkflow implements DynamicWorkflow {
  private final FlowWorkflowImpl instance;

  FlowInstanceWorkflow(Catalog catalog, Duration actionLimit, Duration compensationLimit, boolean searchAttributes,
      int continueAsNewAfter, Duration eventRetention, int keptAtMost) {
    this.instance = new FlowWorkflowImpl(catalog, actionLimit, compensationLimit, searchAttributes, continueAsNewAfter,
        eventRetention, keptAtMost);
  }

  @Override
  public Object execute(EncodedValues args) {
    Workflow.registerListener(instance);
    return instance.run(args.get(0, Messages.Start.class));
  }
}
