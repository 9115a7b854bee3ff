package dev.flow.runtime.replay;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.HistoryEntry.ActionCompleted;
import dev.flow.runtime.history.HistoryEntry.ActionFailed;
import dev.flow.runtime.history.HistoryEntry.ActionScheduled;
import dev.flow.runtime.history.HistoryEntry.AttemptFailed;
import dev.flow.runtime.history.HistoryEntry.Breached;
import dev.flow.runtime.history.HistoryEntry.CancelRequested;
import dev.flow.runtime.history.HistoryEntry.ChildCancelRequested;
import dev.flow.runtime.history.HistoryEntry.ChildEnded;
import dev.flow.runtime.history.HistoryEntry.ChildStarted;
import dev.flow.runtime.history.HistoryEntry.ClockRead;
import dev.flow.runtime.history.HistoryEntry.Compensated;
import dev.flow.runtime.history.HistoryEntry.CompensationFailed;
import dev.flow.runtime.history.HistoryEntry.CompensationRegistered;
import dev.flow.runtime.history.HistoryEntry.CompensationScheduled;
import dev.flow.runtime.history.HistoryEntry.EventReceived;
import dev.flow.runtime.history.HistoryEntry.FirstDecided;
import dev.flow.runtime.history.HistoryEntry.InstanceEnded;
import dev.flow.runtime.history.HistoryEntry.InstanceStarted;
import dev.flow.runtime.history.HistoryEntry.NotifyRequested;
import dev.flow.runtime.history.HistoryEntry.Notified;
import dev.flow.runtime.history.HistoryEntry.ReceiveCancelled;
import dev.flow.runtime.history.HistoryEntry.ReceiveTimedOut;
import dev.flow.runtime.history.HistoryEntry.ReceiveWaiting;
import dev.flow.runtime.history.HistoryEntry.TaskAssigned;
import dev.flow.runtime.history.HistoryEntry.TaskClaimed;
import dev.flow.runtime.history.HistoryEntry.TaskCompleted;
import dev.flow.runtime.history.HistoryEntry.TaskCreated;
import dev.flow.runtime.history.HistoryEntry.TaskReleased;
import dev.flow.runtime.history.HistoryEntry.TaskWithdrawn;
import dev.flow.runtime.history.HistoryEntry.TimerCancelled;
import dev.flow.runtime.history.HistoryEntry.TimerFired;
import dev.flow.runtime.history.HistoryEntry.TimerSet;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.history.TimerPurpose;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An instance's history as replay reads it: the entries in order, and per step occurrence the
 * facts they record ({@link StepRecord}), per scope the order in which its steps were first
 * recorded (what replay must ask for again), and the compensations registered, in history order.
 * Built once from the store and then kept up to date entry by entry, so a resume does not read
 * the history again.
 */
public final class History {
  /** The entries, kept without a {@link Recorded} each (made when {@link #entries()} is read). */
  private final EntryLog entries;
  /**
   * The step records by step occurrence, in an open-addressing table (linear probing; a step id is
   * most often a constant or an id whose hash is kept): no map node per step, and one probe for
   * most look-ups. Its length is a power of two; {@link #stepCount} slots are taken.
   *
   * <p>A slot holds a {@link StepRecord}, or, for an action step whose entries so far are its first
   * {@code ActionScheduled} (with its system) and perhaps its {@code ActionCompleted}, the latest of those
   * entries itself (a <em>light</em> slot): what a run that never waits asks of such a step is its result
   * ({@link #result}), which that entry holds, so most action steps make no record. The record of a light
   * slot is made when anything else is asked or recorded about it ({@link #materialize}).
   */
  private Object[] steps;
  private int stepCount;
  /** How many slots of {@link #steps} are light (hold an entry, not a record). */
  private int light;
  /** While {@link #light} is not 0: the index in {@link #entries} of the first light slot's {@code ActionScheduled}. */
  private int lightFrom;
  /**
   * How many step occurrences the top scope ({@code ""}) has in order; the list of them
   * ({@link #topSequence}) is made only when replay asks for it: a run that never waits, and so is
   * never replayed, makes none. Most histories have no other scope.
   */
  private int topCount;
  /** The top scope's step occurrences in order, once asked for ({@code null} before), then kept up to date. */
  private ArrayList<String> topSequence;
  /**
   * What few histories have (scopes other than the top, compensations, open waits, kept events, signals, sections,
   * checkpoints, a cancel): {@link Rare#NONE}, shared and never written, until the first of them is recorded; a history
   * of system steps only has none of its own.
   */
  private Rare rare = Rare.NONE;
  private int sequenced;
  /** The sequence of the last entry (0 when empty). */
  private long last;
  private InstanceStarted started;
  private InstanceEnded ended;

  /** An empty history, to which entries are applied as they are committed. */
  public History() {
    // Room for the 22 entries of a run of ten steps before the list grows; 16 step slots, room for
    // the twelve steps of a run of ten (filled to three quarters at most, as a HashMap's table).
    this(24, 16);
  }

