package dev.flow.runtime.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The bytes of the file journal ({@link JournalStore}).
 *
 * <pre>
 * directory/
 *   lock                     held with FileChannel.tryLock while a store is open; holds its process id
 *   MANIFEST                 "flow-journal 1" then one "segment NAME" line per live segment, oldest first;
 *                            replaced only by writing MANIFEST.tmp, fsync, atomic rename, fsync of the directory
 *   segment-0000000001.log   a segment: a 16-byte header, then records
 *
 * segment header (16 bytes):  "FLOWJRNL" (8 ASCII bytes) | format version (int32, 1) | 0 (int32)
 * record:                     length (int32, bytes of kind + body)
 *                             | crc (int32, CRC-32C of the 4 length bytes, the kind byte and the body)
 *                             | kind (1 byte: 1 = a commit, 2 = a checkpoint, 3 = a kept event)
 *                             | body (length - 1 bytes of JSON, see JsonCodec)
 * </pre>
 *
 * <p>All integers are big-endian. A <em>commit</em> record holds one {@link Commit}: every part of
 * a multi-instance commit is in one record, so it is all there or not at all. A <em>checkpoint</em>
 * record, written by compaction after the retained histories, holds the engine-wide facts (which
 * it replaces) and the highest number per id prefix. An <em>event</em> record holds one published
 * event kept for later receives ({@link EventRow}); the events forgotten are those up to the sequence
 * in the fact {@code flow.events.pruned}, which compaction leaves out. A record is valid when its length fits in the
 * file and its CRC matches; a record that is not is a torn write when it is in the last segment
 * (cut on open) and damage when it is in an older one (the store does not open).
 */
final class JournalFormat {
  static final byte[] MAGIC = "FLOWJRNL".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER_SIZE = 16;
  /** Bytes before a record's kind: length and CRC. */
  static final int FRAME_OVERHEAD = 8;
  /** No record is larger than this; a larger length is damage. */
  static final int MAX_RECORD = 256 * 1024 * 1024;
  static final byte COMMIT = 1;
  static final byte CHECKPOINT = 2;
  static final byte EVENT = 3;

  private JournalFormat() {}

  /** A segment's header. */
  static ByteBuffer header() {
    ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
    header.put(MAGIC).putInt(VERSION).putInt(0).flip();
    return header;
  }

  /** Whether these are the bytes of a segment header this code can read. */
  static boolean isHeader(ByteBuffer header) {
    if (header.remaining() < HEADER_SIZE) {
      return false;
    }
    for (byte b : MAGIC) {
      if (header.get() != b) {
        return false;
      }
    }
    return header.getInt() == VERSION;
  }

  /** A whole record: its frame, kind and body. */
  static ByteBuffer frame(byte kind, byte[] body) {
    int length = body.length + 1;
    ByteBuffer frame = ByteBuffer.allocate(FRAME_OVERHEAD + length);
    frame.putInt(length).putInt(0).put(kind).put(body);
    frame.putInt(4, crc(frame.array(), length));
    return frame.flip();
  }

  /** The CRC of a record whose whole frame is in {@code frame} (from index 0). */
  static int crc(byte[] frame, int length) {
    CRC32C crc = new CRC32C();
    crc.update(frame, 0, 4);
    crc.update(frame, FRAME_OVERHEAD, length);
    return (int) crc.getValue();
  }

  /**
   * A record read from a file, or why there is none at an offset.
   *
   * @param kind its kind, or 0 when there is none
   * @param body its body, or {@code null}
   * @param size the bytes it takes in the file (frame included)
   * @param problem why the bytes at the offset are not a record, or {@code null} (the end of the file
   *     is not a problem: then {@code kind} is 0 and {@code problem} is {@code null})
   */
  record Read(byte kind, byte[] body, int size, String problem) {
    boolean isRecord() {
      return kind != 0;
    }

    boolean isEnd() {
      return kind == 0 && problem == null;
    }
  }

  /** Reads the record at an offset of a file of this length. */
  static Read read(FileChannel channel, long offset, long fileLength) throws IOException {
    if (offset == fileLength) {
      return new Read((byte) 0, null, 0, null);
    }
    if (fileLength - offset < FRAME_OVERHEAD + 1) {
      return new Read((byte) 0, null, 0, "only " + (fileLength - offset) + " bytes where a record begins");
    }
    ByteBuffer head = ByteBuffer.allocate(FRAME_OVERHEAD);
    readFully(channel, head, offset);
    int length = head.getInt(0);
    if (length < 1 || length > MAX_RECORD || length > fileLength - offset - FRAME_OVERHEAD) {
      return new Read((byte) 0, null, 0, "a record length of " + length + " bytes that the file does not hold");
    }
    byte[] frame = new byte[FRAME_OVERHEAD + length];
    readFully(channel, ByteBuffer.wrap(frame), offset);
    int expected = head.getInt(4);
    if (crc(frame, length) != expected) {
      return new Read((byte) 0, null, 0, "a record whose CRC-32C does not match its bytes");
    }
    byte kind = frame[FRAME_OVERHEAD];
    if (kind != COMMIT && kind != CHECKPOINT && kind != EVENT) {
      return new Read((byte) 0, null, 0, "a record of unknown kind " + kind);
    }
    byte[] body = new byte[length - 1];
    System.arraycopy(frame, FRAME_OVERHEAD + 1, body, 0, body.length);
    return new Read(kind, body, frame.length, null);
  }

  static void readFully(FileChannel channel, ByteBuffer buffer, long offset) throws IOException {
    long at = offset;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new IOException("unexpected end of file at offset " + at);
      }
      at += n;
    }
  }

  static void writeFully(FileChannel channel, ByteBuffer buffer, long offset) throws IOException {
    long at = offset;
    while (buffer.hasRemaining()) {
      at += channel.write(buffer, at);
    }
  }
}
