package dev.flow.compiler.check.flow;

import static dev.flow.compiler.check.flow.FlowTesting.at;
import static dev.flow.compiler.check.flow.FlowTesting.check;
import static dev.flow.compiler.check.flow.FlowTesting.positions;
import static dev.flow.compiler.check.flow.FlowTesting.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepHasRunCheckTest {
  private static final String INPUTS = "input flag: Bool\ninput items: List<Text>";

  private static List<String> e300(String body) {
    return positions(Code.E300, workflow(INPUTS, body));
  }

  private static String source(String body) {
    return workflow(INPUTS, body);
  }

  @Test
  void readAfterIfWithoutElse() {
    String body = """
        if flag {
          approval review by Legal within 1d
        }
        notify Clerk "approved: {review.approved}"
        """;
    assertEquals(List.of(at(source(body), "review.approved")), e300(body));
  }

  @Test
  void noteSaysWhy() {
    String body = """
        if flag {
          approval review by Legal within 1d
        }
        notify Clerk "approved: {review.approved}"
        """;
    Diagnostic d = check(source(body)).stream().filter(x -> x.code() == Code.E300).findFirst().orElseThrow();
    assertEquals("step `review` may not have run here", d.message());
    assertTrue(d.notes().get(0).contains("runs only when the condition of the `if`"), d.notes().toString());
  }

  @Test
  void everyArmRunsTheStepOrEnds() {
    String body = """
        if flag {
          approval review by Legal within 1d
        } else {
          fail "no review"
        }
        notify Clerk "approved: {review.approved}"
        """;
    assertEquals(List.of(), e300(body));
  }

  @Test
  void ifWithoutElseWhoseArmEnds() {
    String body = """
        if flag {
          cancel "not now"
        }
        approval review by Legal within 1d
        notify Clerk "approved: {review.approved}"
        """;
    assertEquals(List.of(), e300(body));
  }

  @Test
  void matchArmsThatAllRunItOrEnd() {
    String source = FlowTesting.model("W") + """

        enum Tier { Basic, Pro }

        workflow W {
          owner Clerk
          input tier: Tier
          match tier {
            Basic -> { cancel "basic" }
            Pro -> { approval review by Legal within 1d }
          }
          notify Clerk "approved: {review.approved}"
        }
        """;
    assertEquals(List.of(), positions(Code.E300, source));
  }

  @Test
  void matchArmWithoutTheStep() {
    String source = FlowTesting.model("W") + """

        enum Tier { Basic, Pro }

        workflow W {
          owner Clerk
          input tier: Tier
          match tier {
            Basic -> { notify Clerk "basic" }
            Pro -> { approval review by Legal within 1d }
          }
          notify Clerk "approved: {review.approved}"
        }
        """;
    assertEquals(List.of(at(source, "review.approved")), positions(Code.E300, source));
  }

  @Test
  void loopsThatMayRunZeroTimes() {
    String body = """
        for each item in items {
          step file by Drive.createFolder(client: item)
          notify Clerk "filed in {file}"
        }
        let n: Int = 0
        while n < 3 {
          step ask by Clerk within 1d { answer: Text }
          set n = n + 1
        }
        notify Clerk "{file} {ask.answer}"
        """;
    String source = source(body);
    assertEquals(List.of(at(source, "file} {ask"), at(source, "ask.answer")), e300(body));
  }

  @Test
  void repeatBodyRunsAtLeastOnce() {
    String body = """
        repeat at most 3 times {
          approval review by Legal within 1d
        } until review.approved
        notify Clerk "approved: {review.approved}"
        """;
    assertEquals(List.of(), e300(body));
  }

  @Test
  void stepReadInItsOwnLoopBodyBeforeItRuns() {
    String body = """
        repeat at most 3 times {
          notify Clerk "last time: {review.comment ?? "none"}"
          approval review by Legal within 1d
        } until review.approved
        """;
    String source = source(body);
    assertEquals(List.of(at(source, "review.comment")), e300(body));
    Diagnostic d = check(source).stream().filter(x -> x.code() == Code.E300).findFirst().orElseThrow();
    assertTrue(d.notes().get(0).contains("first round"), d.notes().toString());
  }

  @Test
  void parallelBranchesWithAndWithoutWhen() {
    String body = """
        parallel {
          branch legal when flag { approval legalReview by Legal within 2d }
          branch prep { step prepare by Clerk within 1d { notes: Text } }
        }
        notify Clerk "{prepare.notes}; legal: {legalReview.approved}"
        """;
    assertEquals(List.of(at(source(body), "legalReview.approved")), e300(body));
  }

  @Test
  void siblingParallelBranchMayNotHaveRun() {
    String body = """
        parallel {
          branch legal { approval legalReview by Legal within 2d }
          branch prep { notify Clerk "legal said {legalReview.approved}" }
        }
        """;
    String source = source(body);
    assertEquals(List.of(at(source, "legalReview.approved")), e300(body));
    Diagnostic d = check(source).stream().filter(x -> x.code() == Code.E300).findFirst().orElseThrow();
    assertTrue(d.notes().get(0).contains("another branch of the `parallel`"), d.notes().toString());
  }

  @Test
  void firstBranches() {
    String body = """
        first {
          branch signed { receive yes: OrderPlaced where yes.id == "1" }
          branch silence { wait 3d }
        }
        notify Clerk "{yes.id}"
        """;
    assertEquals(List.of(at(source(body), "yes.id}")), e300(body));
  }

  @Test
  void firstWhoseOtherBranchesEnd() {
    String body = """
        first {
          branch signed { receive yes: OrderPlaced where yes.id == "1" }
          branch silence { wait 3d  cancel "no answer" }
        }
        notify Clerk "{yes.id}"
        """;
    assertEquals(List.of(), e300(body));
  }

  @Test
  void tryWhoseCatchGoesOnOrEnds() {
    String goesOn = """
        try {
          step make by Drive.createFolder(client: "x")
        } catch error {
          notify Clerk "failed at {error.step}"
        }
        notify Clerk "{make}"
        """;
    assertEquals(List.of(at(source(goesOn), "make}")), e300(goesOn));
    String ends = """
        try {
          step make by Drive.createFolder(client: "x")
        } catch error {
          fail "failed at {error.step}"
        }
        notify Clerk "{make}"
        """;
    assertEquals(List.of(), e300(ends));
  }

  @Test
  void catchMayStartBeforeTheTryRanAnything() {
    String body = """
        try {
          step make by Drive.createFolder(client: "x")
        } catch {
          notify Clerk "made {make}"
          fail "no folder"
        }
        """;
    assertEquals(List.of(at(source(body), "make}")), e300(body));
  }

  @Test
  void forwardGoToSkipsAStep() {
    String body = """
        if flag {
          go to ship
        }
        step pack by Clerk within 1d { box: Text }
        step ship by Clerk within 1d
        notify Clerk "shipped in {pack.box}"
        """;
    assertEquals(List.of(at(source(body), "pack.box")), e300(body));
  }

  @Test
  void backwardGoToForRework() {
    String body = """
        step draft by Clerk within 1d { link: Text }
        approval review by Legal within 1d
        if not review.approved {
          notify Clerk "rework {draft.link}"
          go to draft
        }
        notify Clerk "done: {draft.link}"
        """;
    assertEquals(List.of(), e300(body));
  }

  @Test
  void backwardGoToIntoCodeThatReadsALaterStep() {
    String body = """
        step draft by Clerk within 1d { link: Text }
        if flag {
          approval review by Legal within 1d
          go to draft
        }
        """;
    assertEquals(List.of(), e300(body));
  }

  @Test
  void receiveWhereAndCompensationReadTheirOwnStep() {
    String body = """
        receive order: OrderPlaced where order.urgent
        step make by Drive.createFolder(client: order.id) compensate with Drive.share(folder: make, email: "x")
        """;
    assertEquals(List.of(), e300(body));
  }

  @Test
  void stepReadInItsOwnArguments() {
    String body = """
        step make by Drive.createFolder(client: make)
        """;
    assertEquals(List.of(at(source(body), "make)")), e300(body));
  }

  @Test
  void unreachableReadIsOnlyE302() {
    String body = """
        if flag {
          approval review by Legal within 1d
        }
        fail "stop"
        notify Clerk "{review.approved}"
        """;
    List<Diagnostic> all = check(source(body));
    assertEquals(List.of(), all.stream().filter(d -> d.code() == Code.E300).toList());
    assertEquals(1, all.stream().filter(d -> d.code() == Code.E302).count());
  }
}
