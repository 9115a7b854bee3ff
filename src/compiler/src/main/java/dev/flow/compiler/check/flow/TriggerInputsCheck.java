package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.Check;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.types.Type;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * E304: a trigger that does not fit the workflow's inputs (LANGUAGE.md §3.5 and §7 rule 10),
 * reported at the {@code starts} keyword of the clause.
 *
 * <ul>
 *   <li>{@code starts on EVENT}: exactly one input accepts the event ({@code E} or
 *       {@code E?}) and is filled with it; every other input is left {@code none}, so it must be
 *       optional. A workflow may have several {@code starts on}, each filling its own optional
 *       input (issue 11). A target that is not an event is E102, from name resolution.
 *   <li>{@code starts after WORKFLOW}: each input takes the output of that workflow with the same
 *       name: the same type, a {@code T} into a {@code T?}, or an {@code Int} into a
 *       {@code Decimal}. Every input needs such an output, an optional one too (the hand-off is
 *       by name; only a {@code call} may leave an optional input out). One diagnostic per input
 *       that does not fit.
 *   <li>{@code starts every}: every input is optional (nothing supplies it). One diagnostic per
 *       required input.
 * </ul>
 */
public final class TriggerInputsCheck implements Check {
  /** It relates declarations to each other, so it reports only on a model without errors. */
  @Override
  public boolean isLocal() {
    return false;
  }

  @Override
  public List<Diagnostic> check(SemanticModel model) {
    List<Diagnostic> out = new ArrayList<>();
    for (Decl d : model.declarations()) {
      if (d instanceof Decl.WorkflowDecl w) {
        for (Clause.Trigger t : w.triggers()) {
          if (t.kind() == Clause.TriggerKind.ON_EVENT) {
            onEvent(model, w, t, out);
          } else if (t.kind() == Clause.TriggerKind.AFTER_WORKFLOW) {
            afterWorkflow(model, w, t, out);
          } else if (t.kind() == Clause.TriggerKind.EVERY) {
            every(model, w, t, out);
          }
        }
      }
    }
    return out;
  }

  private static void onEvent(SemanticModel model, Decl.WorkflowDecl w, Clause.Trigger t, List<Diagnostic> out) {
    Optional<Decl> target = t.target().flatMap(model::declarationOf);
    if (target.isEmpty() || !(target.get() instanceof Decl.EventDecl event)) {
      return;
    }
    String e = event.name().text();
    List<Clause.Input> inputs = w.inputs();
    String needs = "`starts on " + e + "` needs exactly one input, of type `" + e + "`";
    String help = "declare it as `input " + lowerFirst(e) + ": " + e + "`";
    if (inputs.isEmpty()) {
      out.add(at(t, needs + "; workflow `" + w.name().text() + "` has none").withHelp(help));
      return;
    }
    List<Clause.Input> taking = inputs.stream()
        .filter(in -> model.isAssignable(new Type.Declared(event), model.typeOf(in.type()))).toList();
    if (taking.size() > 1) {
      out.add(at(t, "`starts on " + e + "` fills one input of type `" + e + "`, but " + taking.size() + " inputs take it")
          .withHelp("keep one input of type `" + e + "` (or `" + e + "?`)"));
      return;
    }
    if (taking.isEmpty()) {
      if (inputs.size() == 1) {
        Clause.Input input = inputs.get(0);
        out.add(at(t, needs + "; input `" + input.name().text() + "` is `" + model.typeOf(input.type()).display() + "`"));
      } else {
        out.add(at(t, "`starts on " + e + "` needs an input of type `" + e + "` (or `" + e + "?`); workflow `"
            + w.name().text() + "` has none among its " + inputs.size() + " inputs").withHelp(help + "?"));
      }
      return;
    }
    for (Clause.Input other : inputs) {
      Type type = model.typeOf(other.type());
      if (other != taking.get(0) && !type.isOptional() && !type.isError()) {
        out.add(at(t, "`starts on " + e + "` fills input `" + taking.get(0).name().text() + "` and leaves input `"
                + other.name().text() + "` none, but it is `" + type.display() + "`")
            .withHelp("declare it as `input " + other.name().text() + ": " + type.display()
                + "?`, so that each trigger fills its own input"));
      }
    }
  }

  private static void afterWorkflow(
      SemanticModel model, Decl.WorkflowDecl w, Clause.Trigger t, List<Diagnostic> out) {
    Optional<Decl> target = t.target().flatMap(model::declarationOf);
    if (target.isEmpty() || !(target.get() instanceof Decl.WorkflowDecl before)) {
      return;
    }
    String b = before.name().text();
    List<String> outputNames = before.outputs().stream().map(o -> o.name().text()).toList();
    for (Clause.Input input : w.inputs()) {
      String name = input.name().text();
      Type inputType = model.typeOf(input.type());
      Optional<Clause.Output> output =
          before.outputs().stream().filter(o -> o.name().text().equals(name)).findFirst();
      if (output.isEmpty()) {
        out.add(at(t, "input `" + name + "` has no output of the same name in workflow `" + b + "`")
            .withHelp(Optional.ofNullable(Suggestions.didYouMean(name, outputNames))
                .orElse("add `output " + name + ": " + inputType.display() + "` to `" + b + "`")));
        continue;
      }
      Type outputType = model.typeOf(output.get().type());
      if (!model.isAssignable(outputType, inputType)) {
        out.add(at(t, "input `" + name + ": " + inputType.display() + "` cannot take output `" + name + ": "
            + outputType.display() + "` of workflow `" + b + "`"));
      }
    }
  }

  private static void every(SemanticModel model, Decl.WorkflowDecl w, Clause.Trigger t, List<Diagnostic> out) {
    for (Clause.Input input : w.inputs()) {
      Type type = model.typeOf(input.type());
      if (!type.isOptional() && !type.isError()) {
        out.add(at(t, "`starts every` needs every input to be optional; input `" + input.name().text()
                + "` is `" + type.display() + "`")
            .withHelp("a scheduled start has no values to give: declare it as `input " + input.name().text() + ": "
                + type.display() + "?`"));
      }
    }
  }

  private static Diagnostic at(Clause.Trigger t, String message) {
    return Diagnostic.of(Code.E304, Syntax.keyword(t.span(), "starts"), message);
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
