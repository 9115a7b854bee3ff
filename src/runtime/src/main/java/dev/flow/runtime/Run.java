package dev.flow.runtime;

import dev.flow.runtime.HistoryEvent.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One run of an instance's {@code run} method: the {@link FlowContext} it calls. It answers every
 * step that has an outcome in the history (replay), does what is new, and collects what the run
 * must wait for. Only the engine's thread uses it, under the engine's lock.
 */
final class Run implements FlowContext {
  /** How many steps and jumps one run may take: more means a loop that never waits. */
  private static final long BUDGET = 1_000_000;

  private final Engine engine;
  private final Live live;
  private String scope = "";
  private final Map<String, Integer> occurrences = new HashMap<>();
  private final Map<String, Integer> cursors = new HashMap<>();
  private final LinkedHashMap<String, PendingWait> waits = new LinkedHashMap<>();
  private final List<Registered> compensations = new ArrayList<>();
  private int cancelledDepth;
  private long budget = BUDGET;
  private String lastStep = "";

  /** A compensation registered by a completed step. */
  private record Registered(String stepId, String step, Action<?, ?> action, Object[] arguments) {}

  Run(Engine engine, Live live) {
    this.engine = engine;
    this.live = live;
  }

  Map<String, PendingWait> waits() {
    return waits;
  }

  String lastStep() {
    return lastStep;
  }

  @Override
  public String instanceId() {
    return live.id;
  }

  // ---- identity and replay checks ----------------------------------------------------------

  /**
   * The id of the next occurrence of a step in the current scope, checked against the history:
   * replay must ask for the steps of each scope in the order they were first recorded.
   */
  private String next(String name, String kind) {
    spend();
    String occurrenceKey = scope + "\u0000" + name;
    int n = occurrences.merge(occurrenceKey, 1, Integer::sum);
    String id = (scope.isEmpty() ? "" : scope + "/") + name + (n > 1 ? "#" + n : "");
    int position = cursors.merge(scope, 1, Integer::sum) - 1;
    List<String> recorded = live.sequence(scope);
    if (position < recorded.size() && !recorded.get(position).equals(id)) {
      throw new NonDeterminismException("instance " + live.id + " of " + live.workflow() + " no longer matches its history: "
          + "replay reached " + describe(kind, id) + " where the history has " + describe(live.kindOf(recorded.get(position)),
          recorded.get(position)) + " (was the workflow changed under a running instance? give it a new version instead)");
    }
    String recordedKind = live.kindOf(id);
    if (recordedKind != null && !recordedKind.equals(kind)) {
      throw new NonDeterminismException("instance " + live.id + " of " + live.workflow() + " no longer matches its history: "
          + "replay reached " + describe(kind, id) + " where the history has " + describe(recordedKind, id));
    }
    lastStep = name;
    return id;
  }

  private static String describe(String kind, String id) {
    String shown = id.replace("@", "");
    return kind == null ? "`" + shown + "`" : "the " + kind + " `" + shown + "`";
  }

  private void spend() {
    if (--budget < 0) {
      throw new IllegalStateException("the workflow took " + BUDGET + " steps without waiting once: it loops forever");
    }
  }

  private boolean cancelled() {
    return cancelledDepth > 0;
  }

  private void append(String stepId, String step, String kind, Type type, Object value, String detail) {
    engine.append(live, stepId, step, kind, type, value, detail);
  }

  private Signals.Signal suspend(PendingWait wait) {
    waits.put(wait.key(), wait);
    return Signals.Suspend.INSTANCE;
  }

  private Signals.Failure failure(String step, String message) {
    return new Signals.Failure(new FlowError(step, message));
  }

  private <T> T enter(String part, java.util.function.Supplier<T> body) {
    String outer = scope;
    scope = scope.isEmpty() ? part : scope + "/" + part;
    try {
      return body.get();
    } finally {
      scope = outer;
    }
  }

  private void enter(String part, Body body) {
    enter(part, () -> {
      body.run();
      return null;
    });
  }

  /** Drops the waits that the given scope (a cancelled branch) and the scopes in it asked for. */
  private void dropWaits(String droppedScope) {
    waits.values().removeIf(w -> w.scope().equals(droppedScope) || w.scope().startsWith(droppedScope + "/"));
  }

