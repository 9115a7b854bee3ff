package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SortedMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Names: Java keywords and names the generator uses itself get a suffix, clashes between Flow
 * names that are one name in Java are resolved, and Java's reachability rules are respected.
 */
class CodegenNamingTest {
  private static final String HEADER = """
      package com.acme.desk
      role Clerk
      system Drive { action createFolder(client: Text): Text }
      """;

  /** Generates and compiles; returns the sources. */
  private static SortedMap<String, String> compiled(String flow) {
    SortedMap<String, String> sources = GeneratedCode.generate(HEADER + flow);
    GeneratedCode.compile(sources);
    return sources;
  }

  @Nested
  class Identifiers {
    @Test
    void constantsAreUpperSnakeCase() {
      assertEquals("CREATE_FOLDER", JavaNames.constantName("createFolder"));
      assertEquals("STEP2B", JavaNames.constantName("step2b"));
      assertEquals("HTTP_CALL", JavaNames.constantName("HTTPCall"));
      assertEquals("DEFINITION", JavaNames.constantName("DEFINITION"));
    }

    @Test
    void connectorsAreLowerCamelCase() {
      assertEquals("drive", JavaNames.decapitalize("Drive"));
      assertEquals("hubSpot", JavaNames.decapitalize("HubSpot"));
      assertEquals("crm", JavaNames.decapitalize("CRM"));
      assertEquals("hrSystem", JavaNames.decapitalize("HRSystem"));
    }

    @Test
    void keywordSegmentsOfPackagesGetASuffix() {
      assertEquals("com.acme.new_.support", JavaNames.javaPackage("com.acme.new.support"));
    }

    @Test
    void theAllocatorSuffixesKeywordsAndTakenNames() {
      JavaNames.Allocator names = JavaNames.Allocator.of(java.util.Set.of("run"));
      assertEquals("class_", names.allocate("class"));
      assertEquals("run_", names.allocate("run"));
      assertEquals("x", names.allocate("x"));
      assertEquals("x_", names.allocate("x"));
      assertEquals("__", names.allocate("_"));
      JavaNames.Allocator types = JavaNames.Allocator.forTypes(java.util.Set.of());
      assertEquals("Report", types.allocate("Report"));
      assertEquals("REPORT_", types.allocate("REPORT"));
      assertEquals("record_", types.allocate("record"));
    }
  }

  @Nested
  class Clashes {
    @Test
    void aWorkflowNamedInputKeepsItsNestedRecordsApart() {
      SortedMap<String, String> java = compiled("""
          workflow Input {
            owner Clerk
            input x: Text
            step confirm by Clerk within 1d { ok: Bool }
          }
          """);
      String source = java.get("com/acme/desk/Input.java");
      assertTrue(source.contains("public final class Input implements Workflow<Input.Input_, Input.Output>"), source);
      assertTrue(source.contains("public record Input_(String x)"), source);
    }

    @Test
    void aFormNamedLikeItsWorkflowGetsASuffix() {
      String source = compiled("""
          workflow ReviewForm {
            owner Clerk
            step review by Clerk within 1d { ok: Bool }
          }
          """).get("com/acme/desk/ReviewForm.java");
      assertTrue(source.contains("public record ReviewForm_(boolean ok)"), source);
      assertTrue(source.contains("TaskStep<ReviewForm_> REVIEW"), source);
    }

    @Test
    void aFormNamedLikeATypeOfThePackageLeavesThatTypeReachable() {
      String source = compiled("""
          record ReviewForm { note: Text }
          workflow W {
            owner Clerk
            input earlier: ReviewForm
            step review by Clerk within 1d { ok: Bool }
            notify Clerk "{earlier.note} {review.ok}"
          }
          """).get("com/acme/desk/W.java");
      assertTrue(source.contains("public record Input(com.acme.desk.ReviewForm earlier)"), source);
      assertTrue(source.contains("public record ReviewForm(boolean ok)"), source);
    }

    @Test
    void stepsNamedLikeGeneratedMembersGetASuffix() {
      String source = compiled("""
          workflow W {
            owner Clerk
            output run: Text
            step run by Drive.createFolder(client: "a")
            step DEFINITION by Drive.createFolder(client: run)
            step outputs by Drive.createFolder(client: DEFINITION)
            set run = outputs
          }
          """).get("com/acme/desk/W.java");
      assertTrue(source.contains("private static final ActionStep<Drive, String> RUN = "), source);
      assertTrue(source.contains("private static final ActionStep<Drive, String> DEFINITION_ = "), source);
      assertTrue(source.contains("run_ = ctx.action(RUN, \"a\");"), source);
      assertTrue(source.contains("DEFINITION__ = ctx.action(DEFINITION_, run_);"), source);
      assertTrue(source.contains("run__ = outputs_;"), source);
      assertTrue(source.contains("return new Output(run__);"), source);
    }

