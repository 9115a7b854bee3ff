package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.TypeRef;
import dev.flow.compiler.check.types.Type;
import java.util.Optional;

/**
 * What resolution and type checking learn, written down as they go: the tables behind
 * {@link ResolvedModel}. Keys are AST nodes, by identity. A name, a written type and a name-like
 * expression (a bare name, a field access, a call or a construction) are keyed by the number the parser
 * gave its name ({@link Name#id()}): an array slot of its file (see {@link NodeTable}), not a hash table entry.
 */
public final class Recorder {
  private final NodeTable<Name, Decl> declarations = new NodeTable<>(n -> n, 0);
  private final NodeTable<Name, Symbol> symbols = new NodeTable<>(n -> n, 0);
  private final NodeTable<TypeRef, Type> typeRefs = new NodeTable<>(TypeRef::name, 0);
  private final NodeTable<Expr, Type> exprTypes;
  /** What a worker's recorder reads beside its own tables (read-only while the worker runs), or null. */
  private final Recorder parent;

  public Recorder() {
    this(0);
  }

  /**
   * Tables for a model of {@code sourceChars} characters of source: the expressions without a name of
   * their own (literals, operators, lists: about one per 150 characters in the examples and the benchmark
   * corpus) go to a hash table made that big at once, not grown many times over on a large model.
   */
  public Recorder(long sourceChars) {
    this(null, sourceChars);
  }

  /**
   * A recorder for one thread's share of the workflow bodies ({@link DeclarationChecker}): it writes
   * to tables of its own, sized for {@code sourceChars}, and reads {@code parent}'s where its own have
   * nothing. {@code parent} must not change while it is in use; its tables go into the parent
   * afterwards ({@link #addAll}).
   */
  Recorder(Recorder parent, long sourceChars) {
    exprTypes = new NodeTable<>(Recorder::keyName, (int) Math.min(1 << 22, sourceChars / 128));
    this.parent = parent;
  }

  /** Adds what {@code worker} recorded (its own tables; a later entry of a node replaces an earlier one). */
  void addAll(Recorder worker) {
    declarations.putAll(worker.declarations);
    symbols.putAll(worker.symbols);
    typeRefs.putAll(worker.typeRefs);
    exprTypes.putAll(worker.exprTypes);
  }

  /** The name that is an expression's own (none for a literal, an operator or a list). */
  private static Name keyName(Expr expr) {
    if (expr instanceof Expr.NameRef r) {
      return r.name();
    } else if (expr instanceof Expr.FieldAccess f) {
      return f.field();
    } else if (expr instanceof Expr.FunctionCall c) {
      return c.function();
    } else if (expr instanceof Expr.Construct c) {
      return c.type();
    }
    return null;
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
    Type t = typeRefs.get(ref);
    if (t == null && !typeRefs.containsKey(ref)) {
      return parent == null ? Type.ERROR : parent.typeOf(ref);
    }
    return t;
  }

  public Type typeOf(Expr expr) {
    Type t = exprTypes.get(expr);
    if (t == null && !exprTypes.containsKey(expr)) {
      return parent == null ? Type.ERROR : parent.typeOf(expr);
    }
    return t;
  }

  /** Whether a written type has been resolved already. */
  public boolean hasType(TypeRef ref) {
    return typeRefs.containsKey(ref) || parent != null && parent.hasType(ref);
  }
}
