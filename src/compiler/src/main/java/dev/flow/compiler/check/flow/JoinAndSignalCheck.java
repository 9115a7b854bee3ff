package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.FirstToStart;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Partial joins and in-case signals (language.md §5.10): E320 for the count of a {@code first N}
 * below 1 or above its branches, or of a {@code parallel join N} below 1 or not below its
 * branches; E321 for a {@code wait for NAME} that no {@code signal NAME} of the workflow sends
 * (it would wait forever); W020 for a {@code signal NAME} that nothing waits for; W021 for an
 * {@code exclusive NAME} block that is the only one of its name (outside a parallel {@code for each}); E322 for an
 * {@code exclusive NAME} block inside another block of the same section (it would wait for itself forever).
 * Cancel regions (WCP 25): E332 for a {@code cancel region NAME} without a {@code region NAME} block in the
 * workflow, E333 for a {@code region NAME} block inside another block of the same region, W031 for a region
 * that no {@code cancel region} cancels. Deferred choice by a claim (WCP 16):
 * E334 for a {@code first to start} without a branch that begins with a person's step, E335 for
 * {@code first N to start}.
 */
public final class JoinAndSignalCheck extends WorkflowCheck {

  /** With the workflows' facts shared with the other checks of a run. */
  JoinAndSignalCheck(WorkflowFacts facts) {
    super(facts);
  }

  /** What it reports is written right at the statement: no error of names or types changes it. */
  @Override
  public Reach reach() {
    return Reach.PATHS;
  }

  @Override
  void check(SemanticModel model, Decl.WorkflowDecl w, List<Diagnostic> out) {
    check(facts.tree(model, w), out);
  }

  private static void check(WorkflowTree tree, List<Diagnostic> out) {
    java.util.Map<String, List<Stmt.Exclusive>> sections = new java.util.LinkedHashMap<>();
    Set<String> sent = new HashSet<>();
    Set<String> awaited = new HashSet<>();
    for (Stmt s : tree.statements()) {
      if (s instanceof Stmt.Signal g) {
        sent.add(g.signal().text());
      } else if (s instanceof Stmt.WaitFor w) {
        awaited.add(w.signal().text());
      } else if (s instanceof Stmt.Exclusive x) {
        sections.computeIfAbsent(x.name().text(), k -> new ArrayList<>()).add(x);
        nestedSection(tree, x, out);
      }
    }
    regions(tree, out);
    for (List<Stmt.Exclusive> blocks : sections.values()) {
      Stmt.Exclusive only = blocks.get(0);
      boolean repeated = tree.enclosingBlocks(only).stream()
          .anyMatch(b -> b.kind() == WorkflowTree.BlockKind.PARALLEL_FOR_EACH_BODY);
      if (blocks.size() == 1 && !repeated) {
        out.add(Diagnostic.of(Code.W021, only.name().span(), "the critical section `" + only.name().text()
                + "` has only this block: there is nothing for it to exclude")
            .withHelp("name the same section in the blocks that must not run at the same time as this one"));
      }
    }
    for (Stmt s : tree.statements()) {
      if (s instanceof Stmt.First f && f.byStart()) {
        firstToStart(f, out);
      } else if (s instanceof Stmt.First f && (f.count() < 1 || f.count() > f.branches().size())) {
        out.add(Diagnostic.of(Code.E320, f.span(), f.count() < 1
                ? "`first " + f.count() + "` never ends: its count must be at least 1"
                : "`first " + f.count() + "` has only " + f.branches().size() + " "
                    + (f.branches().size() == 1 ? "branch" : "branches") + ": it could never end")
            .withHelp("count at most as many branches as it has"));
      } else if (s instanceof Stmt.Parallel p && p.join().isPresent()) {
        int n = p.join().getAsInt();
        if (n < 1) {
          out.add(Diagnostic.of(Code.E320, p.span(), "`parallel join " + n + "` must wait for at least 1 branch")
              .withHelp("write `parallel join 1` to go on after the first branch that ends"));
        } else if (n >= p.branches().size()) {
          out.add(Diagnostic.of(Code.E320, p.span(), "`parallel join " + n + "` has " + p.branches().size() + " "
                  + (p.branches().size() == 1 ? "branch" : "branches") + ": it would wait for every one of them")
              .withHelp("write a plain `parallel` to wait for every branch, or a count below the number of branches"));
        }
      } else if (s instanceof Stmt.ForEach f && f.threads()) {
        ThreadCount.check(f).ifPresent(out::add);
      } else if (s instanceof Stmt.ForEach f && !f.unwaited() && (f.join().isPresent() || f.first().isPresent())) {
        int n = f.join().isPresent() ? f.join().getAsInt() : f.first().getAsInt();
        String word = f.join().isPresent() ? "join" : "first";
        if (n < 1) {
          out.add(Diagnostic.of(Code.E320, f.span(), "`in parallel " + word + " " + n + "` must wait for at least 1 round")
              .withHelp("write `in parallel " + word + " 1` to go on after the first round that ends"));
        }
      } else if (s instanceof Stmt.ForEachArriving a && a.join().isPresent() && a.join().getAsInt() < 1) {
        out.add(Diagnostic.of(Code.E320, a.span(), "`in parallel join " + a.join().getAsInt()
                + "` must wait for at least 1 round")
            .withHelp("write `in parallel join 1` to go on after the first round that ends"));
      } else if (s instanceof Stmt.WaitFor w && !sent.contains(w.signal().text())) {
        out.add(Diagnostic.of(Code.E321, w.signal().span(), "nothing sends the signal `" + w.signal().text()
                + "`: this `wait for` would wait forever")
            .withHelp("add `signal " + w.signal().text() + "` where the workflow reaches the point waited for"));
      } else if (s instanceof Stmt.Signal g && !awaited.contains(g.signal().text())) {
        out.add(Diagnostic.of(Code.W020, g.signal().span(), "nothing waits for the signal `" + g.signal().text() + "`")
            .withHelp("add `wait for " + g.signal().text() + "` where a branch must wait for it, or remove the `signal`"));
      }
    }
  }

