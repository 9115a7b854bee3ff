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
 * Hover over the name of a cancel region ({@code region NAME { … }}, {@code cancel region NAME}):
 * what a cancel does, where the region's blocks are and where the workflow cancels it. A region is
 * not a declaration, so the symbol index does not hold it.
 */
final class RegionHover {
  private RegionHover() {}

  /** The region name at {@code offset} and what to say of it, if the caret is on one. */
  static Optional<SignalHover.Described> at(CompilationUnit unit, int offset) {
    Optional<Stmt> stmt = Nodes.innermost(unit, offset, Stmt.class);
    Optional<Decl.WorkflowDecl> workflow = Nodes.innermost(unit, offset, Decl.WorkflowDecl.class);
    if (stmt.isEmpty() || workflow.isEmpty()) {
      return Optional.empty();
    }
    Name name = stmt.get() instanceof Stmt.Region r ? r.name()
        : stmt.get() instanceof Stmt.CancelRegion c ? c.region() : null;
    if (name == null || offset < name.span().start() || offset >= name.span().end()) {
      return Optional.empty();
    }
    List<Integer> blocks = new ArrayList<>();
    List<Integer> cancels = new ArrayList<>();
    collect(workflow.get().body(), name.text(), blocks, cancels);
    String markdown = "```flow\nregion " + name.text() + "\n```\n"
        + "A cancel region of `" + workflow.get().name().text() + "`: `cancel region " + name.text()
        + "` withdraws every running `region " + name.text() + "` block where it stands (its tasks withdrawn, its calls"
        + " cancelled, its timers and receives dropped; the workflow goes on after the block) and skips those reached"
        + " later.\n\n"
        + "Blocks on " + lines(blocks) + "; cancelled on " + lines(cancels) + ".";
    return Optional.of(new SignalHover.Described(name, markdown));
  }

  private static void collect(Block block, String region, List<Integer> blocks, List<Integer> cancels) {
    for (Stmt s : block.statements()) {
      if (s instanceof Stmt.Region r && r.name().text().equals(region)) {
        blocks.add(s.span().line());
      } else if (s instanceof Stmt.CancelRegion c && c.region().text().equals(region)) {
        cancels.add(s.span().line());
      }
      for (Block inner : Statements.blocks(s)) {
        collect(inner, region, blocks, cancels);
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