  /** An empty history sized for about {@code expectedEntries} entries. */
  private History(int expectedEntries) {
    // Filled to three quarters at most: 32 slots for a history of 22 entries.
    this(expectedEntries, Integer.highestOneBit(Math.max(16, expectedEntries + expectedEntries / 3 + 1) - 1) << 1);
  }

  private History(int entryRoom, int stepSlots) {
    entries = new EntryLog(entryRoom);
    steps = new Object[stepSlots];
  }

  /** A history made of these entries. */
  public static History of(List<Recorded> recorded) {
    History history = new History(recorded.size());
    for (Recorded r : recorded) {
      history.apply(r);
    }
    return history;
  }

  /**
   * A history read from a loop checkpoint: the entries up to the loop ({@code prefix}) and those
   * from the checkpoint on ({@code suffix}, which starts with it); the rounds between are not
   * read. A replay starts the loop at the checkpoint's round (see {@link LoopCheckpoints}).
   */
  public static History of(List<Recorded> prefix, List<Recorded> suffix) {
    History history = new History(prefix.size() + suffix.size());
    for (Recorded r : prefix) {
      history.apply(r);
    }
    if (!suffix.isEmpty()) {
      history.rare().gapAfter = history.lastSequence();
      history.fold(suffix.get(0));
      if (suffix.get(0).entry() instanceof HistoryEntry.LoopCheckpoint checkpoint) {
        LoopCheckpoints.restore(history, checkpoint);
      }
      for (int i = 1; i < suffix.size(); i++) {
        history.apply(suffix.get(i));
      }
    }
    return history;
  }

  /**
   * Whether some entries were left out (a history read from a loop checkpoint): then
   * {@link #entries()} is not the whole history, and a view of the instance reads its store.
   */
  public boolean partial() {
    return rare.gapAfter > 0;
  }

  /** The latest checkpoint of a loop occurrence, or {@code null}. */
  LoopCheckpoints.Mark checkpoint(String loopId) {
    return rare.checkpoints == null ? null : rare.checkpoints.get(loopId);
  }

  /** The entries, oldest first (a view: do not change it). */
  public List<Recorded> entries() {
    return entries;
  }

  /** The sequence of the last entry (0 when empty). */
  public long lastSequence() {
    return last;
  }

  /** How many entries it holds ({@code entries().size()}). */
  public int entryCount() {
    return entries.size;
  }

  /**
   * Its entries from the {@code index}th ({@code 0} for the first it holds) to the last, as they are now: a view
   * without a copy that later entries do not change (what the engine commits of a run).
   */
  public dev.flow.runtime.history.EntrySlice entriesFrom(int index) {
    return new dev.flow.runtime.history.EntrySlice(entries.kept, index, entries.size);
  }

  public InstanceStarted started() {
    return started;
  }

  /** Whether the instance has taken the kept event with this sequence. */
  public boolean tookEvent(long sequence) {
    return rare.taken != null && rare.taken.containsKey(sequence);
  }

  /**
   * For a history read from a loop checkpoint, the time before which kept events are not taken (the
   * rounds it leaves out may have taken them); {@code null} when the history is whole.
   */
  public java.time.Instant keptEventsFrom() {
    return rare.keptEventsFrom;
  }

  /** The kept events taken at or after a time (sequence and when), by sequence: what a loop checkpoint carries. */
  Map<Long, java.time.Instant> takenSince(java.time.Instant from) {
    Map<Long, java.time.Instant> since = new java.util.TreeMap<>();
    taken().forEach((sequence, at) -> {
      if (!at.isBefore(from)) {
        since.put(sequence, at);
      }
    });
    return since;
  }

  /** Per signal, how many are kept (only those with some). */
  Map<String, Integer> signalsKept() {
    Map<String, Integer> kept = new java.util.TreeMap<>();
    keptSignals().forEach((name, count) -> {
      if (count != 0) {
        kept.put(name, count);
      }
    });
    return kept;
  }

  /** Per critical section, the {@code exclusive} block in it. */
  Map<String, String> exclusiveHolders() {
    return new java.util.TreeMap<>(holders());
  }

  /**
   * Sets what the rounds a loop checkpoint leaves out would have rebuilt: the events taken since
   * {@code from} (and none published before it), the signals kept, the sections held.
   */
  void restoreState(java.time.Instant from, Map<Long, java.time.Instant> takenSince, Map<String, Integer> signals,
      Map<String, String> holders) {
    rare().keptEventsFrom = from;
    takenSince.forEach(taken()::putIfAbsent);
    keptSignals().clear();
    keptSignals().putAll(signals);
    holders().clear();
    holders().putAll(holders);
  }

  /** How the instance ended, or {@code null}. */
  public InstanceEnded ended() {
    return ended;
  }

