package dev.flow.compiler.diagram;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.ExprPrinter;
import dev.flow.compiler.ast.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words on the nodes of a workflow flowchart: a step's title (its doc comment's first
 * sentence, or its name in words), then who does it, then its time limit, so that a reader who
 * never saw the model can tell who does what and how long it may take. Conditions are short
 * questions in words. What only a developer needs (the action called, timeouts and retries,
 * conditions as expressions, message templates, {@code where} filters) is shown only with
 * {@code detail}.
 */
final class WorkflowLabels {
  /** How much of a message a notification shows. */
  static final int MESSAGE_LENGTH = 90;

  private final ModelIndex index;
  private final StepFacts facts;
  private final boolean detail;
  /** The chart has lanes: who does a step, or which system, is the lane's title and not repeated on the step. */
  private final boolean lanes;

  WorkflowLabels(ModelIndex index, StepFacts facts, boolean detail) {
    this(index, facts, detail, false);
  }

  WorkflowLabels(ModelIndex index, StepFacts facts, boolean detail, boolean lanes) {
    this.index = index;
    this.facts = facts;
    this.detail = detail;
    this.lanes = lanes;
  }

  private Label detail(Label label, String line) {
    return detail ? optional(label, line) : label;
  }

  /** The workflow's name, its triggers, owner (without lanes) and deadline, and the errors it declares ({@code fails}). */
  Label start(Decl.WorkflowDecl w) {
    Label label = Label.titled(Words.humanize(w.name().text()));
    List<Clause.Trigger> triggers = w.triggers();
    if (triggers.isEmpty()) {
      List<String> by = new ArrayList<>();
      index.callersOf(w).forEach(c -> by.add("called by " + Words.humanize(c.name().text())));
      index.startersOf(w).forEach(c -> by.add("started by " + Words.humanize(c.name().text())));
      label = label.line(by.isEmpty() ? "no trigger: runs when another workflow calls or starts it" : String.join(", ", by));
    }
    label = optional(label, StepFacts.triggers(triggers, !detail));
    // With lanes the start is in the owner's lane, which says who owns it.
    label = optional(label, lanes || facts.owner(w).isEmpty() ? "" : "owner: " + facts.owner(w));
    label = optional(label, facts.deadline(w));
    return optional(label, w.fails().isEmpty() ? ""
        : "may fail with " + String.join(", ", w.fails().stream().map(n -> n.text()).toList()));
  }

  Label human(Stmt.HumanStep h) {
    Label label = Label.titled(Titles.of(h.name().text(), h.doc()));
    label = lanes ? label : label.line("by " + roles(h.role(), h.people()));
    return optional(optional(label, assignment(h.people())), facts.timeLimit(h.limit()));
  }

  Label approval(Stmt.Approval a) {
    Label label = Label.titled(Titles.of(a.name().text(), a.doc()))
        .line(lanes ? "approval" : "approval by " + roles(a.role(), a.people()));
    return optional(optional(label, assignment(a.people())), facts.timeLimit(a.limit()));
  }

  /** The roles of a step for a person; a role decision's subject in words unless with detail. */
  private String roles(dev.flow.compiler.ast.Name first, Stmt.People people) {
    return facts.roles(first, people, detail ? ExprPrinter::print : Questions::phrase);
  }

  /** "assigned to request manager, not by whoever did approve"; as written with detail. */
  private String assignment(Stmt.People people) {
    if (detail) {
      return StepFacts.assignment(people);
    }
    List<String> parts = new ArrayList<>();
    people.assignee().ifPresent(a -> parts.add("assigned to " + Questions.subject(a)));
    if (!people.excluded().isEmpty()) {
      parts.add("not by " + Words.either(people.excluded().stream().map(Questions::subject).toList()));
    }
    return String.join(", ", parts);
  }

  /** A count or a duration as written when it is a literal, else in words. */
  String amount(Expr e) {
    return detail || e instanceof Expr.IntLit || e instanceof Expr.DurationLit ? ExprPrinter.print(e) : Questions.phrase(e);
  }

  /** A message (a failure's, a cancellation's) in words, interpolations as what they name; as written with detail. */
  String message(Expr e) {
    return detail ? ExprPrinter.message(e) : Questions.message(e);
  }

