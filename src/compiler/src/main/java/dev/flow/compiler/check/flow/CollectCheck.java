package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * Collecting loops (language.md §5.9, {@code let NAME = for each … { …; yield VALUE }}): E311 for
 * a {@code yield} anywhere but at the end of such a loop's body, or such a body that does not end
 * with one; E312 for such a loop with {@code in parallel join N} or {@code first N}, which would
 * go on while some rounds have no value yet.
 */
public final class CollectCheck extends WorkflowCheck {

  /** With the workflows' facts shared with the other checks of a run. */
  CollectCheck(WorkflowFacts facts) {
    super(facts);
  }

  /** What it reports is written right at the statement: no error of names or types changes it. */
  @Override
  public Reach reach() {
    return Reach.PATHS;
  }

  @Override
  void check(SemanticModel model, Decl.WorkflowDecl w, List<Diagnostic> out) {
    check(facts.tree(model, w), out);
  }

  private static void check(WorkflowTree tree, List<Diagnostic> out) {
    for (Stmt s : tree.statements()) {
      if (s instanceof Stmt.Yield y && !endsCollectingLoop(tree, y)) {
        out.add(Diagnostic.of(Code.E311, y.span(), "`yield` can only be the last statement of a collecting loop's body")
            .withHelp("collect the rounds' values with `let results = for each item in items { …; yield value }`"));
      } else if (s instanceof Stmt.ForEach f && f.collected()) {
        if (f.body().statements().stream().noneMatch(st -> st instanceof Stmt.Yield)) {
          out.add(Diagnostic.of(Code.E311, f.span(), "the body of a collecting `for each` must end with `yield VALUE`")
              .withHelp("end the body with the value each round adds to the list: `yield review.verdict`"));
        }
        if (f.join().isPresent() || f.first().isPresent()) {
          String word = f.join().isPresent() ? "join " + f.join().getAsInt() : "first " + f.first().getAsInt();
          out.add(Diagnostic.of(Code.E312, f.span(), "a collecting `for each … in parallel " + word
                  + "` would go on while some rounds have no value to add")
              .withHelp("collect with a plain `in parallel`, which waits for every round"));
        }
      }
    }
  }

  private static boolean endsCollectingLoop(WorkflowTree tree, Stmt.Yield y) {
    Optional<Stmt> parent = tree.parent(y);
    return parent.isPresent() && parent.get() instanceof Stmt.ForEach f && f.collected()
        && f.yielded().filter(last -> last == y).isPresent();
  }
}
