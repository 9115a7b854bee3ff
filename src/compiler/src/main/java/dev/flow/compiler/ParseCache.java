package dev.flow.compiler;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ParallelParse.Parsed;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.source.SourceFile;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed units of the files of the last compilations, by file (the same {@link SourceFile}
 * object: a file whose text changed is a new object), so that a compilation after an edit parses
 * only the files that changed: what the language server does on each change. A unit is immutable
 * and every compilation resolves and checks it afresh. Keeps only the files of the last
 * compilation; not thread-safe (one analysis at a time). The files it has not parsed yet are
 * parsed as {@link ParallelParse} does, on more than one thread when they are many.
 */
public final class ParseCache {

  private Map<SourceFile, Parsed> last = new IdentityHashMap<>();
  private Map<SourceFile, Parsed> current = new IdentityHashMap<>();

  /** Starts a compilation: what it does not ask for again is dropped at the next start. */
  void start() {
    last = current;
    current = new IdentityHashMap<>();
  }

  Optional<CompilationUnit> parse(SourceFile file, Diagnostics diagnostics) {
    Parsed parsed = known(file);
    if (parsed == null) {
      parsed = ParallelParse.parse(file);
    }
    current.put(file, parsed);
    diagnostics.addAll(parsed.diagnostics());
    return parsed.unit();
  }

  /**
   * Parses {@code files} into {@code units} and {@code diagnostics} in their order, as {@link #parse}
   * of each in turn would; the files not parsed before are parsed together, on more than one
   * thread when {@code settings} say so.
   */
  void parseAll(List<SourceFile> files, ParallelParse.Settings settings, List<CompilationUnit> units, Diagnostics diagnostics) {
    List<SourceFile> fresh = new ArrayList<>();
    for (SourceFile file : files) {
      if (known(file) == null) {
        fresh.add(file);
      }
    }
    int threads = settings.threadsFor(fresh);
    if (threads > 1) {
      List<Parsed> parsed = ParallelParse.parseEach(fresh, threads);
      for (int i = 0; i < fresh.size(); i++) {
        current.put(fresh.get(i), parsed.get(i));
      }
    }
    for (SourceFile file : files) {
      parse(file, diagnostics).ifPresent(units::add);
    }
  }

  private Parsed known(SourceFile file) {
    Parsed parsed = current.get(file);
    return parsed != null ? parsed : last.get(file);
  }
}
