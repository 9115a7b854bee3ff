package dev.flow.runtime.store;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.HistoryEntry.Breached;
import dev.flow.runtime.history.HistoryEntry.EventReceived;
import dev.flow.runtime.history.HistoryEntry.InstanceEnded;
import dev.flow.runtime.history.HistoryEntry.InstanceStarted;
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
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.history.TimerPurpose;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;

/**
 * The store in a relational database, over plain JDBC (no driver or pool is a dependency of the
 * runtime): H2 (embedded) and PostgreSQL are tested. The tables are in {@link JdbcSchema}, created
 * on open. Histories are rows of {@code flow_entries} with the primary key
 * {@code (instance_id, sequence)}, each entry as the JSON of {@link JsonCodec}; the indexes the
 * engine asks (open instances, tasks by role and assignee, timers by due time, subscriptions by
 * event type and correlation keys, facts, id numbers) are tables of their own, kept up to date in
 * the same transaction as the entries, and every question is one indexed query.
 *
 * <p><b>Append.</b> For each part of a {@link Commit} (in the order of the instance ids) the
 * instance's row is inserted (a new instance) or its {@code last_sequence} moved on with
 * {@code UPDATE … WHERE last_sequence = expected}, which locks the row until the transaction ends;
 * then the entries go in as one batch, then the index rows and the facts. A stale expected
 * sequence updates no row, or (a new instance, or a race the row lock did not order) violates a
 * primary key: either way the commit is rolled back and its caller gets an {@link AppendConflict},
 * never a second entry at one sequence.
 *
 * <p><b>Group commit.</b> Appends are queued for one writer thread, which writes everything queued
 * in one transaction, each commit behind a savepoint (see {@link #appendAsync}); a group that fails
 * as a whole is written again commit by commit, and a deadlock, a serialization failure or a lock
 * timeout is retried a few times. H2 is told to write every commit before it returns
 * ({@code WRITE_DELAY 0}).
 *
 * <p><b>Connections.</b> Every call borrows a connection from the {@link DataSource} it is given
 * and gives it back (closes it) before it returns; give it a pooled one (e.g. HikariCP). The store
 * does not close the data source. Several engines may share one database: each append is checked
 * against the database, not against memory. Thread-safe.
 *
 * <p><b>Retention.</b> Like the journal and the memory store, the store keeps the rows and
 * histories of the {@link JdbcOptions#retainEnded} most recently ended instances (and of every
 * running one). A sweeper thread of the store deletes the older ones, {@link JdbcOptions#sweepBatch}
 * at a time, each batch one short transaction (history, tasks, timers, receives, incidents, key
 * then the instance row; the highest id number of each deleted prefix is kept in
 * {@code flow_numbers}, so no id is handed out again); it runs once that many instances have ended
 * through the store, and once when the store opens. {@link #compact()} runs it at once. Appends
 * never wait for it: it deletes only ended instances, which take no more appends. The kept events
 * past the engine's event retention are deleted by {@link #pruneEvents}, also in batches.
 *
 * <p>With an age limit ({@link JdbcOptions#retainEndedFor}, or {@link #retain}), an instance that ended longer
 * than that before the latest commit this store wrote is deleted too, whatever the count; the sweeper then
 * also runs whenever the commits' clock has moved on by a hundredth of the limit. An ended instance
 * whose emitted events are not all published ({@code flow_outbox}) is not deleted until they are. The
 * {@code keyed:} facts of deleted instances and their {@code flow_keys} rows are deleted with them, and so
 * are their continue-as-new chain facts ({@code chained:ID}, and {@code chain:FIRST} naming the deleted one).
 *
 * <p><b>Exactly-once emit.</b> A kept event's {@code origin} (the emit it comes from) is unique in
 * {@code flow_events}, so {@link #publish(String, List, Instant, Object, String)} keeps it once;
 * {@code flow_outbox} counts each instance's emits not yet recorded as published, written in the
 * transaction of the entries, and answers {@link #unpublishedEmitters()}.
 *
 * <p><b>Loop checkpoints.</b> {@code flow_instances.checkpoint_sequence} holds the sequence of an
 * instance's latest {@code LoopCheckpoint} entry, set by the append that writes it, so a resume
 * asks for the entries up to the loop ({@link #readUpTo}) and from the checkpoint on, not the whole history.
 */
public final class JdbcStore implements Store {
  /** One codec for every store of the process. */
  private static final JsonCodec CODEC = new JsonCodec();
  private static final String RUNNING = InstanceState.RUNNING.name();
  /** How often an append is tried again after a deadlock, a serialization failure or a lock timeout. */
  private static final int ATTEMPTS = 8;
  /** The most commits the writer puts in one transaction. */
  private static final int GROUP = 256;

  private static final String INSTANCE_COLUMNS =
      "instance_id, workflow, version, state, started_ns, ended_ns, parent_id, last_sequence";
  private static final String TASK_COLUMNS =
      "instance_id, step_id, step, kind, role, escalate_to, created_ns, due_ns, assignee, escalated, ordinal, other_roles,"
          + " excluded";

  private final DataSource dataSource;
  private final String product;
  private final JdbcOptions options;
  /** What the sweeper keeps: from the options, or set later by {@link #retain}. */
  private volatile Retention retention;
  /** The time of the latest commit this store wrote (nanoseconds; {@link Long#MIN_VALUE} before the first). */
  private volatile long latestNs = Long.MIN_VALUE;
  /** {@link #latestNs} when the sweeper was last asked to run for the age limit (guarded by {@link #queue}). */
  private long agedAtNs = Long.MIN_VALUE;
  /** Instances ended through this store since the sweeper last ran (guarded by {@link #queue}). */
  private int endedSinceSweep;
  /** Whether the sweeper should run (guarded by {@link #queue}). */
  private boolean sweepWanted;
  /** The sweeper thread, started on open. */
  private Thread sweeper;
  /** Held while deleting ended instances, so the sweeper and {@link #compact()} do not run at once. */
  private final Object sweeping = new Object();
  /** Whether {@link #close} closes the data source too. */
  private final boolean owning;
  /** Commits waiting for the writer thread; also the lock of {@link #tails}, {@link #writer} and closing. */
  private final java.util.ArrayDeque<Pending> queue = new java.util.ArrayDeque<>();
  /** The last sequence of each instance with a commit queued and not yet written. */
  private final Map<String, Long> tails = new java.util.HashMap<>();
  /**
   * The last sequence this store wrote for each instance it wrote to: a hint for checking the next
   * commit at once (bounded: cleared when it grows past {@value #HINTS} instances).
   */
  private final Map<String, Long> written = new java.util.HashMap<>();
  private static final int HINTS = 100_000;
  /** The last commit of the group the writer thread writes now, or wrote last (guarded by {@link #queue}). */
  private CompletableFuture<Void> writing;
  /** The writer thread, started with the first append. */
  private Thread writer;
  private volatile boolean closed;

  private JdbcStore(DataSource dataSource, String product, boolean owning, JdbcOptions options) {
    this.dataSource = dataSource;
    this.product = product;
    this.owning = owning;
    this.options = options;
    this.retention = options.retention();
  }

  /**
   * Opens the store in a database: creates Flow's tables if they are missing, and checks that
   * the tables it finds are of a version it reads.
   *
   * @param dataSource where connections come from (a pool; the store does not close it)
   * @throws StoreException in words when the database cannot be reached, is not H2 or PostgreSQL,
   *     or holds Flow's tables of a newer version
   */
  public static JdbcStore open(DataSource dataSource) {
    return open(dataSource, false, JdbcOptions.defaults());
  }

