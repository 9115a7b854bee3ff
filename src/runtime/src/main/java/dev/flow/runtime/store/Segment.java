package dev.flow.runtime.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One file of the journal: its number, its channel (read by any thread at explicit offsets,
 * appended to only by the writer thread) and how many bytes of it are records.
 */
final class Segment implements AutoCloseable {
  final int number;
  final Path path;
  final FileChannel channel;
  /** The end of the last whole record; the writer's next offset. */
  volatile long size;

  private Segment(int number, Path path, FileChannel channel, long size) {
    this.number = number;
    this.path = path;
    this.channel = channel;
    this.size = size;
  }

  static String name(int number) {
    return String.format("segment-%010d.log", number);
  }

  /** The number in a segment file's name, or -1 when the name is not a segment's. */
  static int number(String fileName) {
    if (!fileName.matches("segment-\\d{10}\\.log")) {
      return -1;
    }
    return Integer.parseInt(fileName.substring("segment-".length(), "segment-".length() + 10));
  }

  /** Creates a new segment with its header (on disk before this returns when {@code fsync}). */
  static Segment create(Path dir, int number, boolean fsync) throws IOException {
    Path path = dir.resolve(name(number));
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    JournalFormat.writeFully(channel, JournalFormat.header(), 0);
    if (fsync) {
      channel.force(true);
    }
    return new Segment(number, path, channel, JournalFormat.HEADER_SIZE);
  }

  /**
   * Opens an existing segment, checking its header; {@code size} is set to the header's end (the
   * recovery scan sets it to the end of its last record).
   *
   * @param last whether it is the newest segment, whose header may be torn by a crash while it was created
   */
  static Segment open(Path dir, String name, boolean last) throws IOException {
    Path path = dir.resolve(name);
    if (!Files.exists(path)) {
      throw new StoreException("the journal's MANIFEST names " + path + ", which is missing: restore it from a backup");
    }
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    long length = channel.size();
    if (last && length < JournalFormat.HEADER_SIZE) {
      channel.truncate(0);
      JournalFormat.writeFully(channel, JournalFormat.header(), 0);
      channel.force(true);
    } else {
      ByteBuffer header = ByteBuffer.allocate(JournalFormat.HEADER_SIZE);
      if (length >= JournalFormat.HEADER_SIZE) {
        JournalFormat.readFully(channel, header, 0);
        header.flip();
      }
      if (!JournalFormat.isHeader(header)) {
        channel.close();
        throw new StoreException(path + " is not a Flow journal segment of format " + JournalFormat.VERSION
            + " (its first 16 bytes are not the segment header)");
      }
    }
    return new Segment(number(name), path, channel, JournalFormat.HEADER_SIZE);
  }

  /** Where a record is: this segment's number and the record's offset, in one long. */
  long position(long offset) {
    return ((long) number << 40) | offset;
  }

  static int segmentOf(long position) {
    return (int) (position >>> 40);
  }

  static long offsetOf(long position) {
    return position & ((1L << 40) - 1);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing is written by closing
    }
  }
}
