package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.resolve.Symbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Definite assignment over the paths of one workflow (LANGUAGE.md §4, §7 rules 4 and 7): which
 * steps have run and which outputs are assigned on every path to each statement. The results
 * feed E300 (reading a step that may not have run), E301 (output not assigned) and E302
 * (unreachable statement).
 *
 * <p>The analysis walks the body as written and follows the paths of each construct:
 *
 * <ul>
 *   <li>{@code if} and {@code match}: what every arm leaves; an {@code if} without {@code else}
 *       also the path that skips it. A {@code match} without {@code else} passed the
 *       exhaustiveness check (E205), so it has no path that skips every arm.
 *   <li>{@code parallel}: a branch without {@code when} always runs, so what it leaves is added
 *       to what the others leave; a branch with {@code when} may not run and adds nothing. When
 *       a branch that always runs never finishes (it fails or ends), nothing follows the join.
 *   <li>{@code first}: what every branch leaves when it finishes first (a branch that fails or
 *       ends does not lead past the {@code first}).
 *   <li>{@code for each} and {@code while}: the body may run zero times, so it adds nothing.
 *       {@code repeat}: the body runs at least once, so what it leaves is certain after it.
 *   <li>{@code try}/{@code catch}: the {@code catch} may start before anything in the
 *       {@code try} ran; after both, what each of them leaves.
 *   <li>{@code fail}, {@code cancel}, {@code complete} and {@code go to} end the path. A
 *       {@code go to} that is a good target (see {@link GoToTargets}) carries its state to the
 *       step it names, which then starts with what every path to it (falling in or jumping)
 *       has in common; jumps are followed to a fixed point. A bad target is reported as E303
 *       and not followed.
 * </ul>
 *
 * <p>Conditions are not evaluated: {@code if true { fail "x" }} does not end the path.
 */
final class FlowAnalysis {
  /** A read of a step's result at a point where the step may not have run. */
  record UnsafeRead(Expr.NameRef ref, Stmt.Named step, Stmt at) {}

  /** A {@code complete} and what is certain when it is reached. */
  record Completion(Stmt.Complete complete, FlowState state) {}

  private final SemanticModel model;
  private final WorkflowTree tree;
  private final GoToTargets goTos;

  private Map<String, FlowState> jumpsIn = Map.of();
  private Map<String, FlowState> jumpsOut = new HashMap<>();
  // sized for the workflow: filled again on each pass, never grown
  private final Map<Stmt, FlowState> before;
  private final Map<Block, FlowState> blockIn;
  private final Map<Block, FlowState> blockOut;
  private final List<UnsafeRead> unsafeReads = new ArrayList<>();
  private final List<Completion> completions = new ArrayList<>();
  private FlowState end = FlowState.UNREACHABLE;

  private FlowAnalysis(SemanticModel model, WorkflowTree tree, GoToTargets goTos) {
    this.model = model;
    this.tree = tree;
    this.goTos = goTos;
    before = new IdentityHashMap<>(tree.statements().size());
    blockIn = new IdentityHashMap<>(tree.blockCount());
    blockOut = new IdentityHashMap<>(tree.blockCount());
    int facts = tree.steps().size() + tree.workflow().outputs().size() + 1;
    int bound = tree.steps().size() * facts + 2;
    FlowState start = FlowState.start();
    for (int pass = 0; pass < bound; pass++) {
      before.clear();
      blockIn.clear();
      blockOut.clear();
      unsafeReads.clear();
      completions.clear();
      jumpsOut = new HashMap<>();
      end = block(tree.workflow().body(), start);
      if (jumpsOut.equals(jumpsIn)) {
        return;
      }
      jumpsIn = jumpsOut;
    }
  }

  static FlowAnalysis of(SemanticModel model, WorkflowTree tree, GoToTargets goTos) {
    return new FlowAnalysis(model, tree, goTos);
  }

  /** Whether a {@code go to} names a step it may jump to (else E303 reports it). */
  boolean hasValidTarget(Stmt.GoTo g) {
    return goTos.valid(g).isPresent();
  }

  WorkflowTree tree() {
    return tree;
  }

