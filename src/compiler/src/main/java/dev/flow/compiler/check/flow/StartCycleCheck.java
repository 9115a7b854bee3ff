package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.Check;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.source.SourceSpan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * W007: workflows that start each other in a cycle (LANGUAGE.md §6), through
 * {@code starts after} (the finished workflow starts the next), {@code start} and {@code call}.
 * One warning per group of workflows that start each other (a strongly connected group of the
 * links), at the first link of the group in source order (files in the order given, then
 * position): the {@code starts} keyword of a {@code starts after} clause, or a {@code start}
 * or {@code call} statement. The message shows one cycle through that link. A workflow that
 * starts or calls itself, or starts after itself, is a cycle of one.
 */
public final class StartCycleCheck implements Check {
  /** It relates declarations to each other, so it reports only on a model without errors. */
  @Override
  public boolean isLocal() {
    return false;
  }

  /**
   * Running or finishing {@code from} starts {@code to}.
   *
   * @param site where the link is written: in {@code to} for {@code starts after}, else in {@code from}
   */
  private record Link(Decl.WorkflowDecl from, Decl.WorkflowDecl to, SourceSpan site, boolean siteInTarget, String how) {}

  @Override
  public List<Diagnostic> check(SemanticModel model) {
    List<Link> links = links(model);
    Map<Decl.WorkflowDecl, List<Link>> graph = new IdentityHashMap<>();
    for (Link link : links) {
      graph.computeIfAbsent(link.from(), k -> new ArrayList<>()).add(link);
    }
    Map<Decl.WorkflowDecl, Integer> group = groups(links);
    Set<Integer> reported = new HashSet<>();
    List<Diagnostic> out = new ArrayList<>();
    for (Link link : links) {
      // A link inside one strongly connected group lies on a cycle; the first such link of a
      // group, in source order, gets the group's one warning.
      int g = group.get(link.from());
      if (g != group.get(link.to()) || !reported.add(g)) {
        continue;
      }
      List<Link> back = path(graph, link.to(), link.from()).orElseThrow();
      // Start the cycle at the workflow that holds the link.
      List<Link> cycle = new ArrayList<>(back);
      if (link.siteInTarget()) {
        cycle.add(link);
      } else {
        cycle.add(0, link);
      }
      out.add(Diagnostic.of(Code.W007, link.site(), "workflows start each other in a cycle: " + describe(cycle))
          .withNote(String.join("; ", cycle.stream().map(Link::how).toList()))
          .withHelp("break the cycle, or make sure the workflows stop starting each other"));
    }
    return out;
  }

  private static List<Link> links(SemanticModel model) {
    List<Link> links = new ArrayList<>();
    for (Decl d : model.declarations()) {
      if (d instanceof Decl.WorkflowDecl w) {
        for (Clause.Trigger t : w.triggers()) {
          if (t.kind() == Clause.TriggerKind.AFTER_WORKFLOW) {
            SourceSpan starts = Syntax.keyword(t.span(), "starts");
            workflow(model, t.target()).ifPresent(before -> links.add(new Link(before, w, starts, true,
                "`" + w.name().text() + "` starts after `" + before.name().text() + "`")));
          }
        }
        Syntax.forEachStatement(w.body(), s -> {
          if (s instanceof Stmt.Start st) {
            workflow(model, Optional.of(st.workflow())).ifPresent(to -> links.add(new Link(w, to, st.span(), false,
                "`" + w.name().text() + "` starts `" + to.name().text() + "`")));
          } else if (s instanceof Stmt.Call c) {
            workflow(model, Optional.of(c.workflow())).ifPresent(to -> links.add(new Link(w, to, c.span(), false,
                "`" + w.name().text() + "` calls `" + to.name().text() + "`")));
          }
        });
      }
    }
    return links;
  }

  private static Optional<Decl.WorkflowDecl> workflow(SemanticModel model, Optional<Name> name) {
    return name.flatMap(model::declarationOf)
        .filter(Decl.WorkflowDecl.class::isInstance)
        .map(Decl.WorkflowDecl.class::cast);
  }

  /** The links from {@code from} to {@code to} along a shortest path, or empty (an empty list when they are one). */
  private static Optional<List<Link>> path(
      Map<Decl.WorkflowDecl, List<Link>> graph, Decl.WorkflowDecl from, Decl.WorkflowDecl to) {
    Map<Decl.WorkflowDecl, Link> via = new IdentityHashMap<>();
    Set<Decl.WorkflowDecl> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Decl.WorkflowDecl> queue = new ArrayDeque<>();
    queue.add(from);
    seen.add(from);
    while (!queue.isEmpty()) {
      Decl.WorkflowDecl w = queue.poll();
      if (w == to) {
        List<Link> path = new ArrayList<>();
        for (Decl.WorkflowDecl at = to; at != from; at = via.get(at).from()) {
          path.add(0, via.get(at));
        }
        return Optional.of(path);
      }
      for (Link l : graph.getOrDefault(w, List.of())) {
        if (seen.add(l.to())) {
          via.put(l.to(), l);
          queue.add(l.to());
        }
      }
    }
    return Optional.empty();
  }

  /** The cycle as arrows: {@code `A` → `B` → `A`}. */
  private static String describe(List<Link> cycle) {
    StringBuilder s = new StringBuilder("`" + cycle.get(0).from().name().text() + "`");
    for (Link l : cycle) {
      s.append(" → `").append(l.to().name().text()).append('`');
    }
    return s.toString();
  }

  /** Tarjan's strongly connected components of the whole graph, numbered. */
  private static Map<Decl.WorkflowDecl, Integer> groups(List<Link> links) {
    Map<Decl.WorkflowDecl, List<Decl.WorkflowDecl>> edges = new IdentityHashMap<>();
    List<Decl.WorkflowDecl> nodes = new ArrayList<>();
    for (Link l : links) {
      for (Decl.WorkflowDecl w : List.of(l.from(), l.to())) {
        if (!edges.containsKey(w)) {
          edges.put(w, new ArrayList<>());
          nodes.add(w);
        }
      }
      edges.get(l.from()).add(l.to());
    }
    Tarjan t = new Tarjan(edges);
    for (Decl.WorkflowDecl w : nodes) {
      if (!t.index.containsKey(w)) {
        t.visit(w);
      }
    }
    return t.group;
  }

  private static final class Tarjan {
    final Map<Decl.WorkflowDecl, List<Decl.WorkflowDecl>> edges;
    final Map<Decl.WorkflowDecl, Integer> index = new IdentityHashMap<>();
    final Map<Decl.WorkflowDecl, Integer> low = new IdentityHashMap<>();
    final Map<Decl.WorkflowDecl, Integer> group = new IdentityHashMap<>();
    final Deque<Decl.WorkflowDecl> stack = new ArrayDeque<>();
    final Set<Decl.WorkflowDecl> onStack = Collections.newSetFromMap(new IdentityHashMap<>());
    int next;
    int groups;

    Tarjan(Map<Decl.WorkflowDecl, List<Decl.WorkflowDecl>> edges) {
      this.edges = edges;
    }

    void visit(Decl.WorkflowDecl v) {
      index.put(v, next);
      low.put(v, next);
      next++;
      stack.push(v);
      onStack.add(v);
      for (Decl.WorkflowDecl w : edges.get(v)) {
        if (!index.containsKey(w)) {
          visit(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        Decl.WorkflowDecl w;
        do {
          w = stack.pop();
          onStack.remove(w);
          group.put(w, groups);
        } while (w != v);
        groups++;
      }
    }
  }
}
