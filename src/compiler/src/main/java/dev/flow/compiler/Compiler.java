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
 * before names are resolved; after errors of names and types, the flow checks still report in
 * the declarations those errors do not touch, so that independent mistakes come in one run and
 * one mistake still gives one diagnostic.
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
      }
    }
    SemanticModel model = Resolver.resolve(units, diagnostics);
    List<SourceSpan> touched = touched(units, diagnostics.list());
    for (Check check : FlowChecks.all()) {
      if (touched.isEmpty()) {
        diagnostics.addAll(check.check(model));
      } else if (check.isLocal()) {
        for (Diagnostic d : check.check(model)) {
          if (untouched(d.span(), units, touched)) {
            diagnostics.add(d);
          }
        }
      }
    }
    return new Compilation(units, Optional.of(model), diagnostics.sorted());
  }

  /**
   * The spans of the top-level declarations that hold an error of names or types (a missing
   * package touches none: it says nothing about the declarations).
   */
  private static List<SourceSpan> touched(List<CompilationUnit> units, List<Diagnostic> found) {
    List<SourceSpan> touched = new ArrayList<>();
    for (Diagnostic d : found) {
      if (d.isError() && d.code() != Code.E105) {
        Decl decl = declarationHolding(d.span(), units);
        touched.add(decl == null ? d.span() : decl.span());
      }
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
