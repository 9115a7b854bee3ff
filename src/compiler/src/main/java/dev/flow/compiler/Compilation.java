package dev.flow.compiler;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * The result of the front end.
 *
 * @param units the files that parsed
 * @param model the resolved model, when parsing succeeded
 * @param diagnostics every diagnostic, in source order
 */
public record Compilation(List<CompilationUnit> units, Optional<SemanticModel> model, List<Diagnostic> diagnostics) {
  public Compilation {
    units = List.copyOf(units);
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  public long errorCount() {
    return diagnostics.stream().filter(Diagnostic::isError).count();
  }

  public long warningCount() {
    return diagnostics.size() - errorCount();
  }
}
