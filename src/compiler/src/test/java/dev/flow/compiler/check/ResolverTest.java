package dev.flow.compiler.check;

import static dev.flow.compiler.check.CheckTesting.at;
import static dev.flow.compiler.check.CheckTesting.compile;
import static dev.flow.compiler.check.CheckTesting.only;
import static dev.flow.compiler.check.CheckTesting.reported;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.resolve.Symbol;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.DiagnosticRenderer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Name resolution: E100–E104 and W002. */
class ResolverTest {
  /** Declarations every case can use; each case adds a workflow that uses all of them it needs. */
  private static final String MODEL = """
      package com.acme.test

      role Clerk
      role Legal
      system Drive {
        action createFolder(client: Text): Text
        action share(folder: Text, email: Text)
      }
      enum Plan { Basic, Pro }
      event Ordered { client: Text, plan: Plan }
      """;

  private static String workflow(String body) {
    return MODEL + """

        workflow W {
          owner Clerk
          starts on Ordered
          input order: Ordered
        """ + body + "\n}\n";
  }

  // ---- E100 ------------------------------------------------------------------------------------

  @Test
  void unknownRoleHasLabelAndDidYouMean() {
    String src = workflow("  approval review by Clerc\n  step f by Drive.createFolder(client: order.client)\n"
        + "  notify Legal \"{f} {order.plan}\"");
    Diagnostic d = only(src);
    assertEquals("E100 " + at(src, "Clerc") + " unknown role `Clerc`",
        d.code() + " " + d.span().line() + ":" + d.span().column() + " " + d.message());
    String rendered = DiagnosticRenderer.render(d);
    assertEquals(true, rendered.contains("^^^^^ not declared in package com.acme.test"), rendered);
    assertEquals(true, rendered.contains("= help: did you mean `Clerk`?"), rendered);
  }

  @Test
  void unknownNamesOfEveryKind() {
    String src = MODEL + """
        workflow W {
          owner Clerk
          starts on Orderd
          starts after Nothing
          input order: Ordred
          step f by Drvie.createFolder(client: "x")
          call c: Missing(a: 1)
          receive r: Shipped
          let x = nobody
          notify Legal "{x} {order} {f} {c} {r} {Plan.Basic}"
        }
        """;
    assertEquals(List.of(
            "E100 " + at(src, "Orderd") + " unknown event `Orderd`",
            "E100 " + at(src, "Nothing") + " unknown workflow `Nothing`",
            "E100 " + at(src, "Ordred") + " unknown type `Ordred`",
            "E100 " + at(src, "Drvie") + " unknown system `Drvie`",
            "E100 " + at(src, "Missing") + " unknown workflow `Missing`",
            "E100 " + at(src, "Shipped") + " unknown event `Shipped`",
            "E100 " + at(src, "nobody") + " unknown name `nobody`"),
        reported(src));
  }

  @Test
  void unknownNameDeclaredInAnotherPackageSuggestsTheImport() {
    String shared = "package com.acme.shared\nrole Auditor\n";
    String src = "package com.acme.test\nrole Clerk\nworkflow W {\n  owner Clerk\n  approval a by Auditor\n}\n";
    Diagnostic d = compile(shared, src).diagnostics().stream()
        .filter(x -> x.code().name().equals("E100")).findFirst().orElseThrow();
    assertEquals("`Auditor` is declared in package com.acme.shared: add `import com.acme.shared.Auditor`",
        d.help().orElseThrow());
  }

  @Test
  void aTypoDoesNotAlsoMakeTheIntendedDeclarationUnused() {
    String src = MODEL + """
        workflow W {
          owner Clerk
          starts on Ordered
          input order: Ordered
          approval a by Legl
          step f by Drive.createFolder(client: order.client)
          notify Clerk "{f} {order.plan}"
        }
        """;
    assertEquals(List.of("E100 " + at(src, "Legl") + " unknown role `Legl`"), reported(src));
  }

  @Test
  void aRenamedDeclarationGivesItsE100sAndNoUnusedWarning() {
    String src = "package p\nrole Clark\nworkflow W {\n  owner Clerk\n  approval a by Clerk\n}\n";
    assertEquals(List.of("E100 4:9 unknown role `Clerk`", "E100 5:17 unknown role `Clerk`"), reported(src));
  }

  // ---- E101 ------------------------------------------------------------------------------------

  @Test
  void duplicateDeclarationAcrossKindsIsReportedAtTheSecondAndNotUnused() {
    String src = "package p\nrole Clerk\nrecord Clerk { a: Text }\n";
    assertEquals(List.of("E101 3:8 duplicate declaration `Clerk`"), reported(src));
  }

