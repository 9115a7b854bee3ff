package dev.flow.compiler.check;

import dev.flow.compiler.diag.Diagnostic;
import java.util.List;

/**
 * One semantic check over the resolved and typed model. Adding a check is adding a class
 * that implements this and listing it in {@link dev.flow.compiler.check.flow.FlowChecks}.
 */
public interface Check {
  List<Diagnostic> check(SemanticModel model);

  /**
   * Whether each of its diagnostics depends only on the declaration it points into. When names
   * or types had errors, a local check still reports in the declarations without an error (so
   * independent mistakes come in one run); a check that relates declarations does not.
   */
  default boolean isLocal() {
    return true;
  }

  /**
   * Whether its diagnostics stay true beside errors in the same declaration, as long as they do
   * not point at the erroneous code itself: the path checks (a step that may not have run, an
   * unreachable statement, a bad {@code go to}), whose paths no name or type error changes.
   */
  default boolean isPathCheck() {
    return false;
  }
}
