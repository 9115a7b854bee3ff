package dev.flow.compiler.ast;

import dev.flow.compiler.source.SourceSpan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A statement of a workflow body. */
public sealed interface Stmt extends Node {
  Doc doc();

  /**
   * A statement with a name, unique in its workflow: the key of the step in the history and a
   * possible {@code go to} target. Its result is read by that name.
   */
  sealed interface Named extends Stmt {
    Name name();
  }

  /** {@code within 2d escalate to OperationsLead}: a person's time limit. */
  record TimeLimit(Optional<Expr> within, Optional<Name> escalateTo, SourceSpan span) implements Node {
    public static final TimeLimit NONE = new TimeLimit(Optional.empty(), Optional.empty(), SourceSpan.NONE);
  }

  /** {@code System.action(arg: value)}: a call of a system's action. */
  record ActionCall(Name system, Name action, List<Argument> arguments, SourceSpan span) implements Node {
    public ActionCall {
      arguments = List.copyOf(arguments);
    }
  }

  /**
   * {@code step NAME by ROLE [or ROLE…] [assign to …] [not by …] [within …] [{ form }]}: a task for a
   * person. With {@code by match …}, {@code role} is the first role the decision names.
   */
  record HumanStep(Name name, Name role, TimeLimit limit, List<Field> form, Doc doc, SourceSpan span, People people)
      implements Named {
    public HumanStep {
      form = List.copyOf(form);
      Objects.requireNonNull(people, "people");
    }

    public HumanStep(Name name, Name role, TimeLimit limit, List<Field> form, Doc doc, SourceSpan span) {
      this(name, role, limit, form, doc, span, People.NONE);
    }
  }

  /**
   * Who may do a step for a person besides its first role, and who may not.
   *
   * @param otherRoles the roles after {@code or} ({@code by Sales or Accounting})
   * @param decision {@code by match SUBJECT { … }}: the role decided from data
   * @param assignee {@code assign to PERSON}: a {@code Text} naming the person the task is given to
   * @param excluded {@code not by PERSON, …}: the people who may not do it (each {@code Text},
   *     {@code Text?} or {@code List<Text>})
   */
  record People(List<Name> otherRoles, Optional<RoleMatch> decision, Optional<Expr> assignee, List<Expr> excluded,
      SourceSpan span) implements Node {
    public static final People NONE = new People(List.of(), Optional.empty(), Optional.empty(), List.of(), SourceSpan.NONE);

    public People {
      otherRoles = List.copyOf(otherRoles);
      excluded = List.copyOf(excluded);
    }

    /** Every role the step may go to, {@code first} first, each once (a decision's roles in arm order). */
    public List<Name> roles(Name first) {
      List<Name> all = new java.util.ArrayList<>();
      java.util.Set<String> seen = new java.util.HashSet<>();
      List<Name> candidates = new java.util.ArrayList<>();
      candidates.add(first);
      candidates.addAll(otherRoles);
      decision.ifPresent(d -> d.arms().forEach(a -> candidates.addAll(a.roles())));
      for (Name n : candidates) {
        if (seen.add(n.text())) {
          all.add(n);
        }
      }
      return all;
    }

    /** Whether anything is said besides the one role. */
    public boolean isEmpty() {
      return otherRoles.isEmpty() && decision.isEmpty() && assignee.isEmpty() && excluded.isEmpty();
    }
  }

  /**
   * {@code match SUBJECT { PATTERN, … -> ROLE [or ROLE], …, else -> ROLE }}: the role of a step
   * for a person, decided from data; the patterns are those of a {@code match} statement.
   */
  record RoleMatch(Expr subject, List<RoleArm> arms, SourceSpan span) implements Node {
    public RoleMatch {
      arms = List.copyOf(arms);
    }

    /** The {@code else} arm, if there is one (it is the last). */
    public Optional<RoleArm> otherwise() {
      return arms.stream().filter(RoleArm::isElse).findFirst();
    }
  }

  /** One arm of a role decision; without patterns it is the {@code else} arm. */
  record RoleArm(List<Pattern> patterns, List<Name> roles, SourceSpan span) implements Node {
    public RoleArm {
      patterns = List.copyOf(patterns);
      roles = List.copyOf(roles);
    }

    public boolean isElse() {
      return patterns.isEmpty();
    }
  }

