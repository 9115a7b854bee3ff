package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.types.Members;
import dev.flow.compiler.diag.Diagnostics;
import java.util.Map;

/**
 * What every part of resolution and type checking shares: the declarations, each file's scope,
 * the recorder, the use tracker, and the resolvers. {@code diagnostics} is the compilation's
 * collector; the body checker may report to a scratch collector of its own while it settles
 * the smart casts around {@code go to}.
 */
public record CheckContext(
    SymbolTable table,
    Map<CompilationUnit, FileScope> scopes,
    Diagnostics diagnostics,
    Recorder recorder,
    Usages usages,
    NameResolver names,
    TypeResolver types,
    Members members) {

  /** The scope of the file that holds {@code decl}. */
  public FileScope scopeOf(Decl decl) {
    return scopes.get(table.unitOf(decl));
  }
}