  /**
   * Opens the store like {@link #open(DataSource)}, keeping ended instances as {@code options} says.
   */
  public static JdbcStore open(DataSource dataSource, JdbcOptions options) {
    return open(dataSource, false, options);
  }

  /**
   * Opens the store like {@link #open(DataSource)}, and makes it the owner of the data source:
   * {@link #close} closes it too (when it is {@link AutoCloseable}, as a connection pool is). For
   * a pool made only for this store, e.g. by a command line given a {@code jdbc:} URL.
   */
  public static JdbcStore openOwning(DataSource dataSource) {
    return open(dataSource, true, JdbcOptions.defaults());
  }

  /** Opens the store like {@link #openOwning(DataSource)}, keeping ended instances as {@code options} says. */
  public static JdbcStore openOwning(DataSource dataSource, JdbcOptions options) {
    return open(dataSource, true, options);
  }

  private static JdbcStore open(DataSource dataSource, boolean owning, JdbcOptions options) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(options, "options");
    String product;
    try (Connection connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName() + " "
          + connection.getMetaData().getDatabaseProductVersion();
      String name = connection.getMetaData().getDatabaseProductName();
      if (!name.equals("H2") && !name.equals("PostgreSQL")) {
        throw new StoreException("the JDBC store runs on H2 and PostgreSQL, not on " + name);
      }
      if (name.equals("H2")) {
        durableCommits(connection);
      }
      try {
        JdbcSchema.create(connection);
      } catch (SQLException first) {
        // Two stores creating the tables of one empty database at once: the second sees them now.
        JdbcSchema.create(connection);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot open the JDBC store: " + describe(e), e);
    }
    JdbcStore store = new JdbcStore(dataSource, product, owning, options);
    store.startSweeper();
    return store;
  }

  /**
   * Has H2 write each commit to its file before the commit returns ({@code SET WRITE_DELAY 0}, a
   * setting of the database that it keeps). By default H2 writes committed transactions up to half
   * a second later, so a process killed in between loses commits it acknowledged.
   */
  private static void durableCommits(Connection connection) throws SQLException {
    try (java.sql.Statement statement = connection.createStatement()) {
      statement.execute("SET WRITE_DELAY 0");
    } catch (SQLException e) {
      throw new StoreException("the JDBC store needs H2 to write every commit at once, and cannot set it (" + describe(e)
          + "): open the database as its administrator, or add ;WRITE_DELAY=0 to the URL", e);
    }
  }

  /** The database and its version, e.g. {@code "PostgreSQL 15.8"}. */
  public String database() {
    return product;
  }

  // ---- appends -------------------------------------------------------------------------------

  /** A part of a commit with its entries as JSON, ready to write. */
  private record Part(Commit.Append append, List<String> json) {}

  /** A commit queued for the writer thread, with what it waits for. */
  private record Pending(Commit commit, List<Part> parts, CompletableFuture<Void> done) {}

