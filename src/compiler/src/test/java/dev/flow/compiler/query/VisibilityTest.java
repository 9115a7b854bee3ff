package dev.flow.compiler.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.source.SourceFile;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VisibilityTest {
  private final Compilation compilation = Compiler.check(List.of(
      new SourceFile("shared.flow", "package com.acme.shared\nrole Clerk\nrole Auditor\nrecord Address { street: Text }\n"),
      new SourceFile("other.flow", "package com.acme.other\nrole Boss\n"),
      new SourceFile("main.flow", """
          package com.acme.main
          import com.acme.shared.*
          import com.acme.other.Boss
          role Manager
          """)));

  @Test
  void aFileSeesItsPackageAndItsImports() {
    Visibility v = Visibility.of(compilation.model().orElseThrow());
    CompilationUnit main = compilation.units().get(2);
    List<String> roles = v.visibleFrom(main, d -> d instanceof Decl.RoleDecl).stream()
        .map(d -> d.name().text()).toList();
    assertEquals(List.of("Auditor", "Boss", "Clerk", "Manager"), roles);
    assertEquals("Address", v.lookup(main, "Address").orElseThrow().name().text());
    assertTrue(v.lookup(compilation.units().get(1), "Clerk").isEmpty());
  }

  @Test
  void packagesAndTheirDeclarations() {
    Visibility v = Visibility.of(compilation.model().orElseThrow());
    assertEquals(Set.of("com.acme.shared", "com.acme.other", "com.acme.main"), v.packages());
    assertEquals(List.of("Clerk", "Auditor", "Address"),
        v.declarationsOf("com.acme.shared").stream().map(d -> d.name().text()).toList());
  }
}
