package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.Check;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * A check that looks at one workflow at a time, with the trees and flow analyses that the checks
 * of a run share ({@link WorkflowFacts}, made once per workflow by {@link FlowChecks}).
 */
abstract class WorkflowCheck implements Check {
  final WorkflowFacts facts;

  WorkflowCheck(WorkflowFacts facts) {
    this.facts = facts;
  }

  @Override
  public final List<Diagnostic> check(SemanticModel model) {
    List<Diagnostic> out = new ArrayList<>();
    for (Decl d : model.declarations()) {
      if (d instanceof Decl.WorkflowDecl w) {
        check(model, w, out);
      }
    }
    return out;
  }

  /** Adds what it finds in workflow {@code w} to {@code out}. */
  abstract void check(SemanticModel model, Decl.WorkflowDecl w, List<Diagnostic> out);
}
