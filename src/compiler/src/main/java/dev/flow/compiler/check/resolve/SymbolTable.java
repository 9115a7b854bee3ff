package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Packages and their declarations, across every compiled file. One namespace per package:
 * a role and a record of one name in one package are a duplicate (E101, at the second one in
 * the order the files were given). The first declaration of a name is the one that resolves.
 */
public final class SymbolTable implements Elsewhere {
  private final PackageDeclarations packages = new PackageDeclarations();
  private final Map<Decl, String> packageOf;
  private final Map<Decl, CompilationUnit> unitOf;
  private final Set<Decl> duplicated = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<Decl> all;

  /** A table for {@code declarations} declarations: its tables made that big at once, not grown. */
  private SymbolTable(int declarations) {
    packageOf = new IdentityHashMap<>(declarations);
    unitOf = new IdentityHashMap<>(declarations);
    all = new ArrayList<>(declarations);
  }

  public static SymbolTable build(List<CompilationUnit> units, Diagnostics diagnostics, Recorder recorder) {
    int declarations = 0;
    for (CompilationUnit unit : units) {
      declarations += unit.declarations().size();
    }
    SymbolTable table = new SymbolTable(declarations);
    for (CompilationUnit unit : units) {
      String pkg = unit.packageText();
      for (Decl decl : unit.declarations()) {
        table.all.add(decl);
        table.packageOf.put(decl, pkg);
        table.unitOf.put(decl, unit);
        recorder.declaration(decl.name(), decl);
        Decl first = table.packages.add(pkg, decl).orElse(null);
        if (first != null) {
          table.duplicated.add(first);
          table.duplicated.add(decl);
          diagnostics.add(Diagnostic.of(Code.E101, decl.name().span(),
                  "duplicate declaration `" + decl.name().text() + "`")
              .withLabel("already declared" + Names.inPackage(pkg) + " as " + Names.withArticle(first.kind()))
              .withNote("the first `" + first.name().text() + "` is declared at " + first.name().span()));
        }
      }
    }
    return table;
  }

  /** Whether some compiled file belongs to that package. */
  public boolean hasPackage(String pkg) {
    return packages.hasPackage(pkg);
  }

  /** Every package, sorted. */
  @Override
  public Set<String> packages() {
    return packages.packages();
  }

  /** The declaration of that name in that package (the first one, when duplicated). */
  @Override
  public Optional<Decl> lookup(String pkg, String name) {
    return packages.lookup(pkg, name);
  }

  /** The declarations of a package by simple name, in source order. */
  public Map<String, Decl> declarationsOf(String pkg) {
    return packages.declarationsOf(pkg);
  }

  public String packageOf(Decl decl) {
    return packageOf.getOrDefault(decl, "");
  }

  public CompilationUnit unitOf(Decl decl) {
    return unitOf.get(decl);
  }

  /** Whether this declaration's name is declared twice in its package (either copy). */
  public boolean isDuplicated(Decl decl) {
    return duplicated.contains(decl);
  }

  /** Every declaration of every file, in source order (duplicates included). */
  public List<Decl> all() {
    return Collections.unmodifiableList(all);
  }

  /** The packages, other than {@code except}, that declare {@code name} (sorted). */
  @Override
  public List<String> packagesDeclaring(String name, String except) {
    return packages.packagesDeclaring(name, except);
  }
}
