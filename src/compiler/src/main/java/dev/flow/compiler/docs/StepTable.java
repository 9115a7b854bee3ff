package dev.flow.compiler.docs;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.ExprPrinter;
import dev.flow.compiler.ast.Field;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.diagram.Questions;
import dev.flow.compiler.diagram.StepFacts;
import dev.flow.compiler.diagram.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The table of a workflow's steps for its documentation: every step a person or a system does,
 * every event waited for, workflow called or started, notification and wait, in source order, with
 * who does it, its time limit and what its doc comment says.
 */
final class StepTable {
  private final StepFacts facts;

  StepTable(StepFacts facts) {
    this.facts = facts;
  }

  /** The table, or empty when the workflow has no such step. */
  String of(Block body) {
    List<List<String>> rows = new ArrayList<>();
    collect(body, "", rows);
    if (rows.isEmpty()) {
      return "";
    }
    return Markdown.table(List.of("Step", "Who", "Time limit, where", "Description"), rows);
  }

  private void collect(Block block, String where, List<List<String>> rows) {
    for (Stmt s : block.statements()) {
      row(s, where).ifPresent(rows::add);
      if (s instanceof Stmt.ForEachArriving a) {
        arrivals(a, where, rows);
      }
      for (Nested n : nested(s, where)) {
        collect(n.block(), n.where(), rows);
      }
    }
  }

  /**
   * A condition as the diagrams word it, then as written for a developer: "budget used over 1.1
   * (`budgetUsed > 1.1`)".
   */
  private static String condition(dev.flow.compiler.ast.Expr e) {
    String words = Questions.condition(e);
    if (e instanceof dev.flow.compiler.ast.Expr.NameRef r && words.equals(Words.humanize(r.name().text())
        .toLowerCase(java.util.Locale.ROOT))) {
      return Markdown.text(words); // "if hot": the code would say it again
    }
    return Markdown.text(words) + " (" + Markdown.code(ExprPrinter.print(e)) + ")";
  }

  /** A pattern of a {@code match} arm in words, as on the diagram's edge: "on track", "under 700". */
  private static String pattern(Stmt.Pattern p) {
    if (p instanceof Stmt.ConstantPattern c) {
      return Markdown.text(Words.humanize(c.constant().text()).toLowerCase(java.util.Locale.ROOT));
    }
    if (p instanceof Stmt.RangePattern r) {
      return Markdown.text(Questions.range(r.operator(), r.bound()));
    }
    return Markdown.code(ExprPrinter.print(p));
  }

  /**
   * What a loop takes one at a time, in words, how, then as written: "active project, all at once
   * (`active` in `listActive`)".
   */
  private String item(Stmt.ForEach f, String how) {
    return Markdown.text(facts.item(f)) + how + " (" + Markdown.code(f.variable().text()) + " in "
        + Markdown.code(ExprPrinter.print(f.iterable())) + ")";
  }

  /** A block inside a statement and how to say where it is. */
  private record Nested(Block block, String where) {}

