package dev.flow.compiler.codegen;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link CodeBlock#of} with fewer parts: the arguments whose text does not depend on where the code
 * lands are written into the format before JavaPoet sees it.
 *
 * <p>JavaPoet writes a file in two passes (one to find the imports, one to write), and in each it
 * splits every part of every block (each piece of text between placeholders and each argument) at
 * line breaks with a regular expression: most of the generator's time went there. Text that is
 * the same wherever it lands is therefore put into the format: a {@code $L} of a string, number,
 * boolean or character, a {@code $N} of a name and a {@code $S} of a one-line string (written as
 * JavaPoet would write it). JavaPoet writes a run of text exactly as it would write its pieces one
 * after another, so the output is byte for byte the same; what depends on the file (a
 * {@code $T}, which may be imported or qualified) and nested blocks stay arguments.
 */
final class JavaCode {
  private JavaCode() {}

  /** {@code CodeBlock.of(format, args)}, with the arguments that are plain text written into the format. */
  static CodeBlock of(String format, Object... args) {
    if (args.length == 0) {
      return CodeBlock.of(format);
    }
    StringBuilder text = new StringBuilder(format.length() + 16 * args.length);
    List<Object> kept = new ArrayList<>(args.length);
    int next = 0;
    int p = 0;
    while (p < format.length()) {
      int dollar = format.indexOf('$', p);
      if (dollar < 0) {
        text.append(format, p, format.length());
        break;
      }
      text.append(format, p, dollar);
      if (dollar + 1 >= format.length()) {
        return CodeBlock.of(format, args); // malformed: let JavaPoet say so
      }
      char c = format.charAt(dollar + 1);
      p = dollar + 2;
      if (c == 'L' || c == 'S' || c == 'N' || c == 'T') {
        if (next >= args.length) {
          return CodeBlock.of(format, args);
        }
        Object arg = args[next++];
        String inline = inline(c, arg);
        if (inline == null) {
          text.append('$').append(c);
          kept.add(arg);
        } else {
          appendEscaped(text, inline);
        }
      } else if (c >= '0' && c <= '9' || c == '(' || Character.isLetter(c) && c != 'W' && c != 'Z') {
        return CodeBlock.of(format, args); // indexed or named arguments: as written
      } else {
        text.append('$').append(c); // $$, $>, $<, $[, $], $W, $Z
      }
    }
    if (next != args.length) {
      return CodeBlock.of(format, args); // unused arguments: let JavaPoet say so
    }
    return CodeBlock.of(text.toString(), kept.toArray());
  }

  /** The text JavaPoet would write for the argument, when it is the same in every file; else null. */
  private static String inline(char placeholder, Object arg) {
    if (placeholder == 'L' && (arg instanceof String || arg instanceof Number || arg instanceof Boolean
        || arg instanceof Character)) {
      return String.valueOf(arg);
    }
    if (placeholder == 'N' && arg instanceof String s) {
      return s;
    }
    if (placeholder == 'S' && arg instanceof String s && s.indexOf('\n') < 0) {
      return stringLiteral(s);
    }
    return null;
  }

  /** A one-line string as JavaPoet's {@code $S} writes it (its {@code Util.stringLiteralWithDoubleQuotes}). */
  private static String stringLiteral(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\'' -> out.append('\'');
        case '"' -> out.append("\\\"");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        case '\\' -> out.append("\\\\");
        default -> {
          if (Character.isISOControl(c)) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static void appendEscaped(StringBuilder text, String inline) {
    if (inline.indexOf('$') < 0) {
      text.append(inline);
      return;
    }
    for (int i = 0; i < inline.length(); i++) {
      char c = inline.charAt(i);
      text.append(c == '$' ? "$$" : String.valueOf(c));
    }
  }
}
