package dev.flow.lsp;

import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DiagnosticTag;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * The compiler's diagnostics as LSP diagnostics, per document: the code ({@code E100}) as the
 * diagnostic's code, the exact span as its range, and the label, notes and help of the compiler
 * in the message, as {@code flowc check} prints them. A note that names a place in the sources
 * ({@code the first `X` is at model.flow:3:6}) also becomes related information pointing there.
 */
final class Diagnostics {
  private Diagnostics() {}

  static final String SOURCE = "flow";

  /** A place as the compiler prints it in messages: {@code file:line:column}. */
  private static final Pattern PLACE = Pattern.compile("([^\\s`'\"(]+):(\\d+):(\\d+)");

  /** Every document's diagnostics (an empty list for a document without any). */
  static Map<String, List<Diagnostic>> of(Snapshot snapshot) {
    Map<String, List<Diagnostic>> out = new LinkedHashMap<>();
    for (Snapshot.Doc d : snapshot.docs()) {
      out.put(d.key(), new ArrayList<>());
    }
    for (dev.flow.compiler.diag.Diagnostic d : snapshot.compilation().diagnostics()) {
      if (d.span().isNone()) {
        continue;
      }
      snapshot.docOf(d.span().file()).ifPresent(doc -> out.get(doc.key()).add(toLsp(d, doc, snapshot)));
    }
    return out;
  }

  static Diagnostic toLsp(dev.flow.compiler.diag.Diagnostic d, Snapshot.Doc doc, Snapshot snapshot) {
    Range range = doc.lines().range(d.span().start(), d.span().end());
    Diagnostic out = new Diagnostic(range, message(d),
        d.severity() == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, SOURCE,
        d.code().name());
    List<DiagnosticRelatedInformation> related = new ArrayList<>();
    for (String note : d.notes()) {
      place(note, snapshot).ifPresent(at -> related.add(new DiagnosticRelatedInformation(at, note)));
    }
    if (!related.isEmpty()) {
      out.setRelatedInformation(related);
    }
    if (d.code() == Code.W002) {
      out.setTags(List.of(DiagnosticTag.Unnecessary));
    }
    return out;
  }

  /** The message, then the label, the notes and the help, one per line. */
  static String message(dev.flow.compiler.diag.Diagnostic d) {
    StringBuilder s = new StringBuilder(d.message());
    if (!d.label().isEmpty()) {
      s.append('\n').append(d.label());
    }
    for (String note : d.notes()) {
      s.append("\nnote: ").append(note);
    }
    d.help().ifPresent(h -> s.append("\nhelp: ").append(h));
    return s.toString();
  }

  /** The first place a note names that is a document of the snapshot. */
  private static Optional<Location> place(String note, Snapshot snapshot) {
    Matcher m = PLACE.matcher(note);
    while (m.find()) {
      Optional<Snapshot.Doc> doc = snapshot.docNamed(m.group(1));
      if (doc.isPresent()) {
        int line = Integer.parseInt(m.group(2));
        int column = Integer.parseInt(m.group(3));
        int offset = offsetOf(doc.get(), line, column);
        Position p = doc.get().lines().position(offset);
        return Optional.of(new Location(doc.get().uri(), new Range(p, p)));
      }
    }
    return Optional.empty();
  }

  /** The offset of a 1-based line and a 1-based column counted in code points, as the compiler prints them. */
  private static int offsetOf(Snapshot.Doc doc, int line, int column) {
    String text = doc.text();
    int offset = doc.lines().offset(new Position(line - 1, 0));
    for (int i = 1; i < column && offset < text.length() && text.charAt(offset) != '\n'; i++) {
      offset += Character.charCount(text.codePointAt(offset));
    }
    return offset;
  }
}
