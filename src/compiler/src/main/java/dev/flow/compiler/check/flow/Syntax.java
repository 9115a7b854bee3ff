package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Argument;
import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Small walks over statements and expressions that several flow checks share. */
final class Syntax {
  private Syntax() {}

  /** Every statement of a block, nested ones included, in source order (each before its children). */
  static List<Stmt> statements(Block block) {
    List<Stmt> out = new ArrayList<>();
    collect(block, out);
    return out;
  }

  private static void collect(Block block, List<Stmt> out) {
    List<Stmt> statements = block.statements();
    for (int i = 0; i < statements.size(); i++) { // by index: no iterators per block
      Stmt s = statements.get(i);
      out.add(s);
      List<Block> blocks = blocks(s);
      for (int j = 0; j < blocks.size(); j++) {
        collect(blocks.get(j), out);
      }
    }
  }

  /** Calls {@code action} for every statement of a block, nested ones included, in the order of {@link #statements}. */
  static void forEachStatement(Block block, Consumer<Stmt> action) {
    List<Stmt> statements = block.statements();
    for (int i = 0; i < statements.size(); i++) { // no list of them all: two checks only look at each once
      Stmt s = statements.get(i);
      action.accept(s);
      List<Block> blocks = blocks(s);
      for (int j = 0; j < blocks.size(); j++) {
        forEachStatement(blocks.get(j), action);
      }
    }
  }

  /** The blocks directly inside a statement, in source order. */
  static List<Block> blocks(Stmt s) {
    return dev.flow.compiler.ast.Statements.blocks(s);
  }

  /**
   * The expressions a statement evaluates itself (not those of its nested blocks), in source
   * order. A system step's compensation arguments are included.
   */
  static List<Expr> expressions(Stmt s) {
    List<Expr> out = new ArrayList<>();
    if (s instanceof Stmt.SystemStep st) {
      arguments(st.call().arguments(), out);
      st.compensations().forEach(c -> arguments(c.arguments(), out));
    } else if (s instanceof Stmt.Notify n) {
      out.add(n.target());
      out.add(n.message());
    } else if (s instanceof Stmt.Emit e) {
      out.add(e.event());
    } else if (s instanceof Stmt.Wait w) {
      out.add(w.duration());
    } else if (s instanceof Stmt.WaitUntil w) {
      out.add(w.time());
    } else if (s instanceof Stmt.Receive r) {
      r.within().ifPresent(out::add);
      r.where().ifPresent(out::add);
    } else if (s instanceof Stmt.HumanStep h) {
      people(h.people(), out);
      h.limit().within().ifPresent(out::add);
    } else if (s instanceof Stmt.Approval a) {
      people(a.people(), out);
      a.limit().within().ifPresent(out::add);
    } else if (s instanceof Stmt.Call c) {
      arguments(c.arguments(), out);
    } else if (s instanceof Stmt.Start st) {
      arguments(st.arguments(), out);
    } else if (s instanceof Stmt.Let l) {
      out.add(l.value());
    } else if (s instanceof Stmt.Set st) {
      out.add(st.value());
    } else if (s instanceof Stmt.If i) {
      i.arms().forEach(a -> out.add(a.condition()));
    } else if (s instanceof Stmt.Match m) {
      out.add(m.subject());
    } else if (s instanceof Stmt.Parallel p) {
      p.branches().forEach(b -> b.when().ifPresent(out::add));
    } else if (s instanceof Stmt.First f) {
      f.branches().forEach(b -> b.when().ifPresent(out::add));
    } else if (s instanceof Stmt.ForEach f) {
      out.add(f.iterable());
    } else if (s instanceof Stmt.Repeat r) {
      out.add(r.maxTimes());
      r.until().ifPresent(out::add);
    } else if (s instanceof Stmt.While w) {
      out.add(w.condition());
    } else if (s instanceof Stmt.Fail f) {
      out.add(f.message());
    } else if (s instanceof Stmt.Cancel c) {
      out.add(c.reason());
    } else if (s instanceof Stmt.ContinueAsNew n) {
      arguments(n.arguments(), out);
    }
    return out;
  }

  static void arguments(List<Argument> arguments, List<Expr> out) {
    arguments.forEach(a -> out.add(a.value()));
  }

  /** Calls {@code action} for every bare name in an expression, in source order. */
  static void nameRefs(Expr e, Consumer<Expr.NameRef> action) {
    if (e instanceof Expr.NameRef n) {
      action.accept(n);
    } else if (e instanceof Expr.FieldAccess f) {
      nameRefs(f.target(), action);
    } else if (e instanceof Expr.FunctionCall c) {
      c.arguments().forEach(a -> nameRefs(a, action));
    } else if (e instanceof Expr.Construct k) {
      k.arguments().forEach(a -> nameRefs(a.value(), action));
    } else if (e instanceof Expr.ListLit l) {
      l.elements().forEach(a -> nameRefs(a, action));
    } else if (e instanceof Expr.Unary u) {
      nameRefs(u.operand(), action);
    } else if (e instanceof Expr.Binary b) {
      nameRefs(b.left(), action);
      nameRefs(b.right(), action);
    } else if (e instanceof Expr.StringLit s) {
      for (Expr.StringPart p : s.parts()) {
        if (p instanceof Expr.Interpolation i) {
          nameRefs(i.expr(), action);
        }
      }
    }
  }

