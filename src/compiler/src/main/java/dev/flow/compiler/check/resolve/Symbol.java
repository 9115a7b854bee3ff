package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;

/** What a bare name in an expression (or the target of a {@code set}) refers to. */
public sealed interface Symbol {
  /** The name where it is declared. */
  Name declaredAt();

  /** A top-level declaration (a role, an enum, …). */
  record DeclSymbol(Decl decl) implements Symbol {
    @Override
    public Name declaredAt() {
      return decl.name();
    }
  }

  /** A workflow input. Read-only. */
  record InputSymbol(Clause.Input input) implements Symbol {
    @Override
    public Name declaredAt() {
      return input.name();
    }
  }

  /** A workflow output: only ever the target of {@code set}. */
  record OutputSymbol(Clause.Output output) implements Symbol {
    @Override
    public Name declaredAt() {
      return output.name();
    }
  }

  /** The result of a named step. Read-only. */
  record StepSymbol(Stmt.Named step) implements Symbol {
    @Override
    public Name declaredAt() {
      return step.name();
    }
  }

  /** A {@code let} variable. */
  record VariableSymbol(Stmt.Let let) implements Symbol {
    @Override
    public Name declaredAt() {
      return let.name();
    }
  }

  /** The variable of a {@code for each}. Read-only. */
  record LoopVariableSymbol(Stmt.ForEach loop) implements Symbol {
    @Override
    public Name declaredAt() {
      return loop.variable();
    }
  }

  /** The error of a {@code catch}. Read-only. */
  record CatchVariableSymbol(Stmt.Try tryStmt, Name name) implements Symbol {
    @Override
    public Name declaredAt() {
      return name;
    }
  }
}
