package dev.flow.compiler.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.source.SourceFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixes the checker attaches: applied to the text, the mistake is gone and nothing new appears. */
class FixTest {
  private static final String HEAD = "package com.acme.fix\n\nrole Clerk\nenum Plan { Basic, Pro, Enterprise }\n"
      + "record Intake { client: Text, plan: Plan }\nsystem Drive { action share(folder: Text, email: Text) }\n";

  /** The one diagnostic of a file, its first fix applied, and the file checked again. */
  private static String fixOnce(String text, Code code, Compiler.Mode mode) {
    SourceFile file = new SourceFile("dir/fix.flow", text);
    Compilation c = Compiler.compile(List.of(file), mode);
    List<Diagnostic> errors = c.diagnostics().stream().filter(Diagnostic::isError).toList();
    assertEquals(1, errors.size(), () -> c.diagnostics().toString());
    Diagnostic d = errors.get(0);
    assertEquals(code, d.code(), d::toString);
    assertFalse(d.fixes().isEmpty(), () -> "no fix for " + d);
    String fixed = apply(text, d.fixes().get(0));
    Compilation again = Compiler.compile(List.of(new SourceFile("dir/fix.flow", fixed)), mode);
    assertTrue(again.diagnostics().stream().noneMatch(Diagnostic::isError), () -> fixed + "\n" + again.diagnostics());
    return fixed;
  }

  static String apply(String text, Fix fix) {
    List<Fix.Edit> edits = new ArrayList<>(fix.edits());
    edits.sort(Comparator.comparingInt((Fix.Edit e) -> e.span().start()).reversed());
    StringBuilder out = new StringBuilder(text);
    for (Fix.Edit e : edits) {
      out.replace(e.span().start(), e.span().end(), e.text());
    }
    return out.toString();
  }

  @Test
  void didYouMeanReplacesTheName() {
    String fixed = fixOnce(HEAD + "workflow W {\n  owner Clerk\n  step a by Clrk\n}\n", Code.E100, Compiler.Mode.CHECK);
    assertTrue(fixed.contains("step a by Clerk\n"), fixed);
  }

  @Test
  void didYouMeanForFieldsActionsArgumentsAndConstants() {
    fixOnce(HEAD + "workflow W {\n  owner Clerk\n  input i: Intake\n  notify Clerk \"{i.clent}\"\n}\n", Code.E201,
        Compiler.Mode.CHECK);
    fixOnce(HEAD + "workflow W {\n  owner Clerk\n  step s by Drive.shar(folder: \"a\", email: \"b\")\n}\n", Code.E201,
        Compiler.Mode.CHECK);
    fixOnce(HEAD + "workflow W {\n  owner Clerk\n  step s by Drive.share(foldr: \"a\", email: \"b\")\n}\n", Code.E202,
        Compiler.Mode.CHECK);
    fixOnce(HEAD + "workflow W {\n  owner Clerk\n  input i: Intake\n  if i.plan == Plan.Bsic { wait 1d }\n}\n", Code.E201,
        Compiler.Mode.CHECK);
  }

  @Test
  void missingArmsOrElse() {
    String match = HEAD + "workflow W {\n  owner Clerk\n  input i: Intake\n  match i.plan {\n    Basic -> { wait 1d }\n  }\n}\n";
    String fixed = fixOnce(match, Code.E205, Compiler.Mode.CHECK);
    assertTrue(fixed.contains("    Basic -> { wait 1d }\n    Pro -> {}\n    Enterprise -> {}\n  }\n"), fixed);
    SourceFile file = new SourceFile("fix.flow", match);
    Diagnostic d = Compiler.check(List.of(file)).diagnostics().stream()
        .filter(x -> x.code() == Code.E205).findFirst().orElseThrow();
    assertEquals("add an `else` arm", d.fixes().get(1).title());
    String inline = HEAD + "workflow W {\n  owner Clerk\n  input i: Intake\n  match i.client { \"a\" -> { wait 1d } }\n}\n";
    assertTrue(fixOnce(inline, Code.E205, Compiler.Mode.CHECK).contains("{ \"a\" -> { wait 1d } else -> {} }"));
  }

  @Test
  void addsAPackage() {
    String fixed = fixOnce("role Clerk\n", Code.E105, Compiler.Mode.GENERATE);
    assertTrue(fixed.startsWith("package dir\n\nrole Clerk"), fixed);
  }

  @Test
  void addsAnImport() {
    SourceFile other = new SourceFile("other.flow", "package com.acme.people\n\nrole Lead\n");
    String text = "package com.acme.work\n\nworkflow W {\n  owner Lead\n}\n";
    Compilation c = Compiler.check(List.of(other, new SourceFile("w.flow", text)));
    Diagnostic d = c.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
    assertEquals("add `import com.acme.people.Lead`", d.fixes().get(0).title());
    String fixed = apply(text, d.fixes().get(0));
    assertEquals("package com.acme.work\n\nimport com.acme.people.Lead\n\nworkflow W {\n  owner Lead\n}\n", fixed);
    assertFalse(Compiler.check(List.of(other, new SourceFile("w.flow", fixed))).hasErrors());
  }
}
