package dev.flow.compiler.codegen;

import com.palantir.javapoet.CodeBlock;
import java.util.List;

/**
 * Text from the user, made safe for where it lands in Java source. String literals need
 * nothing here: JavaPoet's {@code $S} escapes quotes, backslashes and control characters, and a
 * backslash it doubles can no longer start a {@code \}{@code u} escape. Comments need care:
 * javac decodes {@code \}{@code u} escapes everywhere, even in comments, before it looks for
 * the end of one, so a doc comment with {@code \}{@code u002a/} or {@code \}{@code u000a} could
 * otherwise end the comment and inject code.
 */
final class JavaText {
  private JavaText() {}

  /**
   * Doc text as Javadoc: {@code &}, {@code <} and {@code >} as entities (the text is not HTML),
   * {@code *}{@code /} broken up, {@code @} at the start of a line or after {@code {} as an
   * entity (it would start a tag), and every backslash as an entity (no {@code \}{@code u}
   * escape can form). Lines are kept.
   */
  static String javadoc(String text) {
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
    return CodeBlock.of("$L\n", javadoc(text.strip()));
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
        out.add("// $L\n", safe);
      }
    }
    return out.build();
  }

  private static List<String> lines(String text) {
    return text.strip().lines().toList();
  }
}