    @Test
    void recordFieldsNamedLikeObjectsMethodsKeepTheirFlowName() {
      String source = compiled("""
          record Odd { hashCode: Text, class: Int }
          workflow W {
            owner Clerk
            input odd: Odd
            notify Clerk "{odd.hashCode} {odd.class}"
          }
          """).get("com/acme/desk/Odd.java");
      assertTrue(source.contains("public record Odd(@FlowName(\"hashCode\") String hashCode_, @FlowName(\"class\") long class_)"),
          source);
    }

    @Test
    void typeNamesThatDifferOnlyInCaseAreTwoFiles() {
      SortedMap<String, String> java = compiled("""
          record Report { x: Text }
          record REPORT { y: Text }
          record DeskModule { z: Text }
          """);
      assertTrue(java.containsKey("com/acme/desk/Report.java"));
      assertTrue(java.containsKey("com/acme/desk/REPORT_.java"));
      assertTrue(java.containsKey("com/acme/desk/DeskModule.java"));
      assertTrue(java.containsKey("com/acme/desk/DeskModule_.java"), java.keySet()::toString);
    }

    @Test
    void typesNamedLikeJavasAreQualified() {
      String source = compiled("""
          record String { value: Text }
          record Duration { days: Int }
          workflow W {
            owner Clerk
            input s: String
            input d: Duration
            wait 1d
            notify Clerk s.value
          }
          """).get("com/acme/desk/W.java");
      // `Duration` as a type is Flow's built-in one; the record is reached by no name here
      assertTrue(source.contains("public record Input(String s, java.time.Duration d)"), source);
      assertTrue(source.contains("ctx.await(java.time.Duration.ofDays(1));"), source);
    }

    @Test
    void aLoopVariableHidesNoConnectorAndNoField() {
      String source = compiled("""
          workflow W {
            owner Clerk
            input drives: List<Text>
            step drive by Drive.createFolder(client: "root")
            for each item in drives {
              let folder: Text = item
              step copy by Drive.createFolder(client: "{drive}/{folder}")
            }
          }
          """).get("com/acme/desk/W.java");
      assertTrue(source.contains("copy = ctx.action(COPY, drive + \"/\" + folder);"), source);
    }

    @Test
    void siblingVariablesWithOneNameGetTwoFields() {
      String source = compiled("""
          workflow W {
            owner Clerk
            input flag: Bool
            if flag {
              let a: Text = "x"
              notify Clerk a
            } else {
              let a: Int = 2
              notify Clerk "{a}"
            }
          }
          """).get("com/acme/desk/W.java");
      assertTrue(source.contains("private String a;"), source);
      assertTrue(source.contains("private long a_;"), source);
    }
  }

  @Nested
  class Reachability {
    @Test
    void noReturnAfterABodyThatAlwaysEnds() {
      String source = compiled("""
          enum Plan { Basic, Pro }
          workflow W {
            owner Clerk
            input plan: Plan
            input flag: Bool
            if flag {
              fail "no"
            } else {
              match plan {
                Basic -> { cancel "basic" }
                else -> { complete }
              }
            }
          }
          """).get("com/acme/desk/W.java");
      assertFalse(source.contains("return outputs();"), source);
    }

    @Test
    void aReturnAfterABodyThatMayGoOn() {
      String source = compiled("""
          enum Plan { Basic, Pro }
          workflow W {
            owner Clerk
            input plan: Plan
            match plan {
              Basic -> { cancel "basic" }
              Pro -> { fail "pro" }
            }
          }
          """).get("com/acme/desk/W.java");
      assertTrue(source.contains("return outputs();"), source);
    }

    @Test
    void aBodyEndingInFailHasNoReturn() {
      String source = compiled("""
          workflow W {
            owner Clerk
            step s by Drive.createFolder(client: "x")
            fail "always"
          }
          """).get("com/acme/desk/W.java");
      assertTrue(source.contains("throw ctx.fail(\"always\");\n  }"), source);
    }
  }
}
