package dev.flow.compiler.ast;

import dev.flow.compiler.source.SourceSpan;
import java.util.List;
import java.util.Optional;

/** A clause of a process or of a workflow header. */
public sealed interface Clause extends Node {
  /** The keyword that starts it, as users know the clause: "owner", "goal", … */
  String keyword();

  /** Process categories. */
  enum Category {
    OPERATIONAL,
    MANAGEMENT,
    SUPPORT;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  record CategoryClause(Category category, SourceSpan span) implements Clause {
    @Override
    public String keyword() {
      return "category";
    }
  }

  record Goal(String text, SourceSpan span) implements Clause {
    @Override
    public String keyword() {
      return "goal";
    }
  }

  /** {@code owner ROLE}, in processes and workflows. */
  record Owner(Name role, SourceSpan span) implements Clause {
    @Override
    public String keyword() {
      return "owner";
    }
  }

  record Stakeholders(List<Name> roles, SourceSpan span) implements Clause {
    public Stakeholders {
      roles = List.copyOf(roles);
    }

    @Override
    public String keyword() {
      return "stakeholders";
    }
  }

  record Workflows(List<Name> workflows, SourceSpan span) implements Clause {
    public Workflows {
      workflows = List.copyOf(workflows);
    }

    @Override
    public String keyword() {
      return "workflows";
    }
  }

  /** {@code W.start}, {@code W.end} or {@code W.stepName}. */
  record Milestone(Name workflow, Name point, SourceSpan span) implements Node {
    public boolean isStart() {
      return point.text().equals("start");
    }

    public boolean isEnd() {
      return point.text().equals("end");
    }
  }

  record Measure(
      Name name,
      Optional<String> title,
      Milestone from,
      Milestone to,
      Optional<Expr.DurationLit> target,
      Doc doc,
      SourceSpan span)
      implements Clause {
    @Override
    public String keyword() {
      return "measure";
    }
  }

  /** How a workflow can start. */
  enum TriggerKind {
    MANUALLY,
    ON_EVENT,
    AFTER_WORKFLOW,
    EVERY
  }

  /**
   * {@code starts manually | starts on EVENT | starts after WORKFLOW | starts every "CRON"}.
   *
   * @param target the event or workflow, for {@code on} and {@code after}
   * @param cron the cron text (and its span), for {@code every}
   */
  record Trigger(TriggerKind kind, Optional<Name> target, Optional<Expr.StringLit> cron, SourceSpan span,
      Optional<Expr> key) implements Clause {
    /** A trigger without a key ({@code starts on E keyed by KEY} has one). */
    public Trigger(TriggerKind kind, Optional<Name> target, Optional<Expr.StringLit> cron, SourceSpan span) {
      this(kind, target, cron, span, Optional.empty());
    }

    @Override
    public String keyword() {
      return "starts";
    }
  }

  record Input(Name name, TypeRef type, Doc doc, SourceSpan span) implements Clause {
    @Override
    public String keyword() {
      return "input";
    }
  }

  record Output(Name name, TypeRef type, Doc doc, SourceSpan span) implements Clause {
    @Override
    public String keyword() {
      return "output";
    }
  }

  /**
   * {@code deadline D [escalate to ROLE] [cancel REASON | fail MESSAGE]}: the whole instance's
   * time limit, computed from the inputs when the instance starts.
   */
  record Deadline(Expr duration, Optional<Name> escalateTo, Optional<DeadlineEnd> end, SourceSpan span)
      implements Clause {
    @Override
    public String keyword() {
      return "deadline";
    }
  }

  /** How a passed deadline ends the instance: {@code cancel REASON} or {@code fail MESSAGE}. */
  record DeadlineEnd(boolean cancel, Expr message, SourceSpan span) implements Node {
    /** The keyword: {@code cancel} or {@code fail}. */
    public String keyword() {
      return cancel ? "cancel" : "fail";
    }
  }

  record Version(long value, SourceSpan span) implements Clause {
    @Override
    public String keyword() {
      return "version";
    }
  }

  /**
   * {@code fails CardDeclined, InsufficientFunds} on a workflow: the errors an instance can end
   * with (a {@code fail} of such a value, or an action's, left unhandled), which a {@code call}
   * of the workflow hands to the caller's typed {@code catch}.
   */
  record Fails(List<Name> errors, SourceSpan span) implements Clause {
    public Fails {
      errors = List.copyOf(errors);
    }

    @Override
    public String keyword() {
      return "fails";
    }
  }
}
