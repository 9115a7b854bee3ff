package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What is used, for W002. A declaration is used when something other than itself names it:
 *
 * <ul>
 *   <li>a role, in {@code owner}, {@code stakeholders}, {@code by}, {@code escalate to}, or as a
 *       bare name in an expression ({@code notify AccountManager …});
 *   <li>a system, in a system step, a {@code compensate with} or a {@code via};
 *   <li>a record, enum or event, wherever a type is written; an enum also by
 *       {@code Enum.Constant}; an event also in {@code starts on} and {@code receive};
 *   <li>any declaration named where another kind was expected (reported E102) or suggested by
 *       a did-you-mean, so that one mistake gives one diagnostic.
 * </ul>
 *
 * A {@code let} variable is used when an expression reads it; {@code set} is not a read.
 * Processes and workflows are never reported unused (W003 covers workflows), nor is a
 * declaration whose name is declared twice (E101), nor a variable that is reported E104.
 *
 * <p>When a name does not resolve (E100), what it was meant to name cannot be known: no
 * declaration of the kinds it could have named is reported unused, and, for a bare name in a
 * workflow, none of that workflow's variables. A renamed role gives its E100s, not also a W002.
 */
public final class Usages {
  private final Set<Decl> used = Collections.newSetFromMap(new IdentityHashMap<>());
  /** The declaration last added to {@link #used}. */
  private Decl lastUsed;
  private final Set<Stmt.Let> read = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Stmt.Let> excused = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<Stmt.Let> lets = new ArrayList<>();
  private final Set<Stmt.Let> known = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Stmt.Let, Decl> workflowOf = new IdentityHashMap<>();
  private final List<Predicate<Decl>> blindKinds = new ArrayList<>();
  private final Set<Decl> blindWorkflows = Collections.newSetFromMap(new IdentityHashMap<>());

  /** {@code decl} is named from within {@code from} (a use unless they are the same). */
  public void use(Decl decl, Decl from) {
    if (decl != from && decl != lastUsed) { // a name is often used many times in a row: hashed once
      used.add(decl);
      lastUsed = decl;
    }
  }

  /** A {@code let} statement of {@code workflow} was checked (each is reported at most once, in this order). */
  public void declared(Stmt.Let let, Decl workflow) {
    if (known.add(let)) {
      lets.add(let);
      workflowOf.put(let, workflow);
    }
  }

  /** A name that should have denoted a declaration {@code kind} accepts did not resolve. */
  public void unresolved(Predicate<Decl> kind) {
    blindKinds.add(kind);
  }

  /** A bare name in {@code workflow} did not resolve: it may have meant any of its variables. */
  public void unresolvedIn(Decl workflow) {
    blindWorkflows.add(workflow);
  }

  /** Whether {@code decl} was named (or suggested) from elsewhere. */
  public boolean isUsed(Decl decl) {
    return used.contains(decl);
  }

  /** Whether a name that did not resolve could have meant {@code decl} (then it is never reported unused). */
  public boolean blinds(Decl decl) {
    return blindKinds.stream().anyMatch(k -> k.test(decl));
  }

  /** Whether some name that did not resolve could have meant a declaration. */
  public boolean blindsAny() {
    return !blindKinds.isEmpty();
  }

  public void read(Stmt.Let let) {
    read.add(let);
  }

  /** The variable already has an error of its own (E104): never report it unused. */
  public void excuse(Stmt.Let let) {
    excused.add(let);
  }

  /**
   * Adds what {@code other} learned after what this one did, as if it had been told here: one
   * thread's share of the workflow bodies ({@link DeclarationChecker}), in the order of the shares.
   */
  void addAll(Usages other) {
    used.addAll(other.used);
    read.addAll(other.read);
    excused.addAll(other.excused);
    for (Stmt.Let let : other.lets) {
      declared(let, other.workflowOf.get(let));
    }
    blindKinds.addAll(other.blindKinds);
    blindWorkflows.addAll(other.blindWorkflows);
  }

  /** Reports W002 for every unused role, system, record, enum, event and {@code let} variable. */
  public void report(SymbolTable table, Diagnostics diagnostics) {
    for (Decl decl : table.all()) {
      boolean tracked = decl instanceof Decl.RoleDecl
          || decl instanceof Decl.SystemDecl
          || decl instanceof Decl.RecordDecl
          || decl instanceof Decl.EnumDecl
          || decl instanceof Decl.EventDecl
          || decl instanceof Decl.ErrorDecl;
      if (tracked && !used.contains(decl) && !table.isDuplicated(decl)
          && blindKinds.stream().noneMatch(k -> k.test(decl))) {
        diagnostics.add(Diagnostic.of(Code.W002, decl.name().span(),
                "unused " + decl.kind() + " `" + decl.name().text() + "`")
            .withLabel("never used")
            .withHelp(helpFor(decl)));
      }
    }
    for (Stmt.Let let : lets) {
      if (!read.contains(let) && !excused.contains(let) && !blindWorkflows.contains(workflowOf.get(let))) {
        diagnostics.add(Diagnostic.of(Code.W002, let.name().span(),
                "unused variable `" + let.name().text() + "`")
            .withLabel("never read")
            .withHelp("remove it, or read it where it is needed"));
      }
    }
  }

  private static String helpFor(Decl decl) {
    if (decl instanceof Decl.RoleDecl) {
      return "remove it, or name it in an `owner`, `stakeholders` or `by` clause";
    }
    if (decl instanceof Decl.SystemDecl) {
      return "remove it, or delegate a step to one of its actions";
    }
    if (decl instanceof Decl.ErrorDecl) {
      return "remove it, or declare it on an action with `fails` and handle it with `catch`";
    }
    if (decl instanceof Decl.EventDecl) {
      return "remove it, or start a workflow on it or `receive` it";
    }
    return "remove it, or use it as the type of a field, input or variable";
  }
}
