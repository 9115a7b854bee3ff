package dev.flow.compiler.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Names and text that have broken generated code before, or could: Java keywords and names of
 * packages and of the runtime's types, and text with every line terminator that Java, JavaPoet
 * ({@code \R}) or a terminal knows, comment ends, escapes and markup.
 */
public final class HostileText {
  private HostileText() {}

  /** Flow identifiers that are Java keywords, package roots, generated or runtime names. */
  public static final List<String> NAMES = List.of(
      "java", "javax", "dev", "flow", "run", "input", "ctx", "outputs", "definition", "DEFINITION",
      "FORM", "INSTANCE", "values", "_", "__", "___", "class", "new", "int", "long", "public", "default",
      "this", "super", "return", "throw", "switch", "case", "var", "record", "yield", "sealed",
      "permits", "enum", "interface", "const", "goto", "null", "assert", "boolean", "String", "Map",
      "Object", "Objects", "Math", "Override", "Generated", "SuppressWarnings", "FunctionalInterface",
      "FormField", "Form", "Engine", "Workflow", "WorkflowDefinition", "Branch", "Segment", "Expressions",
      "BigDecimal", "Instant", "LocalDate", "Duration", "Approval", "FlowError", "FlowContext",
      "Compensation", "Recipient", "ActionStep", "TaskStep", "ApprovalStep", "ReceiveStep", "CallStep",
      "Schedule", "FlowModule", "FlowName", "ProcessDefinition", "RoleDefinition", "SystemDefinition",
      "Measure", "Input", "Output", "hashCode", "toString", "getClass", "equals", "wait", "notify",
      "clone", "finalize", "step", "event", "start", "owner", "to", "from", "item", "e", "error", "a");

  /** Pieces of text: line terminators of every kind, control and format characters, markup. */
  public static final List<String> PIECES = List.of(
      "\u0085", "\u2028", "\u2029", "\u000B", "\u000C", "\u0000", "\u0001", "\u001B[31m", "\u007F",
      "\u009B", "\u202E", "\uFEFF", "\u200B", "\uD83D\uDE00", "*/", "/*", "/**", "//", "\\u000a",
      "\\u002a/", "\\", "\\\\u", "@param x", "{@code y}", "<b>", "&amp;", "$L", "$S", "$T", "%s", "%n",
      "`", "#", "|", "-->", "]]", "[x](javascript:alert(1))", "![i](http://e.invalid/i.png)", "\"",
      "{", "}", "${x}", ";", "System.exit(1);", "'", "Grüße", "\t", "  ", "-", "=1+1", "@", "+", " ",
      "a", "text", ":", "\u00A0", "\u3000", "\u0300");

  static String name(Random random) {
    return NAMES.get(random.nextInt(NAMES.size()));
  }

  /** Up to a few pieces of hostile text (possibly none). */
  public static String text(Random random) {
    StringBuilder out = new StringBuilder();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      out.append(PIECES.get(random.nextInt(PIECES.size())));
    }
    return out.toString();
  }

  /** Text as the inside of a Flow string literal: quotes, backslashes, braces and line breaks escaped. */
  public static String flowString(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '{' -> out.append("\\{");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Text as a doc comment line (a doc comment ends at CR or LF, so those are left out). */
  static String docLine(String text) {
    return text.replace('\r', ' ').replace('\n', ' ');
  }
}