  /** {@code step NAME by System.action(…) [retry …] [timeout …] [compensate with …]}. */
  record SystemStep(
      Name name,
      ActionCall call,
      List<Decl.RetryPolicy> retries,
      List<Expr.DurationLit> timeouts,
      List<ActionCall> compensations,
      Doc doc,
      SourceSpan span)
      implements Named {
    public SystemStep {
      retries = List.copyOf(retries);
      timeouts = List.copyOf(timeouts);
      compensations = List.copyOf(compensations);
    }

    public Optional<Decl.RetryPolicy> retry() {
      return retries.stream().findFirst();
    }

    public Optional<Expr.DurationLit> timeout() {
      return timeouts.stream().findFirst();
    }

    public Optional<ActionCall> compensation() {
      return compensations.stream().findFirst();
    }
  }

  /** {@code approval NAME by ROLE [within …]}: result {@code { approved: Bool, comment: Text? }}. */
  record Approval(Name name, Name role, TimeLimit limit, Doc doc, SourceSpan span, People people) implements Named {
    public Approval {
      Objects.requireNonNull(people, "people");
    }

    public Approval(Name name, Name role, TimeLimit limit, Doc doc, SourceSpan span) {
      this(name, role, limit, doc, span, People.NONE);
    }
  }

  /** {@code notify TARGET [via SYSTEM] MESSAGE}. */
  record Notify(Expr target, Optional<Name> via, Expr message, Doc doc, SourceSpan span) implements Stmt {}

  /** {@code emit EVENT}: publishes an event, as {@code engine.publish} does. */
  record Emit(Expr event, Doc doc, SourceSpan span) implements Stmt {
    /** The event's name as written: its type when it is built in place, else the expression. */
    public String eventName() {
      return event instanceof Expr.Construct c ? c.type().text() : ExprPrinter.print(event);
    }
  }

  /** {@code wait DURATION}. */
  record Wait(Expr duration, Doc doc, SourceSpan span) implements Stmt {}

  /** {@code wait for SIGNAL}: until a {@code signal SIGNAL} of the instance is kept for it. */
  record WaitFor(Name signal, Doc doc, SourceSpan span) implements Stmt {}

  /** {@code signal NAME}: keeps one signal for a {@code wait for NAME}. */
  record Signal(Name signal, Doc doc, SourceSpan span) implements Stmt {}

  /** {@code exclusive NAME { … }}: a critical section; no two blocks of one name run at once. */
  record Exclusive(Name name, Block body, Doc doc, SourceSpan span) implements Stmt {}

  /**
   * {@code region NAME { … }}: one block of the cancel region {@code NAME}; the blocks of one region
   * may be anywhere in the workflow (WCP 25).
   */
  record Region(Name name, Block body, Doc doc, SourceSpan span) implements Stmt {}

  /** {@code cancel region NAME}: withdraws the running blocks of the region and skips those reached later. */
  record CancelRegion(Name region, Doc doc, SourceSpan span) implements Stmt {}

  /** {@code wait until DATE_OR_TIMESTAMP}. */
  record WaitUntil(Expr time, Doc doc, SourceSpan span) implements Stmt {}

  /**
   * {@code receive [new] NAME: EVENT [where COND] [within DURATION]}.
   *
   * @param onlyNew {@code receive new}: it takes only an event published once it waits (a transient
   *     trigger, WCP 23); events kept for the instance from before stay kept for other receives
   */
  record Receive(
      Name name, Name event, Optional<Expr> where, Optional<Expr> within, Doc doc, SourceSpan span, boolean onlyNew)
      implements Named {
    /** An ordinary receive, which also takes the events kept for the instance. */
    public Receive(Name name, Name event, Optional<Expr> where, Optional<Expr> within, Doc doc, SourceSpan span) {
      this(name, event, where, within, doc, span, false);
    }
  }

  /** {@code call NAME: WORKFLOW(args)}: runs a workflow to completion; result = its outputs. */
  record Call(Name name, Name workflow, List<Argument> arguments, Doc doc, SourceSpan span) implements Named {
    public Call {
      arguments = List.copyOf(arguments);
    }
  }

  /** {@code start WORKFLOW(args)}: starts a workflow and goes on. */
  record Start(Name workflow, List<Argument> arguments, Doc doc, SourceSpan span) implements Stmt {
    public Start {
      arguments = List.copyOf(arguments);
    }
  }

  /** {@code let NAME[: TYPE] = VALUE}. */
  record Let(Name name, Optional<TypeRef> type, Expr value, Doc doc, SourceSpan span) implements Stmt {}

  /** {@code set NAME = VALUE}. */
  record Set(Name target, Expr value, Doc doc, SourceSpan span) implements Stmt {}

  /** One {@code if COND { … }} of an if / else if chain. */
  record IfArm(Expr condition, Block body, SourceSpan span) implements Node {}