  /** An action undone, "delete folder in Drive"; {@code Drive.deleteFolder} with detail. */
  private String undoAction(Stmt.ActionCall call) {
    return detail ? StepFacts.action(call)
        : Words.humanize(call.action().text()).toLowerCase(Locale.ROOT) + " in " + index.title(call.system());
  }

  Label system(Stmt.SystemStep s) {
    Label label = Label.titled(Titles.of(s.name().text(), s.doc()));
    label = detail ? label.line(StepFacts.action(s.call())) : lanes ? label : label.line(index.title(s.call().system()));
    label = detail(label, facts.limits(s));
    return detail(label, s.compensation().map(c -> "undo: " + StepFacts.action(c)).orElse(""));
  }

  Label notify(Stmt.Notify n) {
    return detail(Label.titled("Notify " + notifyTarget(n)),
        "\"" + Label.shorten(ExprPrinter.message(n.message()), MESSAGE_LENGTH) + "\"");
  }

  /** Who a notification goes to, and through which system (without lanes): {@code intake.email via Gmail}. */
  String notifyTarget(Stmt.Notify n) {
    String target = facts.notifyTarget(n);
    if (!detail && facts.role(n).isEmpty()) {
      target = facts.recipient(n); // an address, not a role: "the applicant"
    }
    // With lanes the notification is in the lane of the system it goes through, which names it.
    return target + (lanes ? "" : n.via().map(v -> " via " + index.title(v)).orElse(""));
  }

  /** {@code emit OrderShipped(…)}: "Emit order shipped", with what it is built of in detail. */
  Label emit(Stmt.Emit e) {
    return detail(Label.titled("Emit " + Words.humanize(e.eventName()).toLowerCase(Locale.ROOT)),
        ExprPrinter.print(e.event()));
  }

  Label waiting(Stmt s) {
    if (s instanceof Stmt.Wait w) {
      return Label.titled("Wait " + amount(w.duration()));
    }
    return Label.titled("Wait until " + amount(((Stmt.WaitUntil) s).time()));
  }

  Label receive(Stmt.Receive r) {
    Label label = Label.titled(Titles.of(r.name().text(), r.doc()))
        .line("waits for " + Words.humanize(r.event().text()).toLowerCase(Locale.ROOT) + (r.onlyNew() ? " (only new)" : ""));
    label = detail(label, r.where().map(w -> "where " + ExprPrinter.print(w)).orElse(""));
    return optional(label, r.within().map(d -> "within " + amount(d)).orElse(""));
  }

  Label call(Stmt.Call c) {
    return Label.titled(Titles.of(c.name().text(), c.doc())).line("runs " + Words.humanize(c.workflow().text())
        + ", waits until it ends");
  }

  Label start(Stmt.Start s) {
    return Label.titled("Start " + Words.humanize(s.workflow().text())).line("runs on its own");
  }

  Label continueAsNew(Stmt.ContinueAsNew n) {
    Label label = Label.titled("Continue as new");
    if (!detail) {
      List<String> names = n.arguments().stream().map(a -> Words.humanize(a.name().text()).toLowerCase(Locale.ROOT)).toList();
      return names.isEmpty() ? label : label.line("with new " + Words.either(names).replace(" or ", " and "));
    }
    for (dev.flow.compiler.ast.Argument a : n.arguments()) {
      label = label.line(a.name().text() + ": " + ExprPrinter.print(a.value()));
    }
    return label;
  }

  /** A run of {@code let} and {@code set} statements, one line each, as written. */
  Label data(List<Stmt> run) {
    Label label = null;
    for (Stmt s : run) {
      String line;
      if (s instanceof Stmt.Let let) {
        line = "let " + let.name().text() + let.type().map(t -> ": " + t).orElse("") + " = " + ExprPrinter.print(let.value());
      } else {
        Stmt.Set set = (Stmt.Set) s;
        line = "set " + set.target().text() + " = " + ExprPrinter.print(set.value());
      }
      label = label == null ? Label.plain(line) : label.line(line);
    }
    return label;
  }

  /** A condition as a question in words ("Needs NDA?"); with detail, the expression below it. */
  Label question(Expr condition) {
    return detail(Label.narrow(Questions.of(condition)), ExprPrinter.print(condition));
  }

  /** A match subject as a question in words ("Which source?"); with detail, the expression below it. */
  Label which(Expr subject) {
    return detail(Label.narrow(Questions.which(subject)), ExprPrinter.print(subject));
  }

