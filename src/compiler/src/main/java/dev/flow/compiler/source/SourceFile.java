package dev.flow.compiler.source;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The text of one {@code .flow} file, with the start of each line indexed so that a character
 * offset turns into a line and column.
 */
public final class SourceFile {
  private final String name;
  private final String text;
  private final int[] lineStarts;
  /** Char offset of each code point, or null when the text has no surrogate pairs. */
  private final int[] codePointOffsets;

  /**
   * @param name what diagnostics call the file (usually the path as the user gave it)
   * @param text the whole file
   */
  public SourceFile(String name, String text) {
    this.name = Objects.requireNonNull(name, "name");
    this.text = Objects.requireNonNull(text, "text");
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    if (text.codePointCount(0, text.length()) == text.length()) {
      this.codePointOffsets = null;
    } else {
      int[] offsets = new int[text.codePointCount(0, text.length()) + 1];
      int cp = 0;
      for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
        offsets[cp++] = i;
      }
      offsets[cp] = text.length();
      this.codePointOffsets = offsets;
    }
  }

  /** The char offset of the code point at index {@code codePointIndex} (ANTLR counts code points). */
  public int charOffset(int codePointIndex) {
    if (codePointOffsets == null) {
      return Math.max(0, Math.min(codePointIndex, text.length()));
    }
    return codePointOffsets[Math.max(0, Math.min(codePointIndex, codePointOffsets.length - 1))];
  }

  /** Reads a file as strict UTF-8. */
  public static SourceFile read(Path path) throws IOException {
    return decode(path.toString(), Files.readAllBytes(path));
  }

  /** Decodes bytes as strict UTF-8 (a byte order mark dropped) into a file of this name. */
  public static SourceFile decode(String name, byte[] bytes) throws IOException {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      return new SourceFile(name, text);
    } catch (CharacterCodingException e) {
      throw new IOException(name + ": not a UTF-8 text file", e);
    }
  }

  public String name() {
    return name;
  }

  public String text() {
    return text;
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** The 1-based line that holds the character at {@code offset}. */
  public int lineOf(int offset) {
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo + 1;
  }

  /** The 1-based column of the character at {@code offset}, counted in code points. */
  public int columnOf(int offset) {
    int start = lineStarts[lineOf(offset) - 1];
    int end = Math.min(offset, text.length());
    return text.codePointCount(start, end) + 1;
  }

  /** The text of a 1-based line, without its line break. */
  public String line(int line) {
    if (line < 1 || line > lineStarts.length) {
      return "";
    }
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] : text.length();
    String s = text.substring(start, end);
    if (s.endsWith("\n")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.endsWith("\r")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /** A span over the characters {@code [start, end)} of this file. */
  public SourceSpan span(int start, int end) {
    int clampedStart = Math.max(0, Math.min(start, text.length()));
    int clampedEnd = Math.max(clampedStart, Math.min(end, text.length()));
    return new SourceSpan(this, clampedStart, clampedEnd);
  }

  @Override
  public String toString() {
    return name;
  }
}
