package dev.flow.compiler.check.flow;

import dev.flow.compiler.check.Check;
import java.util.List;

/** Every check that runs after names and types are resolved, in the order they run. */
public final class FlowChecks {
  private FlowChecks() {}

  public static List<Check> all() {
    // The workflows' trees, go-to targets and flow analyses, built once for the checks below.
    WorkflowFacts facts = new WorkflowFacts();
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
        new KeyedTriggerCheck(),
        new CronCheck(),
        new StartCycleCheck(),
        // workflow bodies
        new GoToTargetCheck(facts),
        new UnreachableCheck(facts),
        new StepHasRunCheck(facts),
        new OutputAssignedCheck(facts),
        new ConcurrentSetCheck(facts),
        new JoinAndSignalCheck(facts),
        new CollectCheck(facts),
        new LoopConditionCheck(facts),
        new ContinueAsNewCheck(facts));
  }
}
