package dev.flow.compiler.docs;

import java.util.List;
import java.util.Locale;

/**
 * Text from a model made safe for GitHub-flavoured Markdown: it renders as exactly the text it
 * is. Plain text (a goal, a title, a message) and doc comments alike have every character that
 * Markdown or HTML could read as markup escaped, and what GitHub would turn into a link by itself
 * ({@code https://…}, {@code www.…}) is a code span, so no link, image, heading, list, tag or
 * code fence comes from a model's text. The only links on a page are the ones the generator writes
 * from the model's own names. Doc comments keep their paragraphs. Table cells get everything on
 * one line with {@code |} escaped.
 */
public final class Markdown {
  private Markdown() {}

  /** Characters that are markup anywhere in a line. */
  private static final String ESCAPED = "\\`*_[]<>|~";

  /**
   * Plain text as Markdown that shows exactly that text, on one line. A word that a Markdown
   * reader would turn into a link by itself (one with {@code ://}, {@code www.} or {@code @}:
   * GitHub and CommonMark's autolink extension find those even in escaped text) becomes a code
   * span, which shows the same text and links nowhere.
   */
  public static String text(String plain) {
    String flat = oneLine(plain);
    StringBuilder out = new StringBuilder();
    String[] words = flat.split(" ", -1);
    for (int w = 0; w < words.length; w++) {
      if (w > 0) {
        out.append(' ');
      }
      String word = words[w];
      out.append(linky(word) ? code(word) : escape(word, w == 0));
    }
    return out.toString();
  }

  private static boolean linky(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return lower.contains("://") || lower.contains("www.") || lower.contains("@");
  }

  /** One word with its markup escaped; {@code first}: at the start of a line. */
  private static String escape(String word, boolean first) {
    StringBuilder out = new StringBuilder();
    int numbered = -1;
    if (first) {
      // At the start of a line these would make a heading, a list, a quote or a numbered item.
      int digits = 0;
      while (digits < word.length() && word.charAt(digits) >= '0' && word.charAt(digits) <= '9') {
        digits++;
      }
      numbered = digits > 0 && digits < word.length() && ".)".indexOf(word.charAt(digits)) >= 0 ? digits : -1;
      if (!word.isEmpty() && "#+=-".indexOf(word.charAt(0)) >= 0) {
        out.append('\\');
      }
    }
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (i == numbered || ESCAPED.indexOf(c) >= 0) {
        out.append('\\').append(c);
      } else if (c == '&') {
        out.append("&amp;");
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
   * A doc comment as Markdown paragraphs that show exactly its text: each line escaped as
   * {@link #text}, blank lines kept as paragraph breaks.
   */
  public static String doc(String comment) {
    StringBuilder out = new StringBuilder();
    boolean blank = false;
    for (String line : comment.strip().split("\\R", -1)) {
      if (line.isBlank()) {
        blank = true;
        continue;
      }
      if (out.length() > 0) {
        out.append(blank ? "\n\n" : "\n");
      }
      blank = false;
      out.append(text(line));
    }
    return out.toString();
  }

  /** A doc comment for a table cell: one line ({@link #text} escapes {@code |} already). */
  public static String docCell(String comment) {
    return oneLine(doc(comment));
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

  /**
   * Line breaks and runs of white space as single spaces, none at either end. Unicode white space
   * (a no-break space too) becomes a space first, then the ends are stripped: a no-break space
   * before {@code +} must not become the indent of a list item.
   */
  static String oneLine(String text) {
    return text.replaceAll("(?U)\\s+", " ").strip();
  }
}
