package dev.flow.lsp;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Import;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.resolve.Resolver;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.parse.FlowParsing;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A hover in a document edited since the last analysis, answered without waiting for the next
 * one: the document's new text is parsed and resolved together with the documents whose
 * declarations it can reach (its own package, the packages it imports, and what those import in
 * turn), the others keeping the parsed units of the last analysis. Names and types in the
 * document are those of a full analysis, since a name resolves only within its own package and
 * the packages its file imports; diagnostics are left to the analysis.
 */
final class QuickCheck {
  private QuickCheck() {}

  /**
   * A snapshot of the documents that document {@code key} reaches, as they are now; empty when that
   * document (or one it reaches) does not parse, or the last analysis is missing.
   */
  static Optional<Snapshot> of(Snapshot last, Snapshot.Documents documents, String key) {
    if (last == null || !documents.byKey().containsKey(key)) {
      return Optional.empty();
    }
    List<Snapshot.Doc> docs = Analyzer.docs(last, documents);
    Map<Snapshot.Doc, CompilationUnit> units = new HashMap<>();
    Map<String, List<Snapshot.Doc>> byPackage = new HashMap<>();
    Snapshot.Doc edited = null;
    for (Snapshot.Doc doc : docs) {
      Optional<CompilationUnit> unit = last.docOf(doc.file()).isPresent() ? last.unit(doc.key()) : Optional.empty();
      if (unit.isEmpty() || unit.get().file() != doc.file()) {
        Diagnostics parse = new Diagnostics();
        unit = FlowParsing.parse(doc.file(), parse);
        if (parse.hasErrors()) {
          unit = Optional.empty();
        }
      }
      if (doc.key().equals(key)) {
        edited = doc;
        if (unit.isEmpty()) {
          return Optional.empty();
        }
      }
      if (unit.isPresent()) {
        units.put(doc, unit.get());
        byPackage.computeIfAbsent(unit.get().packageText(), p -> new ArrayList<>()).add(doc);
      }
    }
    Set<String> packages = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(units.get(edited).packageText());
    List<Snapshot.Doc> reached = new ArrayList<>();
    while (!todo.isEmpty()) {
      String pkg = todo.pop();
      if (!packages.add(pkg)) {
        continue;
      }
      for (Snapshot.Doc doc : byPackage.getOrDefault(pkg, List.of())) {
        reached.add(doc);
        for (Import imp : units.get(doc).imports()) {
          todo.add(imp.name().text());
          if (!imp.wildcard()) {
            todo.add(imp.name().qualifier());
          }
        }
      }
    }
    reached.sort((a, b) -> a.file().name().compareTo(b.file().name()));
    List<CompilationUnit> compiled = reached.stream().map(units::get).toList();
    SemanticModel model = Resolver.resolve(compiled, new Diagnostics());
    return Optional.of(new Snapshot(documents.generation(), reached, new Compilation(compiled, Optional.of(model), List.of())));
  }
}
