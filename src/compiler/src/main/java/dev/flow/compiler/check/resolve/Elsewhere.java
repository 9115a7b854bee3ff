package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.Decl;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the packages of the whole workspace declare, as the suggestions for an unknown name or
 * import (E100, E103) read it: "`X` is declared in package p", "did you mean package q". In a
 * full check it is the {@link SymbolTable} itself; the incremental check, which resolves a group
 * of files alone, gives the declarations of every file of the workspace, so that a group's
 * suggestions are those of a full check.
 */
public interface Elsewhere {
  /** Every package, sorted. */
  Set<String> packages();

  /** The packages, other than {@code except}, that declare {@code name} (sorted). */
  List<String> packagesDeclaring(String name, String except);

  /** The declaration of that name in that package (the first one, when duplicated). */
  Optional<Decl> lookup(String pkg, String name);
}