  /** The declared error the instance failed with ({@code ErrorRaised} of the empty step id), or {@code null}. */
  public HistoryEntry.ErrorRaised raised() {
    return rare.endRaised;
  }

  /** Why someone asked to cancel the instance, or {@code null}. */
  public String cancelReason() {
    return rare.cancelReason;
  }

  /** The facts about a step occurrence, or {@code null} when the history has none. */
  public StepRecord step(String stepId) {
    if (stepId == null) {
      return null;
    }
    int i = slotOf(stepId);
    Object there = steps[i];
    if (there == null || there instanceof StepRecord) {
      return (StepRecord) there;
    }
    materialize();
    return (StepRecord) steps[i];
  }

  /**
   * The result of a completed action step occurrence, or {@code null} while it has none: {@code step(id).result},
   * without making the record of a light slot.
   */
  Payload result(String stepId) {
    Object there = steps[slotOf(stepId)];
    if (there instanceof ActionCompleted completed) {
      return completed.result();
    }
    return there instanceof StepRecord record ? record.result : null;
  }

  /** Every step occurrence with facts (in no particular order, as before). */
  public Collection<StepRecord> steps() {
    materialize();
    List<StepRecord> all = new ArrayList<>(stepCount);
    for (Object record : steps) {
      if (record != null) {
        all.add((StepRecord) record);
      }
    }
    return java.util.Collections.unmodifiableList(all);
  }

  /** How many step occurrences have no {@link StepRecord} yet (light slots of the step table). */
  int lightSteps() {
    return light;
  }

  /** The step id of what a slot of {@link #steps} holds: a record's, or a light slot's entry's. */
  private static String keyOf(Object held) {
    return held instanceof StepRecord record ? record.stepId : ((HistoryEntry) held).stepId();
  }

  /** The slot of {@link #steps} that holds a step occurrence, or the empty slot where it would go. */
  private int slotOf(String stepId) {
    Object[] table = steps;
    int mask = table.length - 1;
    for (int i = slot(stepId.hashCode(), mask); ; i = (i + 1) & mask) {
      Object there = table[i];
      if (there == null) {
        return i;
      }
      String key = keyOf(there);
      if (key == stepId || key.equals(stepId)) {
        return i;
      }
    }
  }

  /**
   * Makes the record of every light slot, from the entries about it ({@code ActionScheduled}, {@code ActionCompleted}),
   * which are all at or after {@link #lightFrom}: each entry is read here at most once over the history's life.
   */
  private void materialize() {
    if (light == 0) {
      return;
    }
    Object[] table = steps;
    boolean[] made = new boolean[table.length];
    for (int i = 0; i < table.length; i++) {
      if (table[i] instanceof HistoryEntry entry) {
        table[i] = new StepRecord(entry.stepId());
        made[i] = true;
      }
    }
    light = 0;
    HistoryEntry[] kept = entries.kept;
    for (int index = lightFrom, n = entries.size; index < n; index++) {
      HistoryEntry entry = kept[index];
      if (entry instanceof ActionScheduled e) {
        int i = slotOf(e.stepId());
        if (made[i]) {
          StepRecord record = (StepRecord) table[i];
          if (record.kind() == null && e.stepId().indexOf('~') < 0) {
            record.first("action", entries.sequenceAt(index));
          }
          record.system = e.system();
        }
      } else if (entry instanceof ActionCompleted e) {
        int i = slotOf(e.stepId());
        if (made[i]) {
          ((StepRecord) table[i]).result = e.result();
        }
      }
    }
  }

  /** A hash's first slot in a table of {@code mask + 1} slots. */
  private static int slot(int hash, int mask) {
    return (hash ^ (hash >>> 16)) & mask;
  }

  /** The step occurrences of a scope, in the order they were first recorded. */
  List<String> sequence(String scope) {
    if (scope.isEmpty()) {
      return topCount == 0 ? List.of() : topSequence();
    }
    Object sequence = rare.sequences == null ? null : rare.sequences.get(scope);
    if (sequence == null) {
      return List.of();
    }
    if (sequence instanceof String only) {
      return List.of(only);
    }
    @SuppressWarnings("unchecked")
    List<String> list = (List<String>) sequence;
    return list;
  }

  /**
   * How many step occurrences a scope has in order: {@code sequence(scope).size()}, without making
   * the top scope's list.
   */
  int sequenceLength(String scope) {
    if (scope.isEmpty()) {
      return topCount;
    }
    Object sequence = rare.sequences == null ? null : rare.sequences.get(scope);
    if (sequence == null) {
      return 0;
    }
    return sequence instanceof String ? 1 : ((List<?>) sequence).size();
  }

