package dev.flow.runtime.store;

import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The file journal: the embedded durable store. A directory of segment files of length-prefixed,
 * CRC-32C-checked records, one record per {@link Commit} (the format is in {@link JournalFormat}),
 * with the {@link Indexes} in memory and, per instance, the positions of its records, so
 * {@link #read} goes straight to them.
 *
 * <p><b>Append.</b> An appending thread encodes its commit and checks its expected sequences
 * against the instances' last sequences, counting commits still queued, so a conflicting commit
 * fails at once and never reaches the file; then it queues the record for the writer thread
 * ({@link JournalWriter}: group commit) and returns once the record is forced to disk.
 *
 * <p><b>Open.</b> Takes the directory's lock ({@link DirectoryLock}), reads the manifest, deletes
 * files it does not name (left by a crash during compaction or rolling), and replays every record
 * into the indexes. A record that is not whole or whose CRC does not match is a torn write when it
 * is in the last segment: the segment is cut there (nothing before it is touched). Such a record in
 * an older segment is damage: the store does not open, and says which file and offset. Then the
 * continue-as-new chain facts, key facts and emit facts of instances no longer kept, which a journal written
 * before they went with the retention holds, are swept ({@link Indexes#sweepStaleFacts}).
 *
 * <p><b>Compaction.</b> Ended instances beyond {@link JournalOptions#retainEnded} are dropped from
 * the indexes at once; {@link #compact()} (also run automatically once enough dropped data piles up)
 * rewrites the journal without them ({@link JournalCompactor}).
 */
public final class JournalStore implements Store {
  private static final System.Logger LOG = System.getLogger(JournalStore.class.getName());
  /** One codec for every journal of the process: Jackson learns each value type once. */
  private static final JsonCodec CODEC = new JsonCodec();

  private final DirectoryLock lock;
  private final JournalFiles files;
  private final JournalWriter writer;
  /** The last sequence of each instance with a commit queued but not yet applied. Guarded by itself. */
  private final Map<String, Long> tails = new HashMap<>();
  private volatile boolean closed;

  private JournalStore(DirectoryLock lock, JournalFiles files) {
    this.lock = lock;
    this.files = files;
    this.writer = new JournalWriter(files, this::applied);
  }

  /** Opens (or creates) the journal in a directory with the default options. */
  public static JournalStore open(Path dir) {
    return open(dir, JournalOptions.defaults());
  }

  /**
   * Opens (or creates) the journal in a directory.
   *
   * @throws StoreException when another store holds the directory, or a file is damaged before its last record
   */
  public static JournalStore open(Path dir, JournalOptions options) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("cannot create the journal directory " + dir + ": " + e.getMessage(), e);
    }
    DirectoryLock lock = DirectoryLock.acquire(dir);
    JournalFiles files = new JournalFiles(dir, options, CODEC);
    try {
      recover(files);
      return new JournalStore(lock, files);
    } catch (IOException | RuntimeException e) {
      files.close();
      lock.close();
      if (e instanceof StoreException store) {
        throw store;
      }
      throw new StoreException("cannot open the journal in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens the journal in a directory that holds one already (for reading what an engine wrote,
   * e.g. {@code flowc log}): unlike {@link #open}, creates nothing.
   *
   * @throws StoreException in words when the directory is missing, holds no journal, another
   *     store holds it, or a file is damaged before its last record
   */
  public static JournalStore openExisting(Path dir, JournalOptions options) {
    if (!Files.exists(dir)) {
      throw new StoreException("there is no directory " + dir);
    }
    if (!Files.isDirectory(dir)) {
      throw new StoreException(dir + " is a file, not a journal directory");
    }
    if (!Files.isRegularFile(dir.resolve(Manifest.FILE))) {
      throw new StoreException(dir + " holds no Flow journal (it has no " + Manifest.FILE + " file); a journal is"
          + " the directory given to Engine.builder().journal(dir) or flowc run --journal DIR");
    }
    return open(dir, options);
  }

  private static void recover(JournalFiles files) throws IOException {
    Path dir = files.dir;
    List<String> names = Manifest.read(dir).orElse(null);
    if (names == null) {
      names = List.of(Segment.name(1));
      for (Path stray : segmentFiles(dir)) {
        if (Files.size(stray) > JournalFormat.HEADER_SIZE) {
          throw new StoreException(dir + " holds journal segments but no MANIFEST naming them; restore the MANIFEST"
              + " from a backup, or move the segments away to begin an empty journal");
        }
        Files.delete(stray);
      }
      Segment.create(dir, 1, files.options.fsync()).close();
      Manifest.write(dir, names, files.options.fsync());
    }
    for (Path stray : segmentFiles(dir)) {
      if (!names.contains(stray.getFileName().toString())) {
        LOG.log(Level.INFO, "deleting " + stray + ", which the journal's MANIFEST does not name (left by a crash)");
        Files.delete(stray);
      }
    }
    Files.deleteIfExists(dir.resolve(Manifest.FILE + ".tmp"));
    for (int i = 0; i < names.size(); i++) {
      boolean last = i == names.size() - 1;
      Segment segment = Segment.open(dir, names.get(i), last);
      files.segments.put(segment.number, segment);
      replay(files, segment, last);
    }
    int swept = files.indexes.sweepStaleFacts();
    if (swept > 0) {
      LOG.log(Level.INFO, "brought " + swept + " chain, key or emit fact(s) of " + dir + " up to date (facts of instances"
          + " no longer kept, left by an older journal or a smaller retention); the next compaction writes them");
    }
  }

  private static List<Path> segmentFiles(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> Segment.number(p.getFileName().toString()) >= 0).sorted().toList();
    }
  }

  private static void replay(JournalFiles files, Segment segment, boolean last) throws IOException {
    long length = segment.channel.size();
    long offset = JournalFormat.HEADER_SIZE;
    while (true) {
      JournalFormat.Read read = JournalFormat.read(segment.channel, offset, length);
      if (read.isEnd()) {
        break;
      }
      if (!read.isRecord()) {
        if (!last) {
          throw new StoreException(segment.path + " is damaged at offset " + offset + ": " + read.problem()
              + ". It is not the newest segment, so this is not a torn write; restore the directory from a backup");
        }
        LOG.log(Level.WARNING, "cutting " + (length - offset) + " byte(s) at the end of " + segment.path + " (offset "
            + offset + ": " + read.problem() + "): a commit torn by a crash, never acknowledged");
        segment.channel.truncate(offset);
        if (files.options.fsync()) {
          segment.channel.force(true);
        }
        break;
      }
      if (read.kind() == JournalFormat.COMMIT) {
        Commit commit = files.withoutDropped(files.codec.decode(read.body()));
        files.checkContinues(commit, segment, offset);
        files.apply(commit, segment.position(offset));
      } else {
        files.apply(read.kind(), read.body(), segment.position(offset));
      }
      offset += read.size();
    }
    segment.size = offset;
  }

  @Override
  public void append(Commit commit) {
    JournalWriter.await(queue(commit));
  }

  @Override
  public CompletableFuture<Void> appendAsync(Commit commit) {
    try {
      return queue(commit);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Checks a commit's expected sequences, reserves its new ones and queues its record for the writer. */
  private CompletableFuture<Void> queue(Commit commit) {
    ByteBuffer frame = JournalFormat.frame(JournalFormat.COMMIT, files.codec.encode(commit));
    synchronized (tails) {
      if (closed) {
        throw new StoreException("the journal in " + files.dir + " is closed");
      }
      StoreException failure = writer.failure();
      if (failure != null) {
        throw failure;
      }
      for (Commit.Append part : commit.appends()) {
        Long queued = tails.get(part.instanceId());
        long last = queued != null ? queued : files.indexes.lastSequence(part.instanceId());
        if (last != part.expectedSequence()) {
          throw new AppendConflict(part.instanceId(), part.expectedSequence(), last);
        }
      }
      for (Commit.Append part : commit.appends()) {
        tails.put(part.instanceId(), part.expectedSequence() + part.entries().size());
      }
      return writer.submit(commit, frame);
    }
  }

  /** Called by the writer thread once a commit is in the indexes: its instances need no queued tail any more. */
  private void applied(Commit commit) {
    synchronized (tails) {
      for (Commit.Append part : commit.appends()) {
        Long queued = tails.get(part.instanceId());
        if (queued != null && queued == part.expectedSequence() + part.entries().size()) {
          tails.remove(part.instanceId());
        }
      }
    }
  }

  /**
   * Rewrites the journal without the histories that the retention dropped, and waits until it is done.
   *
   * @throws StoreException when it cannot (the journal stays as it was)
   */
  public void compact() {
    if (closed) {
      throw new StoreException("the journal in " + files.dir + " is closed");
    }
    JournalWriter.await(writer.compact());
  }

  /** The bytes of the live segment files (for tests and monitoring). */
  public long sizeOnDisk() {
    long bytes = 0;
    for (Segment segment : files.segments.values()) {
      bytes += segment.size;
    }
    return bytes;
  }

  @Override
  public List<Recorded> read(String instanceId) {
    return readAfter(instanceId, 0);
  }

  @Override
  public long lastCheckpoint(String instanceId) {
    return files.indexes.lastCheckpoint(instanceId);
  }

  @Override
  public List<Recorded> readAfter(String instanceId, long sequence) {
    List<Recorded> history = new ArrayList<>();
    for (Commit commit : files.commitsOf(instanceId)) {
      for (Commit.Append part : commit.appends()) {
        if (part.instanceId().equals(instanceId)) {
          long at = part.expectedSequence();
          for (HistoryEntry entry : part.entries()) {
            at++;
            if (at > sequence) {
              history.add(new Recorded(at, commit.at(), entry));
            }
          }
        }
      }
    }
    return history;
  }

  @Override
  public Optional<InstanceRow> instance(String instanceId) {
    return files.indexes.instance(instanceId);
  }

  /** {@inheritDoc} An ended instance's without the lock and without a row. */
  @Override
  public dev.flow.runtime.InstanceState stateOf(String instanceId) {
    return files.indexes.stateOf(instanceId);
  }

  @Override
  public List<InstanceRow> openInstances() {
    return files.indexes.openInstances();
  }

  @Override
  public List<InstanceRow> instances(InstanceQuery query) {
    return files.indexes.instances(query);
  }

  @Override
  public Optional<Instant> nextDue() {
    return files.indexes.nextDue();
  }

  @Override
  public List<TimerRow> dueTimers(Instant until, int limit) {
    return files.indexes.dueTimers(until, limit);
  }

  @Override
  public List<TaskRow> tasksForRole(String role) {
    return files.indexes.tasksForRole(role);
  }

  @Override
  public List<TaskRow> tasksForAssignee(String principal) {
    return files.indexes.tasksForAssignee(principal);
  }

  @Override
  public List<TaskRow> tasksOf(String instanceId) {
    return files.indexes.tasksOf(instanceId);
  }

  @Override
  public List<TaskRow> openTasks() {
    return files.indexes.openTasks();
  }

  @Override
  public List<IncidentRow> openIncidents() {
    return files.indexes.openIncidents();
  }

  /** {@inheritDoc} Dropped from the indexes by the next commit, and from the files by the next compaction. */
  @Override
  public void retain(Retention retention) {
    files.indexes.retain(retention);
  }

  @Override
  public List<String> unpublishedEmitters() {
    return files.indexes.unpublishedEmitters();
  }

  @Override
  public List<SubscriptionRow> subscriptions(String eventType, List<List<String>> keys) {
    return files.indexes.subscriptions(eventType, keys);
  }

  /** {@inheritDoc} Kept in memory too, until the engine forgets it. */
  @Override
  public long publish(String eventType, List<List<String>> keys, Instant at, Object event) {
    return publish(eventType, keys, at, event, null);
  }

  /** {@inheritDoc} The origin is written with the event, so a reopened journal knows it too. */
  @Override
  public long publish(String eventType, List<List<String>> keys, Instant at, Object event, String origin) {
    CompletableFuture<Void> done;
    long sequence;
    synchronized (tails) {
      if (closed) {
        throw new StoreException("the journal in " + files.dir + " is closed");
      }
      StoreException failure = writer.failure();
      if (failure != null) {
        throw failure;
      }
      long kept = origin == null ? 0 : files.events.sequenceOf(origin);
      if (kept > 0) {
        return kept; // durable already: a publish returns only once its event record is
      }
      sequence = files.events.next();
      EventRow row = new EventRow(sequence, eventType, keys, at, dev.flow.runtime.history.Payload.of(event), origin);
      done = writer.submit(row, JournalFormat.frame(JournalFormat.EVENT, files.codec.write(row)));
    }
    JournalWriter.await(done);
    return sequence;
  }

  @Override
  public List<EventRow> events(String eventType, List<String> correlation, long after, int limit) {
    return files.events.find(eventType, correlation, after, limit);
  }

  @Override
  public long lastEventSequence() {
    return files.events.last();
  }

  /** {@inheritDoc} Written as a fact; compaction leaves the forgotten events out of the files. */
  @Override
  public int pruneEvents(Instant before) {
    long through = files.events.lastBefore(before);
    if (through == 0) {
      return 0;
    }
    int count = files.events.countThrough(through);
    append(new Commit(Instant.now(), List.of(), Map.of(EventBuffer.PRUNED, Long.toString(through))));
    return count;
  }

  /**
   * {@inheritDoc} A number handed out is not written until an instance with it is committed, so after
   * a restart an unused number may be handed out again, never a used one.
   */
  @Override
  public long nextNumber(String prefix) {
    return files.indexes.nextNumber(prefix);
  }

  @Override
  public Optional<String> fact(String key) {
    return files.indexes.fact(key);
  }

  /** Waits for queued commits, then closes the files and releases the directory. */
  @Override
  public synchronized void close() {
    synchronized (tails) {
      if (closed) {
        return;
      }
      closed = true;
    }
    writer.stop();
    files.close();
    lock.close();
  }
}