  Label until(Expr condition) {
    return until(condition, java.util.Set.of());
  }

  /** "Until warm 3 times?": {@code counters} are the workflow's counters ({@link Questions#phrase(Expr, java.util.Set)}). */
  Label until(Expr condition, java.util.Set<String> counters) {
    return detail(Label.narrow("Until " + Questions.phrase(condition, counters) + "?"),
        "until " + ExprPrinter.print(condition));
  }

  Label whileTest(Stmt.While w) {
    return detail(Label.narrow("While " + Questions.phrase(w.condition()) + "?"),
        "while " + ExprPrinter.print(w.condition()));
  }

  Label forEach(Stmt.ForEach f) {
    if (f.threads()) {
      String count = amount(f.iterable());
      return detail(Label.titled(count + " threads at once"), "parallel " + count + " times"
          + (f.numbered() ? " as " + f.variable().text() : ""));
    }
    if (f.unwaited()) {
      Label started = Label.titled("Start each " + each(f));
      return detail(started, "start each " + f.variable().text() + " in " + ExprPrinter.print(f.iterable()))
          .line("all at once, not waited for");
    }
    Label label = Label.titled("For each " + each(f));
    label = detail(label, "for each " + f.variable().text() + " in " + ExprPrinter.print(f.iterable()));
    label = label.line(f.parallel() ? "all at once" : "one after another");
    return f.yielded().isPresent() && f.collected()
        ? label.line("collects " + (detail ? ExprPrinter.print(f.yielded().get().value())
        : Questions.phrase(f.yielded().get().value())) + ", in item order") : label;
  }

  /**
   * What a loop takes, in words: "candidate in shortlist"; only "consultant" when the list is said as the items' plural
   * ("For each consultant in consultants", "For each stale deal in find stale deals" say it twice).
   */
  private String each(Stmt.ForEach f) {
    String item = facts.item(f);
    String list = Questions.phrase(f.iterable());
    String lower = list.toLowerCase(Locale.ROOT);
    for (String plural : plurals(item.toLowerCase(Locale.ROOT))) {
      if (lower.equals(plural) || lower.endsWith(" " + plural)) {
        return item;
      }
    }
    return item + " in " + list;
  }

  /** The ways an English noun's plural is spelt: consultants, boxes, parties. */
  private static List<String> plurals(String noun) {
    List<String> out = new ArrayList<>(List.of(noun + "s", noun + "es"));
    if (noun.endsWith("y")) {
      out.add(noun.substring(0, noun.length() - 1) + "ies");
    }
    return out;
  }

  Label forEachArriving(Stmt.ForEachArriving a) {
    Label label = Label.titled("For each " + Words.humanize(a.variable().text()).toLowerCase(Locale.ROOT)
        + " as it arrives, until " + a.closing(c -> Words.humanize(c.name().text()).toLowerCase(Locale.ROOT)));
    label = detail(label, "for each " + a.variable().text() + ": " + a.item().event().text() + " until "
        + a.closing(c -> c.name().text() + ": " + c.event().text()));
    return label.line("all at once");
  }

  Label repeat(Stmt.Repeat r) {
    return Label.titled("Repeat at most " + amount(r.maxTimes()) + " times");
  }

  /** The compensations a caught failure runs: newest first. */
  Label undo(List<Stmt.SystemStep> steps) {
    Label label = Label.titled("Undo completed steps, newest first");
    for (int i = steps.size() - 1; i >= 0; i--) {
      Stmt.SystemStep s = steps.get(i);
      label = label.line(undoAction(s.compensation().orElseThrow()) + " (" + Words.humanize(s.name().text()) + ")");
    }
    return label;
  }

  /** An end node: "Failed" or "Cancelled", the message, and what is undone on the way out. */
  Label end(String title, String message, List<Stmt.SystemStep> undoable) {
    Label label = message.isEmpty() ? Label.titled(title) : Label.titled(title).line(message);
    if (!undoable.isEmpty()) {
      StringBuilder undo = new StringBuilder("then undo: ");
      for (int i = undoable.size() - 1; i >= 0; i--) {
        undo.append(undoAction(undoable.get(i).compensation().orElseThrow()));
        if (i > 0) {
          undo.append(", ");
        }
      }
      label = label.line(undo.toString());
    }
    return label;
  }

  private static Label optional(Label label, String line) {
    return line.isEmpty() ? label : label.line(line);
  }
}