  /**
   * The top scope's step occurrences in order, made from the step records the first time they are
   * asked for: the records of the top scope with a kind, by the sequence of their first command (each
   * first command has an entry of its own, so that order is the order they were first recorded in).
   */
  private List<String> topSequence() {
    ArrayList<String> list = topSequence;
    if (list == null) {
      materialize();
      List<StepRecord> top = new ArrayList<>(topCount);
      for (Object held : steps) {
        if (held != null && ((StepRecord) held).kind() != null && ((StepRecord) held).stepId.indexOf('/') < 0) {
          top.add((StepRecord) held);
        }
      }
      top.sort(java.util.Comparator.comparingLong(StepRecord::firstSequence));
      list = new ArrayList<>(Math.max(topCount + topCount / 2, 12));
      for (StepRecord record : top) {
        list.add(record.stepId);
      }
      if (list.size() != topCount) {
        throw new IllegalStateException("the top scope has " + list.size() + " step records in order, not " + topCount);
      }
      topSequence = list;
    }
    return list;
  }

  /** How many step occurrences the history has recorded in scope order: what a replay answers before it catches up. */
  int sequencedSteps() {
    return sequenced;
  }

  /** How many of a signal are kept: raised and not yet taken by a {@code wait for}. */
  int signalsKept(String signal) {
    return rare.signalsKept == null ? 0 : rare.signalsKept.getOrDefault(signal, 0);
  }

  /** Whether {@code cancel region NAME} ran for the region {@code name} (it stays cancelled). */
  boolean regionCancelled(String name) {
    return rare.cancelledRegions != null && rare.cancelledRegions.contains(name);
  }

  /** The {@code exclusive} block (its step id) in the critical section {@code name}, or {@code null}. */
  String exclusiveHolder(String name) {
    return rare.exclusiveHolders == null ? null : rare.exclusiveHolders.get(name);
  }

  /** The registered compensations, oldest first. */
  public Collection<StepRecord> compensations() {
    return rare.compensations == null ? List.of() : rare.compensations.values();
  }

  /** The kept events taken, made when the first is. */
  private Map<Long, java.time.Instant> taken() {
    if (rare.taken == null) {
      rare().taken = new HashMap<>(4);
    }
    return rare.taken;
  }

  /** The signals kept, made when the first is raised. */
  private Map<String, Integer> keptSignals() {
    if (rare.signalsKept == null) {
      rare().signalsKept = new HashMap<>(4);
    }
    return rare.signalsKept;
  }

  /** The holders of critical sections, made when the first enters one. */
  private Map<String, String> holders() {
    if (rare.exclusiveHolders == null) {
      rare().exclusiveHolders = new HashMap<>(4);
    }
    return rare.exclusiveHolders;
  }

  /** The record of a step occurrence, made now if it has none (and made of its light slot's entries if it has one). */
  private StepRecord record(String stepId) {
    int i = slotOf(stepId);
    Object there = steps[i];
    if (there instanceof StepRecord record) {
      return record;
    }
    if (there != null) {
      materialize();
      return (StepRecord) steps[i];
    }
    StepRecord made = new StepRecord(stepId);
    take(i, made);
    return made;
  }

  /** Puts a record or a light slot's entry in the empty slot {@code i}; the table may grow (slots move). */
  private void take(int i, Object held) {
    steps[i] = held;
    if (++stepCount * 4 > steps.length * 3) {
      grow();
    }
  }

  /** Doubles the step table. */
  private void grow() {
    Object[] old = steps;
    Object[] table = new Object[old.length * 2];
    int mask = table.length - 1;
    for (Object held : old) {
      if (held != null) {
        int i = slot(keyOf(held).hashCode(), mask);
        while (table[i] != null) {
          i = (i + 1) & mask;
        }
        table[i] = held;
      }
    }
    steps = table;
  }

  /** Records the kind of a step occurrence's first command, and its place in its scope; returns its record. */
  private StepRecord first(String stepId, String kind) {
    StepRecord step = record(stepId);
    if (step.kind() == null && putInOrder(stepId)) {
      step.first(kind, last);
    }
    return step;
  }

  /**
   * Puts a step occurrence that has no first command yet in its scope's order, unless its id has a {@code ~} (a timer,
   * a limit: in no order).
   *
   * @return whether it was put in order (then its record takes the kind of its first command)
   */
  private boolean putInOrder(String stepId) {
    // One pass for both: a `~` keeps it out of the order, the last `/` ends its scope.
    int slash = -1;
    for (int i = 0, n = stepId.length(); i < n; i++) {
      char c = stepId.charAt(i);
      if (c == '~') {
        return false;
      }
      if (c == '/') {
        slash = i;
      }
    }
    if (slash < 0) {
      topCount++;
      if (topSequence != null) {
        topSequence.add(stepId);
      }
    } else {
      if (rare.sequences == null) {
        rare().sequences = new HashMap<>(4);
      }
      String scope = stepId.substring(0, slash);
      Object sequence = rare.sequences.get(scope);
      Object now = sequenced(sequence, stepId);
      if (now != sequence) {
        rare.sequences.put(scope, now);
      }
    }
    sequenced++;
    return true;
  }

