package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Stmt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nesting of one workflow's body: which block holds each statement, which statement or
 * branch owns each block, and the workflow's named steps and branches by name. Maps are keyed
 * by identity, since two AST records only compare equal when they are the same node anyway.
 */
final class WorkflowTree {
  /** What a block is to the statement that owns it. */
  enum BlockKind {
    WORKFLOW_BODY,
    IF_ARM,
    ELSE,
    MATCH_ARM,
    PARALLEL_BRANCH,
    FIRST_BRANCH,
    FOR_EACH_BODY,
    PARALLEL_FOR_EACH_BODY,
    WHILE_BODY,
    REPEAT_BODY,
    TRY_BODY,
    CATCH,
    EXCLUSIVE_BODY,
    REGION_BODY;

    /** Whether code in such a block runs at the same time as its siblings (E303, E307). */
    boolean isConcurrent() {
      return this == PARALLEL_BRANCH || this == PARALLEL_FOR_EACH_BODY;
    }

    /** Whether a {@code go to} may not leave such a block (E303). */
    boolean isBranchLike() {
      return this == PARALLEL_BRANCH || this == FIRST_BRANCH || this == PARALLEL_FOR_EACH_BODY || this == EXCLUSIVE_BODY
          || this == REGION_BODY;
    }

    /** How users call the block, for messages. */
    String describe() {
      return switch (this) {
        case WORKFLOW_BODY -> "the workflow's body";
        case IF_ARM -> "an `if` arm";
        case ELSE -> "an `else` block";
        case MATCH_ARM -> "a `match` arm";
        case PARALLEL_BRANCH -> "a `parallel` branch";
        case FIRST_BRANCH -> "a `first` branch";
        case FOR_EACH_BODY -> "a `for each` body";
        case PARALLEL_FOR_EACH_BODY -> "a `for each … in parallel` body";
        case WHILE_BODY -> "a `while` body";
        case REPEAT_BODY -> "a `repeat` body";
        case TRY_BODY -> "a `try` block";
        case CATCH -> "a `catch` block";
        case EXCLUSIVE_BODY -> "an `exclusive` block";
        case REGION_BODY -> "a `region` block";
      };
    }
  }

  /**
   * A block and what owns it.
   *
   * @param owner the statement whose block it is; empty for the workflow's body
   * @param branch the branch, for a branch of a {@code parallel} or {@code first}
   */
  record BlockInfo(Block block, BlockKind kind, Optional<Stmt> owner, Optional<Stmt.Branch> branch) {
    /** How users call the block, for messages: the body of {@code parallel N times} by that name. */
    String describe() {
      if (owner.isPresent() && owner.get() instanceof Stmt.ForEach f) {
        if (f.afterEachBranch()) {
          return "an `after each branch` block";
        }
        if (f.unwaited()) {
          return "a `start each` body";
        }
      }
      return owner.isPresent() && owner.get() instanceof Stmt.ForEach f && f.threads()
          ? "a `parallel … times` body" : kind.describe();
    }
  }

  private final Decl.WorkflowDecl workflow;
  private final List<Stmt> statements = new ArrayList<>();
  private final Map<Stmt, Block> blockOf = new IdentityHashMap<>();
  private final Map<Block, BlockInfo> infos = new IdentityHashMap<>();
  private final Map<String, Stmt.Named> steps = new LinkedHashMap<>();
  private final Map<String, Stmt.Branch> branches = new LinkedHashMap<>();

  private WorkflowTree(Decl.WorkflowDecl workflow) {
    this.workflow = workflow;
    visit(new BlockInfo(workflow.body(), BlockKind.WORKFLOW_BODY, Optional.empty(), Optional.empty()));
  }

  static WorkflowTree of(Decl.WorkflowDecl workflow) {
    return new WorkflowTree(workflow);
  }

  private void visit(BlockInfo info) {
    infos.put(info.block(), info);
    List<Stmt> stmts = info.block().statements();
    for (int i = 0; i < stmts.size(); i++) { // by index: no iterator per block
      Stmt s = stmts.get(i);
      statements.add(s);
      blockOf.put(s, info.block());
      if (s instanceof Stmt.Named n) {
        steps.putIfAbsent(n.name().text(), n);
      }
      List<BlockInfo> children = children(s);
      for (BlockInfo child : children) {
        child.branch().ifPresent(b -> branches.putIfAbsent(b.name().text(), b));
      }
      children.forEach(this::visit);
    }
  }

