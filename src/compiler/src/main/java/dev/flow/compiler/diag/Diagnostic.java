package dev.flow.compiler.diag;

import dev.flow.compiler.source.SourceSpan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem found in the sources: immutable.
 *
 * @param code the catalog entry (gives the severity)
 * @param span where it points
 * @param message what is wrong, in the user's words
 * @param label a short text printed under the caret underline, or empty
 * @param notes extra lines printed as {@code = note: …}
 * @param help a suggested fix printed as {@code = help: …}, or empty
 * @param fixes the changes that fix it, best first, for editors (quick fixes)
 */
public record Diagnostic(
    Code code, SourceSpan span, String message, String label, List<String> notes, Optional<String> help, List<Fix> fixes)
    implements Comparable<Diagnostic> {

  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(message, "message");
    label = label == null ? "" : label;
    notes = List.copyOf(notes);
    Objects.requireNonNull(help, "help");
    fixes = List.copyOf(fixes);
  }

  public static Diagnostic of(Code code, SourceSpan span, String message) {
    return new Diagnostic(code, span, message, "", List.of(), Optional.empty(), List.of());
  }

  public Severity severity() {
    return code.severity();
  }

  public boolean isError() {
    return code.severity() == Severity.ERROR;
  }

  public Diagnostic withHelp(String text) {
    return new Diagnostic(code, span, message, label, notes, Optional.ofNullable(text), fixes);
  }

  public Diagnostic withLabel(String text) {
    return new Diagnostic(code, span, message, text, notes, help, fixes);
  }

  public Diagnostic withNote(String text) {
    List<String> all = new java.util.ArrayList<>(notes);
    all.add(text);
    return new Diagnostic(code, span, message, label, all, help, fixes);
  }

  /** The same with one more fix. */
  public Diagnostic withFix(Fix fix) {
    List<Fix> all = new java.util.ArrayList<>(fixes);
    all.add(fix);
    return new Diagnostic(code, span, message, label, notes, help, all);
  }

  /**
   * The same with the did-you-mean of {@code name} among {@code candidates} as help (when one
   * is close), and a fix for each close candidate that puts it at {@code where}.
   */
  public Diagnostic withDidYouMean(SourceSpan where, String name, java.util.Collection<String> candidates) {
    String text = Suggestions.didYouMean(name, candidates);
    if (text == null) {
      return this;
    }
    Diagnostic d = withHelp(text);
    for (String near : Suggestions.near(name, candidates)) {
      d = d.withFix(Fix.rename(where, near));
    }
    return d;
  }

  /** Source order: file name, offset, then code, then message. */
  @Override
  public int compareTo(Diagnostic o) {
    int c = span.fileName().compareTo(o.span.fileName());
    if (c == 0) {
      c = Integer.compare(span.start(), o.span.start());
    }
    if (c == 0) {
      c = code.compareTo(o.code);
    }
    if (c == 0) {
      c = message.compareTo(o.message);
    }
    return c;
  }

  @Override
  public String toString() {
    return span + ": " + code.severity().label() + "[" + code + "]: " + message;
  }
}
