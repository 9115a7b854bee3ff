package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.resolve.Symbol;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * E307: {@code set} of a variable or output declared outside a {@code parallel} branch or a
 * {@code for each … in parallel} body, from inside it (LANGUAGE.md §7 rule 5): the branches or
 * rounds run at the same time, so the writes would race. Reported at the name after {@code set}.
 * Only the innermost such block counts: a variable declared in a branch may be set anywhere in
 * that branch, but not from a {@code parallel} nested in it. {@code first} branches may set.
 */
public final class ConcurrentSetCheck extends WorkflowCheck {

  /** With the workflows' facts shared with the other checks of a run. */
  ConcurrentSetCheck(WorkflowFacts facts) {
    super(facts);
  }

  /** Beside errors of names and types: whether a {@code set} races depends only on where its target is declared. */
  @Override
  public Reach reach() {
    return Reach.PATHS;
  }

  @Override
  void check(SemanticModel model, Decl.WorkflowDecl w, List<Diagnostic> out) {
    WorkflowTree tree = facts.tree(model, w);
    for (Stmt s : tree.statements()) {
      if (s instanceof Stmt.Set set) {
        check(model, tree, set).ifPresent(out::add);
      }
    }
  }

  private static Optional<Diagnostic> check(SemanticModel model, WorkflowTree tree, Stmt.Set set) {
    Optional<WorkflowTree.BlockInfo> concurrent =
        tree.enclosingBlocks(set).stream().filter(b -> b.kind().isConcurrent()).findFirst();
    Optional<Symbol> symbol = model.symbolOf(set.target());
    if (concurrent.isEmpty() || symbol.isEmpty()) {
      return Optional.empty();
    }
    String what;
    if (symbol.get() instanceof Symbol.OutputSymbol) {
      what = "output";
    } else if (symbol.get() instanceof Symbol.VariableSymbol v && !tree.isInside(v.let(), concurrent.get().block())) {
      what = "variable";
    } else {
      return Optional.empty();
    }
    String block = concurrent.get().describe();
    String name = set.target().text();
    return Optional.of(Diagnostic.of(Code.E307, set.target().span(),
            "cannot set " + what + " `" + name + "` from inside " + block + ": it is declared outside it")
        .withNote("the " + (concurrent.get().kind() == WorkflowTree.BlockKind.PARALLEL_BRANCH ? "branches" : "rounds")
            + " run at the same time, so their writes would race")
        .withHelp(concurrent.get().kind() == WorkflowTree.BlockKind.PARALLEL_BRANCH
            ? "run a step in the branch and read its result after the `parallel`"
            : "use a sequential `for each` to collect values, or set it after the loop"));
  }
}
