package dev.flow.compiler.check.types;

import dev.flow.compiler.check.resolve.Scope;

/** Where an expression is checked: the variables in scope and what is known not to be {@code none}. */
record Env(Scope scope, Facts facts) {
  Env with(Facts more) {
    return more.isEmpty() ? this : new Env(scope, facts.plus(more));
  }
}
