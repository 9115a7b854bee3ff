package dev.flow.lsp;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.source.SourceSpan;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * A place a request asks about: a document and an offset in the text the editor has now, and the
 * same place in the last analysis that produced a model (which is the current one unless the
 * workspace has syntax errors). Answers are worked out on that analysis and put back on the
 * editor's text: the two texts differ at most in what was typed since, which
 * {@link TextMapping} maps around.
 */
final class Place {
  private final Snapshot current;
  private final Snapshot.Doc doc;
  private final int offset;
  private final Snapshot good;
  private final Snapshot.Doc goodDoc;
  private final Map<String, TextMapping> mappings = new HashMap<>();

  private Place(Snapshot current, Snapshot.Doc doc, int offset, Snapshot good, Snapshot.Doc goodDoc) {
    this.current = current;
    this.doc = doc;
    this.offset = offset;
    this.good = good;
    this.goodDoc = goodDoc;
  }

  /** The place of a position in a document; empty when the document is not part of the workspace. */
  static Optional<Place> of(Snapshot current, Snapshot good, String uri, Position position) {
    String key = Workspace.keyOf(uri);
    Optional<Snapshot.Doc> doc = current.doc(key);
    if (doc.isEmpty()) {
      return Optional.empty();
    }
    Snapshot.Doc goodDoc = good == null ? null : good.doc(key).orElse(null);
    return Optional.of(new Place(current, doc.get(), doc.get().lines().offset(position), good, goodDoc));
  }

  Snapshot current() {
    return current;
  }

  Snapshot.Doc doc() {
    return doc;
  }

  int offset() {
    return offset;
  }

  /** The last analysis with a model, when it knew this document. */
  Optional<Snapshot> good() {
    return goodDoc == null ? Optional.empty() : Optional.of(good);
  }

  /** The last analysis with a model, whether or not it knew this document. */
  Optional<Snapshot> anyGood() {
    return Optional.ofNullable(good);
  }

  /** The document's AST in the last good analysis. */
  Optional<CompilationUnit> goodUnit() {
    return goodDoc == null ? Optional.empty() : good.unit(goodDoc.key());
  }

  /** The offset in the last good text, when the place was not changed since. */
  OptionalInt goodOffset() {
    if (goodDoc == null) {
      return OptionalInt.empty();
    }
    TextMapping m = mapping(goodDoc);
    return m.changedInNew(offset) ? OptionalInt.empty() : OptionalInt.of(m.toOld(offset));
  }

  /** The offset in the last good text, or where the change around the place begins there. */
  OptionalInt goodOffsetNear() {
    return goodDoc == null ? OptionalInt.empty() : OptionalInt.of(mapping(goodDoc).toOld(offset));
  }

  /** A span of the last good analysis as a location in the text the editor has now. */
  Optional<Location> location(SourceSpan span) {
    return range(span).map(r -> new Location(uriOf(span), r));
  }

  /** A span of the last good analysis as a range in the text the editor has now. */
  Optional<Range> range(SourceSpan span) {
    if (span.isNone() || good == null) {
      return Optional.empty();
    }
    Optional<Snapshot.Doc> from = good.docOf(span.file());
    if (from.isEmpty()) {
      return Optional.empty();
    }
    Optional<Snapshot.Doc> now = current.doc(from.get().key());
    if (now.isEmpty()) {
      return Optional.of(from.get().lines().range(span.start(), span.end()));
    }
    TextMapping m = mapping(from.get());
    return Optional.of(now.get().lines().range(m.toNew(span.start()), m.toNew(span.end())));
  }

  /** A range of the current text. */
  Range currentRange(int start, int end) {
    return doc.lines().range(start, end);
  }

  private String uriOf(SourceSpan span) {
    Snapshot.Doc from = good.docOf(span.file()).orElseThrow();
    return current.doc(from.key()).map(Snapshot.Doc::uri).orElse(from.uri());
  }

  private TextMapping mapping(Snapshot.Doc old) {
    return mappings.computeIfAbsent(old.key(), k -> {
      String now = current.doc(k).map(Snapshot.Doc::text).orElse(old.text());
      return TextMapping.between(old.text(), now);
    });
  }
}
