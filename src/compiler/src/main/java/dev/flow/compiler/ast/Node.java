package dev.flow.compiler.ast;

import dev.flow.compiler.source.SourceSpan;

/** Every AST node knows where it came from. */
public interface Node {
  SourceSpan span();
}
