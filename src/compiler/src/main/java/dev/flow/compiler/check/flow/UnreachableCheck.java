package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.List;

/**
 * E302: a statement that can never run (LANGUAGE.md §4.10 and §7 rule 4). Statements after
 * {@code fail}, {@code complete}, {@code cancel} or {@code go to} in the same block are
 * unreachable, and so, as in Java, Kotlin and Rust, are statements after a construct none of
 * whose paths goes on: an {@code if} with {@code else}, a {@code match}, a {@code try}/
 * {@code catch} or a {@code first} all of whose blocks end, a {@code repeat} whose body always
 * ends, or a {@code parallel} with a branch without {@code when} that always ends. A step that
 * a {@code go to} jumps to is reachable. Conditions are not evaluated ({@code while true} may
 * still end). Reported once per block, at the first statement that cannot run; the statements
 * after it and inside it are not reported again.
 */
public final class UnreachableCheck extends WorkflowCheck {

  /** With the workflows' facts shared with the other checks of a run. */
  UnreachableCheck(WorkflowFacts facts) {
    super(facts);
  }

  /** Its paths do not depend on names and types, so it reports beside their errors. */
  @Override
  public boolean isPathCheck() {
    return true;
  }

  @Override
  void check(SemanticModel model, Decl.WorkflowDecl w, List<Diagnostic> out) {
    FlowAnalysis analysis = facts.analysis(model, w);
    check(analysis, w.body(), out);
    for (Stmt s : analysis.tree().statements()) {
      for (Block b : Syntax.blocks(s)) {
        check(analysis, b, out);
      }
    }
  }

  private static void check(FlowAnalysis analysis, Block block, List<Diagnostic> out) {
    if (!analysis.blockIn(block).isReachable()) {
      return; // the statement that holds it is reported
    }
    Stmt previous = null;
    for (Stmt s : block.statements()) {
      if (previous instanceof Stmt.GoTo g && !analysis.hasValidTarget(g)) {
        return; // one mistake, one diagnostic: the bad `go to` is E303, not also E302 after it
      }
      if (previous != null && !analysis.before(s).isReachable()) {
        out.add(Diagnostic.of(Code.E302, s.span(), "unreachable statement")
            .withNote(why(previous)));
        return;
      }
      previous = s;
    }
  }

  private static String why(Stmt previous) {
    String what = Syntax.describe(previous) + " on line " + previous.span().line();
    if (previous instanceof Stmt.ContinueAsNew) {
      return "the " + what + " ends this instance before it";
    }
    if (previous instanceof Stmt.Fail || previous instanceof Stmt.Cancel || previous instanceof Stmt.Complete) {
      return "the " + what + " ends the workflow before it";
    }
    if (previous instanceof Stmt.GoTo) {
      return "the " + what + " jumps away before it";
    }
    if (previous instanceof Stmt.Parallel) {
      return "a branch of the " + what + " always ends the workflow or jumps away";
    }
    if (previous instanceof Stmt.Repeat) {
      return "the body of the " + what + " always ends the workflow or jumps away";
    }
    return "every path through the " + what + " ends the workflow or jumps away";
  }
}
