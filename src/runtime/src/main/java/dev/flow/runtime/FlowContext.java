package dev.flow.runtime;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a workflow's {@code run} method calls for every step. The engine gives each run a
 * context; on a resumed instance the context answers every step that already has an outcome
 * from the instance's history (replay) and only does what is new. When a step must wait (for a
 * person, a timer, an event, a child workflow), the call does not return: the run unwinds and
 * the instance waits until what it waits for arrives, then runs again from the top.
 *
 * <p>Statements that end the instance or jump return an exception for the generated code to
 * throw ({@code throw ctx.fail("…")}), so that Java knows the statement does not fall through.
 * Generated code never catches them.
 */
public interface FlowContext {
  /** The id of the running instance. */
  String instanceId();

  // ---- steps for systems -------------------------------------------------------------------

  /**
   * {@code step NAME by System.action(…)}: calls the action with these arguments (one per
   * parameter, in order), with the step's retries and time limit, and returns its result
   * ({@code null} for an action without one).
   */
  <R> R action(ActionStep<?, R> step, Object... arguments);

  /**
   * The same, for an action of one parameter: generated code compiled against this interface calls
   * it (Java prefers it to the varargs form), so a context may call the connector without making an
   * array per call. Code compiled before it calls the varargs form, which stays.
   */
  default <R> R action(ActionStep<?, R> step, Object argument) {
    return action(step, new Object[] {argument});
  }

  /**
   * The same, for one argument of Flow's {@code Int} (Java's {@code long}): generated code compiled
   * against this interface calls it (Java prefers it to boxing), so a context may pass a box it
   * already has for the same value (most often the previous step's result) instead of a new one.
   * The connector gets a {@code Long}, as before. Code compiled before it boxes and calls
   * {@link #action(ActionStep, Object)}, which stays.
   */
  default <R> R action(ActionStep<?, R> step, long argument) {
    return action(step, (Object) argument);
  }

  /**
   * The same, for an {@code int} argument (hand-written code): boxed as an {@code Integer}, as
   * before {@link #action(ActionStep, long)} was there (without this, Java would widen it to a {@code long}).
   */
  default <R> R action(ActionStep<?, R> step, int argument) {
    return action(step, (Object) argument);
  }

  /** The same, for a {@code char} argument: boxed as a {@code Character}, as before (not widened). */
  default <R> R action(ActionStep<?, R> step, char argument) {
    return action(step, (Object) argument);
  }

  /** The same, for a {@code short} argument: boxed as a {@code Short}, as before (not widened). */
  default <R> R action(ActionStep<?, R> step, short argument) {
    return action(step, (Object) argument);
  }

  /** The same, for a {@code byte} argument: boxed as a {@code Byte}, as before (not widened). */
  default <R> R action(ActionStep<?, R> step, byte argument) {
    return action(step, (Object) argument);
  }

  /** The same, for an action of two parameters. */
  default <R> R action(ActionStep<?, R> step, Object first, Object second) {
    return action(step, new Object[] {first, second});
  }

  /** The same, for an action of three parameters. */
  default <R> R action(ActionStep<?, R> step, Object first, Object second, Object third) {
    return action(step, new Object[] {first, second, third});
  }

  /**
   * The same, for a step with {@code compensate with}: when the step completes, {@code undo} is
   * given its result and returns the compensation's arguments, evaluated then (so each occurrence
   * of a step in a loop undoes what that occurrence did); they are recorded with the step's outcome.
   */
  <R> R actionWithUndo(ActionStep<?, R> step, Object[] arguments, Function<? super R, Object[]> undo);

  // ---- steps for people --------------------------------------------------------------------

  /** {@code step NAME by ROLE { form }}: a task in the inbox; returns the completed form ({@code null} without fields). */
  <F> F task(TaskStep<F> step);

  /** {@code approval NAME by ROLE}. */
  Approval approval(ApprovalStep step);

