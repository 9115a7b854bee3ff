package dev.flow.compiler.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.types.Type;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.source.SourceFile;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Runs the front end on Flow text and picks out what name resolution and type checking report. */
final class CheckTesting {
  private CheckTesting() {}

  /** The codes resolution and type checking own. */
  static final Set<Code> OWN = EnumSet.of(Code.E100, Code.E101, Code.E102, Code.E103, Code.E104,
      Code.E200, Code.E201, Code.E202, Code.E203, Code.E204, Code.E205, Code.E206, Code.W002);

  /** Compiles {@code a.flow}, {@code b.flow}, … together (in check mode). */
  static Compilation compile(String... sources) {
    List<SourceFile> files = new ArrayList<>();
    for (int i = 0; i < sources.length; i++) {
      files.add(new SourceFile((char) ('a' + i) + ".flow", sources[i]));
    }
    return Compiler.check(files);
  }

  /**
   * The diagnostics of the codes this stage owns, as {@code "E200 3:14 message"} (with the file
   * name first when there are several files), in source order.
   */
  static List<String> reported(String... sources) {
    List<String> out = new ArrayList<>();
    for (Diagnostic d : compile(sources).diagnostics()) {
      if (OWN.contains(d.code())) {
        String file = sources.length > 1 ? d.span().fileName() + ":" : "";
        out.add(d.code() + " " + file + d.span().line() + ":" + d.span().column() + " " + d.message());
      }
    }
    return out;
  }

  /** Only the codes of {@link #reported}, for tests about which code wins. */
  static List<String> codes(String... sources) {
    return reported(sources).stream().map(s -> s.substring(0, s.indexOf(' '))).toList();
  }

  /** The one diagnostic of this stage, asserting there is exactly one. */
  static Diagnostic only(String source) {
    List<Diagnostic> own = compile(source).diagnostics().stream().filter(d -> OWN.contains(d.code())).toList();
    assertTrue(own.size() == 1, () -> "expected one diagnostic, got " + own);
    return own.get(0);
  }

  /** {@code line:col} of the {@code nth} (from 1) occurrence of {@code snippet}, plus {@code skip} characters. */
  static String at(String source, String snippet, int nth, int skip) {
    int offset = -1;
    for (int i = 0; i < nth; i++) {
      offset = source.indexOf(snippet, offset + 1);
      if (offset < 0) {
        throw new IllegalArgumentException("`" + snippet + "` occurs fewer than " + nth + " times");
      }
    }
    SourceFile file = new SourceFile("x", source);
    return file.lineOf(offset + skip) + ":" + file.columnOf(offset + skip);
  }

  static String at(String source, String snippet) {
    return at(source, snippet, 1, 0);
  }

  /** The inferred type of the value of {@code let name = …} somewhere in a workflow. */
  static Type typeOfLet(Compilation c, String name) {
    SemanticModel model = c.model().orElseThrow();
    for (Decl d : model.declarations()) {
      if (d instanceof Decl.WorkflowDecl w) {
        Optional<Stmt.Let> let = findLet(w.body(), name);
        if (let.isPresent()) {
          return model.typeOf(let.get().value());
        }
      }
    }
    throw new IllegalArgumentException("no `let " + name + "`");
  }

  private static Optional<Stmt.Let> findLet(Block b, String name) {
    for (Stmt s : b.statements()) {
      if (s instanceof Stmt.Let let && let.name().text().equals(name)) {
        return Optional.of(let);
      }
      List<Block> inner = new ArrayList<>();
      if (s instanceof Stmt.If i) {
        i.arms().forEach(a -> inner.add(a.body()));
        i.otherwise().ifPresent(inner::add);
      } else if (s instanceof Stmt.ForEach f) {
        inner.add(f.body());
      } else if (s instanceof Stmt.While w) {
        inner.add(w.body());
      } else if (s instanceof Stmt.Try t) {
        inner.add(t.body());
        inner.addAll(t.handlers());
      }
      for (Block x : inner) {
        Optional<Stmt.Let> found = findLet(x, name);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }
}
