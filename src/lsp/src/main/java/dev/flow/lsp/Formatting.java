package dev.flow.lsp;

import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.format.Formatter;
import dev.flow.compiler.source.SourceFile;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/**
 * Document and range formatting with {@code flowc fmt}'s {@link Formatter}, as minimal line
 * edits of the editor's text. A document with syntax errors is not formatted (no edits), as
 * {@code flowc fmt} leaves such a file alone. A range formats the whole document and keeps the
 * edits that touch the range's lines, so the layout is the same as the whole file's.
 */
final class Formatting {
  private Formatting() {}

  static List<TextEdit> document(Snapshot.Doc doc) {
    return formatted(doc).map(text -> TextEdits.between(doc.text(), text)).orElse(List.of());
  }

  static List<TextEdit> range(Snapshot.Doc doc, Range range) {
    if (range == null || range.getStart() == null || range.getEnd() == null) {
      return document(doc);
    }
    int from = range.getStart().getLine();
    int to = range.getEnd().getLine();
    if (to > from && range.getEnd().getCharacter() == 0) {
      to--; // a range that ends at the start of a line does not hold that line
    }
    int last = to;
    return formatted(doc).map(text -> TextEdits.within(doc.text(), text, from, last)).orElse(List.of());
  }

  private static Optional<String> formatted(Snapshot.Doc doc) {
    return Formatter.format(new SourceFile(doc.file().name(), doc.text()), new Diagnostics());
  }
}
