package dev.flow.runtime.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The live files of a journal and what is derived from their records: the segments, the
 * {@link Indexes} with each instance's record {@link Positions}, and the estimate of dropped data
 * that triggers compaction. Records are applied here both when the store opens and after each
 * group commit. Reads of records hold {@link #readLock}; compaction swaps files under its write lock.
 */
final class JournalFiles implements AutoCloseable {
  /** What a checkpoint record holds: every fact, and the highest number per id prefix. */
  record Checkpoint(Map<String, String> facts, Map<String, Long> numbers) {}

  final Path dir;
  final JournalOptions options;
  final JsonCodec codec;
  final Indexes indexes;
  /** The kept events (they are few enough to hold: the engine forgets them after its retention). */
  final EventBuffer events = new EventBuffer();
  final ConcurrentSkipListMap<Integer, Segment> segments = new ConcurrentSkipListMap<>();
  final ReentrantReadWriteLock filesLock = new ReentrantReadWriteLock();
  /** Instances started in the live files, and how many of them the retention dropped since. */
  private long started;
  private long dropped;
  /** The sequence and record size of each kept event in the live files, oldest first (as they are forgotten). */
  private final java.util.ArrayDeque<long[]> eventRecords = new java.util.ArrayDeque<>();
  /** The bytes of the event records in the live files whose events were forgotten (pruned) since the last compaction. */
  private long prunedEventBytes;

  JournalFiles(Path dir, JournalOptions options, JsonCodec codec) {
    this.dir = dir;
    this.options = options;
    this.codec = codec;
    this.indexes = new Indexes(options.retainEnded());
  }

  Segment active() {
    return segments.lastEntry().getValue();
  }

  /** Applies a record found at {@code position}: a commit to the indexes, a checkpoint to the facts and numbers. */
  void apply(byte kind, byte[] body, long position) {
    if (kind == JournalFormat.CHECKPOINT) {
      Checkpoint checkpoint = codec.read(body, Checkpoint.class);
      indexes.restore(checkpoint.facts(), checkpoint.numbers());
      pruned(checkpoint.facts());
    } else if (kind == JournalFormat.EVENT) {
      addEvent(codec.read(body, EventRow.class), JournalFormat.FRAME_OVERHEAD + 1 + body.length);
    } else {
      apply(codec.decode(body), position);
    }
  }

  /** Applies a commit written at {@code position}: the indexes, then the positions of its instances. */
  void apply(Commit commit, long position) {
    for (Commit.Append append : commit.appends()) {
      if (append.expectedSequence() == 0) {
        started++;
      }
    }
    List<String> gone = indexes.apply(commit);
    pruned(commit.facts());
    dropped += gone.size();
    for (Commit.Append append : commit.appends()) {
      Object now = indexes.attachment(append.instanceId());
      if (indexes.contains(append.instanceId())) {
        indexes.attach(append.instanceId(), now == null ? Positions.of(position) : ((Positions) now).plus(position));
      }
    }
  }

  /** Keeps an event whose record of {@code bytes} is in the live files (written, or read on open). */
  void addEvent(EventRow event, int bytes) {
    events.add(event);
    eventRecords.addLast(new long[] {event.sequence(), bytes});
  }

  /** Forgets the kept events up to the sequence a pruning fact names; their records are dead data now. */
  private void pruned(Map<String, String> facts) {
    String through = facts.get(EventBuffer.PRUNED);
    if (through != null) {
      long last = Long.parseLong(through);
      events.dropThrough(last);
      while (!eventRecords.isEmpty() && eventRecords.peekFirst()[0] <= last) {
        prunedEventBytes += eventRecords.removeFirst()[1];
      }
    }
  }

  /**
   * A commit without its parts for instances the retention has dropped already: possible when the
   * journal was written with a larger retention than it is opened with, and an ended instance got an
   * entry after its end, or when an ended instance is dropped between the check of a commit to it and
   * its write (with a retention given when the journal was opened, or set later by {@code retain},
   * so also in a journal opened to keep every ended instance). Every such part is left out as the
   * record is applied, on open as when it is written; compaction removes them from the files.
   */
  Commit withoutDropped(Commit commit) {
    List<Commit.Append> kept = null;
    for (int i = 0; i < commit.appends().size(); i++) {
      Commit.Append part = commit.appends().get(i);
      boolean dropped = part.expectedSequence() > 0 && !indexes.known(part.instanceId());
      if (dropped && kept == null) {
        kept = new ArrayList<>(commit.appends().subList(0, i));
      } else if (!dropped && kept != null) {
        kept.add(part);
      }
    }
    return kept == null ? commit : new Commit(commit.at(), kept, commit.facts());
  }

  /** Checks, while the store opens, that a commit record continues each history it appends to. */
  void checkContinues(Commit commit, Segment segment, long offset) {
    for (Commit.Append append : commit.appends()) {
      long last = indexes.lastSequence(append.instanceId());
      if (last != append.expectedSequence()) {
        throw new StoreException(segment.path + " is damaged at offset " + offset + ": its record appends to instance "
            + append.instanceId() + " after sequence " + append.expectedSequence() + ", but the history before it ends at "
            + last);
      }
    }
  }

  /**
   * Whether the estimated dropped data has reached the options' threshold and half the journal: the
   * records of the instances the retention dropped, or those of the kept events the engine forgot
   * (an engine that publishes many events and ends few instances would otherwise never compact).
   */
  boolean compactionDue() {
    if (options.compactAfterDeadBytes() == Long.MAX_VALUE || (dropped == 0 && prunedEventBytes == 0)) {
      return false;
    }
    long bytes = 0;
    for (Segment segment : segments.values()) {
      bytes += segment.size;
    }
    if (prunedEventBytes >= options.compactAfterDeadBytes() && prunedEventBytes * 2 >= bytes) {
      return true;
    }
    if (dropped == 0 || dropped * 2 < started) {
      return false;
    }
    return bytes / Math.max(1, started) * dropped >= options.compactAfterDeadBytes();
  }

  /** After compaction: the live files hold exactly the retained instances and the kept events. */
  void compacted(long retained) {
    started = retained;
    dropped = 0;
    prunedEventBytes = 0;
  }

  /** Closes the active segment and begins a new one, named in the manifest before it is used. */
  void roll() throws IOException {
    Segment current = active();
    if (options.fsync()) {
      current.channel.force(false);
    }
    Segment next = Segment.create(dir, current.number + 1, options.fsync());
    List<String> names = new ArrayList<>();
    segments.values().forEach(s -> names.add(s.path.getFileName().toString()));
    names.add(next.path.getFileName().toString());
    Manifest.write(dir, names, options.fsync());
    segments.put(next.number, next);
  }

  /** The records of an instance, decoded, oldest first, with their commit time. */
  List<Commit> commitsOf(String instanceId) {
    filesLock.readLock().lock();
    try {
      Positions positions = (Positions) indexes.attachment(instanceId);
      if (positions == null) {
        return List.of();
      }
      List<Commit> commits = new ArrayList<>(positions.count());
      Map<Integer, Segment> files = new HashMap<>(segments);
      for (int i = 0; i < positions.count(); i++) {
        long position = positions.get(i);
        Segment segment = files.get(Segment.segmentOf(position));
        long offset = Segment.offsetOf(position);
        JournalFormat.Read read;
        try {
          read = JournalFormat.read(segment.channel, offset, segment.channel.size());
        } catch (IOException e) {
          throw new StoreException("cannot read " + segment.path + " at offset " + offset + ": " + e.getMessage(), e);
        }
        if (!read.isRecord() || read.kind() != JournalFormat.COMMIT) {
          throw new StoreException(segment.path + " is damaged at offset " + offset + " (a record of instance " + instanceId
              + " was there): " + (read.problem() == null ? "the file ends" : read.problem()));
        }
        commits.add(codec.decode(read.body()));
      }
      return commits;
    } finally {
      filesLock.readLock().unlock();
    }
  }

  /** Writes a record at the end of the active segment (not forced); returns its position. */
  long write(ByteBuffer frame) throws IOException {
    Segment segment = active();
    if (segment.size > JournalFormat.HEADER_SIZE && segment.size + frame.remaining() > options.segmentSize()) {
      roll();
      segment = active();
    }
    long offset = segment.size;
    JournalFormat.writeFully(segment.channel, frame, offset);
    segment.size = offset + frame.limit();
    return segment.position(offset);
  }

  /** Frames up to this size are gathered into one write; a larger one is written on its own. */
  private static final int GATHERED = 1 << 20;
  /** The writer thread's buffer that gathers a group's frames into one write. */
  private ByteBuffer gather = ByteBuffer.allocateDirect(64 * 1024);

  /**
   * Writes records one after another at the end of the active segment (not forced), rolling to a
   * new segment as {@link #write} does, with one system call per run of frames in a segment
   * instead of one per frame; sets {@code positions[i]} to the position of {@code frames.get(i)}.
   */
  void writeAll(List<ByteBuffer> frames, long[] positions) throws IOException {
    Segment segment = active();
    long start = segment.size;
    long end = start;
    gather.clear();
    for (int i = 0; i < frames.size(); i++) {
      ByteBuffer frame = frames.get(i);
      int length = frame.remaining();
      if (end > JournalFormat.HEADER_SIZE && end + length > options.segmentSize()) {
        writeGathered(segment, start);
        roll();
        segment = active();
        start = segment.size;
        end = start;
      }
      if (length > GATHERED) {
        writeGathered(segment, start);
        positions[i] = write(frame);
        segment = active();
        start = segment.size;
        end = start;
        continue;
      }
      if (gather.remaining() < length) {
        ByteBuffer larger = ByteBuffer.allocateDirect(Math.max(gather.capacity() * 2, gather.position() + length));
        gather.flip();
        larger.put(gather);
        gather = larger;
      }
      positions[i] = segment.position(end);
      gather.put(frame.duplicate());
      end += length;
    }
    writeGathered(segment, start);
  }

  /** Writes what {@link #gather} holds at {@code offset} of the segment, which then ends after it. */
  private void writeGathered(Segment segment, long offset) throws IOException {
    gather.flip();
    int length = gather.remaining();
    if (length > 0) {
      JournalFormat.writeFully(segment.channel, gather, offset);
      segment.size = offset + length;
    }
    gather.clear();
  }

  /** Forces the active segment to disk (when the options ask for fsync). */
  void force() throws IOException {
    if (options.fsync()) {
      active().channel.force(false);
    }
  }

  @Override
  public void close() {
    segments.values().forEach(Segment::close);
  }
}