  @Test
  void duplicateAcrossFilesOfOnePackageIsAtTheSecondFile() {
    assertEquals(List.of("E101 b.flow:2:6 duplicate declaration `Clerk`"),
        reported("package p\nrole Clerk\n", "package p\nrole Clerk\n"));
  }

  @Test
  void sameNameInTwoPackagesIsFine() {
    assertEquals(List.of(), reported("package p\nrole Clerk\nprocess X { owner Clerk }\n",
        "package q\nrole Clerk\nprocess Y { owner Clerk }\n"));
  }

  @Test
  void duplicateMembers() {
    String src = """
        package p
        system S { action a(x: Text, x: Int) action a(y: Text) }
        record R { f: Text, f: Int }
        event E { g: Text
          g: Text }
        enum N { A, B, A }
        """;
    assertEquals(List.of(
            "W002 " + at(src, "S {") + " unused system `S`",
            "E101 " + at(src, "x: Int") + " duplicate parameter `x`",
            "E101 " + at(src, "a(y") + " duplicate action `a`",
            "W002 " + at(src, "R {") + " unused record `R`",
            "E101 " + at(src, "f: Int") + " duplicate field `f`",
            "W002 " + at(src, "E {") + " unused event `E`",
            "E101 " + at(src, "g: Text }") + " duplicate field `g`",
            "W002 " + at(src, "N {") + " unused enum `N`",
            "E101 " + at(src, "A }") + " duplicate enum constant `A`"),
        reported(src));
  }

  @Test
  void duplicateFormFieldIsE101() {
    String src = workflow("  step s by Clerk { a: Text, a: Int }\n  notify Legal \"{s.a} {order.plan}\"\n"
        + "  step f by Drive.createFolder(client: \"{f}\")");
    assertEquals(List.of("E101 " + at(src, "a: Int") + " duplicate field `a`"), reported(src));
  }

  // ---- E102 ------------------------------------------------------------------------------------

  @Test
  void wrongKindsOfNames() {
    String src = MODEL + """
        workflow W {
          owner Drive
          starts on Plan
          input order: Clerk
          approval a by Drive
          step f by Clerk.createFolder(client: "x")
          notify Legal via Legal "x"
          call c: Clerk()
          receive r: Ordered
        }
        """;
    assertEquals(List.of(
            "E102 " + at(src, "Drive\n") + " `Drive` is a system, not a role",
            "E102 " + at(src, "Plan\n") + " `Plan` is an enum, not an event",
            "E102 " + at(src, "Clerk\n  approval") + " `Clerk` is a role, not a type",
            "E102 " + at(src, "Drive\n  step") + " `Drive` is a system, not a role",
            "E102 " + at(src, "Clerk.create") + " `Clerk` is a role, not a system",
            "E102 " + at(src, "Legal \"") + " `Legal` is a role, not a system",
            "E102 " + at(src, "Clerk()") + " `Clerk` is a role, not a workflow"),
        reported(src));
  }

  @Test
  void setOnReadOnlyNamesIsE102AtTheName() {
    String src = workflow("""
          step f by Drive.createFolder(client: order.client)
          for each item in [1] { set item = 2 }
          try { set f = "x" } catch error { set error = error }
          set order = order
          set Clerk = 1
          notify Legal "{order.plan}"
        """);
    assertEquals(List.of(
            "E102 " + at(src, "item = 2") + " cannot set `item`: the variable of a `for each` is read-only",
            "E102 " + at(src, "f = \"x\"") + " cannot set step `f`: step results are read-only",
            "E102 " + at(src, "error = error") + " cannot set `error`: a caught error is read-only",
            "E102 " + at(src, "order = order") + " cannot set input `order`: inputs are read-only",
            "E102 " + at(src, "Clerk = 1") + " cannot set `Clerk`: it is a role, not a variable"),
        reported(src));
  }

  @Test
  void readingAnOutputIsE102() {
    String src = workflow(
        "  output total: Int\n  set total = 1\n  let t = total + 1\n  notify Legal via Drive \"{t} {order.plan}\"");
    assertEquals(List.of("E102 " + at(src, "total + 1") + " output `total` cannot be read"), reported(src));
  }

  @Test
  void setPicksTheOutputOverAnInputOfTheSameName() {
    String src = MODEL + """
        workflow W {
          owner Clerk
          input client: Text
          output client: Text
          set client = client
          notify Legal "{Plan.Basic}"
        }
        """;
    Compilation c = compile(src);
    assertEquals(List.of("W002 " + at(src, "Drive") + " unused system `Drive`",
        "W002 " + at(src, "Ordered") + " unused event `Ordered`"), reported(src));
    Stmt.Set set = (Stmt.Set) workflowBody(c).statements().get(0);
    assertInstanceOf(Symbol.OutputSymbol.class, c.model().orElseThrow().symbolOf(set.target()).orElseThrow());
    Expr.NameRef value = (Expr.NameRef) set.value();
    assertInstanceOf(Symbol.InputSymbol.class, c.model().orElseThrow().symbolOf(value.name()).orElseThrow());
  }