  /** {@code if … { } else if … { } else { }}. */
  record If(List<IfArm> arms, Optional<Block> otherwise, Doc doc, SourceSpan span) implements Stmt {
    public If {
      arms = List.copyOf(arms);
    }
  }

  /** A pattern of a match arm: an enum constant name or a plain literal. */
  sealed interface Pattern extends Node {}

  /** An enum constant, by its simple name. */
  record ConstantPattern(Name constant) implements Pattern {
    @Override
    public SourceSpan span() {
      return constant.span();
    }
  }

  /**
   * A comparison with a number, for a {@code match} on {@code Int} or {@code Decimal}:
   * {@code < 1000}, {@code >= 10000}. Arms are tried in order, so {@code < 1000 -> Clerk,
   * < 10000 -> Manager} reads as ranges.
   *
   * @param operator {@code <}, {@code <=}, {@code >} or {@code >=}
   * @param bound the number compared with: an {@code IntLit} or a {@code DecimalLit}
   */
  record RangePattern(String operator, Expr bound, SourceSpan span) implements Pattern {}

  /** A Text, Int or Decimal literal. */
  record LiteralPattern(Expr literal) implements Pattern {
    @Override
    public SourceSpan span() {
      return literal.span();
    }
  }

  /** {@code P1, P2 -> { … }}. */
  record MatchArm(List<Pattern> patterns, Block body, SourceSpan span) implements Node {
    public MatchArm {
      patterns = List.copyOf(patterns);
    }
  }

  /**
   * {@code match SUBJECT { arms [else -> { … }] }}.
   *
   * @param otherwiseSpan where the {@code else} arm is ({@link SourceSpan#NONE} without one)
   */
  record Match(
      Expr subject, List<MatchArm> arms, Optional<Block> otherwise, SourceSpan otherwiseSpan, Doc doc, SourceSpan span)
      implements Stmt {
    public Match {
      arms = List.copyOf(arms);
    }
  }

  /** {@code branch NAME [when COND] { … }} of a parallel or first. */
  record Branch(Name name, Optional<Expr> when, Block body, Doc doc, SourceSpan span) implements Node {}

  /**
   * {@code parallel [join N] { branches }}: all branches whose condition holds, then join; with
   * {@code join N} (present) it goes on after N of them while the others run on. {@code interleaved
   * { branches }} is one too, whose branches run one at a time.
   */
  record Parallel(List<Branch> branches, java.util.OptionalInt join, Doc doc, SourceSpan span, boolean interleaved,
      boolean multiMerge) implements Stmt {
    /** The name of the branch that holds the block of {@code after each branch}; no branch can be named so. */
    public static final String AFTER_EACH = "after each branch";

    public Parallel {
      branches = List.copyOf(branches);
    }

    /** {@code parallel [join N] { … }}, not interleaved. */
    public Parallel(List<Branch> branches, java.util.OptionalInt join, Doc doc, SourceSpan span) {
      this(branches, join, doc, span, false);
    }

    public Parallel(List<Branch> branches, java.util.OptionalInt join, Doc doc, SourceSpan span, boolean interleaved) {
      this(branches, join, doc, span, interleaved, false);
    }

    /**
     * {@code parallel { branches } after each branch { … }} (WCP 8, multi-merge): the block runs once
     * for each branch, as soon as that branch has ended. Its last branch, named {@link #AFTER_EACH},
     * holds the block as a parallel {@code for each branch in ["a", "b"]} (so the checker and the
     * generator treat each run as a round of its own); {@link #arms()} are the other branches.
     */
    public static Parallel afterEachBranch(List<Branch> branches, Block then, SourceSpan thenKeyword, Doc doc,
        SourceSpan span) {
      List<Expr> names = new java.util.ArrayList<>();
      for (Branch b : branches) {
        names.add(new Expr.StringLit(List.of(new Expr.TextPart(b.name().text(), b.name().span())), b.name().span()));
      }
      ForEach runs = new ForEach(new Name("branch", thenKeyword), new Expr.ListLit(names, thenKeyword), true, then,
          Doc.NONE, then.span());
      List<Branch> all = new java.util.ArrayList<>(branches);
      all.add(new Branch(new Name(AFTER_EACH, thenKeyword), Optional.empty(), new Block(List.of(runs), then.span()),
          Doc.NONE, then.span()));
      return new Parallel(all, java.util.OptionalInt.empty(), doc, span, false, true);
    }

    /** The branches written in the source (without the one holding {@code after each branch}). */
    public List<Branch> arms() {
      return multiMerge ? branches.subList(0, branches.size() - 1) : branches;
    }

    /** The block of {@code after each branch}, as the loop that holds it, if this is a multi-merge. */
    public Optional<ForEach> afterEach() {
      return multiMerge ? Optional.of((ForEach) branches.get(branches.size() - 1).body().statements().get(0))
          : Optional.empty();
    }
  }

