package dev.flow.compiler;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.parse.FlowParsing;
import dev.flow.compiler.source.SourceFile;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed units of the files of the last compilations, by file (the same {@link SourceFile}
 * object: a file whose text changed is a new object), so that a compilation after an edit parses
 * only the files that changed: what the language server does on each change. A unit is immutable
 * and every compilation resolves and checks it afresh. Keeps only the files of the last
 * compilation; not thread-safe (one analysis at a time).
 */
public final class ParseCache {
  private record Parsed(Optional<CompilationUnit> unit, List<Diagnostic> diagnostics) {}

  private Map<SourceFile, Parsed> last = new IdentityHashMap<>();
  private Map<SourceFile, Parsed> current = new IdentityHashMap<>();

  /** Starts a compilation: what it does not ask for again is dropped at the next start. */
  void start() {
    last = current;
    current = new IdentityHashMap<>();
  }

  Optional<CompilationUnit> parse(SourceFile file, Diagnostics diagnostics) {
    Parsed parsed = current.get(file);
    if (parsed == null) {
      parsed = last.get(file);
    }
    if (parsed == null) {
      Diagnostics own = new Diagnostics();
      Optional<CompilationUnit> unit = FlowParsing.parse(file, own);
      parsed = new Parsed(unit, List.copyOf(own.list()));
    }
    current.put(file, parsed);
    diagnostics.addAll(parsed.diagnostics());
    return parsed.unit();
  }
}
