package dev.flow.compiler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.codegen.JavaGenerator;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diagram.Diagrams;
import dev.flow.compiler.docs.Docs;
import dev.flow.compiler.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deep nesting of every kind is E003 in words, never a StackOverflowError; and the deepest
 * nesting the limit lets through goes through every stage (check, Java, diagrams, docs) on a
 * thread with a stack of 1 MB, the JVM's default for threads other than main.
 */
class NestingLimitTest {
  private static final String HEAD = "package test.deep\nrole Clerk\nsystem Sys { action get(x: Int): Int }\n"
      + "record Box { n: Int, box: Box? }\n";

  /** A workflow whose body is {@code body}. */
  private static String workflow(String body) {
    return HEAD + "workflow W {\n  owner Clerk\n  input box: Box\n  input x: Int?\n" + body + "\n}\n";
  }

  private static String repeat(String s, int n) {
    return s.repeat(Math.max(0, n));
  }

  static Stream<Map.Entry<String, IntFunction<String>>> shapes() {
    return Stream.of(
        Map.entry("if", n -> workflow(repeat("if true {\n", n) + "notify Clerk \"x\"" + repeat("}\n", n))),
        Map.entry("else if", n -> workflow("if false { notify Clerk \"a\" }"
            + repeat(" else if false { notify Clerk \"a\" }", n))),
        Map.entry("parallel", n -> workflow(repeat("parallel { branch b { ", n) + "notify Clerk \"x\"" + repeat("} }\n", n))),
        Map.entry("first", n -> workflow(repeat("first { branch b { ", n) + "notify Clerk \"x\"" + repeat("} }\n", n))),
        Map.entry("for each", n -> workflow(repeat("for each i in [1] { ", n) + "notify Clerk \"x\"" + repeat("}\n", n))),
        Map.entry("while", n -> workflow(repeat("while false { ", n) + "notify Clerk \"x\"" + repeat("}\n", n))),
        Map.entry("repeat", n -> workflow(repeat("repeat at most 2 times { ", n) + "notify Clerk \"x\"" + repeat("}\n", n))),
        Map.entry("try", n -> workflow(repeat("try { ", n) + "notify Clerk \"x\""
            + repeat("} catch { notify Clerk \"y\" }\n", n))),
        Map.entry("match", n -> workflow(repeat("match 1 { 1 -> { ", n) + "notify Clerk \"x\"" + repeat("} else -> { } }\n", n))),
        Map.entry("parentheses", n -> workflow("let v: Int = " + repeat("(", n) + "1" + repeat(")", n))),
        Map.entry("lists", n -> workflow("let v: Int = size(" + repeat("[", n) + "1" + repeat("]", n) + ")")),
        Map.entry("interpolations", n -> workflow("notify Clerk " + repeat("\"{", n) + "1" + repeat("}\"", n))),
        Map.entry("additions", n -> workflow("let v: Int = 1" + repeat(" + 1", n))),
        Map.entry("nots", n -> workflow("let v: Bool = " + repeat("not ", n) + "true")),
        Map.entry("minuses", n -> workflow("let v: Int = " + repeat("- ", n) + "1")),
        Map.entry("defaults", n -> workflow("let v: Int = x" + repeat(" ?? x", n) + " ?? 1")),
        Map.entry("fields", n -> workflow("let v: Box? = box" + repeat(".box", n))),
        Map.entry("types", n -> workflow("let v: " + repeat("List<", n) + "Int" + repeat(">", n) + " = "
            + repeat("[", n) + "1" + repeat("]", n))));
  }

  /** Runs {@code work} on a thread with a 1 MB stack; what it threw, if anything. */
  private static Throwable onSmallStack(Runnable work) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        work.run();
      } catch (Throwable e) { // a StackOverflowError is what this test is looking for
        thrown.set(e);
      }
    }, "small-stack", 1 << 20);
    t.start();
    t.join();
    return thrown.get();
  }

  private static Compilation compile(String text) {
    return Compiler.compile(List.of(new SourceFile("deep.flow", text)), Compiler.Mode.GENERATE);
  }

  private static boolean tooDeep(Compilation c) {
    return c.diagnostics().stream().anyMatch(d -> d.code() == Code.E003);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void deepNestingIsADiagnosticInWords(Map.Entry<String, IntFunction<String>> shape) throws InterruptedException {
    AtomicReference<Compilation> result = new AtomicReference<>();
    Throwable thrown = onSmallStack(() -> result.set(compile(shape.getValue().apply(20_000))));
    assertEquals(null, thrown, () -> shape.getKey() + " nested 20,000 deep threw " + thrown);
    List<Diagnostic> diagnostics = result.get().diagnostics();
    assertEquals(1, diagnostics.size(), () -> diagnostics.toString());
    assertEquals(Code.E003, diagnostics.get(0).code());
    assertEquals("nested more than 100 levels deep", diagnostics.get(0).message());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void theDeepestNestingAllowedGoesThroughEveryStage(Map.Entry<String, IntFunction<String>> shape) throws InterruptedException {
    int n = NestingLimit.MAX_DEPTH;
    while (n > 0 && tooDeep(compile(shape.getValue().apply(n)))) {
      n--;
    }
    assertTrue(n >= 30, shape.getKey() + " is allowed only " + n + " levels");
    String text = shape.getValue().apply(n);
    Throwable thrown = onSmallStack(() -> {
      Compilation c = compile(text);
      c.model().ifPresent(model -> {
        if (!c.hasErrors()) {
          JavaGenerator.generate(model);
        }
        Diagrams.files(model);
        Docs.files(model);
      });
    });
    int depth = n;
    assertEquals(null, thrown, () -> shape.getKey() + " nested " + depth + " deep threw " + thrown);
  }
}
