package dev.flow.runtime.replay;

import dev.flow.runtime.ActionStep;
import dev.flow.runtime.Approval;
import dev.flow.runtime.ApprovalStep;
import dev.flow.runtime.Body;
import dev.flow.runtime.Branch;
import dev.flow.runtime.CallStep;
import dev.flow.runtime.Completed;
import dev.flow.runtime.FlowContext;
import dev.flow.runtime.FlowError;
import dev.flow.runtime.Form;
import dev.flow.runtime.Handler;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Iteration;
import dev.flow.runtime.Yielding;
import dev.flow.runtime.NonDeterminismException;
import dev.flow.runtime.ReceiveStep;
import dev.flow.runtime.Recipient;
import dev.flow.runtime.Segment;
import dev.flow.runtime.TaskStep;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.TimerPurpose;
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
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One run of an instance's workflow code: the {@link FlowContext} it calls. Every step that has
 * an outcome in the history is answered from it (replay); a step without one becomes a command
 * that {@link Effects} commits (and, for an action, performs) before the run goes on, or a wait.
 * Steps are identified by their scope path and occurrence, and each scope must ask for its steps
 * in the order the history recorded them. The backend-neutral part of the runtime: it decides, it
 * never does.
 */
public final class Interpreter implements FlowContext {
  /** How many new steps, rounds and jumps one run may take without waiting: more is a loop that never waits. */
  private static final long BUDGET = 1_000_000;
  /** Who a task given by {@code assign to} was assigned by, in its {@code TaskAssigned}. */
  public static final String ASSIGNED_BY_WORKFLOW = "workflow";

  private final String instanceId;
  private final String workflow;
  private final History history;
  private final Effects effects;
  /**
   * What few runs use (scopes but the top one, {@code first}s, {@code parallel}s, sections, cancelled branches):
   * {@link Rare#NONE}, shared and never written, until the first of it is written ({@link #rare()}); a run of system
   * steps only has none of its own.
   */
  private Rare rare = Rare.NONE;
  /** The top scope's ({@code ""}) frame, or {@code null} until a step in it asks. */
  private Frame topFrame;
  /** The frame of {@link #scope}, or {@code null} until a step in it asks. */
  private Frame frame;
  /** What the run waits for, by id: {@link #NO_WAITS} until it first waits (a run that never waits makes no map). */
  private Map<String, Wait> waits = NO_WAITS;
  private static final Map<String, Wait> NO_WAITS = java.util.Collections.emptyMap();
  private final int recordedSteps;
  private String scope = "";
  private long budget = BUDGET;
  private int replayed;
  private String lastStep = "";
  private Parking parking;
  /** The workflow object the run runs on, whose fields loop checkpoints save and restore; {@code null}: none are used. */
  private Object workflowObject;

  public Interpreter(String instanceId, String workflow, History history, Effects effects) {
    this.instanceId = instanceId;
    this.workflow = workflow;
    this.history = history;
    this.effects = effects;
    this.recordedSteps = history.sequencedSteps();
  }

  /** Lets the run park at a wait outside any concurrent construct instead of unwinding (see {@link Parking}). */
  public void parkWith(Parking parking) {
    this.parking = parking;
  }

  /**
   * The workflow object this run runs on: with it, loops at the top of the workflow write and use
   * checkpoints ({@link LoopCheckpoints}); without it (the default) every round is replayed.
   */
  public void bind(Object workflow) {
    this.workflowObject = workflow != null && LoopCheckpoints.supports(workflow) ? workflow : null;
  }

  /** {@link #waits}, made now if the run has not waited yet. */
  private Map<String, Wait> waiting() {
    if (waits == NO_WAITS) {
      waits = new LinkedHashMap<>();
    }
    return waits;
  }

  /** What the run waits for, once it suspended: by id. */
  public Map<String, Wait> waits() {
    return waits;
  }

  /** The name of the last step the run reached (where a failure of expression code happened). */
  public String lastStep() {
    return lastStep;
  }

  @Override
  public String instanceId() {
    return instanceId;
  }

  // ---- identity and replay checks ----------------------------------------------------------

  /**
   * The id of the next occurrence of a step in the current scope, checked against the history:
   * replay must ask for the steps of each scope in the order they were first recorded.
   */
  private String next(String name, String kind) {
    Frame current = frame();
    int n = current.occurrence(name);
    String id = scoped(n > 1 ? name + "#" + n : name);
    int position = current.cursor++;
    List<String> recorded = current.recorded;
    if (position >= recorded.size() && history.sequenceLength(scope) > position) {
      // The run has gone past what the history had of this scope when it was entered, and the
      // history has more of it now: look again (a run past the end makes no list of the top scope).
      recorded = history.sequence(scope);
      current.recorded = recorded;
    }
    if (position < recorded.size()) {
      String expected = recorded.get(position);
      if (!expected.equals(id)) {
        throw mismatch(describe(kind, id), describe(history.step(expected).kind(), expected));
      }
      String recordedKind = history.step(id).kind();
      if (!kind.equals(recordedKind)) {
        throw mismatch(describe(kind, id), describe(recordedKind, id));
      }
      replayed++;
    } else {
      spend();
    }
    lastStep = name.startsWith("@") ? name.substring(1) : name;
    return id;
  }

  /**
   * The id of a construct that first records after the code that follows it may have ({@code start
   * each} records its rounds' ends): counted as a step is, but its name holds a {@code ~}, so the
   * history keeps it out of its scope's order of steps.
   */
  private String unsequenced(String name) {
    int n = frame().occurrence(name);
    return scoped(n > 1 ? name + "#" + n : name);
  }

  private NonDeterminismException mismatch(String reached, String recorded) {
    return new NonDeterminismException("instance " + instanceId + " of " + workflow + " no longer matches its history: "
        + "replay reached " + reached + " where the history has " + recorded
        + " (was the workflow changed under a running instance? give it a new version instead)");
  }

  private static String describe(String kind, String id) {
    String shown = id.replace("@", "");
    return kind == null ? "`" + shown + "`" : "the " + kind + " `" + shown + "`";
  }

  private String scoped(String part) {
    return scope.isEmpty() ? part : scope + "/" + part;
  }

  /** Counts new work: replayed steps are free, so a long history never exhausts the budget. */
  private void spend() {
    if (--budget < 0) {
      throw new IllegalStateException("the workflow took " + BUDGET + " steps without waiting once: it loops forever");
    }
  }

  /** Counts a loop round or a jump once replay has caught up with the history. */
  private void round() {
    if (replayed >= recordedSteps) {
      spend();
    }
  }

  private boolean cancelled() {
    return rare.cancelledDepth > 0;
  }

  /**
   * The run waits for {@code id} (and what else {@link #waits} holds): it parks there and returns
   * when it is to go on, so the caller checks its step again; or, where it cannot park, it unwinds
   * with {@link Signals.Suspend}.
   */
  private void hold(String id, Wait.Kind kind, String step, Predicate<Object> where, dev.flow.runtime.Step descriptor) {
    hold(id, kind, step, where, descriptor, null);
  }

  private void hold(String id, Wait.Kind kind, String step, Predicate<Object> where, dev.flow.runtime.Step descriptor,
      String section) {
    hold(id, kind, step, where, descriptor, section, null);
  }

  private void hold(String id, Wait.Kind kind, String step, Predicate<Object> where, dev.flow.runtime.Step descriptor,
      String section, String choice) {
    waiting().put(id, new Wait(id, kind, step, where, descriptor, section, choice));
    if (parking == null || rare.concurrency > 0 || rare.detached > 0) {
      throw Signals.Suspend.INSTANCE;
    }
    parking.park();
    // It goes on after a wait: what it waits for is asked afresh, and the budget starts again.
    waits = NO_WAITS;
    budget = BUDGET;
  }