  /** What is certain just before a statement runs ({@link FlowState#UNREACHABLE} when nothing reaches it). */
  FlowState before(Stmt s) {
    return before.getOrDefault(s, FlowState.UNREACHABLE);
  }

  /** What is certain when a block starts. */
  FlowState blockIn(Block b) {
    return blockIn.getOrDefault(b, FlowState.UNREACHABLE);
  }

  /** What is certain after a block's last statement ({@link FlowState#UNREACHABLE} when it always ends). */
  FlowState blockOut(Block b) {
    return blockOut.getOrDefault(b, FlowState.UNREACHABLE);
  }

  /** What is certain where the body ends by running to its last statement. */
  FlowState end() {
    return end;
  }

  /** Reads of step results where the step may not have run, in source order. */
  List<UnsafeRead> unsafeReads() {
    return List.copyOf(unsafeReads);
  }

  /** Every reachable {@code complete}, in source order. */
  List<Completion> completions() {
    return List.copyOf(completions);
  }

  private FlowState block(Block b, FlowState in) {
    blockIn.put(b, in);
    FlowState state = in;
    for (Stmt s : b.statements()) {
      state = statement(s, state);
    }
    blockOut.put(b, state);
    return state;
  }

  /** A named step starts with what the paths falling into it and jumping to it have in common. */
  private FlowState withJumps(Stmt.Named step, FlowState entry) {
    FlowState jumped = jumpsIn.get(step.name().text());
    return jumped == null ? entry : entry.meet(jumped);
  }