  /** A scope's sequence (in {@link #sequences}) with one step occurrence more: the same list, or a new holder. */
  private static Object sequenced(Object sequence, String stepId) {
    if (sequence == null) {
      return stepId;
    }
    if (sequence instanceof String only) {
      List<String> list = new ArrayList<>(12);
      list.add(only);
      list.add(stepId);
      return list;
    }
    @SuppressWarnings("unchecked")
    List<String> list = (List<String>) sequence;
    list.add(stepId);
    return list;
  }

  /** The scope of a step occurrence: everything before its last {@code /}. */
  static String scopeOf(String stepId) {
    int slash = stepId.lastIndexOf('/');
    return slash < 0 ? "" : stepId.substring(0, slash);
  }

  /**
   * Applies a committed entry.
   *
   * @throws IllegalStateException when its sequence does not follow the last one
   */
  public void apply(Recorded recorded) {
    if (recorded.sequence() != lastSequence() + 1) {
      throw new IllegalStateException("history entry " + recorded.sequence() + " does not follow entry " + lastSequence());
    }
    fold(recorded);
  }

  /**
   * Applies a committed entry, as {@link #apply(Recorded)}, without a {@link Recorded} to hold it
   * (what the engine does for each entry it commits).
   *
   * @throws IllegalStateException when its sequence does not follow the last one
   */
  public void apply(long sequence, Instant at, HistoryEntry entry) {
    if (sequence != lastSequence() + 1) {
      throw new IllegalStateException("history entry " + sequence + " does not follow entry " + lastSequence());
    }
    java.util.Objects.requireNonNull(at, "at");
    java.util.Objects.requireNonNull(entry, "entry");
    fold(sequence, at, entry, null);
  }

  /**
   * The facts about one step occurrence, from the entries about it alone: what a look at one
   * task of an instance not held in memory needs, without folding the whole history.
   *
   * @return the step's record, or {@code null} when no entry is about it
   */
  public static StepRecord stepOf(List<Recorded> recorded, String stepId) {
    History history = new History();
    for (Recorded r : recorded) {
      if (stepId.equals(r.entry().stepId())) {
        history.fold(r);
      }
    }
    return history.step(stepId);
  }

  private void fold(Recorded recorded) {
    fold(recorded.sequence(), recorded.at(), recorded.entry(), recorded);
  }

