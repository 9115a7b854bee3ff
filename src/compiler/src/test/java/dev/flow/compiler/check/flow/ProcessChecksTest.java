package dev.flow.compiler.check.flow;

import static dev.flow.compiler.check.flow.FlowTesting.at;
import static dev.flow.compiler.check.flow.FlowTesting.atIn;
import static dev.flow.compiler.check.flow.FlowTesting.checkFiles;
import static dev.flow.compiler.check.flow.FlowTesting.reported;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** E101 (clauses and list entries), E306, W003 and W004: the checks on processes and headers. */
class ProcessChecksTest {
  private static final String MODEL = """
      package com.acme.test

      role Clerk
      role Legal

      process Orders {
        category operational
        goal "Every order is handled"
        owner Clerk
        stakeholders Legal
        workflows Confirm, Ship
      }

      workflow Confirm {
        owner Clerk
        step confirm by Clerk within 1d
      }

      workflow Ship {
        owner Legal
        step ship by Clerk within 1d
      }
      """;

  @Test
  void wellFormedProcessGetsNothing() {
    List<Diagnostic> all = FlowTesting.check(MODEL);
    for (Code c : List.of(Code.E101, Code.E306, Code.W003, Code.W004)) {
      assertEquals(List.of(), reported(c, all));
    }
  }

  @Test
  void duplicateClausesAtTheSecondKeyword() {
    String source = MODEL
        .replace("  owner Clerk\n  stakeholders", "  owner Clerk\n  goal \"again\"\n  owner Legal\n  stakeholders")
        .replace("  owner Legal\n  step ship", "  owner Legal\n  deadline 2d\n  version 2\n  deadline 3d\n"
            + "  version 3\n  input a: Int?\n  input b: Int?\n  starts manually\n  starts every \"0 9 * * *\"\n  step ship")
        .replace("step ship by", "notify Clerk \"{a} {b}\"\n  step ship by");
    assertEquals(List.of(
            at(source, "goal \"again\"") + " duplicate clause `goal` in process `Orders`",
            at(source, "owner Legal") + " duplicate clause `owner` in process `Orders`",
            at(source, "deadline 3d") + " duplicate clause `deadline` in workflow `Ship`",
            at(source, "version 3") + " duplicate clause `version` in workflow `Ship`"),
        reported(Code.E101, source));
  }

  @Test
  void sameTriggerOrMeasureNameTwice() {
    String source = MODEL
        .replace("  workflows Confirm, Ship\n", "  workflows Confirm, Ship\n"
            + "  measure cycle from Confirm.start to Ship.end\n"
            + "  measure cycle from Confirm.start to Confirm.end\n"
            + "  measure other from Confirm.start to Confirm.confirm\n")
        .replace("  owner Legal\n", "  owner Legal\n  starts manually\n  starts every \"0 9 * * *\"\n"
            + "  starts after Confirm\n  starts every \"0  9 * *   *\"\n  starts manually\n");
    assertEquals(List.of(
            atIn(source, "measure cycle from Confirm.start to Confirm.end", "cycle")
                + " duplicate measure `cycle` in process `Orders`",
            at(source, "starts every \"0  9") + " duplicate trigger `starts every \"0 9 * * *\"` in workflow `Ship`",
            at(source, "starts manually", 2) + " duplicate trigger `starts manually` in workflow `Ship`"),
        reported(Code.E101, source));
  }

  @Test
  void nameListedTwiceInOneClause() {
    String source = MODEL.replace("workflows Confirm, Ship", "workflows Confirm, Ship, Confirm")
        .replace("stakeholders Legal", "stakeholders Legal, Legal");
    assertEquals(List.of(
            atIn(source, "Legal, Legal", ", Legal", 2) + " stakeholder `Legal` is listed twice in process `Orders`",
            atIn(source, "Ship, Confirm", ", Confirm", 2) + " workflow `Confirm` is listed twice in process `Orders`"),
        reported(Code.E101, source));
  }

  @Test
  void workflowInSeveralProcessesAtEveryListingAfterTheFirst() {
    String source = MODEL + """

        process Shipping {
          category support
          goal "Everything ships"
          owner Clerk
          workflows Ship
        }

        process Audit {
          category management
          goal "Everything is audited"
          owner Legal
          workflows Confirm, Ship
        }
        """;
    assertEquals(List.of(
            atIn(source, "workflows Ship\n", "Ship", 0) + " workflow `Ship` is already in process `Orders`",
            atIn(source, "owner Legal\n  workflows Confirm, Ship", "Confirm", 0)
                + " workflow `Confirm` is already in process `Orders`",
            atIn(source, "owner Legal\n  workflows Confirm, Ship", "Ship", 0)
                + " workflow `Ship` is already in process `Orders`"),
        reported(Code.E306, source));
  }

  @Test
  void workflowInNoProcessAcrossFiles() {
    String a = """
        package com.acme.test

        role Clerk

        process Orders {
          category operational
          goal "Every order is handled"
          owner Clerk
          workflows Confirm
        }
        """;
    String b = """
        package com.acme.test

        workflow Confirm {
          owner Clerk
          step confirm by Clerk within 1d
        }

        workflow Forgotten {
          owner Clerk
          step forget by Clerk within 1d
        }
        """;
    List<Diagnostic> all = checkFiles(a, b);
    List<Diagnostic> w003 = all.stream().filter(d -> d.code() == Code.W003).toList();
    assertEquals(1, w003.size());
    assertEquals("b.flow", w003.get(0).span().fileName());
    assertEquals(at(b, "Forgotten") + " workflow `Forgotten` is in no process", reported(Code.W003, all).get(0));
  }

  @Test
  void missingOwnerGoalCategory() {
    String source = MODEL
        .replace("  category operational\n", "")
        .replace("  goal \"Every order is handled\"\n", "")
        .replace("  owner Legal\n", "");
    assertEquals(List.of(
            at(source, "Orders") + " process `Orders` has no `goal` or `category`",
            at(source, "Ship {") + " workflow `Ship` has no `owner`"),
        reported(Code.W004, source));
    String noOwner = MODEL.replace("  owner Clerk\n  stakeholders", "  stakeholders");
    assertEquals(List.of(at(noOwner, "Orders") + " process `Orders` has no `owner`"), reported(Code.W004, noOwner));
  }

  @Test
  void milestoneStepsAreFoundInNestedBlocksAndAnUnknownOneIsReportedOnce() {
    String source = MODEL
        .replace("  workflows Confirm, Ship\n", "  workflows Confirm, Ship\n"
            + "  measure checked \"Nested\" from Confirm.start to Confirm.recheck target 1d\n"
            + "  measure looped \"In a loop\" from Confirm.confirm to Confirm.inLoop target 1d\n"
            + "  measure typo \"Unknown\" from Confirm.start to Confirm.rechek target 1d\n")
        .replace("  step confirm by Clerk within 1d\n", "  step confirm by Clerk within 1d\n"
            + "  if true {\n    step recheck by Clerk within 1d\n  }\n"
            + "  repeat at most 2 times {\n    step inLoop by Clerk within 1d\n  }\n");
    List<String> found = reported(Code.E201, source);
    assertEquals(1, found.size(), found.toString());
    assertEquals(at(source, "rechek") + " unknown step `rechek` of workflow `Confirm`", found.get(0));
  }
}
