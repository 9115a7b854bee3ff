package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.TypeRef;
import dev.flow.compiler.check.types.Type;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What resolution and type checking learn, written down as they go: the tables behind
 * {@link ResolvedModel}. Keys are AST nodes; two nodes are equal only when they are the same
 * text at the same place, so equality works as identity here.
 */
public final class Recorder {
  private final Map<Name, Decl> declarations;
  private final Map<Name, Symbol> symbols;
  private final Map<TypeRef, Type> typeRefs;
  private final Map<Expr, Type> exprTypes;

  public Recorder() {
    this(0);
  }

  /**
   * Tables sized for a model of {@code sourceChars} characters of source, so that they are not
   * grown (every entry hashed again) many times over on a large model. The sizes are what the
   * examples and the benchmark corpus need per character of source, with some room.
   */
  public Recorder(long sourceChars) {
    declarations = new IdentityHashMap<>(expected(sourceChars, 128));
    symbols = new IdentityHashMap<>(expected(sourceChars, 64));
    typeRefs = new IdentityHashMap<>(expected(sourceChars, 128));
    exprTypes = new IdentityHashMap<>(expected(sourceChars, 40));
  }

  private static int expected(long sourceChars, int charsPerEntry) {
    return (int) Math.min(1 << 24, Math.max(32, sourceChars / charsPerEntry));
  }

  /** A name in a declaration position (or a declaration's own name) denotes {@code decl}. */
  public void declaration(Name name, Decl decl) {
    declarations.put(name, decl);
  }

  /** A bare name in an expression, a {@code set} target or a variable's own name denotes {@code symbol}. */
  public void symbol(Name name, Symbol symbol) {
    symbols.put(name, symbol);
  }

  public void type(TypeRef ref, Type type) {
    typeRefs.put(ref, type);
  }

  public void type(Expr expr, Type type) {
    exprTypes.put(expr, type);
  }

  public Optional<Decl> declarationOf(Name name) {
    return Optional.ofNullable(declarations.get(name));
  }

  public Optional<Symbol> symbolOf(Name name) {
    return Optional.ofNullable(symbols.get(name));
  }

  /** The resolved type of a written type, {@link Type#ERROR} when it was not resolved. */
  public Type typeOf(TypeRef ref) {
    return typeRefs.getOrDefault(ref, Type.ERROR);
  }

  public Type typeOf(Expr expr) {
    return exprTypes.getOrDefault(expr, Type.ERROR);
  }

  /** Whether a written type has been resolved already. */
  public boolean hasType(TypeRef ref) {
    return typeRefs.containsKey(ref);
  }
}