  /** Folds an entry in; {@code given} is its {@link Recorded} if the caller has one (else one is made where kept). */
  private void fold(long sequence, Instant at, HistoryEntry entry, Recorded given) {
    entries.add(sequence, at, entry);
    last = sequence;
    // The commonest entries first: an action's two.
    if (entry instanceof ActionScheduled e) {
      int slot = slotOf(e.stepId());
      if (steps[slot] == null && e.attempt() == 1 && e.system() != null) {
        // A light slot (see steps): the entry is all there is to know yet.
        if (light++ == 0) {
          lightFrom = entries.size - 1;
        }
        take(slot, e);
        putInOrder(e.stepId());
        return; // it opens nothing (opens)
      }
      StepRecord step = first(e.stepId(), "action");
      if (e.attempt() != 1 || e.system() == null) {
        // A first attempt is counted by its system alone (most records: no room for counts).
        int before = step.scheduledAttempts();
        step.more().scheduledAttempts = Math.max(before, e.attempt());
      }
      step.system = e.system();
      return; // it opens nothing (opens)
    } else if (entry instanceof ActionCompleted e) {
      int slot = slotOf(e.stepId());
      if (steps[slot] instanceof ActionScheduled) {
        steps[slot] = e; // still light: its result is the entry's
        return;
      }
      record(e.stepId()).result = e.result();
      return; // it closes nothing (opens)
    } else if (entry instanceof InstanceStarted e) {
      started = e;
    } else if (entry instanceof InstanceEnded e) {
      ended = e;
    } else if (entry instanceof CancelRequested e) {
      rare().cancelReason = e.reason();
    } else if (entry instanceof AttemptFailed e) {
      StepRecord step = record(e.stepId());
      step.more().failedAttempts = Math.max(step.failedAttempts(), e.attempt());
      step.more().retryAt = e.retryAt();
    } else if (entry instanceof ActionFailed e) {
      record(e.stepId()).more().failure = e.message();
    } else if (entry instanceof HistoryEntry.ActionRaised e) {
      StepRecord step = record(e.stepId());
      step.more().failure = e.message();
      step.more().raisedType = e.errorType();
      step.more().raised = e.error();
    } else if (entry instanceof CompensationRegistered e) {
      StepRecord step = record(e.stepId());
      step.more().compensation = e;
      step.more().compensationSequence = sequence;
      if (rare.compensations == null) {
        rare().compensations = new LinkedHashMap<>();
      }
      rare.compensations.put(e.stepId(), step);
    } else if (entry instanceof CompensationScheduled e) {
      record(e.stepId()).more().compensationScheduled = true;
    } else if (entry instanceof Compensated e) {
      record(e.stepId()).more().compensated = true;
    } else if (entry instanceof CompensationFailed e) {
      record(e.stepId()).more().compensated = true;
    } else if (entry instanceof TaskCreated e) {
      first(e.stepId(), e.kind());
      StepRecord step = record(e.stepId());
      step.more().taskCreated = true;
      step.more().created = given != null ? given : new Recorded(sequence, at, entry);
    } else if (entry instanceof TaskClaimed e) {
      record(e.stepId()).more().assignee = e.principal();
    } else if (entry instanceof TaskReleased e) {
      record(e.stepId()).more().assignee = null;
    } else if (entry instanceof TaskAssigned e) {
      record(e.stepId()).more().assignee = e.assignee();
    } else if (entry instanceof TaskCompleted e) {
      StepRecord step = record(e.stepId());
      step.more().form = e.form();
      step.more().completedBy = e.by();
      step.more().completedAt = at;
    } else if (entry instanceof TaskWithdrawn e) {
      record(e.stepId()).more().withdrawnReason = e.reason();
    } else if (entry instanceof Breached e) {
      record(e.stepId().isEmpty() ? "@deadline" : e.stepId()).more().breached = true;
    } else if (entry instanceof TimerSet e) {
      if (e.purpose() == TimerPurpose.WAIT) {
        first(e.stepId(), "wait");
      }
      record(e.stepId()).more().due = e.due();
    } else if (entry instanceof TimerFired e) {
      record(e.stepId()).more().fired = true;
    } else if (entry instanceof TimerCancelled e) {
      record(e.stepId()).more().timerCancelled = true;
    } else if (entry instanceof ClockRead e) {
      first(e.stepId(), e.stepId().contains("@today") ? "today" : "now");
      record(e.stepId()).more().clock = e.value();
    } else if (entry instanceof ReceiveWaiting e) {
      first(e.stepId(), "receive");
      record(e.stepId()).more().waiting = true;
      record(e.stepId()).more().correlation = e.correlation();
      record(e.stepId()).more().eventsAfter = e.eventsAfter();
    } else if (entry instanceof EventReceived e) {
      record(e.stepId()).more().event = e.event();
      if (e.sequence() > 0) {
        taken().put(e.sequence(), at);
      }
    } else if (entry instanceof HistoryEntry.EventEmitted e) {
      first(e.stepId(), "emit");
      record(e.stepId()).more().emitted = e.event();
    } else if (entry instanceof HistoryEntry.EventPublished e) {
      record(e.stepId()).more().published = true;
    } else if (entry instanceof ReceiveTimedOut e) {
      record(e.stepId()).more().timedOut = true;
    } else if (entry instanceof ReceiveCancelled e) {
      record(e.stepId()).more().waiting = false;
    } else if (entry instanceof ChildStarted e) {
      first(e.stepId(), e.awaited() ? "call" : "start");
      StepRecord step = record(e.stepId());
      step.more().childId = e.childId();
      step.more().awaited = e.awaited();
    } else if (entry instanceof ChildEnded e) {
      StepRecord step = record(e.stepId());
      step.more().childState = e.state();
      step.more().childOutput = e.output();
      step.more().childMessage = e.message();
    } else if (entry instanceof HistoryEntry.ErrorRaised e) {
      if (e.stepId().isEmpty()) {
        rare().endRaised = e;
      } else {
        StepRecord step = record(e.stepId());
        step.more().raisedType = e.errorType();
        step.more().raised = e.error();
      }
    } else if (entry instanceof ChildCancelRequested e) {
      record(e.stepId()).more().childCancelRequested = true;
    } else if (entry instanceof NotifyRequested e) {
      first(e.stepId(), "notify");
      StepRecord step = record(e.stepId());
      step.more().notifyRequested = true;
      step.more().notification = e;
    } else if (entry instanceof Notified e) {
      record(e.stepId()).more().notified = true;
    } else if (entry instanceof FirstDecided e) {
      first(e.stepId(), "first");
      record(e.stepId()).more().winner = e.winner();
    } else if (entry instanceof HistoryEntry.LoopCheckpoint e) {
      if (rare.checkpoints == null) {
        rare().checkpoints = new HashMap<>();
      }
      rare.checkpoints.put(e.stepId(), new LoopCheckpoints.Mark(e, sequence, sequenced));
    } else if (entry instanceof HistoryEntry.BranchEnded e) {
      first(e.stepId(), e.stepId().substring(e.stepId().lastIndexOf('/') + 1).startsWith("@join") ? "join" : "first");
      StepRecord step = record(e.stepId());
      if (step.more().ended == null) {
        step.more().ended = new ArrayList<>(2);
      }
      step.more().ended.add(e.branch());
    } else if (entry instanceof HistoryEntry.SignalRaised e) {
      first(e.stepId(), "signal");
      record(e.stepId()).more().signalRaised = true;
      keptSignals().merge(e.signal(), 1, Integer::sum);
    } else if (entry instanceof HistoryEntry.SignalTaken e) {
      first(e.stepId(), "wait for");
      record(e.stepId()).more().signalTaken = true;
      keptSignals().merge(e.signal(), -1, Integer::sum);
    } else if (entry instanceof HistoryEntry.ExclusiveEntered e) {
      first(e.stepId(), "exclusive");
      record(e.stepId()).more().exclusiveEntered = true;
      holders().put(e.name(), e.stepId());
    } else if (entry instanceof HistoryEntry.ExclusiveLeft e) {
      record(e.stepId()).more().exclusiveLeft = true;
      if (rare.exclusiveHolders != null) {
        rare.exclusiveHolders.remove(e.name(), e.stepId());
      }
    } else if (entry instanceof HistoryEntry.RegionEntered e) {
      first(e.stepId(), "region");
      record(e.stepId()).more().regionEntered = true;
    } else if (entry instanceof HistoryEntry.RegionEnded e) {
      first(e.stepId(), "region");
      StepRecord step = record(e.stepId());
      step.more().regionEnded = true;
      step.more().regionCancelled = e.cancelled();
    } else if (entry instanceof HistoryEntry.RegionCancelled e) {
      first(e.stepId(), "cancel region");
      record(e.stepId()).more().regionCancelled = true;
      if (rare.cancelledRegions == null) {
        rare().cancelledRegions = new java.util.HashSet<>(4);
      }
      rare.cancelledRegions.add(e.region());
    } else if (entry instanceof HistoryEntry.IncidentOpened e) {
      StepRecord step = record(e.stepId());
      step.more().incident = e;
      step.more().incidentAt = at;
    } else if (entry instanceof HistoryEntry.IncidentResolved e) {
      StepRecord step = record(e.stepId());
      step.more().incident = null;
      step.more().incidentAt = null;
      if (e.resolution() == HistoryEntry.IncidentResolved.Resolution.RETRIED) {
        step.more().attemptBase = step.failedAttempts();
      }
    }
    StepRecord affected = opens(entry) ? step(entry.stepId()) : null;
    if (affected != null) {
      if (affected.taskOpen() || affected.timerSet() || affected.receiveOpen() || affected.childOpen()
          || affected.incidentOpen()) {
        if (rare.open == null) {
          rare().open = new java.util.LinkedHashSet<>();
        }
        rare.open.add(affected.stepId);
      } else if (rare.open != null) {
        rare.open.remove(affected.stepId);
      }
    }
  }

