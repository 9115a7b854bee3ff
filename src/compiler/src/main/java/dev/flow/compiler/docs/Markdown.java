package dev.flow.compiler.docs;

import java.util.List;

/**
 * Text from a model made safe for GitHub-flavoured Markdown. Plain text (a goal, a title, a
 * message) has every character that Markdown or HTML could read as markup escaped. Doc comments
 * are Markdown by definition (LANGUAGE.md §1), so their emphasis, links and lists stay, but raw
 * HTML and code fences are neutralised: a doc comment can neither inject a tag nor open a fence
 * that swallows the rest of the page. Table cells get everything on one line with {@code |}
 * escaped.
 */
public final class Markdown {
  private Markdown() {}

  /** Characters that are markup anywhere in a line. */
  private static final String ESCAPED = "\\`*_[]<>|~";

  /** Plain text as Markdown that shows exactly that text, on one line. */
  public static String text(String plain) {
    StringBuilder out = new StringBuilder();
    String flat = oneLine(plain);
    // At the start of a line these would make a heading, a list, a quote or a numbered item.
    int numbered = flat.matches("^\\d+[.)].*") ? flat.replaceAll("^(\\d+).*", "$1").length() : -1;
    if (flat.matches("^[#+=-].*")) {
      out.append('\\');
    }
    for (int i = 0; i < flat.length(); i++) {
      char c = flat.charAt(i);
      if (i == numbered) {
        out.append('\\').append(c);
      } else if (c == '&') {
        out.append("&amp;");
      } else if (ESCAPED.indexOf(c) >= 0) {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Text as an inline code span: backticks that its content cannot close; {@code |} escaped for tables. */
  public static String code(String plain) {
    String flat = oneLine(plain);
    int longest = 0;
    int run = 0;
    for (int i = 0; i < flat.length(); i++) {
      run = flat.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    boolean pad = flat.startsWith("`") || flat.endsWith("`") || flat.isEmpty();
    // In a GFM table a `|` ends the cell even inside a code span, unless it is escaped.
    String body = flat.replace("|", "\\|");
    return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
  }

  /**
   * A doc comment as Markdown paragraphs: its own markup kept, HTML and fences neutralised.
   */
  public static String doc(String markdown) {
    StringBuilder out = new StringBuilder();
    for (String line : markdown.strip().split("\n", -1)) {
      String safe = line.replace("<", "&lt;");
      String trimmed = safe.stripLeading();
      if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
        safe = safe.substring(0, safe.length() - trimmed.length()) + "\\" + trimmed;
      }
      out.append(safe.stripTrailing()).append('\n');
    }
    return out.toString().strip();
  }

  /** A doc comment for a table cell: one line, {@code |} escaped. */
  public static String docCell(String markdown) {
    return oneLine(doc(markdown)).replace("|", "\\|");
  }

  /** A table: a header row and rows of cells that are already Markdown. */
  public static String table(List<String> header, List<List<String>> rows) {
    StringBuilder out = new StringBuilder();
    out.append(row(header));
    out.append("|").append("---|".repeat(header.size())).append('\n');
    rows.forEach(r -> out.append(row(r)));
    return out.toString();
  }

  private static String row(List<String> cells) {
    StringBuilder out = new StringBuilder("|");
    for (String c : cells) {
      out.append(c.isEmpty() ? " |" : " " + c + " |");
    }
    return out.append('\n').toString();
  }

  /** Line breaks and runs of whitespace as single spaces. */
  static String oneLine(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }
}
