package dev.flow.compiler.check.flow;

import dev.flow.compiler.check.Check;
import java.util.List;

/** Every check that runs after names and types are resolved, in the order they run. */
public final class FlowChecks {
  private FlowChecks() {}

  public static List<Check> all() {
    return List.of(
        // declarations and processes
        new DuplicateClauseCheck(),
        new RepeatedListEntryCheck(),
        new SingleProcessCheck(),
        new ProcessMembershipCheck(),
        new OwnershipCheck(),
        new NamingConventionCheck(),
        // triggers and links between workflows
        new TriggerInputsCheck(),
        new CronCheck(),
        new StartCycleCheck(),
        // workflow bodies
        new GoToTargetCheck(),
        new UnreachableCheck(),
        new StepHasRunCheck(),
        new OutputAssignedCheck(),
        new ConcurrentSetCheck(),
        new LoopConditionCheck());
  }
}
