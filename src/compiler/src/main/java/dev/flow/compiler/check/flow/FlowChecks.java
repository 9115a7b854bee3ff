package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.AfterErrors;
import dev.flow.compiler.check.Check;
import dev.flow.compiler.check.Parallel;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/** Every check that runs after names and types are resolved, in the order they run. */
public final class FlowChecks {
  /** Runs of workflows per thread: enough that a thread with a run of large workflows does not keep the others waiting. */
  private static final int RUNS_PER_THREAD = 4;

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

  /**
   * What every check of {@link #all()} that runs beside {@code earlier} errors reports and keeps
   * ({@link AfterErrors}), check after check in the order of {@link #all()}, on up to
   * {@code threads} threads ({@code 1}: on the calling thread). The checks that look at one
   * workflow at a time run on runs of consecutive workflows, each run with checks and workflow
   * facts of its own ({@link WorkflowFacts} is made for one thread); the others each run whole.
   * The diagnostics of a check are put together in the order of the runs, so that the list is the
   * same, in the same order, on any number of threads.
   */
  public static List<Diagnostic> run(SemanticModel model, AfterErrors earlier, int threads) {
    List<Check> checks = all();
    List<Diagnostic> out = new ArrayList<>();
    if (threads <= 1) {
      for (Check check : checks) {
        if (earlier.runs(check.reach())) {
          keep(check, check.check(model), earlier, out);
        }
      }
      return out;
    }
    List<Decl.WorkflowDecl> workflows = new ArrayList<>();
    for (Decl d : model.declarations()) {
      if (d instanceof Decl.WorkflowDecl w) {
        workflows.add(w);
      }
    }
    List<List<Decl.WorkflowDecl>> runs = Parallel.chunks(workflows, threads * RUNS_PER_THREAD,
        w -> w.span().end() - w.span().start());
    List<Integer> whole = new ArrayList<>(); // the checks that are not by workflow, by their index
    for (int i = 0; i < checks.size(); i++) {
      if (!(checks.get(i) instanceof WorkflowCheck) && earlier.runs(checks.get(i).reach())) {
        whole.add(i);
      }
    }
    // the pieces: first each run of workflows (every check by workflow on it), then each other check
    List<List<List<Diagnostic>>> done = Parallel.map(runs.size() + whole.size(), threads, p -> p < runs.size()
        ? byWorkflow(model, runs.get(p), earlier)
        : List.of(kept(checks.get(whole.get(p - runs.size())), model, earlier)));
    for (int i = 0; i < checks.size(); i++) {
      if (checks.get(i) instanceof WorkflowCheck) {
        for (int r = 0; r < runs.size(); r++) {
          out.addAll(done.get(r).get(i));
        }
      } else if (whole.contains(i)) {
        out.addAll(done.get(runs.size() + whole.indexOf(i)).get(0));
      }
    }
    return out;
  }

  /** For each check of {@link #all()}, what it keeps on the workflows of {@code run} (empty for the others). */
  private static List<List<Diagnostic>> byWorkflow(SemanticModel model, List<Decl.WorkflowDecl> run, AfterErrors earlier) {
    List<List<Diagnostic>> out = new ArrayList<>();
    for (Check check : all()) {
      List<Diagnostic> found = new ArrayList<>();
      if (check instanceof WorkflowCheck c && earlier.runs(check.reach())) {
        for (Decl.WorkflowDecl w : run) {
          c.check(model, w, found);
        }
      }
      List<Diagnostic> kept = new ArrayList<>();
      keep(check, found, earlier, kept);
      out.add(kept);
    }
    return out;
  }

  private static List<Diagnostic> kept(Check check, SemanticModel model, AfterErrors earlier) {
    List<Diagnostic> out = new ArrayList<>();
    keep(check, check.check(model), earlier, out);
    return out;
  }

  private static void keep(Check check, List<Diagnostic> found, AfterErrors earlier, List<Diagnostic> out) {
    for (Diagnostic d : found) {
      if (earlier.keep(check.reach(), d)) {
        out.add(d);
      }
    }
  }
}
