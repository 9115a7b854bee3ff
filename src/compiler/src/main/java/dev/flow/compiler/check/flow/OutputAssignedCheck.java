package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * E301: an output is not assigned on a path that completes (LANGUAGE.md §3.5, §4.10 and §7
 * rule 4). A path that runs to the end of the body is reported once per missing output, at
 * the {@code output} declaration; a {@code complete} that some output does not reach is
 * reported once, at the {@code complete}, naming every missing output. Paths that end in
 * {@code fail}, {@code cancel} or {@code go to} need nothing; code that nothing reaches is E302.
 * Paths are those of {@link FlowAnalysis}: an output assigned in a branch of a {@code first}
 * whose other branches fail or cancel is assigned after the {@code first}.
 */
public final class OutputAssignedCheck extends WorkflowCheck {

  /** With the workflows' facts shared with the other checks of a run. */
  OutputAssignedCheck(WorkflowFacts facts) {
    super(facts);
  }

  /** Beside errors of names and types: an output set with a misspelled target would be reported as never set. */
  @Override
  public Reach reach() {
    return Reach.SET_TARGETS;
  }

  @Override
  void check(SemanticModel model, Decl.WorkflowDecl w, List<Diagnostic> out) {
    if (!w.outputs().isEmpty()) {
      check(facts.analysis(model, w), w, out);
    }
  }

  private static void check(FlowAnalysis analysis, Decl.WorkflowDecl w, List<Diagnostic> out) {
    FlowState end = analysis.end();
    for (Clause.Output o : w.outputs()) {
      String name = o.name().text();
      if (!end.isAssigned(name)) {
        out.add(Diagnostic.of(Code.E301, o.span(),
                "output `" + name + "` is not assigned on every path to the end of workflow `" + w.name().text() + "`")
            .withHelp("assign it with `set " + name + " = …` before the end, or end the paths without it with"
                + " `fail` or `cancel`"));
      }
    }
    for (FlowAnalysis.Completion c : analysis.completions()) {
      List<String> missing = new ArrayList<>();
      for (Clause.Output o : w.outputs()) {
        if (!c.state().isAssigned(o.name().text())) {
          missing.add("`" + o.name().text() + "`");
        }
      }
      if (!missing.isEmpty()) {
        String what = missing.size() == 1 ? "output " + missing.get(0) + " is"
            : "outputs " + String.join(", ", missing.subList(0, missing.size() - 1)) + " and "
                + missing.get(missing.size() - 1) + " are";
        out.add(Diagnostic.of(Code.E301, Syntax.keyword(c.complete().span(), "complete"),
                what + " not assigned on every path to this `complete`")
            .withHelp("assign every output with `set` before `complete`"));
      }
    }
  }
}
