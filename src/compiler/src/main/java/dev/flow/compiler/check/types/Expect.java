package dev.flow.compiler.check.types;

import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.check.resolve.Names;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import java.util.function.Supplier;

/**
 * Checks that a value fits where it goes, and reports when it does not. An optional where a
 * value is required is E204, whatever the place (LANGUAGE.md §6: it wins over E200, E202 and
 * E203); any other misfit gets the code of the place: E200 for a {@code let}, {@code set},
 * statement operand or function argument, E202 for an argument of an action or workflow, E203
 * for a condition.
 */
final class Expect {
  private final Diagnostics sink;

  Expect(Diagnostics sink) {
    this.sink = sink;
  }

  /**
   * Whether {@code actual}, the type of {@code e}, fits {@code expected}; when not, reports
   * E204 (an optional or {@code none} whose value would fit) or {@code code} with
   * {@code message} (built only then: most values fit).
   */
  boolean fits(Expr e, Type actual, Type expected, Code code, Supplier<String> message) {
    if (actual.isError() || expected.isError() || Types.isAssignable(actual, expected)) {
      return true;
    }
    if (isOptionalOf(actual, expected)) {
      sink.add(optional(e, actual, expected.display()));
      return false;
    }
    sink.add(Diagnostic.of(code, e.span(), message.get()));
    return false;
  }

  /** Whether {@code actual} is a {@code T?} (or {@code none}) where a {@code T} would fit {@code expected}. */
  static boolean isOptionalOf(Type actual, Type expected) {
    if (expected.isOptional()) {
      return false;
    }
    return actual == Type.NONE || actual.isOptional() && Types.isAssignable(Type.required(actual), expected);
  }

  /** E204 at {@code e}: it may be {@code none} where a {@code required} is needed. */
  static Diagnostic optional(Expr e, Type actual, String required) {
    if (actual == Type.NONE) {
      return Diagnostic.of(Code.E204, e.span(), "`none` where a value is required: expected `" + required + "`")
          .withHelp("only an optional type (`" + required + "?`) can hold `none`");
    }
    String text = e.span().text();
    String what = Names.quotable(text) ? "`" + text + "`" : "the value";
    Diagnostic d = Diagnostic.of(Code.E204, e.span(),
        what + " may be `none`: expected `" + required + "`, found `" + actual.display() + "`");
    if (Names.quotable(text)) {
      return d.withHelp("check `" + text + " != none` first, or give a default: `" + text + " ?? …`");
    }
    return d.withHelp("check that it is not `none` first, or give a default with `??`");
  }
}
