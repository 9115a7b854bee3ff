package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.TypeRef;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.types.Type;
import dev.flow.compiler.check.types.Types;
import java.util.List;
import java.util.Optional;

/** The {@link SemanticModel} that {@link Resolver} builds: read-only views of what it recorded. */
final class ResolvedModel implements SemanticModel {
  private final List<CompilationUnit> units;
  private final SymbolTable table;
  private final Recorder recorder;

  ResolvedModel(List<CompilationUnit> units, SymbolTable table, Recorder recorder) {
    this.units = List.copyOf(units);
    this.table = table;
    this.recorder = recorder;
  }

  @Override
  public List<CompilationUnit> units() {
    return units;
  }

  @Override
  public List<Decl> declarations() {
    return table.all();
  }

  @Override
  public Optional<Decl> declarationOf(Name reference) {
    return recorder.declarationOf(reference);
  }

  @Override
  public Optional<Symbol> symbolOf(Name reference) {
    return recorder.symbolOf(reference);
  }

  @Override
  public Type typeOf(TypeRef type) {
    return recorder.typeOf(type);
  }

  @Override
  public Type typeOf(Expr expr) {
    return recorder.typeOf(expr);
  }

  @Override
  public String packageOf(Decl decl) {
    return table.packageOf(decl);
  }

  @Override
  public boolean isAssignable(Type from, Type to) {
    return Types.isAssignable(from, to);
  }
}
