package dev.flow.runtime.store;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.HistoryEntry.Breached;
import dev.flow.runtime.history.HistoryEntry.EventReceived;
import dev.flow.runtime.history.HistoryEntry.InstanceEnded;
import dev.flow.runtime.history.HistoryEntry.InstanceStarted;
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
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The projection every store shares: what the engine asks a store without reading histories,
 * kept in memory and brought up to date by {@link #apply} with each committed {@link Commit} (and
 * rebuilt the same way when a durable store opens). It holds the instances (open and ended) with
 * their {@link InstanceRow}, the open tasks by role, assignee and instance, the open incidents, the set timers by due
 * time, the waiting {@code receive}s by event type and correlation keys, the engine-wide facts, and
 * the numbers of instance ids ({@code Prefix-N}) per prefix.
 *
 * <p>Every lookup is a hash or tree lookup, never a walk over all instances (only
 * {@link #instances(InstanceQuery)} with a filter walks instances, newest first, until its page is
 * full). An ended instance keeps only its row; with a retention count, the oldest ended instances
 * beyond it are dropped altogether and {@link #apply} names them, so the store can drop their
 * histories too; one that owes an emit (an {@code EventEmitted} without its {@code EventPublished})
 * is kept until the commit of its {@code EventPublished}, as the JDBC store keeps it.
 *
 * <p>{@code apply} does not check expected sequences: a store checks them before it commits.
 * Thread-safe: every method holds this object's lock for as long as it takes to update or copy,
 * except {@link #nextDue}, which reads what the last commit that changed the timers set,
 * {@link #nextNumber}, which counts up a prefix's number without it (a new prefix takes it), and
 * {@link #instance} of an ended instance, which reads what the commit that ended it (or a later one) set.
 */
public final class Indexes {
  /**
   * What the indexes hold of one instance; {@code attachment} is the owning store's (e.g. journal positions). With
   * {@link #Indexes(int, boolean) histories kept}, it holds the instance's history too (the memory store's one record
   * per instance, one map node): the commits' entry lists as they came, each with its time; its monitor is the lock that
   * the memory store's appends to and reads of the history take.
   */
  static final class Instance {
    /**
     * Its id while it runs, and for good where {@link IdIndex} does not keep it by number; {@code null} once an instance
     * kept by number has ended (an ended instance keeps no string of its own: {@link #id()} makes one when asked).
     */
    private String fullId;
    /** Its id's prefix, shared, where the id is {@code Prefix-N} and kept by number ({@link IdIndex}); else {@code null}. */
    private final String prefix;
    /** That N; else -1. */
    private final int number;
    final String workflow;
    final int version;
    /** Its start (its first commit's time), as {@link Instant}'s two numbers: no {@code Instant} kept per instance. */
    final long startedSecond;
    final int startedNano;
    final String parentId;
    /** Its place in start order: set under the lock, and read only under it. */
    long ordinal;
    InstanceState state = InstanceState.RUNNING;
    /** Written under the indexes' lock, or without it by {@link #apply} for entries no index holds (see there). */
    volatile long lastSequence;
    /**
     * {@code null}; its end as an {@code Instant} where that is not its start; the step ids of its open tasks (a
     * {@code List}, as a waiting instance has); or an {@link Extra} (open tasks and incidents, a checkpoint, and its end
     * then), where it has more than one of these. Most ended instances started and ended in one commit: they keep
     * nothing here, no {@code Instant} either. Written under the indexes' lock; volatile for {@link #endedRow}.
     */
    private volatile Object more;
    Object attachment;
    /**
     * Dropped by the retention; still in {@code byStart} until it is compacted. Set under the indexes' lock; read
     * without it by the memory store's appends (under the instance's monitor), which then look again.
     */
    volatile boolean dropped;
    /**
     * Its end state once the commit that ended it is applied ({@code null} before): set under the lock
     * after that commit's {@link #lastSequence}, so that {@link Indexes#instance} reads an ended instance's
     * row without the lock.
     */
    volatile InstanceState over;

    /**
     * The kept history's first commit's entries (committed at {@link #started()}), or {@code null}: the list as committed,
     * or, once the instance has ended, in {@link CompactEntries}' form: its own arrays, or (a history of one commit) the
     * {@link Slab.Chunk} that holds them at {@link #slot}.
     */
    private Object first;
    /** Where in the chunk {@link #first} the history is, as {@link Slab} packs it (when it is in one). */
    private long slot;
    /** The kept history's later commits, or {@code null} while there is only the first. */
    private ArrayList<Part> later;
    /** How many entries the kept history has. */
    private int size;

    /**
     * A record of {@code id}, whose number and shared prefix are {@code number} and {@code prefix} where {@link IdIndex}
     * keeps it by number ({@code null} and -1 else); {@code ended}: it ends as it starts, no id string is kept.
     */
    Instance(String id, String prefix, int number, boolean ended, String workflow, int version, Instant started,
        String parentId, long ordinal) {
      this.prefix = prefix;
      this.number = number;
      this.fullId = ended && prefix != null ? null : id;
      this.workflow = workflow;
      this.version = version;
      this.startedSecond = started.getEpochSecond();
      this.startedNano = started.getNano();
      this.parentId = parentId;
      this.ordinal = ordinal;
    }

    /** Its id (made from its prefix and number, for an ended instance kept by number). */
    String id() {
      String full = fullId;
      return full != null ? full : prefix + '-' + number;
    }

    /** Lets go of its id string where it is kept by number (it has ended: few ask for its id from now on). */
    void forgetId() {
      if (prefix != null) {
        fullId = null;
      }
    }

    /** When it started (a new {@code Instant}, equal to the start commit's time). */
    Instant started() {
      return Instant.ofEpochSecond(startedSecond, startedNano);
    }

    /** When it ended, for an instance that has ended (whose end is its start unless {@link #ended(Instant)} said else). */
    Instant endedAt() {
      Object kept = more;
      Object end = kept instanceof Extra ? ((Extra) kept).ended : kept instanceof Instant ? kept : null;
      return end == null ? started() : (Instant) end;
    }

    /** Sets when it ended (nothing kept where that is when it started). */
    void ended(Instant at) {
      if (at.getEpochSecond() == startedSecond && at.getNano() == startedNano) {
        return;
      }
      if (more == null || more instanceof Instant) {
        more = at;
      } else {
        extra().ended = at;
      }
    }

    /** The step ids of its open tasks, or {@code null} when it has none. */
    @SuppressWarnings("unchecked")
    List<String> tasks() {
      Object kept = more;
      return kept instanceof Extra ? ((Extra) kept).tasks : kept instanceof List ? (List<String>) kept : null;
    }

    /** Sets the step ids of its open tasks ({@code null}: none). */
    void tasks(List<String> tasks) {
      if (more == null || more instanceof List) {
        more = tasks;
      } else {
        extra().tasks = tasks;
      }
    }

    /** Its {@link Extra}, made when first needed (with what {@link #more} held). */
    @SuppressWarnings("unchecked")
    Extra extra() {
      Object kept = more;
      if (kept instanceof Extra) {
        return (Extra) kept;
      }
      Extra extra = new Extra();
      if (kept instanceof Instant) {
        extra.ended = (Instant) kept;
      } else if (kept instanceof List) {
        extra.tasks = (List<String>) kept;
      }
      more = extra;
      return extra;
    }

    /** Its {@link Extra}, or {@code null} when it has none. */
    Extra extraOrNull() {
      Object kept = more;
      return kept instanceof Extra ? (Extra) kept : null;
    }

    /** The sequence of its latest loop checkpoint, or 0. */
    long checkpoint() {
      Extra extra = extraOrNull();
      return extra == null ? 0 : extra.checkpoint;
    }

    /** How many entries the kept history has. Under this object's monitor. */
    int historySize() {
      return size;
    }

    /**
     * Appends a commit's entries to the kept history (they are immutable: not copied). When they end the instance (their
     * last is its {@code InstanceEnded}), the whole history takes {@link CompactEntries}' form: what an ended instance
     * keeps for as long as it is kept, and what every young collection copies once. Under this object's monitor, or
     * before the record is in the indexes' map.
     */
    void addToHistory(Instant at, List<HistoryEntry> entries, Slab slab) {
      if (first == null) {
        first = entries;
      } else {
        if (later == null) {
          later = new ArrayList<>(2);
        }
        later.add(new Part(size, at, entries));
      }
      size += entries.size();
      if (entries.get(entries.size() - 1) instanceof InstanceEnded) {
        if (later == null && slab != null && toSlab(entries, slab)) {
          return;
        }
        first = CompactEntries.of(first, true, workflow, version);
        if (later != null) {
          for (Part part : later) {
            part.entries = CompactEntries.of(part.entries, false, workflow, version);
          }
          later.trimToSize();
        }
      }
    }

    /** Writes a history of one commit into the slab (see {@link Slab}); false if it is too long for it. */
    private boolean toSlab(List<HistoryEntry> entries, Slab slab) {
      int refs = entries.size() + 4;
      int longs = CompactEntries.longCount(entries);
      if (!slab.fits(refs, longs)) {
        return false;
      }
      while (true) {
        Slab.Chunk chunk = slab.current();
        long at = chunk.reserve(refs, longs);
        if (at >= 0) {
          CompactEntries.write(entries, true, workflow, version, chunk.refs, Slab.refsAt(at), chunk.longs, Slab.longsAt(at));
          slot = at;
          first = chunk;
          return true;
        }
        slab.full(chunk);
      }
    }

    /** Takes back the last {@link #addToHistory} (of a commit the indexes refused). Under this object's monitor. */
    void removeLastFromHistory() {
      if (later == null || later.isEmpty()) {
        first = null;
        slot = 0;
        size = 0;
      } else {
        size = later.remove(later.size() - 1).before;
      }
    }

    /** The kept entries after {@code sequence} up to {@code last} (inclusive), as recorded. Under this object's monitor. */
    List<dev.flow.runtime.history.Recorded> historyBetween(long sequence, long last) {
      int from = (int) Math.min(Math.max(sequence, 0), size);
      int to = (int) Math.min(Math.max(last, from), size);
      if (from == to) {
        return List.of();
      }
      dev.flow.runtime.history.Recorded[] out = new dev.flow.runtime.history.Recorded[to - from];
      int i = 0;
      int parts = later == null ? 1 : later.size() + 1;
      for (int p = partOf(from); p < parts && i < out.length; p++) {
        int before = p == 0 ? 0 : later.get(p - 1).before;
        Instant at = p == 0 ? started() : later.get(p - 1).at;
        Object entries = p == 0 ? first : later.get(p - 1).entries;
        if (entries instanceof Slab.Chunk chunk) {
          int count = later == null || later.isEmpty() ? size : later.get(0).before; // entries after its end come later
          i = CompactEntries.read(chunk.refs, Slab.refsAt(slot), count, chunk.longs, Slab.longsAt(slot), from, out, i, 0,
              at, workflow, version);
        } else {
          i = CompactEntries.read(entries, Math.max(0, from - before), out, i, before, at, workflow, version);
        }
      }
      return java.util.Arrays.asList(out);
    }

    /** The index of the part (0: the first commit's) that holds the entry after {@code sequence}. */
    private int partOf(int sequence) {
      if (later == null || later.isEmpty() || later.get(0).before > sequence) {
        return 0;
      }
      int low = 0;
      int high = later.size() - 1;
      while (low < high) {
        int middle = (low + high + 1) >>> 1;
        if (later.get(middle).before <= sequence) {
          low = middle;
        } else {
          high = middle - 1;
        }
      }
      return low + 1;
    }

    InstanceRow row() {
      return new InstanceRow(id(), workflow, version, state, started(), state.isTerminal() ? endedAt() : null, parentId,
          lastSequence);
    }

    /** Its row once it has ended, read without the lock; {@code null} while it has not (as far as this thread sees). */
    InstanceRow endedRow() {
      InstanceState end = over;
      return end == null ? null : new InstanceRow(id(), workflow, version, end, started(), endedAt(), parentId, lastSequence);
    }
  }

  /** What few instances have: incidents, a checkpoint (and then their open tasks and end, where it is not their start). */
  static final class Extra {
    /** The step ids of its open tasks, or {@code null} when it has none. */
    List<String> tasks;
    /** How many open incidents it has. */
    int incidents;
    /** The sequence of its latest loop checkpoint, or 0. */
    long checkpoint;
    /** Its end where that is not its start, else {@code null}. */
    Instant ended;
  }

  /**
   * A later commit's entries of a kept history: the entries after sequence {@code before}, as committed or in
   * {@link CompactEntries}' form once the instance has ended.
   */
  private static final class Part {
    final int before;
    final Instant at;
    Object entries;

    Part(int before, Instant at, List<HistoryEntry> entries) {
      this.before = before;
      this.at = at;
      this.entries = entries;
    }
  }

  /** Strings repeated across instances (workflow, step, role names) are kept once, up to this many. */
  private static final int MAX_SHARED_NAMES = 100_000;

  /** The prefix of the facts that say which instance holds a key of a keyed workflow. */
  private static final String KEYED = "keyed:";
  /** The prefix of the fact that names a continue-as-new chain's current instance, after its first instance. */
  private static final String CHAIN = "chain:";
  /** The prefix of the fact that names, after an instance of a continue-as-new chain, the chain's first instance. */
  private static final String CHAINED = "chained:";
  /**
   * The prefix of the facts that name the instances an emit started ({@code emitted:EMITTER/STEP:WORKFLOW#N}),
   * cleared by the commit of its {@code EventPublished}.
   */
  private static final String EMITTED = "emitted:";

  private int retainEnded;
  /** Whether each instance's record keeps its history ({@link Instance#addToHistory}): the memory store's indexes. */
  private final boolean histories;
  /** Where ended instances' histories of one commit are kept, with {@link #histories} ({@code null} without). */
  private final Slab slab;
  /** How long after its end an ended instance keeps its row; {@code null}: no age limit. */
  private java.time.Duration retainFor;
  /** The time of the latest commit applied: the "now" of the age limit. */
  private Instant latest = Instant.MIN;
  /** Concurrent, so that {@link #apply} can find an instance without the lock. */
  private final IdIndex byId = new IdIndex();
  /**
   * Every instance in start order (each is appended as it starts, with the next ordinal); one dropped by the
   * retention is only marked, and left out when more than half of the list is dropped.
   */
  private final ArrayList<Instance> byStart = new ArrayList<>();
  private int droppedInByStart;
  private final LinkedHashMap<String, Instance> open = new LinkedHashMap<>();
  private final ArrayDeque<Instance> ended = new ArrayDeque<>();
  private final TaskIndex tasks = new TaskIndex();
  private final TimerIndex timers = new TimerIndex();
  private final SubscriptionIndex subscriptions = new SubscriptionIndex();
  /** The open incidents by {@code instanceId/stepId}, oldest first. */
  private final LinkedHashMap<String, IncidentRow> incidents = new LinkedHashMap<>();
  /** How many emitted events each instance has not recorded as published yet. */
  private final LinkedHashMap<String, Integer> unpublished = new LinkedHashMap<>();
  /**
   * Ended instances the retention would have dropped, kept because they owe an emit (an
   * {@code EventEmitted} without its {@code EventPublished}): a restarted engine publishes it from
   * their history. Each goes back to the front of {@link #ended} (it ended before every instance
   * still there) once its last emit is recorded as published, and is dropped from there.
   */
  private final LinkedHashMap<String, Instance> owing = new LinkedHashMap<>();
  private final Map<String, String> facts = new HashMap<>();
  /**
   * The {@code keyed:} facts (which instance holds a keyed workflow's key) by the instance they
   * name, so that an ended instance the retention drops frees its keys with it.
   */
  private final Map<String, List<String>> keysHeld = new HashMap<>();
  /**
   * The highest number per id prefix: {@link #nextNumber} counts up without the lock (a new prefix is added
   * under it); a start raises it to its id's number.
   */
  private final Map<String, AtomicLong> numbers = new ConcurrentHashMap<>();
  /**
   * Per thread, the number {@link #nextNumber} last handed it and that prefix's counter: the start of that id, which
   * most often follows on the same thread, need not read the counter again (the other threads count it up meanwhile,
   * so reading it would move its cache line between cores once more per instance).
   */
  private final ThreadLocal<Handed> handed = ThreadLocal.withInitial(Handed::new);
  private final Map<String, String> names = new HashMap<>();
  private long ordinal;
  /**
   * The timers' next due time, set whenever they change (under the lock): read without it, as the
   * engine asks after every start and publish.
   */
  private volatile Optional<Instant> nextDue = Optional.empty();
  /**
   * The prefix of the last instance id started (most starts in a row are of one workflow): no substring per start.
   * Written under the lock; read without it by {@link #countKnown}.
   */
  private volatile String lastPrefix;
  /** The workflow name of the last instance started, as given, and {@link #share shared}. */
  private String lastWorkflow;
  private String lastShared;
  /**
   * The last workflow name shared, as given and shared, for a start that {@link #startedAndEnded} applies without
   * the lock (the names table is not read there); {@code null} before the first start.
   */
  private volatile String[] lastName;
  /** Whether the commit being applied changed the timers (then {@link #nextDue} is set again). */
  private boolean timersChanged;

  /**
   * Indexes that keep the rows of at most {@code retainEnded} ended instances (the most recently
   * ended); {@link Integer#MAX_VALUE} keeps all.
   */
  public Indexes(int retainEnded) {
    this(retainEnded, false);
  }

  /**
   * Indexes as {@link #Indexes(int)}; with {@code histories}, each instance's record keeps its history too: the commit
   * that starts an instance gives its record the first entries, and the store appends later ones to the record
   * ({@link #record}). A commit that starts an instance already known is then refused with an {@link AppendConflict}.
   */
  Indexes(int retainEnded, boolean histories) {
    if (retainEnded < 0) {
      throw new IllegalArgumentException("retain at least 0 ended instances, not " + retainEnded);
    }
    this.retainEnded = retainEnded;
    this.histories = histories;
    this.slab = histories ? new Slab() : null;
  }

  /**
   * Indexes that keep histories, with ended ones in a {@link Slab} of chunks of {@code refs} references and
   * {@code longs} numbers (its tests' small chunks).
   */
  Indexes(int retainEnded, int refs, int longs) {
    if (retainEnded < 0) {
      throw new IllegalArgumentException("retain at least 0 ended instances, not " + retainEnded);
    }
    this.retainEnded = retainEnded;
    this.histories = true;
    this.slab = new Slab(refs, longs);
  }

  /** Where ended instances' histories are kept ({@code null} for indexes that keep none). */
  Slab slab() {
    return slab;
  }

  /** How many distinct slab chunks the records of the instances held keep (for tests: dropped ones keep none). */
  int chunksHeld() {
    java.util.Set<Object> chunks = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Instance instance : byId.values()) {
      synchronized (instance) {
        if (instance.first instanceof Slab.Chunk) {
          chunks.add(instance.first);
        }
      }
    }
    return chunks.size();
  }

  /**
   * Keeps at most {@code retention.endedInstances()} ended instances from now on, none that ended longer
   * than {@code retention.endedFor()} before the latest commit; those beyond are dropped by the next commit.
   */
  public synchronized void retain(Retention retention) {
    this.retainEnded = retention.endedInstances();
    this.retainFor = retention.endedFor();
  }

  /** Indexes that keep every ended instance's row. */
  public Indexes() {
    this(Integer.MAX_VALUE);
  }

  /**
   * Applies a committed commit.
   *
   * @return the ids of ended instances dropped because more than the retention count have ended
   *     (oldest first); empty with the default retention
   * @throws StoreException when the commit does not fit (an append to an unknown instance that
   *     does not start it): a bug in the store, or a damaged journal; the indexes are then as they were
   */
  public List<String> apply(Commit commit) {
    if (commit.facts().isEmpty() && commit.appends().size() == 1) {
      Commit.Append append = commit.appends().get(0);
      if (unindexed(append.entries(), 0, append.entries().size())) {
        // Only the instance's last sequence changes, and a store applies one instance's commits
        // one at a time: no other instance needs to wait for this one (an action step's two
        // entries, the commonest commit, take this way).
        Instance instance = byId.get(append.instanceId());
        if (instance != null && !instance.state.isTerminal()) {
          instance.lastSequence = append.expectedSequence() + append.entries().size();
          return List.of();
        }
      } else if (append.expectedSequence() == 0) {
        List<String> dropped = startedAndEnded(commit, append);
        if (dropped != null) {
          return dropped;
        }
      }
    }
    return applyLocked(commit);
  }

  /**
   * A commit that starts an instance and ends it, with only entries no index holds between (an instance that ran to
   * its end in one go, the commonest commit of short workflows): its record is made and put in {@link #byId} without
   * the lock, complete (ended) before any thread can find it, and its id's number is counted (a known prefix's, as
   * {@link #nextNumber} counts, without the lock); the lock is taken only to add it to the start and end orders (and
   * the retention), so that two threads starting instances wait for each other only that long.
   *
   * @return the instances the retention dropped, or {@code null} when the commit is not of this kind (or the id is
   *     known): nothing is changed then, and the commit takes the locked way
   */
  private List<String> startedAndEnded(Commit commit, Commit.Append append) {
    List<HistoryEntry> entries = append.entries();
    int last = entries.size() - 1;
    if (last < 1 || !(entries.get(0) instanceof InstanceStarted started) || !(entries.get(last) instanceof InstanceEnded end)
        || !unindexed(entries, 1, last)) {
      return null;
    }
    String[] name = lastName;
    String id = append.instanceId();
    int number = IdIndex.numberOf(id);
    if (name == null || name[0] != started.workflow() || byId.get(id, number) != null) {
      return null; // a name not shared yet (the locked way shares it), or a known id (the locked way refuses it)
    }
    Instant at = commit.at();
    Instance instance = new Instance(id, number < 0 ? null : byId.prefixOf(id), number, true, name[1],
        started.version(), at, started.parentId(), 0);
    if (histories) {
      instance.addToHistory(at, entries, slab);
    }
    instance.state = end.state();
    // Ended by the commit that started it: its end is its start.
    published(instance, entries.size());
    if (byId.putIfAbsent(id, number, instance) != null) {
      return null; // another start of this id came first
    }
    boolean counted = countKnown(id);
    synchronized (this) {
      instance.ordinal = ordinal++;
      byStart.add(instance);
      ended.addLast(instance);
      if (!counted) {
        count(id);
      }
      if (at.isAfter(latest)) {
        latest = at;
      }
      List<String> dropped = List.of();
      if (ended.size() > retainEnded || (retainFor != null && tooOld(ended.peekFirst()))) {
        dropped = new ArrayList<>();
        dropExcessEnded(dropped);
      }
      return dropped;
    }
  }

  /** Whether no index holds anything of these entries (a list of the kinds known not to be indexed). */
  private static boolean unindexed(List<HistoryEntry> entries, int from, int to) {
    for (int i = from; i < to; i++) {
      HistoryEntry entry = entries.get(i);
      if (!(entry instanceof HistoryEntry.ActionScheduled || entry instanceof HistoryEntry.ActionCompleted
          || entry instanceof HistoryEntry.AttemptFailed || entry instanceof HistoryEntry.ActionFailed
          || entry instanceof HistoryEntry.ClockRead || entry instanceof HistoryEntry.CompensationRegistered
          || entry instanceof HistoryEntry.NotifyRequested || entry instanceof HistoryEntry.Notified
          || entry instanceof HistoryEntry.FirstDecided || entry instanceof HistoryEntry.BranchEnded
          || entry instanceof HistoryEntry.SignalRaised || entry instanceof HistoryEntry.SignalTaken
          || entry instanceof HistoryEntry.ExclusiveEntered || entry instanceof HistoryEntry.ExclusiveLeft
          || entry instanceof HistoryEntry.RegionEntered || entry instanceof HistoryEntry.RegionEnded
          || entry instanceof HistoryEntry.RegionCancelled)) {
        return false;
      }
    }
    return true;
  }

  private synchronized List<String> applyLocked(Commit commit) {
    try {
      return applyEntries(commit);
    } finally {
      if (timersChanged) {
        timersChanged = false;
        nextDue = timers.nextDue();
      }
    }
  }

  private List<String> applyEntries(Commit commit) {
    // Nothing changes unless the whole commit fits: a part for an unknown instance must start it.
    for (Commit.Append append : commit.appends()) {
      Instance known = byId.get(append.instanceId());
      if (known == null && (append.expectedSequence() > 0 || !(append.entries().get(0) instanceof InstanceStarted))) {
        throw new StoreException("a " + append.entries().get(0).getClass().getSimpleName() + " of instance "
            + append.instanceId() + " comes before the instance started");
      }
      if (known != null && histories && append.expectedSequence() == 0) {
        // Another start of the same id came first (its store found no record before this one was made).
        throw new AppendConflict(append.instanceId(), 0, known.lastSequence);
      }
    }
    // The facts first: a fact naming an instance this very commit ends and drops goes with it.
    commit.facts().forEach(this::fact);
    List<String> dropped = List.of();
    List<Commit.Append> appends = commit.appends();
    // A commit of several parts shows their last sequences and ends (read without the lock) together, once all are applied.
    Instance[] parts = appends.size() > 1 ? new Instance[appends.size()] : null;
    long[] lasts = parts == null ? null : new long[parts.length];
    for (int part = 0; part < appends.size(); part++) {
      Commit.Append append = appends.get(part);
      Instance instance = byId.get(append.instanceId());
      long sequence = append.expectedSequence();
      for (HistoryEntry entry : append.entries()) {
        sequence++;
        if (entry instanceof InstanceStarted started && (instance == null || !histories)) {
          // (A kept history's record is never made again: a second InstanceStarted is only an entry of it.)
          instance = start(append, started, commit.at());
        } else if (instance == null) {
          throw new StoreException("a " + entry.getClass().getSimpleName() + " of instance " + append.instanceId()
              + " comes before the instance started");
        } else {
          if (entry instanceof HistoryEntry.LoopCheckpoint) {
            instance.extra().checkpoint = sequence;
          }
          on(instance, entry, commit.at());
        }
      }
      if (parts == null) {
        published(instance, sequence);
      } else {
        parts[part] = instance;
        lasts[part] = sequence;
      }
      if (instance.state.isTerminal() && ended.size() > retainEnded) {
        dropped = dropped.isEmpty() ? new ArrayList<>() : dropped;
        dropExcessEnded(dropped);
      }
    }
    for (int part = 0; parts != null && part < parts.length; part++) {
      published(parts[part], lasts[part]);
    }
    if (commit.at().isAfter(latest)) {
      latest = commit.at();
    }
    if (ended.size() > retainEnded || (retainFor != null && !ended.isEmpty() && tooOld(ended.peekFirst()))) {
      dropped = dropped.isEmpty() ? new ArrayList<>() : dropped;
      dropExcessEnded(dropped);
    }
    return dropped;
  }

  /** Sets an instance's last sequence after a commit, then (once) its end, in that order: {@link #instance} reads them so. */
  private static void published(Instance instance, long sequence) {
    instance.lastSequence = sequence;
    if (instance.over == null && instance.state.isTerminal()) {
      instance.over = instance.state;
    }
  }

  /** Sets a fact, or removes it where {@code value} is null; keeps {@link #keysHeld} in step. */
  private void fact(String key, String value) {
    String before = value == null ? facts.remove(key) : facts.put(key, value);
    if (key.startsWith(KEYED)) {
      if (before != null) {
        List<String> keys = keysHeld.get(before);
        if (keys != null && keys.remove(key) && keys.isEmpty()) {
          keysHeld.remove(before);
        }
      }
      if (value != null) {
        keysHeld.computeIfAbsent(value, v -> new ArrayList<>(1)).add(key);
      }
    }
  }

  private Instance start(Commit.Append append, InstanceStarted started, Instant at) {
    String id = append.instanceId();
    String workflow = started.workflow();
    if (workflow != lastWorkflow) {
      // Most starts in a row are of one workflow, whose definition names it with the same string: no lookup.
      lastWorkflow = workflow;
      lastShared = share(workflow);
      lastName = new String[] {workflow, lastShared};
    }
    int number = IdIndex.numberOf(id);
    Instance instance = new Instance(id, number < 0 ? null : byId.prefixOf(id), number, false, lastShared,
        started.version(), at, started.parentId(), ordinal++);
    if (histories && append.expectedSequence() == 0) {
      instance.addToHistory(at, append.entries(), slab); // before it is in byId: a store's reader finds it with its history
    }
    byId.put(id, instance);
    byStart.add(instance);
    open.put(id, instance);
    count(id);
    return instance;
  }

  /**
   * Raises the number of the id's prefix to at least its number, without the lock, where the prefix is the last one
   * counted (its number is then known): what {@link #nextNumber} does without it too.
   *
   * @return whether it is done: false for an id of another prefix (then {@link #count} does it, under the lock), and
   *     true for an id not of the form {@code Prefix-N} (there is nothing to count)
   */
  private boolean countKnown(String id) {
    int dash = id.lastIndexOf('-');
    if (!(dash > 0 && dash < id.length() - 1 && id.length() - dash <= 19 && digits(id, dash + 1))) {
      return true;
    }
    String prefix = lastPrefix;
    if (prefix == null || prefix.length() != dash || !id.startsWith(prefix)) {
      return false;
    }
    AtomicLong known = numbers.get(prefix);
    if (known == null) {
      return false;
    }
    long number = Long.parseLong(id, dash + 1, id.length(), 10);
    Handed mine = handed.get();
    if (mine.counter != known || mine.number != number) {
      raise(known, number); // not the number this thread was handed last: the counter may be below it
    }
    return true;
  }

  /** Raises the number of the id's prefix ({@code Prefix-N}) to at least its number. Under the lock. */
  private void count(String id) {
    int dash = id.lastIndexOf('-');
    if (dash > 0 && dash < id.length() - 1 && id.length() - dash <= 19 && digits(id, dash + 1)) {
      // Most ids were allocated by nextNumber, so the prefix's number is already at least this one: one lookup.
      String prefix = lastPrefix;
      if (prefix == null || prefix.length() != dash || !id.startsWith(prefix)) {
        prefix = share(id.substring(0, dash));
        lastPrefix = prefix;
      }
      long number = Long.parseLong(id, dash + 1, id.length(), 10);
      AtomicLong known = numbers.get(prefix);
      if (known == null) {
        numbers.put(prefix, new AtomicLong(number));
      } else {
        raise(known, number);
      }
    }
  }

  /** Raises a prefix's number to at least {@code number} (a {@link #nextNumber} may count it up meanwhile). */
  private static void raise(AtomicLong known, long number) {
    long now = known.get();
    while (now < number && !known.compareAndSet(now, number)) {
      now = known.get();
    }
  }

  /** Whether the id is all digits from {@code from} on (a character loop: this runs for every instance started). */
  private static boolean digits(String id, int from) {
    for (int i = from; i < id.length(); i++) {
      if (!Character.isDigit(id.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private void on(Instance instance, HistoryEntry entry, Instant at) {
    if (entry instanceof HistoryEntry.ActionScheduled || entry instanceof HistoryEntry.ActionCompleted) {
      return; // the commonest entries: no index holds anything of them
    }
    String id = instance.id();
    if (entry instanceof TaskCreated t) {
      tasks.open(new TaskRow(id, share(t.stepId()), share(t.step()), share(t.kind()), share(t.role()),
          share(t.escalateTo()), at, t.due(), null, false, t.otherRoles(), t.excluded()));
      List<String> stepIds = instance.tasks();
      if (stepIds == null) {
        stepIds = new ArrayList<>(1);
        instance.tasks(stepIds);
      }
      stepIds.remove(t.stepId());
      stepIds.add(share(t.stepId()));
    } else if (entry instanceof TaskClaimed t) {
      assign(id, t.stepId(), t.principal());
    } else if (entry instanceof TaskAssigned t) {
      assign(id, t.stepId(), t.assignee());
    } else if (entry instanceof TaskReleased t) {
      assign(id, t.stepId(), null);
    } else if (entry instanceof TaskCompleted || entry instanceof TaskWithdrawn) {
      closeTask(instance, entry.stepId());
    } else if (entry instanceof Breached b) {
      TaskRow row = tasks.get(id, b.stepId());
      if (row != null) {
        tasks.update(row, row.with(row.assignee(), true));
      }
    } else if (entry instanceof TimerSet t) {
      timers.set(new TimerRow(id, share(t.stepId()), t.purpose(), t.due()));
      timersChanged = true;
    } else if (entry instanceof TimerFired || entry instanceof TimerCancelled) {
      timers.cancel(id, entry.stepId());
      timersChanged = true;
    } else if (entry instanceof ReceiveWaiting r) {
      subscriptions.add(new SubscriptionRow(id, share(r.stepId()), share(r.eventType()), r.correlation()));
    } else if (entry instanceof EventReceived || entry instanceof ReceiveTimedOut
        || entry instanceof HistoryEntry.ReceiveCancelled) {
      subscriptions.remove(id, entry.stepId());
    } else if (entry instanceof HistoryEntry.IncidentOpened o) {
      IncidentRow row = new IncidentRow(id, instance.workflow, share(o.stepId()), share(o.step()), o.attempts(), o.message(),
          at);
      if (incidents.put(row.id(), row) == null) {
        instance.extra().incidents++;
      }
    } else if (entry instanceof HistoryEntry.IncidentResolved) {
      if (incidents.remove(id + "/" + entry.stepId()) != null) {
        instance.extra().incidents--;
      }
    } else if (entry instanceof InstanceEnded e) {
      end(instance, e.state(), at);
    } else if (entry instanceof HistoryEntry.EventEmitted) {
      unpublished.merge(id, 1, Integer::sum);
    } else if (entry instanceof HistoryEntry.EventPublished) {
      if (unpublished.computeIfPresent(id, (k, n) -> n > 1 ? n - 1 : null) == null && owing.remove(id) != null) {
        ended.addFirst(instance); // owes nothing now: the retention may drop it
      }
    }
  }

  private void assign(String instanceId, String stepId, String assignee) {
    TaskRow row = tasks.get(instanceId, stepId);
    if (row != null) {
      tasks.update(row, row.with(share(assignee), row.escalated()));
    }
  }

  private void closeTask(Instance instance, String stepId) {
    tasks.close(instance.id(), stepId);
    List<String> stepIds = instance.tasks();
    if (stepIds != null) {
      stepIds.remove(stepId);
      if (stepIds.isEmpty()) {
        instance.tasks(null);
      }
    }
  }

  private void end(Instance instance, InstanceState state, Instant at) {
    if (instance.state.isTerminal()) {
      return;
    }
    String id = instance.id();
    instance.state = state;
    List<String> stepIds = instance.tasks();
    if (stepIds != null) {
      stepIds.forEach(stepId -> tasks.close(id, stepId));
      instance.tasks(null);
    }
    instance.ended(at);
    Extra extra = instance.extraOrNull();
    if (extra != null && extra.incidents > 0) {
      incidents.values().removeIf(row -> row.instanceId().equals(id));
      extra.incidents = 0;
    }
    timersChanged |= timers.cancelAll(id);
    subscriptions.removeAll(id);
    open.remove(id);
    instance.forgetId();
    ended.addLast(instance);
  }

  private void dropExcessEnded(List<String> dropped) {
    while (ended.size() > retainEnded || (!ended.isEmpty() && tooOld(ended.peekFirst()))) {
      Instance gone = ended.removeFirst();
      String id = gone.id();
      if (unpublished.containsKey(id)) {
        owing.put(id, gone); // its emit is not published yet: kept until it is
        continue;
      }
      byId.remove(id);
      gone.dropped = true;
      droppedInByStart++;
      List<String> keys = keysHeld.remove(id);
      if (keys != null) {
        keys.forEach(facts::remove);
      }
      dropChained(id);
      dropped.add(id);
    }
    if (droppedInByStart > byStart.size() / 2) {
      byStart.removeIf(i -> i.dropped);
      droppedInByStart = 0;
    }
  }

  /**
   * A dropped instance of a continue-as-new chain takes its {@code chained:} fact with it, and the
   * chain's {@code chain:} fact too when it was the chain's current instance (which ends last, so
   * the chain's other instances went before it). While the current instance is kept, every other
   * instance still kept finds it.
   */
  private void dropChained(String id) {
    String first = facts.remove(CHAINED + id);
    if (first != null) {
      facts.remove(CHAIN + first, id);
    }
  }

  /**
   * Brings the facts that name instances up to the rule of {@link #dropExcessEnded}, for a store
   * written before it (whose compactions kept every continue-as-new chain fact and, before that, every
   * key fact, and whose chains lack the first instance's {@code chained:} fact), or whose checkpoint
   * restored the facts of instances that a smaller retention dropped while it was replayed: a
   * {@code chained:ID} fact of an instance no longer kept goes, and so does a {@code chain:FIRST} fact
   * whose current instance is no longer kept, and a {@code keyed:} fact naming an instance no longer
   * kept (its key is free); a kept first instance of a chain gets its {@code chained:FIRST} fact. An
   * {@code emitted:} fact whose emitter is no longer kept goes too (a store written before emitters
   * were kept until their {@code EventPublished} dropped some without it). What is kept is not
   * touched, and a second sweep changes nothing. One pass over the facts (a journal runs it once it
   * has replayed its files on open, and its next compaction writes the result).
   *
   * @return how many facts it set or removed
   */
  public synchronized int sweepStaleFacts() {
    Map<String, String> changes = new LinkedHashMap<>();
    for (Map.Entry<String, String> fact : facts.entrySet()) {
      String key = fact.getKey();
      if (key.startsWith(KEYED)) {
        if (!byId.containsKey(fact.getValue())) {
          changes.put(key, null);
        }
      } else if (key.startsWith(CHAINED)) {
        if (!byId.containsKey(key.substring(CHAINED.length()))) {
          changes.put(key, null);
        }
      } else if (key.startsWith(EMITTED)) {
        int slash = key.indexOf('/', EMITTED.length());
        if (slash > 0 && !byId.containsKey(key.substring(EMITTED.length(), slash))) {
          changes.put(key, null); // its emitter went before its EventPublished (an older store): no use now
        }
      } else if (key.startsWith(CHAIN)) {
        String first = key.substring(CHAIN.length());
        if (byId.containsKey(first) && !facts.containsKey(CHAINED + first)) {
          changes.put(CHAINED + first, first);
        }
        if (!byId.containsKey(fact.getValue())) {
          changes.put(key, null);
        }
      }
    }
    changes.forEach(this::fact);
    return changes.size();
  }

  private boolean tooOld(Instance instance) {
    if (retainFor == null || !instance.state.isTerminal() || latest == Instant.MIN) {
      return false;
    }
    return instance.endedAt().isBefore(latest.minus(retainFor));
  }

  private String share(String name) {
    if (name == null) {
      return null;
    }
    String shared = names.get(name);
    if (shared != null) {
      return shared;
    }
    if (names.size() < MAX_SHARED_NAMES) {
      names.put(name, name);
    }
    return name;
  }

  // ---- instances -----------------------------------------------------------------------------

  /**
   * An instance's row, if it is known (and not dropped by the retention). An ended instance's row is read
   * without the lock (the engine asks for it after every run that ends); as of the last commit applied to it.
   */
  public Optional<InstanceRow> instance(String instanceId) {
    Instance instance = byId.get(instanceId);
    InstanceRow ended = instance == null ? null : instance.endedRow();
    return ended != null ? Optional.of(ended) : lockedInstance(instanceId);
  }

  /**
   * The state of {@link #instance}'s row, or {@code null} for an unknown instance: an ended instance's without the lock
   * and without making a row (the engine asks after every run that ends an instance).
   */
  public InstanceState stateOf(String instanceId) {
    Instance instance = byId.get(instanceId);
    InstanceState end = instance == null ? null : instance.over;
    return end != null ? end : lockedState(instanceId);
  }

  private synchronized InstanceState lockedState(String instanceId) {
    Instance instance = byId.get(instanceId);
    return instance == null ? null : instance.state;
  }

  private synchronized Optional<InstanceRow> lockedInstance(String instanceId) {
    Instance instance = byId.get(instanceId);
    return instance == null ? Optional.empty() : Optional.of(instance.row());
  }

  /** The sequence of an instance's latest loop checkpoint; 0 for none or an unknown instance. */
  public synchronized long lastCheckpoint(String instanceId) {
    Instance instance = byId.get(instanceId);
    return instance == null ? 0 : instance.checkpoint();
  }

  /** An instance's last sequence; 0 for an unknown one. */
  public synchronized long lastSequence(String instanceId) {
    Instance instance = byId.get(instanceId);
    return instance == null ? 0 : instance.lastSequence;
  }

  /**
   * The record of a known instance, without the lock, or {@code null}: with {@link #Indexes(int, boolean) histories
   * kept}, the store appends to and reads its history under its monitor.
   */
  Instance record(String instanceId) {
    return byId.get(instanceId);
  }

  /** How many instances are known (started, and not dropped by the retention), without the lock. */
  int knownCount() {
    return byId.size();
  }

  /**
   * Whether the instance is known, as {@link #contains}, without the lock: what the last commit applied
   * says (for the thread that applies the commits).
   */
  public boolean known(String instanceId) {
    return byId.containsKey(instanceId);
  }

  /** Whether the instance is known (started, and not dropped by the retention). */
  public synchronized boolean contains(String instanceId) {
    return byId.containsKey(instanceId);
  }

  /** The instances that have not ended, oldest first. */
  public synchronized List<InstanceRow> openInstances() {
    List<InstanceRow> rows = new ArrayList<>(open.size());
    open.values().forEach(i -> rows.add(i.row()));
    return rows;
  }

  /** A page of instances, newest first. */
  public synchronized List<InstanceRow> instances(InstanceQuery query) {
    List<InstanceRow> rows = new ArrayList<>();
    int skip = query.offset();
    Iterator<Instance> newestFirst;
    if (query.state() != null && !query.state().isTerminal()) {
      List<Instance> running = new ArrayList<>(open.values());
      java.util.Collections.reverse(running);
      newestFirst = running.iterator();
    } else {
      newestFirst = newestFirst();
    }
    while (newestFirst.hasNext() && rows.size() < query.limit()) {
      Instance instance = newestFirst.next();
      if (instance.dropped) {
        continue;
      }
      if (query.workflow() != null && !query.workflow().equals(instance.workflow)) {
        continue;
      }
      if (query.state() != null && !query.state().isTerminal() == instance.state.isTerminal()) {
        continue;
      }
      if (query.state() != null && query.state().isTerminal() && query.state() != instance.state) {
        continue;
      }
      if (skip > 0) {
        skip--;
        continue;
      }
      rows.add(instance.row());
    }
    return rows;
  }

  /** {@code byStart} from its end. */
  private Iterator<Instance> newestFirst() {
    java.util.ListIterator<Instance> backwards = byStart.listIterator(byStart.size());
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return backwards.hasPrevious();
      }

      @Override
      public Instance next() {
        return backwards.previous();
      }
    };
  }

  /** The ids of every known instance, oldest first (for a store's compaction). */
  public synchronized List<String> instanceIds() {
    List<String> ids = new ArrayList<>(byStart.size() - droppedInByStart);
    for (Instance i : byStart) {
      if (!i.dropped) {
        ids.add(i.id());
      }
    }
    return ids;
  }

  /** What the owning store keeps with an instance (e.g. where its history is), or {@code null}. */
  public synchronized Object attachment(String instanceId) {
    Instance instance = byId.get(instanceId);
    return instance == null ? null : instance.attachment;
  }

  /** Keeps something of the owning store with a known instance; nothing for an unknown one. */
  public synchronized void attach(String instanceId, Object attachment) {
    Instance instance = byId.get(instanceId);
    if (instance != null) {
      instance.attachment = attachment;
    }
  }

  // ---- tasks, timers, subscriptions ----------------------------------------------------------

  public synchronized List<TaskRow> tasksForRole(String role) {
    List<TaskRow> rows = tasks.forRole(role);
    List<TaskRow> escalated = tasks.escalatedTo(role);
    if (!escalated.isEmpty()) {
      rows.addAll(escalated);
      tasks.sortByAge(rows);
    }
    return rows;
  }

  public synchronized List<TaskRow> tasksForAssignee(String principal) {
    return tasks.forAssignee(principal);
  }

  /** The open tasks of one instance, in the order they were created. */
  public synchronized List<TaskRow> tasksOf(String instanceId) {
    Instance instance = byId.get(instanceId);
    List<String> stepIds = instance == null ? null : instance.tasks();
    if (stepIds == null) {
      return new ArrayList<>();
    }
    List<TaskRow> rows = new ArrayList<>(stepIds.size());
    stepIds.forEach(stepId -> rows.add(tasks.get(instanceId, stepId)));
    return rows;
  }

  public synchronized List<TaskRow> openTasks() {
    return tasks.all();
  }

  /** The open incidents, oldest first. */
  public synchronized List<IncidentRow> openIncidents() {
    return new ArrayList<>(incidents.values());
  }

  /**
   * The instances, ended ones too, with an {@code EventEmitted} whose {@code EventPublished} is not committed,
   * in the order they started (as the JDBC store lists them).
   */
  public synchronized List<String> unpublishedEmitters() {
    List<String> ids = new ArrayList<>(unpublished.keySet());
    ids.sort(java.util.Comparator.comparingLong(id -> {
      Instance instance = byId.get(id);
      return instance == null ? Long.MAX_VALUE : instance.ordinal;
    }));
    return ids;
  }

  public Optional<Instant> nextDue() {
    return nextDue;
  }

  public synchronized List<TimerRow> dueTimers(Instant until, int limit) {
    return timers.due(until, limit);
  }

  public synchronized List<SubscriptionRow> subscriptions(String eventType, List<List<String>> keys) {
    return subscriptions.find(eventType, keys);
  }

  // ---- facts and numbers ---------------------------------------------------------------------

  public synchronized Optional<String> fact(String key) {
    return Optional.ofNullable(facts.get(key));
  }

  /** A copy of every fact (for a store's snapshot). */
  public synchronized Map<String, String> facts() {
    return new HashMap<>(facts);
  }

  /** Allocates the next number for an id prefix: one more than any seen or allocated before. */
  public long nextNumber(String prefix) {
    AtomicLong number = numbers.get(prefix);
    if (number == null) {
      synchronized (this) {
        number = numbers.computeIfAbsent(share(prefix), p -> new AtomicLong());
      }
    }
    long next = number.incrementAndGet();
    Handed mine = handed.get();
    mine.counter = number;
    mine.number = next;
    return next;
  }

  /** What {@link #nextNumber} last handed one thread (see {@link #handed}). */
  private static final class Handed {
    AtomicLong counter;
    long number;
  }

  /** A copy of the highest number per prefix (for a store's snapshot). */
  public synchronized Map<String, Long> numbers() {
    Map<String, Long> copy = new HashMap<>();
    numbers.forEach((prefix, number) -> copy.put(prefix, number.get()));
    return copy;
  }

  /** Restores a snapshot: the facts become exactly these; each prefix's number is at least the given one. */
  public synchronized void restore(Map<String, String> facts, Map<String, Long> numbers) {
    this.facts.clear();
    this.keysHeld.clear();
    facts.forEach(this::fact);
    numbers.forEach((prefix, n) -> raise(this.numbers.computeIfAbsent(share(prefix),
        p -> new AtomicLong()), n));
  }
}
