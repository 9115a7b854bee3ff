package dev.flow.compiler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.source.SourceFile;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FlowParsingTest {

  static CompilationUnit parse(String text) {
    Diagnostics d = new Diagnostics();
    CompilationUnit unit = FlowParsing.parse(new SourceFile("t.flow", text), d).orElse(null);
    assertTrue(d.list().isEmpty(), () -> "unexpected diagnostics: " + d.list());
    return unit;
  }

  static List<Diagnostic> errors(String text) {
    Diagnostics d = new Diagnostics();
    FlowParsing.parse(new SourceFile("t.flow", text), d);
    return d.sorted();
  }

  static Decl.WorkflowDecl workflow(CompilationUnit unit) {
    return unit.declarations().stream()
        .filter(Decl.WorkflowDecl.class::isInstance)
        .map(Decl.WorkflowDecl.class::cast)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void contextualKeywordsAreNames() {
    CompilationUnit unit = parse("""
        package com.acme.support
        system Mail { action send(to: Text, from: Text) }
        record Meeting { start: Date, event: Text }
        workflow W {
          step event by Mail.send(to: "a", from: "b")
          let start = 1
          wait until start
        }
        """);
    assertEquals("com.acme.support", unit.packageText());
    Decl.SystemDecl mail = (Decl.SystemDecl) unit.declarations().get(0);
    assertEquals(List.of("to", "from"),
        mail.actions().get(0).parameters().stream().map(f -> f.name().text()).toList());
    Stmt.SystemStep step = (Stmt.SystemStep) workflow(unit).body().statements().get(0);
    assertEquals("event", step.name().text());
  }

  @Test
  void docCommentsAttachToWhatFollows() {
    CompilationUnit unit = parse("""
        /// Owns the client.
        /// Second line.
        role AccountManager
        workflow W {
          /// Make the folder.
          step a by AccountManager
        }
        """);
    assertEquals("Owns the client.\nSecond line.", unit.declarations().get(0).doc().text());
    assertEquals("Make the folder.", workflow(unit).body().statements().get(0).doc().text());
  }

  /**
   * A doc comment's text: each line without `///` and one space and without trailing white space,
   * an empty first line dropped, empty lines kept between, the whole stripped; a plain comment
   * between two `///` lines does not break them; a line may hold characters outside the BMP (the
   * file's offsets are then not ANTLR's).
   */
  @Test
  void docCommentLinesAreTrimmedAndJoined() {
    CompilationUnit unit = parse("/// \r\n"
        + "///First line, no space.  \r\n"
        + "///    indented   \n"
        + "///\n"
        + "// not a doc line\n"
        + "/// \u00dcn\u00efc\u00f6d\u00e9 \u2014 ok\t\n"
        + "role R\n"
        + "/// \ud83d\ude42 smile\n"
        + "/// \ud83d\ude42\n"
        + "role S \"\ud83d\ude42\"\n"
        + "role T\n"
        + "///\n"
        + "role U\n");
    List<Decl> decls = unit.declarations();
    assertEquals("First line, no space.\n   indented\n\n\u00dcn\u00efc\u00f6d\u00e9 \u2014 ok", decls.get(0).doc().text());
    assertEquals("\ud83d\ude42 smile\n\ud83d\ude42", decls.get(1).doc().text());
    assertTrue(decls.get(2).doc().isEmpty());
    assertEquals("", decls.get(3).doc().text());
  }

  @Test
  void interpolationAndEscapes() {
    CompilationUnit unit = parse("""
        workflow W {
          notify "a@b.c" "Hi {name ?? "there"}, \\{ok} \\"q\\" } done"
        }
        """);
    Stmt.Notify n = (Stmt.Notify) workflow(unit).body().statements().get(0);
    Expr.StringLit s = (Expr.StringLit) n.message();
    assertEquals(3, s.parts().size());
    assertEquals("Hi ", ((Expr.TextPart) s.parts().get(0)).text());
    Expr.Interpolation i = (Expr.Interpolation) s.parts().get(1);
    assertInstanceOf(Expr.Binary.class, i.expr());
    assertEquals(", {ok} \"q\" } done", ((Expr.TextPart) s.parts().get(2)).text());
  }

  @Test
  void durationsDatesAndNumbers() {
    CompilationUnit unit = parse("""
        workflow W {
          let a = 1d12h
          let b = 2w
          let c = 10_000
          let d = 12.50
          let e = 2026-11-24
        }
        """);
    List<Stmt> body = workflow(unit).body().statements();
    assertEquals(Duration.ofHours(36), ((Expr.DurationLit) ((Stmt.Let) body.get(0)).value()).value());
    assertEquals(Duration.ofDays(14), ((Expr.DurationLit) ((Stmt.Let) body.get(1)).value()).value());
    assertEquals(10_000L, ((Expr.IntLit) ((Stmt.Let) body.get(2)).value()).value());
    assertEquals("12.50", ((Expr.DecimalLit) ((Stmt.Let) body.get(3)).value()).value().toPlainString());
    assertEquals("2026-11-24", ((Expr.DateLit) ((Stmt.Let) body.get(4)).value()).value().toString());
  }

  @Test
  void elvisBindsTighterThanComparisonAndLooserThanArithmetic() {
    CompilationUnit unit = parse("workflow W { let a = x ?? 0 > 5\n let b = x ?? y ?? 1 + 2 }");
    Expr.Binary a = (Expr.Binary) ((Stmt.Let) workflow(unit).body().statements().get(0)).value();
    assertEquals(Expr.BinaryOp.GT, a.op());
    assertEquals(Expr.BinaryOp.ELVIS, ((Expr.Binary) a.left()).op());
    Expr.Binary b = (Expr.Binary) ((Stmt.Let) workflow(unit).body().statements().get(1)).value();
    assertEquals(Expr.BinaryOp.ELVIS, b.op());
    Expr.Binary right = (Expr.Binary) b.right();
    assertEquals(Expr.BinaryOp.ELVIS, right.op(), "?? is right-associative");
    assertEquals(Expr.BinaryOp.ADD, ((Expr.Binary) right.right()).op());
  }

  @Test
  void forEachInParallelIsNotAMembershipTest() {
    CompilationUnit unit = parse(
        "workflow W { for each d in docs in parallel { wait 1d } for each p in parallelItems { wait 1d } }");
    List<Stmt> body = workflow(unit).body().statements();
    assertTrue(((Stmt.ForEach) body.get(0)).parallel());
    assertFalse(((Stmt.ForEach) body.get(1)).parallel());
  }

  @Test
  void syntaxErrorsAreInWords() {
    List<Diagnostic> d = errors("role R\nworkflow W {\n  step 42 by R\n}\n");
    assertEquals(1, d.size());
    assertEquals(Code.E001, d.get(0).code());
    assertTrue(d.get(0).message().startsWith("expected a step name after 'step'"), d.get(0).message());
    assertEquals(3, d.get(0).span().line());
    assertEquals(8, d.get(0).span().column());
  }

  @Test
  void reportsEveryErrorOfAFile() {
    List<Diagnostic> d = errors("""
        workflow A {
          step by R
        }
        workflow B {
          approval x by
        }
        workflow C {
          let = 1
        }
        """);
    assertEquals(List.of(2, 5, 8), d.stream().map(x -> x.span().line()).toList(), d.toString());
  }

  @Test
  void badLiteralsAreE002() {
    List<Diagnostic> d = errors("""
        workflow W {
          wait 2days
          wait 12h1d
          let s = "open
          let t = "bad \\q"
          let u = 2026-02-30
        }
        """);
    assertEquals(List.of(Code.E002, Code.E002, Code.E002, Code.E002, Code.E002),
        d.stream().map(Diagnostic::code).toList(), d.toString());
    assertEquals(List.of(2, 3, 4, 5, 6), d.stream().map(x -> x.span().line()).toList());
  }

  @Test
  void headerClauseAfterStatementIsReported() {
    List<Diagnostic> d = errors("workflow W {\n  wait 1d\n  owner R\n}\n");
    assertEquals(1, d.size());
    assertEquals(3, d.get(0).span().line());
  }

  /** Cut every example at many points: the parser must report, never throw. */
  @Test
  void brokenInputNeverThrowsAndNeverSpeaksAntlr() throws Exception {
    String source = """
        package com.acme
        role R "Title"
        system S { action a(x: Text): Text  retry 3 times every 10s backoff 2  timeout 30s }
        event E { client: Text, items: List<Text> }
        process P { category operational goal "g" owner R workflows W
          measure m from W.start to W.end target 5d }
        workflow W {
          owner R
          starts on E
          input e: E
          output o: Text?
          step a by S.a(x: e.client) retry 2 times compensate with S.a(x: "undo")
          approval ok by R within 2d escalate to R
          if not ok.approved { fail "no {e.client}" } else if true { wait 1d } else { wait until today() }
          match e.client { "a", "b" -> { complete } else -> { cancel "x" } }
          parallel { branch x when size(e.items) > 2 { notify R "hi" } branch y { wait 1h } }
          first { branch s { receive r: E where r.client == e.client within 3d } }
          for each i in e.items in parallel { start W(e: e) }
          repeat at most 3 times { call c: W(e: e) } until true
          while false { go to a }
          try { set o = a } catch err { notify R "{err.message}" }
        }
        """;
    parse(source);
    String[] banned = {"mismatched", "extraneous", "viable", "<EOF>", "token recognition", "missing '", "rule",
        "Context", "ID", "STRING_OPEN", "DURATION"};
    for (int cut = 0; cut < source.length(); cut += 7) {
      String truncated = source.substring(0, cut);
      String gap = truncated + source.substring(Math.min(source.length(), cut + 3));
      for (String variant : List.of(truncated, gap)) {
        Diagnostics d = new Diagnostics();
        FlowParsing.parse(new SourceFile("t.flow", variant), d);
        for (Diagnostic x : d.list()) {
          for (String word : banned) {
            assertFalse(x.message().contains(word), () -> "`" + word + "` in: " + x.message());
          }
          assertFalse(x.message().toLowerCase(Locale.ROOT).contains("exception"), x.message());
        }
      }
    }
  }
}
