package dev.flow.compiler.check.flow;

import static dev.flow.compiler.check.flow.FlowTesting.at;
import static dev.flow.compiler.check.flow.FlowTesting.positions;
import static dev.flow.compiler.check.flow.FlowTesting.reported;
import static dev.flow.compiler.check.flow.FlowTesting.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.compiler.diag.Code;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputAssignedCheckTest {
  private static final String HEADER = "input flag: Bool\ninput items: List<Text>\noutput folder: Text\noutput note: Text?";

  @Test
  void everyPathAssignsEveryOutput() {
    String body = """
        if flag {
          set folder = "a"
        } else {
          set folder = "b"
        }
        set note = none
        """;
    assertEquals(List.of(), positions(Code.E301, workflow(HEADER, body)));
  }

  @Test
  void outputMissingAtTheEndIsReportedAtItsDeclaration() {
    String body = """
        if flag {
          set folder = "a"
        }
        """;
    String source = workflow(HEADER, body);
    assertEquals(List.of(
            at(source, "output folder") + " output `folder` is not assigned on every path to the end of workflow `W`",
            at(source, "output note") + " output `note` is not assigned on every path to the end of workflow `W`"),
        reported(Code.E301, source));
  }

  @Test
  void completeReportsEveryMissingOutputOnce() {
    String body = """
        if flag {
          complete
        }
        set folder = "a"
        set note = none
        """;
    String source = workflow(HEADER, body);
    assertEquals(List.of(at(source, "complete") + " outputs `folder` and `note` are not assigned on every path to"
        + " this `complete`"), reported(Code.E301, source));
  }

  @Test
  void pathsThatFailCancelOrJumpNeedNothing() {
    String body = """
        step draft by Clerk within 1d { link: Text }
        approval review by Legal within 1d
        if not review.approved {
          go to draft
        }
        if flag {
          fail "no"
        }
        for each item in items {
          cancel "stop"
        }
        set folder = draft.link
        set note = none
        """;
    assertEquals(List.of(), positions(Code.E301, workflow(HEADER, body)));
  }

  @Test
  void assignedInALoopOrATryWhoseCatchGoesOn() {
    String body = """
        for each item in items {
          set folder = item
        }
        try {
          step make by Drive.createFolder(client: "x")
          set note = make
        } catch {
          notify Clerk "failed"
        }
        """;
    String source = workflow(HEADER, body);
    assertEquals(List.of(at(source, "output folder"), at(source, "output note")), positions(Code.E301, source));
  }

  @Test
  void repeatAndFirstBranchesThatEnd() {
    String body = """
        repeat at most 2 times {
          set folder = "a"
        }
        first {
          branch yes { receive order: OrderPlaced  set note = order.id }
          branch no { wait 1d  cancel "silence" }
        }
        """;
    assertEquals(List.of(), positions(Code.E301, workflow(HEADER, body)));
  }

  @Test
  void parallelBranchWithoutWhenAlwaysAssigns() {
    String body = """
        let unused: Int = 0
        parallel {
          branch a { step make by Drive.createFolder(client: "x") }
          branch b when flag { notify Clerk "b" }
        }
        set folder = make
        set note = none
        notify Clerk "{unused}"
        """;
    assertEquals(List.of(), positions(Code.E301, workflow(HEADER, body)));
  }

  @Test
  void workflowWhoseEveryPathEndsNeedsNoOutputAtTheEnd() {
    String body = """
        fail "never completes"
        """;
    assertEquals(List.of(), positions(Code.E301, workflow(HEADER, body)));
  }
}
