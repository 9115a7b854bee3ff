package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.check.Check;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * W003: a workflow that no process lists (LANGUAGE.md §3.4), reported at the workflow's name.
 * Every process of the model counts, whatever its package. A model without any process gets
 * the warning for each of its workflows too: the spec makes no exception.
 */
public final class ProcessMembershipCheck implements Check {
  /** It relates declarations to each other, so it reports only on a model without errors. */
  @Override
  public boolean isLocal() {
    return false;
  }

  @Override
  public List<Diagnostic> check(SemanticModel model) {
    Set<Decl> listed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Decl d : model.declarations()) {
      if (d instanceof Decl.ProcessDecl p) {
        for (Clause.Workflows c : p.clauses(Clause.Workflows.class)) {
          for (Name n : c.workflows()) {
            model.declarationOf(n).ifPresent(listed::add);
          }
        }
      }
    }
    List<Diagnostic> out = new ArrayList<>();
    for (Decl d : model.declarations()) {
      if (d instanceof Decl.WorkflowDecl w && !listed.contains(w)) {
        out.add(Diagnostic.of(Code.W003, w.name().span(), "workflow `" + w.name().text() + "` is in no process")
            .withHelp("list it in the `workflows` clause of the process it belongs to"));
      }
    }
    return out;
  }
}
