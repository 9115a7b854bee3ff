package dev.flow.compiler.codegen;

import com.palantir.javapoet.CodeBlock;
import java.util.List;

/**
 * Text from the user, made safe for where it lands in Java source.
 *
 * <p>String literals are written here, never with JavaPoet's {@code $S}: JavaPoet breaks a
 * literal that holds a line feed into {@code "a\n" + "b"} (so {@code "a\nb".equals(t)} would
 * compare only {@code "b"}), and it ends a line of output at every character {@code \R} matches
 * ({@code U+0085}, {@code U+2028}, {@code U+2029}, VT, FF, CR, LF), which it copies raw into a
 * literal. {@link #literal} escapes each of them, and every other control, format or
 * unpaired surrogate character, so that the literal is one line of plain text.
 *
 * <p>Comments need care too: javac decodes {@code \}{@code u} escapes everywhere, even in
 * comments, before it looks for the end of one, so a doc comment with {@code \}{@code u002a/} or
 * {@code \}{@code u000a} could otherwise end the comment and inject code; and JavaPoet starts a
 * new output line at every {@code \R}, so a line comment is split at each of them here, each
 * piece with its own {@code //}.
 */
final class JavaText {
  private JavaText() {}

  /** Every line break JavaPoet (and {@code \R}) knows; comments are split at them. */
  private static final java.util.regex.Pattern LINE_BREAK = java.util.regex.Pattern.compile("\\R");

  /** A Java string literal of {@code text}, on one line, safe for JavaPoet's {@code $L}. */
  static CodeBlock string(String text) {
    return JavaCode.of("$L", literal(text));
  }

  /**
   * A string for an argument position (never a receiver): one literal per line of text, joined
   * with {@code +} on separate lines so that a long doc reads as it was written. Only where
   * nothing binds tighter than {@code +} to it: an argument, an initializer.
   */
  static CodeBlock argument(String text) {
    List<String> pieces = new java.util.ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n' && i + 1 < text.length()) {
        pieces.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    pieces.add(text.substring(start));
    CodeBlock.Builder out = CodeBlock.builder().add(JavaCode.of("$L", literal(pieces.get(0))));
    if (pieces.size() > 1) {
      out.add("$>$>");
      for (String piece : pieces.subList(1, pieces.size())) {
        out.add(JavaCode.of("\n+ $L", literal(piece)));
      }
      out.add("$<$<");
    }
    return out.build();
  }

  /** {@code text} as the source of a Java string literal, quotes included. */
  static String literal(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (needsEscape(text, i)) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * Whether the character at {@code i} must be written as a {@code \}{@code u} escape: a control
   * character, a line or paragraph separator, a format character (bidirectional overrides among
   * them), or half of a surrogate pair that has no other half.
   */
  private static boolean needsEscape(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    }
    int type = Character.getType(c);
    return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.FORMAT || type == Character.PRIVATE_USE;
  }

  /**
   * Text for a comment: every line break {@code \R} matches becomes {@code \n}, and every other
   * character that {@link #literal} escapes is shown as {@code U+XXXX}, so that no invisible
   * character (a bidirectional override, say) changes how the comment reads.
   */
  static String commentText(String text) {
    String lines = LINE_BREAK.matcher(text).replaceAll("\n");
    StringBuilder out = new StringBuilder(lines.length());
    for (int i = 0; i < lines.length(); i++) {
      char c = lines.charAt(i);
      if (c != '\n' && c != '\t' && needsEscape(lines, i)) {
        out.append(String.format(java.util.Locale.ROOT, "U+%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Doc text as Javadoc: {@code &}, {@code <} and {@code >} as entities (the text is not HTML),
   * {@code *}{@code /} broken up, {@code @} at the start of a line or after {@code {} as an
   * entity (it would start a tag), and every backslash as an entity (no {@code \}{@code u}
   * escape can form). Lines are kept.
   */
  static String javadoc(String raw) {
    String text = commentText(raw);
    StringBuilder out = new StringBuilder();
    boolean lineStart = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\\' -> out.append("&#92;");
        case '@' -> out.append(lineStart || (i > 0 && text.charAt(i - 1) == '{') ? "&#64;" : "@");
        case '/' -> out.append(i > 0 && text.charAt(i - 1) == '*' ? "&#47;" : "/");
        case '\r' -> {
          // a line break is a line break, however it was written
        }
        default -> out.append(c);
      }
      if (c == '\n') {
        lineStart = true;
      } else if (!Character.isWhitespace(c)) {
        lineStart = false;
      }
    }
    return out.toString();
  }

  /** A Javadoc block for doc text, or an empty block when there is none. */
  static CodeBlock javadocBlock(String text) {
    if (text.isBlank()) {
      return CodeBlock.builder().build();
    }
    return JavaCode.of("$L\n", javadoc(text.strip()));
  }

  /**
   * Doc text as {@code //} comment lines: one per line of text, every backslash doubled (a
   * {@code \}{@code u} escape needs an even number of backslashes before it, so
   * {@code \}{@code u000a} cannot end the comment early).
   */
  static CodeBlock lineComments(String text) {
    CodeBlock.Builder out = CodeBlock.builder();
    for (String line : lines(text)) {
      String safe = line.replace("\\", "\\\\").stripTrailing();
      if (safe.isEmpty()) {
        out.add("//\n");
      } else {
        out.add(JavaCode.of("// $L\n", safe));
      }
    }
    return out.build();
  }

  private static List<String> lines(String text) {
    return commentText(text).strip().lines().toList();
  }
}
