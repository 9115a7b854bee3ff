package dev.flow.compiler.diagram;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the diagram and documentation generators look up in a checked model, worked out once:
 * processes and workflows in a stable order, which process holds which workflow, qualified names
 * and the titles that people read (a role's or a system's display title, else its name).
 */
public final class ModelIndex {
  private static final Comparator<String> NAMES = Comparator.naturalOrder();

  private final SemanticModel model;
  private final List<Decl.ProcessDecl> processes = new ArrayList<>();
  private final List<Decl.WorkflowDecl> workflows = new ArrayList<>();
  private final Map<Decl.WorkflowDecl, Decl.ProcessDecl> processOf = new IdentityHashMap<>();
  private final Map<Decl.WorkflowDecl, List<Decl.WorkflowDecl>> callers = new IdentityHashMap<>();
  private final Map<Decl.WorkflowDecl, List<Decl.WorkflowDecl>> starters = new IdentityHashMap<>();
  private final Map<Decl.WorkflowDecl, List<Decl.WorkflowDecl>> followers = new IdentityHashMap<>();
  private final Map<Decl.WorkflowDecl, Integer> positions = new IdentityHashMap<>();

  public ModelIndex(SemanticModel model) {
    this.model = model;
    // Names are put in words with the acronyms the model's docs write ("Needs NDA?" for needsNda).
    java.util.Set<String> acronyms = new java.util.HashSet<>();
    model.units().stream().filter(u -> u.file() != null).forEach(u -> acronyms.addAll(Words.acronymsIn(u.file().text())));
    Words.useAcronyms(acronyms);
    for (Decl d : model.declarations()) {
      if (d instanceof Decl.ProcessDecl p) {
        processes.add(p);
      } else if (d instanceof Decl.WorkflowDecl w) {
        workflows.add(w);
      }
    }
    Comparator<Decl> byName = Comparator.comparing(this::packageOf, NAMES).thenComparing(d -> d.name().text(), NAMES);
    processes.sort(byName);
    workflows.sort(byName);
    for (Decl.WorkflowDecl w : workflows) {
      positions.put(w, positions.size());
    }
    for (Decl.ProcessDecl p : processes) {
      for (Decl.WorkflowDecl w : workflowsOf(p)) {
        processOf.putIfAbsent(w, p); // a second listing is E306: the model would not have checked
      }
    }
    for (Decl.WorkflowDecl w : workflows) {
      for (Stmt s : Statements.all(w.body())) {
        if (s instanceof Stmt.Call c) {
          workflow(c.workflow()).ifPresent(callee -> addOnce(callers, callee, w));
        } else if (s instanceof Stmt.Start st) {
          workflow(st.workflow()).ifPresent(started -> addOnce(starters, started, w));
        }
      }
      for (Clause.Trigger t : w.triggers()) {
        if (t.kind() == Clause.TriggerKind.AFTER_WORKFLOW) {
          t.target().flatMap(this::workflow).ifPresent(before -> addOnce(followers, before, w));
        }
      }
    }
  }

  private static void addOnce(Map<Decl.WorkflowDecl, List<Decl.WorkflowDecl>> map, Decl.WorkflowDecl key,
      Decl.WorkflowDecl value) {
    List<Decl.WorkflowDecl> list = map.computeIfAbsent(key, k -> new ArrayList<>());
    if (list.stream().noneMatch(v -> v == value)) {
      list.add(value);
    }
  }

  /** The workflows that {@code call} a workflow, by package and name. */
  public List<Decl.WorkflowDecl> callersOf(Decl.WorkflowDecl workflow) {
    return List.copyOf(callers.getOrDefault(workflow, List.of()));
  }

  /** The workflows that {@code start} a workflow, by package and name. */
  public List<Decl.WorkflowDecl> startersOf(Decl.WorkflowDecl workflow) {
    return List.copyOf(starters.getOrDefault(workflow, List.of()));
  }

  /**
   * The workflows that start after a workflow completes ({@code starts after}), by package and
   * name: a process map reads where work goes next here instead of walking every workflow.
   */
  public List<Decl.WorkflowDecl> followersOf(Decl.WorkflowDecl workflow) {
    return Collections.unmodifiableList(followers.getOrDefault(workflow, List.of()));
  }

  /** The workflow a reference names, if it is one. */
  public Optional<Decl.WorkflowDecl> workflow(Name reference) {
    return model.declarationOf(reference).filter(Decl.WorkflowDecl.class::isInstance).map(Decl.WorkflowDecl.class::cast);
  }

  public SemanticModel model() {
    return model;
  }

  /** Every process, by package and then name. */
  public List<Decl.ProcessDecl> processes() {
    return List.copyOf(processes);
  }

  /** Where a workflow stands in {@link #workflows()}. */
  public int position(Decl.WorkflowDecl workflow) {
    return positions.get(workflow);
  }

  /** Every workflow, by package and then name. */
  public List<Decl.WorkflowDecl> workflows() {
    return List.copyOf(workflows);
  }

  /** The workflows a process lists, in the order of its {@code workflows} clause. */
  public List<Decl.WorkflowDecl> workflowsOf(Decl.ProcessDecl process) {
    List<Decl.WorkflowDecl> out = new ArrayList<>();
    for (Clause.Workflows clause : process.clauses(Clause.Workflows.class)) {
      for (Name n : clause.workflows()) {
        model.declarationOf(n).filter(Decl.WorkflowDecl.class::isInstance).map(Decl.WorkflowDecl.class::cast)
            .filter(w -> out.stream().noneMatch(o -> o == w))
            .ifPresent(out::add);
      }
    }
    return out;
  }

  /** The process that lists a workflow. */
  public Optional<Decl.ProcessDecl> processOf(Decl.WorkflowDecl workflow) {
    return Optional.ofNullable(processOf.get(workflow));
  }

  /** The workflows that no process lists, by package and name. */
  public List<Decl.WorkflowDecl> workflowsWithoutProcess() {
    return workflows.stream().filter(w -> !processOf.containsKey(w)).toList();
  }

  public String packageOf(Decl decl) {
    return model.packageOf(decl);
  }

  /** {@code com.acme.onboarding.DocumentCollection}, or the bare name in the unnamed package. */
  public String qualifiedName(Decl decl) {
    String pkg = packageOf(decl);
    return pkg.isEmpty() ? decl.name().text() : pkg + "." + decl.name().text();
  }

  public Optional<Decl> declarationOf(Name reference) {
    return model.declarationOf(reference);
  }

  /** What people call a declaration: a role's or system's display title, else its name in words. */
  public String title(Decl decl) {
    if (decl instanceof Decl.RoleDecl r) {
      return r.title().orElse(Words.humanize(r.name().text()));
    }
    if (decl instanceof Decl.SystemDecl s) {
      return s.title().orElse(Words.humanize(s.name().text()));
    }
    return decl.name().text();
  }

  /** The title of what a reference names, or the reference as written when it did not resolve. */
  public String title(Name reference) {
    return declarationOf(reference).map(this::title).orElse(reference.text());
  }
}
