package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.resolve.Symbol;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * W006: a {@code while} loop, or a {@code repeat} with {@code until}, whose condition nothing in
 * its body changes (LANGUAGE.md §4.9), reported at the condition. The body changes the
 * condition when it (or a block nested in it) {@code set}s or declares a variable the condition
 * reads, or runs a step whose result the condition reads; a condition that calls {@code now()}
 * or {@code today()} changes with time. Inputs, loop and catch variables never change.
 *
 * <p>A condition that reads no value at all ({@code while true}; enum constants are not values
 * that change) is taken as deliberate, as Kotlin's {@code while (true) { … break }}, when the
 * body has a way out ({@code fail}, {@code cancel}, {@code complete}, or a {@code go to} that
 * leaves the loop, or a plain {@code first} around it with more branches than it waits for, which
 * ends it when the others decide); without one it is W006. A condition on inputs or on results of
 * earlier steps gets W006 even with a way out.
 */
public final class LoopConditionCheck extends WorkflowCheck {

  /** With the workflows' facts shared with the other checks of a run. */
  LoopConditionCheck(WorkflowFacts facts) {
    super(facts);
  }

  /** Beside errors of names and types: an error in the loop (a misspelled variable) would make the condition look unchanged. */
  @Override
  public Reach reach() {
    return Reach.STATEMENT;
  }

  @Override
  void check(SemanticModel model, Decl.WorkflowDecl w, List<Diagnostic> out) {
    WorkflowTree tree = facts.tree(model, w);
    for (Stmt s : tree.statements()) {
      if (s instanceof Stmt.While loop) {
        check(model, tree, loop, loop.condition(), loop.body(), "`while`").ifPresent(out::add);
      } else if (s instanceof Stmt.Repeat loop && loop.until().isPresent()) {
        check(model, tree, loop, loop.until().get(), loop.body(), "`repeat … until`").ifPresent(out::add);
      }
    }
  }

  private Optional<Diagnostic> check(
      SemanticModel model, WorkflowTree tree, Stmt loop, Expr condition, Block body, String what) {
    List<String> read = new ArrayList<>();
    Set<Object> readSymbols = Collections.newSetFromMap(new IdentityHashMap<>());
    boolean[] readsValue = {false};
    Syntax.nameRefs(condition, ref -> model.symbolOf(ref.name()).ifPresent(symbol -> {
      readsValue[0] |= !(symbol instanceof Symbol.DeclSymbol);
      if (symbol instanceof Symbol.VariableSymbol v) {
        readSymbols.add(v.let());
        read.add(ref.name().text());
      } else if (symbol instanceof Symbol.StepSymbol st) {
        readSymbols.add(st.step());
        read.add(ref.name().text());
      }
    }));
    boolean[] clock = {false};
    Syntax.functionCalls(condition, c -> {
      String f = c.function().text();
      clock[0] |= f.equals("now") || f.equals("today");
    });
    if (clock[0]) {
      return Optional.empty();
    }
    for (Stmt s : Syntax.statements(body)) {
      if (readSymbols.contains(s)) {
        return Optional.empty(); // a step it reads runs in the body, or a variable it reads is declared there
      }
      if (s instanceof Stmt.Set set) {
        Optional<Symbol> target = model.symbolOf(set.target());
        if (target.isPresent() && target.get() instanceof Symbol.VariableSymbol v && readSymbols.contains(v.let())) {
          return Optional.empty();
        }
      }
    }
    if (!readsValue[0] && hasWayOut(model, tree, loop, body)) {
      return Optional.empty();
    }
    String message = "the condition of this " + what + " loop never changes in its body";
    String note = read.isEmpty()
        ? "the condition reads no variable and no step result"
        : "nothing in the body sets or runs " + String.join(", ", read.stream().distinct().map(n -> "`" + n + "`")
            .toList());
    return Optional.of(Diagnostic.of(Code.W006, condition.span(), message)
        .withNote(note)
        .withHelp("set a variable the condition reads, or run a step whose result it reads, inside the loop"));
  }

  /** Whether the body can leave the loop other than by its condition. */
  private boolean hasWayOut(SemanticModel model, WorkflowTree tree, Stmt loop, Block body) {
    GoToTargets goTos = facts.goTos(model, tree.workflow());
    for (Stmt s : Syntax.statements(body)) {
      if (s instanceof Stmt.Fail || s instanceof Stmt.Cancel || s instanceof Stmt.Complete
          || s instanceof Stmt.ContinueAsNew) {
        return true;
      }
      if (s instanceof Stmt.GoTo g && goTos.valid(g).map(step -> !tree.contains(loop, step)).orElse(false)) {
        return true;
      }
    }
    // In a branch of a plain `first` whose other branches can decide it, the `first` ends the loop.
    for (Stmt s : tree.statements()) {
      if (s instanceof Stmt.First first && !first.byStart() && first.count() < first.branches().size()
          && s != loop && tree.contains(s, loop)) {
        return true;
      }
    }
    return false;
  }
}
