package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.check.Check;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * E306: a workflow listed in more than one process (LANGUAGE.md §3.4), reported at the second
 * listing in source order (files in the order given, then position), once for each process
 * after the first that lists it.
 */
public final class SingleProcessCheck implements Check {
  /** It relates declarations to each other, so it reports only on a model without errors. */
  @Override
  public boolean isLocal() {
    return false;
  }

  @Override
  public List<Diagnostic> check(SemanticModel model) {
    List<Diagnostic> out = new ArrayList<>();
    Map<Decl, Decl.ProcessDecl> owner = new IdentityHashMap<>();
    for (Decl d : model.declarations()) {
      if (d instanceof Decl.ProcessDecl p) {
        for (Clause.Workflows c : p.clauses(Clause.Workflows.class)) {
          for (Name n : c.workflows()) {
            Optional<Decl> w = model.declarationOf(n);
            if (w.isEmpty() || !(w.get() instanceof Decl.WorkflowDecl)) {
              continue;
            }
            Decl.ProcessDecl first = owner.putIfAbsent(w.get(), p);
            if (first != null && first != p) {
              out.add(Diagnostic.of(Code.E306, n.span(),
                      "workflow `" + n.text() + "` is already in process `" + first.name().text() + "`")
                  .withNote("process `" + first.name().text() + "` lists it on line "
                      + listing(first, w.get(), model).line())
                  .withHelp("a workflow belongs to one process: remove it from one of them"));
            }
          }
        }
      }
    }
    return out;
  }

  private static dev.flow.compiler.source.SourceSpan listing(Decl.ProcessDecl p, Decl w, SemanticModel model) {
    for (Clause.Workflows c : p.clauses(Clause.Workflows.class)) {
      for (Name n : c.workflows()) {
        if (model.declarationOf(n).orElse(null) == w) {
          return n.span();
        }
      }
    }
    return p.name().span();
  }
}
