package dev.flow.compiler;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.check.AfterErrors;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.flow.FlowChecks;
import dev.flow.compiler.check.resolve.Resolver;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The front end: parse every file, resolve and type-check them together as one model, then run
 * the flow checks. Each stage collects diagnostics. A file with syntax errors stops the pipeline
 * before names are resolved; after errors of names and types (a missing package aside), each
 * flow check still reports wherever those errors do not reach ({@link AfterErrors},
 * {@link dev.flow.compiler.check.Check.Reach}), so that independent mistakes come in one run and
 * one mistake still gives one diagnostic.
 *
 * <p>When the files are many, they are parsed on more than one thread ({@link ParallelParse}), and
 * so are, once the declarations of every file are known, their members and headers, then the
 * workflow bodies' names and types ({@link Resolver#resolve(List, Diagnostics, int)}), then the
 * flow checks ({@link FlowChecks#run});
 * {@code -Dflow.compiler.threads=1} keeps everything on the calling thread. The result is the
 * same on any number of threads.
 */
public final class Compiler {
  private Compiler() {}

  /** What the front end is for: {@code check} accepts files without a package; code generation does not. */
  public enum Mode {
    CHECK,
    GENERATE
  }

  public static Compilation check(List<SourceFile> files) {
    return compile(files, Mode.CHECK);
  }

  /**
   * As {@link #check(List)}, on at most {@code threads} threads ({@code 1}: on the calling thread
   * alone) whatever {@code flow.compiler.threads} says; for benchmarks and tools that share
   * the processors out themselves.
   */
  public static Compilation check(List<SourceFile> files, int threads) {
    ParallelParse.Settings byProperties = ParallelParse.Settings.fromProperties();
    return compile(files, Mode.CHECK, null, new ParallelParse.Settings(Math.max(1, threads), byProperties.minChars()));
  }

  public static Compilation compile(List<SourceFile> files, Mode mode) {
    return compile(files, mode, null);
  }

  /**
   * As {@link #compile(List, Mode)}, taking the parsed unit of a file that {@code cache} has
   * already parsed (the same {@link SourceFile}) instead of parsing it again.
   */
  public static Compilation compile(List<SourceFile> files, Mode mode, ParseCache cache) {
    return compile(files, mode, cache, ParallelParse.Settings.fromProperties());
  }

  /**
   * As {@link #compile(List, Mode, ParseCache)}, on as many threads as {@code settings} says: parsing,
   * then the workflow bodies and the flow checks.
   */
  static Compilation compile(List<SourceFile> files, Mode mode, ParseCache cache, ParallelParse.Settings settings) {
    Diagnostics diagnostics = new Diagnostics();
    List<CompilationUnit> units = new ArrayList<>();
    if (cache != null) {
      cache.start();
      cache.parseAll(files, settings, units, diagnostics);
    } else {
      ParallelParse.parseAll(files, settings, units, diagnostics);
    }
    if (diagnostics.hasErrors()) {
      return new Compilation(units, Optional.empty(), diagnostics.sorted());
    }
    if (mode == Mode.GENERATE) {
      for (CompilationUnit unit : units) {
        if (unit.packageName().isEmpty()) {
          diagnostics.add(Diagnostic.of(
                  Code.E105, unit.firstToken(), "missing package declaration")
              .withHelp(PackageSuggestion.forFile(unit.file()))
              .withFix(PackageSuggestion.fixFor(unit.file())));
        }
        unit.packageName().filter(p -> p.text().equals("java") || p.text().startsWith("java."))
            .ifPresent(p -> diagnostics.add(dev.flow.compiler.diag.Diagnostic.of(Code.E106, p.span(),
                    "package `" + p.text() + "` is reserved by Java")
                .withNote("the Java runtime refuses to load classes of a package named `java` or `java.…`")
                .withHelp("choose a package of your own, such as `com.acme"
                    + p.text().substring(Math.min(p.text().length(), 4)) + "`")));
      }
    }
    int threads = settings.threadsFor(files);
    SemanticModel model = Resolver.resolve(units, diagnostics, threads);
    List<Diagnostic> earlier = diagnostics.list().stream().filter(d -> d.isError() && d.code() != Code.E105).toList();
    diagnostics.addAll(FlowChecks.run(model, new AfterErrors(units, earlier), threads));
    return new Compilation(units, Optional.of(model), diagnostics.sorted());
  }
}
