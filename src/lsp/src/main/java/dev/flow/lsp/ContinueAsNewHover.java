package dev.flow.lsp;

import dev.flow.compiler.ast.Argument;
import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.ExprPrinter;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.query.Nodes;
import dev.flow.compiler.source.SourceSpan;
import java.util.Optional;

/**
 * Hover over the words {@code continue as new}: what the statement does, and the input the new
 * instance starts with. The words are one token and name nothing, so the symbol index does not
 * hold them; the argument names are inputs of the workflow and get their own hover.
 */
final class ContinueAsNewHover {
  private ContinueAsNewHover() {}

  /** The {@code continue as new} words at {@code offset} and what to say of them, if the caret is on them. */
  static Optional<Described> at(CompilationUnit unit, int offset) {
    Optional<Stmt> stmt = Nodes.innermost(unit, offset, Stmt.class);
    Optional<Decl.WorkflowDecl> workflow = Nodes.innermost(unit, offset, Decl.WorkflowDecl.class);
    if (stmt.isEmpty() || !(stmt.get() instanceof Stmt.ContinueAsNew n) || workflow.isEmpty()) {
      return Optional.empty();
    }
    SourceSpan words = words(n);
    if (offset < words.start() || offset >= words.end()) {
      return Optional.empty();
    }
    String name = workflow.get().name().text();
    StringBuilder input = new StringBuilder();
    for (Argument a : n.arguments()) {
      input.append(input.length() == 0 ? "" : ", ").append(a.name().text()).append(": ").append(ExprPrinter.print(a.value()));
    }
    String markdown = "```flow\ncontinue as new" + (n.arguments().isEmpty() ? "" : " with (" + input + ")") + "\n```\n"
        + "Ends this instance of `" + name + "` (completed: *continued as new as ID*, no outputs) and starts `" + name
        + "` over as a new instance" + (n.arguments().isEmpty() ? "" : " with this input") + ", with a fresh history. "
        + "Open tasks, timers and receives are withdrawn and compensations dropped; a `call` of this workflow waits for "
        + "the chain's last instance.";
    return Optional.of(new Described(words, markdown));
  }

  /** The statement's keyword words, {@code continue} to {@code new}, however they are spaced. */
  private static SourceSpan words(Stmt.ContinueAsNew n) {
    String text = n.span().text();
    int at = text.indexOf("new");
    int end = at < 0 ? "continue".length() : at + "new".length();
    return new SourceSpan(n.span().file(), n.span().start(), n.span().start() + end);
  }

  /** The words' span and their description. */
  record Described(SourceSpan span, String markdown) {}
}
