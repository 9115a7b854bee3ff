package dev.flow.compiler.ast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The printer gives back Flow source that parses to the same tree: checked on hand-picked
 * precedence cases, and on every expression of the examples and of the valid-model corpus.
 */
class ExprPrinterTest {
  /** Parses one expression (as the value of a {@code let}). */
  static Expr parse(String expr) {
    String text = "workflow W {\n  let x = " + expr + "\n}\n";
    Compilation c = Compiler.check(List.of(new SourceFile("e.flow", text)));
    assertFalse(c.units().isEmpty(), () -> "does not parse: " + expr + "\n" + c.diagnostics());
    assertTrue(c.diagnostics().stream().noneMatch(d -> d.code().name().startsWith("E00")), () -> expr + " " + c.diagnostics());
    Decl.WorkflowDecl w = (Decl.WorkflowDecl) c.units().get(0).declarations().get(0);
    return ((Stmt.Let) w.body().statements().get(0)).value();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "a + b * c", "(a + b) * c", "a - (b - c)", "a - b - c", "a ?? b ?? c", "(a ?? b) ?? c", "x ?? 0 > 5",
      "not a == b", "(not a) == b", "a and not b", "not (a and b)", "a or b and c", "(a or b) and c",
      "-(a + b)", "-a.b", "(a ?? b).c", "size(items) == 0", "[1, 2.50, 10_000]", "x in [Tier.Basic, Tier.Pro]",
      "\"Hello {name}, \\\"quoted\\\" \\{not} \\\\ \\n\\t {a ?? \"b\"}\"", "today() + 1d * days", "2026-11-24",
      "1d12h", "none", "true", "a / b / c", "a / (b / c)", "-(-a)", "lower(trim(x)) != \"\"",
      "Document(name: \"x\", url: none, pages: 2)", "items + [Line(n: a.b + 1)]", "2026-11-24T09:00:00Z",
      "2026-11-24T10:00+01:00 - 1h"})
  void printsWhatItParsed(String source) {
    Expr parsed = parse(source);
    String printed = ExprPrinter.print(parsed);
    assertEquals(source, printed);
    assertEquals(shape(parsed), shape(parse(printed)));
  }

  @Test
  void everyExpressionOfTheExamplesAndTheValidModelsPrintsBackToTheSameTree() throws IOException {
    List<Path> roots = List.of(Path.of("../../examples"), Path.of("src/test/resources/valid"));
    int count = 0;
    for (Path root : roots) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : files.filter(f -> f.toString().endsWith(".flow")).sorted().toList()) {
          Compilation c = Compiler.check(List.of(SourceFile.read(p)));
          for (CompilationUnit u : c.units()) {
            for (Expr e : expressions(u)) {
              String printed = ExprPrinter.print(e);
              assertEquals(shape(e), shape(parse(printed)), p + ": " + printed);
              count++;
            }
          }
        }
      }
    }
    assertTrue(count > 500, "only " + count + " expressions");
  }

  @Test
  void templatesShowTheMessage() {
    Expr.StringLit s = (Expr.StringLit) parse("\"Dear {name}, total: {a + b}\\n\"");
    assertEquals("Dear {name}, total: {a + b}\n", ExprPrinter.template(s));
  }

  /** The tree without spans, fully parenthesised. */
  static String shape(Expr e) {
    if (e instanceof Expr.Binary b) {
      return "(" + shape(b.left()) + " " + b.op() + " " + shape(b.right()) + ")";
    }
    if (e instanceof Expr.Unary u) {
      return "(" + u.op() + " " + shape(u.operand()) + ")";
    }
    if (e instanceof Expr.FieldAccess f) {
      return shape(f.target()) + "." + f.field().text();
    }
    if (e instanceof Expr.FunctionCall c) {
      return c.function().text() + c.arguments().stream().map(ExprPrinterTest::shape).toList();
    }
    if (e instanceof Expr.ListLit l) {
      return l.elements().stream().map(ExprPrinterTest::shape).toList().toString();
    }
    if (e instanceof Expr.Construct k) {
      return "NEW " + k.type().text() + k.arguments().stream().map(a -> a.name().text() + "=" + shape(a.value())).toList();
    }
    if (e instanceof Expr.TimestampLit t) {
      return "TS" + t.value();
    }
    if (e instanceof Expr.StringLit s) {
      StringBuilder out = new StringBuilder("STR<");
      for (Expr.StringPart p : s.parts()) {
        out.append(p instanceof Expr.TextPart t ? "T:" + t.text() : "I:" + shape(((Expr.Interpolation) p).expr())).append('|');
      }
      return out.append('>').toString();
    }
    if (e instanceof Expr.IntLit i) {
      return "INT" + i.value();
    }
    if (e instanceof Expr.DecimalLit d) {
      return "DEC" + d.value().toPlainString();
    }
    if (e instanceof Expr.DurationLit d) {
      return "DUR" + d.value();
    }
    if (e instanceof Expr.DateLit d) {
      return "DATE" + d.value();
    }
    if (e instanceof Expr.BoolLit b) {
      return "BOOL" + b.value();
    }
    if (e instanceof Expr.NoneLit) {
      return "NONE";
    }
    return "NAME" + ((Expr.NameRef) e).name().text();
  }

  /** Every top-level expression of a file's workflows (statements' expressions; nested ones are inside them). */
  static List<Expr> expressions(CompilationUnit unit) {
    List<Expr> out = new ArrayList<>();
    for (Decl d : unit.declarations()) {
      if (d instanceof Decl.WorkflowDecl w) {
        block(w.body(), out);
      }
    }
    return out;
  }

  private static void block(Block b, List<Expr> out) {
    for (Stmt s : b.statements()) {
      if (s instanceof Stmt.SystemStep st) {
        st.call().arguments().forEach(a -> out.add(a.value()));
      } else if (s instanceof Stmt.Notify n) {
        out.add(n.target());
        out.add(n.message());
      } else if (s instanceof Stmt.Wait w) {
        out.add(w.duration());
      } else if (s instanceof Stmt.WaitUntil w) {
        out.add(w.time());
      } else if (s instanceof Stmt.Receive r) {
        r.where().ifPresent(out::add);
      } else if (s instanceof Stmt.Call c) {
        c.arguments().forEach(a -> out.add(a.value()));
      } else if (s instanceof Stmt.Start st) {
        st.arguments().forEach(a -> out.add(a.value()));
      } else if (s instanceof Stmt.Let l) {
        out.add(l.value());
      } else if (s instanceof Stmt.Set st) {
        out.add(st.value());
      } else if (s instanceof Stmt.If f) {
        f.arms().forEach(a -> {
          out.add(a.condition());
          block(a.body(), out);
        });
        f.otherwise().ifPresent(o -> block(o, out));
      } else if (s instanceof Stmt.Match m) {
        out.add(m.subject());
        m.arms().forEach(a -> block(a.body(), out));
        m.otherwise().ifPresent(o -> block(o, out));
      } else if (s instanceof Stmt.Parallel p) {
        p.branches().forEach(br -> {
          br.when().ifPresent(out::add);
          block(br.body(), out);
        });
      } else if (s instanceof Stmt.First f) {
        f.branches().forEach(br -> block(br.body(), out));
      } else if (s instanceof Stmt.ForEach f) {
        out.add(f.iterable());
        block(f.body(), out);
      } else if (s instanceof Stmt.Repeat r) {
        out.add(r.maxTimes());
        r.until().ifPresent(out::add);
        block(r.body(), out);
      } else if (s instanceof Stmt.While w) {
        out.add(w.condition());
        block(w.body(), out);
      } else if (s instanceof Stmt.Try t) {
        block(t.body(), out);
        t.handlers().forEach(h -> block(h, out));
      } else if (s instanceof Stmt.Fail f) {
        out.add(f.message());
      } else if (s instanceof Stmt.Cancel c) {
        out.add(c.reason());
      }
    }
  }
}