  /** A task whose result is read with who completed it and when ({@code review.completedBy}, {@code review.completedAt}). */
  <F> Completed<F> completedTask(TaskStep<F> step);

  /** An approval whose result is read with who decided it and when. */
  Completed<Approval> completedApproval(ApprovalStep step);

  /** {@code notify TARGET [via SYSTEM] MESSAGE}; {@code via} is the system's qualified name or {@code null}. */
  void notify(Recipient recipient, String via, String message);

  /**
   * {@code emit EVENT}: publishes the event (it starts and wakes workflows as a published event
   * does) once, after it is recorded; not again on replay.
   */
  void emit(Object event);

  // ---- time and events ---------------------------------------------------------------------

  /** {@code wait DURATION}. */
  void await(Duration duration);

  /** {@code wait until TIMESTAMP}. */
  void awaitUntil(Instant instant);

  /** {@code wait until DATE}: the start of that day in the engine's zone. */
  void awaitUntil(LocalDate date);

  /** {@code receive NAME: EVENT where COND within D}; {@code where} is evaluated on each published event. */
  <E> E receive(ReceiveStep<E> step, Predicate<? super E> where);

  /**
   * The same, for a receive with a correlation: {@code correlation} has the values its
   * {@code ev.field == value} equalities require, in the order of the step's
   * {@link ReceiveStep#correlation()}, evaluated now; {@code where} is the rest of the condition.
   */
  <E> E receive(ReceiveStep<E> step, Object[] correlation, Predicate<? super E> where);

  /** {@code now()}: the time, recorded so that a replay sees the same value. */
  Instant now();

  /** {@code today()}: the date in the engine's zone, recorded so that a replay sees the same value. */
  LocalDate today();

  // ---- other workflows ---------------------------------------------------------------------

  /** {@code call NAME: WORKFLOW(…)}: runs it to its end and returns its outputs; fails when it fails. */
  <I, O> O call(CallStep<O> step, I input);

  /** {@code start WORKFLOW(…)}: starts it and goes on. */
  <I> void start(String workflow, I input);

  // ---- concurrency and repetition ----------------------------------------------------------

  /** {@code parallel { … }}: every enabled branch, then join. A failure in one cancels the others. */
  void parallel(Branch... branches);

  /** {@code first { … }}: the first branch to end wins, the others are cancelled; returns the winner's name. */
  String first(Branch... branches);

  /**
   * {@code first N { … }}: every branch starts; when {@code count} of them have ended the others
   * are cancelled. Returns the branches that ended, in the order they did.
   */
  java.util.List<String> first(int count, Branch... branches);

  /**
   * {@code first to start { … }}: the first branch to <em>start</em> wins, the others are cancelled;
   * returns the winner's name. A branch that begins with a person's step starts when its task is
   * claimed (or completed without a claim): it calls {@link #leadingTask} before that step. A branch
   * that begins by waiting starts when that wait ends: it calls {@link #started} after it. Any other
   * branch starts when it ends, as in {@link #first(Branch...)}. Code generated before this method
   * existed calls {@code first}; a context without it decides by the first branch to end.
   */
  default String firstToStart(Branch... branches) {
    return first(branches);
  }

  /**
   * In a branch of {@code first to start}: the person's step that comes next is the branch's
   * leading task, whose first claim (or completion without one) decides the {@code first}.
   */
  default void leadingTask() {
    // A context without first to start: the branch decides when it ends.
  }

  /** In a branch of {@code first to start}: its leading wait has ended, so the branch has started and wins. */
  default void started() {
    // A context without first to start: the branch decides when it ends.
  }

  /**
   * {@code parallel join N { … }}: every enabled branch starts; the workflow goes on once
   * {@code count} of them (or every enabled one, if fewer) have ended, while the others run on to
   * their end; the instance ends only when they have. With {@code count} 0 it goes on at once
   * ({@code start each}, WCP 12).
   */
  void parallelJoin(int count, Branch... branches);