  // ---- E103 ------------------------------------------------------------------------------------

  private static final String SHARED = "package com.acme.shared\nrole Legal\nrole Auditor\nrecord Client { name: Text }\n";
  private static final String OTHER = "package com.acme.other\nrole Auditor\nrecord Client { id: Int }\n";

  @Test
  void importsThatMatchNothing() {
    String src = """
        package com.acme.test
        import com.acme.nope.*
        import com.acme.shared.Lgal
        import com.acme.shared
        import com.acme.nowhere.Legal
        role Clerk
        process P { owner Clerk stakeholders Legal }
        """;
    assertEquals(List.of(
            "E103 b.flow:2:8 import `com.acme.nope.*` matches nothing",
            "E103 b.flow:3:8 import `com.acme.shared.Lgal` matches nothing",
            "E103 b.flow:4:8 import `com.acme.shared` matches nothing",
            "E103 b.flow:5:8 import `com.acme.nowhere.Legal` matches nothing",
            "E100 b.flow:7:38 unknown role `Legal`"),
        reported(SHARED.replace("role Auditor\n", "role Auditor\nprocess S { owner Auditor }\n")
            .replace("record Client { name: Text }\n", ""), src));
  }

  @Test
  void twoExplicitImportsOfOneName() {
    String src = """
        package com.acme.test
        import com.acme.shared.Auditor
        import com.acme.other.Auditor
        import com.acme.shared.Auditor
        process P { owner Auditor }
        """;
    assertEquals(List.of(
            "E103 c.flow:3:8 `Auditor` is already imported from package com.acme.shared",
            "E103 c.flow:4:8 `Auditor` is imported twice"),
        reported(SHARED, OTHER, src).stream().filter(s -> s.startsWith("E")).toList());
  }

  @Test
  void declarationClashingWithAnExplicitImportIsAtTheDeclaration() {
    String src = "package com.acme.test\nimport com.acme.shared.Legal\nrole Legal\nprocess P { owner Legal }\n";
    assertEquals(List.of("E103 b.flow:3:6 `Legal` is declared in package com.acme.test"
            + " and imported from package com.acme.shared"),
        reported(SHARED, src).stream().filter(s -> s.startsWith("E")).toList());
  }

  @Test
  void declarationInAnotherFileOfThePackageClashesAtTheImport() {
    String src = "package com.acme.test\nimport com.acme.shared.Legal\nprocess P { owner Legal }\n";
    String sibling = "package com.acme.test\nrole Legal\n";
    assertEquals(List.of("E103 b.flow:2:8 `Legal` is declared in package com.acme.test"
            + " and imported from package com.acme.shared"),
        reported(SHARED, src, sibling).stream().filter(s -> s.startsWith("E")).toList());
  }

  @Test
  void wildcardConflictOnlyWhereUsed() {
    String src = """
        package com.acme.test
        import com.acme.shared.*
        import com.acme.other.*
        process P { owner Legal stakeholders Auditor }
        workflow W { input c: Client }
        """;
    assertEquals(List.of(
            "E103 c.flow:4:38 `Auditor` is ambiguous: it is imported from package com.acme.other and package com.acme.shared",
            "E103 c.flow:5:23 `Client` is ambiguous: it is imported from package com.acme.other and package com.acme.shared"),
        reported(SHARED, OTHER, src));
  }

  @Test
  void packageDeclarationHidesAWildcardImportAndExplicitImportsResolve() {
    String src = """
        package com.acme.test
        import com.acme.shared.*
        import com.acme.other.*
        import com.acme.other.Client
        role Auditor
        process P { owner Legal stakeholders Auditor }
        workflow W { input c: Client  notify Legal "{c.id}" }
        """;
    assertEquals(List.of(), reported(SHARED, OTHER, src).stream().filter(s -> s.contains("c.flow")).toList());
  }

  @Test
  void namesOfOnePackageAreVisibleAcrossItsFilesWithoutImport() {
    assertEquals(List.of(), reported("package p\nrole Clerk\n", "package p\nprocess P { owner Clerk }\n"));
  }

  // ---- E104 ------------------------------------------------------------------------------------

  @Test
  void duplicateStepAndBranchNames() {
    String src = workflow("""
          if true { approval check by Legal } else { approval check by Legal }
          parallel { branch check { } branch b2 { } branch b2 { } }
          step order by Clerk
          notify Legal "{order.plan}"
          step f by Drive.createFolder(client: "{f}")
        """);
    assertEquals(List.of(
            "E104 " + at(src, "check", 2, 0) + " duplicate name `check`",
            "E104 " + at(src, "check", 3, 0) + " duplicate name `check`",
            "E104 " + at(src, "b2", 2, 0) + " duplicate name `b2`",
            "E104 " + at(src, "order by") + " duplicate name `order`"),
        reported(src));
  }