  private static Signals.Failure failure(String step, String message) {
    return new Signals.Failure(new FlowError(step, message));
  }

  private void record(HistoryEntry... entries) {
    effects.record(List.of(entries));
  }

  /**
   * Runs a scope (a branch, a loop round, a {@code try} body). A scope that holds a {@code
   * parallel join} ends only when the branches the join went on without have ended: until then it
   * waits.
   */
  private <T> T enter(String part, Supplier<T> body) {
    String outer = scope;
    Frame outerFrame = frame;
    int outerDetached = rare.detached;
    scope = scoped(part);
    frame = null;
    try {
      T result = body.get();
      if (rare.detached > outerDetached) {
        throw Signals.Suspend.INSTANCE;
      }
      return result;
    } finally {
      scope = outer;
      frame = outerFrame;
      if (rare.detached != outerDetached) {
        rare().detached = outerDetached;
      }
    }
  }

  /** The fields of {@link #rare}. */
  private static final class Rare {
    /** None of it: shared by every run that uses none; never written ({@link #rare()} replaces it first). */
    static final Rare NONE = new Rare();

    /**
     * Per scope entered but the top one: how far the run got in it and how often each step name
     * occurred there; made when the first such scope is entered.
     */
    Map<String, Frame> frames;
    /** The section of the {@code interleaved} branch whose leading task is the next step made, or {@code null}. */
    String leadingSection;
    /**
     * The id of the {@code first to start} whose branch runs now ({@link Interpreter#firstToStart}), or {@code
     * null} (none, or a plain {@code first} nearer in).
     */
    String choosing;
    /**
     * The {@code first to start} (its id) whose leading task is the next step made ({@link Interpreter#leadingTask}),
     * or {@code null}.
     */
    String leadingChoice;
    /**
     * Per losing branch of a {@code first to start} decided in this run (its scope and a slash):
     * why its open work is withdrawn. Made when the first is.
     */
    Map<String, String> lostBranches;
    int cancelledDepth;
    /** How deep in branches ({@code parallel}, {@code for each … in parallel}, {@code first}) the run is: at 0 it may park. */
    int concurrency;
    /**
     * How many branches of {@code parallel join N}s the run went on without still wait, in the
     * scopes it is in: while any do, it cannot park, and their scope cannot end.
     */
    int detached;
  }

  /** {@link #rare}, made the run's own now if it is the shared {@link Rare#NONE}: call it before writing a rare field. */
  private Rare rare() {
    Rare own = rare;
    if (own == Rare.NONE) {
      own = new Rare();
      rare = own;
    }
    return own;
  }

  /** The current scope's frame, made when a step in it first asks. */
  private Frame frame() {
    Frame current = frame;
    if (current == null) {
      if (scope.isEmpty()) {
        current = topFrame;
        if (current == null) {
          current = new Frame(history.sequence(scope), 16);
          topFrame = current;
        }
      } else {
        Map<String, Frame> frames = rare.frames;
        if (frames == null) {
          // Sized for the replay: growing maps of thousands of scopes cost more than the replay itself.
          frames = new HashMap<>(recordedSteps > 8 ? Math.max(16, recordedSteps + recordedSteps / 3 + 1) : 4);
          rare().frames = frames;
        }
        current = frames.get(scope);
        if (current == null) {
          current = new Frame(history.sequence(scope), 8);
          frames.put(scope, current);
        }
      }
      frame = current;
    }
    return current;
  }

  /**
   * One scope's replay position: the steps the history has of it (as far as known), how many the
   * run asked for, and how often each step name occurred (in a small table of its own).
   */
  private static final class Frame {
    List<String> recorded;
    int cursor;
    /**
     * The names counted so far, in an open-addressing table by hash (a name is most often the
     * same constant string, whose hash is kept): a lookup costs the same for the tenth name of a
     * scope as for the first. {@code counts[i]} goes with {@code names[i]}; {@code counts} is
     * {@code null} while every name occurred once (most scopes: no array of ones). The top scope's
     * has room for twelve names before it grows (a run of ten steps), another's (a loop round's) for six.
     */
    private String[] names;
    private int[] counts;
    private int size;

    Frame(List<String> recorded, int room) {
      this.recorded = recorded;
      this.names = new String[room];
    }

    /** {@link #counts}, made now (a one for every name there) if every name occurred once so far. */
    private int[] counts() {
      int[] made = counts;
      if (made == null) {
        made = new int[names.length];
        for (int i = 0; i < made.length; i++) {
          if (names[i] != null) {
            made[i] = 1;
          }
        }
        counts = made;
      }
      return made;
    }

    /** Counts an occurrence of a name in the scope; returns which it is, from 1. */
    int occurrence(String name) {
      int mask = names.length - 1;
      int i = spread(name.hashCode()) & mask;
      while (true) {
        String there = names[i];
        if (there == null) {
          break;
        }
        if (there == name || there.equals(name)) {
          return ++counts()[i];
        }
        i = (i + 1) & mask;
      }
      names[i] = name;
      if (counts != null) {
        counts[i] = 1;
      }
      if (++size * 4 > names.length * 3) {
        grow();
      }
      return 1;
    }

    private static int spread(int hash) {
      return hash ^ (hash >>> 16);
    }

    private void grow() {
      String[] oldNames = names;
      int[] oldCounts = counts;
      names = new String[oldNames.length * 2];
      counts = oldCounts == null ? null : new int[oldNames.length * 2];
      int mask = names.length - 1;
      for (int k = 0; k < oldNames.length; k++) {
        if (oldNames[k] != null) {
          int i = spread(oldNames[k].hashCode()) & mask;
          while (names[i] != null) {
            i = (i + 1) & mask;
          }
          names[i] = oldNames[k];
          if (counts != null) {
            counts[i] = oldCounts[k];
          }
        }
      }
    }
  }

  private void enter(String part, Body body) {
    enter(part, () -> {
      body.run();
      return null;
    });
  }

  /** Forgets the waits that a scope (a losing or failed branch) and the scopes in it asked for. */
  private void dropWaits(String dropped) {
    String prefix = dropped + "/";
    waits.values().removeIf(w -> w.id().startsWith(prefix));
  }

  // ---- steps for systems -------------------------------------------------------------------

  @Override
  public <R> R action(ActionStep<?, R> step, Object... arguments) {
    return invoke(step, arguments, null);
  }

  /**
   * The argument arrays of one, two and three arguments, reused from call to call (an effect keeps
   * none after it returns, {@link Effects#action}); {@code null} while a call has it (a call cannot
   * run inside another of the same run, but if it did, it would make its own).
   */
  private Object[] spare1;
  private Object[] spare2;
  private Object[] spare3;

  @Override
  public <R> R action(ActionStep<?, R> step, Object argument) {
    Object[] arguments = spare1 != null ? spare1 : new Object[1];
    spare1 = null;
    arguments[0] = argument;
    try {
      return invoke(step, arguments, null);
    } finally {
      arguments[0] = null;
      spare1 = arguments;
    }
  }

  /**
   * The value the last action of this run returned (replayed or new), kept so that
   * {@link #action(ActionStep, long)} can pass its box again when the next argument is that value
   * (a chain of steps each taking the previous one's result: one {@code Long} less per step).
   */
  private Object lastResult;

  @Override
  public <R> R action(ActionStep<?, R> step, long argument) {
    Object last = lastResult;
    Object boxed = last instanceof Long previous && previous.longValue() == argument ? last : Long.valueOf(argument);
    return action(step, boxed);
  }

