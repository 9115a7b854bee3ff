package dev.flow.compiler.check.flow;

import static dev.flow.compiler.check.flow.FlowTesting.at;
import static dev.flow.compiler.check.flow.FlowTesting.positions;
import static dev.flow.compiler.check.flow.FlowTesting.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.compiler.diag.Code;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnreachableCheckTest {
  private static final String INPUTS = "input flag: Bool\ninput items: List<Text>";

  private static List<String> e302(String body) {
    return positions(Code.E302, workflow(INPUTS, body));
  }

  @Test
  void afterEachEndingStatementOncePerBlock() {
    String body = """
        if flag {
          fail "no"
          notify Clerk "a"
          notify Clerk "b"
        }
        for each item in items {
          cancel "stop"
          wait 1d
        }
        step prepare by Clerk within 1d
        if not flag {
          go to prepare
          notify Clerk "c"
        }
        complete
        notify Clerk "d"
        """;
    String source = workflow(INPUTS, body);
    assertEquals(List.of(at(source, "notify Clerk \"a\""), at(source, "wait 1d"), at(source, "notify Clerk \"c\""),
        at(source, "notify Clerk \"d\"")), e302(body));
  }

  @Test
  void afterIfElseWhoseEveryArmEnds() {
    String body = """
        if flag {
          fail "no"
        } else {
          cancel "neither"
        }
        notify Clerk "never"
        """;
    assertEquals(List.of(at(workflow(INPUTS, body), "notify Clerk \"never\"")), e302(body));
  }

  @Test
  void afterIfWithoutElseOrALoopThatMayNotRun() {
    String body = """
        if flag {
          fail "no"
        }
        while flag {
          fail "no"
        }
        for each item in items {
          complete
        }
        notify Clerk "reachable"
        """;
    assertEquals(List.of(), e302(body));
  }

  @Test
  void afterRepeatTryFirstAndParallelThatAlwaysEnd() {
    String body = """
        repeat at most 2 times {
          fail "no"
        }
        notify Clerk "a"
        """;
    assertEquals(List.of(at(workflow(INPUTS, body), "notify Clerk \"a\"")), e302(body));
    String tryBody = """
        try {
          fail "no"
        } catch {
          cancel "caught"
        }
        notify Clerk "b"
        """;
    assertEquals(List.of(at(workflow(INPUTS, tryBody), "notify Clerk \"b\"")), e302(tryBody));
    String parallel = """
        parallel {
          branch a { fail "no" }
          branch b { notify Clerk "b" }
        }
        notify Clerk "c"
        """;
    assertEquals(List.of(at(workflow(INPUTS, parallel), "notify Clerk \"c\"")), e302(parallel));
    String conditional = """
        parallel {
          branch a when flag { fail "no" }
          branch b { notify Clerk "b" }
        }
        notify Clerk "c"
        """;
    assertEquals(List.of(), e302(conditional));
  }

  @Test
  void stepReachedByAForwardJumpIsReachable() {
    String body = """
        go to ship
        notify Clerk "skipped"
        step ship by Clerk within 1d
        notify Clerk "shipped"
        """;
    assertEquals(List.of(at(workflow(INPUTS, body), "notify Clerk \"skipped\"")), e302(body));
  }

  @Test
  void nestedBlocksOfAnUnreachableStatementAreNotReportedAgain() {
    String body = """
        cancel "stop"
        if flag {
          fail "no"
          notify Clerk "x"
        }
        """;
    assertEquals(List.of(at(workflow(INPUTS, body), "if flag")), e302(body));
  }

  @Test
  void conditionsAreNotEvaluated() {
    String body = """
        if true {
          fail "always"
        }
        notify Clerk "still reachable for the checker"
        """;
    assertEquals(List.of(), e302(body));
  }
}
