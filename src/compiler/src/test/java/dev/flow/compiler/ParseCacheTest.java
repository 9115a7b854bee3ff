package dev.flow.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParseCacheTest {
  private static final String MODEL = "package com.acme.cache\n\nrole Clerk\n\nworkflow Tidy {\n  owner Clerk\n"
      + "  step sweep by Clerk {\n    done: Bool\n  }\n}\n";

  @Test
  void anUnchangedFileKeepsItsParsedUnitAndAChangedOneIsParsedAgain() {
    ParseCache cache = new ParseCache();
    SourceFile model = new SourceFile("model.flow", MODEL);
    SourceFile other = new SourceFile("other.flow", "package com.acme.cache\n\nrole Auditor\n");
    Compilation first = Compiler.compile(List.of(model, other), Compiler.Mode.CHECK, cache);
    SourceFile edited = new SourceFile("other.flow", "package com.acme.cache\n\nrole Inspector\n");
    Compilation second = Compiler.compile(List.of(model, edited), Compiler.Mode.CHECK, cache);
    assertSame(first.units().get(0), second.units().get(0));
    assertNotSame(first.units().get(1), second.units().get(1));
    assertEquals("Inspector", second.units().get(1).declarations().get(0).name().text());
    Compilation fresh = Compiler.compile(List.of(model, edited), Compiler.Mode.CHECK);
    assertEquals(fresh.diagnostics().toString(), second.diagnostics().toString());
  }

  @Test
  void aFileWithSyntaxErrorsGivesTheSameDiagnosticsFromTheCache() {
    ParseCache cache = new ParseCache();
    SourceFile broken = new SourceFile("broken.flow", "package com.acme.cache\n\nworkflow {\n");
    Compilation first = Compiler.compile(List.of(broken), Compiler.Mode.CHECK, cache);
    Compilation second = Compiler.compile(List.of(broken), Compiler.Mode.CHECK, cache);
    assertTrue(first.hasErrors());
    assertEquals(first.diagnostics(), second.diagnostics());
    assertEquals(Compiler.check(List.of(broken)).diagnostics(), second.diagnostics());
  }
}
