package dev.flow.compiler;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.Check;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.flow.FlowChecks;
import dev.flow.compiler.check.resolve.Resolver;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.parse.FlowParsing;
import dev.flow.compiler.source.SourceFile;
import dev.flow.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The front end: parse every file, resolve and type-check them together as one model, then run
 * the flow checks. Each stage collects diagnostics. A file with syntax errors stops the pipeline
 * before names are resolved; after errors of names and types (a missing package aside), the
 * flow checks still report in the declarations those errors do not touch, and the path checks
 * also beside them (not at the erroneous code, nor where a duplicate name makes steps
 * ambiguous), so that independent mistakes come in one run and one mistake still gives one
 * diagnostic.
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

  public static Compilation compile(List<SourceFile> files, Mode mode) {
    Diagnostics diagnostics = new Diagnostics();
    List<CompilationUnit> units = new ArrayList<>();
    for (SourceFile file : files) {
      FlowParsing.parse(file, diagnostics).ifPresent(units::add);
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
    SemanticModel model = Resolver.resolve(units, diagnostics);
    List<Diagnostic> earlier = diagnostics.list().stream().filter(d -> d.isError() && d.code() != Code.E105).toList();
    List<SourceSpan> touched = touched(units, earlier);
    List<SourceSpan> renamed = touched(units, earlier.stream().filter(d -> d.code() == Code.E104).toList());
    for (Check check : FlowChecks.all()) {
      if (touched.isEmpty()) {
        diagnostics.addAll(check.check(model));
      } else if (check.isLocal()) {
        for (Diagnostic d : check.check(model)) {
          boolean keep = check.isPathCheck()
              ? untouched(d.span(), units, renamed) && earlier.stream().noneMatch(e -> overlaps(e.span(), d.span()))
              : untouched(d.span(), units, touched);
          if (keep) {
            diagnostics.add(d);
          }
        }
      }
    }
    return new Compilation(units, Optional.of(model), diagnostics.sorted());
  }

  /** The spans of the top-level declarations that hold one of the errors. */
  private static List<SourceSpan> touched(List<CompilationUnit> units, List<Diagnostic> errors) {
    List<SourceSpan> touched = new ArrayList<>();
    for (Diagnostic d : errors) {
      Decl decl = declarationHolding(d.span(), units);
      touched.add(decl == null ? d.span() : decl.span());
    }
    return touched;
  }

  /** Whether a flow check's diagnostic lies in a top-level declaration that no earlier error touched. */
  private static boolean untouched(SourceSpan span, List<CompilationUnit> units, List<SourceSpan> touched) {
    Decl decl = declarationHolding(span, units);
    return decl != null && touched.stream().noneMatch(t -> overlaps(t, decl.span()));
  }

  private static Decl declarationHolding(SourceSpan span, List<CompilationUnit> units) {
    if (span.isNone()) {
      return null;
    }
    for (CompilationUnit unit : units) {
      if (unit.file() != span.file()) {
        continue;
      }
      for (Decl decl : unit.declarations()) {
        if (decl.span().start() <= span.start() && span.end() <= decl.span().end()) {
          return decl;
        }
      }
    }
    return null;
  }

  private static boolean overlaps(SourceSpan a, SourceSpan b) {
    return a.file() == b.file() && a.start() < Math.max(b.end(), b.start() + 1) && b.start() < Math.max(a.end(), a.start() + 1);
  }
}
