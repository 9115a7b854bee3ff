package dev.flow.lsp;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.ExprPrinter;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.query.Nodes;
import java.util.Optional;

/**
 * Hover over the keywords of {@code parallel { … } after each branch { … }} (the words {@code after
 * each branch}), of {@code start each VAR in LIST { … }} (the words {@code start each}) and of
 * {@code receive new NAME: EVENT} (the words {@code receive new}) and of {@code first to start} (before
 * its first branch): what the statement does.
 */
final class InstancesHover {
  private InstancesHover() {}

  /** What to say of the statement whose keywords are at {@code offset}, if the caret is on one. */
  static Optional<ThreadsHover.Described> at(CompilationUnit unit, int offset) {
    Optional<Stmt.Parallel> parallel = Nodes.innermost(unit, offset, Stmt.Parallel.class);
    if (parallel.isPresent() && parallel.get().afterEach().isPresent()) {
      Stmt.ForEach runs = parallel.get().afterEach().get();
      if (offset >= runs.variable().span().start() && offset < runs.body().span().start()) {
        String markdown = "```flow\nparallel { branch … } after each branch { … }\n```\n"
            + "Runs the block once for each branch, as soon as that branch has ended, without waiting for the others "
            + "(multi-merge). Each run has its own step results and reads `branch`, the name of the branch that ended, "
            + "and what was known before the `parallel`, not the branches' steps. The statement ends when every branch "
            + "and every run has ended.";
        return Optional.of(new ThreadsHover.Described(parallel.get().span(), markdown));
      }
    }
    Optional<Stmt> stmt = Nodes.innermost(unit, offset, Stmt.class);
    if (stmt.isPresent() && stmt.get() instanceof Stmt.ForEach f && f.unwaited()
        && offset < f.variable().span().start()) {
      String markdown = "```flow\nstart each " + f.variable().text() + " in " + ExprPrinter.print(f.iterable())
          + " { … }\n```\n"
          + "Starts the block once for each item, all at once, in this instance, and goes on at once: nothing waits "
          + "for the rounds (multiple instances without synchronization). The instance ends only when they have "
          + "ended; `complete` cancels those still running.";
      return Optional.of(new ThreadsHover.Described(f.span(), markdown));
    }
    Optional<Stmt.First> first = Nodes.innermost(unit, offset, Stmt.First.class);
    if (first.isPresent() && first.get().byStart() && !first.get().branches().isEmpty()
        && offset < first.get().branches().get(0).span().start()) {
      String markdown = "```flow\nfirst to start { branch … }\n```\n"
          + "The first branch to *start* wins (deferred choice): a branch that begins with a person's step starts "
          + "when its task is claimed (or completed without a claim), one that begins by waiting when that wait "
          + "ends, any other when it ends. The other branches are cancelled as it starts: their tasks withdrawn, their "
          + "timers dropped. A release of the claim does not undo the choice.";
      return Optional.of(new ThreadsHover.Described(first.get().span(), markdown));
    }
    if (stmt.isPresent() && stmt.get() instanceof Stmt.Receive r && r.onlyNew() && offset < r.name().span().start()) {
      String markdown = "```flow\nreceive new " + r.name().text() + ": " + r.event().text() + "\n```\n"
          + "Takes only an event published once it waits (a transient trigger): one published before, even one kept "
          + "for this instance, is not taken by it and stays kept for the other receives. Each time it is reached, "
          + "in a loop round or after a restart, it waits from the moment it was reached.";
      return Optional.of(new ThreadsHover.Described(r.span(), markdown));
    }
    return Optional.empty();
  }
}
