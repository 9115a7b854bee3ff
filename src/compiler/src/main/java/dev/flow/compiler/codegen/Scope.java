package dev.flow.compiler.codegen;

import com.palantir.javapoet.TypeName;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The local names of the Java code being generated at one point of a {@code run} method: its
 * parameters {@code ctx} and {@code input}, the parameters of the lambdas around it (loop and
 * {@code catch} variables, a connector, the event of a {@code receive}) and the locals of its
 * blocks. Java forbids a lambda parameter or local that hides another local, so every new one is
 * allocated against all of them; a field whose name a local hides is written {@code this.name}.
 */
final class Scope {
  /** A local that stands for a Flow name: its Java name and type. */
  record Local(String name, TypeName type) {}

  static final String CONTEXT = "ctx";
  static final String INPUT = "input";

  private final JavaNames.Allocator names;
  private final Map<Object, Local> bound;

  private Scope(JavaNames.Allocator names, Map<Object, Local> bound) {
    this.names = names;
    this.bound = bound;
  }

  /** The scope of a {@code run} method: {@code ctx} and {@code input}; no local gets one of {@code reserved}. */
  static Scope root(Set<String> reserved) {
    JavaNames.Allocator names = JavaNames.Allocator.of(reserved);
    names.reserve(CONTEXT);
    names.reserve(INPUT);
    return new Scope(names, new IdentityHashMap<>());
  }

  /** A nested scope (a lambda body or a block): it sees this one's names; its own stay inside. */
  Scope child() {
    return new Scope(names.copy(), new IdentityHashMap<>(bound));
  }

  /** A new local named as close to {@code wanted} as possible. */
  String local(String wanted) {
    return names.allocate(wanted);
  }

  /** A new local that stands for the Flow name declared by {@code key} (a loop, a {@code try}, a {@code receive}). */
  String bind(Object key, String wanted, TypeName type) {
    String name = names.allocate(wanted);
    bound.put(key, new Local(name, type));
    return name;
  }

  /** The local bound for {@code key}, if one is in scope. */
  Optional<Local> lookup(Object key) {
    return Optional.ofNullable(bound.get(key));
  }

  /** Whether a local of that name is in scope (and hides a field of the same name). */
  boolean hides(String name) {
    return names.isTaken(name);
  }
}