  private String childScope(String part) {
    return scope.isEmpty() ? part : scope + "/" + part;
  }

  // ---- steps for systems -------------------------------------------------------------------

  @Override
  public <R> R action(ActionStep<?, R> step, Object... arguments) {
    return invoke(step, arguments.clone(), null);
  }

  @Override
  public <R> R actionWithUndo(ActionStep<?, R> step, Object[] arguments, Function<? super R, Object[]> undo) {
    return invoke(step, arguments.clone(), undo);
  }

  private <S, R> R invoke(ActionStep<S, R> step, Object[] arguments, Function<? super R, Object[]> compensation) {
    String id = next(step.name(), "action");
    Optional<HistoryEvent> completed = live.last(id, Type.ACTION_COMPLETED);
    if (completed.isPresent()) {
      R result = cast(completed.get().value());
      register(id, step, compensation, result);
      return result;
    }
    Optional<HistoryEvent> failed = live.last(id, Type.ACTION_FAILED);
    if (failed.isPresent()) {
      throw failure(step.name(), failed.get().detail());
    }
    if (cancelled()) {
      throw Signals.BranchCancelled.INSTANCE;
    }
    if (waits.containsKey("action:" + id) || engine.inFlight(live, id)) {
      throw suspend(new PendingWait.ActionWait(scope, id, step.name(), step.systemName()));
    }
    long failures = live.count(id, Type.ATTEMPT_FAILED);
    if (failures > 0) {
      String timerKey = id + "~retry" + failures;
      if (!live.has(timerKey, Type.TIMER_FIRED)) {
        Instant failedAt = live.last(id, Type.ATTEMPT_FAILED).orElseThrow().at();
        Instant due = failedAt.plus(step.retry().delayAfter(failures));
        if (due.isAfter(engine.now())) {
          throw suspend(new PendingWait.TimerWait(scope, id, step.name(), timerKey, due, false));
        }
      }
    }
    Engine.Attempt outcome = engine.attempt(live, id, step, arguments, failures + 1);
    switch (outcome.kind()) {
      case COMPLETED -> {
        R result = cast(outcome.value());
        register(id, step, compensation, result);
        return result;
      }
      case RUNNING -> throw suspend(new PendingWait.ActionWait(scope, id, step.name(), step.systemName()));
      case RETRY -> {
        String timerKey = id + "~retry" + (failures + 1);
        throw suspend(new PendingWait.TimerWait(scope, id, step.name(), timerKey, outcome.retryAt(), false));
      }
      case FAILED -> throw failure(step.name(), outcome.message());
      default -> throw new IllegalStateException("unknown attempt outcome " + outcome.kind());
    }
  }

