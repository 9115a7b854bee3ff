package dev.flow.compiler.check;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Statements;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * Every problem in one run: which diagnostics of the flow checks to keep after errors of names
 * and types. A flow check's diagnostic is kept when no earlier error reaches it, as its check's
 * {@link Check.Reach} says; so independent mistakes come together and one mistake still gives one
 * diagnostic. Errors outside every top-level declaration (a bad import) reach only the checks that
 * relate declarations.
 */
public final class AfterErrors {
  private final List<CompilationUnit> units;
  private final List<Diagnostic> errors;

  /** {@code errors}: the errors of names and types that came before the flow checks. */
  public AfterErrors(List<CompilationUnit> units, List<Diagnostic> errors) {
    this.units = List.copyOf(units);
    this.errors = List.copyOf(errors);
  }

  /** Whether a check of this reach runs at all: one that relates declarations needs a model without errors. */
  public boolean runs(Check.Reach reach) {
    return errors.isEmpty() || reach != Check.Reach.MODEL;
  }

  /** Whether a diagnostic of a check of this reach stays true, and not a follow-on, beside the earlier errors. */
  public boolean keep(Check.Reach reach, Diagnostic d) {
    if (errors.isEmpty()) {
      return true;
    }
    if (reach == Check.Reach.MODEL) {
      return false;
    }
    Decl decl = declarationHolding(d.span());
    if (decl == null) {
      return false;
    }
    List<Diagnostic> inDecl = errors.stream().filter(e -> within(e.span(), decl.span())).toList();
    if (inDecl.isEmpty()) {
      return true;
    }
    if (reach == Check.Reach.DECLARATION || inDecl.stream().anyMatch(e -> overlaps(e.span(), d.span()))) {
      return false;
    }
    if (reach == Check.Reach.OWN_CODE) {
      return true;
    }
    if (inDecl.stream().anyMatch(e -> e.code() == Code.E104)) {
      return false;
    }
    if (reach == Check.Reach.STATEMENT) {
      SourceSpan statement = innermostStatement(decl, d.span());
      return statement == null || inDecl.stream().noneMatch(e -> overlaps(e.span(), statement));
    }
    if (reach == Check.Reach.SET_TARGETS) {
      List<SourceSpan> targets = setTargets(decl);
      return inDecl.stream().noneMatch(e -> targets.stream().anyMatch(t -> overlaps(e.span(), t)));
    }
    return true;
  }

  private Decl declarationHolding(SourceSpan span) {
    if (span.isNone()) {
      return null;
    }
    for (CompilationUnit unit : units) {
      if (unit.file() != span.file()) {
        continue;
      }
      for (Decl decl : unit.declarations()) {
        if (within(span, decl.span())) {
          return decl;
        }
      }
    }
    return null;
  }

  private static SourceSpan innermostStatement(Decl decl, SourceSpan span) {
    if (!(decl instanceof Decl.WorkflowDecl w)) {
      return null;
    }
    SourceSpan found = null;
    Block block = w.body();
    while (block != null) {
      Block inner = null;
      for (Stmt s : block.statements()) {
        if (within(span, s.span())) {
          found = s.span();
          for (Block b : Statements.blocks(s)) {
            if (within(span, b.span())) {
              inner = b;
            }
          }
        }
      }
      block = inner;
    }
    return found;
  }

  private static List<SourceSpan> setTargets(Decl decl) {
    List<SourceSpan> out = new ArrayList<>();
    if (decl instanceof Decl.WorkflowDecl w) {
      collectSetTargets(w.body(), out);
    }
    return out;
  }

  private static void collectSetTargets(Block block, List<SourceSpan> out) {
    for (Stmt s : block.statements()) {
      if (s instanceof Stmt.Set set) {
        out.add(set.target().span());
      }
      Statements.blocks(s).forEach(b -> collectSetTargets(b, out));
    }
  }

  private static boolean within(SourceSpan inner, SourceSpan outer) {
    return !inner.isNone() && inner.file() == outer.file() && outer.start() <= inner.start() && inner.end() <= outer.end();
  }

  private static boolean overlaps(SourceSpan a, SourceSpan b) {
    return a.file() == b.file() && a.start() < Math.max(b.end(), b.start() + 1) && b.start() < Math.max(a.end(), a.start() + 1);
  }
}
