package dev.flow.compiler.check.types;

import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import java.util.List;

/**
 * The built-in functions of LANGUAGE.md §5: {@code now(): Timestamp}, {@code today(): Date},
 * {@code size(List<T> | Text): Int}, {@code lower}, {@code upper} and {@code trim} of a
 * {@code Text}. A wrong number of arguments is E202 (as for actions and workflows); an argument
 * of the wrong type is E200, an optional one E204.
 */
final class Builtins {
  /** Every built-in function name, for did-you-mean. */
  static final List<String> NAMES = List.of("lower", "now", "size", "today", "trim", "upper");

  private final Diagnostics sink;
  private final Expect expect;

  Builtins(Diagnostics sink) {
    this.sink = sink;
    this.expect = new Expect(sink);
  }

  static boolean isBuiltin(String name) {
    return NAMES.contains(name);
  }

  /** The result type of a call of a built-in, given its arguments' types. */
  Type call(Expr.FunctionCall call, List<Type> args) {
    String name = call.function().text();
    int arity = name.equals("now") || name.equals("today") ? 0 : 1;
    Type result = switch (name) {
      case "now" -> Type.TIMESTAMP;
      case "today" -> Type.DATE;
      case "size" -> Type.INT;
      default -> Type.TEXT;
    };
    if (args.size() != arity) {
      sink.add(Diagnostic.of(Code.E202, call.span(),
              "`" + name + "` takes " + (arity == 0 ? "no arguments" : "1 argument") + ", found " + args.size())
          .withHelp("call it as `" + signature(name) + "`"));
      return result;
    }
    if (arity == 0) {
      return result;
    }
    Expr arg = call.arguments().get(0);
    Type t = args.get(0);
    if (name.equals("size")) {
      Type r = Type.required(t);
      if (t.isError() || r instanceof Type.ListOf || r == Type.TEXT) {
        if (t.isOptional()) {
          sink.add(Expect.optional(arg, t, r.display()));
        }
      } else {
        sink.add(Diagnostic.of(Code.E200, arg.span(),
            "type mismatch: expected a list or `Text`, found `" + t.display() + "`"));
      }
      return result;
    }
    expect.fits(arg, t, Type.TEXT, Code.E200, () -> Types.mismatch(Type.TEXT, t));
    return result;
  }

  private static String signature(String name) {
    return switch (name) {
      case "now" -> "now()";
      case "today" -> "today()";
      case "size" -> "size(list)";
      default -> name + "(text)";
    };
  }
}
