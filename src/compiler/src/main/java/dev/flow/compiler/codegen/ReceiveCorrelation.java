package dev.flow.compiler.codegen;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.resolve.Symbol;
import dev.flow.compiler.check.types.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code where} of a {@code receive} cut into its correlation and the rest. Each top-level
 * {@code and} conjunct {@code ev.field == expr} (either way round) whose {@code expr} does not read
 * the event is a correlation when both sides have the same Flow type and that type's values are
 * equal exactly when their runtime keys are ({@code Text}, {@code Int}, {@code Bool},
 * {@code Decimal} (the key is canonical), {@code Date}, {@code Timestamp}, {@code Duration}, an
 * enum). The call site evaluates {@code expr} when the receive starts waiting, so the engine can
 * find the waiting instance an event is for from an index; everything else stays in the predicate.
 *
 * <p>Only conjuncts before the first conjunct that does not read the event are taken: such a
 * conjunct may be a guard ({@code x != none and ev.id == x.id}) that the value needs. A value that
 * reads the clock ({@code now()}, {@code today()}) stays in the predicate too.
 */
final class ReceiveCorrelation {
  /** One correlation: the event's field (its Flow name) and the value it must equal. */
  record Key(String field, Expr value) {}

  /** The correlations, in order, and the conjuncts left for the predicate, in order. */
  record Split(List<Key> keys, List<Expr> rest) {}

  private ReceiveCorrelation() {}

  /** The correlation of a receive's {@code where} (none without one). */
  static Split split(Stmt.Receive receive, SemanticModel model) {
    List<Key> keys = new ArrayList<>();
    List<Expr> rest = new ArrayList<>();
    if (receive.where().isEmpty()) {
      return new Split(keys, rest);
    }
    boolean guarded = false;
    for (Expr conjunct : conjuncts(receive.where().get(), new ArrayList<>())) {
      Optional<Key> key = guarded ? Optional.empty() : key(conjunct, receive, model);
      if (key.isPresent()) {
        keys.add(key.get());
      } else {
        rest.add(conjunct);
        guarded |= !reads(conjunct, receive, model);
      }
    }
    return new Split(List.copyOf(keys), List.copyOf(rest));
  }

  private static List<Expr> conjuncts(Expr e, List<Expr> out) {
    if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.AND) {
      conjuncts(b.left(), out);
      conjuncts(b.right(), out);
    } else {
      out.add(e);
    }
    return out;
  }

  private static Optional<Key> key(Expr conjunct, Stmt.Receive receive, SemanticModel model) {
    if (!(conjunct instanceof Expr.Binary b) || b.op() != Expr.BinaryOp.EQ) {
      return Optional.empty();
    }
    Optional<Key> left = key(b.left(), b.right(), receive, model);
    return left.isPresent() ? left : key(b.right(), b.left(), receive, model);
  }

  private static Optional<Key> key(Expr field, Expr value, Stmt.Receive receive, SemanticModel model) {
    if (!(field instanceof Expr.FieldAccess f) || !isEvent(f.target(), receive, model)
        || reads(value, receive, model) || readsClock(value)) {
      return Optional.empty();
    }
    Type a = Type.required(model.typeOf(field));
    Type b = Type.required(model.typeOf(value));
    if (!a.equals(b) || !hasKeyEquality(a)) {
      return Optional.empty();
    }
    return Optional.of(new Key(f.field().text(), value));
  }

  private static boolean hasKeyEquality(Type t) {
    return t instanceof Type.Primitive || t instanceof Type.Declared d && d.decl() instanceof Decl.EnumDecl;
  }

  private static boolean isEvent(Expr e, Stmt.Receive receive, SemanticModel model) {
    return e instanceof Expr.NameRef n
        && model.symbolOf(n.name()).filter(s -> s instanceof Symbol.StepSymbol step && step.step() == receive).isPresent();
  }

  /** Whether an expression reads the received event. */
  static boolean reads(Expr e, Stmt.Receive receive, SemanticModel model) {
    return any(e, x -> isEvent(x, receive, model));
  }

  private static boolean readsClock(Expr e) {
    return any(e, x -> x instanceof Expr.FunctionCall c
        && (c.function().text().equals("now") || c.function().text().equals("today")));
  }

  /** Whether {@code test} holds for an expression or any expression inside it. */
  private static boolean any(Expr e, java.util.function.Predicate<Expr> test) {
    if (test.test(e)) {
      return true;
    }
    for (Expr child : children(e)) {
      if (any(child, test)) {
        return true;
      }
    }
    return false;
  }

  private static List<Expr> children(Expr e) {
    if (e instanceof Expr.FieldAccess f) {
      return List.of(f.target());
    } else if (e instanceof Expr.FunctionCall c) {
      return c.arguments();
    } else if (e instanceof Expr.Construct k) {
      return k.arguments().stream().map(dev.flow.compiler.ast.Argument::value).toList();
    } else if (e instanceof Expr.ListLit l) {
      return l.elements();
    } else if (e instanceof Expr.Unary u) {
      return List.of(u.operand());
    } else if (e instanceof Expr.Binary b) {
      return List.of(b.left(), b.right());
    } else if (e instanceof Expr.StringLit s) {
      List<Expr> parts = new ArrayList<>();
      for (Expr.StringPart p : s.parts()) {
        if (p instanceof Expr.Interpolation i) {
          parts.add(i.expr());
        }
      }
      return parts;
    }
    return List.of();
  }
}