  /**
   * {@code for each VAR in LIST in parallel join N { … }}: every item at once; goes on after
   * {@code count} rounds (or all, if fewer) while the others run on to their end, as
   * {@link #parallelJoin}.
   */
  <T> void forEachInParallelJoin(String variable, int count, List<T> items, Iteration<? super T> body);

  /**
   * {@code for each VAR in LIST in parallel first N { … }}: every item at once; ends when
   * {@code count} rounds (or all, if fewer) have ended and cancels the others, as {@link #first(int, Branch...)}.
   */
  <T> void forEachInParallelFirst(String variable, int count, List<T> items, Iteration<? super T> body);

  /**
   * A parallel {@code for each} whose items arrive while it runs (WCP 15, 36): {@code next} runs
   * again and again, each time in a scope of its own ({@code VAR+1}, {@code VAR+2}, …), and every
   * item it gives starts a round at once ({@code VAR[1]}, …) while the others run; once it gives
   * none, no more come. With {@code count} 0 it ends when no more come and every round has ended;
   * with {@code count} N it goes on after N rounds have ended (or every round, if fewer come):
   * from then on no more are taken, and the rounds still running run on to their end, as
   * {@link #parallelJoin}.
   */
  <T> void forEachArriving(String variable, int count, Arrival<T> next, Iteration<? super T> body);

  /**
   * {@code exclusive NAME { … }}: runs {@code body} when no other {@code exclusive NAME} block of
   * the instance runs, and keeps the others out until it has ended (a critical section).
   */
  void exclusive(String name, Body body);

  /**
   * A branch of {@code interleaved} whose first statement is a person's step ({@code task} or
   * {@code approval}): that task is offered at once, outside the critical section {@code name};
   * its first claim (or a completion without one) takes the section for the branch, and while
   * another branch holds it, claims and completions are refused. The branch leaves the section
   * when {@code body} ends. Code generated before this method existed calls {@link #exclusive}.
   */
  default void exclusiveByClaim(String name, Body body) {
    exclusive(name, body);
  }

  /**
   * {@code region NAME { … }}: runs {@code body} as a block of the cancel region {@code name}. A
   * {@code cancel region NAME} of the instance withdraws the block where it stands (its tasks
   * withdrawn, its calls cancelled, its timers and receives dropped, as a losing {@code first}
   * branch) and the workflow goes on after it; a block reached once its region is cancelled is
   * skipped. The default (a backend that cannot) fails.
   */
  default void region(String name, Body body) {
    throw fail("cancel regions are not supported by this runner");
  }

  /** {@code cancel region NAME}: cancels the region {@code name} for the rest of the instance's life. */
  default void cancelRegion(String name) {
    throw fail("cancel regions are not supported by this runner");
  }

  /** {@code signal NAME}: keeps one of the signal for a {@code wait for NAME} of the instance. */
  void signal(String name);

  /** {@code wait for NAME}: goes on when a signal of that name is kept (raised before or later), taking it. */
  void waitFor(String name);

  /** {@code for each VAR in LIST { … }}: one item after another; {@code variable} names iterations in the history. */
  <T> void forEach(String variable, List<T> items, Iteration<? super T> body);

  /** {@code for each VAR in LIST in parallel { … }}: every item at once, then join. */
  <T> void forEachInParallel(String variable, List<T> items, Iteration<? super T> body);

  /**
   * {@code let NAME = for each VAR in LIST { …; yield VALUE }}: one item after another; returns
   * the rounds' values in item order (an unmodifiable list that keeps {@code null}s).
   */
  <T, R> List<R> collect(String variable, List<T> items, Yielding<? super T, ? extends R> body);

  /**
   * {@code let NAME = for each VAR in LIST in parallel { …; yield VALUE }}: every item at once,
   * then join; returns the rounds' values in item order, whatever order the rounds ended in.
   */
  <T, R> List<R> collectInParallel(String variable, List<T> items, Yielding<? super T, ? extends R> body);

