package dev.flow.compiler.ast;

import dev.flow.compiler.source.SourceSpan;
import java.util.List;
import java.util.Optional;

/** A top-level declaration. */
public sealed interface Decl extends Node {
  Name name();

  Doc doc();

  /** What users call this kind of declaration: "role", "system", … */
  String kind();

  /** {@code role AccountManager "Account manager"}. */
  record RoleDecl(Name name, Optional<String> title, Doc doc, SourceSpan span) implements Decl {
    @Override
    public String kind() {
      return "role";
    }
  }

  /** A system with its typed actions and default retry and timeout policies. */
  record SystemDecl(
      Name name,
      Optional<String> title,
      List<ActionDecl> actions,
      List<RetryPolicy> retries,
      List<Expr.DurationLit> timeouts,
      Doc doc,
      SourceSpan span)
      implements Decl {
    public SystemDecl {
      actions = List.copyOf(actions);
      retries = List.copyOf(retries);
      timeouts = List.copyOf(timeouts);
    }

    @Override
    public String kind() {
      return "system";
    }

    public Optional<RetryPolicy> retry() {
      return retries.stream().findFirst();
    }

    public Optional<Expr.DurationLit> timeout() {
      return timeouts.stream().findFirst();
    }

    public Optional<ActionDecl> action(String actionName) {
      return actions.stream().filter(a -> a.name().text().equals(actionName)).findFirst();
    }
  }

  /** {@code action charge(amount: Decimal): Text fails CardDeclined, InsufficientFunds}. */
  record ActionDecl(Name name, List<Field> parameters, Optional<TypeRef> result, List<Name> fails, Doc doc, SourceSpan span)
      implements Node {
    public ActionDecl {
      parameters = List.copyOf(parameters);
      fails = List.copyOf(fails);
    }
  }

  /**
   * {@code retry 3 times every 10s backoff 2 [at most 1m] [within 10m] [then wait for operator]}:
   * {@code at most} caps each wait between attempts, {@code within} the time waited between
   * attempts in all; {@code then wait for operator} makes exhausted retries an incident that an
   * operator retries or fails, instead of the step's failure.
   */
  record RetryPolicy(long times, Optional<Expr.DurationLit> every, Optional<Expr> backoff,
      Optional<Expr.DurationLit> atMost, Optional<Expr.DurationLit> within, boolean waitForOperator, SourceSpan span)
      implements Node {}

  /** {@code record Document { … }}. */
  record RecordDecl(Name name, List<Field> fields, Doc doc, SourceSpan span) implements Decl {
    public RecordDecl {
      fields = List.copyOf(fields);
    }

    @Override
    public String kind() {
      return "record";
    }
  }

  /** {@code event IntakeSubmitted { … }}: a record that can start and wake workflows. */
  record EventDecl(Name name, List<Field> fields, Doc doc, SourceSpan span) implements Decl {
    public EventDecl {
      fields = List.copyOf(fields);
    }

    @Override
    public String kind() {
      return "event";
    }
  }

  /**
   * {@code error CardDeclined { reason: Text }}: a business outcome an action declares it can
   * end with ({@code fails CardDeclined}); a {@code catch declined: CardDeclined} handles it.
   */
  record ErrorDecl(Name name, List<Field> fields, Doc doc, SourceSpan span) implements Decl {
    public ErrorDecl {
      fields = List.copyOf(fields);
    }

    @Override
    public String kind() {
      return "error";
    }
  }

  /** The fields of a record, event or error; empty for any other declaration. */
  static List<Field> fieldsOf(Decl decl) {
    if (decl instanceof RecordDecl r) {
      return r.fields();
    }
    if (decl instanceof EventDecl e) {
      return e.fields();
    }
    return decl instanceof ErrorDecl e ? e.fields() : List.of();
  }

  /** {@code enum Plan { Basic, Pro, Enterprise }}. */
  record EnumDecl(Name name, List<EnumConstant> constants, Doc doc, SourceSpan span) implements Decl {
    public EnumDecl {
      constants = List.copyOf(constants);
    }

    @Override
    public String kind() {
      return "enum";
    }
  }

  /** One constant of an enum. */
  record EnumConstant(Name name, Doc doc, SourceSpan span) implements Node {}

  /** A process: the strategic container of workflows. Clauses are kept in source order. */
  record ProcessDecl(Name name, List<Clause> clauses, Doc doc, SourceSpan span) implements Decl {
    public ProcessDecl {
      clauses = List.copyOf(clauses);
    }

    @Override
    public String kind() {
      return "process";
    }

    /** The clauses of one kind, in source order. */
    public <T extends Clause> List<T> clauses(Class<T> kind) {
      return Clauses.of(clauses, kind);
    }

    /** The first clause of one kind. */
    public <T extends Clause> Optional<T> clause(Class<T> kind) {
      return Clauses.first(clauses, kind);
    }
  }

  /** A workflow: header clauses (in source order) and a body. */
  record WorkflowDecl(Name name, List<Clause> clauses, Block body, Doc doc, SourceSpan span) implements Decl {
    public WorkflowDecl {
      clauses = clauses instanceof Clauses.ByKind ? clauses : new Clauses.ByKind(clauses);
    }

    @Override
    public String kind() {
      return "workflow";
    }

    public <T extends Clause> List<T> clauses(Class<T> kind) {
      return Clauses.of(clauses, kind);
    }

    public <T extends Clause> Optional<T> clause(Class<T> kind) {
      return Clauses.first(clauses, kind);
    }

    public List<Clause.Input> inputs() {
      return clauses(Clause.Input.class);
    }

    public List<Clause.Output> outputs() {
      return clauses(Clause.Output.class);
    }

    /** The errors the workflow declares with {@code fails}, in order (none without the clause). */
    public List<Name> fails() {
      return clause(Clause.Fails.class).map(Clause.Fails::errors).orElse(List.of());
    }

    public List<Clause.Trigger> triggers() {
      return clauses(Clause.Trigger.class);
    }

    /** The declared version, 1 when none is given. */
    public long version() {
      return clause(Clause.Version.class).map(Clause.Version::value).orElse(1L);
    }
  }
}