  /** Makes the compensation of a completed step, its arguments evaluated now, and keeps it. */
  private <R> void register(String id, ActionStep<?, R> step, Function<? super R, Object[]> compensation, R result) {
    if (compensation != null && step.compensation().isPresent()) {
      compensations.add(new Registered(id, step.name(), step.compensation().get(), compensation.apply(result).clone()));
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }

  // ---- steps for people --------------------------------------------------------------------

  @Override
  public <F> F task(TaskStep<F> step) {
    String id = next(step.name(), "task");
    return awaitTask(id, step.name(), "task", step.role(), step.escalateTo(), step.within(), step.form(), step.doc());
  }

  @Override
  public Approval approval(ApprovalStep step) {
    String id = next(step.name(), "approval");
    return awaitTask(id, step.name(), "approval", step.role(), step.escalateTo(), step.within(), ApprovalStep.FORM, step.doc());
  }

  private <F> F awaitTask(String id, String step, String kind, String role, String escalateTo,
      Optional<Duration> within, Form<F> form, String doc) {
    Optional<HistoryEvent> done = live.last(id, Type.TASK_COMPLETED);
    if (done.isPresent()) {
      return cast(done.get().value());
    }
    if (cancelled()) {
      throw Signals.BranchCancelled.INSTANCE;
    }
    Optional<HistoryEvent> created = live.last(id, Type.TASK_CREATED);
    if (created.isEmpty()) {
      append(id, step, kind, Type.TASK_CREATED, null, kind + " by " + role);
      engine.log(live, step, "start", role);
      created = live.last(id, Type.TASK_CREATED);
    }
    throw suspend(new PendingWait.TaskWait(scope, id, step, kind, role, escalateTo, within, form, doc, created.get().at()));
  }

  @Override
  public void notify(Recipient recipient, String via, String message) {
    String id = next("@notify", "notify");
    if (live.has(id, Type.NOTIFIED)) {
      return;
    }
    if (cancelled()) {
      throw Signals.BranchCancelled.INSTANCE;
    }
    engine.notify(live, id, recipient, via, message);
  }

  // ---- time and events ---------------------------------------------------------------------

  @Override
  public void await(Duration duration) {
    String id = next("@wait", "wait");
    sleep(id, "wait", () -> engine.now().plus(duration));
  }

  @Override
  public void awaitUntil(Instant instant) {
    String id = next("@wait", "wait");
    sleep(id, "wait", () -> instant);
  }

  @Override
  public void awaitUntil(LocalDate date) {
    awaitUntil(date.atStartOfDay(engine.zone()).toInstant());
  }

  private void sleep(String id, String step, java.util.function.Supplier<Instant> dueIfNew) {
    if (live.has(id, Type.TIMER_FIRED)) {
      return;
    }
    if (cancelled()) {
      throw Signals.BranchCancelled.INSTANCE;
    }
    Optional<HistoryEvent> set = live.last(id, Type.TIMER_SET);
    Instant due;
    if (set.isPresent()) {
      due = (Instant) set.get().value();
    } else {
      due = dueIfNew.get();
      append(id, step, "wait", Type.TIMER_SET, due, "until " + due);
      engine.log(live, step, "start", "");
    }
    if (!due.isAfter(engine.now())) {
      append(id, step, "wait", Type.TIMER_FIRED, null, "");
      engine.log(live, step, "complete", "");
      return;
    }
    throw suspend(new PendingWait.TimerWait(scope, id, step, id, due, false));
  }

  @Override
  public <E> E receive(ReceiveStep<E> step, Object[] correlation, Predicate<? super E> where) {
    List<String> keys = step.keys(correlation);
    return receive(step, e -> keys.equals(step.keysOf(e)) && where.test(e));
  }

  @Override
  public <E> E receive(ReceiveStep<E> step, Predicate<? super E> where) {
    String id = next(step.name(), "receive");
    Optional<HistoryEvent> received = live.last(id, Type.EVENT_RECEIVED);
    if (received.isPresent()) {
      return cast(received.get().value());
    }
    if (live.has(id, Type.RECEIVE_TIMED_OUT)) {
      throw failure(step.name(), "no " + step.event().getSimpleName() + " arrived within "
          + Engine.words(step.within().orElse(Duration.ZERO)));
    }
    if (cancelled()) {
      throw Signals.BranchCancelled.INSTANCE;
    }
    Optional<HistoryEvent> waiting = live.last(id, Type.RECEIVE_WAITING);
    if (waiting.isEmpty()) {
      Instant due = step.within().map(engine.now()::plus).orElse(null);
      append(id, step.name(), "receive", Type.RECEIVE_WAITING, due,
          step.event().getSimpleName() + (due == null ? "" : " until " + due));
      engine.log(live, step.name(), "start", "");
      waiting = live.last(id, Type.RECEIVE_WAITING);
    }
    Class<E> event = step.event();
    Predicate<Object> correlation = e -> event.isInstance(e) && where.test(event.cast(e));
    waits.put("receive:" + id, new PendingWait.ReceiveWait(scope, id, step.name(), event, correlation));
    Instant due = (Instant) waiting.get().value();
    if (due != null) {
      waits.put("timer:" + id + "~within", new PendingWait.TimerWait(scope, id, step.name(), id + "~within", due, true));
    }
    throw Signals.Suspend.INSTANCE;
  }

  @Override
  public Instant now() {
    String id = next("@now", "now");
    Optional<HistoryEvent> read = live.last(id, Type.CLOCK_READ);
    if (read.isPresent()) {
      return (Instant) read.get().value();
    }
    if (cancelled()) {
      throw Signals.BranchCancelled.INSTANCE;
    }
    Instant now = engine.now();
    append(id, "now", "now", Type.CLOCK_READ, now, now.toString());
    return now;
  }

  @Override
  public LocalDate today() {
    String id = next("@today", "today");
    Optional<HistoryEvent> read = live.last(id, Type.CLOCK_READ);
    if (read.isPresent()) {
      return (LocalDate) read.get().value();
    }
    if (cancelled()) {
      throw Signals.BranchCancelled.INSTANCE;
    }
    LocalDate today = LocalDate.ofInstant(engine.now(), engine.zone());
    append(id, "today", "today", Type.CLOCK_READ, today, today.toString());
    return today;
  }

  // ---- other workflows ---------------------------------------------------------------------

  @Override
  public <I, O> O call(CallStep<O> step, I input) {
    String id = next(step.name(), "call");
    Optional<HistoryEvent> completed = live.last(id, Type.CHILD_COMPLETED);
    if (completed.isPresent()) {
      return step.output().cast(completed.get().value());
    }
    Optional<HistoryEvent> failed = live.last(id, Type.CHILD_FAILED);
    if (failed.isPresent()) {
      throw failure(step.name(), failed.get().detail());
    }
    if (cancelled()) {
      throw Signals.BranchCancelled.INSTANCE;
    }
    Optional<HistoryEvent> started = live.last(id, Type.CHILD_STARTED);
    String childId = started.isPresent()
        ? started.get().detail()
        : engine.startChild(live, id, step.name(), step.workflow(), input);
    throw suspend(new PendingWait.ChildWait(scope, id, step.name(), childId));
  }

  @Override
  public <I> void start(String workflow, I input) {
    String id = next("@start", "start");
    if (live.has(id, Type.CHILD_STARTED)) {
      return;
    }
    if (cancelled()) {
      throw Signals.BranchCancelled.INSTANCE;
    }
    engine.startChild(live, id, "start", workflow, input, false);
  }

  // ---- concurrency and repetition ----------------------------------------------------------

  @Override
  public void parallel(Branch... branches) {
    List<Branch> enabled = new ArrayList<>();
    for (Branch branch : branches) {
      if (branch.enabled()) {
        enabled.add(branch);
      }
    }
    List<String> scopes = new ArrayList<>();
    for (Branch branch : enabled) {
      scopes.add(childScope(branch.name()));
    }
    join(scopes, i -> enter(enabled.get(i).name(), enabled.get(i).body()));
  }

  @Override
  public <T> void forEachInParallel(String variable, List<T> items, Iteration<? super T> body) {
    List<T> copy = List.copyOf(items);
    List<String> scopes = new ArrayList<>();
    for (int i = 0; i < copy.size(); i++) {
      scopes.add(childScope(variable + "[" + (i + 1) + "]"));
    }
    join(scopes, i -> enter(variable + "[" + (i + 1) + "]", () -> body.run(copy.get(i))));
  }

  /**
   * Runs every branch; a branch that must wait lets the others go on. A failure in one branch
   * cancels the others (their waits are dropped) and goes on outwards; the join waits when any
   * branch waits.
   */
  private void join(List<String> scopes, java.util.function.IntConsumer runBranch) {
    boolean waiting = false;
    for (int i = 0; i < scopes.size(); i++) {
      try {
        runBranch.accept(i);
      } catch (Signals.Suspend suspend) {
        waiting = true;
      } catch (RuntimeException failure) {
        for (int j = 0; j < scopes.size(); j++) {
          if (j != i) {
            dropWaits(scopes.get(j));
          }
        }
        throw failure;
      }
    }
    if (waiting) {
      throw Signals.Suspend.INSTANCE;
    }
  }

  @Override
  public String first(Branch... branches) {
    String id = next("@first", "first");
    Optional<HistoryEvent> decided = live.last(id, Type.FIRST_DECIDED);
    if (decided.isPresent()) {
      String winner = decided.get().detail();
      for (Branch branch : branches) {
        if (branch.name().equals(winner)) {
          enter(branch.name(), branch.body());
        } else {
          runCancelled(branch);
        }
      }
      return winner;
    }
    boolean waiting = false;
    for (int i = 0; i < branches.length; i++) {
      Branch branch = branches[i];
      try {
        enter(branch.name(), branch.body());
      } catch (Signals.Suspend suspend) {
        waiting = true;
        continue;
      } catch (RuntimeException failure) {
        for (int j = 0; j < branches.length; j++) {
          if (j != i) {
            dropWaits(childScope(branches[j].name()));
          }
        }
        throw failure;
      }
      // This branch ended first: it wins, the others are cancelled. The branches not run yet in
      // this run are replayed up to where they stopped, as every later replay will.
      append(id, "first", "first", Type.FIRST_DECIDED, null, branch.name());
      for (int j = 0; j < branches.length; j++) {
        if (j < i) {
          dropWaits(childScope(branches[j].name()));
        } else if (j > i) {
          runCancelled(branches[j]);
        }
      }
      return branch.name();
    }
    if (waiting) {
      throw Signals.Suspend.INSTANCE;
    }
    throw new IllegalStateException("a first without branches");
  }

  /** Replays a losing branch up to its first step without an outcome, keeping what it set. */
  private void runCancelled(Branch branch) {
    cancelledDepth++;
    try {
      enter(branch.name(), branch.body());
    } catch (Signals.BranchCancelled | Signals.Suspend stopped) {
      // It stops here: a cancelled branch keeps the writes it made before it was cancelled.
    } finally {
      cancelledDepth--;
      dropWaits(childScope(branch.name()));
    }
  }

  @Override
  public <T> void forEach(String variable, List<T> items, Iteration<? super T> body) {
    List<T> copy = List.copyOf(items);
    for (int i = 0; i < copy.size(); i++) {
      T item = copy.get(i);
      enter(variable + "[" + (i + 1) + "]", () -> body.run(item));
    }
  }

  @Override
  public void repeat(long maxTimes, Body body, BooleanSupplier until) {
    for (long round = 1; round <= maxTimes; round++) {
      spend();
      enter("repeat[" + round + "]", body);
      if (until != null && until.getAsBoolean()) {
        return;
      }
    }
  }

  @Override
  public void loop(BooleanSupplier condition, Body body) {
    for (long round = 1; condition.getAsBoolean(); round++) {
      spend();
      enter("while[" + round + "]", body);
    }
  }

  @Override
  public void block(Segment... segments) {
    int at = 0;
    while (at < segments.length) {
      try {
        segments[at].body().run();
        at++;
      } catch (Signals.Jump jump) {
        spend();
        int target = -1;
        for (int i = 0; i < segments.length; i++) {
          if (jump.target.equals(segments[i].label())) {
            target = i;
          }
        }
        if (target < 0) {
          throw jump;
        }
        at = target;
      }
    }
  }

  @Override
  public RuntimeException goTo(String step) {
    return new Signals.Jump(step);
  }

  // ---- failure and ending ------------------------------------------------------------------

  @Override
  public void attempt(Body body, Handler handler) {
    int mark = compensations.size();
    FlowError error;
    try {
      body.run();
      return;
    } catch (Signals.Failure failure) {
      error = failure.error;
    } catch (RuntimeException unexpected) {
      if (Signals.isSignal(unexpected)) {
        throw unexpected;
      }
      error = new FlowError(lastStep, Engine.describe(unexpected));
    }
    compensate(mark);
    handler.handle(error);
  }

  /** Undoes, newest first, the completed steps registered since {@code mark}. */
  void compensate(int mark) {
    while (compensations.size() > mark) {
      Registered registered = compensations.remove(compensations.size() - 1);
      engine.compensate(live, "compensate:" + registered.stepId(), registered.step(), registered.action(),
          registered.arguments());
    }
  }

  @Override
  public RuntimeException fail(String message) {
    return new Signals.Failure(new FlowError("fail", message));
  }

  @Override
  public RuntimeException complete(Object output) {
    return new Signals.Completion(output);
  }

  @Override
  public RuntimeException cancel(String reason) {
    return new Signals.Cancellation(reason);
  }
}
