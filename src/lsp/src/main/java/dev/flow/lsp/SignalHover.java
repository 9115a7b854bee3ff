package dev.flow.lsp;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Statements;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.query.Nodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hover over the name of an in-case signal ({@code signal NAME}, {@code wait for NAME}): where
 * the workflow sends it and where it waits for it. A signal is not a declaration, so the symbol
 * index does not hold it.
 */
final class SignalHover {
  private SignalHover() {}

  /** The signal name at {@code offset} and what to say of it, if the caret is on one. */
  static Optional<Described> at(CompilationUnit unit, int offset) {
    Optional<Stmt> stmt = Nodes.innermost(unit, offset, Stmt.class);
    Optional<Decl.WorkflowDecl> workflow = Nodes.innermost(unit, offset, Decl.WorkflowDecl.class);
    if (stmt.isEmpty() || workflow.isEmpty()) {
      return Optional.empty();
    }
    Name name = stmt.get() instanceof Stmt.Signal g ? g.signal() : stmt.get() instanceof Stmt.WaitFor w ? w.signal() : null;
    if (name == null || offset < name.span().start() || offset >= name.span().end()) {
      return Optional.empty();
    }
    List<Integer> sent = new ArrayList<>();
    List<Integer> awaited = new ArrayList<>();
    collect(workflow.get().body(), name.text(), sent, awaited);
    String markdown = "```flow\nsignal " + name.text() + "\n```\n"
        + "An in-case signal of `" + workflow.get().name().text() + "`: each `signal " + name.text()
        + "` lets one `wait for " + name.text() + "` go on; one sent before anything waits is kept.\n\n"
        + "Sent on " + lines(sent) + "; waited for on " + lines(awaited) + ".";
    return Optional.of(new Described(name, markdown));
  }

  /** A signal's name and its description. */
  record Described(Name name, String markdown) {}

  private static void collect(Block block, String signal, List<Integer> sent, List<Integer> awaited) {
    for (Stmt s : block.statements()) {
      if (s instanceof Stmt.Signal g && g.signal().text().equals(signal)) {
        sent.add(s.span().line());
      } else if (s instanceof Stmt.WaitFor w && w.signal().text().equals(signal)) {
        awaited.add(s.span().line());
      }
      for (Block inner : Statements.blocks(s)) {
        collect(inner, signal, sent, awaited);
      }
    }
  }

  private static String lines(List<Integer> lines) {
    if (lines.isEmpty()) {
      return "no line";
    }
    List<String> shown = lines.stream().map(String::valueOf).toList();
    return (lines.size() == 1 ? "line " : "lines ") + String.join(", ", shown);
  }
}
