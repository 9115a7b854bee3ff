package dev.flow.compiler.diag;

/**
 * The catalog of every diagnostic the compiler reports. Codes are stable: a retired code is
 * deprecated here and never reused. The documentation of each entry says when it is reported;
 * LANGUAGE.md §6 and docs/language.md are the user-facing tables.
 */
public enum Code {
  /** A syntax error, described in words. */
  E001(Severity.ERROR, "syntax error"),
  /** A malformed literal: unterminated string, bad escape, duration, date or number. */
  E002(Severity.ERROR, "bad literal"),
  /**
   * A file nested more deeply than the compiler follows (blocks, brackets, strings and chains of
   * operators, 100 levels): reported before parsing, instead of running out of stack.
   */
  E003(Severity.ERROR, "nested too deeply"),
  /** A name that is not declared or not visible (with a did-you-mean). */
  E100(Severity.ERROR, "unknown name"),
  /** A declaration, field, enum constant, parameter or clause given twice. */
  E101(Severity.ERROR, "duplicate declaration"),
  /** A name of the wrong kind: a system where a role is needed, {@code set} on an input, … */
  E102(Severity.ERROR, "wrong kind of name"),
  /** An import that matches nothing, or two imports of one name. */
  E103(Severity.ERROR, "bad import"),
  /** A duplicate step, branch or variable name in a workflow, or a name that hides another. */
  E104(Severity.ERROR, "duplicate name in workflow"),
  /** A file without {@code package} where code is generated. */
  E105(Severity.ERROR, "missing package"),
  /**
   * A package Java does not let a program define, where code is generated: {@code java} or
   * {@code java.*} (the JVM refuses to load such classes).
   */
  E106(Severity.ERROR, "package reserved by Java"),
  /** A value of the wrong type, or reading a result that has no value. */
  E200(Severity.ERROR, "type mismatch"),
  /** An unknown field, enum constant or action of a known record, enum or system. */
  E201(Severity.ERROR, "unknown member"),
  /**
   * Arguments that do not match an action or workflow, or the fields of a record or event built
   * in an expression: missing, extra, given twice or of the wrong type.
   */
  E202(Severity.ERROR, "arguments do not match"),
  /** A condition that is not {@code Bool}. */
  E203(Severity.ERROR, "condition is not Bool"),
  /** An optional value used where a value is required. */
  E204(Severity.ERROR, "optional used where a value is required"),
  /** A {@code match} that does not cover every case. */
  E205(Severity.ERROR, "non-exhaustive match"),
  /** Operands an operator does not accept (a list and a lone element for {@code +} too). */
  E206(Severity.ERROR, "bad operands"),
  /** A form field of a step for a person named like a field every such result has ({@code completedBy}, {@code completedAt}). */
  E207(Severity.ERROR, "form field hides a result field"),
  /** Reading the result of a step that may not have run. */
  E300(Severity.ERROR, "step may not have run"),
  /** An output not assigned on a path that completes. */
  E301(Severity.ERROR, "output not assigned"),
  /** A statement that can never run. */
  E302(Severity.ERROR, "unreachable statement"),
  /** A {@code go to} whose target is unknown or out of reach. */
  E303(Severity.ERROR, "bad go to target"),
  /** A trigger that does not fit the workflow's inputs. */
  E304(Severity.ERROR, "trigger does not fit inputs"),
  /** An invalid cron expression. */
  E305(Severity.ERROR, "invalid cron expression"),
  /** A workflow listed in more than one process. */
  E306(Severity.ERROR, "workflow in several processes"),
  /** {@code set} on an outer name from a parallel branch or a parallel {@code for each}. */
  E307(Severity.ERROR, "concurrent assignment"),
  /**
   * A workflow {@code deadline} (its limit, or the reason or message it ends the instance with)
   * that reads something other than the inputs, or {@code now()}/{@code today()}: it is computed
   * when the instance starts, before any step has run.
   */
  E308(Severity.ERROR, "deadline reads what is not known at the start"),
  /**
   * A {@code try}'s {@code catch} clauses out of order: an untyped {@code catch} (which handles
   * every failure) that is not the last, or a second one.
   */
  E309(Severity.ERROR, "catch clauses out of order"),
  /**
   * A {@code keyed by} of a {@code starts on} that is not a field of the event the trigger fills
   * its input with ({@code reading.room}), or not a single value (a list, a record, an optional).
   */
  E310(Severity.ERROR, "bad key"),
  /**
   * A {@code yield} that is not the last statement of the body of a collecting loop
   * ({@code let NAME = for each … { …; yield VALUE }}), or such a body that does not end with one.
   */
  E311(Severity.ERROR, "misplaced yield"),
  /**
   * A collecting loop with {@code in parallel join N} or {@code first N}: some rounds would have no
   * result when the workflow goes on.
   */
  E312(Severity.ERROR, "collecting loop with a partial join"),
  /**
   * The count of a {@code first N} or a {@code parallel join N} that is less than 1, or more than
   * (for {@code first}) or as many as (for {@code parallel join}, which would be a plain
   * {@code parallel}) its branches.
   */
  E320(Severity.ERROR, "bad join count"),
  /** A {@code wait for NAME} whose signal no {@code signal NAME} of the workflow sends: it would wait forever. */
  E321(Severity.ERROR, "signal never sent"),
  /**
   * An {@code exclusive NAME} block inside another block of the same section: it waits for the section
   * that its own outer block holds, forever.
   */
  E322(Severity.ERROR, "nested critical section"),
  /**
   * A {@code continue as new} in a branch of {@code parallel}, {@code first} or {@code interleaved}, or in a
   * {@code for each … in parallel} body: it ends the whole instance while other work runs beside it.
   */
  E330(Severity.ERROR, "continue as new beside other work"),
  /**
   * A typed {@code fail} ({@code fail CardDeclined(reason: …)}) of an error its workflow does not
   * declare with {@code fails}: a caller could not expect it.
   */
  E331(Severity.ERROR, "error not declared by the workflow"),
  /** A {@code cancel region NAME} whose workflow has no {@code region NAME} block: it would cancel nothing. */
  E332(Severity.ERROR, "unknown cancel region"),
  /** A {@code region NAME} block inside another block of the same region: the outer block already holds it. */
  E333(Severity.ERROR, "nested block of the same region"),
  /**
   * A {@code first to start} none of whose branches begins with a person's step: no claim can
   * decide it, so it is a plain {@code first} (or a deferred choice of waits) under another name.
   */
  E334(Severity.ERROR, "first to start without a person's step"),
  /** A {@code first N to start}: one claim decides one branch; a count has no meaning there. */
  E335(Severity.ERROR, "first to start with a count"),
  /** A name that breaks the naming convention. */
  W001(Severity.WARNING, "naming convention"),
  /** A declaration or variable that is never used. */
  W002(Severity.WARNING, "unused"),
  /** A workflow that belongs to no process. */
  W003(Severity.WARNING, "workflow in no process"),
  /** A process or workflow without owner, or a process without goal or category. */
  W004(Severity.WARNING, "missing owner, goal or category"),
  /** Reserved; never reported. */
  @Deprecated
  W005(Severity.WARNING, "reserved"),
  /** A loop whose condition its body never changes. */
  W006(Severity.WARNING, "loop condition never changes"),
  /** Workflows that start each other in a cycle. */
  W007(Severity.WARNING, "workflows start each other in a cycle"),
  /** A typed {@code catch} for an error that no action called in its {@code try} declares: it never runs. */
  W008(Severity.WARNING, "catch never runs"),
  /** A {@code signal NAME} that no {@code wait for NAME} of the workflow waits for. */
  W020(Severity.WARNING, "signal never waited for"),
  /** An {@code exclusive NAME} block that is the only one of its name (and not repeated by a parallel {@code for each}). */
  W021(Severity.WARNING, "critical section excludes nothing"),
  /**
   * An error in a workflow's {@code fails} that nothing in it can raise: no action it runs and no
   * workflow it calls declares it, and no {@code fail} of it raises it.
   */
  W030(Severity.WARNING, "declared error never raised"),
  /** A cancel region ({@code region NAME { … }}) that no {@code cancel region NAME} of the workflow cancels. */
  W031(Severity.WARNING, "region never cancelled");

  private final Severity severity;
  private final String title;

  Code(Severity severity, String title) {
    this.severity = severity;
    this.title = title;
  }

  public Severity severity() {
    return severity;
  }

  /** A short title of the code, for documentation and SARIF rules. */
  public String title() {
    return title;
  }
}
