package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 18's findings about generated Java, each as a short reproducer: line terminators of every
 * kind in strings and comments, names that would hide packages or types, and literals whose text
 * JavaPoet used to split so that a method call bound to the last piece only.
 */
class CodegenHardeningTest {
  private static final String TERMINATORS = "\u0085\u2028\u2029\u000B\u000C";

  private static String text(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  private static Object output(ClassLoader loader, String workflowClass, Map<String, ?> input, String name)
      throws ReflectiveOperationException {
    WorkflowDefinition<?, ?> workflow =
        (WorkflowDefinition<?, ?>) Class.forName(workflowClass, true, loader).getField("DEFINITION").get(null);
    Object outputs = new FakeContext(loader).run(workflow, Values.convert(input, workflow.inputType()));
    for (java.lang.reflect.RecordComponent c : outputs.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        return c.getAccessor().invoke(outputs);
      }
    }
    throw new AssertionError(outputs + " has no " + name);
  }

  @Test
  void aLiteralWithALineBreakIsComparedWhole() throws Exception {
    ClassLoader loader = GeneratedCode.compile(GeneratedCode.generate(text(
        "package test.split",
        "role Clerk",
        "workflow W {",
        "  owner Clerk",
        "  input t: Text",
        "  output same: Text",
        "  output matched: Text",
        "  set same = \"{\"a\\nb\" == t}\"",
        "  match t {",
        "    \"a\\nb\" -> { set matched = \"yes\" }",
        "    else -> { set matched = \"no\" }",
        "  }",
        "}")));
    assertEquals("true", output(loader, "test.split.W", Map.of("t", "a\nb"), "same"));
    assertEquals("yes", output(loader, "test.split.W", Map.of("t", "a\nb"), "matched"));
    assertEquals("false", output(loader, "test.split.W", Map.of("t", "b"), "same"));
  }

  @Test
  void everyLineTerminatorInTextCompilesAndKeepsItsValue() throws Exception {
    ClassLoader loader = GeneratedCode.compile(GeneratedCode.generate(text(
        "package test.terminators",
        "/// role" + TERMINATORS + "doc",
        "role Clerk \"title" + TERMINATORS + "\"",
        "system Mail \"mail" + TERMINATORS + "\" { action send(to: Text) }",
        "process P {",
        "  category support",
        "  goal \"goal" + TERMINATORS + "\u0000\u202E\"",
        "  owner Clerk",
        "  workflows W",
        "  measure m \"m" + TERMINATORS + "\" from W.start to W.end",
        "}",
        "/// workflow" + TERMINATORS + "doc",
        "workflow W {",
        "  owner Clerk",
        "  output said: Text",
        "  /// step" + TERMINATORS + "doc",
        "  step send by Mail.send(to: \"x" + TERMINATORS + "\")",
        "  parallel {",
        "    /// branch\u000Cdoc",
        "    branch b { notify Clerk \"n" + TERMINATORS + "\" }",
        "  }",
        "  set said = \"s" + TERMINATORS + "\u0001\u001B\u007F\u009F\"",
        "}")));
    assertEquals("s" + TERMINATORS + "\u0001\u001B\u007F\u009F", output(loader, "test.terminators.W", Map.of(), "said"));
  }

  @Test
  void aLineTerminatorInADocCommentCannotInjectCode() {
    for (char terminator : TERMINATORS.toCharArray()) {
      String injected = "System.out.println(\"INJECTED\");";
      SortedMap<String, String> java = GeneratedCode.generate(text(
          "package test.inject",
          "role Clerk",
          "workflow W {",
          "  owner Clerk",
          "  /// Ask the team." + terminator + injected,
          "  notify Clerk \"hi\"",
          "  parallel {",
          "    /// A branch." + terminator + injected,
          "    branch b { notify Clerk \"b\" }",
          "  }",
          "}"));
      GeneratedCode.compile(java);
      for (String line : java.get("test/inject/W.java").split("\n")) {
        if (line.contains("INJECTED")) {
          String code = line.strip();
          assertTrue(code.startsWith("//") || code.startsWith("*") || code.startsWith(".doc("),
              () -> "text of a doc comment escaped its comment: " + line);
        }
      }
    }
  }

  @Test
  void namesThatArePackageRootsOrRuntimeTypesCompile() throws Exception {
    ClassLoader loader = GeneratedCode.compile(GeneratedCode.generate(text(
        "package dev.java.input",
        "role Clerk",
        "record FormField { java: Text, dev: Text, Objects: Text, List: Int }",
        "record dev { javax: Text }",
        "enum javax { dev, java }",
        "workflow input {",
        "  owner Clerk",
        "  input java: FormField",
        "  input dev: dev",
        "  output Objects: Text",
        "  step FormField by Clerk { values: Text, FORM: Text }",
        "  for each _ in [1, 2] {",
        "    step __ by Clerk",
        "  }",
        "  let input: javax = javax.dev",
        "  set Objects = \"{java.java} {java.Objects} {dev.javax} {FormField.values} {input}\"",
        "}")));
    assertTrue(loader.loadClass("dev.java.input.input_").getName().endsWith("input_"));
  }

  @Test
  void aValueThatIsAlwaysNoneIsUsedWhereAnOptionalGoes() throws Exception {
    ClassLoader loader = GeneratedCode.compile(GeneratedCode.generate(text(
        "package test.nothing",
        "role Clerk",
        "system Sys { action put(x: Text?, d: Date?) }",
        "workflow W {",
        "  owner Clerk",
        "  output said: Text",
        "  set said = \"start\"",
        "  for each x in [none] {",
        "    step put by Sys.put(x: x, d: x)",
        "    set said = x ?? \"default\"",
        "  }",
        "}")));
    assertTrue(loader.loadClass("test.nothing.W").getName().endsWith("W"));
  }

  @Test
  void aJavaPackageIsRejected() {
    dev.flow.compiler.Compilation c = dev.flow.compiler.Compiler.compile(
        List.of(new dev.flow.compiler.source.SourceFile("a.flow", text("package java.acme", "role Clerk"))),
        dev.flow.compiler.Compiler.Mode.GENERATE);
    assertTrue(c.hasErrors());
    assertFalse(c.diagnostics().isEmpty());
  }
}
