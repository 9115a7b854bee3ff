package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Import;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.diag.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The declaration names one file sees (LANGUAGE.md §3, §7 rule 2), in this order: the
 * declarations of its own package (in any of its files), its explicit imports, then its
 * wildcard imports. A package declaration hides a wildcard-imported name; two wildcard imports
 * of one name conflict only where the name is used ({@link Lookup.Ambiguous}).
 *
 * <p>Building the scope reports the import problems (E103): an import that matches nothing,
 * two explicit imports of one simple name, and an explicit import of a name that the file's
 * package declares itself (at the import).
 */
public final class FileScope {
  private final CompilationUnit unit;
  private final SymbolTable table;
  private final Elsewhere elsewhere;
  private final Map<String, Decl> explicit = new LinkedHashMap<>();
  private final Set<String> wildcards = new LinkedHashSet<>();
  /** The declarations of each package of {@link #wildcards}, in the same order. */
  private final List<Map<String, Decl>> wildcardDecls = new ArrayList<>();
  /** The file's package, as text: read by every lookup (the unit builds it from its parts on each call). */
  private final String packageText;
  /** The declarations of the file's package (the table is complete when a scope is made): no package hashed per lookup. */
  private final Map<String, Decl> own;

  private static final Lookup MISSING = new Lookup.Missing();

  private FileScope(CompilationUnit unit, SymbolTable table, Elsewhere elsewhere) {
    this.unit = unit;
    this.packageText = unit.packageText();
    this.table = table;
    this.elsewhere = elsewhere;
    this.own = table.declarationsOf(packageText);
  }

  public static FileScope build(CompilationUnit unit, SymbolTable table, Diagnostics diagnostics, Recorder recorder) {
    return build(unit, table, diagnostics, recorder, table);
  }

  /**
   * As {@link #build(CompilationUnit, SymbolTable, Diagnostics, Recorder)};
   * an unknown package is explained from {@code elsewhere}.
   */
  public static FileScope build(
      CompilationUnit unit, SymbolTable table, Diagnostics diagnostics, Recorder recorder, Elsewhere elsewhere) {
    FileScope scope = new FileScope(unit, table, elsewhere);
    Map<String, Import> explicitAt = new LinkedHashMap<>();
    for (Import imp : unit.imports()) {
      if (imp.wildcard()) {
        scope.importAll(imp, diagnostics);
      } else {
        scope.importOne(imp, explicitAt, diagnostics, recorder);
      }
    }
    return scope;
  }

  private void importAll(Import imp, Diagnostics diagnostics) {
    String pkg = imp.name().text();
    if (!table.hasPackage(pkg)) {
      diagnostics.add(noPackage(imp, pkg));
      return;
    }
    if (wildcards.add(pkg)) {
      wildcardDecls.add(table.declarationsOf(pkg));
    }
  }