  @Override
  public <R> R action(ActionStep<?, R> step, Object first, Object second) {
    Object[] arguments = spare2 != null ? spare2 : new Object[2];
    spare2 = null;
    arguments[0] = first;
    arguments[1] = second;
    try {
      return invoke(step, arguments, null);
    } finally {
      java.util.Arrays.fill(arguments, null);
      spare2 = arguments;
    }
  }

  @Override
  public <R> R action(ActionStep<?, R> step, Object first, Object second, Object third) {
    Object[] arguments = spare3 != null ? spare3 : new Object[3];
    spare3 = null;
    arguments[0] = first;
    arguments[1] = second;
    arguments[2] = third;
    try {
      return invoke(step, arguments, null);
    } finally {
      java.util.Arrays.fill(arguments, null);
      spare3 = arguments;
    }
  }

  @Override
  public <R> R actionWithUndo(ActionStep<?, R> step, Object[] arguments, Function<? super R, Object[]> undo) {
    return invoke(step, arguments, undo);
  }

  private <R> R invoke(ActionStep<?, R> step, Object[] arguments, Function<? super R, Object[]> undo) {
    String id = next(step.name(), "action");
    while (true) {
      Payload done = history.result(id); // makes no record of a step that completed at once
      if (done != null) {
        return completed(id, step, done, undo);
      }
      StepRecord recorded = history.step(id);
      if (recorded != null && recorded.failure() != null) {
        throw actionFailure(step, recorded);
      }
      if (cancelled()) {
        throw Signals.BranchCancelled.INSTANCE;
      }
      // Not copied: an effect that keeps the arguments past its return copies them (Effects#action).
      Effects.ActionOutcome outcome = effects.action(id, step, arguments);
      if (outcome == Effects.ActionOutcome.COMPLETED_IN_HISTORY) {
        return completed(id, step, history.result(id), undo);
      }
      if (outcome.kind() == Effects.ActionOutcome.Kind.COMPLETED) {
        return completed(id, step, outcome.result(), undo);
      }
      if (outcome.kind() == Effects.ActionOutcome.Kind.FAILED) {
        StepRecord failed = history.step(id);
        throw failed != null && failed.failure() != null ? actionFailure(step, failed) : failure(step.name(), outcome.message());
      }
      StepRecord now = history.step(id);
      if (now != null && now.incidentOpen()) {
        hold(id, Wait.Kind.INCIDENT, step.name(), null, step);
      } else if (now != null && now.retryAt() != null && !now.attemptInFlight()) {
        hold(id + "~retry" + now.failedAttempts(), Wait.Kind.TIMER, step.name(), null, null);
      } else {
        hold(id, Wait.Kind.ACTION, step.name(), null, null);
      }
    }
  }

  /** A failed action's failure; with the value of the declared error it ended with, if it did ({@code ActionRaised}). */
  private static Signals.Failure actionFailure(ActionStep<?, ?> step, StepRecord recorded) {
    Record error = null;
    if (recorded.raisedType() != null) {
      Class<? extends Record> type = step.action().error(recorded.raisedType()).orElse(null);
      if (type != null) {
        error = type.cast(recorded.raised().as(type));
      }
    }
    return new Signals.Failure(new FlowError(step.name(), recorded.failure(), error));
  }

  /** The result of a completed action; the first time it is seen, its compensation is registered. */
  private <R> R completed(String id, ActionStep<?, R> step, Payload result, Function<? super R, Object[]> undo) {
    @SuppressWarnings("unchecked")
    R value = (R) result.as(step.action().result().type());
    lastResult = value;
    if (undo != null && step.compensation().isPresent() && history.step(id).compensation() == null) {
      dev.flow.runtime.Action<?, ?> compensation = step.compensation().get();
      List<Payload> arguments = new ArrayList<>();
      for (Object argument : undo.apply(value)) {
        arguments.add(Payload.of(argument));
      }
      record(new HistoryEntry.CompensationRegistered(id, step.name(), compensation.systemName(), compensation.name(),
          arguments));
      effects.learn(compensation);
    }
    return value;
  }

  // ---- steps for people --------------------------------------------------------------------

  @Override
  public <F> F task(TaskStep<F> step) {
    return completedTask(step).form();
  }

  @Override
  public Approval approval(ApprovalStep step) {
    return completedApproval(step).form();
  }

  @Override
  public <F> Completed<F> completedTask(TaskStep<F> step) {
    String section = takeLeading();
    String choice = takeChoice();
    String id = next(step.name(), "task");
    return awaitTask(id, new HistoryEntry.TaskCreated(id, step.name(), "task", step.role(), step.escalateTo(), null,
        step.otherRoles(), step.excluded()), step.assignee(), step.within(), step.form(), step, section, choice);
  }

  @Override
  public Completed<Approval> completedApproval(ApprovalStep step) {
    String section = takeLeading();
    String choice = takeChoice();
    String id = next(step.name(), "approval");
    return awaitTask(id, new HistoryEntry.TaskCreated(id, step.name(), "approval", step.role(), step.escalateTo(), null,
        step.otherRoles(), step.excluded()), step.assignee(), step.within(), ApprovalStep.FORM, step, section, choice);
  }

  /** The section whose leading task the step about to be made is ({@link #exclusiveByClaim}), once; or {@code null}. */
  private String takeLeading() {
    String section = rare.leadingSection;
    if (section != null) {
      rare.leadingSection = null; // its own: a section was set
    }
    return section;
  }

  /** The {@code first to start} whose leading task the step about to be made is ({@link #leadingTask}), once; or {@code null}. */
  private String takeChoice() {
    String choice = rare.leadingChoice;
    if (choice != null) {
      rare.leadingChoice = null; // its own: a choice was set
    }
    return choice;
  }

  /**
   * @param task the task to create (its {@code due} is filled in here)
   * @param assignee who the task is given to at once ({@code assign to}), or {@code null}; not
   *     given when that person is excluded from the task (it stays with its roles)
   */
  private <F> Completed<F> awaitTask(String id, HistoryEntry.TaskCreated task, String assignee,
      Optional<Duration> within, Form<F> form, dev.flow.runtime.Step descriptor, String section, String choice) {
    String step = task.step();
    while (true) {
      StepRecord recorded = history.step(id);
      if (recorded != null && recorded.form() != null) {
        F value = form.type() == Void.class ? null : recorded.form().as(form.type());
        return new Completed<>(value, recorded.completedBy(),
            recorded.completedAt() == null ? Instant.EPOCH : recorded.completedAt());
      }
      if (cancelled()) {
        throw Signals.BranchCancelled.INSTANCE;
      }
      if (recorded == null || !recorded.taskCreated()) {
        Instant due = within.map(effects.now()::plus).orElse(null);
        List<HistoryEntry> entries = new ArrayList<>();
        entries.add(new HistoryEntry.TaskCreated(id, step, task.kind(), task.role(), task.escalateTo(), due,
            task.otherRoles(), task.excluded()));
        if (assignee != null && !assignee.isBlank() && !task.excluded().contains(assignee)) {
          entries.add(new HistoryEntry.TaskAssigned(id, assignee, ASSIGNED_BY_WORKFLOW));
        }
        if (due != null) {
          entries.add(new HistoryEntry.TimerSet(id + "~limit", step, TimerPurpose.TASK_LIMIT, due));
        }
        effects.record(entries);
      }
      StepRecord limit = within.isPresent() ? history.step(id + "~limit") : null;
      if (limit != null && limit.timerSet()) {
        waiting().put(limit.stepId, new Wait(limit.stepId, Wait.Kind.TIMER, step, null, descriptor));
      }
      hold(id, Wait.Kind.TASK, step, null, descriptor, section, choice);
    }
  }

