package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.check.Check;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * E305: an invalid cron expression in {@code starts every "CRON"} (LANGUAGE.md §3.5 and §7 rule
 * 11), reported at the string, with a message that names the field and what is wrong with it
 * ("day of month 32 is out of range 1-31"). What is valid is described on {@link Cron}. A cron
 * string with interpolation is refused by the parser and not checked again here.
 */
public final class CronCheck implements Check {
  /** Beside errors of names and types: a cron expression is valid or not on its own. */
  @Override
  public Reach reach() {
    return Reach.OWN_CODE;
  }

  @Override
  public List<Diagnostic> check(SemanticModel model) {
    List<Diagnostic> out = new ArrayList<>();
    for (Decl d : model.declarations()) {
      if (d instanceof Decl.WorkflowDecl w) {
        for (Clause.Trigger t : w.triggers()) {
          Optional<Expr.StringLit> cron = t.cron();
          if (cron.isPresent() && cron.get().isPlain()) {
            Cron.problem(cron.get().plainText()).ifPresent(p -> out.add(
                Diagnostic.of(Code.E305, cron.get().span(), "invalid cron expression: " + p)
                    .withNote("standard five-field cron: minute hour day-of-month month day-of-week,"
                        + " e.g. `0 9 * * MON-FRI`")));
          }
        }
      }
    }
    return out;
  }
}
