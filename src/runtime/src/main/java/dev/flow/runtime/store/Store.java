package dev.flow.runtime.store;

import dev.flow.runtime.history.Recorded;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where an engine keeps its histories: appends, not records. A commit appends entries to one or
 * more instances' histories atomically (all or nothing), each part expecting the instance's last
 * sequence, so two writers of one instance conflict instead of interleaving; it returns only once
 * it is durable (for a durable store). Besides reading a history, a store answers the questions
 * the engine asks without scanning every instance, from indexes it keeps as it appends: the open
 * instances, timers by due time, tasks by role and by assignee, open incidents, event subscriptions
 * by type and correlation key. It also keeps the published events for a while ({@link #publish}),
 * so that an instance that reaches its {@code receive} after the event was published still finds it.
 *
 * <p>Every store passes the same test suite (the store TCK, {@code StoreContract} in the tests).
 * Implementations are thread-safe.
 */
public interface Store extends AutoCloseable {
  /**
   * Appends a commit atomically: every part or none.
   *
   * @throws AppendConflict when a part's expected sequence is not its instance's last sequence
   *     (nothing of the commit is written)
   * @throws StoreException when the store cannot write (nothing of the commit is visible)
   */
  void append(Commit commit);

  /**
   * Whether what this store holds outlives the process (a journal, a database). The engine
   * hands a store that does to it before every side effect, so that nothing is ever done that
   * the stored history does not show as scheduled; to one that does not (memory), only when a
   * thread lets go of an instance, since nothing of it outlives a crash anyway. Default: {@code true}.
   */
  default boolean outlivesProcess() {
    return true;
  }

  /**
   * Appends a commit like {@link #append}, without waiting for it to be durable: the future completes
   * once it is (for the journal: after the fsync of its group commit), or fails with the
   * {@link AppendConflict} or {@link StoreException} that {@code append} would throw. A conflict is
   * found at once (the future is already failed when this returns), and commits to one instance
   * queued one after another are written in that order, so an engine can go on deciding while its
   * commits are written, and many instances share one fsync. The default waits like {@code append}.
   */
  default java.util.concurrent.CompletableFuture<Void> appendAsync(Commit commit) {
    try {
      append(commit);
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  /** An instance's history, oldest first; empty for an unknown instance. */
  List<Recorded> read(String instanceId);

  /** The entries of an instance's history after a sequence, oldest first. */
  List<Recorded> readAfter(String instanceId, long sequence);

  /**
   * The entries of an instance's history up to a sequence (inclusive), oldest first. The default
   * reads the whole history.
   */
  default List<Recorded> readUpTo(String instanceId, long sequence) {
    List<Recorded> all = read(instanceId);
    int end = 0;
    while (end < all.size() && all.get(end).sequence() <= sequence) {
      end++;
    }
    return all.subList(0, end);
  }

  /**
   * The sequence of the instance's latest {@code LoopCheckpoint} entry, or 0 when it has none or
   * the store does not keep track of them (the default): the engine then reads the whole history.
   */
  default long lastCheckpoint(String instanceId) {
    return 0;
  }

  /** What the store knows of an instance without reading its history. */
  Optional<InstanceRow> instance(String instanceId);

  /**
   * The state of {@link #instance}'s row, or {@code null} for an instance the store does not know: what the engine
   * asks of an instance it does not hold (e.g. after each run that ended it), without a row where the store can read
   * the state alone.
   */
  default dev.flow.runtime.InstanceState stateOf(String instanceId) {
    return instance(instanceId).map(InstanceRow::state).orElse(null);
  }

  /** The instances that have not ended, oldest first. */
  List<InstanceRow> openInstances();

  /**
   * Instances, newest first, as a page.
   *
   * @param query which
   */
  List<InstanceRow> instances(InstanceQuery query);

  /** The earliest due time of any set timer. */
  Optional<Instant> nextDue();

  /** The timers due at or before {@code until}, earliest first, at most {@code limit}. */
  List<TimerRow> dueTimers(Instant until, int limit);

  /** The open tasks offered to a role: its own, and those escalated to it once overdue; oldest first. */
  List<TaskRow> tasksForRole(String role);

  /** The open tasks claimed by or assigned to a principal, oldest first. */
  List<TaskRow> tasksForAssignee(String principal);

  /** The open tasks of one instance. */
  List<TaskRow> tasksOf(String instanceId);

  /** Every open task, oldest first. */
  List<TaskRow> openTasks();

  /**
   * The open incidents (action steps whose retries are exhausted, waiting for an operator), oldest
   * first: from an index the store keeps as it appends, not from the histories.
   */
  List<IncidentRow> openIncidents();

  /**
   * The {@code receive}s waiting for an event of this type whose correlation keys the event has:
   * those with the given keys, and those without any (uncorrelated), oldest first.
   *
   * @param eventType the event's qualified Java class name
   * @param keys the event's candidate keys: for each correlated field set a receive may use, its
   *     {@code field=value} key list; the store matches a subscription whose key list is one of them
   */
  List<SubscriptionRow> subscriptions(String eventType, List<List<String>> keys);

  /**
   * Keeps a published event for the instances that reach a matching {@code receive} later (the
   * event buffer); durable when it returns (for a durable store).
   *
   * @param eventType the event's qualified Java class name
   * @param keys its correlation keys, as {@link #subscriptions} takes them
   * @param at when it is published
   * @param event the event
   * @return its sequence: larger than that of every event this store kept before, also after a restart
   */
  long publish(String eventType, List<List<String>> keys, Instant at, Object event);

  /**
   * Keeps an event a workflow emitted, as {@link #publish(String, List, Instant, Object)}, once per
   * origin: when an event of the same origin is kept already (published before a crash, whose
   * {@code EventPublished} was not committed), nothing is kept and its sequence is returned. The
   * default keeps it again (at least once: a receive may then see it twice); the memory store and
   * the journal keep it once for as long as they keep the event.
   *
   * @param origin the emit it comes from: {@code instanceId/stepId}
   */
  default long publish(String eventType, List<List<String>> keys, Instant at, Object event, String origin) {
    return publish(eventType, keys, at, event);
  }

  /**
   * The instances, ended ones too, whose history has an {@code EventEmitted} without its
   * {@code EventPublished} (the outbox of emits), oldest first: a restarted engine publishes
   * them, also for an instance that ended right after its emit. The default knows none (a
   * restart then publishes only the open instances' emits).
   */
  default List<String> unpublishedEmitters() {
    return List.of();
  }

  /**
   * The kept events of a type published after the event with sequence {@code after}, oldest first,
   * at most {@code limit}: those whose keys include {@code correlation}, or every one when it is empty.
   */
  List<EventRow> events(String eventType, List<String> correlation, long after, int limit);

  /** The sequence of the last event kept (0 when none was). */
  long lastEventSequence();

  /**
   * Forgets the kept events published before {@code before}, oldest first: up to the first one that
   * is not that old.
   *
   * @return how many it forgot
   */
  int pruneEvents(Instant before);

  /**
   * The next number for an instance id with this prefix (a workflow's simple name): larger than
   * every number this store has seen with it, also after a restart.
   */
  long nextNumber(String prefix);

  /** An engine-wide fact (e.g. the next firing of a schedule), set by a commit. */
  Optional<String> fact(String key);

  /**
   * Runs {@code body} holding the keys {@code keys} (facts of keyed workflows, sorted) for every
   * engine on this store, and returns once the commits the body handed to the store are written:
   * an engine decides there whether a key's instance runs and starts one if not, so two engines
   * sharing a database decide a key one after the other and start one instance per key. The
   * default runs the body: a store only one engine uses (memory, the journal and its directory
   * lock) needs no more than the engine's own locks.
   */
  default void holdingKeys(List<String> keys, Runnable body) {
    body.run();
  }

  /**
   * Keeps ended instances as {@code retention} says from now on (what {@code Engine.builder().retention}
   * sets), in place of what the store was opened with: those beyond it are dropped with everything
   * the store holds of them as the store goes on (at the latest with its next commits). The default
   * refuses in words: a store that keeps its histories elsewhere decides itself.
   *
   * @throws StoreException when this store does not take a retention
   */
  default void retain(Retention retention) {
    throw new StoreException(getClass().getSimpleName() + " does not take a retention of ended instances; set it where"
        + " the store is made");
  }

  /** Releases the store (for a journal: its files and its lock). */
  @Override
  void close();
}