  private List<Nested> nested(Stmt s, String outer) {
    List<Nested> out = new ArrayList<>();
    String prefix = outer.isEmpty() ? "" : outer + "; ";
    if (s instanceof Stmt.If f) {
      f.arms().forEach(a -> out.add(new Nested(a.body(), prefix + "if " + condition(a.condition()))));
      f.otherwise().ifPresent(b -> out.add(new Nested(b, prefix + "otherwise")));
    } else if (s instanceof Stmt.Match m) {
      // "health is on track (`writeUpdate.health` is `OnTrack`)": the words of the diagram's edge, then the code.
      String subject = Markdown.text(Questions.condition(m.subject()));
      String code = Markdown.code(ExprPrinter.print(m.subject()));
      m.arms().forEach(a -> out.add(new Nested(a.body(), prefix + subject + " is "
          + String.join(" or ", a.patterns().stream().map(StepTable::pattern).toList()) + " (" + code + " is "
          + String.join(" or ", a.patterns().stream().map(p -> Markdown.code(ExprPrinter.print(p))).toList()) + ")")));
      m.otherwise().ifPresent(b -> out.add(new Nested(b, prefix + subject + " is anything else (" + code + ")")));
    } else if (s instanceof Stmt.Parallel p) {
      String kind = p.interleaved() ? "interleaved branch (one at a time) "
          : p.join().isPresent() ? "parallel branch (goes on after " + p.join().getAsInt() + ") " : "parallel branch ";
      p.arms().forEach(b -> out.add(new Nested(b.body(), prefix + kind + Markdown.text(b.name().text())
          + b.when().map(w -> " (only when " + condition(w) + ")").orElse(""))));
      p.afterEach().ifPresent(f -> out.add(new Nested(f.body(), prefix + "after each branch (once per branch, as it ends)")));
    } else if (s instanceof Stmt.First f) {
      String kind = f.byStart() ? "first-to-start branch " : f.count() == 1 ? "first-wins branch "
          : "first-" + f.count() + "-win branch ";
      f.branches().forEach(b -> out.add(new Nested(b.body(), prefix + kind + Markdown.text(b.name().text()))));
    } else if (s instanceof Stmt.ForEach f && f.unwaited()) {
      out.add(new Nested(f.body(), prefix + "start each " + item(f, ", all at once, not waited for")));
    } else if (s instanceof Stmt.ForEach f && f.threads()) {
      out.add(new Nested(f.body(), prefix + "each of " + Markdown.code(ExprPrinter.print(f.iterable()))
          + " threads (all at once" + (f.numbered() ? ", numbered " + Markdown.code(f.variable().text()) + " from 1" : "")
          + ")"));
    } else if (s instanceof Stmt.ForEach f) {
      out.add(new Nested(f.body(), prefix + "for each " + item(f,
          (f.parallel() ? ", all at once" + f.join().stream().mapToObj(n -> ", going on after " + n).findFirst().orElse("")
              + f.first().stream().mapToObj(n -> ", the first " + n + " to end win").findFirst().orElse("") : "")
          + (f.collected() ? f.yielded().map(y -> ", collecting " + Markdown.code(ExprPrinter.print(y.value()))
              + " in item order").orElse("") : ""))));
    } else if (s instanceof Stmt.ForEachArriving a) {
      out.add(new Nested(a.body(), prefix + "for each " + Markdown.code(a.variable().text() + ": " + a.item().event().text())
          + " as it arrives, until " + Markdown.code(a.closing(c -> c.name().text() + ": " + c.event().text()))
          + " (all at once" + a.join().stream().mapToObj(n -> ", going on after " + n).findFirst().orElse("") + ")"));
    } else if (s instanceof Stmt.Repeat r) {
      out.add(new Nested(r.body(), prefix + "repeated at most " + Markdown.code(ExprPrinter.print(r.maxTimes())) + " times"));
    } else if (s instanceof Stmt.While w) {
      out.add(new Nested(w.body(), prefix + "while " + condition(w.condition())));
    } else if (s instanceof Stmt.Exclusive x) {
      out.add(new Nested(x.body(), prefix + "exclusive " + Markdown.text(x.name().text()) + " (one at a time)"));
    } else if (s instanceof Stmt.Region r) {
      out.add(new Nested(r.body(), prefix + "region " + Markdown.text(r.name().text()) + " (withdrawn by "
          + Markdown.code("cancel region " + r.name().text()) + ")"));
    } else if (s instanceof Stmt.Try t) {
      out.add(new Nested(t.body(), prefix + "try"));
      for (Stmt.Catch c : t.catches()) {
        out.add(new Nested(c.body(), prefix + c.errorType().map(e -> "on " + Markdown.code(e.text()) + " (catch)")
            .orElse("on failure (catch)")));
      }
    }
    return out;
  }

