package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The declarations of each package by simple name, in source order, the first of a name winning:
 * what the {@link SymbolTable} resolves names with, and what the incremental check gives a group
 * of files as the whole workspace's declarations.
 */
public final class PackageDeclarations implements Elsewhere {
  private final Map<String, Map<String, Decl>> packages = new TreeMap<>();
  /** The same maps by package, for lookups: hashing beats comparing names down a tree of thousands of packages. */
  private final Map<String, Map<String, Decl>> byPackage = new HashMap<>();

  /** The declarations of these files. */
  public static PackageDeclarations of(List<CompilationUnit> units) {
    PackageDeclarations declarations = new PackageDeclarations();
    for (CompilationUnit unit : units) {
      for (Decl decl : unit.declarations()) {
        declarations.add(unit.packageText(), decl);
      }
    }
    return declarations;
  }

  /** Adds a declaration; returns the earlier one of the same name in the package, which stays, if any. */
  Optional<Decl> add(String pkg, Decl decl) {
    Map<String, Decl> decls = byPackage.get(pkg);
    if (decls == null) {
      decls = new LinkedHashMap<>();
      byPackage.put(pkg, decls);
      packages.put(pkg, decls);
    }
    return Optional.ofNullable(decls.putIfAbsent(decl.name().text(), decl));
  }

  /** Whether some file belongs to that package. */
  boolean hasPackage(String pkg) {
    return byPackage.containsKey(pkg);
  }

  /** The declarations of a package by simple name, in source order. */
  Map<String, Decl> declarationsOf(String pkg) {
    return Collections.unmodifiableMap(byPackage.getOrDefault(pkg, Map.of()));
  }

  @Override
  public Set<String> packages() {
    return Collections.unmodifiableSet(packages.keySet());
  }

  @Override
  public List<String> packagesDeclaring(String name, String except) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, Decl>> e : packages.entrySet()) {
      if (!e.getKey().equals(except) && e.getValue().containsKey(name)) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  @Override
  public Optional<Decl> lookup(String pkg, String name) {
    Map<String, Decl> decls = byPackage.get(pkg);
    return decls == null ? Optional.empty() : Optional.ofNullable(decls.get(name));
  }
}
