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

  /**
   * How far an error of names or types reaches into what this check reports, and so where it
   * still reports beside such errors ({@link AfterErrors}). By default a check that is not
   * {@linkplain #isLocal() local} reports only on a model without errors, a path check beside
   * errors, and any other check only in declarations without errors.
   */
  default Reach reach() {
    return !isLocal() ? Reach.MODEL : isPathCheck() ? Reach.PATHS : Reach.DECLARATION;
  }

  /** What an earlier error must touch to make a check's diagnostic meaningless (or a follow-on). */
  enum Reach {
    /** Any error anywhere: the check relates declarations to each other. */
    MODEL,
    /** Any error in the top-level declaration the diagnostic points into. */
    DECLARATION,
    /**
     * An error at the diagnostic's own code, or a duplicate name (E104) in its declaration: paths
     * and the names of steps and variables do not depend on other errors of names and types.
     */
    PATHS,
    /** As {@link #PATHS}, and any error inside the innermost statement holding the diagnostic. */
    STATEMENT,
    /**
     * As {@link #PATHS}, and an error at the target of any {@code set} of the declaration (a
     * misspelled output would make "output not assigned" a follow-on).
     */
    SET_TARGETS,
    /** Only an error at the diagnostic's own code: what it says is written right there. */
    OWN_CODE
  }
}