  @Override
  public void notify(Recipient recipient, String via, String message) {
    String id = next("@notify", "notify");
    StepRecord recorded = history.step(id);
    if (recorded != null && recorded.notifyRequested()) {
      return;
    }
    if (cancelled()) {
      throw Signals.BranchCancelled.INSTANCE;
    }
    HistoryEntry.NotifyRequested request = new HistoryEntry.NotifyRequested(id, recipient.role(), recipient.address(), via,
        message);
    record(request);
    effects.send(request);
  }

  @Override
  public void emit(Object event) {
    String id = next("@emit", "emit");
    StepRecord recorded = history.step(id);
    if (recorded != null && recorded.emitted() != null) {
      return;
    }
    if (cancelled()) {
      throw Signals.BranchCancelled.INSTANCE;
    }
    HistoryEntry.EventEmitted emitted = new HistoryEntry.EventEmitted(id, event.getClass().getName(),
        Payload.of(event));
    record(emitted);
    effects.publish(emitted);
  }

  // ---- time and events ---------------------------------------------------------------------

  @Override
  public void await(Duration duration) {
    String id = next("@wait", "wait");
    sleep(id, () -> effects.now().plus(duration));
  }

  @Override
  public void awaitUntil(Instant instant) {
    String id = next("@wait", "wait");
    sleep(id, () -> instant);
  }

  @Override
  public void awaitUntil(LocalDate date) {
    awaitUntil(date.atStartOfDay(effects.zone()).toInstant());
  }

  private void sleep(String id, Supplier<Instant> dueIfNew) {
    while (true) {
      StepRecord recorded = history.step(id);
      if (recorded != null && recorded.fired()) {
        return;
      }
      if (cancelled()) {
        throw Signals.BranchCancelled.INSTANCE;
      }
      if (recorded == null || recorded.due() == null) {
        Instant due = dueIfNew.get();
        if (!due.isAfter(effects.now())) {
          record(new HistoryEntry.TimerSet(id, "wait", TimerPurpose.WAIT, due), new HistoryEntry.TimerFired(id));
          return;
        }
        record(new HistoryEntry.TimerSet(id, "wait", TimerPurpose.WAIT, due));
      }
      hold(id, Wait.Kind.TIMER, "wait", null, null);
    }
  }

  @Override
  public <E> E receive(ReceiveStep<E> step, Predicate<? super E> where) {
    return receive(step, new Object[0], where);
  }

  @Override
  public <E> E receive(ReceiveStep<E> step, Object[] correlation, Predicate<? super E> where) {
    String id = next(step.name(), "receive");
    while (true) {
      StepRecord recorded = history.step(id);
      if (recorded != null && recorded.event() != null) {
        return recorded.event().as(step.event());
      }
      if (recorded != null && recorded.timedOut()) {
        throw failure(step.name(), "no " + step.event().getSimpleName() + " arrived within "
            + Words.duration(step.within().orElse(Duration.ZERO)));
      }
      if (cancelled()) {
        throw Signals.BranchCancelled.INSTANCE;
      }
      effects.learn(step);
      if (recorded == null || !recorded.waiting()) {
        Instant due = step.within().map(effects.now()::plus).orElse(null);
        List<HistoryEntry> entries = new ArrayList<>();
        // `receive new`: the mark of the last event published before it waits (stable: a replay reads it back).
        long after = step.onlyNew() ? effects.eventMark() : 0;
        entries.add(new HistoryEntry.ReceiveWaiting(id, step.name(), step.event().getName(), step.keys(correlation), due,
            after));
        if (due != null) {
          entries.add(new HistoryEntry.TimerSet(id + "~within", step.name(), TimerPurpose.RECEIVE_LIMIT, due));
        }
        effects.record(entries);
      }
      StepRecord limit = step.within().isPresent() ? history.step(id + "~within") : null;
      if (limit != null && limit.timerSet()) {
        waiting().put(limit.stepId, new Wait(limit.stepId, Wait.Kind.TIMER, step.name(), null, step));
      }
      Class<E> event = step.event();
      List<String> keys = step.keys(correlation);
      Predicate<Object> matches = e -> event.isInstance(e) && keys.equals(step.keysOf(e)) && where.test(event.cast(e));
      hold(id, Wait.Kind.RECEIVE, step.name(), matches, step);
    }
  }

  @Override
  public Instant now() {
    String id = next("@now", "now");
    return clock(id, Instant.class, effects::now);
  }

  @Override
  public LocalDate today() {
    String id = next("@today", "today");
    return clock(id, LocalDate.class, () -> LocalDate.ofInstant(effects.now(), effects.zone()));
  }

  private <T> T clock(String id, Class<T> type, Supplier<T> read) {
    StepRecord recorded = history.step(id);
    if (recorded != null && recorded.clock() != null) {
      return recorded.clock().as(type);
    }
    if (cancelled()) {
      throw Signals.BranchCancelled.INSTANCE;
    }
    T value = read.get();
    record(new HistoryEntry.ClockRead(id, Payload.of(value)));
    return value;
  }

  // ---- other workflows ---------------------------------------------------------------------

  @Override
  public <I, O> O call(CallStep<O> step, I input) {
    String id = next(step.name(), "call");
    while (true) {
      StepRecord recorded = history.step(id);
      if (recorded != null && recorded.childState() != null) {
        if (recorded.childState() == InstanceState.COMPLETED) {
          return recorded.childOutput().as(step.output());
        }
        throw childFailure(step, recorded);
      }
      if (cancelled()) {
        throw Signals.BranchCancelled.INSTANCE;
      }
      if (recorded == null || recorded.childId() == null) {
        effects.startChild(id, step.name(), step.workflow(), input, true);
      }
      hold(id, Wait.Kind.CHILD, step.name(), null, null);
    }
  }

  /**
   * A called child's failure; with the value of the declared error it ended with, if the called
   * workflow declares it ({@code ErrorRaised}).
   */
  private static Signals.Failure childFailure(CallStep<?> step, StepRecord recorded) {
    Record error = null;
    if (recorded.raisedType() != null) {
      Class<? extends Record> type = step.error(recorded.raisedType()).orElse(null);
      if (type != null) {
        error = type.cast(recorded.raised().as(type));
      }
    }
    return new Signals.Failure(new FlowError(step.name(), recorded.childMessage(), error));
  }

