package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * E303: a bad {@code go to} target (LANGUAGE.md §4.9 and §7 rule 7). A {@code go to} names a
 * step ({@code step}, {@code approval}, {@code receive} or {@code call}) of the same block or of
 * an enclosing block, forward or backward. Reported at the target name when the name is
 * unknown (with a did-you-mean among the workflow's steps; never E100), names something that is
 * not a step (a branch, an input, a variable, a declaration), lies inside a block that does not
 * hold the {@code go to}, or would leave a {@code parallel} or {@code first} branch or a
 * {@code for each … in parallel} body.
 */
public final class GoToTargetCheck extends WorkflowCheck {

  /** With the workflows' facts shared with the other checks of a run. */
  GoToTargetCheck(WorkflowFacts facts) {
    super(facts);
  }

  /** Its paths do not depend on names and types, so it reports beside their errors. */
  @Override
  public boolean isPathCheck() {
    return true;
  }

  private static final String STEP_KINDS = "`step`, `approval`, `receive` or `call`";

  @Override
  void check(SemanticModel model, Decl.WorkflowDecl w, List<Diagnostic> out) {
    WorkflowTree tree = facts.tree(model, w);
    GoToTargets targets = facts.goTos(model, w);
    for (Stmt s : tree.statements()) {
      if (s instanceof Stmt.GoTo g) {
        report(model, tree, g, targets.target(g)).ifPresent(out::add);
      }
    }
  }

  private static Optional<Diagnostic> report(
      SemanticModel model, WorkflowTree tree, Stmt.GoTo g, GoToTargets.Target target) {
    String name = g.target().text();
    if (target instanceof GoToTargets.Valid) {
      return Optional.empty();
    } else if (target instanceof GoToTargets.Unknown) {
      Optional<String> kind = otherKind(model, tree, name);
      if (kind.isPresent()) {
        return Optional.of(Diagnostic.of(Code.E303, g.target().span(),
                "`" + name + "` is " + kind.get() + ", not a step")
            .withNote("`go to` jumps to a named " + STEP_KINDS));
      }
      return Optional.of(Diagnostic.of(Code.E303, g.target().span(),
              "no step named `" + name + "` in workflow `" + tree.workflow().name().text() + "`")
          .withDidYouMean(g.target().span(), name, tree.steps().keySet()));
    } else if (target instanceof GoToTargets.IntoBlock into) {
      return Optional.of(Diagnostic.of(Code.E303, g.target().span(),
              "cannot jump into a block: step `" + name + "` is in " + into.block().describe()
                  + " that does not hold this `go to`")
          .withNote("`go to` jumps to a step of the same block or of an enclosing block"));
    } else {
      GoToTargets.OutOfBranch outOf = (GoToTargets.OutOfBranch) target;
      return Optional.of(Diagnostic.of(Code.E303, g.target().span(),
              "cannot jump out of " + outOf.branch().describe() + " to step `" + name + "`")
          .withNote("work that runs at the same time ends only by finishing, failing or being cancelled"));
    }
  }

  /** What else the name denotes, when it is not a step: "a branch", "an input", … */
  private static Optional<String> otherKind(SemanticModel model, WorkflowTree tree, String name) {
    if (tree.branches().containsKey(name)) {
      return Optional.of("a branch");
    }
    for (Clause.Input i : tree.workflow().inputs()) {
      if (i.name().text().equals(name)) {
        return Optional.of("an input");
      }
    }
    for (Clause.Output o : tree.workflow().outputs()) {
      if (o.name().text().equals(name)) {
        return Optional.of("an output");
      }
    }
    for (Stmt s : tree.statements()) {
      if (s instanceof Stmt.Let l && l.name().text().equals(name)
          || s instanceof Stmt.ForEach f && f.declaresVariable() && f.variable().text().equals(name)
          || s instanceof Stmt.Try t
              && t.catches().stream().anyMatch(c -> c.variable().map(n -> n.text().equals(name)).orElse(false))) {
        return Optional.of("a variable");
      }
    }
    for (Decl d : model.declarations()) {
      if (d.name().text().equals(name)) {
        return Optional.of((d.kind().equals("enum") || d.kind().equals("event") ? "an " : "a ") + d.kind());
      }
    }
    return Optional.empty();
  }
}
