package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * E300: the result of a step is read where the step may not have run on every path to that
 * point (LANGUAGE.md §4, §4.8, §4.9 and §7 rule 4). Reported at the name that reads it, once per
 * read. Paths are those of {@link FlowAnalysis}; code that nothing reaches is E302 and is not
 * checked here. A step read in its own loop body before it runs (the first round has not run
 * it) is E300 too, as is a read of a step from a sibling branch of a {@code parallel}.
 */
public final class StepHasRunCheck extends WorkflowCheck {

  /** With the workflows' facts shared with the other checks of a run. */
  StepHasRunCheck(WorkflowFacts facts) {
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
    for (FlowAnalysis.UnsafeRead read : analysis.unsafeReads()) {
      String name = read.step().name().text();
      out.add(Diagnostic.of(Code.E300, read.ref().span(), "step `" + name + "` may not have run here")
          .withNote(reason(analysis, read.step(), read.at())));
    }
  }

  /** Why the step may not have run where {@code at} reads it, in the user's words. */
  static String reason(FlowAnalysis analysis, Stmt.Named step, Stmt at) {
    WorkflowTree tree = analysis.tree();
    String name = "`" + step.name().text() + "`";
    // The outermost statement around the step (or the step) that does not also hold the read.
    Stmt outer = step;
    while (tree.parent(outer).isPresent() && !tree.contains(tree.parent(outer).get(), at)) {
      outer = tree.parent(outer).get();
    }
    Optional<Stmt> common = tree.parent(outer);
    if (at == step) {
      return name + " has not run yet while its own arguments are evaluated";
    } else if (common.isPresent() && common.get() == at) {
      // Read by the statement that holds the step: in a condition, before its block runs;
      // only `repeat … until` reads after its body.
      if (!(at instanceof Stmt.Repeat)) {
        return name + " runs inside this " + Syntax.describe(at) + ", later than this point";
      }
    } else if (common.isPresent() && !tree.isInside(at, tree.blockOf(outer))) {
      return sibling(name, common.get(), tree.info(tree.blockOf(outer)));
    } else if (at.span().start() <= outer.span().start()) {
      boolean inLoop = tree.enclosingBlocks(outer).stream().anyMatch(b -> isLoop(b.kind()));
      return name + " runs later than this point" + (inLoop ? "; in a loop's first round it has not run yet" : "");
    }
    // The read comes after `outer`: find what, on the way down to the step, may skip it.
    List<Stmt> path = new ArrayList<>();
    for (Stmt s = step; s != outer; s = tree.parent(s).orElseThrow()) {
      path.add(0, s);
    }
    Stmt holder = outer;
    for (Stmt inner : path) {
      WorkflowTree.BlockInfo info = tree.info(tree.blockOf(inner));
      String why = skip(name, holder, info, analysis);
      if (why != null) {
        return why;
      }
      holder = inner;
    }
    return "not every path to this point runs " + name + " (a `go to` may jump past it)";
  }

  private static boolean isLoop(WorkflowTree.BlockKind kind) {
    return switch (kind) {
      case FOR_EACH_BODY, PARALLEL_FOR_EACH_BODY, WHILE_BODY, REPEAT_BODY -> true;
      default -> false;
    };
  }

  /** The step and the read are in different blocks of one statement. */
  private static String sibling(String name, Stmt common, WorkflowTree.BlockInfo stepBlock) {
    String line = " on line " + common.span().line();
    return switch (stepBlock.kind()) {
      case PARALLEL_BRANCH -> name + " runs in another branch of the `parallel`" + line
          + ", at the same time; read it after the `parallel`";
      case FIRST_BRANCH -> name + " runs in another branch of the `first`" + line + ", which is cancelled when"
          + " this one finishes first";
      case TRY_BODY -> name + " runs in the `try` block" + line + ", which may have failed before it";
      case CATCH -> name + " runs in the `catch` block" + line + ", only when the `try` fails";
      case REPEAT_BODY -> common instanceof Stmt.ForEachArriving a ? arriving(name, a, line) : name
          + " runs in another arm of the " + Syntax.describe(common) + line;
      default -> name + " runs in another arm of the " + Syntax.describe(common) + line;
    };
  }

  /** Why entering {@code block} of {@code holder} may not happen, or null when it always does. */
  private static String skip(String name, Stmt holder, WorkflowTree.BlockInfo block, FlowAnalysis analysis) {
    String where = Syntax.describe(holder) + " on line " + holder.span().line();
    return switch (block.kind()) {
      case IF_ARM, ELSE -> holder instanceof Stmt.If i && i.otherwise().isEmpty()
          ? name + " runs only when the condition of the `if` on line " + holder.span().line() + " holds"
          : name + " runs in only one arm of the " + where;
      case MATCH_ARM -> name + " runs in only one arm of the " + where;
      case PARALLEL_BRANCH -> block.branch().orElseThrow().when().isPresent()
          ? name + " runs in branch `" + block.branch().orElseThrow().name().text()
              + "`, which runs only when its `when` condition holds"
          : holder instanceof Stmt.Parallel p && p.join().isPresent()
              ? name + " runs in branch `" + block.branch().orElseThrow().name().text() + "` of the " + where
                  + ", which may go on before that branch ends"
              : null;
      case FIRST_BRANCH -> name + " runs in branch `" + block.branch().orElseThrow().name().text() + "` of the "
          + where + ", which may not be the branch that finishes first";
      case FOR_EACH_BODY, PARALLEL_FOR_EACH_BODY, WHILE_BODY -> name + " runs in the body of the " + where
          + ", which may run zero times";
      case TRY_BODY -> catchGoesOn(holder, analysis)
          ? name + " runs in the " + where + ", whose `catch` goes on without it" : null;
      case CATCH -> name + " runs in the `catch` of the " + where + ", only when the `try` fails";
      case REPEAT_BODY -> holder instanceof Stmt.ForEachArriving a ? arriving(name, a, " on line " + a.span().line()) : null;
      case REGION_BODY -> name + " runs in the " + where + ", which `cancel region "
          + ((Stmt.Region) holder).name().text() + "` may stop or skip";
      case WORKFLOW_BODY, EXCLUSIVE_BODY -> null;
    };
  }

  /** A read of a {@code for each … until}'s item or closing event where it may not have come. */
  private static String arriving(String name, Stmt.ForEachArriving a, String line) {
    if (name.equals("`" + a.variable().text() + "`")) {
      return name + " is the item of the `for each … until`" + line + ": each round has its own; read it in the loop's body";
    }
    String limit = a.within().isPresent() ? ", whose time limit may close it before it comes"
        : ", which may close when no item has come within its `within`, before it comes";
    return name + " is the closing event of the `for each … until`" + line
        + (a.join().isPresent() ? ", which goes on after " + a.join().getAsInt() + " rounds, maybe before it comes"
            : a.within().isPresent() || a.quiet().isPresent() ? limit
            : ", which comes while the rounds run; read it after the loop");
  }

  private static boolean catchGoesOn(Stmt holder, FlowAnalysis analysis) {
    return ((Stmt.Try) holder).handlers().stream().anyMatch(h -> analysis.blockOut(h).isReachable());
  }
}
