package dev.flow.compiler.ast;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The declared error each typed {@code fail} of a workflow raises, read from the syntax alone (for
 * the diagrams and the docs, which draw before or without types): {@code fail LimitExceeded(…)}
 * of an error the workflow lists in its {@code fails}, or {@code fail declined} of the variable
 * of an enclosing {@code catch declined: CardDeclined}. The checker decides by type (E331).
 */
public final class TypedFails {
  private TypedFails() {}

  /** The error's name of each typed {@code fail} of the workflow; a {@code fail MESSAGE} is absent. */
  public static Map<Stmt.Fail, String> of(Decl.WorkflowDecl workflow) {
    Set<String> declared = workflow.fails().stream().map(Name::text).collect(Collectors.toSet());
    Map<Stmt.Fail, String> out = new IdentityHashMap<>();
    walk(workflow.body(), Map.of(), declared, out);
    return out;
  }

  /** The error a {@code fail} raises, if it is typed. */
  public static Optional<String> errorOf(Decl.WorkflowDecl workflow, Stmt.Fail fail) {
    return Optional.ofNullable(of(workflow).get(fail));
  }

  private static void walk(Block b, Map<String, String> caught, Set<String> declared, Map<Stmt.Fail, String> out) {
    for (Stmt s : b.statements()) {
      if (s instanceof Stmt.Fail f) {
        String error = f.message() instanceof Expr.Construct k && declared.contains(k.type().text()) ? k.type().text()
            : f.message() instanceof Expr.NameRef n ? caught.get(n.name().text()) : null;
        if (error != null) {
          out.put(f, error);
        }
      } else if (s instanceof Stmt.Try t) {
        walk(t.body(), caught, declared, out);
        for (Stmt.Catch c : t.catches()) {
          Map<String, String> inner = new HashMap<>(caught);
          c.variable().ifPresent(v -> {
            if (c.errorType().isPresent()) {
              inner.put(v.text(), c.errorType().get().text());
            } else {
              inner.remove(v.text());
            }
          });
          walk(c.body(), inner, declared, out);
        }
      } else {
        for (Block inner : Statements.blocks(s)) {
          walk(inner, caught, declared, out);
        }
      }
    }
  }
}
