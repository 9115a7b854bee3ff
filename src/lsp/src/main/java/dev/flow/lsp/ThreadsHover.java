package dev.flow.lsp;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.ExprPrinter;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.query.Nodes;
import dev.flow.compiler.source.SourceSpan;
import java.util.Optional;

/**
 * Hover over the keywords of {@code parallel N times { … }} (the {@code parallel} and the
 * {@code times}, not the count, whose type the expression hover gives): what the statement does.
 */
final class ThreadsHover {
  private ThreadsHover() {}

  /** What to say of the thread statement whose keywords are at {@code offset}, if the caret is on one. */
  static Optional<Described> at(CompilationUnit unit, int offset) {
    Optional<Stmt> stmt = Nodes.innermost(unit, offset, Stmt.class);
    if (stmt.isEmpty() || !(stmt.get() instanceof Stmt.ForEach f) || !f.threads()
        || offset >= f.body().span().start() || inside(f.iterable().span(), offset)
        || f.numbered() && inside(f.variable().span(), offset)) {
      return Optional.empty();
    }
    String count = ExprPrinter.print(f.iterable());
    String as = f.numbered() ? " as " + f.variable().text() : "";
    String markdown = "```flow\nparallel " + count + " times" + as + " { … }\n```\n"
        + "Runs the block " + count + " times at once, in this instance: each thread has its own step results, "
        + "and the statement ends when every thread has ended (thread split and merge). "
        + (f.numbered() ? "Each thread reads its number, 1 to " + count + ", as `" + f.variable().text() + "` (an Int). "
            : "The threads are alike: the body has no thread number (`as t` gives it one). ")
        + "The body must not `set` anything declared outside it.";
    return Optional.of(new Described(f.span(), markdown));
  }

  private static boolean inside(SourceSpan span, int offset) {
    return offset >= span.start() && offset < span.end();
  }

  /** The statement's span and its description. */
  record Described(SourceSpan span, String markdown) {}
}