  private void importOne(Import imp, Map<String, Import> explicitAt, Diagnostics diagnostics, Recorder recorder) {
    String pkg = imp.name().qualifier();
    Name simple = imp.name().last();
    Optional<Decl> found = table.lookup(pkg, simple.text());
    if (found.isEmpty()) {
      if (table.hasPackage(imp.name().text())) {
        diagnostics.add(Diagnostic.of(Code.E103, imp.name().span(),
                "import `" + imp.name().text() + "` matches nothing")
            .withLabel("this is a package, not a declaration")
            .withHelp("to import every declaration of the package, write `import " + imp.name().text() + ".*`"));
      } else if (!table.hasPackage(pkg)) {
        diagnostics.add(noPackage(imp, pkg));
      } else {
        Diagnostic d = Diagnostic.of(Code.E103, imp.name().span(),
                "import `" + imp.name().text() + "` matches nothing")
            .withLabel("package " + pkg + " declares no `" + simple.text() + "`");
        diagnostics.add(d.withDidYouMean(simple.span(), simple.text(), table.declarationsOf(pkg).keySet()));
      }
      return;
    }
    Decl decl = found.get();
    recorder.declaration(simple, decl);
    Import earlier = explicitAt.get(simple.text());
    if (earlier != null) {
      Decl before = explicit.get(simple.text());
      String message = before == decl
          ? "`" + simple.text() + "` is imported twice"
          : "`" + simple.text() + "` is already imported from package " + table.packageOf(before);
      diagnostics.add(Diagnostic.of(Code.E103, imp.name().span(), message)
          .withNote("the first import is at " + earlier.span()));
      return;
    }
    Optional<Decl> own = table.lookup(unit.packageText(), simple.text());
    if (own.isPresent() && own.get() != decl) {
      // At the declaration when it is in this file (the second of the two, as javac reports it).
      Decl mine = own.get();
      boolean here = table.unitOf(mine) == unit;
      diagnostics.add(Diagnostic.of(Code.E103, here ? mine.name().span() : imp.name().span(),
              "`" + simple.text() + "` is declared" + Names.inPackage(unit.packageText())
                  + " and imported from package " + pkg)
          .withNote(here ? "the import is at " + imp.span() : "`" + simple.text() + "` is declared at " + mine.name().span())
          .withHelp("rename the declaration, or remove the import"));
      return;
    }
    explicit.put(simple.text(), decl);
    explicitAt.put(simple.text(), imp);
  }

  private Diagnostic noPackage(Import imp, String pkg) {
    Diagnostic d = Diagnostic.of(Code.E103, imp.name().span(),
            "import `" + imp.name().text() + (imp.wildcard() ? ".*" : "") + "` matches nothing")
        .withLabel(pkg.isEmpty() ? "no package is named like this" : "there is no package " + pkg);
    String help = Suggestions.didYouMean(pkg, elsewhere.packages());
    return help == null ? d : d.withHelp(help);
  }

  public CompilationUnit unit() {
    return unit;
  }

  public String packageName() {
    return packageText;
  }

  public SymbolTable table() {
    return table;
  }

  /** Looks up a simple declaration name as this file sees it. */
  public Lookup lookup(String name) {
    Decl mine = own.get(name);
    if (mine != null) {
      return new Lookup.Found(mine);
    }
    Decl imported = explicit.get(name);
    if (imported != null) {
      return new Lookup.Found(imported);
    }
    if (wildcards.isEmpty()) {
      return MISSING;
    }
    Decl first = null; // the list is made only when a second package declares the name
    List<Decl> found = null;
    for (int i = 0; i < wildcardDecls.size(); i++) {
      Decl d = wildcardDecls.get(i).get(name);
      if (d == null || d == first || found != null && found.contains(d)) {
        continue;
      }
      if (first == null) {
        first = d;
      } else {
        if (found == null) {
          found = new ArrayList<>(2);
          found.add(first);
        }
        found.add(d);
      }
    }
    if (first == null) {
      return MISSING;
    }
    return found == null ? new Lookup.Found(first) : new Lookup.Ambiguous(found);
  }

  /** The names of every visible declaration that {@code kind} accepts, sorted (for did-you-mean). */
  public Set<String> visibleNames(Predicate<Decl> kind) {
    Set<String> out = new TreeSet<>();
    table.declarationsOf(packageText).forEach((n, d) -> {
      if (kind.test(d)) {
        out.add(n);
      }
    });
    explicit.forEach((n, d) -> {
      if (kind.test(d)) {
        out.add(n);
      }
    });
    for (String pkg : wildcards) {
      table.declarationsOf(pkg).forEach((n, d) -> {
        if (kind.test(d)) {
          out.add(n);
        }
      });
    }
    return out;
  }

  /** Every visible declaration that {@code kind} accepts, by simple name, first one winning. */
  public List<Decl> visible(Predicate<Decl> kind) {
    List<Decl> out = new ArrayList<>();
    for (String n : visibleNames(kind)) {
      if (lookup(n) instanceof Lookup.Found f && kind.test(f.decl())) {
        out.add(f.decl());
      }
    }
    return out;
  }
}
