package dev.flow.temporal;

import dev.flow.runtime.ActionStep;
import dev.flow.runtime.ApprovalStep;
import dev.flow.runtime.FlowError;
import dev.flow.runtime.Form;
import dev.flow.runtime.FormException;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.NonDeterminismException;
import dev.flow.runtime.Principal;
import dev.flow.runtime.RetryPolicy;
import dev.flow.runtime.Step;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import dev.flow.runtime.TaskStep;
import dev.flow.runtime.Trigger;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.engine.Inputs;
import dev.flow.runtime.engine.Views;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.history.TimerPurpose;
import dev.flow.runtime.replay.Choices;
import dev.flow.runtime.replay.Effects;
import dev.flow.runtime.replay.History;
import dev.flow.runtime.replay.Interpreter;
import dev.flow.runtime.replay.Sections;
import dev.flow.runtime.replay.Signals;
import dev.flow.runtime.replay.StepRecord;
import dev.flow.runtime.replay.Wait;
import dev.flow.runtime.replay.Words;
import dev.flow.runtime.store.JsonCodec;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.ChildWorkflowStub;
import io.temporal.workflow.ExternalWorkflowStub;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Flow instance on Temporal: the generated workflow class runs unchanged on the runtime's
 * backend-neutral {@link Interpreter}, whose {@link Effects} are Temporal's. The Flow history is
 * workflow state, rebuilt by Temporal's replay on any worker; each of its commands becomes a
 * Temporal command: an action attempt an activity (with the step's retries and time limit as
 * activity options), a timer a durable timer, a call or start a child workflow, a withdrawn wait a
 * cancelled scope. The run waits where it stands ({@code Workflow.await}) while it waits outside
 * any {@code parallel} or {@code first}; inside one, it unwinds and runs again from the top once
 * something arrives, as on the embedded engine. What arrives (an activity's outcome, a timer, a
 * task completion, an event, a child's end) is applied only while the run waits, so a run never
 * sees its history change under it.
 */
public final class FlowWorkflowImpl implements FlowWorkflow {
  /** The failure type of a Temporal workflow whose Flow instance failed; its details are the {@link Messages.Ended}. */
  public static final String FAILED = "FlowFailed";
  /** The failure type of a Temporal workflow whose Flow instance was cancelled without a cancel request through Temporal. */
  public static final String CANCELLED = "FlowCancelled";
  /** How long an instance cancelled by the {@code cancel} signal waits for the cancel request through Temporal after it. */
  private static final Duration CANCEL_FOLLOWS = Duration.ofSeconds(30);
  /** The {@code Workflow.getVersion} change id of the search attributes. */
  static final String SEARCH_ATTRIBUTES_CHANGE = "flow-search-attributes";
  /**
   * The {@code Workflow.getVersion} change id of a workflow type per Flow workflow (for children),
   * of failed and cancelled instances as failed and cancelled Temporal workflows, and of the cancel
   * request after the {@code cancel} signal to a child.
   */
  static final String WORKFLOW_TYPES_CHANGE = "flow-workflow-types";
  /** The one Temporal workflow type of every Flow instance on the releases before {@link #WORKFLOW_TYPES_CHANGE}. */
  public static final String LEGACY_TYPE = "FlowWorkflow";
  /** The {@code Workflow.getVersion} change id of {@code emit} (which failed the instance before). */
  static final String EMIT_CHANGE = "flow-emit";
  /** How many attempts the activity that publishes an emitted event makes. */
  private static final int PUBLISH_ATTEMPTS = 10;
  /**
   * The ids of the events this instance took or kept, the latest {@value #HANDED_CARRIED} carried
   * into a new run: one handed over again (a retried publication) is not taken twice.
   */
  private final Set<String> handed = new java.util.LinkedHashSet<>();
  /** The {@code Workflow.getVersion} change id of continuing as new. */
  static final String CONTINUE_AS_NEW_CHANGE = "flow-continue-as-new";
  /**
   * The {@code Workflow.getVersion} change id of continuing as new a workflow started by {@code call}
   * (which failed the instance before): the next instance is a child workflow of this one, which
   * waits for the chain's end and ends its Temporal workflow with it, so that the caller's child
   * workflow ends with the chain's last instance; a cancel of this one is passed on down the chain.
   */
  static final String CALLED_CHAIN_CHANGE = "flow-called-chain";
  /** The next instance of a called chain, which this (ended) one waits for, or null. */
  private Promise<Messages.Ended> chain;
  /** The id of {@link #chain}. */
  private String chainId;
  /** Why the instance was asked to cancel (the {@code cancel} signal, or the request through Temporal). */
  private String cancelWhy;
  /** The {@code Workflow.getVersion} change id of the {@code FlowMarks} search attribute. */
  static final String MARKS_CHANGE = "flow-marks";
  /** What the instance's Flow history holds, for {@code FlowMarks}: tasks, breaches, notifications. */
  private final java.util.TreeSet<String> marks = new java.util.TreeSet<>(List.of(FlowSearchAttributes.MARKED));
  /** Whether this run keeps {@code FlowMarks} (the instance began on a release that does). */
  private boolean marking;
  /**
   * The {@code Workflow.getVersion} change id of events kept for any receive of the instance's
   * workflow (not only while busy): {@code FlowWaitingFor} shows {@code @receives|TYPE}, an offer
   * of such an event is kept, and a wait takes the oldest kept one it matches, leaving the others.
   */
  static final String KEPT_EVENTS_CHANGE = "flow-kept-events";
  /**
   * How long an event kept for an instance stays (workflow time since it arrived) when the worker
   * is not told otherwise ({@link FlowWorker.Builder#eventRetention}): the engine's default retention.
   */
  static final Duration EVENT_RETENTION = Duration.ofDays(7);
  /**
   * How many events an instance keeps at most when the worker is not told otherwise
   * ({@link FlowWorker.Builder#keptEventsAtMost}); beyond, the oldest is dropped (payload and history sizes).
   */
  static final int KEPT_AT_MOST = 1000;
  /**
   * The {@code Workflow.getVersion} change id of events of any key kept while a receive of their
   * type waits: the instance shows {@code @receives|TYPE} for every event type two or more of its
   * receive steps take, also while one of them waits with its correlation, so that an event of
   * another key is offered, kept, and found by a later receive (as on the embedded engine, whose
   * events are kept for all). A type one receive step takes is not on its own: a step reached once
   * could not take such an event, and offering it would make each publish an update to every
   * instance waiting at it; a step reached again is, since {@link #KEPT_REPEATED_CHANGE}.
   */
  static final String KEPT_ANY_KEY_CHANGE = "flow-kept-any-key";
  /**
   * The {@code Workflow.getVersion} change id of events of any key kept while a receive step that
   * is reached again waits ({@link dev.flow.runtime.ReceiveStep#repeats()}: in a loop, a
   * {@code for each}, or the stretch a {@code go to} jumps back over): the instance shows
   * {@code @receives|TYPE} for its type also while that step waits with its correlation, so that an
   * event of another key is offered, kept, and found by the same step reached again with that key
   * (as on the embedded engine). A receive step reached once stays targeted: while it waits, only
   * an event of its key is offered.
   */
  static final String KEPT_REPEATED_CHANGE = "flow-kept-repeated-receive";
  /**
   * The {@code Workflow.getVersion} change id of the worker's kept-events retention: each run
   * records (a side effect) the retention and the most kept events the worker was configured with
   * when the run began, so that a replay on a worker configured otherwise takes the same events.
   */
  static final String KEPT_RETENTION_CHANGE = "flow-kept-retention";
  /** Whether this run offers every event of a type its receives take, also while one waits ({@link #KEPT_ANY_KEY_CHANGE}). */
  private boolean keepingAnyKey;
  /** Whether this run offers every event of a type a receive step reached again takes ({@link #KEPT_REPEATED_CHANGE}). */
  private boolean keepingRepeated;
  /** The retention the worker was configured with. */
  private final Duration configuredRetention;
  /** The most kept events the worker was configured with. */
  private final int configuredAtMost;
  /** How long this run keeps an event (recorded when the run began). */
  private Duration eventRetention = EVENT_RETENTION;
  /** How many events this run keeps at most (recorded when the run began). */
  private int keptAtMost = KEPT_AT_MOST;
  /**
   * The {@code Workflow.getVersion} change id of the Flow history shown in the Temporal history:
   * each time the instance shows where it stands, the entries recorded since are upserted to its
   * memo ({@value #HISTORY_MEMO}), so that a client reads what an instance ran from its Temporal
   * history alone, when no worker can answer (its version not deployed any more).
   */
  static final String SHOWN_HISTORY_CHANGE = "flow-shown-history";
  /** The memo field of the Flow entries recorded since the last upsert (JSON, {@code JsonCodec#toJson(List)}). */
  static final String HISTORY_MEMO = "FlowHistory";
  /** Whether this run shows its Flow history in the memo (the instance began on a release that does). */
  private boolean journaling;
  /** The sequence of the last Flow entry shown in the memo (or carried into this run). */
  private long journaled;
  /** Whether this run keeps events for any of its workflow's receives (the instance began on a release that does). */
  private boolean keeping;
  /** When each event of {@link #kept} arrived (workflow time), in the same order. */
  private final List<Instant> keptAt = new ArrayList<>();
  /** The event types the workflow's receives take. */
  private Set<String> receivable;
  /**
   * The event types two or more receive steps of the workflow take: while one waits, an event of
   * another key is offered for the others ({@link #KEPT_ANY_KEY_CHANGE}).
   */
  private final Set<String> receivedTwice = new java.util.TreeSet<>();
  /**
   * The event types a correlated receive step that is reached again takes: while it waits, an
   * event of another key is offered for its later occurrences ({@link #KEPT_REPEATED_CHANGE}).
   */
  private final Set<String> receivedAgain = new java.util.TreeSet<>();
  private final Catalog catalog;
  private final boolean searchAttributes;
  private final int continueAsNewAfter;
  private final Duration actionLimit;
  private final Duration compensationLimit;
  private final JsonCodec codec = new JsonCodec();
  private final History history = new History();
  private final Effects effects = new TemporalEffects();
  private final Map<String, CancellationScope> scopes = new HashMap<>();
  private final Set<String> running = new HashSet<>();
  private final List<Promise<?>> pending = new ArrayList<>();
  private final List<Object> kept = new ArrayList<>();
  /**
   * How many events were handed to the instance ({@link #offer}), counted as they arrive (also while
   * the run is busy): a {@code receive new} records the count when it starts waiting and takes only
   * an event that arrives after it. A kept event never counts as new: while such a receive waits, an
   * event it matches is taken at once, so one kept for later arrived before it waited. A new run
   * (continue-as-new) counts on from the largest mark its history holds.
   */
  private long arrivals;
  private String id;
  private WorkflowDefinition<?, ?> definition;
  private ZoneId zone;
  private InstanceState state = InstanceState.RUNNING;
  private Map<String, Wait> waits = Map.of();
  /** Bumped by whatever arrives that the run may be waiting for. */
  private long changes;
  /** Activities, child starts, and signals to other instances whose outcome is not recorded yet. */
  private int inFlight;
  /** Whether the run waits (parked or unwound): only then is what arrives applied. */
  private boolean waiting;
  /** The deadline passed and ends the instance ({@code deadline … cancel/fail}). */
  private boolean deadlineEnds;
  /** Activities running (actions, notifications): the instance ends only once they are done. */
  private int working;
  /** The instance ends: it lets its running activities finish, and keeps only what its notifications did. */
  private boolean draining;
  /** Temporal was asked to cancel the workflow (so it can end as a cancelled Temporal workflow). */
  private boolean temporalCancel;
  /** The {@code cancel} signal arrived (from the runtime or a calling instance, which then ask Temporal to cancel too). */
  private boolean cancelSignalled;
  /** Whether this run upserts its search attributes (turned on for the worker, and the instance began on a release that does). */
  private boolean showing;
  /** The instance began on a release whose children are typed by their Flow name and whose failures fail the workflow. */
  private boolean ownTypes;
  /** The instance began on a release that continues as new. */
  private boolean continues;
  /** The Temporal history is long enough to continue as new at the next point where the run waits. */
  private boolean continuing;
  /** What the search attributes last said: attribute name to value. */
  private final Map<String, Object> shown = new HashMap<>();
  /** The receives that started waiting, by step occurrence (for {@code FlowWaitingFor}). */
  private final Map<String, HistoryEntry.ReceiveWaiting> receives = new LinkedHashMap<>();

  /**
   * @param catalog the workflows this worker runs
   * @param actionLimit an action step's time limit per attempt when it declares none
   * @param compensationLimit a compensation's time limit when its step declares none
   */
  public FlowWorkflowImpl(Catalog catalog, Duration actionLimit, Duration compensationLimit) {
    this(catalog, actionLimit, compensationLimit, false, FlowWorker.DEFAULT_CONTINUE_AS_NEW_AFTER);
  }

  /**
   * @param catalog the workflows this worker runs
   * @param actionLimit an action step's time limit per attempt when it declares none
   * @param compensationLimit a compensation's time limit when its step declares none
   * @param searchAttributes whether the instance keeps its {@link FlowSearchAttributes} up to date
   * @param continueAsNewAfter how many Temporal history events a run may have before the instance continues as new
   */
  public FlowWorkflowImpl(Catalog catalog, Duration actionLimit, Duration compensationLimit, boolean searchAttributes,
      int continueAsNewAfter) {
    this(catalog, actionLimit, compensationLimit, searchAttributes, continueAsNewAfter, EVENT_RETENTION, KEPT_AT_MOST);
  }

  /**
   * @param catalog the workflows this worker runs
   * @param actionLimit an action step's time limit per attempt when it declares none
   * @param compensationLimit a compensation's time limit when its step declares none
   * @param searchAttributes whether the instance keeps its {@link FlowSearchAttributes} up to date
   * @param continueAsNewAfter how many Temporal history events a run may have before the instance continues as new
   * @param eventRetention how long an event kept for a later receive stays
   * @param keptAtMost how many events an instance keeps at most
   */
  public FlowWorkflowImpl(Catalog catalog, Duration actionLimit, Duration compensationLimit, boolean searchAttributes,
      int continueAsNewAfter, Duration eventRetention, int keptAtMost) {
    this.configuredRetention = eventRetention;
    this.configuredAtMost = keptAtMost;
    this.catalog = catalog;
    this.continueAsNewAfter = continueAsNewAfter;
    this.actionLimit = actionLimit;
    this.compensationLimit = compensationLimit;
    this.searchAttributes = searchAttributes;
  }

  // ---- the run -----------------------------------------------------------------------------

  /**
   * Runs the instance to its end: completes with its outcome, or fails or is cancelled as
   * {@link #outcome()} says.
   */
  public Messages.Ended run(Messages.Start start) {
    id = Workflow.getInfo().getWorkflowId();
    zone = ZoneId.of(start.zone());
    // A version this worker does not have fails the workflow task, which Temporal retries: the
    // instance is blocked until a worker with the version picks it up, not failed.
    definition = catalog.definition(start.workflow(), start.version()).orElseThrow(() -> new IllegalStateException(
        "blocked: version " + start.version() + " of " + start.workflow() + " is not deployed on this worker"));
    // Commands this release adds to what earlier ones issued are guarded, so that an instance
    // begun on an earlier release replays its Temporal history the same way (see docs/architecture.md).
    // An instance begun on an earlier release finds no marker and keeps that release's behaviour for its whole life.
    ownTypes = Workflow.getVersion(WORKFLOW_TYPES_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
    showing = searchAttributes && Workflow.getVersion(SEARCH_ATTRIBUTES_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
    continues = Workflow.getVersion(CONTINUE_AS_NEW_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
    marking = showing && Workflow.getVersion(MARKS_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
    keeping = Workflow.getVersion(KEPT_EVENTS_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
    journaling = Workflow.getVersion(SHOWN_HISTORY_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
    keepingAnyKey = keeping && Workflow.getVersion(KEPT_ANY_KEY_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
    keepingRepeated = keepingAnyKey && Workflow.getVersion(KEPT_REPEATED_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
    if (keeping && Workflow.getVersion(KEPT_RETENTION_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1) {
      long[] limits = Workflow.sideEffect(long[].class, () -> new long[] {configuredRetention.toMillis(), configuredAtMost});
      eventRetention = Duration.ofMillis(limits[0]);
      keptAtMost = (int) limits[1];
    }
    if (start.history() != null) {
      resume(start);
      journaled = history.lastSequence(); // In the start message of this run.
    } else {
      Object input = codec.payload(start.input()).as(definition.inputType());
      List<HistoryEntry> first = new ArrayList<>();
      first.add(new HistoryEntry.InstanceStarted(definition.name(), definition.version(), Payload.of(input),
          start.parentId(), start.callerStepId()));
      definition.deadlineFor(input).ifPresent(limit -> first.add(new HistoryEntry.TimerSet("@deadline",
          definition.simpleName(), TimerPurpose.DEADLINE, now().plus(limit))));
      commit(first);
    }
    // A cancel requested through Temporal (the runtime's cancel, a calling instance, the UI or
    // CLI) cancels the root scope; the instance works in a scope of its own, so that the cancel
    // is applied as a Flow cancel (withdraw, compensate) rather than cutting its work off.
    CancellationScope root = CancellationScope.current();
    Async.procedure(() -> {
      Workflow.await(root::isCancelRequested);
      Workflow.newDetachedCancellationScope(() -> {
        temporalCancel = true;
        String reason = root.getCancellationReason();
        if (cancelWhy == null) {
          cancelWhy = reason == null || reason.isBlank() ? "cancelled through Temporal" : reason;
        }
        arrive(() -> {
          if (history.cancelReason() == null) {
            commit(List.of(new HistoryEntry.CancelRequested(reason == null || reason.isBlank()
                ? "cancelled through Temporal" : reason)));
          }
        }, true);
      }).run();
    });
    Workflow.newDetachedCancellationScope(this::advance).run();
    if (chain != null) {
      // Continued as new while called: the Temporal workflow ends as the chain's last instance ended.
      List<Messages.Ended> last = new ArrayList<>();
      Workflow.newDetachedCancellationScope(() -> last.add(followChain())).run();
      return last.get(0);
    }
    return outcome();
  }

  /**
   * How the instance ended, as Temporal shows it: a completed instance completes the Temporal
   * workflow with its outcome; a failed one fails it ({@value #FAILED}, the Flow failure's
   * message, the outcome as details); a cancelled one is a cancelled Temporal workflow when the
   * cancel was requested through Temporal, and otherwise (a {@code deadline … cancel}, which
   * Temporal cannot show as cancelled) a failed one of type {@value #CANCELLED}.
   */
  private Messages.Ended outcome() {
    HistoryEntry.InstanceEnded ended = history.ended();
    HistoryEntry.ErrorRaised raised = history.raised();
    Messages.Ended outcome = new Messages.Ended(ended.state().name(),
        ended.output().isNone() ? null : codec.toJson(ended.output()), ended.failedStep(), ended.message(),
        raised == null ? null : raised.errorType(), raised == null ? null : codec.toJson(raised.error()));
    if (!ownTypes) {
      return outcome; // Begun on a release where every instance completed its Temporal workflow.
    }
    if (ended.state() == InstanceState.FAILED) {
      String where = ended.failedStep() == null || ended.failedStep().isEmpty() ? "" : ended.failedStep() + ": ";
      throw ApplicationFailure.newNonRetryableFailure(where + ended.message(), FAILED, outcome);
    }
    if (ended.state() == InstanceState.CANCELLED) {
      if (!temporalCancel && cancelSignalled) {
        // Cancelled through the `cancel` signal: the request through Temporal follows it.
        Workflow.await(CANCEL_FOLLOWS, () -> temporalCancel);
      }
      if (temporalCancel) {
        throw new CanceledFailure(ended.message(), outcome);
      }
      throw ApplicationFailure.newNonRetryableFailure("cancelled: " + ended.message(), CANCELLED, outcome);
    }
    return outcome;
  }

  /** Runs the workflow code until the instance ends, waiting between runs for what it waits for. */
  private void advance() {
    while (history.ended() == null) {
      if (continuing) {
        continueAsNew();
      }
      if (history.cancelReason() != null) {
        cancelNow();
        return;
      }
      if (deadlineEnds) {
        endAtDeadline();
        return;
      }
      state = InstanceState.RUNNING;
      Interpreter interpreter = new Interpreter(id, definition.name(), history, effects);
      interpreter.parkWith(() -> park(interpreter));
      try {
        Object output = runWorkflow(definition, interpreter, history);
        end(InstanceState.COMPLETED, output, null, null);
      } catch (Signals.Replay | Signals.Abandoned again) {
        // A first was decided (the run starts again from the top), or a cancel or deadline arrived while it waited.
        continue;
      } catch (Signals.Completion completion) {
        end(InstanceState.COMPLETED, completion.output(), null, null);
      } catch (Signals.ContinueAsNew next) {
        startOver(next.input());
      } catch (Signals.Suspend suspend) {
        long seen = changes;
        settle(interpreter);
        if (historyTooLong()) {
          continueAsNew();
        }
        awaitChange(seen);
      } catch (Signals.Failure failure) {
        interpreter.compensate("");
        end(InstanceState.FAILED, null, failure.error(), null);
      } catch (Signals.Cancellation cancellation) {
        interpreter.compensate("");
        end(InstanceState.CANCELLED, null, null, cancellation.reason());
      } catch (NonDeterminismException e) {
        end(InstanceState.FAILED, null, new FlowError(interpreter.lastStep(), e.getMessage()), null);
      } catch (Signals.Jump jump) {
        end(InstanceState.FAILED, null, new FlowError("go to", "there is no step `" + jump.target() + "` to go to from here"),
            null);
      } catch (CanceledFailure | ApplicationFailure temporal) {
        throw temporal;
      } catch (RuntimeException e) {
        interpreter.compensate("");
        end(InstanceState.FAILED, null, new FlowError(interpreter.lastStep(), Words.unexpected(e)), null);
      } catch (StackOverflowError e) {
        interpreter.compensate("");
        end(InstanceState.FAILED, null, new FlowError(interpreter.lastStep(), "unexpected error: " + e), null);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <I, O> O runWorkflow(WorkflowDefinition<I, O> definition, Interpreter interpreter, History history) {
    I input = history.started().input().as(definition.inputType());
    return interpreter.finish(definition.newWorkflow().run(interpreter, input));
  }

  /** The run waits where it stands (outside any concurrent construct) until something arrives. */
  private void park(Interpreter interpreter) {
    long seen = changes;
    settle(interpreter);
    if (historyTooLong()) {
      // Continued as new outside the workflow code: the run lets go of it, and advance() goes on.
      continuing = true;
      throw Signals.Abandoned.INSTANCE;
    }
    awaitChange(seen);
    if (history.cancelReason() != null || deadlineEnds) {
      throw Signals.Abandoned.INSTANCE;
    }
    if (historyTooLong()) {
      // What it waited for has arrived (say, an action's outcome, in a loop of actions): it goes on in a new run.
      continuing = true;
      throw Signals.Abandoned.INSTANCE;
    }
    state = InstanceState.RUNNING;
  }

  /** The run waits for {@code waits}: what it no longer waits for is withdrawn, and events kept for it are offered. */
  private void settle(Interpreter run) {
    Map<String, Wait> now = run.waits();
    reconcile(now, run, "its branch no longer needs it");
    waits = now;
    state = InstanceState.WAITING;
    if (keeping) {
      // The oldest kept event a receive now matches is taken; the others stay kept for later receives.
      forgetExpired();
      for (int i = 0; i < kept.size(); i++) {
        if (take(kept.get(i), 0) != null) {
          kept.remove(i);
          keptAt.remove(i);
          changes++;
          return;
        }
      }
      show();
      return;
    }
    List<Object> offered = List.copyOf(kept);
    kept.clear();
    keptAt.clear();
    for (Object event : offered) {
      if (take(event, 0) != null) {
        changes++;
        return;
      }
    }
    show();
  }

  /** Upserts to the memo the Flow entries recorded since the last time ({@link #SHOWN_HISTORY_CHANGE}). */
  private void journal() {
    if (!journaling || history.lastSequence() <= journaled) {
      return;
    }
    List<Recorded> since = new ArrayList<>();
    for (Recorded recorded : history.entries()) {
      if (recorded.sequence() > journaled) {
        since.add(recorded);
      }
    }
    Workflow.upsertMemo(Map.of(HISTORY_MEMO, codec.toJson(since)));
    journaled = history.lastSequence();
  }

  /** Drops the kept events older than the retention ({@link #eventRetention}). */
  private void forgetExpired() {
    Instant oldest = now().minus(eventRetention);
    while (!keptAt.isEmpty() && keptAt.get(0).isBefore(oldest)) {
      kept.remove(0);
      keptAt.remove(0);
    }
  }

  /** Keeps an event for a later receive, oldest first, at most {@link #keptAtMost}. */
  private void keep(Object event) {
    kept.add(event);
    keptAt.add(now());
    while (kept.size() > keptAtMost) {
      kept.remove(0);
      keptAt.remove(0);
    }
  }

  /**
   * The event types the workflow's receives take (and, in {@link #receivedTwice}, those two or more
   * receives take; in {@link #receivedAgain}, those a correlated receive reached again takes).
   */
  private Set<String> receivable() {
    if (receivable == null) {
      Set<String> types = new java.util.TreeSet<>();
      for (Step step : definition.steps()) {
        if (!(step instanceof dev.flow.runtime.ReceiveStep<?> receive)) {
          continue;
        }
        if (!types.add(receive.event().getName())) {
          receivedTwice.add(receive.event().getName());
        }
        if (receive.repeats() && !receive.correlation().isEmpty()) {
          receivedAgain.add(receive.event().getName());
        }
      }
      receivable = types;
    }
    return receivable;
  }

  /**
   * Upserts the search attributes that changed ({@link FlowSearchAttributes}): what the
   * instance waits for, who may act on its tasks, where it stands.
   */
  private void show() {
    journal();
    if (!showing) {
      return;
    }
    Map<String, Object> now = new LinkedHashMap<>();
    now.put(FlowSearchAttributes.WORKFLOW.getName(), definition.name());
    boolean ended = history.ended() != null;
    now.put(FlowSearchAttributes.STATE.getName(), ended ? history.ended().state().name() : state.name());
    java.util.TreeSet<String> waitingFor = new java.util.TreeSet<>();
    java.util.TreeSet<String> roles = new java.util.TreeSet<>();
    if (!ended) {
      if (inFlight > 0) {
        waitingFor.add(FlowSearchAttributes.BUSY);
      }
      Set<String> waitedAt = new HashSet<>();
      for (HistoryEntry.ReceiveWaiting receive : receives.values()) {
        StepRecord step = history.step(receive.stepId());
        if (step != null && step.receiveOpen()) {
          waitingFor.add(FlowSearchAttributes.waitingFor(receive.eventType(), receive.correlation()));
          waitedAt.add(receive.eventType());
        }
      }
      if (keeping) {
        // An event its receives take is kept for them; on releases before KEPT_ANY_KEY_CHANGE, not while a
        // receive of its type waits (its correlation shows, and an event of another key was not offered);
        // before KEPT_REPEATED_CHANGE, also not while the one receive step of its type waits, even one reached again.
        for (String type : receivable()) {
          if ((keepingAnyKey && receivedTwice.contains(type)) || (keepingRepeated && receivedAgain.contains(type))
              || !waitedAt.contains(type)) {
            waitingFor.add(FlowSearchAttributes.receives(type));
          }
        }
      }
      for (String open : history.open()) {
        StepRecord step = history.step(open);
        if (step != null && step.taskOpen() && step.taskCreatedEntry() != null) {
          HistoryEntry.TaskCreated created = (HistoryEntry.TaskCreated) step.taskCreatedEntry().entry();
          roles.add(FlowSearchAttributes.ANY_TASK);
          roles.add(created.role());
          roles.addAll(created.otherRoles());
          if (step.breached() && created.escalateTo() != null) {
            roles.add(created.escalateTo());
          }
        }
      }
    }
    now.put(FlowSearchAttributes.WAITING_FOR.getName(), List.copyOf(waitingFor));
    now.put(FlowSearchAttributes.TASK_ROLES.getName(), List.copyOf(roles));
    if (marking) {
      now.put(FlowSearchAttributes.MARKS.getName(), List.copyOf(marks));
    }
    if (now.equals(shown)) {
      return;
    }
    List<io.temporal.common.SearchAttributeUpdate<?>> updates = new ArrayList<>();
    updates.add(FlowSearchAttributes.WORKFLOW.valueSet(definition.name()));
    updates.add(FlowSearchAttributes.STATE.valueSet((String) now.get(FlowSearchAttributes.STATE.getName())));
    updates.add(waitingFor.isEmpty() ? FlowSearchAttributes.WAITING_FOR.valueUnset()
        : FlowSearchAttributes.WAITING_FOR.valueSet(List.copyOf(waitingFor)));
    updates.add(roles.isEmpty() ? FlowSearchAttributes.TASK_ROLES.valueUnset()
        : FlowSearchAttributes.TASK_ROLES.valueSet(List.copyOf(roles)));
    if (marking) {
      updates.add(FlowSearchAttributes.MARKS.valueSet(List.copyOf(marks)));
    }
    Workflow.upsertTypedSearchAttributes(updates.toArray(new io.temporal.common.SearchAttributeUpdate<?>[0]));
    shown.clear();
    shown.putAll(now);
  }

  private void awaitChange(long seen) {
    waiting = true;
    Workflow.await(() -> changes != seen || history.cancelReason() != null || deadlineEnds);
    waiting = false;
  }

  /**
   * Applies what arrived once the run waits (at once if it does), then lets it go on when
   * {@code wake}. Runs on the thread of what arrived (an activity's, a timer's, a handler's).
   */
  private void arrive(Runnable apply, boolean wake) {
    Workflow.await(() -> waiting || draining || history.ended() != null);
    if (draining || history.ended() != null) {
      return;
    }
    apply.run();
    if (wake) {
      changes++;
    }
    show();
  }

  // ---- continuing as new ------------------------------------------------------------------

  /**
   * Whether this run's Temporal history has grown past the limit (or Temporal suggests it) while
   * nothing is in flight: no activity, no child start or awaited child, no handler at work. Then
   * the instance can continue as new with nothing but its Flow history.
   */
  private boolean historyTooLong() {
    if (!continues || history.ended() != null || history.cancelReason() != null || deadlineEnds || inFlight > 0 || working > 0) {
      return false;
    }
    io.temporal.workflow.WorkflowInfo info = Workflow.getInfo();
    if (info.getHistoryLength() < continueAsNewAfter && !info.isContinueAsNewSuggested()) {
      return false;
    }
    for (String open : history.open()) {
      StepRecord step = history.step(open);
      if (step != null && step.childOpen()) {
        return false; // Its end is delivered to this run (a child workflow's result): it continues once the child ended.
      }
    }
    for (Promise<?> promise : pending) {
      if (!promise.isCompleted()) {
        return false;
      }
    }
    return Workflow.isEveryHandlerFinished();
  }

  /**
   * Continues the instance as a new run of the same Temporal workflow (same id, so the same Flow
   * instance): it carries the Flow history (gzipped) and the events kept for its next wait; the
   * new run re-arms the open timers and runs the workflow code from the top on that history, as a
   * worker replaying it would, and goes on waiting where this run waited.
   */
  private void continueAsNew() {
    List<Messages.Event> events = new ArrayList<>();
    for (Object event : kept) {
      events.add(new Messages.Event(event.getClass().getName(), codec.toJson(Payload.of(event))));
    }
    HistoryEntry.InstanceStarted started = history.started();
    Workflow.continueAsNew(new Messages.Start(definition.name(), definition.version(), codec.toJson(started.input()),
        started.parentId(), started.callerStepId(), zone.getId(), pack(codec.toJson(history.entries())), events,
        handed.isEmpty() ? null : latest(handed)));
  }

  /**
   * The Flow-level continue-as-new ({@code continue as new with (…)}), as the engine does it: what
   * the instance has open is withdrawn and its compensations dropped, the workflow starts as a new
   * instance (a Temporal workflow of its own, its {@code parentId} this one) with the new input,
   * and this one ends COMPLETED, "continued as new as ID", with no outputs; {@code starts after}
   * successors are not started. A workflow started by {@code call} starts its next instance as a
   * child workflow of this one (the caller's {@code parentId} and call step), and this Temporal
   * workflow waits for the chain's end ({@link #followChain}): the caller's child workflow is this
   * one, so it ends as the chain's last instance ends ({@value #CALLED_CHAIN_CHANGE}; before it,
   * such a workflow failed with a clear message).
   */
  private void startOver(Object input) {
    boolean called = history.started().callerStepId() != null;
    String problem = called && Workflow.getVersion(CALLED_CHAIN_CHANGE, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION
        ? "a workflow started by `call` cannot continue as new on the Temporal backend yet (the embedded engine can)"
        : !definition.inputType().isInstance(input) ? "continue as new needs a " + definition.inputType().getSimpleName()
            + " as the new input, not a " + input.getClass().getSimpleName() : null;
    if (problem != null) {
      end(InstanceState.FAILED, null, new FlowError("continue as new", problem), null);
      return;
    }
    draining = true;
    Workflow.await(() -> working == 0);
    draining = false;
    reconcile(Map.of(), "the instance continued as new");
    String next = called ? chainOn(input) : startInstance(definition, input, id, null, childId -> { });
    for (Promise<?> promise : pending) {
      promise.get();
    }
    commit(List.of(new HistoryEntry.InstanceEnded(InstanceState.COMPLETED, Payload.NONE, null,
        dev.flow.runtime.api.FlowRuntime.CONTINUED_AS_NEW + next)));
    state = InstanceState.COMPLETED;
    waits = Map.of();
    show();
  }

  /**
   * Starts the next instance of a called chain: a child workflow of this one that answers the
   * same call (its {@code parentId} and {@code callerStepId} are this instance's), whose end this
   * one waits for ({@link #chain}).
   */
  private String chainOn(Object input) {
    HistoryEntry.InstanceStarted started = history.started();
    String nextId = newInstanceId(definition);
    Messages.Start start = new Messages.Start(definition.name(), definition.version(), codec.toJson(Payload.of(input)),
        started.parentId(), started.callerStepId(), zone.getId());
    ChildWorkflowStub stub = childStub(definition, nextId);
    chain = stub.executeAsync(Messages.Ended.class, start);
    stub.getExecution().get();
    chainId = nextId;
    return nextId;
  }

  /**
   * Waits for the end of the called chain this instance continued as: a cancel of this one (its
   * caller gave it up, or the runtime cancelled it) is passed on to the next instance (which
   * passes it on to the chain's current one); the chain's last end is this Temporal workflow's
   * result, a FAILED or CANCELLED one too (the caller reads the state from it, as from a workflow
   * of a release before {@value #WORKFLOW_TYPES_CHANGE}).
   */
  private Messages.Ended followChain() {
    boolean[] told = {false};
    while (!chain.isCompleted()) {
      Workflow.await(() -> chain.isCompleted() || (!told[0] && (cancelSignalled || temporalCancel)));
      if (!chain.isCompleted() && !told[0]) {
        told[0] = true;
        try {
          ExternalWorkflowStub next = Workflow.newUntypedExternalWorkflowStub(chainId);
          next.signal("cancel", cancelWhy == null ? "cancelled through Temporal" : cancelWhy);
          next.cancel();
        } catch (RuntimeException gone) {
          // It has ended already: its end is the chain's.
        }
      }
    }
    try {
      return chain.get();
    } catch (ChildWorkflowFailure failure) {
      return endedOf(failure);
    }
  }

  /** How many ids of events taken or kept a new run gets from the last (a retried publication comes soon after). */
  private static final int HANDED_CARRIED = 1000;

  private static List<String> latest(Set<String> ids) {
    List<String> all = List.copyOf(ids);
    return all.subList(Math.max(0, all.size() - HANDED_CARRIED), all.size());
  }

  /** A new run continues the instance: its Flow history, its open timers, the events kept for it. */
  private void resume(Messages.Start start) {
    Map<String, HistoryEntry.TimerSet> timers = new LinkedHashMap<>();
    for (Recorded recorded : codec.history(unpack(start.history()))) {
      history.apply(recorded);
      mark(recorded.entry());
      if (recorded.entry() instanceof HistoryEntry.TimerSet set) {
        timers.put(set.stepId(), set);
      } else if (recorded.entry() instanceof HistoryEntry.ReceiveWaiting receive) {
        receives.put(receive.stepId(), receive);
        arrivals = Math.max(arrivals, receive.eventsAfter()); // its events arrive after every mark recorded
      }
    }
    for (HistoryEntry.TimerSet set : timers.values()) {
      StepRecord timer = history.step(set.stepId());
      if (timer != null && timer.timerSet()) {
        startTimer(set.stepId(), set.due(), set.purpose());
      }
    }
    if (start.kept() != null) {
      for (Messages.Event event : start.kept()) {
        kept.add(decode(event));
        keptAt.add(now()); // When it arrived is not carried: its retention starts again in the new run.
      }
    }
    if (start.handed() != null) {
      handed.addAll(start.handed());
    }
  }

  static String pack(String json) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(bytes)) {
      zip.write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  static String unpack(String packed) {
    byte[] bytes = java.util.Base64.getDecoder().decode(packed);
    try (java.util.zip.GZIPInputStream zip = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      return new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ---- history -----------------------------------------------------------------------------

  private Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  /** Appends entries to the Flow history; a timer set starts a durable timer, a timer cancelled cancels it. */
  private void commit(List<HistoryEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Instant at = now();
    for (HistoryEntry entry : entries) {
      history.apply(new Recorded(history.lastSequence() + 1, at, entry));
      mark(entry);
    }
    for (HistoryEntry entry : entries) {
      if (entry instanceof HistoryEntry.TimerSet set) {
        StepRecord timer = history.step(set.stepId());
        if (timer != null && timer.timerSet()) {
          startTimer(set.stepId(), set.due(), set.purpose());
        }
      } else if (entry instanceof HistoryEntry.TimerCancelled cancelled) {
        drop(cancelled.stepId());
      } else if (entry instanceof HistoryEntry.ReceiveWaiting receive) {
        receives.put(receive.stepId(), receive);
      }
    }
  }

  /** Notes in {@link #marks} what an entry adds to what the instance's history holds. */
  private void mark(HistoryEntry entry) {
    if (entry instanceof HistoryEntry.TaskCreated) {
      marks.add(FlowSearchAttributes.TASK);
    } else if (entry instanceof HistoryEntry.Breached) {
      marks.add(FlowSearchAttributes.BREACH);
    } else if (entry instanceof HistoryEntry.NotifyRequested) {
      marks.add(FlowSearchAttributes.NOTIFICATION);
    }
  }

  /** Runs {@code body} on a workflow thread of its own, in a scope that {@link #drop} cancels. */
  private void launch(String key, Runnable body) {
    CancellationScope scope = Workflow.newCancellationScope(() -> Async.procedure(() -> {
      try {
        body.run();
      } catch (CanceledFailure cancelled) {
        // Given up: its wait was withdrawn.
      }
    }));
    scopes.put(key, scope);
    scope.run();
  }

  private void drop(String key) {
    CancellationScope scope = scopes.remove(key);
    if (scope != null) {
      scope.cancel();
    }
  }

  // ---- timers ------------------------------------------------------------------------------

  private void startTimer(String timerId, Instant due, TimerPurpose purpose) {
    Duration delay = Duration.between(now(), due);
    launch(timerId, () -> {
      if (delay.compareTo(Duration.ZERO) > 0) {
        Workflow.sleep(delay);
      }
      boolean[] wake = {false};
      arrive(() -> wake[0] = fired(timerId, purpose), false);
      if (wake[0]) {
        changes++;
      }
    });
  }

  /** A timer fell due: as the embedded engine's timers do. Returns whether the run goes on. */
  private boolean fired(String timerId, TimerPurpose purpose) {
    scopes.remove(timerId);
    StepRecord timer = history.step(timerId);
    if (timer == null || !timer.timerSet()) {
      return false;
    }
    List<HistoryEntry> entries = new ArrayList<>();
    entries.add(new HistoryEntry.TimerFired(timerId));
    boolean resume = true;
    switch (purpose) {
      case RECEIVE_LIMIT -> {
        String receive = timerId.substring(0, timerId.length() - "~within".length());
        StepRecord open = history.step(receive);
        if (open != null && open.receiveOpen()) {
          entries.add(new HistoryEntry.ReceiveTimedOut(receive));
        }
      }
      case TASK_LIMIT -> {
        resume = false;
        breachTask(timerId.substring(0, timerId.length() - "~limit".length()), entries);
      }
      case DEADLINE -> {
        resume = false;
        breachDeadline(entries);
      }
      default -> {
        // A wait: the run goes on.
      }
    }
    commit(entries);
    for (HistoryEntry entry : entries) {
      if (entry instanceof HistoryEntry.NotifyRequested request) {
        effects.send(request);
      }
    }
    if (purpose == TimerPurpose.DEADLINE && definition.atDeadline() != WorkflowDefinition.AtDeadline.GO_ON) {
      deadlineEnds = true;
    }
    return resume;
  }

  private void breachTask(String taskId, List<HistoryEntry> entries) {
    StepRecord task = history.step(taskId);
    if (task == null || !task.taskOpen()) {
      return;
    }
    String name = Views.stepName(taskId);
    Step step = descriptor(taskId);
    Duration limit;
    String escalateTo;
    String kind;
    if (step instanceof TaskStep<?> t) {
      limit = t.within().orElse(Duration.ZERO);
      escalateTo = t.escalateTo();
      kind = "task";
    } else if (step instanceof ApprovalStep a) {
      limit = a.within().orElse(Duration.ZERO);
      escalateTo = a.escalateTo();
      kind = "approval";
    } else {
      return;
    }
    entries.add(new HistoryEntry.Breached(taskId, name, limit, escalateTo));
    if (escalateTo != null) {
      entries.add(new HistoryEntry.NotifyRequested(taskId + "~escalation", escalateTo, null, null,
          "The " + kind + " `" + name + "` of " + definition.simpleName() + " " + id
              + " is overdue (time limit " + Words.duration(limit) + "); it is now offered to you"));
    }
  }

  private void breachDeadline(List<HistoryEntry> entries) {
    Duration limit = definition.deadlineFor(input()).orElseThrow();
    String escalateTo = definition.escalateTo();
    entries.add(new HistoryEntry.Breached("", definition.simpleName(), limit, escalateTo));
    if (escalateTo != null) {
      entries.add(new HistoryEntry.NotifyRequested("@deadline~notify", escalateTo, null, null,
          definition.simpleName() + " " + id + " passed its deadline of " + Words.duration(limit)));
    }
  }

  private Object input() {
    return history.started().input().as(definition.inputType());
  }

  /** A step as the workflow code gave it when it started waiting on it, else as the definition lists it. */
  private Step descriptor(String stepId) {
    Wait wait = waits.get(stepId);
    if (wait != null && wait.descriptor() != null) {
      return wait.descriptor();
    }
    return definition.step(Views.stepName(stepId)).orElse(null);
  }

  // ---- withdrawing and ending --------------------------------------------------------------

  /**
   * Makes the history match what the run waits for, as the embedded engine does: every task,
   * timer, receive and called child open but no longer waited for is withdrawn; the children are
   * told to cancel (a signal, so that they undo their work and end as cancelled).
   */
  private void reconcile(Map<String, Wait> now, String reason) {
    reconcile(now, null, reason);
  }

  /** @param run the run that waits for {@code now}, which may know a better reason for some ({@code first to start}) */
  private void reconcile(Map<String, Wait> now, Interpreter run, String reason) {
    List<HistoryEntry> entries = new ArrayList<>();
    Map<String, String> children = new LinkedHashMap<>();
    boolean ending = now.isEmpty() && reason.startsWith("the instance");
    for (String open : List.copyOf(history.open())) {
      if (now.containsKey(open) || (open.equals("@deadline") && !ending)) {
        continue;
      }
      StepRecord step = history.step(open);
      if (step.taskOpen()) {
        entries.add(new HistoryEntry.TaskWithdrawn(open, run == null ? reason : run.withdrawal(open, reason)));
      }
      if (step.timerSet()) {
        entries.add(new HistoryEntry.TimerCancelled(open));
      }
      if (step.receiveOpen()) {
        entries.add(new HistoryEntry.ReceiveCancelled(open));
      }
      if (step.childOpen()) {
        entries.add(new HistoryEntry.ChildCancelRequested(open, step.childId(), reason));
        children.put(open, step.childId());
      }
    }
    commit(entries);
    for (Map.Entry<String, String> child : children.entrySet()) {
      drop(child.getKey());
      String why = "its caller " + id + " no longer needs it";
      inFlight++;
      Promise<Void> told = Async.procedure(() -> {
        try {
          ExternalWorkflowStub stub = Workflow.newUntypedExternalWorkflowStub(child.getValue());
          // The reason first (a signal), then the cancel request through Temporal, so that it ends as a cancelled workflow.
          stub.signal("cancel", why);
          if (ownTypes) {
            stub.cancel();
          }
        } catch (RuntimeException gone) {
          // It has ended already: nothing to cancel.
        } finally {
          inFlight--;
        }
      });
      pending.add(told);
    }
  }

  private void end(InstanceState ending, Object output, FlowError error, String reason) {
    // Activities still running (an action of a branch that lost or failed, a notification) end
    // first: their outcome is no longer needed, but an instance does not close with work in flight.
    draining = true;
    Workflow.await(() -> working == 0);
    draining = false;
    reconcile(Map.of(), "the instance " + (ending == InstanceState.COMPLETED ? "completed" : "ended"));
    List<HistoryEntry> ended = new ArrayList<>();
    if (ending == InstanceState.FAILED && error != null && error.error() != null) {
      // The declared error it failed with, for a caller's typed `catch`.
      ended.add(new HistoryEntry.ErrorRaised("", error.error().getClass().getName(), Payload.of(error.error())));
    }
    ended.add(new HistoryEntry.InstanceEnded(ending, Payload.of(output), error == null ? null : error.step(),
        error != null ? error.message() : reason));
    commit(ended);
    state = ending;
    waits = Map.of();
    show();
    if (ending == InstanceState.COMPLETED) {
      for (WorkflowDefinition<?, ?> successor : catalog.newest()) {
        for (Trigger<?> trigger : successor.triggers()) {
          if (trigger instanceof Trigger.After<?, ?> after && after.workflow().equals(definition.name())) {
            startInstance(successor, after.inputFor(output), null, null, childId -> { });
          }
        }
      }
    }
    // What this instance told others (cancel a child, start a workflow) is done before it ends.
    for (Promise<?> promise : pending) {
      promise.get();
    }
  }

  private void cancelNow() {
    new Interpreter(id, definition.name(), history, effects).compensate("");
    end(InstanceState.CANCELLED, null, null, history.cancelReason());
  }

  private void endAtDeadline() {
    String message = definition.deadlineMessage(input());
    if (definition.atDeadline() == WorkflowDefinition.AtDeadline.CANCEL) {
      if (history.cancelReason() == null) {
        commit(List.of(new HistoryEntry.CancelRequested(message)));
      }
      cancelNow();
    } else {
      new Interpreter(id, definition.name(), history, effects).compensate("");
      end(InstanceState.FAILED, null, new FlowError("deadline", message), null);
    }
  }

  // ---- children ----------------------------------------------------------------------------

  /** A new instance's id: its workflow's name and a part of a deterministic UUID. */
  private static String newInstanceId(WorkflowDefinition<?, ?> workflow) {
    return workflow.simpleName() + "-" + Workflow.randomUUID().toString().substring(0, 13);
  }

  /** A child workflow for a new instance: abandoned, not cancelled, with its parent (Flow decides when it is given up). */
  private ChildWorkflowStub childStub(WorkflowDefinition<?, ?> workflow, String instanceId) {
    ChildWorkflowOptions options = ChildWorkflowOptions.newBuilder()
        .setWorkflowId(instanceId)
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        .setCancellationType(ChildWorkflowCancellationType.ABANDON)
        .build();
    return Workflow.newUntypedChildWorkflowStub(ownTypes ? workflow.name() : LEGACY_TYPE, options);
  }

  /**
   * Starts another instance as a child workflow (abandoned when this one closes: Flow, not
   * Temporal, decides when a child is given up) and returns its id once it has started; with
   * {@code callerStepId}, this instance waits for its end on a thread of its own.
   */
  private String startInstance(WorkflowDefinition<?, ?> child, Object input, String parentId, String callerStepId,
      java.util.function.Consumer<String> beforeStart) {
    String childId = newInstanceId(child);
    beforeStart.accept(childId);
    Messages.Start start = new Messages.Start(child.name(), child.version(), codec.toJson(Payload.of(input)),
        parentId, callerStepId, zone.getId());
    ChildWorkflowStub stub = childStub(child, childId);
    inFlight++;
    if (callerStepId == null) {
      stub.executeAsync(Messages.Ended.class, start);
      Promise<?> started = stub.getExecution();
      pending.add(started);
      started.get();
      inFlight--;
      return childId;
    }
    String stepId = callerStepId;
    launch(stepId, () -> {
      Promise<Messages.Ended> result = stub.executeAsync(Messages.Ended.class, start);
      try {
        stub.getExecution().get();
      } finally {
        inFlight--;
      }
      Messages.Ended ended;
      try {
        ended = result.get();
      } catch (ChildWorkflowFailure failure) {
        ended = endedOf(failure);
      }
      Messages.Ended outcome = ended;
      arrive(() -> childEnded(stepId, childId, child, outcome), true);
    });
    return childId;
  }

  /** How a child that did not complete ended: the outcome attached to its failure or cancellation, else the words. */
  static Messages.Ended endedOf(ChildWorkflowFailure failure) {
    Throwable cause = failure.getCause();
    try {
      if (cause instanceof ApplicationFailure application && application.getDetails().getSize() > 0) {
        return application.getDetails().get(0, Messages.Ended.class);
      }
      if (cause instanceof CanceledFailure cancelled && cancelled.getDetails().getSize() > 0) {
        return cancelled.getDetails().get(0, Messages.Ended.class);
      }
    } catch (RuntimeException unreadable) {
      // Not a Flow outcome: told by the failure's words below.
    }
    String why = cause == null ? Words.failure(failure) : Words.failure(cause);
    return new Messages.Ended(cause instanceof CanceledFailure ? InstanceState.CANCELLED.name() : InstanceState.FAILED.name(),
        null, null, why);
  }

  private void childEnded(String stepId, String childId, WorkflowDefinition<?, ?> child, Messages.Ended ended) {
    scopes.remove(stepId);
    StepRecord step = history.step(stepId);
    if (step == null || !step.childOpen() || !childId.equals(step.childId())) {
      return;
    }
    InstanceState how = InstanceState.valueOf(ended.state());
    String message = switch (how) {
      case FAILED -> child.simpleName() + " failed: " + ended.message();
      case CANCELLED -> child.simpleName() + " was cancelled: " + ended.message();
      default -> null;
    };
    Payload output = ended.output() == null ? Payload.NONE : codec.payload(ended.output());
    List<HistoryEntry> entries = new ArrayList<>();
    entries.add(new HistoryEntry.ChildEnded(stepId, how, output, message));
    if (ended.errorType() != null && ended.error() != null) {
      entries.add(new HistoryEntry.ErrorRaised(stepId, ended.errorType(), codec.payload(ended.error())));
    }
    commit(entries);
  }

  // ---- the effects -------------------------------------------------------------------------

  /** What the interpreter asks of Temporal. */
  private final class TemporalEffects implements Effects {
    @Override
    public Instant now() {
      return FlowWorkflowImpl.this.now();
    }

    @Override
    public ZoneId zone() {
      return zone;
    }

    @Override
    public void record(List<HistoryEntry> entries) {
      commit(entries);
    }

    @Override
    public long eventMark() {
      return arrivals; // a `receive new` takes only the events handed over after this many
    }

    /**
     * The next attempt of an action step, as the embedded engine makes it: each attempt is one
     * activity execution (with the step's time limit), and the pause before a retry a durable
     * timer, so that every attempt is in the Flow history as on the embedded engine.
     */
    @Override
    public ActionOutcome action(String stepId, ActionStep<?, ?> step, Object[] arguments) {
      if (running.contains(stepId)) {
        return ActionOutcome.WAITING;
      }
      StepRecord recorded = history.step(stepId);
      int failedAttempts = recorded == null ? 0 : recorded.failedAttempts();
      if (failedAttempts > 0) {
        StepRecord pause = history.step(stepId + "~retry" + failedAttempts);
        if (pause != null && pause.timerSet()) {
          return ActionOutcome.WAITING;
        }
      }
      int attempt = failedAttempts + 1;
      if (recorded == null || recorded.scheduledAttempts() < attempt) {
        commit(List.of(new HistoryEntry.ActionScheduled(stepId, step.name(), step.systemName(), step.action().name(),
            attempt)));
      }
      List<String> encoded = new ArrayList<>();
      for (Object argument : arguments) {
        encoded.add(codec.toJson(Payload.of(argument)));
      }
      Messages.ActionCall call = new Messages.ActionCall(id, definition.name(), definition.version(), step.name(), stepId,
          encoded);
      FlowActivities activities = Workflow.newActivityStub(FlowActivities.class, actionOptions(step));
      running.add(stepId);
      inFlight++;
      working++;
      launch(stepId, () -> {
        String result = null;
        ActivityFailure failure = null;
        try {
          result = activities.perform(call);
        } catch (ActivityFailure failed) {
          failure = failed;
        }
        String value = result;
        ActivityFailure failed = failure;
        try {
          arrive(() -> {
            running.remove(stepId);
            scopes.remove(stepId);
            commit(failed == null ? List.of(new HistoryEntry.ActionCompleted(stepId, codec.payload(value), attempt))
                : failed(stepId, step, attempt, failed));
          }, true);
        } finally {
          inFlight--;
          working--;
        }
      });
      return ActionOutcome.WAITING;
    }

    @Override
    public String startChild(String stepId, String step, String workflow, Object input, boolean awaited) {
      WorkflowDefinition<?, ?> child = catalog.latest(workflow);
      Inputs.check(child, input);
      // ChildStarted is committed before the child workflow is started: its id is chosen first.
      return startInstance(child, input, id, awaited ? stepId : null,
          childId -> commit(List.of(new HistoryEntry.ChildStarted(stepId, step, childId, child.name(), awaited))));
    }

    @Override
    public void compensate(StepRecord registered) {
      HistoryEntry.CompensationRegistered what = registered.compensation();
      String stepId = registered.stepId();
      commit(List.of(new HistoryEntry.CompensationScheduled(stepId, 1)));
      Step step = descriptor(stepId);
      Duration limit = step instanceof ActionStep<?, ?> action ? action.timeout().orElse(compensationLimit)
          : compensationLimit;
      List<String> arguments = new ArrayList<>();
      for (Payload argument : what.arguments()) {
        arguments.add(codec.toJson(argument));
      }
      FlowActivities activities = Workflow.newActivityStub(FlowActivities.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(limit)
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build());
      String name = what.system() + "." + what.action();
      try {
        activities.compensate(new Messages.CompensationCall(id, definition.name(), what.step(), stepId, what.system(),
            what.action(), arguments));
        commit(List.of(new HistoryEntry.Compensated(stepId)));
      } catch (ActivityFailure failure) {
        String message = failure.getCause() instanceof TimeoutFailure
            ? name + " took longer than its time limit of " + Words.duration(limit)
            : failure.getCause() instanceof ApplicationFailure application ? application.getOriginalMessage()
            : name + " failed: " + Words.failure(failure.getCause() == null ? failure : failure.getCause());
        commit(List.of(new HistoryEntry.CompensationFailed(stepId, message)));
      }
    }

    @Override
    public void learn(dev.flow.runtime.Action<?, ?> compensation) {
      // The activity worker knows every declared compensation from the workflows it was given.
    }

    @Override
    public void learn(dev.flow.runtime.ReceiveStep<?> receive) {
      // Events are offered to the instance itself, which matches them against its waits.
    }

    /**
     * An {@code emit}: an activity publishes the event as the runtime's {@code publish} does
     * ({@link FlowActivities#publish}), with ids made from the emit, so a retried attempt hands
     * over and starts nothing twice; Temporal's replay does not run the activity again, and the
     * interpreter does not emit again a step that emitted. Then {@code EventPublished} is recorded.
     */
    @Override
    public void publish(HistoryEntry.EventEmitted emitted) {
      if (Workflow.getVersion(EMIT_CHANGE, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
        // Begun on a release where `emit` failed the instance: replayed the same way.
        throw ApplicationFailure.newNonRetryableFailure("instance " + id + " emits a " + emitted.eventType()
            + " event at " + emitted.stepId() + ", but `emit` does not run on Temporal yet: run this workflow on the"
            + " embedded engine, or publish the event from a connector", "FlowUnsupported");
      }
      Messages.Emitted message = new Messages.Emitted(id, emitted.stepId(), emitted.eventType(),
          codec.toJson(emitted.event()), zone.getId());
      FlowActivities activities = Workflow.newActivityStub(FlowActivities.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(actionLimit)
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(PUBLISH_ATTEMPTS).build())
          .build());
      inFlight++;
      working++;
      Async.procedure(() -> {
        boolean published;
        try {
          activities.publish(message);
          published = true;
        } catch (ActivityFailure failure) {
          published = false; // Not published: no EventPublished (the history shows the emit alone).
        }
        Workflow.await(() -> waiting || draining || history.ended() != null);
        if (published && history.ended() == null) {
          commit(List.of(new HistoryEntry.EventPublished(emitted.stepId(), 0)));
        }
        inFlight--;
        working--;
      });
    }

    @Override
    public void send(HistoryEntry.NotifyRequested notification) {
      Messages.NotifyCall call = new Messages.NotifyCall(id, definition.name(), notification.role(), notification.address(),
          notification.via(), notification.message(), Workflow.currentTimeMillis());
      FlowActivities activities = Workflow.newActivityStub(FlowActivities.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(compensationLimit)
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build());
      inFlight++;
      working++;
      Async.procedure(() -> {
        String problem;
        try {
          problem = activities.tell(call);
        } catch (ActivityFailure failure) {
          problem = Words.failure(failure.getCause() == null ? failure : failure.getCause());
        }
        // Recorded also while the instance ends: a notification's outcome is kept, as on the embedded engine.
        Workflow.await(() -> waiting || draining || history.ended() != null);
        if (history.ended() == null) {
          commit(List.of(new HistoryEntry.Notified(notification.stepId(), problem)));
        }
        inFlight--;
        working--;
      });
    }
  }

  /**
   * An action attempt's activity options: the step's time limit, and no retries of Temporal's
   * own (the step's retry policy is Flow's: each attempt and each pause is in the Flow history).
   */
  private ActivityOptions actionOptions(ActionStep<?, ?> step) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(step.timeout().orElse(actionLimit))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }

  /**
   * The entries of a failed attempt, as the embedded engine records them: with attempts left, the
   * failure and a timer for the next attempt; without, the step's failure; a declared error ends
   * the step at once, with its value.
   */
  private List<HistoryEntry> failed(String stepId, ActionStep<?, ?> step, int attempt, ActivityFailure failure) {
    Throwable cause = failure.getCause();
    String name = step.systemName() + "." + step.action().name();
    if (cause instanceof ApplicationFailure application && FlowActivitiesImpl.DECLARED.equals(application.getType())) {
      String message = application.getOriginalMessage();
      String type = application.getDetails().get(0, String.class);
      String error = application.getDetails().get(1, String.class);
      return List.of(new HistoryEntry.AttemptFailed(stepId, attempt, "attempt " + attempt + ": " + message, null),
          new HistoryEntry.ActionRaised(stepId, type, codec.payload(error), message));
    }
    String message;
    if (cause instanceof ApplicationFailure application) {
      message = application.getOriginalMessage();
      if (FlowActivitiesImpl.NO_CONNECTOR.equals(application.getType())) {
        return List.of(new HistoryEntry.ActionFailed(stepId, message));
      }
    } else if (cause instanceof TimeoutFailure) {
      message = name + " took longer than its time limit of " + Words.duration(step.timeout().orElse(actionLimit));
    } else {
      message = name + " failed: " + Words.failure(cause == null ? failure : cause);
    }
    RetryPolicy retry = step.retry();
    String detail = "attempt " + attempt + " of " + retry.attempts() + ": " + message;
    if (retry.retriesAfter(attempt)) {
      Instant retryAt = now().plus(retry.delayAfter(attempt));
      return List.of(new HistoryEntry.AttemptFailed(stepId, attempt, detail, retryAt),
          new HistoryEntry.TimerSet(stepId + "~retry" + attempt, step.name(), TimerPurpose.RETRY, retryAt));
    }
    if (retry.operator()) {
      // `then wait for operator`: the Temporal backend has no operator desk yet, so the step fails
      // as without it, and says so.
      message += " (its retries are exhausted; waiting for an operator is not supported on the Temporal backend,"
          + " so the step failed)";
    }
    return List.of(new HistoryEntry.AttemptFailed(stepId, attempt, detail, null),
        new HistoryEntry.ActionFailed(stepId, message));
  }

  // ---- what arrives from outside -----------------------------------------------------------

  @Override
  public void cancel(String reason) {
    cancelSignalled = true;
    cancelWhy = reason;
    arrive(() -> {
      if (history.cancelReason() == null) {
        commit(List.of(new HistoryEntry.CancelRequested(reason)));
      }
    }, true);
  }

  @Override
  public String act(Messages.TaskAct act) {
    Workflow.await(() -> waiting || history.ended() != null);
    List<HistoryEntry> entries;
    try {
      entries = entriesOf(act);
    } catch (TaskException refused) {
      throw refusal(refused);
    }
    commit(entries);
    if (act.kind().equals("complete") || entries.stream().anyMatch(e -> e instanceof HistoryEntry.ExclusiveLeft)
        || Choices.decides(entries)) {
      changes++; // a completion goes on; a section given back may let a waiting branch in; a decided first withdraws
    }
    return "ok";
  }

  @Override
  public void validateAct(Messages.TaskAct act) {
    try {
      entriesOf(act);
    } catch (TaskException refused) {
      throw refusal(refused);
    }
  }

  /** A refused act as the failure its caller gets: the exception's type and words, and a form's problems. */
  private static ApplicationFailure refusal(TaskException refused) {
    if (refused instanceof FormException form) {
      return ApplicationFailure.newNonRetryableFailure(refused.getMessage(), FormException.class.getName(),
          form.problems().toArray());
    }
    return ApplicationFailure.newNonRetryableFailure(refused.getMessage(), TaskException.class.getName());
  }

  /**
   * What an act on a task commits, checked as the embedded engine's inbox checks it.
   *
   * @throws TaskException when it is refused
   */
  private List<HistoryEntry> entriesOf(Messages.TaskAct act) {
    String taskId = id + "/" + act.stepId();
    StepRecord step = history.step(act.stepId());
    if (step == null || step.kind() == null || !(step.kind().equals("task") || step.kind().equals("approval"))) {
      throw new TaskException("no task " + taskId);
    }
    if (step.completedBy() != null) {
      throw new TaskException("task " + taskId + " was already completed by " + step.completedBy());
    }
    if (!step.taskOpen()) {
      throw Choices.withdrawn(taskId, step);
    }
    Principal principal = new Principal(act.principal(), Set.copyOf(act.roles()));
    Task task = TemporalDesk.taskOf(id, definition.name(), history, step, descriptor(act.stepId()));
    if (!task.allows(principal)) {
      throw notAllowed(principal, task);
    }
    String stepId = act.stepId();
    switch (act.kind()) {
      case "claim" -> {
        if (task.assignee() != null && !task.assignee().equals(principal.name())) {
          throw new TaskException("task " + taskId + " is already claimed by " + task.assignee());
        }
        // The leading task of an interleaved branch takes the block's section with its first claim.
        List<HistoryEntry> entries = new ArrayList<>(Sections.taking(history, waits, taskId, stepId));
        entries.addAll(Choices.deciding(history, waits, taskId, stepId)); // a branch of `first to start` wins
        entries.add(new HistoryEntry.TaskClaimed(stepId, principal.name()));
        return entries;
      }
      case "release" -> {
        if (!principal.name().equals(task.assignee())) {
          throw new TaskException("task " + taskId + " is not claimed by " + principal.name());
        }
        List<HistoryEntry> entries = new ArrayList<>();
        entries.add(new HistoryEntry.TaskReleased(stepId, principal.name()));
        entries.addAll(Sections.giving(history, waits, stepId));
        return entries;
      }
      case "reassign" -> {
        Principal to = new Principal(act.to(), Set.copyOf(act.toRoles()));
        if (!task.allows(to)) {
          throw new TaskException("cannot reassign task " + taskId + " to " + to.name() + ": "
              + notAllowed(to, task).getMessage());
        }
        return List.of(new HistoryEntry.TaskAssigned(stepId, to.name(), principal.name()));
      }
      case "complete" -> {
        if (task.assignee() != null && !task.assignee().equals(principal.name())) {
          throw new TaskException("task " + taskId + " is claimed by " + task.assignee() + ": only they may complete it"
              + " (or reassign it)");
        }
        Form<?> form = TemporalDesk.form(descriptor(stepId));
        @SuppressWarnings("unchecked")
        Map<String, ?> submitted = act.form() == null ? Map.of() : (Map<String, ?>) codec.payload(act.form()).value();
        Object result = form.read(submitted == null ? Map.of() : submitted);
        // The leading task of an interleaved branch, done without a claim, takes the block's section now.
        List<HistoryEntry> entries = new ArrayList<>(Sections.taking(history, waits, taskId, stepId));
        entries.addAll(Choices.deciding(history, waits, taskId, stepId));
        entries.add(new HistoryEntry.TaskCompleted(stepId, Payload.of(result), principal.name()));
        StepRecord limit = history.step(stepId + "~limit");
        if (limit != null && limit.timerSet()) {
          entries.add(new HistoryEntry.TimerCancelled(limit.stepId()));
        }
        return entries;
      }
      default -> throw new TaskException("no such act on a task: " + act.kind());
    }
  }

  private TaskException notAllowed(Principal principal, Task task) {
    // Worded as the embedded engine's inbox words it (engine.TaskDesk).
    if (task.excludes(principal)) {
      return new TaskException(principal.name() + " may not act on task " + task.id() + ": the workflow excludes them"
          + " from step `" + task.step() + "` (separation of duties: `not by`)");
    }
    StringBuilder anyRole = new StringBuilder(catalog.roleTitle(task.role()));
    for (String other : task.otherRoles()) {
      anyRole.append(" or ").append(catalog.roleTitle(other));
    }
    String roles = anyRole
        + (task.escalationRole() == null ? "" : task.escalated()
            ? " or " + catalog.roleTitle(task.escalationRole())
            : " (" + catalog.roleTitle(task.escalationRole()) + " once it is overdue)");
    return new TaskException(principal.name() + " may not act on task " + task.id() + ": it needs the role " + roles);
  }

  @Override
  public String offer(Messages.Event event) {
    Object value = decode(event);
    long arrived = ++arrivals; // counted now: a `receive new` that starts waiting after this does not take it
    Workflow.await(() -> waiting || history.ended() != null);
    if (history.ended() != null) {
      return "ended";
    }
    if (event.id() != null && !handed.add(event.id())) {
      return "kept"; // Handed over before: taken or kept then.
    }
    String taken = take(value, arrived);
    if (taken != null) {
      changes++;
      return "woken";
    }
    keep(value);
    return "kept";
  }

  @Override
  public String hold(Messages.Event event) {
    return offer(event);
  }

  @Override
  public void validateHold(Messages.Event event) {
    if (history.ended() != null || definition == null) {
      throw ApplicationFailure.newNonRetryableFailure(id + " has ended", "FlowNotWaiting");
    }
    decode(event);
  }

  @Override
  public void validateOffer(Messages.Event event) {
    if (history.ended() == null && definition != null) {
      Object value = decode(event);
      boolean busy = !waiting || inFlight > 0;
      if (busy || match(value, Long.MAX_VALUE) != null || (keeping && receivable().contains(value.getClass().getName()))) {
        return;
      }
    }
    throw ApplicationFailure.newNonRetryableFailure("no receive of " + id + " waits for it", "FlowNotWaiting");
  }

  private Object decode(Messages.Event event) {
    try {
      Class<?> type = Class.forName(event.type(), false, definition.inputType().getClassLoader());
      return codec.payload(event.json()).as(type);
    } catch (ClassNotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailure("instance " + id + " knows no event " + event.type(), "FlowNotWaiting");
    }
  }

  private Wait match(Object event, long arrived) {
    for (Wait wait : waits.values()) {
      if (wait.kind() != Wait.Kind.RECEIVE) {
        continue;
      }
      StepRecord step = history.step(wait.id());
      if (step == null || !step.receiveOpen()) {
        continue;
      }
      if (wait.descriptor() instanceof dev.flow.runtime.ReceiveStep<?> receive && receive.onlyNew()
          && arrived <= step.eventsAfter()) {
        continue; // `receive new`: the event arrived before it started waiting (a transient trigger)
      }
      try {
        if (wait.where().test(event)) {
          return wait;
        }
      } catch (RuntimeException e) {
        // A condition that cannot be evaluated (say, a missing value) does not match.
      }
    }
    return null;
  }

  /** Gives an event to the first waiting receive it matches; returns its step occurrence, or {@code null}. */
  private String take(Object event, long arrived) {
    Wait wait = match(event, arrived);
    if (wait == null) {
      return null;
    }
    List<HistoryEntry> entries = new ArrayList<>();
    entries.add(new HistoryEntry.EventReceived(wait.id(), Payload.of(event)));
    StepRecord limit = history.step(wait.id() + "~within");
    if (limit != null && limit.timerSet()) {
      entries.add(new HistoryEntry.TimerCancelled(limit.stepId()));
    }
    commit(entries);
    return wait.id();
  }

  // ---- what the instance shows -------------------------------------------------------------

  @Override
  public String history() {
    return codec.toJson(history.entries());
  }

  @Override
  public Messages.Status status() {
    boolean ended = history.ended() != null;
    boolean quiet = ended || (waiting && inFlight == 0);
    return new Messages.Status(state.name(), quiet, List.copyOf(waits.keySet()));
  }
}
