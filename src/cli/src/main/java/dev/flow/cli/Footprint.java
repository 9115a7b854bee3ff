package dev.flow.cli;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.diagram.HeatMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which step may directly follow which in a workflow, which may come first and which last: the
 * model's footprint, against which a case's path of completed steps is checked. Built from the
 * workflow's statements as a regular expression's first/last/follow sets are (Glushkov): a
 * sequence links the last steps of one part to the first of the next; a choice unites its arms; a
 * loop links its body's last steps to its first; the branches of a {@code parallel}, a
 * {@code first} and the iterations of a parallel {@code for each} interleave, so any of their
 * steps may follow any other's; a {@code try} may go from any step of its body to its handlers;
 * {@code go to X} leads to {@code X}. The footprint over-approximates the model (a case it
 * rejects cannot come from the model; a few it accepts might not).
 *
 * @param first the steps a case may complete first
 * @param follows the pairs {@code "a\tb"}: step b may be completed right after step a
 * @param finals the steps a completed case may complete last
 * @param emptyCompletes whether a case may complete without completing any named step
 */
record Footprint(Set<String> first, Set<String> follows, Set<String> finals, boolean emptyCompletes) {
  /** One part of a workflow: its first and last steps, whether it may pass without a step, all its steps. */
  private record Part(Set<String> first, Set<String> last, boolean nullable, Set<String> all) {
    static Part empty() {
      return new Part(Set.of(), Set.of(), true, Set.of());
    }

    static Part ended(Part before) {
      return new Part(before.first, Set.of(), false, before.all);
    }
  }

  private static final class Builder {
    final Set<String> follows = new HashSet<>();
    final Set<String> finals = new HashSet<>();
    boolean emptyCompletes;

    void link(Set<String> from, Set<String> to) {
      for (String a : from) {
        for (String b : to) {
          follows.add(a + "\t" + b);
        }
      }
    }

    /**
     * A block entered right after the steps {@code after} (or at the start of the case, when
     * {@code atStart}): what it needs to know for a {@code complete} inside it.
     */
    Part block(Block block, Set<String> after, boolean atStart) {
      Part current = Part.empty();
      for (Stmt statement : block.statements()) {
        Set<String> before = union(current.last(), current.nullable() ? after : Set.of());
        boolean empty = current.nullable() && atStart;
        if (statement instanceof Stmt.Complete) {
          finals.addAll(before);
          emptyCompletes |= empty;
          return Part.ended(current);
        }
        if (statement instanceof Stmt.Fail || statement instanceof Stmt.Cancel) {
          return Part.ended(current);
        }
        Part next = statement(statement, before, empty);
        link(current.last(), next.first());
        Set<String> first = union(current.first(), current.nullable() ? next.first() : Set.of());
        Set<String> last = union(next.last(), next.nullable() ? current.last() : Set.of());
        current = new Part(first, last, current.nullable() && next.nullable(), union(current.all(), next.all()));
      }
      return current;
    }

    Part statement(Stmt statement, Set<String> after, boolean atStart) {
      if (statement instanceof Stmt.Named step) {
        Set<String> one = Set.of(step.name().text());
        return new Part(one, one, false, one);
      }
      if (statement instanceof Stmt.GoTo jump) {
        return new Part(Set.of(jump.target().text()), Set.of(), false, Set.of());
      }
      if (statement instanceof Stmt.If choice) {
        List<Part> arms = new ArrayList<>();
        choice.arms().forEach(arm -> arms.add(block(arm.body(), after, atStart)));
        return choice(arms, choice.otherwise().map(b -> block(b, after, atStart)));
      }
      if (statement instanceof Stmt.Match match) {
        List<Part> arms = new ArrayList<>();
        match.arms().forEach(arm -> arms.add(block(arm.body(), after, atStart)));
        return choice(arms, match.otherwise().map(b -> block(b, after, atStart)));
      }
      if (statement instanceof Stmt.Parallel parallel) {
        List<Part> branches = new ArrayList<>();
        parallel.branches().forEach(b -> branches.add(branch(b, after, atStart)));
        return interleaved(branches, false);
      }
      if (statement instanceof Stmt.First first) {
        List<Part> branches = new ArrayList<>();
        first.branches().forEach(b -> branches.add(branch(b, after, atStart)));
        return interleaved(branches, true);
      }
      if (statement instanceof Stmt.ForEach each) {
        Part once = block(each.body(), after, atStart);
        Part body = block(each.body(), union(after, each.parallel() ? once.all() : once.last()), atStart);
        if (each.parallel()) {
          link(body.all(), body.all());
        } else {
          link(body.last(), body.first());
        }
        return new Part(body.first(), body.last(), true, body.all());
      }
      if (statement instanceof Stmt.While loop) {
        Part once = block(loop.body(), after, atStart);
        Part body = block(loop.body(), union(after, once.last()), atStart);
        link(body.last(), body.first());
        return new Part(body.first(), body.last(), true, body.all());
      }
      if (statement instanceof Stmt.Repeat loop) {
        Part once = block(loop.body(), after, atStart);
        Part body = block(loop.body(), union(after, once.last()), atStart);
        link(body.last(), body.first());
        return body;
      }
      if (statement instanceof Stmt.Try attempt) {
        Part body = block(attempt.body(), after, atStart);
        Set<String> first = new HashSet<>(body.first());
        Set<String> last = new HashSet<>(body.last());
        Set<String> all = new HashSet<>(body.all());
        boolean nullable = body.nullable();
        for (Stmt.Catch handler : attempt.catches()) {
          Part caught = block(handler.body(), union(after, body.all()), atStart);
          link(body.all(), caught.first());
          first.addAll(caught.first());
          last.addAll(caught.last());
          if (caught.nullable()) {
            last.addAll(body.all());
            nullable = true;
          }
          all.addAll(caught.all());
        }
        return new Part(first, last, nullable, all);
      }
      return Part.empty();
    }