  /**
   * The two receives of a {@code for each … until} (the item, each starting a round; the closing
   * event) and its time limits, where the loop is.
   */
  private static void arrivals(Stmt.ForEachArriving a, String where, List<List<String>> rows) {
    Stmt.Receive item = a.item();
    String quiet = a.quiet().map(q -> "No " + Markdown.code(item.event().text()) + " within "
        + Markdown.code(ExprPrinter.print(q)) + " of the last (or of the start) closes the set.").orElse("");
    rows.add(row(named(item.name().text()), "waits for each event", "event " + Markdown.code(item.event().text()),
        a.quiet().map(q -> Markdown.text("within " + ExprPrinter.print(q)) + " (quiet time)").orElse(""), where,
        join(join("Each one that arrives starts a round (all at once" + a.join().stream()
            .mapToObj(n -> ", going on after " + n).findFirst().orElse("") + ").",
            item.where().map(w -> "Where " + Markdown.code(ExprPrinter.print(w)) + ".").orElse("")), quiet)).orElseThrow());
    String limit = a.within().map(w -> Markdown.text("within " + ExprPrinter.print(w)) + " of the start").orElse("");
    String closes = "Closes the set: no more items are taken; the rounds that run go on to their end.";
    if (a.close().isPresent()) {
      Stmt.Receive close = a.close().get();
      rows.add(row(named(close.name().text()), "waits for event", "event " + Markdown.code(close.event().text()), limit,
          where, join(join(closes, close.where().map(w -> "Where " + Markdown.code(ExprPrinter.print(w)) + ".").orElse("")),
              a.within().map(w -> "When the time limit passes first, it closes the set.").orElse(""))).orElseThrow());
    } else if (a.within().isPresent()) {
      rows.add(row(Markdown.text("Until within " + ExprPrinter.print(a.within().get())), "time limit", "", limit, where,
          "When it passes, it closes the set: no more items are taken; the rounds that run go on to their end.")
          .orElseThrow());
    }
  }

