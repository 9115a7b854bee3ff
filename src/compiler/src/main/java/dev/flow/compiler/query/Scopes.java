package dev.flow.compiler.query;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What names a place in a workflow can see (LANGUAGE.md §4.6, §7 rule 1): its inputs, every named
 * step of the workflow (step names belong to the whole workflow), and the block-scoped variables
 * declared before the place in the blocks that hold it ({@code let}), the variable of a
 * {@code for each} whose body holds it, and the error of a {@code catch} whose handler holds it.
 * Works on the AST alone, so it answers for any workflow that parsed.
 */
public final class Scopes {
  private Scopes() {}

  /** The workflow whose text holds {@code offset}. */
  public static Optional<Decl.WorkflowDecl> workflowAt(CompilationUnit unit, int offset) {
    for (Decl d : unit.declarations()) {
      if (d instanceof Decl.WorkflowDecl w && contains(w.span(), offset)) {
        return Optional.of(w);
      }
    }
    return Optional.empty();
  }

  /** The declaration whose text holds {@code offset}. */
  public static Optional<Decl> declarationAt(CompilationUnit unit, int offset) {
    for (Decl d : unit.declarations()) {
      if (contains(d.span(), offset)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * The values a bare name can denote at {@code offset} of {@code workflow}: the variables in
   * scope, innermost first, then the inputs, then the steps, each name once (the first wins).
   */
  public static List<Entity> valuesAt(Decl.WorkflowDecl workflow, int offset) {
    Map<String, Entity> out = new LinkedHashMap<>();
    List<Entity> variables = new ArrayList<>();
    variables(workflow, workflow.body(), offset, variables);
    for (int i = variables.size() - 1; i >= 0; i--) {
      out.putIfAbsent(variables.get(i).name().text(), variables.get(i));
    }
    workflow.inputs().forEach(in -> out.putIfAbsent(in.name().text(), new Entity.Input(workflow, in)));
    for (Stmt.Named step : steps(workflow.body())) {
      out.putIfAbsent(step.name().text(), new Entity.Step(workflow, step));
    }
    return List.copyOf(out.values());
  }

  /** The outputs of a workflow, each name once. */
  public static List<Entity> outputs(Decl.WorkflowDecl workflow) {
    Map<String, Entity> out = new LinkedHashMap<>();
    workflow.outputs().forEach(o -> out.putIfAbsent(o.name().text(), new Entity.Output(workflow, o)));
    return List.copyOf(out.values());
  }

  /** Every named step of a block and the blocks inside it, in source order. */
  public static List<Stmt.Named> steps(Block block) {
    List<Stmt.Named> out = new ArrayList<>();
    collectSteps(block, out);
    return out;
  }

  /** The first named step of that name in a workflow. */
  public static Optional<Stmt.Named> step(Decl.WorkflowDecl workflow, String name) {
    return steps(workflow.body()).stream().filter(s -> s.name().text().equals(name)).findFirst();
  }

  /** The blocks directly inside a statement, in source order. */
  public static List<Block> blocks(Stmt s) {
    return dev.flow.compiler.ast.Statements.blocks(s);
  }

  private static void collectSteps(Block block, List<Stmt.Named> out) {
    for (Stmt s : block.statements()) {
      if (s instanceof Stmt.Named n) {
        out.add(n);
      }
      blocks(s).forEach(b -> collectSteps(b, out));
    }
  }

  /** Collects, outermost first, the variables visible at {@code offset} from the blocks that hold it. */
  private static void variables(Decl.WorkflowDecl workflow, Block block, int offset, List<Entity> out) {
    for (Stmt s : block.statements()) {
      if (s.span().end() <= offset) {
        if (s instanceof Stmt.Let let) {
          out.add(new Entity.Variable(workflow, let.name(), let));
        }
        continue;
      }
      if (!contains(s.span(), offset)) {
        return;
      }
      if (s instanceof Stmt.ForEach loop && loop.declaresVariable() && contains(loop.body().span(), offset)) {
        out.add(new Entity.Variable(workflow, loop.variable(), loop));
      }
      if (s instanceof Stmt.Try t) {
        for (Stmt.Catch c : t.catches()) {
          if (c.variable().isPresent() && contains(c.body().span(), offset)) {
            out.add(new Entity.Variable(workflow, c.variable().get(), t));
          }
        }
      }
      for (Block inner : blocks(s)) {
        if (contains(inner.span(), offset)) {
          variables(workflow, inner, offset, out);
        }
      }
      return;
    }
  }

  /** Whether {@code offset} is inside the span or just after its last character. */
  static boolean contains(SourceSpan span, int offset) {
    return !span.isNone() && span.start() <= offset && offset <= span.end();
  }
}
