package dev.flow.compiler.check.resolve;

import dev.flow.compiler.check.types.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The block-scoped names of a workflow body: {@code let}, {@code for each} and {@code catch}
 * variables. Each block gets a child scope; a name is visible from its declaration to the end
 * of its block, as in Java.
 */
public final class Scope {
  /** A variable in scope: what it is and its type. */
  public record Local(Symbol symbol, Type type) {}

  private final Scope parent;
  /** Null until a name is declared here: most blocks declare none. */
  private Map<String, Local> locals;

  private Scope(Scope parent) {
    this.parent = parent;
  }

  /** The scope of a workflow body's outermost block's parent: empty. */
  public static Scope root() {
    return new Scope(null);
  }

  public Scope child() {
    return new Scope(this);
  }

  /** The innermost visible variable of that name. */
  public Optional<Local> lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      Local l = s.locals == null ? null : s.locals.get(name);
      if (l != null) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  public void declare(String name, Local local) {
    if (locals == null) {
      locals = new LinkedHashMap<>();
    }
    locals.put(name, local);
  }

  /** Every visible variable name, sorted (for did-you-mean). */
  public Set<String> visibleNames() {
    Set<String> out = new TreeSet<>();
    for (Scope s = this; s != null; s = s.parent) {
      if (s.locals != null) {
        out.addAll(s.locals.keySet());
      }
    }
    return out;
  }
}