  private FlowState statement(Stmt s, FlowState entry) {
    FlowState in = s instanceof Stmt.Named n ? withJumps(n, entry) : entry;
    before.put(s, in);
    if (s instanceof Stmt.HumanStep || s instanceof Stmt.Approval) {
      Stmt.TimeLimit limit = s instanceof Stmt.HumanStep h ? h.limit() : ((Stmt.Approval) s).limit();
      Stmt.People people = s instanceof Stmt.HumanStep h ? h.people() : ((Stmt.Approval) s).people();
      List<Expr> who = new ArrayList<>();
      Syntax.people(people, who);
      who.forEach(e -> reads(e, in, s)); // decided when the task is created, before the step has run
      limit.within().ifPresent(w -> reads(w, in, s)); // computed when the task is created
      return in.withStep(((Stmt.Named) s).name().text());
    } else if (s instanceof Stmt.SystemStep st) {
      st.call().arguments().forEach(a -> reads(a.value(), in, s));
      FlowState after = in.withStep(st.name().text());
      // The compensation runs after the step, so it may read the step's own result.
      st.compensations().forEach(c -> c.arguments().forEach(a -> reads(a.value(), after, s)));
      return after;
    } else if (s instanceof Stmt.Receive r) {
      // `where` is evaluated on each arriving event, under the step's own name.
      r.within().ifPresent(w -> reads(w, in, s)); // computed when the receive starts waiting
      FlowState after = in.withStep(r.name().text());
      r.where().ifPresent(w -> reads(w, after, s));
      return after;
    } else if (s instanceof Stmt.Call c) {
      c.arguments().forEach(a -> reads(a.value(), in, s));
      return in.withStep(c.name().text());
    } else if (s instanceof Stmt.Set set) {
      reads(set.value(), in, s);
      Optional<Symbol> target = model.symbolOf(set.target());
      if (target.isPresent() && target.get() instanceof Symbol.OutputSymbol o) {
        return in.withOutput(o.output().name().text());
      }
      return in;
    } else if (s instanceof Stmt.If i) {
      FlowState out = FlowState.UNREACHABLE;
      for (Stmt.IfArm arm : i.arms()) {
        reads(arm.condition(), in, s);
        out = out.meet(block(arm.body(), in));
      }
      return out.meet(i.otherwise().map(b -> block(b, in)).orElse(in));
    } else if (s instanceof Stmt.Match m) {
      reads(m.subject(), in, s);
      FlowState out = FlowState.UNREACHABLE;
      for (Stmt.MatchArm arm : m.arms()) {
        out = out.meet(block(arm.body(), in));
      }
      if (m.otherwise().isPresent()) {
        out = out.meet(block(m.otherwise().get(), in));
      }
      return out;
    } else if (s instanceof Stmt.Parallel p && p.join().isEmpty()) {
      FlowState out = in;
      for (Stmt.Branch b : p.branches()) {
        b.when().ifPresent(w -> reads(w, in, s));
        FlowState branchOut = block(b.body(), in);
        if (b.when().isEmpty()) {
          out = out.join(branchOut);
        }
      }
      return out;
    } else if (s instanceof Stmt.First || s instanceof Stmt.Parallel) {
      // `first` and `parallel join N`: which branches ended before it goes on is decided at run time.
      List<Stmt.Branch> branches = s instanceof Stmt.First f ? f.branches() : ((Stmt.Parallel) s).branches();
      FlowState out = FlowState.UNREACHABLE;
      boolean someAlwaysStarts = false;
      for (Stmt.Branch b : branches) {
        b.when().ifPresent(w -> reads(w, in, s));
        out = out.meet(block(b.body(), in));
        someAlwaysStarts |= b.when().isEmpty();
      }
      // When every branch has a condition, none may start, and the `first` ends at once.
      return someAlwaysStarts ? out : out.meet(in);
    } else if (s instanceof Stmt.ForEach f) {
      reads(f.iterable(), in, s);
      block(f.body(), in);
      return in;
    } else if (s instanceof Stmt.ForEachArriving a) {
      // Each arrival waits for an item or the closing event; each round starts with its item.
      // With `join N` it may go on before the closing event has come.
      // With a time limit (`within`) it may close without the closing event.
      a.quiet().ifPresent(w -> reads(w, in, s));
      a.within().ifPresent(w -> reads(w, in, s));
      FlowState closed = a.close().isPresent() ? statement(a.close().get(), in) : in;
      block(a.body(), statement(a.item(), in));
      return a.join().isPresent() || a.quiet().isPresent() || a.within().isPresent() ? in : closed;
    } else if (s instanceof Stmt.While w) {
      reads(w.condition(), in, s);
      block(w.body(), in);
      return in;
    } else if (s instanceof Stmt.Repeat r) {
      reads(r.maxTimes(), in, s);
      FlowState out = block(r.body(), in);
      r.until().ifPresent(u -> reads(u, out, s));
      return out;
    } else if (s instanceof Stmt.Exclusive x) {
      return block(x.body(), in);
    } else if (s instanceof Stmt.Region r) {
      // A cancel may stop the block anywhere, or skip it: what it does may not have happened after it.
      return in.meet(block(r.body(), in));
    } else if (s instanceof Stmt.Try t) {
      FlowState out = block(t.body(), in);
      for (Block handler : t.handlers()) {
        out = out.meet(block(handler, in));
      }
      return out;
    } else if (s instanceof Stmt.GoTo g) {
      goTos.valid(g).ifPresent(step -> jumpsOut.merge(step.name().text(), in, FlowState::meet));
      return FlowState.UNREACHABLE;
    } else if (s instanceof Stmt.Complete c) {
      if (in.isReachable()) {
        completions.add(new Completion(c, in));
      }
      return FlowState.UNREACHABLE;
    } else if (s instanceof Stmt.Fail || s instanceof Stmt.Cancel || s instanceof Stmt.ContinueAsNew) {
      Syntax.expressions(s).forEach(e -> reads(e, in, s));
      return FlowState.UNREACHABLE;
    } else {
      // notify, wait, wait until, start, let: evaluate, then go on.
      Syntax.expressions(s).forEach(e -> reads(e, in, s));
      return in;
    }
  }

  private void reads(Expr e, FlowState state, Stmt at) {
    if (!state.isReachable()) {
      return;
    }
    Syntax.nameRefs(e, ref -> {
      Optional<Symbol> symbol = model.symbolOf(ref.name());
      if (symbol.isPresent() && symbol.get() instanceof Symbol.StepSymbol step
          && !state.hasRun(step.step().name().text())) {
        unsafeReads.add(new UnsafeRead(ref, step.step(), at));
      }
    });
  }
}