  /** E332, E333 and W031: the blocks of each cancel region, and what cancels it. */
  private static void regions(WorkflowTree tree, List<Diagnostic> out) {
    java.util.Map<String, Stmt.Region> regions = new java.util.LinkedHashMap<>();
    Set<String> cancelled = new HashSet<>();
    List<Stmt.CancelRegion> cancels = new ArrayList<>();
    for (Stmt s : tree.statements()) {
      if (s instanceof Stmt.Region r) {
        regions.putIfAbsent(r.name().text(), r);
        nestedRegion(tree, r, out);
      } else if (s instanceof Stmt.CancelRegion c) {
        cancelled.add(c.region().text());
        cancels.add(c);
      }
    }
    for (Stmt.CancelRegion c : cancels) {
      String name = c.region().text();
      if (!regions.containsKey(name)) {
        Diagnostic d = Diagnostic.of(Code.E332, c.region().span(), "the workflow has no block of the region `" + name
            + "`: this `cancel region` would cancel nothing");
        String near = dev.flow.compiler.diag.Suggestions.best(name, regions.keySet()).orElse(null);
        out.add(near != null ? d.withHelp("did you mean `" + near + "`?")
            : d.withHelp("put the work it is to cancel in `region " + name + " { … }` blocks"));
      }
    }
    regions.forEach((name, first) -> {
      if (!cancelled.contains(name)) {
        out.add(Diagnostic.of(Code.W031, first.name().span(), "nothing cancels the region `" + name + "`")
            .withHelp("add `cancel region " + name + "` where the workflow is to withdraw its blocks, or remove the `region`"));
      }
    });
  }

  /** E333: a {@code region X} block inside another {@code region X} block, which already holds its work. */
  private static void nestedRegion(WorkflowTree tree, Stmt.Region inner, List<Diagnostic> out) {
    for (WorkflowTree.BlockInfo b : tree.enclosingBlocks(inner)) {
      if (b.owner().isPresent() && b.owner().get() instanceof Stmt.Region outer
          && outer.name().text().equals(inner.name().text())) {
        String name = inner.name().text();
        out.add(Diagnostic.of(Code.E333, inner.name().span(), "this `region " + name
                + "` is inside another block of the region `" + name + "`, which already holds its work")
            .withNote("the outer `region " + name + "` is on line " + outer.span().line())
            .withHelp("remove the inner `region " + name + "`: a cancel withdraws the outer block with all it holds"));
        return;
      }
    }
  }

  /** E322: an {@code exclusive X} inside another {@code exclusive X} waits for the section its own outer block holds. */
  private static void nestedSection(WorkflowTree tree, Stmt.Exclusive inner, List<Diagnostic> out) {
    for (WorkflowTree.BlockInfo b : tree.enclosingBlocks(inner)) {
      if (b.owner().isPresent() && b.owner().get() instanceof Stmt.Exclusive outer
          && outer.name().text().equals(inner.name().text())) {
        String name = inner.name().text();
        out.add(Diagnostic.of(Code.E322, inner.name().span(), "this `exclusive " + name
                + "` is inside another block of the section `" + name + "`: it would wait for itself forever")
            .withNote("the outer `exclusive " + name + "` is on line " + outer.span().line())
            .withHelp("remove the inner `exclusive " + name + "`: its statements already run inside the section"));
        return;
      }
    }
  }

  /**
   * E335 for {@code first N to start}; E334 for a {@code first to start} none of whose branches
   * begins with a person's step (language.md §5.10).
   */
  private static void firstToStart(Stmt.First f, List<Diagnostic> out) {
    if (f.count() != 1) {
      out.add(Diagnostic.of(Code.E335, f.span(), "`first " + f.count() + " to start`: the first claim decides one"
              + " branch, so `to start` takes no count")
          .withHelp("write `first to start` for the branch started first, or `first " + f.count()
              + "` for the first branches to end"));
    } else if (f.branches().stream().noneMatch(b -> FirstToStart.personFirst(first(b)))) {
      out.add(Diagnostic.of(Code.E334, f.span(), "no branch of this `first to start` begins with a person's step:"
              + " no claim can decide it")
          .withHelp("begin a branch with the task (`step … by ROLE`, `approval`) whose start decides, or write"
              + " `first`, which a receive or wait that ends first decides as well"));
    }
  }

  private static Stmt first(Stmt.Branch branch) {
    List<Stmt> body = branch.body().statements();
    return body.isEmpty() ? null : body.get(0);
  }
}
