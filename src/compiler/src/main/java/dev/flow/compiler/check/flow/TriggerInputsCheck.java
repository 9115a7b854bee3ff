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
 *   <li>{@code starts on EVENT}: exactly one input, that accepts the event ({@code E} or
 *       {@code E?}). A target that is not an event is E102, from name resolution.
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
    } else if (inputs.size() > 1) {
      out.add(at(t, needs + "; workflow `" + w.name().text() + "` has " + inputs.size()));
    } else {
      Clause.Input input = inputs.get(0);
      Type type = model.typeOf(input.type());
      if (!model.isAssignable(new Type.Declared(event), type)) {
        out.add(at(t, needs + "; input `" + input.name().text() + "` is `" + type.display() + "`"));
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
