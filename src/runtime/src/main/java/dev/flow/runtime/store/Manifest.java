package dev.flow.runtime.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The journal's list of live segments, oldest first. It changes only by a whole new file renamed
 * over the old one (after both the new file and the segments it names are on disk), so after a
 * crash it names either the old set of segments or the new one, never a mix.
 */
final class Manifest {
  static final String FILE = "MANIFEST";
  private static final String FIRST_LINE = "flow-journal 1";

  private Manifest() {}

  /** The segment file names, or empty when the directory has no manifest yet. */
  static Optional<List<String>> read(Path dir) {
    Path file = dir.resolve(FILE);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty() || !lines.get(0).equals(FIRST_LINE)) {
      throw new StoreException(file + " is not a Flow journal manifest: its first line is not \"" + FIRST_LINE + "\"");
    }
    List<String> segments = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.startsWith("segment ")) {
        throw new StoreException(file + " has a line that names no segment: \"" + line + "\"");
      }
      segments.add(line.substring("segment ".length()));
    }
    return Optional.of(segments);
  }

  /** Replaces the manifest atomically. */
  static void write(Path dir, List<String> segments, boolean fsync) throws IOException {
    StringBuilder text = new StringBuilder(FIRST_LINE).append('\n');
    segments.forEach(s -> text.append("segment ").append(s).append('\n'));
    Path tmp = dir.resolve(FILE + ".tmp");
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      JournalFormat.writeFully(channel, ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), 0);
      if (fsync) {
        channel.force(true);
      }
    }
    Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    if (fsync) {
      syncDirectory(dir);
    }
  }

  /** Makes a directory's entries (new, renamed and deleted files) durable, where the platform allows it. */
  static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not every platform can open or sync a directory (Windows); the rename is still atomic there.
    }
  }
}
