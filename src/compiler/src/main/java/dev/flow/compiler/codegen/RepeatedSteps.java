package dev.flow.compiler.codegen;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The named steps an instance may reach again after it ran them (a receive's {@code repeated()},
 * which a backend that offers an event only to the instances whose keys match needs: a step
 * reached again may wait with other correlation values). A step is reached again when it is in
 * the body of a {@code while}, {@code repeat} or {@code for each} (also in parallel, and the
 * rounds of a {@code for each … arriving}, not its receives of items), or between the target of a
 * {@code go to} that jumps back and that {@code go to}, in source order. Conservative: every step
 * in such a stretch counts, also one that a condition lets run only once.
 */
final class RepeatedSteps {
  private RepeatedSteps() {}

  /** The names of the named steps of {@code body} that may be reached again. */
  static Set<String> of(Block body) {
    Set<String> out = new HashSet<>();
    List<Stmt.Named> steps = new ArrayList<>();
    List<Stmt.GoTo> jumps = new ArrayList<>();
    walk(body, false, out, steps, jumps);
    for (Stmt.GoTo jump : jumps) {
      Stmt.Named target = null;
      for (Stmt.Named step : steps) {
        if (step.name().text().equals(jump.target().text())) {
          target = step;
        }
      }
      if (target == null || target.span().start() > jump.span().start()) {
        continue; // A jump forward runs nothing again.
      }
      for (Stmt.Named step : steps) {
        if (step.span().start() >= target.span().start() && step.span().start() <= jump.span().start()) {
          out.add(step.name().text());
        }
      }
    }
    return out;
  }

  private static void walk(Block block, boolean looped, Set<String> out, List<Stmt.Named> steps, List<Stmt.GoTo> jumps) {
    for (Stmt s : block.statements()) {
      if (s instanceof Stmt.Named named) {
        steps.add(named);
        if (looped) {
          out.add(named.name().text());
        }
      }
      if (s instanceof Stmt.GoTo jump) {
        jumps.add(jump);
      }
      if (s instanceof Stmt.ForEachArriving arriving) {
        walk(arriving.arrivals(), looped, out, steps, jumps);
        walk(arriving.body(), true, out, steps, jumps);
        continue;
      }
      boolean loop = s instanceof Stmt.While || s instanceof Stmt.Repeat || s instanceof Stmt.ForEach;
      for (Block inner : StatementTree.blocks(s)) {
        walk(inner, looped || loop, out, steps, jumps);
      }
    }
  }
}
