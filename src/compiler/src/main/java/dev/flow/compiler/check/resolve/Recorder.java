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
  /** What a worker's recorder reads beside its own tables (read-only while the worker runs), or null. */
  private final Recorder parent;

  public Recorder() {
    this(0);
  }

  /**
   * A recorder for one thread's share of the workflow bodies ({@link DeclarationChecker}): it writes
   * to tables of its own, sized for {@code sourceChars}, and reads {@code parent}'s where its own have
   * nothing. {@code parent} must not change while it is in use; its tables go into the parent
   * afterwards ({@link #addAll}).
   */
  Recorder(Recorder parent, long sourceChars) {
    declarations = new IdentityHashMap<>(expected(sourceChars, 128));
    symbols = new IdentityHashMap<>(expected(sourceChars, 64));
    typeRefs = new IdentityHashMap<>(expected(sourceChars, 128));
    exprTypes = new IdentityHashMap<>(expected(sourceChars, 40));
    this.parent = parent;
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
    parent = null;
  }

  /** Adds what {@code worker} recorded (its own tables; a later entry of a node replaces an earlier one). */
  void addAll(Recorder worker) {
    declarations.putAll(worker.declarations);
    symbols.putAll(worker.symbols);
    typeRefs.putAll(worker.typeRefs);
    exprTypes.putAll(worker.exprTypes);
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
    Decl decl = declarations.get(name);
    return decl != null || parent == null ? Optional.ofNullable(decl) : parent.declarationOf(name);
  }

  public Optional<Symbol> symbolOf(Name name) {
    Symbol symbol = symbols.get(name);
    return symbol != null || parent == null ? Optional.ofNullable(symbol) : parent.symbolOf(name);
  }

  /** The resolved type of a written type, {@link Type#ERROR} when it was not resolved. */
  public Type typeOf(TypeRef ref) {
    if (parent == null) {
      return typeRefs.getOrDefault(ref, Type.ERROR);
    }
    Type type = typeRefs.get(ref);
    return type != null ? type : parent.typeOf(ref);
  }

  public Type typeOf(Expr expr) {
    if (parent == null) {
      return exprTypes.getOrDefault(expr, Type.ERROR);
    }
    Type type = exprTypes.get(expr);
    return type != null ? type : parent.typeOf(expr);
  }

  /** Whether a written type has been resolved already. */
  public boolean hasType(TypeRef ref) {
    return typeRefs.containsKey(ref) || parent != null && parent.hasType(ref);
  }
}
