package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.types.Members;
import dev.flow.compiler.diag.Diagnostics;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves names across files and packages and type-checks every expression (LANGUAGE.md §2–§5,
 * §7 rules 1–3, 10). In order: the declarations of every package (E101), each file's imports
 * (E103), the members and references of every declaration, each workflow body, and finally
 * what was never used (W002). The flow checks and the generators read the model it returns.
 */
public final class Resolver {
  private Resolver() {}

  public static SemanticModel resolve(List<CompilationUnit> units, Diagnostics diagnostics) {
    return resolve(units, diagnostics, null, new Usages());
  }

  /**
   * As {@link #resolve(List, Diagnostics)}, for a part of a workspace: the suggestions for an unknown
   * name or import read {@code elsewhere} (null: these units alone), and {@code usages} is left with
   * what was used and what an unresolved name could have meant.
   */
  public static SemanticModel resolve(
      List<CompilationUnit> units, Diagnostics diagnostics, Elsewhere elsewhere, Usages usages) {
    return resolve(units, diagnostics, elsewhere, usages, 1);
  }

  /**
   * As {@link #resolve(List, Diagnostics)}, checking the workflow bodies on up to {@code threads}
   * threads ({@code 1}: all on the calling thread); the model and the diagnostics, in their order,
   * are the same on any number of threads.
   */
  public static SemanticModel resolve(List<CompilationUnit> units, Diagnostics diagnostics, int threads) {
    return resolve(units, diagnostics, null, new Usages(), threads);
  }

  private static SemanticModel resolve(
      List<CompilationUnit> units, Diagnostics diagnostics, Elsewhere elsewhere, Usages usages, int threads) {
    Recorder recorder = new Recorder(sourceChars(units));
    SymbolTable table = SymbolTable.build(units, diagnostics, recorder);
    Elsewhere others = elsewhere == null ? table : elsewhere;
    Map<CompilationUnit, FileScope> scopes = new IdentityHashMap<>();
    for (CompilationUnit unit : units) {
      scopes.put(unit, FileScope.build(unit, table, diagnostics, recorder, others));
    }
    NameResolver names = new NameResolver(table, recorder, usages, others);
    TypeResolver types = new TypeResolver(names, recorder, diagnostics);
    Members members = new Members(decl -> scopes.get(table.unitOf(decl)), types, diagnostics);
    CheckContext ctx = new CheckContext(table, scopes, diagnostics, recorder, usages, names, types, members);
    DeclarationChecker.check(ctx, threads);
    usages.report(table, diagnostics);
    return new ResolvedModel(units, table, recorder);
  }

  private static long sourceChars(List<CompilationUnit> units) {
    long n = 0;
    for (CompilationUnit unit : units) {
      n += unit.file().text().length();
    }
    return n;
  }
}