  /** Calls {@code action} for every built-in function call in an expression. */
  static void functionCalls(Expr e, Consumer<Expr.FunctionCall> action) {
    if (e instanceof Expr.FunctionCall c) {
      action.accept(c);
      c.arguments().forEach(a -> functionCalls(a, action));
    } else if (e instanceof Expr.FieldAccess f) {
      functionCalls(f.target(), action);
    } else if (e instanceof Expr.Construct k) {
      k.arguments().forEach(a -> functionCalls(a.value(), action));
    } else if (e instanceof Expr.ListLit l) {
      l.elements().forEach(a -> functionCalls(a, action));
    } else if (e instanceof Expr.Unary u) {
      functionCalls(u.operand(), action);
    } else if (e instanceof Expr.Binary b) {
      functionCalls(b.left(), action);
      functionCalls(b.right(), action);
    } else if (e instanceof Expr.StringLit s) {
      for (Expr.StringPart p : s.parts()) {
        if (p instanceof Expr.Interpolation i) {
          functionCalls(i.expr(), action);
        }
      }
    }
  }

  /** A step for a person's role decision subject, {@code assign to} and {@code not by} expressions. */
  static void people(Stmt.People people, List<Expr> out) {
    people.decision().ifPresent(d -> out.add(d.subject()));
    people.assignee().ifPresent(out::add);
    out.addAll(people.excluded());
  }

  /**
   * The span of the keyword that starts a clause or statement: {@code span} cut to the word when
   * its text starts with it, else {@code span} itself.
   */
  static SourceSpan keyword(SourceSpan span, String word) {
    if (span.isNone() || !span.text().startsWith(word)) {
      return span;
    }
    return new SourceSpan(span.file(), span.start(), span.start() + word.length());
  }

  /** What users call a statement, for messages: "`if`", "`for each`", … */
  static String describe(Stmt s) {
    if (s instanceof Stmt.HumanStep || s instanceof Stmt.SystemStep) {
      return "`step`";
    } else if (s instanceof Stmt.Approval) {
      return "`approval`";
    } else if (s instanceof Stmt.Receive) {
      return "`receive`";
    } else if (s instanceof Stmt.Call) {
      return "`call`";
    } else if (s instanceof Stmt.If) {
      return "`if`";
    } else if (s instanceof Stmt.Match) {
      return "`match`";
    } else if (s instanceof Stmt.Parallel p) {
      return p.interleaved() ? "`interleaved`" : p.join().isPresent() ? "`parallel join`" : "`parallel`";
    } else if (s instanceof Stmt.First) {
      return "`first`";
    } else if (s instanceof Stmt.Signal) {
      return "`signal`";
    } else if (s instanceof Stmt.Exclusive) {
      return "`exclusive`";
    } else if (s instanceof Stmt.Region) {
      return "`region`";
    } else if (s instanceof Stmt.CancelRegion) {
      return "`cancel region`";
    } else if (s instanceof Stmt.WaitFor) {
      return "`wait for`";
    } else if (s instanceof Stmt.ForEach f) {
      return f.parallel() ? "`for each … in parallel`" : "`for each`";
    } else if (s instanceof Stmt.ForEachArriving) {
      return "`for each … until`";
    } else if (s instanceof Stmt.Repeat) {
      return "`repeat`";
    } else if (s instanceof Stmt.While) {
      return "`while`";
    } else if (s instanceof Stmt.Try) {
      return "`try`";
    } else if (s instanceof Stmt.GoTo) {
      return "`go to`";
    } else if (s instanceof Stmt.Fail) {
      return "`fail`";
    } else if (s instanceof Stmt.Complete) {
      return "`complete`";
    } else if (s instanceof Stmt.Cancel) {
      return "`cancel`";
    } else if (s instanceof Stmt.ContinueAsNew) {
      return "`continue as new`";
    } else if (s instanceof Stmt.Notify) {
      return "`notify`";
    } else if (s instanceof Stmt.Emit) {
      return "`emit`";
    } else if (s instanceof Stmt.Wait || s instanceof Stmt.WaitUntil) {
      return "`wait`";
    } else if (s instanceof Stmt.Start) {
      return "`start`";
    } else if (s instanceof Stmt.Let) {
      return "`let`";
    } else {
      return "`set`";
    }
  }
}