    private Part branch(Stmt.Branch branch, Set<String> after, boolean atStart) {
      Part body = block(branch.body(), after, atStart);
      return branch.when().isPresent() ? new Part(body.first(), body.last(), true, body.all()) : body;
    }

    private Part choice(List<Part> arms, Optional<Part> otherwise) {
      Set<String> first = new HashSet<>();
      Set<String> last = new HashSet<>();
      Set<String> all = new HashSet<>();
      boolean nullable = otherwise.isEmpty();
      List<Part> every = new ArrayList<>(arms);
      otherwise.ifPresent(every::add);
      for (Part arm : every) {
        first.addAll(arm.first());
        last.addAll(arm.last());
        all.addAll(arm.all());
        nullable |= arm.nullable();
      }
      return new Part(first, last, nullable, all);
    }

    /** Branches that run side by side; in a {@code first}, a losing branch may stop after any of its steps. */
    private Part interleaved(List<Part> branches, boolean losersStop) {
      Set<String> first = new HashSet<>();
      Set<String> last = new HashSet<>();
      Set<String> all = new HashSet<>();
      boolean nullable = true;
      for (int i = 0; i < branches.size(); i++) {
        Part branch = branches.get(i);
        first.addAll(branch.first());
        last.addAll(losersStop ? branch.all() : branch.last());
        all.addAll(branch.all());
        nullable &= branch.nullable();
        for (int j = 0; j < branches.size(); j++) {
          if (i != j) {
            link(branch.all(), branches.get(j).all());
          }
        }
      }
      if (losersStop) {
        nullable = branches.stream().anyMatch(Part::nullable);
      }
      return new Part(first, last, nullable, all);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
      if (b.isEmpty()) {
        return a;
      }
      if (a.isEmpty()) {
        return b;
      }
      Set<String> both = new HashSet<>(a);
      both.addAll(b);
      return both;
    }
  }

  /** The footprint of a workflow's body. */
  static Footprint of(Block body) {
    Builder builder = new Builder();
    Part whole = builder.block(body, Set.of(), true);
    builder.finals.addAll(whole.last());
    builder.emptyCompletes |= whole.nullable();
    return new Footprint(Set.copyOf(whole.first()), Set.copyOf(builder.follows), Set.copyOf(builder.finals),
        builder.emptyCompletes);
  }

  /**
   * Whether a case may go from one step straight to the next completed one; {@code from} may be
   * the case's beginning ({@link HeatMap#START}) and {@code to} its completion ({@link HeatMap#END}).
   */
  boolean allows(String from, String to) {
    if (from.equals(HeatMap.START)) {
      return to.equals(HeatMap.END) ? emptyCompletes : first.contains(to);
    }
    return to.equals(HeatMap.END) ? finals.contains(from) : follows.contains(from + "\t" + to);
  }

  /**
   * Where a path of completed steps leaves the model, in words, or empty when it does not.
   *
   * @param completed whether the case completed (only then is its last step checked)
   */
  Optional<String[]> deviation(List<String> path, boolean completed) {
    if (path.isEmpty()) {
      return completed && !emptyCompletes
          ? Optional.of(new String[] {"", "the case completed without any of the model's steps"})
          : Optional.empty();
    }
    if (!first.contains(path.get(0))) {
      return Optional.of(new String[] {path.get(0), "`" + path.get(0) + "` cannot come first"});
    }
    for (int i = 1; i < path.size(); i++) {
      if (!follows.contains(path.get(i - 1) + "\t" + path.get(i))) {
        return Optional.of(new String[] {path.get(i), "`" + path.get(i) + "` cannot follow `" + path.get(i - 1) + "`"});
      }
    }
    String last = path.get(path.size() - 1);
    if (completed && !finals.contains(last)) {
      return Optional.of(new String[] {last, "the case completed right after `" + last + "`, which the model never"
          + " ends with"});
    }
    return Optional.empty();
  }
}
