package dev.flow.compiler.check.types;

import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.check.resolve.Recorder;
import dev.flow.compiler.check.resolve.Symbol;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import java.util.Optional;

/**
 * E308: an expression of a workflow's header that is computed when an instance starts (its
 * {@code deadline}, and the reason or message the deadline ends it with) may read the inputs,
 * enum constants and literals, but no step, variable or output (none exists yet) and not
 * {@code now()} or {@code today()} (the engine computes it again when the deadline passes).
 */
final class StartValues {
  private StartValues() {}

  static void check(Expr e, String what, Recorder recorder, Diagnostics sink) {
    if (e instanceof Expr.NameRef n) {
      Optional<Symbol> s = recorder.symbolOf(n.name());
      if (s.isPresent() && !(s.get() instanceof Symbol.InputSymbol) && !(s.get() instanceof Symbol.DeclSymbol)) {
        sink.add(Diagnostic.of(Code.E308, n.span(),
                "`" + n.name().text() + "` is not known when the instance starts, but " + what + " is computed then")
            .withHelp("read only the workflow's inputs here, e.g. `deadline days * 1d` for an input `days: Int`"));
      }
      return;
    }
    if (e instanceof Expr.FunctionCall c && (c.function().text().equals("now") || c.function().text().equals("today"))) {
      sink.add(Diagnostic.of(Code.E308, c.span(),
              "`" + c.function().text() + "()` cannot be used in " + what + ": it is computed from the inputs alone")
          .withHelp("a deadline counts from the start already; give it as a duration: `deadline 30d`"));
      return;
    }
    for (Expr child : Expr.children(e)) {
      check(child, what, recorder, sink);
    }
  }
}
