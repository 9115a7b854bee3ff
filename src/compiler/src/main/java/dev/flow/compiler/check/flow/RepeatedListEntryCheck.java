package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.check.Check;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * E101: a name listed twice in one {@code workflows} or {@code stakeholders} clause of a process
 * (LANGUAGE.md §3.4), at the second listing. A workflow listed in two different processes is
 * E306 ({@link SingleProcessCheck}); a name repeated across two clauses of the same kind is part
 * of the duplicate clause ({@link DuplicateClauseCheck}) and not reported again.
 */
public final class RepeatedListEntryCheck implements Check {
  /** Beside errors of names and types: a repeated entry is repeated whatever the other errors. */
  @Override
  public Reach reach() {
    return Reach.OWN_CODE;
  }

  @Override
  public List<Diagnostic> check(SemanticModel model) {
    List<Diagnostic> out = new ArrayList<>();
    for (Decl d : model.declarations()) {
      if (d instanceof Decl.ProcessDecl p) {
        for (Clause c : p.clauses()) {
          if (c instanceof Clause.Workflows w) {
            check(p, "workflow", w.workflows(), out);
          } else if (c instanceof Clause.Stakeholders s) {
            check(p, "stakeholder", s.roles(), out);
          }
        }
      }
    }
    return out;
  }

  private static void check(Decl.ProcessDecl p, String what, List<Name> names, List<Diagnostic> out) {
    Set<String> seen = new HashSet<>();
    for (Name n : names) {
      if (!seen.add(n.text())) {
        out.add(Diagnostic.of(Code.E101, n.span(),
            what + " `" + n.text() + "` is listed twice in process `" + p.name().text() + "`"));
      }
    }
  }
}
