package dev.flow.lsp;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.query.SymbolIndex;
import dev.flow.compiler.query.Visibility;
import dev.flow.compiler.source.SourceFile;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One analysis of the whole workspace: the documents as they were, each as a {@link SourceFile},
 * and what the front end made of them all together. Immutable; the symbol index and the
 * visibility of declarations are worked out on first use and kept.
 */
final class Snapshot {
  /** The documents at one moment, and the workspace generation they belong to. */
  record Documents(long generation, Map<String, Workspace.Document> byKey) {}

  /** A document of this snapshot with the source file the compiler read. */
  record Doc(Workspace.Document document, SourceFile file, LineIndex lines) {
    String key() {
      return document.key();
    }

    String uri() {
      return document.uri();
    }

    String text() {
      return document.text();
    }
  }

  private final long generation;
  private final Map<String, Doc> docs = new LinkedHashMap<>();
  private final Map<SourceFile, Doc> byFile = new IdentityHashMap<>();
  private final Map<String, Doc> byName = new LinkedHashMap<>();
  private final Map<SourceFile, CompilationUnit> units = new IdentityHashMap<>();
  private final Compilation compilation;
  private SymbolIndex index;
  private Visibility visibility;

  Snapshot(long generation, Collection<Doc> docs, Compilation compilation) {
    this.generation = generation;
    this.compilation = compilation;
    for (Doc d : docs) {
      this.docs.put(d.key(), d);
      byFile.put(d.file(), d);
      byName.put(d.file().name(), d);
    }
    for (CompilationUnit u : compilation.units()) {
      units.put(u.file(), u);
    }
  }

  long generation() {
    return generation;
  }

  Compilation compilation() {
    return compilation;
  }

  Optional<SemanticModel> model() {
    return compilation.model();
  }

  Collection<Doc> docs() {
    return docs.values();
  }

  Optional<Doc> doc(String key) {
    return Optional.ofNullable(docs.get(key));
  }

  /** The document a source file (of this snapshot) came from. */
  Optional<Doc> docOf(SourceFile file) {
    return Optional.ofNullable(byFile.get(file));
  }

  /** The document the compiler calls {@code name}. */
  Optional<Doc> docNamed(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The AST of a document, when it parsed. */
  Optional<CompilationUnit> unit(String key) {
    Doc d = docs.get(key);
    return d == null ? Optional.empty() : Optional.ofNullable(units.get(d.file()));
  }

  synchronized SymbolIndex index() {
    if (index == null) {
      index = SymbolIndex.of(compilation.model().orElseThrow());
    }
    return index;
  }

  synchronized Visibility visibility() {
    if (visibility == null) {
      visibility = Visibility.of(compilation.model().orElseThrow());
    }
    return visibility;
  }
}
