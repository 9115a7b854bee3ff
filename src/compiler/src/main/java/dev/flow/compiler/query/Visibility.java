package dev.flow.compiler.query;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.resolve.FileScope;
import dev.flow.compiler.check.resolve.Lookup;
import dev.flow.compiler.check.resolve.Recorder;
import dev.flow.compiler.check.resolve.SymbolTable;
import dev.flow.compiler.diag.Diagnostics;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which declarations each file sees, by the same rules as the checker (LANGUAGE.md §3, §7 rule 2:
 * its own package, its explicit imports, then its wildcard imports): the checker's own
 * {@link SymbolTable} and {@link FileScope}, built again over the model's files with their
 * diagnostics thrown away (the compilation already reported them).
 */
public final class Visibility {
  private final SymbolTable table;
  private final Map<CompilationUnit, FileScope> scopes = new IdentityHashMap<>();

  private Visibility(SymbolTable table) {
    this.table = table;
  }

  public static Visibility of(SemanticModel model) {
    return of(model.units());
  }

  public static Visibility of(List<CompilationUnit> units) {
    Recorder recorder = new Recorder();
    Diagnostics ignored = new Diagnostics();
    Visibility v = new Visibility(SymbolTable.build(units, ignored, recorder));
    for (CompilationUnit unit : units) {
      v.scopes.put(unit, FileScope.build(unit, v.table, ignored, recorder));
    }
    return v;
  }

  /** Every declaration {@code unit} sees that {@code kind} accepts, sorted by name. */
  public List<Decl> visibleFrom(CompilationUnit unit, Predicate<Decl> kind) {
    FileScope scope = scopes.get(unit);
    return scope == null ? List.of() : scope.visible(kind);
  }

  /** The declaration a simple name denotes in {@code unit}, when exactly one does. */
  public Optional<Decl> lookup(CompilationUnit unit, String name) {
    FileScope scope = scopes.get(unit);
    if (scope != null && scope.lookup(name) instanceof Lookup.Found f) {
      return Optional.of(f.decl());
    }
    return Optional.empty();
  }

  /** Every package of the model, sorted ("" for files without one). */
  public Set<String> packages() {
    return table.packages();
  }

  /** The declarations of a package, in source order. */
  public List<Decl> declarationsOf(String pkg) {
    return new ArrayList<>(table.declarationsOf(pkg).values());
  }
}