  @Override
  public <I> void start(String workflowName, I input) {
    String id = next("@start", "start");
    StepRecord recorded = history.step(id);
    if (recorded != null && recorded.childId() != null) {
      return;
    }
    if (cancelled()) {
      throw Signals.BranchCancelled.INSTANCE;
    }
    effects.startChild(id, "start", workflowName, input, false);
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
      scopes.add(scoped(branch.name()));
    }
    join(scopes, i -> enter(enabled.get(i).name(), enabled.get(i).body()));
  }

  @Override
  public <T> void forEachInParallel(String variable, List<T> items, Iteration<? super T> body) {
    List<T> copy = List.copyOf(items);
    List<String> scopes = new ArrayList<>();
    for (int i = 0; i < copy.size(); i++) {
      scopes.add(scoped(variable + "[" + (i + 1) + "]"));
    }
    join(scopes, i -> enter(variable + "[" + (i + 1) + "]", () -> body.run(copy.get(i))));
  }

  /**
   * The rounds run and are replayed as those of {@link #forEachInParallel}; each round's value
   * goes to its item's place. A run that has a value for every round returns them: a round that
   * waits suspends the join, so the list is only read when all have ended, and each run (a replay
   * or a run after a restart) computes it again from the rounds' recorded outcomes.
   */
  @Override
  public <T, R> List<R> collectInParallel(String variable, List<T> items, Yielding<? super T, ? extends R> body) {
    List<T> copy = List.copyOf(items);
    Object[] values = new Object[copy.size()];
    List<String> scopes = new ArrayList<>();
    for (int i = 0; i < copy.size(); i++) {
      scopes.add(scoped(variable + "[" + (i + 1) + "]"));
    }
    join(scopes, i -> enter(variable + "[" + (i + 1) + "]", () -> {
      values[i] = body.run(copy.get(i));
    }));
    return collected(values);
  }

  /**
   * The rounds run as those of {@link #forEach}, but always from the first (never from a loop
   * checkpoint: the skipped rounds' values would be lost).
   */
  @Override
  public <T, R> List<R> collect(String variable, List<T> items, Yielding<? super T, ? extends R> body) {
    List<T> copy = List.copyOf(items);
    Object[] values = new Object[copy.size()];
    for (int i = 0; i < copy.size(); i++) {
      int index = i;
      round();
      enter(variable + "[" + (i + 1) + "]", () -> {
        values[index] = body.run(copy.get(index));
      });
    }
    return collected(values);
  }

  @SuppressWarnings("unchecked")
  private static <R> List<R> collected(Object[] values) {
    return (List<R>) java.util.Collections.unmodifiableList(java.util.Arrays.asList(values));
  }

  /**
   * Runs every branch; a branch that must wait lets the others go on. A failure in one branch
   * stops the others (their waits are dropped, so the engine withdraws their tasks and cancels
   * their children) and goes on outwards; the join waits while any branch waits.
   */
  private void join(List<String> scopes, IntConsumer runBranch) {
    boolean waiting = false;
    for (int i = 0; i < scopes.size(); i++) {
      rare().concurrency++;
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
      } finally {
        rare().concurrency--;
      }
    }
    if (waiting) {
      throw Signals.Suspend.INSTANCE;
    }
  }

  @Override
  public String first(Branch... branches) {
    return first(false, branches);
  }

  /**
   * As {@link #first(Branch...)}; and a branch's leading task or wait decides it as it starts
   * ({@link #leadingTask}, {@link #started}): the inbox commits the decision with the task's first
   * claim or completion ({@link Choices}), this run with the end of the leading wait.
   */
  @Override
  public String firstToStart(Branch... branches) {
    return first(true, branches);
  }

  private String first(boolean byStart, Branch... branches) {
    String id = next("@first", "first");
    String outer = rare.choosing;
    rare().choosing = byStart ? id : null;
    try {
      return first(id, byStart, branches);
    } finally {
      rare().choosing = outer;
    }
  }

  private String first(String id, boolean byStart, Branch... branches) {
    StepRecord recorded = history.step(id);
    if (recorded != null && recorded.winner() != null) {
      return decided(recorded.winner(), byStart, branches);
    }
    boolean waiting = false;
    for (int i = 0; i < branches.length; i++) {
      Branch branch = branches[i];
      rare().concurrency++;
      try {
        enter(branch.name(), branch.body());
      } catch (Signals.Suspend suspend) {
        waiting = true;
        continue;
      } catch (RuntimeException failure) {
        for (int j = 0; j < branches.length; j++) {
          if (j != i) {
            dropWaits(scoped(branches[j].name()));
          }
        }
        throw failure;
      } finally {
        rare().concurrency--;
      }
      // This branch ended first: it wins. The run starts again from the top, so that this run
      // and every later replay see the same thing: the losers up to where they stopped, then the
      // winner, whose writes come last.
      record(new HistoryEntry.FirstDecided(id, branch.name()));
      throw Signals.Replay.INSTANCE;
    }
    if (waiting) {
      throw Signals.Suspend.INSTANCE;
    }
    throw new IllegalStateException("a first without branches");
  }

  /**
   * A decided {@code first}: the losers are replayed first, up to where they were stopped (their
   * writes made before the decision stay), then the winner, so the winner's writes are the last.
   */
  private String decided(String winner, boolean byStart, Branch... branches) {
    Branch winning = null;
    for (Branch branch : branches) {
      if (branch.name().equals(winner)) {
        winning = branch;
      } else {
        if (byStart) {
          if (rare.lostBranches == null) {
            rare().lostBranches = new HashMap<>(4);
          }
          rare.lostBranches.put(scoped(branch.name()) + "/", Choices.lost(winner));
        }
        runCancelled(branch);
      }
    }
    if (winning == null) {
      throw mismatch("a first without the branch `" + winner + "`", "`" + winner + "` winning it");
    }
    enter(winning.name(), winning.body());
    return winner;
  }

  /**
   * Replays a losing branch up to its first step without an outcome, keeping what it set. What
   * happened to it after it lost (a child it called ended as cancelled) is not its failure.
   */
  private void runCancelled(Branch branch) {
    rare().cancelledDepth++;
    rare().concurrency++;
    try {
      enter(branch.name(), branch.body());
    } catch (Signals.BranchCancelled | Signals.Suspend | Signals.Failure stopped) {
      // It stops here: a cancelled branch keeps the writes it made before it was cancelled.
    } finally {
      rare().cancelledDepth--;
      rare().concurrency--;
      dropWaits(scoped(branch.name()));
    }
  }

  /** The {@code first to start} this branch belongs to, while it is undecided and the branch not cancelled; or {@code null}. */
  private String undecidedChoice() {
    String choosing = rare.choosing;
    if (choosing == null || cancelled()) {
      return null;
    }
    StepRecord recorded = history.step(choosing);
    return recorded != null && recorded.winner() != null ? null : choosing;
  }

  @Override
  public void leadingTask() {
    String choice = undecidedChoice();
    if (choice != null || rare.leadingChoice != null) {
      rare().leadingChoice = choice;
    }
  }

  @Override
  public void started() {
    String id = undecidedChoice();
    if (id != null) {
      // The branch's leading wait ended before any other branch started: it wins, as a branch that ends does.
      record(new HistoryEntry.FirstDecided(id, scope.substring(scope.lastIndexOf('/') + 1)));
      throw Signals.Replay.INSTANCE;
    }
  }

  /**
   * Why the open work {@code id} that this run no longer waits for is withdrawn: its branch lost a
   * {@code first to start} decided in the run; otherwise {@code otherwise}.
   */
  public String withdrawal(String id, String otherwise) {
    if (rare.lostBranches != null) {
      for (Map.Entry<String, String> lost : rare.lostBranches.entrySet()) {
        if (id.startsWith(lost.getKey())) {
          return lost.getValue();
        }
      }
    }
    return otherwise;
  }

  // ---- partial joins and in-case signals --------------------------------------------------

  @Override
  public List<String> first(int count, Branch... branches) {
    if (count <= 1) {
      return List.of(first(false, branches));
    }
    if (count > branches.length) {
      throw new IllegalArgumentException("first " + count + " has only " + branches.length + " branches");
    }
    String id = next("@first", "first");
    StepRecord recorded = history.step(id);
    List<String> ended = recorded == null ? List.of() : List.copyOf(recorded.ended());
    if (recorded != null && recorded.winner() != null) {
      // Decided: the cancelled branches up to where they stopped, then the winners in the order they ended.
      for (Branch branch : branches) {
        if (!ended.contains(branch.name())) {
          runCancelled(branch);
        }
      }
      for (String name : ended) {
        enter(name, named(branches, name).body());
      }
      return ended;
    }
    if (runPartial(id, List.of(branches), ended, count, true, false)) {
      throw Signals.Suspend.INSTANCE;
    }
    throw mismatch("a first " + count + " whose branches all ended undecided", "it decided");
  }

  @Override
  public void parallelJoin(int count, Branch... branches) {
    List<Branch> enabled = new ArrayList<>();
    for (Branch branch : branches) {
      if (branch.enabled()) {
        enabled.add(branch);
      }
    }
    if (enabled.isEmpty()) {
      return;
    }
    String id = count <= 0 ? unsequenced("@join~start") : next("@join", "join");
    StepRecord recorded = history.step(id);
    List<String> ended = recorded == null ? List.of() : List.copyOf(recorded.ended());
    int needed = Math.max(0, Math.min(count, enabled.size())); // 0: `start each`, it goes on at once
    boolean wentOn = ended.size() >= needed;
    boolean waiting = runPartial(id, enabled, ended, needed, false, wentOn);
    if (wentOn) {
      if (waiting) {
        rare().detached++;
      }
      return;
    }
    throw Signals.Suspend.INSTANCE;
  }

  @Override
  public <T> void forEachInParallelJoin(String variable, int count, List<T> items, Iteration<? super T> body) {
    parallelJoin(count, rounds(variable, items, body));
  }

  @Override
  public <T> void forEachInParallelFirst(String variable, int count, List<T> items, Iteration<? super T> body) {
    Branch[] rounds = rounds(variable, items, body);
    if (rounds.length > 0) {
      first(Math.min(count, rounds.length), rounds);
    }
  }

  @Override
  public <T> void forEachArriving(String variable, int count, dev.flow.runtime.Arrival<T> arrival,
      Iteration<? super T> body) {
    String id = count > 0 ? next("@join", "join") : null;
    StepRecord recorded = id == null ? null : history.step(id);
    List<String> ended = recorded == null ? List.of() : List.copyOf(recorded.ended());
    // Once the join went on, no more items are taken: the arrivals are replayed up to the first
    // without an outcome, which stops there (as a cancelled branch does) and waits no longer.
    boolean stopped = count > 0 && ended.size() >= count;
    List<T> items = new ArrayList<>();
    boolean open = true;
    boolean waiting = false;
    while (open) {
      String part = variable + "+" + (items.size() + 1);
      rare().concurrency++;
      if (stopped) {
        rare().cancelledDepth++;
      }
      try {
        java.util.Optional<T> item = enter(part, arrival::next);
        if (item.isPresent()) {
          items.add(item.get());
        } else {
          open = false;
        }
      } catch (Signals.Suspend suspend) {
        waiting = true;
        break;
      } catch (Signals.BranchCancelled cancelledArrival) {
        if (!stopped) {
          throw cancelledArrival;
        }
        dropWaits(scoped(part));
        break;
      } finally {
        rare().concurrency--;
        if (stopped) {
          rare().cancelledDepth--;
        }
      }
    }
    String arriving = scoped(variable + "+" + (items.size() + 1));
    Branch[] rounds = rounds(variable, items, body);
    if (count <= 0) {
      List<String> scopes = new ArrayList<>();
      for (Branch round : rounds) {
        scopes.add(scoped(round.name()));
      }
      try {
        join(scopes, i -> enter(rounds[i].name(), rounds[i].body()));
      } catch (Signals.Suspend suspend) {
        throw suspend;
      } catch (RuntimeException failure) {
        dropWaits(arriving);
        throw failure;
      }
      if (waiting) {
        throw Signals.Suspend.INSTANCE;
      }
      return;
    }
    if (!open && items.isEmpty()) {
      return;
    }
    int needed = open ? count : Math.min(count, items.size());
    boolean wentOn = ended.size() >= needed;
    boolean roundsWait;
    try {
      roundsWait = runPartial(id, List.of(rounds), ended, needed, false, wentOn);
    } catch (Signals.Replay | Signals.Suspend control) {
      throw control;
    } catch (RuntimeException failure) {
      dropWaits(arriving);
      throw failure;
    }
    if (wentOn) {
      if (roundsWait) {
        rare().detached++;
      }
      return;
    }
    throw Signals.Suspend.INSTANCE;
  }

  /** The rounds of a parallel {@code for each} as branches named as its rounds' scopes ({@code item[2]}). */
  private static <T> Branch[] rounds(String variable, List<T> items, Iteration<? super T> body) {
    List<T> copy = List.copyOf(items);
    Branch[] rounds = new Branch[copy.size()];
    for (int i = 0; i < copy.size(); i++) {
      T item = copy.get(i);
      rounds[i] = Branch.of(variable + "[" + (i + 1) + "]", () -> body.run(item));
    }
    return rounds;
  }

  /**
   * Runs the branches of a partial join: those that have not ended in source order, then those
   * that have in the order they ended (as a decided {@code first} runs its winner last). A branch
   * that ends now is recorded (with the decision, if it is the {@code count}-th of a {@code first
   * N}) and the run starts again, so that this run and every replay see the same order. A failure
   * stops the others and goes on outwards; after a join went on without the branch, no {@code try}
   * catches it. Returns whether a branch waits.
   */
  private boolean runPartial(String id, List<Branch> branches, List<String> ended, int count, boolean decides,
      boolean wentOn) {
    boolean waiting = false;
    for (Branch branch : branches) {
      if (ended.contains(branch.name())) {
        continue;
      }
      rare().concurrency++;
      try {
        enter(branch.name(), branch.body());
      } catch (Signals.Suspend suspend) {
        waiting = true;
        continue;
      } catch (RuntimeException failure) {
        for (Branch other : branches) {
          if (other != branch) {
            dropWaits(scoped(other.name()));
          }
        }
        if (wentOn && failure instanceof Signals.Failure late) {
          throw new Signals.Failure(late.error(), true);
        }
        throw failure;
      } finally {
        rare().concurrency--;
      }
      List<HistoryEntry> entries = new ArrayList<>();
      entries.add(new HistoryEntry.BranchEnded(id, branch.name()));
      if (decides && ended.size() + 1 >= count) {
        entries.add(new HistoryEntry.FirstDecided(id, branch.name()));
      }
      effects.record(entries);
      throw Signals.Replay.INSTANCE;
    }
    for (String name : ended) {
      rare().concurrency++;
      try {
        enter(name, named(branches.toArray(new Branch[0]), name).body());
      } finally {
        rare().concurrency--;
      }
    }
    return waiting;
  }

  private Branch named(Branch[] branches, String name) {
    for (Branch branch : branches) {
      if (branch.name().equals(name)) {
        return branch;
      }
    }
    throw mismatch("a join without the branch `" + name + "`", "`" + name + "` ending in it");
  }

  /**
   * The workflow's code returned {@code output}: the instance ends with it, unless branches of a
   * {@code parallel join} it went on without still run; then it waits for them.
   */
  public <O> O finish(O output) {
    if (rare.detached > 0) {
      throw Signals.Suspend.INSTANCE;
    }
    return output;
  }

  @Override
  public void exclusive(String name, Body body) {
    String id = next("@exclusive", "exclusive");
    while (true) {
      StepRecord recorded = history.step(id);
      if (recorded != null && recorded.exclusiveEntered()) {
        break;
      }
      if (cancelled()) {
        throw Signals.BranchCancelled.INSTANCE;
      }
      if (history.exclusiveHolder(name) == null) {
        record(new HistoryEntry.ExclusiveEntered(id, name));
        break;
      }
      hold(id, Wait.Kind.EXCLUSIVE, name, null, null);
    }
    try {
      body.run();
    } catch (Signals.Suspend | Signals.Replay | Signals.Abandoned held) {
      throw held; // it still runs: the section stays taken
    } catch (RuntimeException ended) {
      // Failed, cancelled or jumped out of: the section is free (a replay meets the same end again).
      leave(id, name, !(ended instanceof Signals.Completion || ended instanceof Signals.Cancellation));
      throw ended;
    }
    leave(id, name, true);
  }

  @Override
  public void exclusiveByClaim(String name, Body body) {
    // The branch's first step, a person's, is offered at once; the desk (Sections) enters the section
    // for it, under the id Sections.entryOf(task), with its first claim or completion.
    rare().leadingSection = name;
    try {
      body.run();
    } catch (Signals.Suspend | Signals.Replay | Signals.Abandoned held) {
      throw held;
    } catch (RuntimeException ended) {
      leaveHeld(name, !(ended instanceof Signals.Completion || ended instanceof Signals.Cancellation));
      throw ended;
    } finally {
      rare.leadingSection = null; // its own: set above
    }
    leaveHeld(name, true);
  }

  /** Leaves the section {@code name} if a leading task of this scope holds it (its branch has ended). */
  private void leaveHeld(String name, boolean wake) {
    String holder = history.exclusiveHolder(name);
    if (holder != null && Sections.isEntry(holder) && History.scopeOf(holder).equals(scope)) {
      // Not leave(): a release may have left this entry before, and the branch took it again since.
      record(new HistoryEntry.ExclusiveLeft(holder, name));
      if (wake) {
        wakeFor(name);
      }
    }
  }

  /** Leaves a critical section (once); a block of this run that waits for it starts the run again, to take it. */
  private void leave(String id, String name, boolean wake) {
    if (history.step(id).exclusiveLeft()) {
      return;
    }
    record(new HistoryEntry.ExclusiveLeft(id, name));
    if (wake) {
      wakeFor(name);
    }
  }

  /** A block of this run that waits for the section {@code name} starts the run again, to take it. */
  private void wakeFor(String name) {
    for (Wait wait : waits.values()) {
      if (wait.kind() == Wait.Kind.EXCLUSIVE && wait.step().equals(name)) {
        throw Signals.Replay.INSTANCE;
      }
    }
  }

  @Override
  public void signal(String name) {
    String id = next("@signal", "signal");
    StepRecord recorded = history.step(id);
    if (recorded != null && recorded.signalRaised()) {
      return;
    }
    if (cancelled()) {
      throw Signals.BranchCancelled.INSTANCE;
    }
    record(new HistoryEntry.SignalRaised(id, name));
    for (Wait wait : waits.values()) {
      if (wait.kind() == Wait.Kind.SIGNAL && wait.step().equals(name)) {
        // A branch of this run waits for it: the run starts again, and that branch takes it.
        throw Signals.Replay.INSTANCE;
      }
    }
  }

  @Override
  public void waitFor(String name) {
    String id = next("@waitfor", "wait for");
    while (true) {
      StepRecord recorded = history.step(id);
      if (recorded != null && recorded.signalTaken()) {
        return;
      }
      if (cancelled()) {
        throw Signals.BranchCancelled.INSTANCE;
      }
      if (history.signalsKept(name) > 0) {
        record(new HistoryEntry.SignalTaken(id, name));
        return;
      }
      hold(id, Wait.Kind.SIGNAL, name, null, null);
    }
  }

  /**
   * A block of a cancel region. Its entry is recorded ({@code RegionEntered}) while the region is
   * not cancelled, and its end ({@code RegionEnded}); its body runs in a scope of its own ({@code
   * region:NAME}, {@code region:NAME#2}, …). Once the region is cancelled, a block that runs is
   * replayed as a losing {@code first} branch is, up to its first step without an outcome, keeping
   * what it set; its waits are dropped (the engine withdraws its tasks, cancels its calls, drops its
   * timers and receives), and the workflow goes on after it. A block reached after the cancel is
   * skipped: its body does not run at all.
   */
  @Override
  public void region(String name, Body body) {
    String id = next("@region", "region");
    String part = "region:" + name + id.substring(id.lastIndexOf("@region") + "@region".length());
    StepRecord recorded = history.step(id);
    boolean entered = recorded != null && recorded.regionEntered();
    if (recorded != null && recorded.regionEnded()) {
      if (!recorded.regionCancelled()) {
        enter(part, body);
      } else if (entered) {
        runCancelled(part, body);
      }
      return;
    }
    if (cancelled()) {
      // Inside a branch that lost (or a block that was cancelled): nothing new is recorded.
      if (entered) {
        runCancelled(part, body);
      }
      throw Signals.BranchCancelled.INSTANCE;
    }
    if (history.regionCancelled(name)) {
      record(new HistoryEntry.RegionEnded(id, name, true));
      if (entered) {
        runCancelled(part, body);
      }
      return;
    }
    if (!entered) {
      record(new HistoryEntry.RegionEntered(id, name));
    }
    try {
      enter(part, body);
    } catch (Signals.Suspend | Signals.Replay | Signals.Abandoned | Signals.BranchCancelled held) {
      throw held; // it still runs (or its run starts again)
    } catch (RuntimeException ended) {
      // Failed (or ended the instance) before any cancel: a replay after a later cancel meets the same end.
      record(new HistoryEntry.RegionEnded(id, name, false));
      throw ended;
    }
    record(new HistoryEntry.RegionEnded(id, name, false));
  }

  /** A region block, cancelled: replayed up to its first step without an outcome, keeping what it set. */
  private void runCancelled(String part, Body body) {
    rare().cancelledDepth++;
    try {
      enter(part, body);
    } catch (Signals.BranchCancelled | Signals.Suspend | Signals.Failure stopped) {
      // It stops here, as a losing branch of a first does.
    } finally {
      rare().cancelledDepth--;
      dropWaits(scoped(part));
    }
  }

  /**
   * {@code cancel region NAME}: recorded once; the run starts again from the top, so that every
   * block of the region, wherever it is, sees the cancel (and this run and every replay agree).
   */
  @Override
  public void cancelRegion(String name) {
    String id = next("@cancelregion", "cancel region");
    StepRecord recorded = history.step(id);
    if (recorded != null && recorded.regionCancelled()) {
      return;
    }
    if (cancelled()) {
      throw Signals.BranchCancelled.INSTANCE;
    }
    record(new HistoryEntry.RegionCancelled(id, name));
    throw Signals.Replay.INSTANCE;
  }

  @Override
  public <T> void forEach(String variable, List<T> items, Iteration<? super T> body) {
    List<T> copy = List.copyOf(items);
    Loop loop = loop(variable + "[");
    for (int i = loop == null ? 0 : (int) loop.start - 1; i < copy.size(); i++) {
      T item = copy.get(i);
      round();
      if (loop != null) {
        loop.head(i + 1);
      }
      enter(variable + "[" + (i + 1) + "]", () -> body.run(item));
    }
  }

  @Override
  public void repeat(long maxTimes, Body body, BooleanSupplier until) {
    Loop loop = loop("repeat[");
    for (long round = loop == null ? 1 : loop.start; round <= maxTimes; round++) {
      round();
      if (loop != null) {
        loop.head(round);
      }
      enter("repeat[" + round + "]", body);
      if (until != null && until.getAsBoolean()) {
        return;
      }
    }
  }

  @Override
  public void loop(BooleanSupplier condition, Body body) {
    Loop loop = loop("while[");
    for (long round = loop == null ? 1 : loop.start; condition.getAsBoolean(); round++) {
      round();
      if (loop != null) {
        loop.head(round);
      }
      enter("while[" + round + "]", body);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <S> S loop(S initial, java.util.function.Predicate<? super S> condition,
      java.util.function.UnaryOperator<S> body) {
    Object[] state = {initial};
    Loop loop = loop("while[", state);
    for (long round = loop == null ? 1 : loop.start; condition.test((S) state[0]); round++) {
      round();
      if (loop != null) {
        loop.head(round);
      }
      enter("while[" + round + "]", () -> state[0] = body.apply((S) state[0]));
    }
    return (S) state[0];
  }

  /**
   * The checkpoints of a loop about to start, when it may have them (at the top of the workflow,
   * outside any branch, with a workflow object bound); resumed at its latest checkpoint, if it has
   * one: the workflow's fields are set back and the loop starts at that round.
   */
  private Loop loop(String roundPrefix) {
    return loop(roundPrefix, null);
  }

  /**
   * As {@link #loop(String)}; with {@code state} (a loop whose state is a value, {@code state[0]},
   * of a non-null initial value), the checkpoints hold that value instead of the fields.
   */
  private Loop loop(String roundPrefix, Object[] state) {
    if (workflowObject == null || !scope.isEmpty() || rare.concurrency > 0 || cancelled()
        || (state != null && state[0] == null)) {
      return null;
    }
    int n = frame().occurrence("@loop");
    Loop loop = new Loop(n > 1 ? "@loop#" + n : "@loop", roundPrefix);
    loop.state = state;
    LoopCheckpoints.Mark mark = history.checkpoint(loop.id);
    if (mark != null) {
      if (state != null) {
        state[0] = LoopCheckpoints.state(mark.entry(), state[0].getClass(), instanceId);
      } else {
        LoopCheckpoints.restore(workflowObject, mark.entry(), instanceId);
      }
      replayed = Math.max(replayed, mark.sequencedBefore());
      loop.start = mark.entry().round();
      loop.since = mark.entry().since();
      loop.bound = mark.sequence();
      loop.nextTry = mark.sequence() + LoopCheckpoints.EVERY;
    }
    return loop;
  }

  /** One run's view of a loop's checkpoints (see {@link LoopCheckpoints}). */
  private final class Loop {
    final String id;
    final String roundPrefix;
    /** The round the loop starts at. */
    long start = 1;
    /** The sequence of the last entry before the loop's first round, or -1 while not known. */
    long since = -1;
    /** The sequence after which entries have not been checked yet (the last checkpoint's, or {@link #since}). */
    long bound = -1;
    /** No checkpoint is tried before the history has this many entries. */
    long nextTry;
    /** For a loop whose state is a value ({@code state[0]}), that value's holder; {@code null}: the fields. */
    Object[] state;

    Loop(String id, String roundPrefix) {
      this.id = id;
      this.roundPrefix = roundPrefix;
    }

    /** At the head of a round: learns where the loop began; writes a checkpoint when one is due. */
    void head(long round) {
      boolean caughtUp = replayed >= recordedSteps;
      if (since < 0) {
        String first = nextRecorded(roundPrefix + round + "]");
        if (first != null) {
          since = history.step(first).firstSequence() - 1;
        } else if (caughtUp) {
          since = history.lastSequence();
        }
        bound = since;
        nextTry = since + LoopCheckpoints.EVERY;
      }
      long last = history.lastSequence();
      if (!caughtUp || since < 0 || round <= 1 || last < nextTry || nextRecorded(roundPrefix + round + "]") != null) {
        return;
      }
      Boolean blocked = LoopCheckpoints.blocked(history, bound, roundPrefix);
      if (blocked != null) {
        // Something of the earlier rounds is still needed: try again later, or (for good) never in this run.
        nextTry = blocked ? last + LoopCheckpoints.EVERY : Long.MAX_VALUE;
        return;
      }
      List<String> names = new ArrayList<>(state == null ? LoopCheckpoints.names(workflowObject) : List.of());
      List<dev.flow.runtime.history.Payload> values = new ArrayList<>(state == null
          ? LoopCheckpoints.values(workflowObject, names) : List.of());
      if (state != null) {
        names.add(LoopCheckpoints.STATE);
        values.add(dev.flow.runtime.history.Payload.of(state[0]));
      }
      LoopCheckpoints.addState(history, effects.now(), effects.eventRetention(), names, values);
      record(new HistoryEntry.LoopCheckpoint(id, round, since, names, values));
      bound = history.lastSequence();
      nextTry = bound + LoopCheckpoints.EVERY;
    }
  }

  /** The next step occurrence of a scope that the history has and this run has not asked for yet, or {@code null}. */
  private String nextRecorded(String scope) {
    List<String> recorded = history.sequence(scope);
    Frame known = scope.isEmpty() ? topFrame : rare.frames == null ? null : rare.frames.get(scope);
    int cursor = known == null ? 0 : known.cursor;
    return cursor < recorded.size() ? recorded.get(cursor) : null;
  }

  @Override
  public void block(Segment... segments) {
    int at = 0;
    while (at < segments.length) {
      try {
        segments[at].body().run();
        at++;
      } catch (Signals.Jump jump) {
        round();
        int target = -1;
        for (int i = 0; i < segments.length; i++) {
          if (jump.target().equals(segments[i].label())) {
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

  /**
   * {@code try}: its body is a scope of its own ({@code try}, {@code try#2}, …), so the
   * compensations its steps registered are found in the history by their ids, whichever branch
   * or earlier run registered them.
   */
  @Override
  public void attempt(Body body, Handler handler) {
    int n = frame().occurrence("@try");
    String part = n > 1 ? "try#" + n : "try";
    String region = scoped(part);
    FlowError error;
    try {
      enter(part, body);
      return;
    } catch (Signals.Failure failure) {
      if (failure.uncaught()) {
        throw failure;
      }
      error = failure.error();
    } catch (RuntimeException unexpected) {
      if (Signals.isSignal(unexpected)) {
        throw unexpected;
      }
      error = new FlowError(lastStep, Words.unexpected(unexpected));
    }
    dropWaits(region);
    leaveSections(region);
    compensate(region + "/");
    handler.handle(error);
  }

  /**
   * Frees the critical sections still held by blocks inside {@code region}: a {@code try} caught a failure, and a
   * block that held a section in a branch cancelled by its sibling's failure (one that waited inside it, so its run
   * never reached its end) leaves it as a cancelled block does. Once recorded, a replay finds nothing more to free.
   */
  private void leaveSections(String region) {
    String prefix = region + "/";
    List<String> freed = new ArrayList<>();
    for (Map.Entry<String, String> held : history.exclusiveHolders().entrySet()) {
      if (held.getValue().startsWith(prefix)) {
        record(new HistoryEntry.ExclusiveLeft(held.getValue(), held.getKey()));
        freed.add(held.getKey());
      }
    }
    for (String name : freed) {
      wakeFor(name);
    }
  }

  /** Undoes, newest first, the completed steps whose ids start with {@code prefix} that are not undone yet. */
  public void compensate(String prefix) {
    List<StepRecord> due = new ArrayList<>();
    for (StepRecord registered : history.compensations()) {
      if (registered.stepId.startsWith(prefix) && !registered.compensated()) {
        due.add(registered);
      }
    }
    due.sort((a, b) -> Long.compare(b.compensationSequence(), a.compensationSequence()));
    for (StepRecord registered : due) {
      effects.compensate(registered);
    }
  }

  @Override
  public RuntimeException rethrow(FlowError error) {
    return new Signals.Failure(error);
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
  public RuntimeException continueAsNew(Object input) {
    if (rare.concurrency > 0) {
      return new Signals.Failure(new FlowError("continue as new", "continue as new is possible only where the "
          + "workflow runs one thing at a time, not in a branch of `parallel` or `first` (here: " + scope + ")"));
    }
    if (input == null) {
      return new Signals.Failure(new FlowError("continue as new", "continue as new needs the new instance's input"));
    }
    return new Signals.ContinueAsNew(input);
  }

  @Override
  public RuntimeException cancel(String reason) {
    return new Signals.Cancellation(reason);
  }
}
