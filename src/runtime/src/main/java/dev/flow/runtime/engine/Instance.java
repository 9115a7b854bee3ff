package dev.flow.runtime.engine;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.replay.History;
import dev.flow.runtime.replay.Wait;
import java.util.Map;

/**
 * A live instance: its decoded history (the cursor a resume continues from, so a resume does
 * not read the store again), what its last run waits for; it is itself the lock that lets one thread
 * at a time advance it ({@link InstanceLock}) and its runs' effects ({@link InstanceEffects}).
 */
@SuppressWarnings("serial") // never serialized
final class Instance extends InstanceEffects {
  /**
   * The {@link #written} of an instance that has handed nothing to its store yet: done, and shared
   * (only joined, never completed again), so that a new instance makes no future of its own.
   */
  private static final java.util.concurrent.CompletableFuture<Void> NOTHING_WRITTEN =
      java.util.concurrent.CompletableFuture.completedFuture(null);
  final String id;
  final WorkflowDefinition<?, ?> definition;
  final History history;
  /** What the last run waits for, by id (receives with their conditions). */
  Map<String, Wait> waits = Map.of();
  /** Written under the lock; volatile, so that {@link Core#state} may read it without. */
  volatile InstanceState state = InstanceState.RUNNING;
  boolean resumeQueued;
  /** Loaded from the store: what it waits for is known only after a replay. */
  boolean needsReplay;
  /**
   * Where the entries committed but not handed to the store yet begin ({@link Core#commit}): the index in the
   * history's entries of the first of them (they are the history's last ones), or -1 when there are none pending.
   * No list of their own: the store gets a view of the history's entries ({@link History#entriesFrom}).
   */
  int pendingIndex = -1;
  /** The sequence the pending entries follow, and the time they are committed at. */
  long pendingFrom;
  java.time.Instant pendingAt;
  /** The children its pending entries start, to go to the store in the same commit, or {@code null}. */
  Core.Starts starts;
  /** The last commit of this instance handed to the store: durable once it completes. */
  java.util.concurrent.CompletableFuture<Void> written = NOTHING_WRITTEN;
  /** Whether a run of it has waited (a run that waited once likely waits again: it is worth keeping). */
  boolean waited;
  /**
   * Started by this thread and not in the engine's map of held instances yet ({@link Core#list}): no
   * other thread can know of it until its first commit goes to the store. Written under the lock.
   */
  boolean unlisted;
  /** Its run kept parked at the wait it reached, or {@code null}: the next run goes on from there. */
  Continuation kept;

  Instance(Core core, String id, WorkflowDefinition<?, ?> definition, History history) {
    super(core);
    this.id = id;
    this.definition = definition;
    this.history = history;
    InstanceState recorded = history.state();
    if (recorded.isTerminal()) {
      state = recorded;
    }
  }

  String workflow() {
    return definition.name();
  }

  boolean ended() {
    return state.isTerminal();
  }
}