  @Override
  public void append(Commit commit) {
    CompletableFuture<Void> done = appendAsync(commit);
    try {
      done.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * {@inheritDoc} The commit is queued for the store's writer thread, which writes everything queued
   * (up to {@value #GROUP} commits) in one transaction: one commit of the database, so one write of
   * H2's file or one flush of PostgreSQL's WAL, for many appends. A commit that expects a sequence
   * another commit still queued here moves past fails at once; one that conflicts with what is in
   * the database fails when the writer finds out, alone (its savepoint is rolled back, the others
   * commit).
   */
  @Override
  public CompletableFuture<Void> appendAsync(Commit commit) {
    List<Part> parts;
    try {
      checkOpen();
      parts = new ArrayList<>(commit.appends().size());
      for (Commit.Append append : commit.appends()) {
        List<String> json = new ArrayList<>(append.entries().size());
        for (HistoryEntry entry : append.entries()) {
          json.add(CODEC.encodeEntry(entry));
        }
        parts.add(new Part(append, json));
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    parts.sort(Comparator.comparing(p -> p.append().instanceId()));
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (queue) {
      if (closed) {
        return CompletableFuture.failedFuture(new StoreException("the JDBC store is closed"));
      }
      // A commit is checked here against what this store knows for sure: the commit queued last
      // for its instance, else the last one it wrote, else nothing (a new instance starts at 0). One
      // that does not follow fails at once; one that follows is chained (the next must follow it).
      // One checked against nothing is queued unchained: the database decides, and it keeps no
      // other commit from landing. What was written last is only a hint (another engine may have
      // appended since): a commit that does not follow it fails once, and the hint is dropped.
      boolean chained = true;
      for (Part part : parts) {
        String id = part.append().instanceId();
        Long tail = tails.get(id);
        Long base = tail != null ? tail : written.get(id);
        if (base == null && part.append().expectedSequence() == 0) {
          base = 0L;
        }
        if (base != null && base != part.append().expectedSequence()) {
          if (tail == null) {
            written.remove(id);
          }
          return CompletableFuture.failedFuture(new AppendConflict(id, part.append().expectedSequence(), base));
        }
        chained &= base != null;
      }
      if (chained) {
        for (Part part : parts) {
          tails.put(part.append().instanceId(), part.append().expectedSequence() + part.append().entries().size());
        }
      }
      queue.addLast(new Pending(commit, parts, done));
      if (writer == null) {
        writer = new Thread(this::writeQueued, "flow-jdbc-writer");
        writer.setDaemon(true);
        writer.start();
      }
      queue.notifyAll();
    }
    return done;
  }

  /** The writer thread: takes what is queued, writes it as one transaction, completes the waits. */
  private void writeQueued() {
    while (true) {
      List<Pending> batch = new ArrayList<>();
      synchronized (queue) {
        while (queue.isEmpty() && !closed) {
          try {
            queue.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (queue.isEmpty()) {
          return;
        }
        while (!queue.isEmpty() && batch.size() < GROUP) {
          batch.add(queue.removeFirst());
        }
        writing = batch.get(batch.size() - 1).done();
      }
      List<RuntimeException> outcomes = writeGroup(batch);
      synchronized (queue) {
        for (int i = 0; i < batch.size(); i++) {
          for (Part part : batch.get(i).parts()) {
            String id = part.append().instanceId();
            long target = part.append().expectedSequence() + part.append().entries().size();
            Long tail = tails.get(id);
            if (tail != null && tail == target) {
              tails.remove(id);
            }
            if (outcomes.get(i) == null) {
              latestNs = Math.max(latestNs, nanos(batch.get(i).commit().at()));
              for (HistoryEntry entry : part.append().entries()) {
                if (entry instanceof InstanceEnded) {
                  endedSinceSweep++;
                }
              }
              if (written.size() >= HINTS) {
                written.clear();
              }
              written.put(id, target);
            } else {
              written.remove(id);
            }
          }
        }
      }
      synchronized (queue) {
        if (endedSinceSweep >= options.sweepBatch() || agedSinceSweep()) {
          endedSinceSweep = 0;
          agedAtNs = latestNs;
          sweepWanted = true;
          queue.notifyAll();
        }
      }
      for (int i = 0; i < batch.size(); i++) {
        if (outcomes.get(i) == null) {
          batch.get(i).done().complete(null);
        } else {
          batch.get(i).done().completeExceptionally(outcomes.get(i));
        }
      }
    }
  }

  /**
   * Writes queued commits in one transaction, each behind a savepoint so that one that conflicts is
   * rolled back alone; when the transaction as a whole fails (a deadlock with another writer, a lost
   * connection), writes each commit alone instead.
   *
   * @return per commit, {@code null} when it is committed, else why not
   */
  private List<RuntimeException> writeGroup(List<Pending> batch) {
    List<RuntimeException> outcomes = new ArrayList<>(batch.size());
    if (batch.size() > 1) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try {
          for (Pending pending : batch) {
            outcomes.add(writeBehindSavepoint(connection, pending));
          }
          connection.commit();
          return outcomes;
        } catch (SQLException | RuntimeException e) {
          rollback(connection, e);
          outcomes.clear();
        } finally {
          restoreAutoCommit(connection);
        }
      } catch (SQLException e) {
        outcomes.clear();
      }
    }
    for (Pending pending : batch) {
      try {
        writeAlone(pending.commit(), pending.parts());
        outcomes.add(null);
      } catch (RuntimeException e) {
        outcomes.add(e);
      }
    }
    return outcomes;
  }

  /** One commit of a group: its conflict rolls back to its savepoint; any other failure fails the group. */
  private RuntimeException writeBehindSavepoint(Connection connection, Pending pending) throws SQLException {
    java.sql.Savepoint savepoint = connection.setSavepoint();
    try {
      write(connection, pending.commit(), pending.parts());
      return null;
    } catch (AppendConflict conflict) {
      connection.rollback(savepoint);
      return conflict;
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState())) {
        throw e;
      }
      connection.rollback(savepoint);
      AppendConflict conflict = conflict(connection, pending.parts());
      if (conflict == null) {
        throw e;
      }
      return conflict;
    }
  }

  /** Writes one commit in a transaction of its own, trying again after a deadlock or lock timeout. */
  private void writeAlone(Commit commit, List<Part> parts) {
    SQLException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try {
          write(connection, commit, parts);
          connection.commit();
          return;
        } catch (SQLException | RuntimeException e) {
          rollback(connection, e);
          if (e instanceof RuntimeException runtime) {
            throw runtime;
          }
          SQLException sql = (SQLException) e;
          connection.setAutoCommit(true);
          AppendConflict conflict = conflict(connection, parts);
          if (conflict != null) {
            throw conflict;
          }
          if (!transientFailure(sql)) {
            throw new StoreException("cannot append to the " + product + " database: " + describe(sql), sql);
          }
          last = sql;
        } finally {
          restoreAutoCommit(connection);
        }
      } catch (SQLException e) {
        throw new StoreException("cannot append to the " + product + " database: " + describe(e), e);
      }
      pause(attempt);
    }
    throw new StoreException("cannot append to the " + product + " database: it failed " + ATTEMPTS
        + " times, last with " + describe(last), last);
  }

  private void write(Connection connection, Commit commit, List<Part> parts) throws SQLException {
    long at = nanos(commit.at());
    for (Part part : parts) {
      Commit.Append append = part.append();
      long last = append.expectedSequence() + append.entries().size();
      Long checkpoint = null;
      for (int i = 0; i < append.entries().size(); i++) {
        if (append.entries().get(i) instanceof HistoryEntry.LoopCheckpoint) {
          checkpoint = append.expectedSequence() + i + 1;
        }
      }
      if (append.expectedSequence() == 0) {
        insertInstance(connection, append.instanceId(), (InstanceStarted) append.entries().get(0), at, last, checkpoint);
      } else {
        try (PreparedStatement update = connection.prepareStatement(
            "UPDATE flow_instances SET last_sequence = ?, checkpoint_sequence = COALESCE(?, checkpoint_sequence)"
                + " WHERE instance_id = ? AND last_sequence = ?")) {
          update.setLong(1, last);
          setLong(update, 2, checkpoint);
          update.setString(3, append.instanceId());
          update.setLong(4, append.expectedSequence());
          if (update.executeUpdate() != 1) {
            throw new AppendConflict(append.instanceId(), append.expectedSequence(),
                lastSequence(connection, append.instanceId()));
          }
        }
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO flow_entries (instance_id, sequence, at_ns, kind, entry) VALUES (?, ?, ?, ?, ?)")) {
      for (Part part : parts) {
        long sequence = part.append().expectedSequence();
        for (int i = 0; i < part.json().size(); i++) {
          insert.setString(1, part.append().instanceId());
          insert.setLong(2, ++sequence);
          insert.setLong(3, at);
          insert.setString(4, part.append().entries().get(i).getClass().getSimpleName());
          insert.setString(5, part.json().get(i));
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
    for (Part part : parts) {
      List<HistoryEntry> entries = part.append().entries();
      for (int i = 0; i < entries.size(); i++) {
        if (i > 0 || part.append().expectedSequence() > 0 || !(entries.get(i) instanceof InstanceStarted)) {
          index(connection, part.append().instanceId(), entries.get(i), at);
        }
      }
    }
    for (Map.Entry<String, String> fact : commit.facts().entrySet()) {
      setFact(connection, fact.getKey(), fact.getValue());
    }
  }

  private static void insertInstance(Connection connection, String id, InstanceStarted started, long at, long last,
      Long checkpoint) throws SQLException {
    if (id.length() > JdbcSchema.ID_LENGTH) {
      throw new StoreException("the instance id " + id.substring(0, 40) + "... is " + id.length()
          + " characters long; the JDBC store takes ids of up to " + JdbcSchema.ID_LENGTH);
    }
    String prefix = null;
    Long number = null;
    int dash = id.lastIndexOf('-');
    if (dash > 0 && dash < id.length() - 1 && id.length() - dash <= 19
        && id.substring(dash + 1).chars().allMatch(c -> c >= '0' && c <= '9')) {
      prefix = id.substring(0, dash);
      number = Long.parseLong(id.substring(dash + 1));
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO flow_instances (instance_id, workflow,"
        + " version, state, started_ns, ended_ns, parent_id, last_sequence, id_prefix, id_number, checkpoint_sequence)"
        + " VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)")) {
      insert.setString(1, id);
      insert.setString(2, started.workflow());
      insert.setInt(3, started.version());
      insert.setString(4, RUNNING);
      insert.setLong(5, at);
      insert.setString(6, started.parentId());
      insert.setLong(7, last);
      insert.setString(8, prefix);
      setLong(insert, 9, number);
      setLong(insert, 10, checkpoint);
      insert.executeUpdate();
    }
  }

  /** Brings the index tables up to date with one entry (what {@link Indexes} does in memory). */
  private void index(Connection connection, String id, HistoryEntry entry, long at) throws SQLException {
    if (entry instanceof TaskCreated t) {
      delete(connection, "flow_tasks", "step_id", id, t.stepId());
      delete(connection, "flow_task_roles", "step_id", id, t.stepId());
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO flow_tasks (instance_id, step_id, step,"
          + " kind, role, escalate_to, created_ns, due_ns, assignee, escalated, other_roles, excluded)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)")) {
        insert.setString(1, id);
        insert.setString(2, t.stepId());
        insert.setString(3, t.step());
        insert.setString(4, t.kind());
        insert.setString(5, t.role());
        insert.setString(6, t.escalateTo());
        insert.setLong(7, at);
        setLong(insert, 8, t.due() == null ? null : nanos(t.due()));
        insert.setBoolean(9, false);
        insert.setString(10, t.otherRoles().isEmpty() ? null : CODEC.encodeStrings(t.otherRoles()));
        insert.setString(11, t.excluded().isEmpty() ? null : CODEC.encodeStrings(t.excluded()));
        insert.executeUpdate();
      }
      for (String role : new java.util.LinkedHashSet<>(t.otherRoles())) {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO flow_task_roles (instance_id, step_id, role) VALUES (?, ?, ?)")) {
          insert.setString(1, id);
          insert.setString(2, t.stepId());
          insert.setString(3, role);
          insert.executeUpdate();
        }
      }
    } else if (entry instanceof TaskClaimed t) {
      assign(connection, id, t.stepId(), t.principal());
    } else if (entry instanceof TaskAssigned t) {
      assign(connection, id, t.stepId(), t.assignee());
    } else if (entry instanceof TaskReleased t) {
      assign(connection, id, t.stepId(), null);
    } else if (entry instanceof TaskCompleted || entry instanceof TaskWithdrawn) {
      delete(connection, "flow_tasks", "step_id", id, entry.stepId());
      delete(connection, "flow_task_roles", "step_id", id, entry.stepId());
    } else if (entry instanceof Breached b) {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE flow_tasks SET escalated = ? WHERE instance_id = ? AND step_id = ?")) {
        update.setBoolean(1, true);
        update.setString(2, id);
        update.setString(3, b.stepId());
        update.executeUpdate();
      }
    } else if (entry instanceof TimerSet t) {
      delete(connection, "flow_timers", "timer_id", id, t.stepId());
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO flow_timers (instance_id, timer_id, purpose, due_ns) VALUES (?, ?, ?, ?)")) {
        insert.setString(1, id);
        insert.setString(2, t.stepId());
        insert.setString(3, t.purpose().name());
        insert.setLong(4, nanos(t.due()));
        insert.executeUpdate();
      }
    } else if (entry instanceof TimerFired || entry instanceof TimerCancelled) {
      delete(connection, "flow_timers", "timer_id", id, entry.stepId());
    } else if (entry instanceof ReceiveWaiting r) {
      delete(connection, "flow_subscriptions", "step_id", id, r.stepId());
      String correlation = CODEC.encodeStrings(r.correlation());
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO flow_subscriptions (instance_id, step_id,"
          + " event_type, correlation_hash, correlation) VALUES (?, ?, ?, ?, ?)")) {
        insert.setString(1, id);
        insert.setString(2, r.stepId());
        insert.setString(3, r.eventType());
        insert.setString(4, sha256(correlation));
        insert.setString(5, correlation);
        insert.executeUpdate();
      }
    } else if (entry instanceof EventReceived || entry instanceof ReceiveTimedOut || entry instanceof ReceiveCancelled) {
      delete(connection, "flow_subscriptions", "step_id", id, entry.stepId());
    } else if (entry instanceof HistoryEntry.IncidentOpened o) {
      delete(connection, "flow_incidents", "step_id", id, o.stepId());
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO flow_incidents (instance_id, step_id, step,"
          + " attempts, message, opened_ns) VALUES (?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, id);
        insert.setString(2, o.stepId());
        insert.setString(3, o.step());
        insert.setInt(4, o.attempts());
        insert.setString(5, o.message());
        insert.setLong(6, at);
        insert.executeUpdate();
      }
    } else if (entry instanceof HistoryEntry.IncidentResolved) {
      delete(connection, "flow_incidents", "step_id", id, entry.stepId());
    } else if (entry instanceof InstanceEnded e) {
      end(connection, id, e.state(), at);
    } else if (entry instanceof HistoryEntry.EventEmitted) {
      owe(connection, id, 1);
    } else if (entry instanceof HistoryEntry.EventPublished) {
      owe(connection, id, -1);
    }
  }

  /** Counts an emit into the instance's row of {@code flow_outbox} (+1) or out of it (-1; the row goes at 0). */
  private static void owe(Connection connection, String id, int change) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE flow_outbox SET pending = pending + ? WHERE instance_id = ?")) {
      update.setInt(1, change);
      update.setString(2, id);
      if (update.executeUpdate() == 1) {
        try (PreparedStatement delete = connection.prepareStatement(
            "DELETE FROM flow_outbox WHERE instance_id = ? AND pending <= 0")) {
          delete.setString(1, id);
          delete.executeUpdate();
        }
        return;
      }
    }
    if (change > 0) {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO flow_outbox (instance_id, pending) VALUES (?, ?)")) {
        insert.setString(1, id);
        insert.setInt(2, change);
        insert.executeUpdate();
      }
    }
  }

  private static void assign(Connection connection, String id, String stepId, String assignee) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE flow_tasks SET assignee = ? WHERE instance_id = ? AND step_id = ?")) {
      update.setString(1, assignee);
      update.setString(2, id);
      update.setString(3, stepId);
      update.executeUpdate();
    }
  }

  private static void delete(Connection connection, String table, String column, String id, String stepId)
      throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(
        "DELETE FROM " + table + " WHERE instance_id = ? AND " + column + " = ?")) {
      delete.setString(1, id);
      delete.setString(2, stepId);
      delete.executeUpdate();
    }
  }

  /** Ends an instance once (a second end changes nothing) and closes its tasks, timers and receives. */
  private static void end(Connection connection, String id, InstanceState state, long at) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE flow_instances SET state = ?, ended_ns = ? WHERE instance_id = ? AND state = ?")) {
      update.setString(1, state.name());
      update.setLong(2, at);
      update.setString(3, id);
      update.setString(4, RUNNING);
      if (update.executeUpdate() == 0) {
        return;
      }
    }
    for (String table : List.of("flow_tasks", "flow_task_roles", "flow_timers", "flow_subscriptions", "flow_incidents")) {
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE instance_id = ?")) {
        delete.setString(1, id);
        delete.executeUpdate();
      }
    }
  }

  private static void setFact(Connection connection, String key, String value) throws SQLException {
    if (value == null) {
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM flow_facts WHERE fact_key = ?")) {
        delete.setString(1, key);
        delete.executeUpdate();
      }
      return;
    }
    try (PreparedStatement update = connection.prepareStatement("UPDATE flow_facts SET fact_value = ? WHERE fact_key = ?")) {
      update.setString(1, value);
      update.setString(2, key);
      if (update.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO flow_facts (fact_key, fact_value) VALUES (?, ?)")) {
      insert.setString(1, key);
      insert.setString(2, value);
      insert.executeUpdate();
    }
  }

  /** The conflict that made a commit fail: a part whose instance's last sequence is not the one it expected. */
  private static AppendConflict conflict(Connection connection, List<Part> parts) throws SQLException {
    for (Part part : parts) {
      long actual = lastSequence(connection, part.append().instanceId());
      if (actual != part.append().expectedSequence()) {
        return new AppendConflict(part.append().instanceId(), part.append().expectedSequence(), actual);
      }
    }
    return null;
  }

  private static long lastSequence(Connection connection, String id) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT last_sequence FROM flow_instances WHERE instance_id = ?")) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  /**
   * Whether trying the same transaction again may succeed: a deadlock or serialization failure
   * (class 40), H2's lock timeout, or a unique violation that no expected sequence explains (two
   * commits inserting one fact or task at once).
   */
  private static boolean transientFailure(SQLException e) {
    String state = e.getSQLState();
    if (state == null) {
      return false;
    }
    return state.startsWith("40") || state.equals("HYT00") || state.equals("23505");
  }

  private static void rollback(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void restoreAutoCommit(Connection connection) {
    try {
      if (!connection.isClosed() && !connection.getAutoCommit()) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      // the connection is broken; the pool will find out
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(Math.min(100, 2L << attempt) + java.util.concurrent.ThreadLocalRandom.current().nextInt(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while appending to the database", e);
    }
  }

  // ---- retention -----------------------------------------------------------------------------

  private void startSweeper() {
    synchronized (queue) {
      sweepWanted = true;
      sweeper = new Thread(this::sweepWhenAsked, "flow-jdbc-sweeper");
      sweeper.setDaemon(true);
      sweeper.start();
    }
  }

  /**
   * Whether, with an age limit, the engine's clock (as the commits show it) has moved on by a
   * hundredth of the limit (at least a second) since the sweeper last ran for it (guarded by {@link #queue}).
   */
  private boolean agedSinceSweep() {
    java.time.Duration age = retention.endedFor();
    if (age == null || latestNs == Long.MIN_VALUE) {
      return false;
    }
    long step = Math.max(1_000_000_000L, saturatedNanos(age) / 100);
    return agedAtNs == Long.MIN_VALUE || latestNs - agedAtNs >= step;
  }

  private static long saturatedNanos(java.time.Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * {@inheritDoc} The sweeper runs at once with it, and from then on after every
   * {@link JdbcOptions#sweepBatch} ends, and, with an age limit, whenever the commits' clock has
   * moved on by a hundredth of it.
   */
  @Override
  public void retain(Retention value) {
    checkOpen();
    synchronized (queue) {
      retention = Objects.requireNonNull(value, "retention");
      agedAtNs = Long.MIN_VALUE;
      sweepWanted = true;
      queue.notifyAll();
    }
  }

  /** The sweeper thread: waits to be asked, then deletes the ended instances beyond the retention. */
  private void sweepWhenAsked() {
    while (true) {
      synchronized (queue) {
        while (!sweepWanted && !closed) {
          try {
            queue.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (closed) {
          return;
        }
        sweepWanted = false;
      }
      try {
        sweep();
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        // The database is away or busy: the next end (or compact()) tries again; nothing is half deleted.
        System.getLogger(JdbcStore.class.getName()).log(System.Logger.Level.WARNING,
            "deleting ended instances beyond the retention failed: " + e.getMessage());
      }
    }
  }

  /**
   * Deletes the ended instances beyond {@link JdbcOptions#retainEnded} now (the oldest ended first),
   * {@link JdbcOptions#sweepBatch} per transaction, with everything the store holds of them.
   *
   * @return how many instances it deleted
   * @throws StoreException when the database refuses (what was deleted before stays deleted)
   */
  public int compact() {
    checkOpen();
    return sweep();
  }

  /**
   * Ended instances that may be deleted: not those whose emitted events are not all published yet
   * (a restarted engine publishes them from their histories).
   */
  private static final String DELETABLE = " FROM flow_instances WHERE ended_ns IS NOT NULL"
      + " AND NOT EXISTS (SELECT 1 FROM flow_outbox o WHERE o.instance_id = flow_instances.instance_id)";

  private int sweep() {
    synchronized (sweeping) {
      int deleted = 0;
      while (!closed) {
        Retention keep = retention;
        long now = latestNs;
        List<Long> count = query("SELECT COUNT(*)" + DELETABLE, s -> { }, rows -> rows.getLong(1));
        long excess = count.get(0) - keep.endedInstances();
        if (keep.endedFor() != null && now != Long.MIN_VALUE) {
          long cutoff;
          try {
            cutoff = Math.subtractExact(now, saturatedNanos(keep.endedFor()));
          } catch (ArithmeticException e) {
            cutoff = Long.MIN_VALUE;
          }
          long before = cutoff;
          List<Long> old = query("SELECT COUNT(*)" + DELETABLE + " AND ended_ns < ?", s -> s.setLong(1, before),
              rows -> rows.getLong(1));
          excess = Math.max(excess, old.get(0));
        }
        if (excess <= 0) {
          break;
        }
        int batch = (int) Math.min(excess, options.sweepBatch());
        List<String[]> oldest = query("SELECT instance_id, id_prefix, id_number" + DELETABLE
            + " ORDER BY ended_ns, ordinal LIMIT ?", s -> s.setInt(1, batch),
            rows -> new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
        if (oldest.isEmpty()) {
          break;
        }
        int gone = deleteEnded(oldest);
        deleted += gone;
        if (gone == 0) {
          break; // another engine's sweeper deleted them: count again next time
        }
      }
      return deleted;
    }
  }

  /**
   * Deletes ended instances (id, prefix, number) in one transaction; returns how many instance rows went.
   * The keys they held ({@code keyed:} facts naming them, and their {@code flow_keys} rows) go too: each
   * key row is locked first (waiting for an engine deciding that key), and goes only if its fact still
   * names a deleted instance.
   */
  private int deleteEnded(List<String[]> instances) {
    return inTransaction("cannot delete ended instances from", connection -> {
      StringBuilder in = new StringBuilder(" WHERE instance_id IN (");
      StringBuilder values = new StringBuilder("(");
      for (int i = 0; i < instances.size(); i++) {
        in.append(i == 0 ? "?" : ", ?");
        values.append(i == 0 ? "?" : ", ?");
      }
      in.append(')');
      values.append(')');
      dropKeys(connection, instances, values.toString());
      dropChained(connection, instances);
      Map<String, Long> highest = new java.util.TreeMap<>();
      for (String[] row : instances) {
        if (row[1] != null && row[2] != null) {
          highest.merge(row[1], Long.parseLong(row[2]), Math::max);
        }
      }
      for (Map.Entry<String, Long> number : highest.entrySet()) {
        keepNumber(connection, number.getKey(), number.getValue());
      }
      for (String table : List.of("flow_entries", "flow_tasks", "flow_task_roles", "flow_timers", "flow_subscriptions",
          "flow_incidents")) {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + in)) {
          for (int i = 0; i < instances.size(); i++) {
            delete.setString(i + 1, instances.get(i)[0]);
          }
          delete.executeUpdate();
        }
      }
      int gone;
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM flow_instances" + in + " AND ended_ns IS NOT NULL")) {
        for (int i = 0; i < instances.size(); i++) {
          delete.setString(i + 1, instances.get(i)[0]);
        }
        gone = delete.executeUpdate();
      }
      return gone;
    });
  }

  /**
   * Deletes the continue-as-new chain facts of these instances: each one's {@code chained:} fact, and
   * its chain's {@code chain:} fact where it names it (the chain's current instance, which ends last,
   * so the chain's other instances are deleted before it or with it). Looked up by key only.
   */
  private static void dropChained(Connection connection, List<String[]> instances) throws SQLException {
    StringBuilder keys = new StringBuilder("(");
    for (int i = 0; i < instances.size(); i++) {
      keys.append(i == 0 ? "?" : ", ?");
    }
    keys.append(')');
    Map<String, String> firsts = new java.util.TreeMap<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT fact_key, fact_value FROM flow_facts WHERE fact_key IN " + keys)) {
      for (int i = 0; i < instances.size(); i++) {
        select.setString(i + 1, CHAINED + instances.get(i)[0]);
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          firsts.put(rows.getString(1).substring(CHAINED.length()), rows.getString(2));
        }
      }
    }
    if (firsts.isEmpty()) {
      return;
    }
    try (PreparedStatement delete = connection.prepareStatement(
        "DELETE FROM flow_facts WHERE fact_key = ? AND fact_value = ?")) {
      for (Map.Entry<String, String> member : firsts.entrySet()) {
        delete.setString(1, CHAIN + member.getValue());
        delete.setString(2, member.getKey());
        delete.addBatch();
        delete.setString(1, CHAINED + member.getKey());
        delete.setString(2, member.getValue());
        delete.addBatch();
      }
      delete.executeBatch();
    }
  }

  /** The prefix of the fact that names a continue-as-new chain's current instance, after its first instance. */
  private static final String CHAIN = "chain:";
  /** The prefix of the fact that names, after an instance of a continue-as-new chain, the chain's first instance. */
  private static final String CHAINED = "chained:";

  /** Deletes the {@code keyed:} facts naming these instances, and their key rows (locked first, in order). */
  private static void dropKeys(Connection connection, List<String[]> instances, String values) throws SQLException {
    java.util.TreeSet<String> keys = new java.util.TreeSet<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT fact_key FROM flow_facts WHERE fact_key LIKE 'keyed:%' AND fact_value IN " + values)) {
      for (int i = 0; i < instances.size(); i++) {
        select.setString(i + 1, instances.get(i)[0]);
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          keys.add(rows.getString(1));
        }
      }
    }
    for (String key : keys) {
      try (PreparedStatement lock = connection.prepareStatement(
          "SELECT key_fact FROM flow_keys WHERE key_fact = ? FOR UPDATE")) {
        lock.setString(1, key);
        try (ResultSet rows = lock.executeQuery()) {
          rows.next();
        }
      }
      int dropped;
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM flow_facts WHERE fact_key = ? AND fact_value IN " + values)) {
        delete.setString(1, key);
        for (int i = 0; i < instances.size(); i++) {
          delete.setString(i + 2, instances.get(i)[0]);
        }
        dropped = delete.executeUpdate();
      }
      if (dropped == 1) {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM flow_keys WHERE key_fact = ?")) {
          delete.setString(1, key);
          delete.executeUpdate();
        }
      }
    }
  }

  /** Work on one connection in one transaction. */
  private interface Transaction<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction of its own, again (after a pause) when the database reports a
   * transient failure such as a deadlock, up to {@link #ATTEMPTS} times; {@code failing} begins the
   * message of the {@link StoreException} otherwise ("cannot number an instance in").
   */
  private <T> T inTransaction(String failing, Transaction<T> work) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try {
          T result = work.run(connection);
          connection.commit();
          return result;
        } catch (SQLException e) {
          rollback(connection, e);
          if (!transientFailure(e)) {
            throw e;
          }
        } finally {
          restoreAutoCommit(connection);
        }
      } catch (SQLException e) {
        throw new StoreException(failing + " the " + product + " database: " + describe(e), e);
      }
      pause(attempt);
    }
    throw new StoreException(failing + " the " + product + " database: too many concurrent attempts");
  }

  /** Raises the highest number handed out for a prefix to at least {@code number} (before its instance row goes). */
  private static void keepNumber(Connection connection, String prefix, long number) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE flow_numbers SET highest = ? WHERE id_prefix = ? AND highest < ?")) {
      update.setLong(1, number);
      update.setString(2, prefix);
      update.setLong(3, number);
      if (update.executeUpdate() == 1) {
        return;
      }
    }
    boolean present;
    try (PreparedStatement select = connection.prepareStatement("SELECT highest FROM flow_numbers WHERE id_prefix = ?")) {
      select.setString(1, prefix);
      try (ResultSet rows = select.executeQuery()) {
        present = rows.next();
      }
    }
    if (!present) {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO flow_numbers (id_prefix, highest) VALUES (?, ?)")) {
        insert.setString(1, prefix);
        insert.setLong(2, number);
        insert.executeUpdate();
      }
    }
  }

  // ---- reads ---------------------------------------------------------------------------------

  /** A query's rows, each made by {@code row}. */
  private interface RowReader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  /** A query's parameters. */
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private <T> List<T> query(String sql, Binder binder, RowReader<T> reader) {
    checkOpen();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      List<T> result = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          result.add(reader.read(rows));
        }
      }
      return result;
    } catch (SQLException e) {
      throw new StoreException("cannot read from the " + product + " database: " + describe(e), e);
    }
  }

  @Override
  public List<Recorded> read(String instanceId) {
    return readAfter(instanceId, 0);
  }

  /** {@inheritDoc} One range query on the primary key. */
  @Override
  public List<Recorded> readUpTo(String instanceId, long sequence) {
    return query("SELECT sequence, at_ns, entry FROM flow_entries WHERE instance_id = ? AND sequence <= ? ORDER BY sequence",
        s -> {
          s.setString(1, instanceId);
          s.setLong(2, sequence);
        },
        rows -> new Recorded(rows.getLong(1), instant(rows.getLong(2)), CODEC.decodeEntry(rows.getString(3))));
  }

  /** {@inheritDoc} From {@code flow_instances.checkpoint_sequence}, set by the append that wrote it. */
  @Override
  public long lastCheckpoint(String instanceId) {
    List<Long> found = query("SELECT checkpoint_sequence FROM flow_instances WHERE instance_id = ?",
        s -> s.setString(1, instanceId), rows -> rows.getLong(1));
    return found.isEmpty() ? 0 : found.get(0);
  }

  @Override
  public List<Recorded> readAfter(String instanceId, long sequence) {
    return query("SELECT sequence, at_ns, entry FROM flow_entries WHERE instance_id = ? AND sequence > ? ORDER BY sequence",
        s -> {
          s.setString(1, instanceId);
          s.setLong(2, sequence);
        },
        rows -> new Recorded(rows.getLong(1), instant(rows.getLong(2)), CODEC.decodeEntry(rows.getString(3))));
  }

  @Override
  public Optional<InstanceRow> instance(String instanceId) {
    List<InstanceRow> rows = query("SELECT " + INSTANCE_COLUMNS + " FROM flow_instances WHERE instance_id = ?",
        s -> s.setString(1, instanceId), JdbcStore::instanceRow);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  @Override
  public List<InstanceRow> openInstances() {
    return query("SELECT " + INSTANCE_COLUMNS + " FROM flow_instances WHERE state = ? ORDER BY ordinal",
        s -> s.setString(1, RUNNING), JdbcStore::instanceRow);
  }

  @Override
  public List<InstanceRow> instances(InstanceQuery query) {
    StringBuilder sql = new StringBuilder("SELECT " + INSTANCE_COLUMNS + " FROM flow_instances WHERE 1 = 1");
    List<String> values = new ArrayList<>();
    if (query.workflow() != null) {
      sql.append(" AND workflow = ?");
      values.add(query.workflow());
    }
    if (query.state() != null) {
      sql.append(" AND state = ?");
      values.add(query.state().isTerminal() ? query.state().name() : RUNNING);
    }
    sql.append(" ORDER BY ordinal DESC LIMIT ? OFFSET ?");
    return query(sql.toString(), s -> {
      int i = 0;
      for (String value : values) {
        s.setString(++i, value);
      }
      s.setInt(++i, query.limit());
      s.setInt(++i, query.offset());
    }, JdbcStore::instanceRow);
  }

  private static InstanceRow instanceRow(ResultSet rows) throws SQLException {
    long ended = rows.getLong(6);
    Instant endedAt = rows.wasNull() ? null : instant(ended);
    return new InstanceRow(rows.getString(1), rows.getString(2), rows.getInt(3), InstanceState.valueOf(rows.getString(4)),
        instant(rows.getLong(5)), endedAt, rows.getString(7), rows.getLong(8));
  }

  @Override
  public Optional<Instant> nextDue() {
    List<Instant> due = query("SELECT MIN(due_ns) FROM flow_timers", s -> { }, rows -> {
      long nanos = rows.getLong(1);
      return rows.wasNull() ? null : instant(nanos);
    });
    return due.isEmpty() ? Optional.empty() : Optional.ofNullable(due.get(0));
  }

  @Override
  public List<TimerRow> dueTimers(Instant until, int limit) {
    return query("SELECT instance_id, timer_id, purpose, due_ns FROM flow_timers WHERE due_ns <= ?"
        + " ORDER BY due_ns, instance_id, timer_id LIMIT ?", s -> {
          s.setLong(1, nanos(until));
          s.setInt(2, limit);
        }, rows -> new TimerRow(rows.getString(1), rows.getString(2), TimerPurpose.valueOf(rows.getString(3)),
            instant(rows.getLong(4))));
  }

  @Override
  public List<TaskRow> tasksForRole(String role) {
    return query("SELECT " + TASK_COLUMNS + " FROM flow_tasks WHERE role = ?"
        + " UNION SELECT " + TASK_COLUMNS + " FROM flow_tasks WHERE escalate_to = ? AND escalated = ?"
        + " UNION SELECT " + TASK_COLUMNS + " FROM flow_tasks WHERE (instance_id, step_id) IN"
        + " (SELECT instance_id, step_id FROM flow_task_roles WHERE role = ?)"
        + " ORDER BY created_ns, ordinal", s -> {
          s.setString(1, role);
          s.setString(2, role);
          s.setBoolean(3, true);
          s.setString(4, role);
        }, JdbcStore::taskRow);
  }

  @Override
  public List<TaskRow> tasksForAssignee(String principal) {
    return query("SELECT " + TASK_COLUMNS + " FROM flow_tasks WHERE assignee = ? ORDER BY created_ns, ordinal",
        s -> s.setString(1, principal), JdbcStore::taskRow);
  }

  @Override
  public List<TaskRow> tasksOf(String instanceId) {
    return query("SELECT " + TASK_COLUMNS + " FROM flow_tasks WHERE instance_id = ? ORDER BY ordinal",
        s -> s.setString(1, instanceId), JdbcStore::taskRow);
  }

  @Override
  public List<TaskRow> openTasks() {
    return query("SELECT " + TASK_COLUMNS + " FROM flow_tasks ORDER BY ordinal", s -> { }, JdbcStore::taskRow);
  }

  @Override
  public List<IncidentRow> openIncidents() {
    return query("SELECT i.instance_id, n.workflow, i.step_id, i.step, i.attempts, i.message, i.opened_ns"
        + " FROM flow_incidents i JOIN flow_instances n ON n.instance_id = i.instance_id ORDER BY i.ordinal", s -> { },
        rows -> new IncidentRow(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getInt(5),
            rows.getString(6), instant(rows.getLong(7))));
  }

  private static TaskRow taskRow(ResultSet rows) throws SQLException {
    long due = rows.getLong(8);
    Instant dueAt = rows.wasNull() ? null : instant(due);
    String otherRoles = rows.getString(12);
    String excluded = rows.getString(13);
    return new TaskRow(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
        rows.getString(6), instant(rows.getLong(7)), dueAt, rows.getString(9), rows.getBoolean(10),
        otherRoles == null ? List.of() : CODEC.decodeStrings(otherRoles),
        excluded == null ? List.of() : CODEC.decodeStrings(excluded));
  }

  @Override
  public List<SubscriptionRow> subscriptions(String eventType, List<List<String>> keys) {
    LinkedHashSet<String> hashes = new LinkedHashSet<>();
    hashes.add(sha256(CODEC.encodeStrings(List.of())));
    for (List<String> key : keys) {
      hashes.add(sha256(CODEC.encodeStrings(key)));
    }
    StringBuilder sql = new StringBuilder(
        "SELECT instance_id, step_id, event_type, correlation FROM flow_subscriptions WHERE event_type = ?"
            + " AND correlation_hash IN (");
    for (int i = 0; i < hashes.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    sql.append(") ORDER BY ordinal");
    return query(sql.toString(), s -> {
      int i = 0;
      s.setString(++i, eventType);
      for (String hash : hashes) {
        s.setString(++i, hash);
      }
    }, rows -> new SubscriptionRow(rows.getString(1), rows.getString(2), rows.getString(3),
        CODEC.decodeStrings(rows.getString(4))));
  }

  /** {@inheritDoc} A row of {@code flow_events}, numbered by its identity column, in its own transaction. */
  @Override
  public long publish(String eventType, List<List<String>> keys, Instant at, Object event) {
    return publish(eventType, keys, at, event, null);
  }

  /**
   * {@inheritDoc} The origin is a column of {@code flow_events} with a unique index: a second row of
   * one origin is refused by the database, also when two engines keep it at once, and the sequence
   * of the row there is returned.
   */
  @Override
  public long publish(String eventType, List<List<String>> keys, Instant at, Object event, String origin) {
    checkOpen();
    String json = CODEC.toJson(dev.flow.runtime.history.Payload.of(event));
    String keyJson = new String(CODEC.write(keys), java.nio.charset.StandardCharsets.UTF_8);
    try (Connection connection = dataSource.getConnection()) {
      if (origin != null) {
        Long kept = keptSequence(connection, origin);
        if (kept != null) {
          return kept;
        }
      }
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO flow_events (event_type, published_ns, event_keys, event, origin) VALUES (?, ?, ?, ?, ?)",
          new String[] {"sequence"})) {
        insert.setString(1, eventType);
        insert.setLong(2, nanos(at));
        insert.setString(3, keyJson);
        insert.setString(4, json);
        insert.setString(5, origin);
        insert.executeUpdate();
        try (ResultSet generated = insert.getGeneratedKeys()) {
          if (!generated.next()) {
            throw new StoreException("the " + product + " database numbered no kept event");
          }
          return generated.getLong(1);
        }
      } catch (SQLException e) {
        Long kept = origin != null && "23505".equals(e.getSQLState()) ? keptSequence(connection, origin) : null;
        if (kept == null) {
          throw e;
        }
        return kept; // another engine kept it at the same moment
      }
    } catch (SQLException e) {
      throw new StoreException("cannot keep an event in the " + product + " database: " + describe(e), e);
    }
  }

  private static Long keptSequence(Connection connection, String origin) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT sequence FROM flow_events WHERE origin = ?")) {
      select.setString(1, origin);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getLong(1) : null;
      }
    }
  }

  /** {@inheritDoc} From {@code flow_outbox}, kept by the appends of {@code EventEmitted} and {@code EventPublished}. */
  @Override
  public List<String> unpublishedEmitters() {
    return query("SELECT o.instance_id FROM flow_outbox o LEFT JOIN flow_instances n ON n.instance_id = o.instance_id"
        + " ORDER BY n.ordinal, o.instance_id", s -> { }, rows -> rows.getString(1));
  }

  @Override
  public List<EventRow> events(String eventType, List<String> correlation, long after, int limit) {
    List<EventRow> found = new ArrayList<>();
    long from = after;
    int page = Math.max(limit, 100);
    while (found.size() < limit) {
      long since = from;
      List<EventRow> rows = query("SELECT sequence, event_type, event_keys, published_ns, event, origin FROM flow_events"
          + " WHERE event_type = ? AND sequence > ? ORDER BY sequence LIMIT ?", s -> {
            s.setString(1, eventType);
            s.setLong(2, since);
            s.setInt(3, page);
          }, rows2 -> new EventRow(rows2.getLong(1), rows2.getString(2),
              List.of(CODEC.read(rows2.getString(3).getBytes(java.nio.charset.StandardCharsets.UTF_8), String[][].class))
                  .stream().map(List::of).toList(),
              instant(rows2.getLong(4)), CODEC.payload(rows2.getString(5)), rows2.getString(6)));
      for (EventRow row : rows) {
        if (found.size() < limit && row.correlates(correlation)) {
          found.add(row);
        }
        from = row.sequence();
      }
      if (rows.size() < page) {
        break;
      }
    }
    return found;
  }

  @Override
  public long lastEventSequence() {
    List<Long> last = query("SELECT MAX(sequence) FROM flow_events", s -> { }, rows -> rows.getLong(1));
    return last.isEmpty() ? 0 : last.get(0);
  }

  /**
   * {@inheritDoc} Deletes {@link JdbcOptions#sweepBatch} rows per statement (each its own
   * transaction), oldest first, so forgetting a long backlog holds no long transaction.
   */
  @Override
  public int pruneEvents(Instant before) {
    checkOpen();
    try (Connection connection = dataSource.getConnection()) {
      long through;
      try (PreparedStatement bound = connection.prepareStatement("SELECT COALESCE("
          + "(SELECT MIN(sequence) - 1 FROM flow_events WHERE published_ns >= ?), "
          + "(SELECT MAX(sequence) FROM flow_events))")) {
        bound.setLong(1, nanos(before));
        try (ResultSet rows = bound.executeQuery()) {
          rows.next();
          through = rows.getLong(1);
          if (rows.wasNull()) {
            return 0;
          }
        }
      }
      int forgotten = 0;
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM flow_events WHERE sequence IN"
          + " (SELECT sequence FROM flow_events WHERE sequence <= ? ORDER BY sequence LIMIT ?)")) {
        while (true) {
          delete.setLong(1, through);
          delete.setInt(2, options.sweepBatch());
          int deleted = delete.executeUpdate();
          forgotten += deleted;
          if (deleted < options.sweepBatch()) {
            return forgotten;
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot forget kept events in the " + product + " database: " + describe(e), e);
    }
  }

  /**
   * {@inheritDoc} The number handed out is kept in {@code flow_numbers} in its own transaction
   * (the row locked meanwhile), so two engines on one database never get the same number.
   */
  @Override
  public long nextNumber(String prefix) {
    checkOpen();
    return inTransaction("cannot number an instance in", connection -> allocate(connection, prefix));
  }

  private static long allocate(Connection connection, String prefix) throws SQLException {
    Long highest = null;
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT highest FROM flow_numbers WHERE id_prefix = ? FOR UPDATE")) {
      select.setString(1, prefix);
      try (ResultSet rows = select.executeQuery()) {
        if (rows.next()) {
          highest = rows.getLong(1);
        }
      }
    }
    if (highest == null) {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO flow_numbers (id_prefix, highest) VALUES (?, 0)")) {
        insert.setString(1, prefix);
        insert.executeUpdate();
      }
      highest = 0L;
    }
    long used = 0;
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT MAX(id_number) FROM flow_instances WHERE id_prefix = ?")) {
      select.setString(1, prefix);
      try (ResultSet rows = select.executeQuery()) {
        if (rows.next()) {
          used = rows.getLong(1);
        }
      }
    }
    long next = Math.max(highest, used) + 1;
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE flow_numbers SET highest = ? WHERE id_prefix = ?")) {
      update.setLong(1, next);
      update.setString(2, prefix);
      update.executeUpdate();
    }
    return next;
  }

  @Override
  public Optional<String> fact(String key) {
    List<String> values = query("SELECT fact_value FROM flow_facts WHERE fact_key = ?", s -> s.setString(1, key),
        rows -> rows.getString(1));
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  // ---- keys of keyed workflows ---------------------------------------------------------------

  /** Whether this thread holds keys already (a body that asks again runs within them). */
  private final ThreadLocal<Boolean> holding = new ThreadLocal<>();
  /** One thread of this store at a time holds keys: each holds a connection meanwhile and needs others. */
  private final java.util.concurrent.Semaphore keyHolder = new java.util.concurrent.Semaphore(1, true);

  /**
   * {@inheritDoc} The keys' rows of {@code flow_keys} (inserted when missing) are locked with
   * {@code SELECT … FOR UPDATE}, in order, in a transaction of a connection of their own, which
   * ends after the body and after every commit queued meanwhile is written. One thread of the
   * store at a time holds keys (so a pool of a few connections is enough: the lock's, the
   * writer's and one for the body's reads).
   */
  @Override
  public void holdingKeys(List<String> keys, Runnable body) {
    checkOpen();
    if (keys.isEmpty() || Boolean.TRUE.equals(holding.get())) {
      body.run();
      return;
    }
    keyHolder.acquireUninterruptibly();
    holding.set(true);
    try (Connection connection = dataSource.getConnection()) {
      for (String key : new java.util.TreeSet<>(keys)) {
        insertKey(connection, key);
      }
      connection.setAutoCommit(false);
      try {
        lockKeys(connection, new java.util.TreeSet<>(keys));
        body.run();
        awaitQueued();
      } finally {
        restoreAutoCommit(connection);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot lock a key in the " + product + " database: " + describe(e), e);
    } finally {
      holding.remove();
      keyHolder.release();
    }
  }

  private static void insertKey(Connection connection, String key) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT key_fact FROM flow_keys WHERE key_fact = ?")) {
      select.setString(1, key);
      try (ResultSet rows = select.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO flow_keys (key_fact) VALUES (?)")) {
      insert.setString(1, key);
      insert.executeUpdate();
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState())) {
        throw e; // else another engine inserted it at the same moment: there it is
      }
    }
  }

  /** Locks the keys' rows in order, waiting (a lock timeout is tried again) while another engine holds one. */
  private static void lockKeys(Connection connection, java.util.Set<String> keys) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try (PreparedStatement lock = connection.prepareStatement(
          "SELECT key_fact FROM flow_keys WHERE key_fact = ? FOR UPDATE")) {
        for (String key : keys) {
          lock.setString(1, key);
          boolean found;
          try (ResultSet rows = lock.executeQuery()) {
            found = rows.next();
          }
          if (!found) {
            // The sweeper deleted the key's row with its ended instance since it was inserted: the row
            // inserted in this transaction is locked by it (another engine's insert waits, then fails
            // and tries again).
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO flow_keys (key_fact) VALUES (?)")) {
              insert.setString(1, key);
              insert.executeUpdate();
            }
          }
        }
        return;
      } catch (SQLException e) {
        connection.rollback();
        if (!transientFailure(e) || attempt >= 10 * ATTEMPTS) {
          throw e;
        }
      }
      pause(attempt);
    }
  }

  /** Waits until every commit queued so far is written (or failed: its caller hears of that). */
  private void awaitQueued() {
    CompletableFuture<Void> last;
    synchronized (queue) {
      last = queue.isEmpty() ? writing : queue.peekLast().done();
    }
    if (last != null) {
      try {
        last.join();
      } catch (CompletionException e) {
        // the commit's own caller hears of it
      }
    }
  }

  /**
   * Waits for the queued commits to be written, then takes no more calls; the data source stays open
   * (it is the caller's) unless the store owns it.
   */
  @Override
  public void close() {
    Thread running;
    Thread sweeperThread;
    synchronized (queue) {
      if (closed) {
        return;
      }
      closed = true;
      running = writer;
      sweeperThread = sweeper;
      queue.notifyAll();
    }
    for (Thread thread : new Thread[] {running, sweeperThread}) {
      if (thread != null) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    if (owning && dataSource instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new StoreException("cannot close the connections to the " + product + " database: " + e.getMessage(), e);
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StoreException("the JDBC store is closed");
    }
  }

  // ---- values --------------------------------------------------------------------------------

  /** The smallest and largest nanoseconds since the epoch that a {@code BIGINT} holds: 1677-09-21 to 2262-04-11. */
  private static final Instant MIN = Instant.ofEpochSecond(0, Long.MIN_VALUE);
  private static final Instant MAX = Instant.ofEpochSecond(0, Long.MAX_VALUE);

  /** An instant as nanoseconds since the epoch; one beyond 2262-04-11 (or before 1677) is held as that limit. */
  static long nanos(Instant instant) {
    if (instant.isAfter(MAX)) {
      return Long.MAX_VALUE;
    }
    if (instant.isBefore(MIN)) {
      return Long.MIN_VALUE;
    }
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(0, nanos);
  }

  private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** An SQL exception in words: its message and SQL state, and those of the exceptions chained to it. */
  static String describe(SQLException e) {
    if (e == null) {
      return "no detail";
    }
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    if (e.getSQLState() != null) {
      text.append(" (SQL state ").append(e.getSQLState()).append(')');
    }
    SQLException next = e.getNextException();
    if (next != null && next != e) {
      text.append("; ").append(next.getMessage());
    }
    return text.toString();
  }
}