  /** Whether an entry may open or close a task, a timer, a receive, a child or an incident. */
  private static boolean opens(HistoryEntry entry) {
    return !(entry instanceof ActionScheduled || entry instanceof ActionCompleted || entry instanceof AttemptFailed
        || entry instanceof ActionFailed || entry instanceof HistoryEntry.ActionRaised || entry instanceof ClockRead
        || entry instanceof NotifyRequested
        || entry instanceof Notified || entry instanceof CompensationRegistered || entry instanceof CompensationScheduled
        || entry instanceof Compensated || entry instanceof CompensationFailed || entry instanceof FirstDecided
        || entry instanceof HistoryEntry.LoopCheckpoint
        || entry instanceof HistoryEntry.BranchEnded || entry instanceof HistoryEntry.SignalRaised
        || entry instanceof HistoryEntry.SignalTaken || entry instanceof HistoryEntry.ExclusiveEntered
        || entry instanceof HistoryEntry.ExclusiveLeft || entry instanceof HistoryEntry.RegionEntered
        || entry instanceof HistoryEntry.RegionEnded || entry instanceof HistoryEntry.RegionCancelled);
  }

  /**
   * The step occurrences and timers with something open: a task in the inbox, a set timer, a
   * waiting receive, a called child running, an incident waiting for an operator. After a run,
   * what the run no longer waits for is withdrawn.
   */
  public java.util.Set<String> open() {
    if (rare.open == null) {
      rare().open = new java.util.LinkedHashSet<>(); // a live view: what opens later shows in it too
    }
    return java.util.Collections.unmodifiableSet(rare.open);
  }

  /** Whether anything is open ({@link #open()} is not empty), without making the view. */
  public boolean hasOpen() {
    return rare.open != null && !rare.open.isEmpty();
  }

  /** The state the history shows: RUNNING until it ended. */
  public InstanceState state() {
    return ended == null ? InstanceState.RUNNING : ended.state();
  }

