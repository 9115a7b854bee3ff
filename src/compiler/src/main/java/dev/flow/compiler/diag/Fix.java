package dev.flow.compiler.diag;

import dev.flow.compiler.source.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * A change that fixes the mistake a diagnostic reports, as the checker worked it out (never
 * recovered from the message's words): the editor offers it as a quick fix.
 *
 * @param title what the fix does, for a menu: "replace with `AccountManager`"
 * @param edits the replacements to make, in one file, not overlapping
 */
public record Fix(String title, List<Edit> edits) {
  public Fix {
    Objects.requireNonNull(title, "title");
    edits = List.copyOf(edits);
  }

  /** A fix that replaces one span with a text. */
  public static Fix replace(String title, SourceSpan span, String text) {
    return new Fix(title, List.of(new Edit(span, text)));
  }

  /** A fix that puts a name in place of the misspelled one. */
  public static Fix rename(SourceSpan span, String name) {
    return replace("replace with `" + name + "`", span, name);
  }

  /**
   * One replacement: the text of {@code span} becomes {@code text} (an empty span inserts).
   *
   * @param span what to replace
   * @param text what to put there
   */
  public record Edit(SourceSpan span, String text) {
    public Edit {
      Objects.requireNonNull(span, "span");
      Objects.requireNonNull(text, "text");
    }
  }
}
