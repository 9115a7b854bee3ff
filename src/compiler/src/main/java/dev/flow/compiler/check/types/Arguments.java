package dev.flow.compiler.check.types;

import dev.flow.compiler.ast.Argument;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.check.resolve.Names;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Fix;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.diag.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Matches named arguments to the parameters of an action or the inputs of a workflow (E202):
 * in any order, each once; a workflow's optional inputs may be left out, an action's parameters
 * may not. A misnamed argument close to a parameter that is not given is one E202 with a
 * did-you-mean (not a missing and an extra one); so is the one unknown name when exactly one
 * parameter is left (a renamed parameter); the other unknown names are "no parameter";
 * what is still missing is one E202 at the start of the call (the system of
 * {@code System.action(…)}, the workflow's name). A value of the wrong type is E202 at
 * the value (E204 when it is an optional whose value would fit).
 */
final class Arguments {
  /**
   * What is called: its name for messages (built only when one is reported), its parameters in
   * order, whether optional ones may be left out.
   */
  record Callee(Supplier<String> described, String parameterWord, Map<String, Type> parameters,
      boolean optionalMayBeOmitted) {
    String display() {
      return described.get();
    }
  }

  private final ExpressionTyper typer;
  private final Diagnostics sink;

  Arguments(ExpressionTyper typer, Diagnostics sink) {
    this.typer = typer;
    this.sink = sink;
  }

  private static Diagnostic noSuch(Callee callee, Argument a) {
    return Diagnostic.of(Code.E202, a.name().span(),
        callee.display() + " has no " + callee.parameterWord() + " `" + a.name().text() + "`");
  }

  /** Types every argument; when {@code callee} is null (it did not resolve), checks nothing else. */
  void check(Callee callee, List<Argument> args, Name calleeName, Env env) {
    if (callee == null) {
      args.forEach(a -> typer.value(a.value(), env));
      return;
    }
    Map<String, Argument> given = new LinkedHashMap<>();
    List<Argument> unknown = new ArrayList<>();
    for (Argument a : args) {
      String n = a.name().text();
      Type expected = callee.parameters().get(n);
      Type t = typer.value(a.value(), env, expected);
      if (expected == null) {
        unknown.add(a);
      } else if (given.containsKey(n)) {
        sink.add(Diagnostic.of(Code.E202, a.name().span(), "argument `" + n + "` is given twice")
            .withNote("the first is at " + given.get(n).name().span()));
      } else {
        given.put(n, a);
        typer.expect().fits(a.value(), t, expected, Code.E202,
            () -> "type mismatch in argument `" + n + "` of " + callee.display() + ": expected `" + expected.display()
                + "`, found `" + t.display() + "`");
      }
    }
    if (unknown.isEmpty() && given.size() == callee.parameters().size()) {
      return; // every parameter given once, by its name: nothing is missing or misnamed
    }
    Set<String> claimed = new LinkedHashSet<>(given.keySet());
    List<Argument> far = new ArrayList<>();
    for (Argument a : unknown) {
      List<String> open = callee.parameters().keySet().stream().filter(p -> !claimed.contains(p)).toList();
      String best = Suggestions.best(a.name().text(), open).orElse(null);
      if (best != null) {
        claimed.add(best);
        sink.add(noSuch(callee, a).withHelp("did you mean `" + best + "`?").withFix(Fix.rename(a.name().span(), best)));
      } else {
        far.add(a);
      }
    }
    List<String> open = callee.parameters().keySet().stream().filter(p -> !claimed.contains(p)).toList();
    if (far.size() == 1 && open.size() == 1) {
      claimed.add(open.get(0));
      sink.add(noSuch(callee, far.get(0)).withHelp("did you mean `" + open.get(0) + "`? It is the one "
          + callee.parameterWord() + " not given"));
      far.clear();
    }
    for (Argument a : far) {
      Diagnostic d = noSuch(callee, a);
      if (callee.parameters().isEmpty()) {
        sink.add(d.withHelp("it takes no arguments"));
      } else {
        sink.add(d.withHelp("its " + callee.parameterWord() + "s are " + Names.list(callee.parameters().keySet())));
      }
    }
    reportMissing(callee, claimed, calleeName);
  }

  private void reportMissing(Callee callee, Set<String> claimed, Name calleeName) {
    List<String> missing = new ArrayList<>();
    callee.parameters().forEach((p, t) -> {
      if (!claimed.contains(p) && !(callee.optionalMayBeOmitted() && t.isOptional())) {
        missing.add(p);
      }
    });
    if (!missing.isEmpty()) {
      String word = callee.parameterWord().equals("field") ? "field" : "argument";
      String what = word + (missing.size() == 1 ? " " : "s ");
      sink.add(Diagnostic.of(Code.E202, calleeName.span(),
              "missing " + what + Names.list(missing) + " for " + callee.display())
          .withHelp("add " + String.join(", ", missing.stream().map(m -> m + ": …").toList())));
    }
  }
}
