package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.Check;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * W004: a process without {@code owner}, {@code goal} or {@code category}, or a workflow
 * without {@code owner} (LANGUAGE.md §3.4 and §3.5), reported at the declaration's name. A
 * process gets one warning that names every missing clause (one place to fix, one warning).
 */
public final class OwnershipCheck implements Check {
  /** Beside errors of names and types: a missing clause is missing whatever the other errors. */
  @Override
  public Reach reach() {
    return Reach.OWN_CODE;
  }

  @Override
  public List<Diagnostic> check(SemanticModel model) {
    List<Diagnostic> out = new ArrayList<>();
    for (Decl d : model.declarations()) {
      if (d instanceof Decl.ProcessDecl p) {
        List<String> missing = new ArrayList<>();
        if (p.clause(Clause.Owner.class).isEmpty()) {
          missing.add("`owner`");
        }
        if (p.clause(Clause.Goal.class).isEmpty()) {
          missing.add("`goal`");
        }
        if (p.clause(Clause.CategoryClause.class).isEmpty()) {
          missing.add("`category`");
        }
        if (!missing.isEmpty()) {
          out.add(Diagnostic.of(Code.W004, p.name().span(),
                  "process `" + p.name().text() + "` has no " + or(missing))
              .withHelp("every process names its accountable `owner`, its `goal` and its `category`"
                  + " (operational, management or support)"));
        }
      } else if (d instanceof Decl.WorkflowDecl w && w.clause(Clause.Owner.class).isEmpty()) {
        out.add(Diagnostic.of(Code.W004, w.name().span(), "workflow `" + w.name().text() + "` has no `owner`")
            .withHelp("add `owner ROLE`: the role accountable for the workflow"));
      }
    }
    return out;
  }

  private static String or(List<String> words) {
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
  }
}
