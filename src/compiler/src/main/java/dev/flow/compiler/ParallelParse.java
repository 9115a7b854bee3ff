package dev.flow.compiler;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.check.Parallel;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.parse.FlowParsing;
import dev.flow.compiler.source.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

/**
 * Parsing the files of a compilation on more than one thread. Each file is parsed on its own: its
 * own lexer, parser, AST builder, name table and diagnostics (ANTLR's DFA cache, shared by every
 * parser, is thread-safe; nothing else on the parse path is shared and mutable). The results are
 * put together in the order of the files, so a compilation gives the same units and the same
 * diagnostics, in the same order, on any number of threads.
 *
 * <p>The threads are the calling thread and workers of the common {@link ForkJoinPool} (daemon
 * threads: nothing is started that keeps a JVM alive or outlives the JVM's own pool). How many:
 * the system property {@value #THREADS_PROPERTY} ({@code 1} parses on the calling thread alone),
 * by default the number of processors, never more than the common pool's parallelism plus the
 * calling thread. Files of fewer than {@value #MIN_CHARS_PROPERTY} characters in all (by default
 * {@value #DEFAULT_MIN_CHARS}) are parsed on the calling thread: for a few files the hand-over
 * costs more than it saves, and a cold JVM would compile ANTLR's code on two threads at once.
 */
final class ParallelParse {
  /** The system property that sets how many threads parse: {@code 1} turns parallel parsing off. */
  static final String THREADS_PROPERTY = "flow.compiler.threads";
  /** The system property that sets how many characters of text are worth a second thread. */
  static final String MIN_CHARS_PROPERTY = "flow.compiler.parallelMinChars";
  /** About 7,000 lines of a typical model; the 37 examples have 62,000 characters. */
  static final long DEFAULT_MIN_CHARS = 256 * 1024;

  /** One file's parse: its unit (empty when it has syntax errors) and what parsing it reported. */
  record Parsed(Optional<CompilationUnit> unit, List<Diagnostic> diagnostics) {}

  /** How the files are parsed: on up to {@code threads} threads once they have {@code minChars} characters. */
  record Settings(int threads, long minChars) {
    /** What the system properties say (read on each compilation, so that a test or a server can change them). */
    static Settings fromProperties() {
      return new Settings(
          (int) Math.min(Integer.MAX_VALUE, positive(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors())),
          positive(MIN_CHARS_PROPERTY, DEFAULT_MIN_CHARS));
    }

    private static long positive(String property, long otherwise) {
      String value = System.getProperty(property);
      if (value == null || value.isBlank()) {
        return otherwise;
      }
      try {
        long n = Long.parseLong(value.strip());
        return n >= 1 ? n : otherwise;
      } catch (NumberFormatException e) {
        return otherwise;
      }
    }

    /** How many threads parse {@code files}: 1 for a small input. */
    int threadsFor(List<SourceFile> files) {
      if (threads <= 1 || files.size() < 2) {
        return 1;
      }
      long chars = 0;
      for (SourceFile file : files) {
        chars += file.text().length();
      }
      if (chars < minChars) {
        return 1;
      }
      return Math.min(Math.min(threads, files.size()), ForkJoinPool.getCommonPoolParallelism() + 1);
    }
  }

  private ParallelParse() {}

  /** Parses one file with diagnostics of its own. */
  static Parsed parse(SourceFile file) {
    Diagnostics own = new Diagnostics();
    Optional<CompilationUnit> unit = FlowParsing.parse(file, own);
    return new Parsed(unit, List.copyOf(own.list()));
  }

  /**
   * Parses {@code files} into {@code units} and {@code diagnostics}, in the order of the files, as
   * parsing them one after the other into the same two would.
   */
  static void parseAll(List<SourceFile> files, Settings settings, List<CompilationUnit> units, Diagnostics diagnostics) {
    int threads = settings.threadsFor(files);
    if (threads <= 1) {
      for (SourceFile file : files) {
        FlowParsing.parse(file, diagnostics).ifPresent(units::add);
      }
      return;
    }
    for (Parsed parsed : parseEach(files, threads)) {
      diagnostics.addAll(parsed.diagnostics());
      parsed.unit().ifPresent(units::add);
    }
  }

  /**
   * Each file's parse, in the order of {@code files}, on {@code threads} threads (the caller and
   * {@code threads - 1} tasks of the common pool, {@link Parallel#map}), each taking the next file
   * not yet taken until none is left.
   */
  static List<Parsed> parseEach(List<SourceFile> files, int threads) {
    return Parallel.map(files.size(), threads, i -> parse(files.get(i)));
  }

}
