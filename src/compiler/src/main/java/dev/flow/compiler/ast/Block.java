package dev.flow.compiler.ast;

import dev.flow.compiler.source.SourceSpan;
import java.util.List;

/** A braced list of statements: a scope for {@code let} variables. */
public record Block(List<Stmt> statements, SourceSpan span) implements Node {
  public Block {
    statements = List.copyOf(statements);
  }
}