  private static List<BlockInfo> children(Stmt s) {
    if (dev.flow.compiler.ast.Statements.blocks(s).isEmpty()) {
      return List.of(); // a simple statement (most of them): no list, no owner
    }
    List<BlockInfo> out = new ArrayList<>();
    Optional<Stmt> owner = Optional.of(s);
    if (s instanceof Stmt.If i) {
      i.arms().forEach(a -> out.add(new BlockInfo(a.body(), BlockKind.IF_ARM, owner, Optional.empty())));
      i.otherwise().ifPresent(b -> out.add(new BlockInfo(b, BlockKind.ELSE, owner, Optional.empty())));
    } else if (s instanceof Stmt.Match m) {
      m.arms().forEach(a -> out.add(new BlockInfo(a.body(), BlockKind.MATCH_ARM, owner, Optional.empty())));
      m.otherwise().ifPresent(b -> out.add(new BlockInfo(b, BlockKind.MATCH_ARM, owner, Optional.empty())));
    } else if (s instanceof Stmt.Parallel p) {
      p.branches().forEach(b -> out.add(new BlockInfo(b.body(), BlockKind.PARALLEL_BRANCH, owner, Optional.of(b))));
    } else if (s instanceof Stmt.First f) {
      f.branches().forEach(b -> out.add(new BlockInfo(b.body(), BlockKind.FIRST_BRANCH, owner, Optional.of(b))));
    } else if (s instanceof Stmt.ForEach f) {
      BlockKind kind = f.parallel() ? BlockKind.PARALLEL_FOR_EACH_BODY : BlockKind.FOR_EACH_BODY;
      out.add(new BlockInfo(f.body(), kind, owner, Optional.empty()));
    } else if (s instanceof Stmt.ForEachArriving a) {
      // the arrivals repeat, one at a time; the rounds run at the same time
      out.add(new BlockInfo(a.arrivals(), BlockKind.REPEAT_BODY, owner, Optional.empty()));
      out.add(new BlockInfo(a.body(), BlockKind.PARALLEL_FOR_EACH_BODY, owner, Optional.empty()));
    } else if (s instanceof Stmt.Repeat r) {
      out.add(new BlockInfo(r.body(), BlockKind.REPEAT_BODY, owner, Optional.empty()));
    } else if (s instanceof Stmt.While w) {
      out.add(new BlockInfo(w.body(), BlockKind.WHILE_BODY, owner, Optional.empty()));
    } else if (s instanceof Stmt.Exclusive x) {
      out.add(new BlockInfo(x.body(), BlockKind.EXCLUSIVE_BODY, owner, Optional.empty()));
    } else if (s instanceof Stmt.Region r) {
      out.add(new BlockInfo(r.body(), BlockKind.REGION_BODY, owner, Optional.empty()));
    } else if (s instanceof Stmt.Try t) {
      out.add(new BlockInfo(t.body(), BlockKind.TRY_BODY, owner, Optional.empty()));
      t.handlers().forEach(h -> out.add(new BlockInfo(h, BlockKind.CATCH, owner, Optional.empty())));
    }
    return out;
  }

  Decl.WorkflowDecl workflow() {
    return workflow;
  }

  /** How many blocks the workflow has, its body included. */
  int blockCount() {
    return infos.size();
  }

  /** Every statement, nested ones included, in source order. */
  List<Stmt> statements() {
    return Collections.unmodifiableList(statements);
  }

  /** The workflow's named steps ({@code step}, {@code approval}, {@code receive}, {@code call}) by name. */
  Map<String, Stmt.Named> steps() {
    return Collections.unmodifiableMap(steps);
  }

  /** The branches of every {@code parallel} and {@code first}, by name. */
  Map<String, Stmt.Branch> branches() {
    return Collections.unmodifiableMap(branches);
  }

  /** The block that directly holds a statement of this workflow. */
  Block blockOf(Stmt s) {
    return blockOf.get(s);
  }

  BlockInfo info(Block b) {
    return infos.get(b);
  }

  /** The statement whose block holds {@code s}; empty at the top of the body. */
  Optional<Stmt> parent(Stmt s) {
    return info(blockOf(s)).owner();
  }

  /** The blocks around a statement, innermost (its own) first, the workflow's body last. */
  List<BlockInfo> enclosingBlocks(Stmt s) {
    List<BlockInfo> out = new ArrayList<>();
    BlockInfo info = info(blockOf(s));
    while (true) {
      out.add(info);
      if (info.owner().isEmpty()) {
        return out;
      }
      info = info(blockOf(info.owner().get()));
    }
  }

  /** Whether {@code inner} is {@code outer} or nested in it. */
  boolean contains(Stmt outer, Stmt inner) {
    Optional<Stmt> s = Optional.of(inner);
    while (s.isPresent()) {
      if (s.get() == outer) {
        return true;
      }
      s = parent(s.get());
    }
    return false;
  }

  /** Whether a statement is in a block or in a block nested in it. */
  boolean isInside(Stmt s, Block block) {
    for (BlockInfo b : enclosingBlocks(s)) {
      if (b.block() == block) {
        return true;
      }
    }
    return false;
  }
}