  @Test
  void variablesThatHideAnInputAStepOrAVisibleVariable() {
    String src = workflow("""
          let x = 1
          if true { let x = 2 }
          let order = 3
          for each x in [1] { }
          let f = 4
          step f by Drive.createFolder(client: "{x}")
          try { fail "no" } catch order { }
          notify Legal "{order.plan}"
        """);
    assertEquals(List.of(
            "E104 " + at(src, "x = 2") + " duplicate name `x`",
            "E104 " + at(src, "order = 3") + " duplicate name `order`",
            "E104 " + at(src, "x in") + " duplicate name `x`",
            "E104 " + at(src, "f by") + " duplicate name `f`",
            "E104 " + at(src, "order {") + " duplicate name `order`"),
        reported(src));
  }

  @Test
  void siblingBlocksAndLaterStatementsMayReuseANameAndOutputsHaveTheirOwnNamespace() {
    String src = workflow("""
          output total: Int
          if true { let t = 1 notify Legal "{t}" } else { let t = 2 notify Legal "{t}" }
          let t = 3
          let total = t
          set total = total + 1
          notify Legal "{total} {order.plan}"
          step f by Drive.createFolder(client: "{f}")
        """);
    assertEquals(List.of(), reported(src));
  }

  // ---- W002 ------------------------------------------------------------------------------------

  @Test
  void unusedDeclarationsAndVariables() {
    String src = """
        package p
        role Clerk
        role Idle
        system Unused
        record Loop { next: Loop? }
        enum Plan { A }
        event Never { x: Text }
        workflow W {
          owner Clerk
          let assigned = 1
          set assigned = 2
          let never = 1
        }
        """;
    assertEquals(List.of(
            "W002 3:6 unused role `Idle`",
            "W002 4:8 unused system `Unused`",
            "W002 5:8 unused record `Loop`",
            "W002 6:6 unused enum `Plan`",
            "W002 7:7 unused event `Never`",
            "W002 10:7 unused variable `assigned`",
            "W002 12:7 unused variable `never`"),
        reported(src));
  }

  @Test
  void whatCountsAsAUse() {
    String src = """
        package p
        role Clerk
        role Boss
        role Told
        system Mail
        system Drive { action put(x: Text) }
        enum Plan { A }
        event Done { x: Text }
        record Box { plan: Plan }
        workflow W {
          owner Clerk
          deadline 1d escalate to Boss
          input box: Box
          step s by Drive.put(x: "x")
          let p = Plan.A
          receive d: Done
          notify Told via Mail "{p} {d.x} {box.plan}"
        }
        """;
    assertEquals(List.of(), reported(src));
  }

  // ---- the model -------------------------------------------------------------------------------

  @Test
  void theModelRecordsDeclarationsSymbolsAndTypes() {
    String src = workflow("  approval review by Legal\n  let ok = review.approved\n"
        + "  step f by Drive.createFolder(client: order.client)\n  notify Legal \"{ok} {f} {order.plan}\"");
    Compilation c = compile(src);
    assertEquals(List.of(), reported(src));
    SemanticModel model = c.model().orElseThrow();
    Decl.WorkflowDecl w = (Decl.WorkflowDecl) model.declarations().stream()
        .filter(d -> d.name().text().equals("W")).findFirst().orElseThrow();
    Stmt.Approval review = (Stmt.Approval) w.body().statements().get(0);
    assertSame(model.declarations().get(1), model.declarationOf(review.role()).orElseThrow());
    Stmt.Let ok = (Stmt.Let) w.body().statements().get(1);
    Expr.FieldAccess read = (Expr.FieldAccess) ok.value();
    Expr.NameRef target = (Expr.NameRef) read.target();
    assertEquals(new Symbol.StepSymbol(review), model.symbolOf(target.name()).orElseThrow());
    assertEquals("Bool", model.typeOf(read).display());
    assertEquals("{ approved: Bool, comment: Text?, completedBy: Text, completedAt: Timestamp }", model.typeOf(target).display());
    assertEquals("Ordered", model.typeOf(w.inputs().get(0).type()).display());
    assertSame(model.declarations().get(4), model.declarationOf(w.inputs().get(0).type().name()).orElseThrow());
    assertEquals("com.acme.test", model.packageOf(w));
  }

  private static dev.flow.compiler.ast.Block workflowBody(Compilation c) {
    return c.model().orElseThrow().declarations().stream()
        .filter(d -> d instanceof Decl.WorkflowDecl).map(d -> ((Decl.WorkflowDecl) d).body())
        .findFirst().orElseThrow();
  }
}