  /**
   * {@code first [N] { branches }}: the first branch (the first {@code count}) to finish wins; the
   * others are cancelled. With {@code byStart} ({@code first to start { branches }}), the first
   * branch to <em>start</em> wins: a branch that begins with a person's step starts when its task is
   * claimed, one that begins by waiting when that wait ends (WCP 16, deferred choice).
   */
  record First(List<Branch> branches, int count, Doc doc, SourceSpan span, boolean byStart) implements Stmt {
    public First {
      branches = List.copyOf(branches);
    }

    /** {@code first [N] { branches }}: decided by the branches that end. */
    public First(List<Branch> branches, int count, Doc doc, SourceSpan span) {
      this(branches, count, doc, span, false);
    }
  }

  /**
   * {@code for each VAR in LIST [in parallel [join N | first N]] { … }}: with {@code join N} it
   * goes on after N rounds while the others run on; with {@code first N} it ends when N rounds
   * have ended and cancels the others. With {@code threads}, it is {@code parallel N times { … }}
   * (see {@link #threads}); with {@code numbered} too, {@code parallel N times as t { … }}.
   */
  record ForEach(Name variable, Expr iterable, boolean parallel, Block body, Doc doc, SourceSpan span,
      java.util.OptionalInt join, java.util.OptionalInt first, boolean collected, boolean threads,
      boolean numbered, boolean unwaited) implements Stmt {
    public ForEach(Name variable, Expr iterable, boolean parallel, Block body, Doc doc, SourceSpan span,
        java.util.OptionalInt join, java.util.OptionalInt first, boolean collected) {
      this(variable, iterable, parallel, body, doc, span, join, first, collected, false);
    }

    public ForEach(Name variable, Expr iterable, boolean parallel, Block body, Doc doc, SourceSpan span,
        java.util.OptionalInt join, java.util.OptionalInt first, boolean collected, boolean threads) {
      this(variable, iterable, parallel, body, doc, span, join, first, collected, threads, false);
    }

    public ForEach(Name variable, Expr iterable, boolean parallel, Block body, Doc doc, SourceSpan span,
        java.util.OptionalInt join, java.util.OptionalInt first, boolean collected, boolean threads, boolean numbered) {
      this(variable, iterable, parallel, body, doc, span, join, first, collected, threads, numbered, false);
    }

    /**
     * Whether this is the loop that holds the block of {@code after each branch} (made by
     * {@link Parallel#afterEachBranch}, whose list of branch names has the span of its variable,
     * the word {@code after}, which no written loop has).
     */
    public boolean afterEachBranch() {
      return iterable instanceof Expr.ListLit && iterable.span().equals(variable.span());
    }

    /**
     * {@code start each VAR in LIST { … }} (WCP 12): a parallel loop that goes on after none of its
     * rounds ({@link #join()} is 0), so the workflow goes on at once while every round runs on to its
     * end; the instance ends only when they have.
     */
    public static ForEach startEach(Name variable, Expr items, Block body, Doc doc, SourceSpan span) {
      return new ForEach(variable, items, true, body, doc, span, java.util.OptionalInt.of(0),
          java.util.OptionalInt.empty(), false, false, false, true);
    }

    /**
     * {@code parallel N times { … }} (WCP 41, 42): a parallel loop whose {@link #iterable()} is the
     * Int count N, run over the thread numbers 1 to N. Without {@code as}, its {@link #variable()}
     * ({@code thread}) is made by the parser and is not in scope in the body: the threads are alike.
     * With {@code parallel N times as t}, {@code number} is {@code t}: each thread's number (1 to N),
     * a read-only Int in scope in the body.
     */
    public static ForEach threads(Expr count, Optional<Name> number, Block body, Doc doc, SourceSpan span,
        SourceSpan keyword) {
      return new ForEach(number.orElse(new Name("thread", keyword)), count, true, body, doc, span,
          java.util.OptionalInt.empty(), java.util.OptionalInt.empty(), false, true, number.isPresent());
    }

    /** The variable of the loop as the body sees it: every {@code for each}'s, and {@code parallel N times as t}'s {@code t}. */
    public boolean declaresVariable() {
      return !threads || numbered;
    }

    public ForEach(Name variable, Expr iterable, boolean parallel, Block body, Doc doc, SourceSpan span) {
      this(variable, iterable, parallel, body, doc, span, java.util.OptionalInt.empty(), java.util.OptionalInt.empty());
    }

    public ForEach(Name variable, Expr iterable, boolean parallel, Block body, Doc doc, SourceSpan span,
        java.util.OptionalInt join, java.util.OptionalInt first) {
      this(variable, iterable, parallel, body, doc, span, join, first, false);
    }

    /**
     * The {@code yield} that ends the body of a collecting loop ({@code let NAME = for each …}),
     * if its last statement is one.
     */
    public Optional<Yield> yielded() {
      List<Stmt> statements = body.statements();
      return !statements.isEmpty() && statements.get(statements.size() - 1) instanceof Yield y
          ? Optional.of(y) : Optional.empty();
    }
  }

