package dev.flow.compiler.diagram;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.ExprPrinter;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.resolve.Symbol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The facts about steps and workflows that diagrams and the generated documentation both show, in
 * the same words: who does a step, its time limit, retries and timeouts (the step's own or its
 * system's defaults), triggers and deadlines.
 */
public final class StepFacts {
  private final ModelIndex index;

  public StepFacts(ModelIndex index) {
    this.index = index;
  }

  /** "within 1d, escalates to Head of operations", or empty without a time limit. */
  public String timeLimit(Stmt.TimeLimit limit) {
    if (limit.within().isEmpty()) {
      return "";
    }
    return "within " + ExprPrinter.print(limit.within().get())
        + limit.escalateTo().map(r -> ", escalates to " + index.title(r)).orElse("");
  }

  /** The step's timeout, else its system's default. */
  public Optional<Expr.DurationLit> timeout(Stmt.SystemStep step) {
    return step.timeout().or(() -> system(step.call()).flatMap(Decl.SystemDecl::timeout));
  }

  /** The step's retry policy, else its system's default. */
  public Optional<Decl.RetryPolicy> retry(Stmt.SystemStep step) {
    return step.retry().or(() -> system(step.call()).flatMap(Decl.SystemDecl::retry));
  }

  /** "timeout 30s, up to 3 retries every 10s, backoff 2", or empty when neither applies. */
  public String limits(Stmt.SystemStep step) {
    List<String> parts = new ArrayList<>();
    timeout(step).ifPresent(t -> parts.add("timeout " + t.text()));
    retry(step).ifPresent(r -> parts.add(retryText(r)));
    return String.join(", ", parts);
  }

  /** "up to 3 retries every 10s, backoff 2". */
  public static String retryText(Decl.RetryPolicy retry) {
    String times = retry.times() == 1 ? "up to 1 retry" : "up to " + retry.times() + " retries";
    return times + retry.every().map(e -> " every " + e.text()).orElse("")
        + retry.backoff().map(b -> ", backoff " + ExprPrinter.print(b)).orElse("")
        + retry.atMost().map(m -> ", at most " + m.text() + " apart").orElse("")
        + retry.within().map(w -> ", within " + w.text() + " of waiting").orElse("")
        + (retry.waitForOperator() ? ", then wait for an operator" : "");
  }

  /** {@code System.action} as written. */
  public static String action(Stmt.ActionCall call) {
    return call.system().text() + "." + call.action().text();
  }

  /**
   * The roles of a step for a person in words: "Sales or Accounting"; with a role decision
   * "Team lead, Finance or Director, by kind" (its subject as written).
   */
  public String roles(Name first, Stmt.People people) {
    return roles(first, people, ExprPrinter::print);
  }

  /** The roles of a step for a person, a role decision's subject written by {@code subject}. */
  public String roles(Name first, Stmt.People people, java.util.function.Function<Expr, String> subject) {
    List<String> titles = new ArrayList<>();
    for (Name role : people.roles(first)) {
      titles.add(index.title(role));
    }
    String roles = Words.either(titles);
    return people.decision().map(d -> roles + ", by " + subject.apply(d.subject())).orElse(roles);
  }

  /** "assigned to request.manager", "not by approve.completedBy", both, or empty. */
  public static String assignment(Stmt.People people) {
    List<String> parts = new ArrayList<>();
    people.assignee().ifPresent(a -> parts.add("assigned to " + ExprPrinter.print(a)));
    if (!people.excluded().isEmpty()) {
      List<String> names = new ArrayList<>();
      people.excluded().forEach(e -> names.add(ExprPrinter.print(e)));
      parts.add("not by " + String.join(", ", names));
    }
    return String.join(", ", parts);
  }

  /** The role decision's arms: "Travel → Team lead; Hardware → Finance or Director; else → Director", or empty. */
  public String decision(Stmt.People people) {
    if (people.decision().isEmpty()) {
      return "";
    }
    List<String> arms = new ArrayList<>();
    for (Stmt.RoleArm arm : people.decision().get().arms()) {
      List<String> patterns = new ArrayList<>();
      arm.patterns().forEach(p -> patterns.add(ExprPrinter.print(p)));
      List<String> roles = new ArrayList<>();
      arm.roles().forEach(r -> roles.add(index.title(r)));
      arms.add((arm.isElse() ? "else" : String.join(", ", patterns)) + " → " + String.join(" or ", roles));
    }
    return String.join("; ", arms);
  }

  /** Who does a step: a role's title, a system's title, or empty for what the engine does itself. */
  public String who(Stmt stmt) {
    if (stmt instanceof Stmt.HumanStep h) {
      return roles(h.role(), h.people());
    }
    if (stmt instanceof Stmt.Approval a) {
      return roles(a.role(), a.people());
    }
    if (stmt instanceof Stmt.SystemStep s) {
      return index.title(s.call().system());
    }
    if (stmt instanceof Stmt.Notify n) {
      return n.via().map(index::title).orElse("");
    }
    return "";
  }

  /** The target of a notification: a role's title, or the address expression as written. */
  public String notifyTarget(Stmt.Notify notify) {
    return role(notify).map(index::title).orElseGet(() -> ExprPrinter.print(notify.target()));
  }

  /** Whom a notification to an address reaches, in words ({@link Questions#recipient(Expr, SemanticModel)}). */
  public String recipient(Stmt.Notify notify) {
    return Questions.recipient(notify.target(), index.model());
  }

  /** What a loop takes one at a time, in words ({@link Questions#item(String, Expr, SemanticModel)}). */
  public String item(Stmt.ForEach loop) {
    return Questions.item(loop.variable().text(), loop.iterable(), index.model());
  }

  /** The role a notification goes to, or empty when it goes to an address. */
  public Optional<Decl> role(Stmt.Notify notify) {
    if (notify.target() instanceof Expr.NameRef ref) {
      return index.model().symbolOf(ref.name())
          .filter(Symbol.DeclSymbol.class::isInstance)
          .map(s -> ((Symbol.DeclSymbol) s).decl())
          .filter(Decl.RoleDecl.class::isInstance);
    }
    return Optional.empty();
  }

  /** "starts on IntakeSubmitted", "starts by hand", "starts when Kickoff completes", "starts on schedule …". */
  public static String trigger(Clause.Trigger trigger) {
    return "starts " + how(trigger);
  }

  /** The triggers of a workflow in one line: "starts on IntakeSubmitted or by hand"; empty without any. */
  public static String triggers(List<Clause.Trigger> triggers) {
    return triggers(triggers, false);
  }

  /**
   * The triggers of a workflow in one line; with {@code words}, names in words and a schedule by
   * its description alone when it has one: "starts on intake submitted or at 09:00, Monday to Friday".
   */
  public static String triggers(List<Clause.Trigger> triggers, boolean words) {
    return triggers.isEmpty() ? "" : "starts " + String.join(" or ", triggers.stream().map(t -> how(t, words)).toList());
  }

  private static String how(Clause.Trigger trigger) {
    return how(trigger, false);
  }

  private static String how(Clause.Trigger trigger, boolean words) {
    String name = trigger.target().map(n -> n.text()).orElse("");
    String target = words ? Words.humanize(name).toLowerCase(java.util.Locale.ROOT) : name;
    return switch (trigger.kind()) {
      case MANUALLY -> "by hand";
      case ON_EVENT -> "on " + target + trigger.key()
          .map(k -> ", one instance per " + (words ? Questions.phrase(k)
              : k instanceof Expr.FieldAccess f ? f.field().text() : ExprPrinter.print(k)))
          .orElse("");
      case AFTER_WORKFLOW -> "when " + (words ? Words.humanize(name) : target) + " completes";
      case EVERY -> {
        String cron = trigger.cron().map(Expr.StringLit::plainText).orElse("");
        yield words ? CronWords.describe(cron).orElseGet(() -> schedule(cron)) : schedule(cron);
      }
    };
  }

  /** {@code on schedule "0 9 * * MON-FRI" (at 09:00, Monday to Friday)}. */
  public static String schedule(String cron) {
    return "on schedule \"" + cron + "\"" + CronWords.describe(cron).map(d -> " (" + d + ")").orElse("");
  }

  /** "deadline 5d, escalates to Head of operations", or empty. */
  public String deadline(Decl.WorkflowDecl workflow) {
    return workflow.clause(Clause.Deadline.class)
        .map(d -> "deadline " + ExprPrinter.print(d.duration())
            + d.escalateTo().map(r -> ", escalates to " + index.title(r)).orElse("")
            + d.end().map(e -> e.cancel() ? ", then cancelled" : ", then failed").orElse(""))
        .orElse("");
  }

  /** The owner's title, or empty. */
  public String owner(Decl.WorkflowDecl workflow) {
    return workflow.clause(Clause.Owner.class).map(o -> index.title(o.role())).orElse("");
  }

  private Optional<Decl.SystemDecl> system(Stmt.ActionCall call) {
    return index.declarationOf(call.system()).filter(Decl.SystemDecl.class::isInstance).map(Decl.SystemDecl.class::cast);
  }
}
