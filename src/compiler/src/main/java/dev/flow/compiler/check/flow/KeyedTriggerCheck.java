package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.ExprPrinter;
import dev.flow.compiler.ast.Field;
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
 * E310: the key of {@code starts on EVENT keyed by KEY} is a field of the event, read through the
 * input the trigger fills ({@code reading.room}), of a
 * single value: {@code Text}, {@code Int}, {@code Decimal}, {@code Bool}, {@code Date},
 * {@code Timestamp}, {@code Duration} or an enum, not optional.
 */
public final class KeyedTriggerCheck implements Check {
  /** It reads the event's declaration, so it reports only on a model without errors. */
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
          if (t.kind() == Clause.TriggerKind.ON_EVENT && t.key().isPresent()) {
            key(model, w, t, t.key().get(), out);
          }
        }
      }
    }
    return out;
  }

  private static void key(SemanticModel model, Decl.WorkflowDecl w, Clause.Trigger t, Expr key, List<Diagnostic> out) {
    Optional<Decl> target = t.target().flatMap(model::declarationOf);
    if (target.isEmpty() || !(target.get() instanceof Decl.EventDecl event)) {
      return;
    }
    Optional<Clause.Input> input = w.inputs().stream()
        .filter(in -> model.isAssignable(new Type.Declared(event), model.typeOf(in.type()))).findFirst();
    if (input.isEmpty()) {
      return; // E304 says so
    }
    String name = input.get().name().text();
    List<Expr.FieldAccess> path = new ArrayList<>();
    Expr at = key;
    while (at instanceof Expr.FieldAccess access) {
      path.add(0, access);
      at = access.target();
    }
    if (path.isEmpty() || !(at instanceof Expr.NameRef ref) || !ref.name().text().equals(name)) {
      out.add(Diagnostic.of(Code.E310, key.span(), "the key `" + ExprPrinter.print(key) + "` is not a field of the event"
              + " `" + name + "` that `starts on " + event.name().text() + "` fills")
          .withHelp("key the instances by a field of the event, such as `keyed by " + name + "."
              + event.fields().stream().findFirst().map(f -> f.name().text()).orElse("id") + "`"));
      return;
    }
    if (path.size() > 1) {
      out.add(Diagnostic.of(Code.E310, key.span(), "the key `" + ExprPrinter.print(key) + "` reads into a field of `"
              + name + "`; a key is one of the event's own fields")
          .withHelp("key by a field of `" + event.name().text() + "` itself that holds a single value"));
      return;
    }
    Expr.FieldAccess access = path.get(0);
    List<Field> fields = event.fields();
    Optional<Field> field = fields.stream().filter(f -> f.name().text().equals(access.field().text())).findFirst();
    if (field.isEmpty()) {
      out.add(Diagnostic.of(Code.E310, access.field().span(), "event `" + event.name().text() + "` has no field `"
              + access.field().text() + "`")
          .withHelp(Optional.ofNullable(Suggestions.didYouMean(access.field().text(),
              fields.stream().map(f -> f.name().text()).toList())).orElse("key by one of its fields")));
      return;
    }
    Type type = model.typeOf(field.get().type());
    if (type != null && !type.isError() && !scalar(type)) {
      out.add(Diagnostic.of(Code.E310, key.span(), "the key `" + ExprPrinter.print(key) + "` is `" + type.display()
              + "`, not a single value")
          .withHelp("a key is a `Text`, `Int`, `Decimal`, `Bool`, `Date`, `Timestamp`, `Duration` or enum field that"
              + " every event has"));
    }
  }

  private static boolean scalar(Type type) {
    return type instanceof Type.Primitive
        || type instanceof Type.Declared declared && declared.decl() instanceof Decl.EnumDecl;
  }
}