  /**
   * {@code yield VALUE}: the last statement of the body of {@code let NAME = for each … { … }},
   * the value the round adds to the list, at the round's place in item order.
   */
  record Yield(Expr value, Doc doc, SourceSpan span) implements Stmt {}

  /** {@code repeat at most N times { … } [until COND]}. */
  record Repeat(Expr maxTimes, Block body, Optional<Expr> until, Doc doc, SourceSpan span) implements Stmt {}

  /** {@code while COND { … }}. */
  record While(Expr condition, Block body, Doc doc, SourceSpan span) implements Stmt {}

  /** {@code go to STEP}. */
  record GoTo(Name target, Doc doc, SourceSpan span) implements Stmt {}

  /** {@code try { … } catch [NAME] { … }}; the caught error is {@code { step: Text, message: Text }}. */
  record Try(Block body, List<Catch> catches, Doc doc, SourceSpan span) implements Stmt {
    public Try {
      catches = List.copyOf(catches);
    }

    /** The handlers' blocks, in source order. */
    public List<Block> handlers() {
      return catches.stream().map(Catch::body).toList();
    }

    /** The final untyped {@code catch [name] { … }}, which handles every failure, if there is one. */
    public Optional<Catch> catchAll() {
      return catches.stream().filter(c -> c.errorType().isEmpty()).findFirst();
    }
  }

  /**
   * {@code catch declined: CardDeclined { … }} (a declared error; {@code variable} is the error's
   * value) or {@code catch [problem] { … }} (any failure; {@code variable} is
   * {@code { step, message }}).
   */
  record Catch(Optional<Name> variable, Optional<Name> errorType, Block body, SourceSpan span) implements Node {}

  /** {@code fail MESSAGE}. */
  record Fail(Expr message, Doc doc, SourceSpan span) implements Stmt {}

  /** {@code complete}. */
  record Complete(Doc doc, SourceSpan span) implements Stmt {}

  /** {@code cancel REASON}. */
  record Cancel(Expr reason, Doc doc, SourceSpan span) implements Stmt {}

  /**
   * {@code for each bid: Bid [where …] in parallel [join N] until closed: LotClosed [where …] { … }}:
   * a parallel {@code for each} whose items arrive while it runs (WCP 15; with {@code join N},
   * WCP 36). {@code item} receives the next item (its name is the loop variable) and
   * {@code close} the event that closes the set; {@code arrivals} is the block of the two, so
   * that walkers see both receives as steps of the workflow. {@code quiet} ({@code within} after
   * the item) closes the set when no item has arrived for that long; {@code within} (after
   * {@code until}) closes it that long after the loop began. {@code until within D} has no
   * closing event.
   */
  record ForEachArriving(Receive item, Optional<Expr> quiet, Optional<Receive> close, Optional<Expr> within,
      Block arrivals, java.util.OptionalInt join, Block body, Doc doc, SourceSpan span) implements Stmt {
    /** The loop variable: the item's receive's name. */
    public Name variable() {
      return item.name();
    }

    /**
     * What closes the set, in words: {@code closed}, {@code closed or within 2d}, {@code within 2d};
     * with a quiet time, followed by {@code , or no bid within 1h}. {@code close} words the closing event.
     */
    public String closing(java.util.function.Function<Receive, String> closeWords) {
      List<String> parts = new java.util.ArrayList<>();
      close.ifPresent(c -> parts.add(closeWords.apply(c)));
      within.ifPresent(w -> parts.add("within " + ExprPrinter.print(w)));
      String out = String.join(" or ", parts);
      return quiet.map(q -> out + ", or no " + item.name().text() + " within " + ExprPrinter.print(q)).orElse(out);
    }
  }

  /**
   * {@code continue as new [with (field: value, …)]}: ends this instance (completed, continued as
   * new) and starts the same workflow afresh with that input, in one commit.
   */
  record ContinueAsNew(List<Argument> arguments, Doc doc, SourceSpan span) implements Stmt {
    public ContinueAsNew {
      arguments = List.copyOf(arguments);
    }
  }
}
