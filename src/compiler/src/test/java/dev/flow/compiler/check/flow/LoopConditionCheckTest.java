package dev.flow.compiler.check.flow;

import static dev.flow.compiler.check.flow.FlowTesting.atIn;
import static dev.flow.compiler.check.flow.FlowTesting.positions;
import static dev.flow.compiler.check.flow.FlowTesting.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.compiler.diag.Code;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopConditionCheckTest {
  private static final String INPUTS = "input pending: Bool\ninput deadline: Timestamp";

  @Test
  void conditionsThatChange() {
    String body = """
        let remaining: Int = 3
        while remaining > 0 {
          if pending {
            set remaining = remaining - 1
          }
        }
        repeat at most 3 times {
          approval review by Clerk within 1d
        } until review.approved
        while now() < deadline {
          wait 1h
        }
        let open: Bool = true
        while open and pending {
          step ask by Clerk within 1d { done: Bool }
          set open = not ask.done
        }
        """;
    assertEquals(List.of(), positions(Code.W006, workflow(INPUTS, body)));
  }

  @Test
  void conditionsThatNeverChange() {
    String body = """
        let remaining: Int = 3
        let calls: Int = 0
        while remaining > 0 {
          set calls = calls + 1
        }
        step estimate by Clerk within 1d { hours: Int }
        while estimate.hours > 8 and pending {
          step split by Clerk within 1d
        }
        repeat at most 2 times {
          step chase by Clerk within 1d
        } until calls > 2
        notify Clerk "{calls}"
        """;
    String source = workflow(INPUTS, body);
    assertEquals(List.of(
            atIn(source, "while remaining", "remaining"),
            atIn(source, "while estimate", "estimate"),
            atIn(source, "until calls", "calls")),
        positions(Code.W006, source));
  }

  @Test
  void constantConditionIsFineWithAWayOut() {
    String body = """
        while true {
          step poll by Clerk within 1d { ready: Bool }
          if poll.ready {
            go to finish
          }
        }
        step finish by Clerk within 1d
        while true {
          wait 1d
        }
        while pending {
          if now() > deadline {
            complete
          }
        }
        """;
    String source = workflow(INPUTS, body);
    assertEquals(List.of(atIn(source, "while true {\n    wait", "true"), atIn(source, "while pending", "pending")),
        positions(Code.W006, source));
  }

  /**
   * A {@code while true} in a branch of a plain {@code first} is ended by the {@code first} when another
   * branch ends (an auction taking bids until it closes: the Serverless Workflow car-auction model);
   * in a {@code first to start}, or in a {@code first} of one branch, nothing ends it.
   */
  @Test
  void constantConditionInAFirstBranchIsEndedByTheFirst() {
    String body = """
        first {
          branch bidding {
            while true {
              step bid by Clerk within 1d { amount: Int }
            }
          }
          branch closing {
            wait 1h
          }
        }
        first to start {
          branch polling {
            while true {
              wait 1d
            }
          }
          branch asked {
            step ask by Clerk within 1d
          }
        }
        first {
          branch alone {
            while true {
              wait 2d
            }
          }
        }
        """;
    String source = workflow(INPUTS, body);
    assertEquals(List.of(
            atIn(source, "while true {\n        wait 1d", "true"),
            atIn(source, "while true {\n        wait 2d", "true")),
        positions(Code.W006, source));
  }
}