  /** "Role: Travel → Team lead; else → Director. Assigned to `request.manager`, not by `approve.completedBy`." */
  private String people(Stmt.People people) {
    String decision = facts.decision(people);
    List<String> parts = new ArrayList<>();
    if (!decision.isEmpty()) {
      parts.add("Role: " + Markdown.text(decision) + ".");
    }
    List<String> who = new ArrayList<>();
    people.assignee().ifPresent(a -> who.add("assigned to " + Markdown.code(ExprPrinter.print(a))));
    if (!people.excluded().isEmpty()) {
      List<String> names = new ArrayList<>();
      people.excluded().forEach(e -> names.add(Markdown.code(ExprPrinter.print(e))));
      who.add("not by " + String.join(", ", names) + " (separation of duties)");
    }
    if (!who.isEmpty()) {
      String sentence = String.join(", ", who);
      parts.add(Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1) + ".");
    }
    return String.join(" ", parts);
  }

  private Optional<List<String>> row(Stmt s, String where) {
    String doc = s.doc().isEmpty() ? "" : Markdown.docCell(s.doc().text());
    String place = where;
    if (s instanceof Stmt.HumanStep h) {
      String form = h.form().isEmpty() ? "" : "Form: " + fields(h.form());
      return row(named(h.name().text()), "task", Markdown.text(facts.who(h)), Markdown.text(facts.timeLimit(h.limit())),
          place, join(join(doc, people(h.people())), form));
    }
    if (s instanceof Stmt.Approval a) {
      return row(named(a.name().text()), "approval", Markdown.text(facts.who(a)), Markdown.text(facts.timeLimit(a.limit())),
          place, join(doc, people(a.people())));
    }
    if (s instanceof Stmt.SystemStep st) {
      String undo = st.compensation().map(c -> "Undone by " + Markdown.code(StepFacts.action(c)) + ".").orElse("");
      return row(named(st.name().text()), "system call", Markdown.text(facts.who(st)) + ": "
          + Markdown.code(StepFacts.action(st.call())), Markdown.text(facts.limits(st)), place, join(doc, undo));
    }
    if (s instanceof Stmt.Receive r) {
      String condition = r.where().map(w -> "Where " + Markdown.code(ExprPrinter.print(w)) + ".").orElse("");
      String timeout = r.within().map(d -> "Fails with a timeout when it does not arrive in time.").orElse("");
      String onlyNew = r.onlyNew() ? "Only new: takes only an event published once it waits." : "";
      return row(named(r.name().text()), "waits for event", "event " + Markdown.code(r.event().text()),
          r.within().map(d -> Markdown.text("within " + ExprPrinter.print(d))).orElse(""), place,
          join(doc, join(join(onlyNew, condition), timeout)));
    }
    if (s instanceof Stmt.Call c) {
      return row(named(c.name().text()), "calls workflow", "workflow " + Markdown.code(c.workflow().text()), "", place,
          join(doc, "Waits until it ends; fails when it fails."));
    }
    if (s instanceof Stmt.Start st) {
      return row(Markdown.text("Start " + st.workflow().text()), "starts workflow",
          "workflow " + Markdown.code(st.workflow().text()), "", place, join(doc, "Runs on its own."));
    }
    if (s instanceof Stmt.ContinueAsNew n) {
      String with = String.join(", ", n.arguments().stream()
          .map(a -> a.name().text() + ": " + ExprPrinter.print(a.value())).toList());
      return row(Markdown.text("Continue as new"), "continues as new", "", "", place,
          join(doc, "Ends this instance (completed) and starts the workflow over as a new instance"
              + (with.isEmpty() ? "." : " with " + Markdown.code(with) + ".")));
    }
    if (s instanceof Stmt.Notify n) {
      // To an address: whom in words, then the address as written ("Notify the client (`active.clientEmail`)").
      String whom = facts.recipient(n);
      String to = facts.role(n).isPresent() ? Markdown.text("Notify " + facts.notifyTarget(n))
          : n.target() instanceof dev.flow.compiler.ast.Expr.NameRef r && whom.equals("the " + Words.humanize(r.name().text())
              .toLowerCase(java.util.Locale.ROOT)) ? Markdown.text("Notify " + whom) // "the consultant" says it all
          : Markdown.text("Notify " + whom) + " (" + Markdown.code(facts.notifyTarget(n)) + ")";
      String via = n.via().map(v -> "via " + facts.who(n)).orElse("");
      return row(to, "notification", Markdown.text(via), "", place,
          join(doc, "Message: " + Markdown.code(ExprPrinter.message(n.message()))));
    }
    if (s instanceof Stmt.Emit e) {
      return row(Markdown.text("Emit " + e.eventName()), "publishes event", "event " + Markdown.code(e.eventName()), "",
          place, join(doc, "Publishes " + Markdown.code(ExprPrinter.print(e.event()))
              + ": it starts and wakes the workflows waiting for it."));
    }
    if (s instanceof Stmt.Wait w) {
      return row(Markdown.text("Wait " + ExprPrinter.print(w.duration())), "wait", "", "", place, doc);
    }
    if (s instanceof Stmt.WaitUntil w) {
      return row(Markdown.text("Wait until " + ExprPrinter.print(w.time())), "wait", "", "", place, doc);
    }
    if (s instanceof Stmt.WaitFor w) {
      return row(Markdown.text("Wait for " + w.signal().text()), "waits for a signal", "", "", place,
          join(doc, "Goes on once " + Markdown.code("signal " + w.signal().text()) + " has run (before or later)."));
    }
    if (s instanceof Stmt.CancelRegion g) {
      return row(Markdown.text("Cancel region " + g.region().text()), "cancels a region", "", "", place,
          join(doc, "Withdraws every running " + Markdown.code("region " + g.region().text())
              + " block and skips those reached later."));
    }
    if (s instanceof Stmt.Signal g) {
      return row(Markdown.text("Signal " + g.signal().text()), "signal", "", "", place,
          join(doc, "Lets one " + Markdown.code("wait for " + g.signal().text()) + " go on."));
    }
    return Optional.empty();
  }

  /**
   * A row of four columns, so that the description gets room and wraps on a narrow page (with six,
   * GitHub scrolled the table and cut the description off): the step with its kind, who, the time
   * limit with where the step is, and the description.
   */
  private static Optional<List<String>> row(String step, String kind, String who, String limit, String where,
      String description) {
    String when = limit.isEmpty() ? where : where.isEmpty() ? limit : limit + "; " + where;
    return Optional.of(List.of(step + ", " + kind, who, when, description));
  }

  /** "Assign checklist (`assignChecklist`)". */
  private static String named(String name) {
    return Markdown.text(Words.humanize(name)) + " (" + Markdown.code(name) + ")";
  }

  private static String fields(List<Field> form) {
    List<String> out = new ArrayList<>();
    for (Field f : form) {
      out.add(Markdown.code(f.name().text() + ": " + f.type()));
    }
    return String.join(", ", out) + ".";
  }

  private static String join(String a, String b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return a + " " + b;
  }
}
