package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.TypeRef;
import dev.flow.compiler.check.Parallel;
import dev.flow.compiler.check.types.Type;
import dev.flow.compiler.source.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * What resolution and type checking learn, written down as they go: the tables behind
 * {@link ResolvedModel}. Keys are AST nodes, by identity. A name, a written type and a name-like
 * expression (a bare name, a field access, a call or a construction) are keyed by the number the parser
 * gave its name ({@link Name#id()}): an array slot of its file (see {@link NodeTable}), not a hash table entry.
 */
public final class Recorder {
  private final NodeTable<Name, Decl> declarations;
  private final NodeTable<Name, Symbol> symbols;
  private final NodeTable<TypeRef, Type> typeRefs;
  private final NodeTable<Expr, Type> exprTypes;

  public Recorder() {
    this(0);
  }

  /**
   * Tables for a model of {@code sourceChars} characters of source: the expressions without a name of
   * their own (literals, operators, lists: about one per 150 characters in the examples and the benchmark
   * corpus) go to a hash table made that big at once, not grown many times over on a large model.
   */
  public Recorder(long sourceChars) {
    declarations = new NodeTable<>(n -> n, 0);
    symbols = new NodeTable<>(n -> n, 0);
    typeRefs = new NodeTable<>(TypeRef::name, 0);
    exprTypes = new NodeTable<>(Recorder::keyName, others(sourceChars));
  }

  /**
   * A recorder for one thread's share of the declarations or the workflow bodies ({@link DeclarationChecker}),
   * {@code sourceChars} characters of them: it writes the nodes of numbered names into {@code parent}'s
   * arrays in place (see {@link NodeTable#worker}), keeps the others in tables of its own, and reads
   * {@code parent}'s. {@code parent} must not be written to while it is in use (but by its workers); the
   * worker's own tables go into the parent afterwards ({@link #addAll}).
   */
  Recorder(Recorder parent, long sourceChars) {
    declarations = parent.declarations.worker(0);
    symbols = parent.symbols.worker(0);
    typeRefs = parent.typeRefs.worker(0);
    exprTypes = parent.exprTypes.worker(others(sourceChars));
  }

  private static int others(long sourceChars) {
    return (int) Math.min(1 << 22, sourceChars / 128);
  }

  /**
   * Makes room in every table for about {@code names.applyAsInt(file)} names of each of {@code files}, so
   * that workers write their nodes in place ({@link NodeTable#reserve}); the tables on up to {@code threads}
   * threads.
   */
  void reserve(List<SourceFile> files, ToIntFunction<SourceFile> names, int threads) {
    List<NodeTable<?, ?>> tables = List.of(exprTypes, declarations, symbols, typeRefs);
    Parallel.map(tables.size(), threads, i -> {
      for (SourceFile file : files) {
        tables.get(i).reserve(file, names.applyAsInt(file));
      }
      return tables.get(i);
    });
  }

  /** Adds what {@code worker} recorded (a later entry of a node replaces an earlier one). */
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
    return Optional.ofNullable(declarations.get(name));
  }

  public Optional<Symbol> symbolOf(Name name) {
    return Optional.ofNullable(symbols.get(name));
  }

  /** The resolved type of a written type, {@link Type#ERROR} when it was not resolved. */
  public Type typeOf(TypeRef ref) {
    Type t = typeRefs.get(ref);
    if (t == null && !typeRefs.containsKey(ref)) {
      return Type.ERROR;
    }
    return t;
  }

  public Type typeOf(Expr expr) {
    Type t = exprTypes.get(expr);
    if (t == null && !exprTypes.containsKey(expr)) {
      return Type.ERROR;
    }
    return t;
  }

  /** Whether a written type has been resolved already. */
  public boolean hasType(TypeRef ref) {
    return typeRefs.containsKey(ref);
  }
}
