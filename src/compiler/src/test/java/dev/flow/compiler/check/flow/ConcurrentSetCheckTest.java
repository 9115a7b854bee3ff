package dev.flow.compiler.check.flow;

import static dev.flow.compiler.check.flow.FlowTesting.atIn;
import static dev.flow.compiler.check.flow.FlowTesting.reported;
import static dev.flow.compiler.check.flow.FlowTesting.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.compiler.diag.Code;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcurrentSetCheckTest {
  private static final String HEADER = "input items: List<Text>\noutput total: Int";

  @Test
  void outerVariableOrOutputFromAParallelBranch() {
    String body = """
        let count: Int = 0
        parallel {
          branch a {
            set count = count + 1
            set total = 1
          }
          branch b {
            let mine: Int = 0
            set mine = mine + 1
            notify Clerk "{mine}"
          }
        }
        set total = count
        """;
    String source = workflow(HEADER, body);
    assertEquals(List.of(
            atIn(source, "set count = count + 1", "count") + " cannot set variable `count` from inside a `parallel`"
                + " branch: it is declared outside it",
            atIn(source, "set total = 1", "total") + " cannot set output `total` from inside a `parallel` branch:"
                + " it is declared outside it"),
        reported(Code.E307, source));
  }

  @Test
  void parallelForEachBodyButNotASequentialOneOrAFirstBranch() {
    String body = """
        let count: Int = 0
        for each item in items in parallel {
          let local: Int = 1
          set local = local + 1
          set count = count + local
        }
        for each item in items {
          set count = count + 1
        }
        first {
          branch a { set count = 5 }
          branch b { wait 1d }
        }
        set total = count
        """;
    String source = workflow(HEADER, body);
    assertEquals(List.of(atIn(source, "set count = count + local", "count")
            + " cannot set variable `count` from inside a `for each … in parallel` body: it is declared outside it"),
        reported(Code.E307, source));
  }

  @Test
  void variableOfABranchSetFromANestedParallel() {
    String body = """
        parallel {
          branch a {
            let seen: Int = 0
            parallel {
              branch inner { set seen = 1 }
            }
            notify Clerk "{seen}"
          }
        }
        set total = 0
        """;
    String source = workflow(HEADER, body);
    assertEquals(List.of(atIn(source, "set seen = 1", "seen") + " cannot set variable `seen` from inside a"
        + " `parallel` branch: it is declared outside it"), reported(Code.E307, source));
  }
}
