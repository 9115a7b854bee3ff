package dev.flow.runtime.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compaction: rewrites the journal without the histories the retention dropped. Run on the writer
 * thread, so no commit is written meanwhile.
 *
 * <ol>
 *   <li>A new segment, numbered after the active one and not yet in the manifest, receives every
 *       commit record of a retained instance in the order it was committed: unchanged when every
 *       part of it is retained, rewritten without the dropped parts otherwise, and every event
 *       record still kept. Then one checkpoint
 *       record with every fact and the highest number per id prefix. The segment is forced.
 *   <li>The manifest is replaced by one naming only the new segment (written, forced, renamed
 *       atomically): from here on, an open sees the compacted journal.
 *   <li>The indexes get the new positions, appends go on in the new segment, and the old segment
 *       files are deleted.
 * </ol>
 *
 * A crash before step 2 leaves an unnamed segment file, which the next open deletes; a crash after
 * it leaves old segment files no manifest names, deleted the same way.
 */
final class JournalCompactor {
  private static final System.Logger LOG = System.getLogger(JournalCompactor.class.getName());

  private final JournalFiles files;

  JournalCompactor(JournalFiles files) {
    this.files = files;
  }

  void compact() throws IOException {
    List<Segment> old = new ArrayList<>(files.segments.values());
    long before = 0;
    for (Segment segment : old) {
      before += segment.size;
    }
    Set<String> keep = new HashSet<>(files.indexes.instanceIds());
    Segment out = Segment.create(files.dir, files.active().number + 1, files.options.fsync());
    Map<String, Positions> positions = new HashMap<>();
    try {
      for (Segment segment : old) {
        copyRetained(segment, out, keep, positions);
      }
      JournalFiles.Checkpoint checkpoint = new JournalFiles.Checkpoint(files.indexes.facts(), files.indexes.numbers());
      append(out, JournalFormat.CHECKPOINT, files.codec.write(checkpoint));
      if (files.options.fsync()) {
        out.channel.force(true);
      }
      Manifest.write(files.dir, List.of(out.path.getFileName().toString()), files.options.fsync());
    } catch (IOException | RuntimeException e) {
      out.close();
      Files.deleteIfExists(out.path);
      throw e;
    }
    files.filesLock.writeLock().lock();
    try {
      for (String id : keep) {
        files.indexes.attach(id, positions.get(id));
      }
      files.segments.put(out.number, out);
      old.forEach(s -> files.segments.remove(s.number));
    } finally {
      files.filesLock.writeLock().unlock();
    }
    files.compacted(keep.size());
    for (Segment segment : old) {
      segment.close();
      try {
        Files.deleteIfExists(segment.path);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "compaction could not delete " + segment.path + " (" + e.getMessage()
            + "); the next open deletes it");
      }
    }
    LOG.log(Level.DEBUG, "compacted the journal in " + files.dir + ": " + before + " bytes in " + old.size()
        + " segment(s) to " + out.size + " bytes, " + keep.size() + " instance(s) kept");
  }

  private void copyRetained(Segment from, Segment out, Set<String> keep, Map<String, Positions> positions)
      throws IOException {
    long offset = JournalFormat.HEADER_SIZE;
    long end = from.size;
    while (offset < end) {
      JournalFormat.Read read = JournalFormat.read(from.channel, offset, end);
      if (!read.isRecord()) {
        throw new StoreException(from.path + " is damaged at offset " + offset + ": "
            + (read.problem() == null ? "the file ends" : read.problem()));
      }
      if (read.kind() == JournalFormat.EVENT) {
        if (files.events.contains(files.codec.read(read.body(), EventRow.class).sequence())) {
          append(out, JournalFormat.EVENT, read.body());
        }
      } else if (read.kind() == JournalFormat.COMMIT) {
        Commit commit = files.codec.decode(read.body());
        List<Commit.Append> kept = new ArrayList<>();
        commit.appends().stream().filter(a -> keep.contains(a.instanceId())).forEach(kept::add);
        if (!kept.isEmpty()) {
          byte[] body = kept.size() == commit.appends().size() ? read.body()
              : files.codec.encode(new Commit(commit.at(), kept, commit.facts()));
          long position = append(out, JournalFormat.COMMIT, body);
          for (Commit.Append append : kept) {
            positions.merge(append.instanceId(), Positions.of(position), (was, one) -> was.plus(position));
          }
        }
      }
      offset += read.size();
    }
  }

  private static long append(Segment out, byte kind, byte[] body) throws IOException {
    long offset = out.size;
    var frame = JournalFormat.frame(kind, body);
    JournalFormat.writeFully(out.channel, frame, offset);
    out.size = offset + frame.limit();
    return out.position(offset);
  }
}