  /**
   * The entries in order, each without a {@link Recorded} of its own: an array of the entries,
   * and the runs of entries that share a commit's time and follow each other's sequence (most
   * histories have a few). {@link #get} makes the {@code Recorded}: what is read is the same, but
   * a step costs no two objects more.
   */
  private static final class EntryLog extends java.util.AbstractList<Recorded> implements java.util.RandomAccess {
    private HistoryEntry[] kept;
    private int size;
    /** The first run's first sequence and time (its first entry is entry 0). */
    private long firstSequence;
    private Instant firstAt;
    /** The last run's time. */
    private Instant lastAt;
    /**
     * Per run, the index of its first entry, that entry's sequence, and the run's time: made when a
     * second run begins ({@code null} while there is one, as in a history of one commit).
     */
    private int[] runStart;
    private long[] runSequence;
    private Instant[] runAt;
    private int runs;
    private long lastSequence;

    EntryLog(int room) {
      kept = new HistoryEntry[Math.max(room, 4)];
    }

    void add(long sequence, Instant at, HistoryEntry entry) {
      if (size == kept.length) {
        kept = java.util.Arrays.copyOf(kept, size + (size >> 1) + 1);
      }
      if (runs == 0) {
        firstSequence = sequence;
        firstAt = at;
        lastAt = at;
        runs = 1;
      } else if (sequence != lastSequence + 1 || (lastAt != at && !lastAt.equals(at))) {
        if (runStart == null) {
          runStart = new int[4];
          runSequence = new long[4];
          runAt = new Instant[4];
          runSequence[0] = firstSequence;
          runAt[0] = firstAt;
        } else if (runs == runStart.length) {
          runStart = java.util.Arrays.copyOf(runStart, runs * 2);
          runSequence = java.util.Arrays.copyOf(runSequence, runs * 2);
          runAt = java.util.Arrays.copyOf(runAt, runs * 2);
        }
        runStart[runs] = size;
        runSequence[runs] = sequence;
        runAt[runs] = at;
        runs++;
        lastAt = at;
      }
      kept[size++] = entry;
      lastSequence = sequence;
    }

    /** The run that holds entry {@code index}: the last whose first entry is at or before it. */
    private int run(int index) {
      int low = 0;
      int high = runs - 1;
      while (low < high) {
        int middle = (low + high + 1) >>> 1;
        if (runStart[middle] <= index) {
          low = middle;
        } else {
          high = middle - 1;
        }
      }
      return low;
    }

    @Override
    public Recorded get(int index) {
      java.util.Objects.checkIndex(index, size);
      if (runStart == null) {
        return new Recorded(firstSequence + index, firstAt, kept[index]);
      }
      int run = run(index);
      return new Recorded(runSequence[run] + index - runStart[run], runAt[run], kept[index]);
    }

    /** The sequence of entry {@code index}. */
    long sequenceAt(int index) {
      if (runStart == null) {
        return firstSequence + index;
      }
      int run = run(index);
      return runSequence[run] + index - runStart[run];
    }

    @Override
    public int size() {
      return size;
    }
  }

  /** The fields of {@link #rare}. */
  private static final class Rare {
    /** No rare facts: shared by every history that has none; never written ({@link #rare()} replaces it first). */
    static final Rare NONE = new Rare();

    /** Per other scope, its step occurrences in order, as {@link History#topSequence}; {@code null} while there are none. */
    Map<String, Object> sequences;
    /** The registered compensations by step occurrence, in history order; {@code null} while there are none. */
    LinkedHashMap<String, StepRecord> compensations;
    /** What is open ({@link History#open()}); {@code null} while nothing ever was (most histories of system steps only). */
    java.util.LinkedHashSet<String> open;
    /** The declared error the instance failed with ({@link History#raised()}). */
    HistoryEntry.ErrorRaised endRaised;
    /** The sequences of the kept events this instance has taken, with when it took each. */
    Map<Long, java.time.Instant> taken;
    /**
     * For a history read from a loop checkpoint: the kept events published before this time are not
     * taken (the checkpoint holds the events taken since then only); {@code null} for a whole history.
     */
    java.time.Instant keptEventsFrom;
    /** Why someone asked to cancel the instance. */
    String cancelReason;
    /** Per loop occurrence, its latest checkpoint and how many steps were sequenced before it; {@code null} while none. */
    Map<String, LoopCheckpoints.Mark> checkpoints;
    /** The sequence of the last entry before the gap of a history read from a checkpoint, or 0 when it is whole. */
    long gapAfter;
    /** Per signal name, how many {@code signal}s were raised less how many a {@code wait for} took. */
    Map<String, Integer> signalsKept;
    /** The regions a {@code cancel region} cancelled, made when the first is. */
    java.util.Set<String> cancelledRegions;
    /** Per critical section's name, the {@code exclusive} block in it, if one is. */
    Map<String, String> exclusiveHolders;
  }

  /** {@link #rare}, made the history's own now if it is the shared {@link Rare#NONE}: call it before writing a rare field. */
  private Rare rare() {
    Rare own = rare;
    if (own == Rare.NONE) {
      own = new Rare();
      rare = own;
    }
    return own;
  }
}
