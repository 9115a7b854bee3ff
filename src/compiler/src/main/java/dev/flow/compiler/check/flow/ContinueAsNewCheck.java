package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.List;

/**
 * E330: a {@code continue as new} where the workflow runs several things at once: in a branch of
 * {@code parallel}, {@code first} or {@code interleaved}, or in the body of a
 * {@code for each … in parallel} (LANGUAGE.md §4.9). It ends the whole instance, so it stands
 * only in the workflow's own sequence: its body, and the ifs, matches, loops and {@code try}
 * blocks in it.
 */
public final class ContinueAsNewCheck extends WorkflowCheck {

  /** With the workflows' facts shared with the other checks of a run. */
  ContinueAsNewCheck(WorkflowFacts facts) {
    super(facts);
  }

  /** Where it stands does not depend on names and types, so it reports beside their errors. */
  @Override
  public boolean isPathCheck() {
    return true;
  }

  @Override
  void check(SemanticModel model, Decl.WorkflowDecl w, List<Diagnostic> out) {
    WorkflowTree tree = facts.tree(model, w);
    for (Stmt s : tree.statements()) {
      if (s instanceof Stmt.ContinueAsNew n) {
        check(tree, n, out);
      }
    }
  }

  private static void check(WorkflowTree tree, Stmt.ContinueAsNew n, List<Diagnostic> out) {
    for (WorkflowTree.BlockInfo b : tree.enclosingBlocks(n)) {
      WorkflowTree.BlockKind kind = b.kind();
      if (kind.isConcurrent() || kind == WorkflowTree.BlockKind.FIRST_BRANCH) {
        out.add(Diagnostic.of(Code.E330, keyword(n), "`continue as new` in " + kind.describe())
            .withNote("it ends the whole instance, so it stands only where the workflow runs one thing at a time, "
                + "not where other work runs beside it")
            .withHelp("end the branch, and write `continue as new` after the "
                + (kind == WorkflowTree.BlockKind.PARALLEL_FOR_EACH_BODY ? "loop" : "`" + ownerWord(b) + "`")));
        return;
      }
    }
  }

  private static String ownerWord(WorkflowTree.BlockInfo b) {
    return b.owner().map(Syntax::describe).map(w -> w.replace("`", "")).orElse("block");
  }

  private static dev.flow.compiler.source.SourceSpan keyword(Stmt.ContinueAsNew n) {
    return Syntax.keyword(n.span(), "continue");
  }
}