  /** {@code repeat at most N times { … } until COND} ({@code until} may be {@code null}: all N rounds). */
  void repeat(long maxTimes, Body body, BooleanSupplier until);

  /** {@code while COND { … }}. */
  void loop(BooleanSupplier condition, Body body);

  /**
   * A {@code while} for hand-written workflows that keep the loop's state in a value rather than in
   * the workflow object's fields: while {@code condition} holds of the state, runs a round, which
   * returns the next state; returns the last one. When the definition says
   * {@code loopCheckpoints()}, the engine checkpoints such a loop (at the top of the workflow, outside
   * any branch) as it does generated code's: the checkpoint holds the state (encoded by the history
   * codec, read back as the initial value's class), so a resume after an eviction or a restart
   * starts at a later round instead of replaying every one. Everything a round changes that a later
   * round or the code after the loop reads must be in the state.
   */
  @SuppressWarnings("unchecked")
  default <S> S loop(S initial, java.util.function.Predicate<? super S> condition,
      java.util.function.UnaryOperator<S> round) {
    Object[] state = {initial};
    loop(() -> condition.test((S) state[0]), () -> state[0] = round.apply((S) state[0]));
    return (S) state[0];
  }

  /** A block holding {@code go to} targets, cut into segments at each target. */
  void block(Segment... segments);

  /** {@code go to STEP}: {@code throw ctx.goTo("step")}. */
  RuntimeException goTo(String step);

  // ---- failure and ending ------------------------------------------------------------------

  /**
   * {@code try { … } catch error { … }}: when a step fails inside the body (after its retries),
   * a {@code receive} times out, a call fails or a {@code fail} runs, the compensations of the
   * steps that completed in the body run in reverse order, then the handler.
   */
  void attempt(Body body, Handler handler);

  /**
   * A failure that none of a {@code try}'s typed {@code catch} clauses handles, and that has no
   * untyped {@code catch}: {@code throw ctx.rethrow(error)} lets it go on, unchanged, to the
   * enclosing {@code try} or the end of the instance.
   */
  RuntimeException rethrow(FlowError error);

  /** {@code fail MESSAGE}: {@code throw ctx.fail("…")}. */
  RuntimeException fail(String message);

  /**
   * {@code fail CardDeclined(reason: …)}: {@code throw ctx.raise(new CardDeclined(…))} fails with a
   * declared error of the workflow ({@code fails CardDeclined}) at the step {@code fail}, like an
   * action that ended with it: a typed {@code catch} receives its value, in this workflow or, across
   * {@code call}, in a caller.
   */
  default RuntimeException raise(Record error) {
    return rethrow(new FlowError("fail", Expressions.text(error), error));
  }

  /** {@code complete}: {@code throw ctx.complete(outputs)}. */
  RuntimeException complete(Object output);

  /**
   * Continue-as-new: ends this instance's history here and starts the workflow over as a new
   * instance with {@code input} (the state it carries on) and a fresh history, so a long-lived
   * workflow's history does not grow without end. Throw what it returns, at the top of the
   * workflow or in a loop (not in a branch of {@code parallel} or {@code first}). The instance ends COMPLETED with the message
   * {@code continued as new as ID}; the new one (its {@code parentId} is the old one) holds the old
   * one's key, if it held one. What the old one still had open (tasks, timers, receives) is
   * withdrawn, its registered compensations are dropped, and it takes no kept event published
   * before it continued. A workflow started by {@code call} may continue as new too: its caller
   * waits for the chain's last instance and gets its outputs. The default (a backend that cannot)
   * fails the instance with a clear message.
   */
  default RuntimeException continueAsNew(Object input) {
    return fail("continue as new is not supported by this runner");
  }

  /** {@code cancel REASON}: {@code throw ctx.cancel("…")}; not caught by {@code try}. */
  RuntimeException cancel(String reason);
}
