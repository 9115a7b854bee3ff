package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The count of {@code parallel N times { … }} written as a number (language.md §5.11): it must
 * be at least 1 (E320). A count computed at run time that is below 1 runs no thread.
 */
final class ThreadCount {

  private ThreadCount() {}

  /** E320 when the thread count of {@code loop} is a literal below 1. */
  static Optional<Diagnostic> check(Stmt.ForEach loop) {
    OptionalLong n = literal(loop.iterable());
    if (n.isEmpty() || n.getAsLong() >= 1) {
      return Optional.empty();
    }
    return Optional.of(Diagnostic.of(Code.E320, loop.iterable().span(),
            "`parallel " + n.getAsLong() + " times` starts no thread: its count must be at least 1")
        .withHelp("write `parallel 1 times` for one thread, or remove the block"));
  }

  private static OptionalLong literal(Expr e) {
    if (e instanceof Expr.IntLit i) {
      return OptionalLong.of(i.value());
    }
    if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEGATE && u.operand() instanceof Expr.IntLit i) {
      return OptionalLong.of(-i.value());
    }
    return OptionalLong.empty();
  }
}
