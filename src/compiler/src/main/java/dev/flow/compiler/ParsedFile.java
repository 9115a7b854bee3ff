package dev.flow.compiler;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.parse.FlowParsing;
import dev.flow.compiler.source.SourceFile;
import java.util.List;
import java.util.Optional;

/**
 * One file's parse: its unit (empty when it has syntax errors) and the diagnostics parsing it
 * made. Files are independent until names are resolved, so many are parsed on the machine's
 * cores at once ({@link #parseAll}); the result is the same as parsing them one after another.
 */
record ParsedFile(Optional<CompilationUnit> unit, List<Diagnostic> diagnostics) {
  /**
   * Below this much text in all, one thread parses every file: handing work to other threads costs
   * more than it saves on a small model (the examples, a file being edited).
   */
  static final int PARALLEL_FROM_CHARS = 64 * 1024;

  /** Set to {@code false} to parse on the calling thread only (to measure one core's work). */
  static final String PARALLEL_PROPERTY = "flow.parse.parallel";

  static ParsedFile of(SourceFile file) {
    Diagnostics own = new Diagnostics();
    Optional<CompilationUnit> unit = FlowParsing.parse(file, own);
    return new ParsedFile(unit, List.copyOf(own.list()));
  }

  /** Each file's parse, in the order of {@code files}. */
  static List<ParsedFile> parseAll(List<SourceFile> files) {
    return parseAll(files, files.size() > 1 && parallel() && chars(files) >= PARALLEL_FROM_CHARS);
  }

  static List<ParsedFile> parseAll(List<SourceFile> files, boolean parallel) {
    if (parallel) {
      return files.parallelStream().map(ParsedFile::of).toList();
    }
    return files.stream().map(ParsedFile::of).toList();
  }

  private static boolean parallel() {
    return !"false".equals(System.getProperty(PARALLEL_PROPERTY))
        && Runtime.getRuntime().availableProcessors() > 1;
  }

  private static long chars(List<SourceFile> files) {
    long n = 0;
    for (SourceFile file : files) {
      n += file.text().length();
    }
    return n;
  }
}
