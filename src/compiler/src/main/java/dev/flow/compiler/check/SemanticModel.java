package dev.flow.compiler.check;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.TypeRef;
import dev.flow.compiler.check.resolve.Symbol;
import dev.flow.compiler.check.types.Type;
import java.util.List;
import java.util.Optional;

/**
 * What name resolution and type checking learned about the sources: the input of the flow
 * checks and of every generator. Generators read only this model.
 */
public interface SemanticModel {
  /** Every compiled file, in the order given. */
  List<CompilationUnit> units();

  /** Every declaration of every file, in source order. */
  List<Decl> declarations();

  /**
   * The declaration that a name in a declaration position refers to: a role after {@code by}
   * or {@code owner}, a system, a workflow in {@code workflows}, {@code starts after},
   * {@code call} or {@code start}, an event in {@code starts on} or {@code receive}, the
   * {@code via} system, a type name. Empty when it did not resolve (already reported).
   */
  Optional<Decl> declarationOf(Name reference);

  /** What a bare name in an expression, or a {@code set} target, refers to. */
  Optional<Symbol> symbolOf(Name reference);

  /** The type a written type denotes ({@link Type#ERROR} when it did not resolve). */
  Type typeOf(TypeRef type);

  /** The type of an expression, as the checker inferred it ({@link Type#ERROR} when unknown). */
  Type typeOf(Expr expr);

  /** The package that holds a declaration ("" for a file without one). */
  String packageOf(Decl decl);

  /**
   * Whether a value of type {@code from} may go where {@code to} is required: the same type,
   * a {@code T} into a {@code T?}, {@code none} into a {@code T?}, an {@code Int} into a
   * {@code Decimal}; the error type fits everywhere.
   */
  boolean isAssignable(Type from, Type to);
}
