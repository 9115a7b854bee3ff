package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.SemanticModel;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The tree, the {@code go to} targets and the flow analysis of each workflow of one model, built
 * once and shared by the checks that read them ({@link FlowChecks#all()} gives its checks one
 * instance): E300, E301, E302, E303, the concurrent {@code set} and the loop condition checks
 * used to build them again, each for itself. A different model starts afresh.
 */
final class WorkflowFacts {
  private SemanticModel model;
  private final Map<Decl.WorkflowDecl, WorkflowTree> trees = new IdentityHashMap<>();
  private final Map<Decl.WorkflowDecl, GoToTargets> goTos = new IdentityHashMap<>();
  private final Map<Decl.WorkflowDecl, FlowAnalysis> analyses = new IdentityHashMap<>();

  synchronized WorkflowTree tree(SemanticModel model, Decl.WorkflowDecl workflow) {
    forModel(model);
    return trees.computeIfAbsent(workflow, WorkflowTree::of);
  }

  synchronized GoToTargets goTos(SemanticModel model, Decl.WorkflowDecl workflow) {
    forModel(model);
    return goTos.computeIfAbsent(workflow, w -> GoToTargets.of(tree(model, w)));
  }

  synchronized FlowAnalysis analysis(SemanticModel model, Decl.WorkflowDecl workflow) {
    forModel(model);
    FlowAnalysis analysis = analyses.get(workflow);
    if (analysis == null) {
      analysis = FlowAnalysis.of(model, tree(model, workflow), goTos(model, workflow));
      analyses.put(workflow, analysis);
    }
    return analysis;
  }

  private void forModel(SemanticModel m) {
    if (model != m) {
      model = m;
      trees.clear();
      goTos.clear();
      analyses.clear();
    }
  }
}
