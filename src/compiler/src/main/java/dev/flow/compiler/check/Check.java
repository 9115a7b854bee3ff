package dev.flow.compiler.check;

import dev.flow.compiler.diag.Diagnostic;
import java.util.List;

/**
 * One semantic check over the resolved and typed model. Adding a check is adding a class
 * that implements this and listing it in {@link dev.flow.compiler.check.flow.FlowChecks}.
 */
public interface Check {
  List<Diagnostic> check(SemanticModel model);
}
