package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Diagnostics;
import java.util.List;

/** Resolves names across files and packages and type-checks every expression. */
public final class Resolver {
  private Resolver() {}

  public static SemanticModel resolve(List<CompilationUnit> units, Diagnostics diagnostics) {
    throw new UnsupportedOperationException("not yet written");
  }
}
